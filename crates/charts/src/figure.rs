//! Validation and preparation: turns a chart into ranges, shapes in data
//! coordinates and legend entries, independent of the drawing backend.

use crate::scale;
use crate::{Error, LineChart, PALETTE, StackedChart};

/// An RGB colour from [`PALETTE`].
pub type Rgb = (u8, u8, u8);

/// A validated chart, ready to draw.
#[derive(Debug)]
pub struct Figure<'a> {
    pub title: &'a str,
    pub x_label: &'a str,
    pub y_label: &'a str,
    pub x_range: (f64, f64),
    pub y_range: (f64, f64),
    /// Drawn first, under the markers (bands, stacked areas).
    pub underlay: Vec<Shape>,
    /// Drawn last, over the markers (lines, dots).
    pub overlay: Vec<Shape>,
    pub markers: Vec<(f64, &'a str)>,
    pub legend: Vec<LegendEntry>,
}

/// A primitive in data coordinates.
#[derive(Debug, PartialEq)]
pub enum Shape {
    /// A filled polygon.
    Area {
        outline: Vec<(f64, f64)>,
        colour: Rgb,
        opacity: f64,
    },
    /// A polyline; `width` is in (unscaled) pixels.
    Line {
        points: Vec<(f64, f64)>,
        colour: Rgb,
        width: f64,
        opacity: f64,
    },
    /// An isolated data point.
    Dot { at: (f64, f64), colour: Rgb },
}

/// One legend row.
#[derive(Debug, PartialEq)]
pub struct LegendEntry {
    pub name: String,
    pub colour: Rgb,
    pub swatch: Swatch,
}

/// How a legend row's sample is drawn.
#[derive(Debug, PartialEq)]
pub enum Swatch {
    /// A line sample, over a shaded box when the series has a band.
    Line { band: bool },
    /// A filled square (stacked layers).
    Block,
}

const LINE_WIDTH: f64 = 2.0;
const BAND_OPACITY: f64 = 0.2;

fn colour(index: usize) -> Rgb {
    PALETTE[index % PALETTE.len()]
}

fn empty(title: &str, reason: &str) -> Error {
    Error::Empty {
        title: title.to_owned(),
        reason: reason.to_owned(),
    }
}

fn invalid(title: &str, reason: String) -> Error {
    Error::InvalidData {
        title: title.to_owned(),
        reason,
    }
}

/// Entries with a finite x, in x order (stable, so ties keep their order).
fn sorted_by_x<T: Copy>(items: &[T], x: impl Fn(&T) -> f64) -> Vec<T> {
    let mut kept: Vec<T> = items.iter().copied().filter(|i| x(i).is_finite()).collect();
    kept.sort_by(|a, b| x(a).total_cmp(&x(b)));
    kept
}

/// Validates a line chart and lays out its shapes.
pub fn line(chart: &LineChart) -> Result<Figure<'_>, Error> {
    let title = chart.title.as_str();
    if chart.series.is_empty() {
        return Err(empty(title, "no series"));
    }
    if let Some((lo, hi)) = chart.y_range
        && !(lo.is_finite() && hi.is_finite() && lo < hi)
    {
        return Err(invalid(
            title,
            format!("y range ({lo}, {hi}) must be finite with low < high"),
        ));
    }

    struct Kept {
        index: usize,
        name: String,
        points: Vec<(f64, f64)>,
        band: Vec<(f64, f64, f64)>,
    }
    let mut kept = Vec::new();
    for (index, series) in chart.series.iter().enumerate() {
        let points = sorted_by_x(&series.points, |p| p.0);
        let band = sorted_by_x(series.band.as_deref().unwrap_or_default(), |b| b.0);
        if let Some(&(x, lo, hi)) = band.iter().find(|b| b.1 > b.2) {
            return Err(invalid(
                title,
                format!(
                    "band of series \"{}\" has low {lo} > high {hi} at x = {x}",
                    series.name
                ),
            ));
        }
        let has_points = points.iter().any(|p| p.1.is_finite());
        let has_band = band.iter().any(|b| b.1.is_finite() && b.2.is_finite());
        if has_points || has_band {
            kept.push(Kept {
                index,
                name: series.name.clone(),
                points,
                band,
            });
        }
    }
    if kept.is_empty() {
        return Err(empty(title, "every series is empty or NaN"));
    }

    let markers: Vec<(f64, &str)> = chart
        .markers
        .iter()
        .filter(|m| m.x.is_finite())
        .map(|m| (m.x, m.label.as_str()))
        .collect();
    let finite_band = |k: &Kept| {
        k.band
            .iter()
            .filter(|b| b.1.is_finite() && b.2.is_finite())
            .copied()
            .collect::<Vec<_>>()
    };
    let xs = kept.iter().flat_map(|k| {
        let points = k.points.iter().filter(|p| p.1.is_finite()).map(|p| p.0);
        points.chain(finite_band(k).into_iter().map(|b| b.0))
    });
    let (x0, x1) = scale::extent(xs.chain(markers.iter().map(|m| m.0)))
        .expect("a kept series has a finite point or band entry");
    let ys = kept.iter().flat_map(|k| {
        let points = k.points.iter().map(|p| p.1);
        points.chain(finite_band(k).into_iter().flat_map(|b| [b.1, b.2]))
    });
    let (y0, y1) = scale::extent(ys).expect("a kept series has a finite y");
    let y_range = chart
        .y_range
        .unwrap_or_else(|| scale::pad(y0, y1, 0.05, (y0.abs() * 0.1).max(0.1)));

    let (mut underlay, mut overlay, mut legend) = (Vec::new(), Vec::new(), Vec::new());
    for k in &kept {
        let colour = colour(k.index);
        for run in scale::band_runs(&k.band, y_range.0, y_range.1) {
            underlay.push(match run.as_slice() {
                // A band at a single x: an interval bar.
                [(x, lo, hi)] => Shape::Line {
                    points: vec![(*x, *lo), (*x, *hi)],
                    colour,
                    width: 3.0,
                    opacity: 0.4,
                },
                _ => Shape::Area {
                    outline: run
                        .iter()
                        .map(|b| (b.0, b.2))
                        .chain(run.iter().rev().map(|b| (b.0, b.1)))
                        .collect(),
                    colour,
                    opacity: BAND_OPACITY,
                },
            });
        }
        for run in scale::line_runs(&k.points, y_range.0, y_range.1) {
            overlay.push(match run.as_slice() {
                [at] => Shape::Dot { at: *at, colour },
                _ => Shape::Line {
                    points: run,
                    colour,
                    width: LINE_WIDTH,
                    opacity: 1.0,
                },
            });
        }
        legend.push(LegendEntry {
            name: k.name.clone(),
            colour,
            swatch: Swatch::Line {
                band: !k.band.is_empty(),
            },
        });
    }

    Ok(Figure {
        title,
        x_label: &chart.x_label,
        y_label: &chart.y_label,
        x_range: scale::pad(x0, x1, 0.02, 1.0),
        y_range,
        underlay,
        overlay,
        markers,
        legend,
    })
}

/// Validates a stacked chart and lays out its areas.
pub fn stacked(chart: &StackedChart) -> Result<Figure<'_>, Error> {
    let title = chart.title.as_str();
    let x = &chart.x;
    if x.is_empty() {
        return Err(empty(title, "no x values"));
    }
    if chart.layers.is_empty() {
        return Err(empty(title, "no layers"));
    }
    if let Some(bad) = x.iter().find(|v| !v.is_finite()) {
        return Err(invalid(title, format!("x value {bad} is not finite")));
    }
    if let Some(w) = x.windows(2).find(|w| w[0] >= w[1]) {
        return Err(invalid(
            title,
            format!(
                "x values must increase strictly, but {} is followed by {}",
                w[0], w[1]
            ),
        ));
    }

    let mut kept = Vec::new();
    for (index, (name, values)) in chart.layers.iter().enumerate() {
        if values.len() != x.len() {
            return Err(invalid(
                title,
                format!(
                    "layer \"{name}\" has {} values for {} x positions",
                    values.len(),
                    x.len()
                ),
            ));
        }
        if values.iter().all(|v| !v.is_finite()) {
            continue;
        }
        if let Some((at, v)) = x.iter().zip(values).find(|(_, v)| !v.is_finite()) {
            return Err(invalid(
                title,
                format!("layer \"{name}\" has no value ({v}) at x = {at}"),
            ));
        }
        if let Some((at, v)) = x.iter().zip(values).find(|(_, v)| **v < 0.0) {
            return Err(invalid(
                title,
                format!("layer \"{name}\" has a negative share {v} at x = {at}"),
            ));
        }
        kept.push((index, name, values));
    }
    if kept.is_empty() {
        return Err(empty(title, "every layer is empty or NaN"));
    }

    let mut base = vec![0.0; x.len()];
    let (mut underlay, mut overlay, mut legend) = (Vec::new(), Vec::new(), Vec::new());
    for &(index, name, values) in &kept {
        let colour = colour(index);
        let top: Vec<f64> = base.iter().zip(values).map(|(b, v)| b + v).collect();
        let outline = if let ([x], [lo], [hi]) = (x.as_slice(), base.as_slice(), top.as_slice()) {
            // One x: a bar, since an area needs two.
            vec![
                (x - 0.4, *lo),
                (x + 0.4, *lo),
                (x + 0.4, *hi),
                (x - 0.4, *hi),
            ]
        } else {
            let upper = x.iter().copied().zip(top.iter().copied());
            upper
                .chain(x.iter().copied().zip(base.iter().copied()).rev())
                .collect()
        };
        underlay.push(Shape::Area {
            outline,
            colour,
            opacity: 1.0,
        });
        if x.len() > 1 {
            // A thin white edge keeps neighbouring layers apart.
            overlay.push(Shape::Line {
                points: x.iter().copied().zip(top.iter().copied()).collect(),
                colour: (255, 255, 255),
                width: 1.0,
                opacity: 1.0,
            });
        }
        legend.push(LegendEntry {
            name: name.clone(),
            colour,
            swatch: Swatch::Block,
        });
        base = top;
    }
    // Top layer first, as the legend reads top-down like the stack.
    legend.reverse();

    let total = base.iter().copied().fold(0.0, f64::max);
    let y_top = if total <= 1.0 + 1e-9 {
        1.0
    } else {
        total * 1.05
    };
    let x_range = match x.as_slice() {
        [only] => (only - 1.0, only + 1.0),
        _ => (x[0], x[x.len() - 1]),
    };
    Ok(Figure {
        title,
        x_label: &chart.x_label,
        y_label: &chart.y_label,
        x_range,
        y_range: (0.0, y_top),
        underlay,
        overlay,
        markers: Vec::new(),
        legend,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Marker, Series};

    fn line_chart(series: Vec<Series>) -> LineChart {
        LineChart {
            title: "t".into(),
            series,
            ..LineChart::default()
        }
    }

    #[test]
    fn all_nan_series_is_skipped_but_keeps_colours_by_position() {
        let chart = line_chart(vec![
            Series::new("a", vec![(2000.0, 1.0), (2001.0, 2.0)]),
            Series::new("nan", vec![(2000.0, f64::NAN)]),
            Series::new("c", vec![(2000.0, 3.0), (2002.0, 1.0)]),
        ]);
        let fig = line(&chart).unwrap();
        let names: Vec<_> = fig.legend.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["a", "c"]);
        assert_eq!(fig.legend[1].colour, PALETTE[2]);
        assert_eq!(fig.overlay.len(), 2);
        // The y range is padded around 1..3, the x range around 2000..2002.
        assert!(fig.y_range.0 < 1.0 && fig.y_range.1 > 3.0);
        assert!(fig.x_range.0 < 2000.0 && fig.x_range.1 > 2002.0);
    }

    #[test]
    fn points_are_sorted_and_single_points_are_dots() {
        let chart = line_chart(vec![
            Series::new("a", vec![(2002.0, 1.0), (2000.0, 2.0), (f64::NAN, 5.0)]),
            Series::new("b", vec![(2001.0, 1.5)]),
        ]);
        let fig = line(&chart).unwrap();
        assert_eq!(
            fig.overlay[0],
            Shape::Line {
                points: vec![(2000.0, 2.0), (2002.0, 1.0)],
                colour: PALETTE[0],
                width: LINE_WIDTH,
                opacity: 1.0
            }
        );
        assert_eq!(
            fig.overlay[1],
            Shape::Dot {
                at: (2001.0, 1.5),
                colour: PALETTE[1]
            }
        );
    }

    #[test]
    fn bands_become_areas_and_widen_the_range() {
        let mut s = Series::new("a", vec![(2000.0, 0.0), (2001.0, 0.1)]);
        s.band = Some(vec![(2000.0, -1.0, 1.0), (2001.0, -0.5, 2.0)]);
        let chart = line_chart(vec![s]);
        let fig = line(&chart).unwrap();
        assert!(fig.y_range.0 < -1.0 && fig.y_range.1 > 2.0);
        let Shape::Area { outline, .. } = &fig.underlay[0] else {
            panic!("band should be an area: {:?}", fig.underlay);
        };
        assert_eq!(
            outline,
            &[(2000.0, 1.0), (2001.0, 2.0), (2001.0, -0.5), (2000.0, -1.0)]
        );
        assert_eq!(fig.legend[0].swatch, Swatch::Line { band: true });
    }

    #[test]
    fn line_chart_errors() {
        assert!(matches!(
            line(&line_chart(vec![])),
            Err(Error::Empty { .. })
        ));
        let nan = line_chart(vec![Series::new("x", vec![(1.0, f64::NAN)])]);
        assert!(matches!(line(&nan), Err(Error::Empty { .. })));
        let mut bad_range = line_chart(vec![Series::new("x", vec![(1.0, 1.0)])]);
        bad_range.y_range = Some((1.0, 1.0));
        assert!(matches!(line(&bad_range), Err(Error::InvalidData { .. })));
        let mut s = Series::new("x", vec![(1.0, 1.0)]);
        s.band = Some(vec![(1.0, 2.0, 0.0)]);
        let err = line(&line_chart(vec![s])).unwrap_err();
        assert!(err.to_string().contains("low 2 > high 0"), "{err}");
    }

    #[test]
    fn markers_extend_the_x_range_and_nan_markers_are_ignored() {
        let mut chart = line_chart(vec![Series::new("a", vec![(2000.0, 1.0)])]);
        chart.markers = vec![
            Marker {
                x: 2010.0,
                label: "m".into(),
            },
            Marker {
                x: f64::NAN,
                label: "nan".into(),
            },
        ];
        let fig = line(&chart).unwrap();
        assert_eq!(fig.markers, vec![(2010.0, "m")]);
        assert!(fig.x_range.1 > 2010.0);
    }

    fn stacked_chart(x: Vec<f64>, layers: Vec<(&str, Vec<f64>)>) -> StackedChart {
        StackedChart {
            title: "s".into(),
            x,
            layers: layers.into_iter().map(|(n, v)| (n.to_owned(), v)).collect(),
            ..StackedChart::default()
        }
    }

    #[test]
    fn stacked_layers_accumulate() {
        let chart = stacked_chart(
            vec![2000.0, 2001.0],
            vec![("a", vec![0.5, 0.25]), ("b", vec![0.25, 0.5])],
        );
        let fig = stacked(&chart).unwrap();
        assert_eq!(fig.y_range, (0.0, 1.0));
        let Shape::Area { outline, .. } = &fig.underlay[1] else {
            panic!("expected an area");
        };
        assert_eq!(
            outline,
            &[
                (2000.0, 0.75),
                (2001.0, 0.75),
                (2001.0, 0.25),
                (2000.0, 0.5)
            ]
        );
        let names: Vec<_> = fig.legend.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["b", "a"]);
        // Sums above 1 widen the axis instead of being cut off.
        let over = stacked_chart(vec![1.0, 2.0], vec![("a", vec![1.5, 2.0])]);
        assert_eq!(stacked(&over).unwrap().y_range, (0.0, 2.1));
    }

    #[test]
    fn stacked_errors() {
        let err = |c: StackedChart| stacked(&c).unwrap_err().to_string();
        assert!(err(stacked_chart(vec![], vec![("a", vec![])])).contains("no x values"));
        assert!(err(stacked_chart(vec![1.0], vec![])).contains("no layers"));
        assert!(err(stacked_chart(vec![1.0, 2.0], vec![("a", vec![0.1])])).contains("1 values"));
        assert!(
            err(stacked_chart(vec![2.0, 1.0], vec![("a", vec![0.1, 0.1])])).contains("strictly")
        );
        assert!(
            err(stacked_chart(vec![1.0, 2.0], vec![("a", vec![0.1, -0.1])])).contains("negative")
        );
        assert!(
            err(stacked_chart(
                vec![1.0, 2.0],
                vec![("a", vec![0.1, f64::NAN])]
            ))
            .contains("no value")
        );
        let all_nan = stacked_chart(vec![1.0], vec![("a", vec![f64::NAN])]);
        assert!(matches!(stacked(&all_nan), Err(Error::Empty { .. })));
    }

    #[test]
    fn single_x_stack_is_a_bar() {
        let chart = stacked_chart(vec![2000.0], vec![("a", vec![0.3])]);
        let fig = stacked(&chart).unwrap();
        assert_eq!(fig.x_range, (1999.0, 2001.0));
        assert!(fig.overlay.is_empty());
        assert_eq!(fig.underlay.len(), 1);
    }
}
