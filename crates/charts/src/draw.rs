//! Draws a prepared [`Figure`] on any plotters backend (SVG or bitmap).

use std::ops::Range;

use plotters::coord::Shift;
use plotters::coord::ranged1d::{DefaultFormatting, KeyPointHint};
use plotters::coord::types::RangedCoordf64;
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::Error;
use crate::figure::{self, Figure, Rgb, Shape, Swatch};
use crate::scale;
use crate::sealed::Plot;

const TEXT: RGBColor = RGBColor(34, 34, 34);
const AXIS: RGBColor = RGBColor(110, 110, 110);
const GRID: RGBColor = RGBColor(226, 226, 226);
const MARKER: RGBColor = RGBColor(90, 90, 90);
const FONT: &str = "sans-serif";

/// Turns a plotters error into ours.
pub fn failed(e: impl std::fmt::Display) -> Error {
    Error::Draw(e.to_string())
}

fn rgb((r, g, b): Rgb) -> RGBColor {
    RGBColor(r, g, b)
}

/// Validates `plot` and draws it on `root`.
pub fn chart<DB: DrawingBackend>(
    plot: Plot<'_>,
    root: &DrawingArea<DB, Shift>,
) -> Result<(), Error> {
    let figure = match plot {
        Plot::Line(c) => figure::line(c)?,
        Plot::Stacked(c) => figure::stacked(c)?,
    };
    render(&figure, root)
}

/// A linear f64 axis with ticks exactly at the given values (whole years on
/// x), instead of plotters' own choice.
struct Axis {
    linear: RangedCoordf64,
    ticks: Vec<f64>,
}

impl Axis {
    fn new((lo, hi): (f64, f64), ticks: Vec<f64>) -> Self {
        Self {
            linear: (lo..hi).into(),
            ticks,
        }
    }
}

impl Ranged for Axis {
    type FormatOption = DefaultFormatting;
    type ValueType = f64;

    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        self.linear.map(value, limit)
    }

    fn key_points<Hint: KeyPointHint>(&self, hint: Hint) -> Vec<f64> {
        // Only grid lines at ticks; no minor (light) lines.
        if hint.weight().allow_light_points() {
            Vec::new()
        } else {
            self.ticks.clone()
        }
    }

    fn range(&self) -> Range<f64> {
        self.linear.range()
    }
}

/// Sizes in pixels for one image size: everything scales with the image so a
/// large PNG is not a small chart in a sea of white.
struct Metrics {
    scale: f64,
}

impl Metrics {
    fn new(width: u32, height: u32) -> Self {
        // Below 800x450 text shrinks less than the image, to stay legible.
        let scale = (f64::from(width) / 800.0).min(f64::from(height) / 450.0);
        Self {
            scale: scale.clamp(0.8, 4.0),
        }
    }

    fn px(&self, base: f64) -> i32 {
        (base * self.scale).round() as i32
    }

    fn font(&self, base: f64) -> TextStyle<'static> {
        TextStyle::from((FONT, base * self.scale).into_font()).color(&TEXT)
    }
}

fn text_size<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    text: &str,
    style: &TextStyle,
) -> Result<(i32, i32), Error> {
    let (w, h) = area.estimate_text_size(text, style).map_err(failed)?;
    Ok((w as i32, h as i32))
}

/// `text`, shortened with an ellipsis until it fits in `max_width` pixels.
fn fit_text<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    text: &str,
    style: &TextStyle,
    max_width: i32,
) -> Result<String, Error> {
    if text_size(area, text, style)?.0 <= max_width {
        return Ok(text.to_owned());
    }
    let mut chars: Vec<char> = text.chars().collect();
    while !chars.is_empty() {
        chars.pop();
        let candidate: String = chars.iter().chain(['…'].iter()).collect();
        if text_size(area, &candidate, style)?.0 <= max_width {
            return Ok(candidate);
        }
    }
    Ok("…".to_owned())
}

fn render<DB: DrawingBackend>(
    fig: &Figure<'_>,
    root: &DrawingArea<DB, Shift>,
) -> Result<(), Error> {
    let (width, height) = root.dim_in_pixel();
    let m = Metrics::new(width, height);
    let title_style = m.font(20.0);
    let desc_style = m.font(15.0);
    let tick_style = m.font(13.0);
    let legend_style = m.font(14.0);
    let marker_style = m.font(12.0).color(&MARKER);

    root.fill(&WHITE).map_err(failed)?;
    let body = if fig.title.is_empty() {
        root.clone()
    } else {
        let title = fit_text(root, fig.title, &title_style, width as i32 - m.px(20.0))?;
        root.titled(&title, title_style.clone()).map_err(failed)?
    };
    let (body_w, body_h) = body.dim_in_pixel();
    let (body_w, body_h) = (body_w as i32, body_h as i32);

    // Legend on the right, outside the plot, so it never hides data.
    let legend = Legend::fit(root, fig, &legend_style, &m, body_w * 3 / 10)?;
    let (plot_area, legend_area) = body.split_horizontally(body_w - legend.width);

    // Axis label areas sized from the actual tick labels.
    let (_, tick_h) = text_size(root, "0123456789", &tick_style)?;
    let (_, desc_h) = text_size(root, "Xg", &desc_style)?;
    let tick_gap = m.px(12.0);
    let desc_space = |label: &str| {
        if label.is_empty() {
            0
        } else {
            desc_h + m.px(10.0)
        }
    };
    let x_area = tick_h + tick_gap + desc_space(fig.x_label) + m.px(4.0);

    let marker_row_h = text_size(root, "Xg", &marker_style)?.1 + m.px(4.0);
    let (margin_left, margin_right, margin_bottom) = (m.px(6.0), m.px(18.0), m.px(8.0));
    let plot_h_guess = body_h - x_area - margin_bottom - m.px(10.0) - 2 * marker_row_h;
    let max_y_ticks = (plot_h_guess / (tick_h * 3).max(1)).clamp(2, 10) as usize;
    let (y_ticks, y_decimals) = scale::ticks(fig.y_range.0, fig.y_range.1, max_y_ticks, 0.0);
    let y_format = |v: &f64| format!("{v:.y_decimals$}");
    let mut y_tick_w = 0;
    for v in &y_ticks {
        y_tick_w = y_tick_w.max(text_size(root, &y_format(v), &tick_style)?.0);
    }
    let y_area = y_tick_w + tick_gap + desc_space(fig.y_label) + m.px(4.0);

    let plot_w = body_w - legend.width - y_area - margin_left - margin_right;
    let year_w = text_size(root, "2000", &tick_style)?.0 + m.px(28.0);
    let max_x_ticks = (plot_w / year_w.max(1)).clamp(2, 12) as usize;
    let (x_ticks, _) = scale::ticks(fig.x_range.0, fig.x_range.1, max_x_ticks, 1.0);

    let (markers, rows) = place_markers(root, fig, plot_w, &marker_style, &m)?;
    let margin_top = m.px(10.0) + rows as i32 * marker_row_h;

    let mut chart = ChartBuilder::on(&plot_area)
        .margin_top(margin_top)
        .margin_left(margin_left)
        .margin_right(margin_right)
        .margin_bottom(margin_bottom)
        .x_label_area_size(x_area)
        .y_label_area_size(y_area)
        .build_cartesian_2d(
            Axis::new(fig.x_range, x_ticks),
            Axis::new(fig.y_range, y_ticks),
        )
        .map_err(failed)?;
    let x_format = |v: &f64| format!("{v:.0}");
    let x_desc = fit_text(root, fig.x_label, &desc_style, plot_w)?;
    let y_desc = fit_text(root, fig.y_label, &desc_style, plot_h_guess)?;
    let mut mesh = chart.configure_mesh();
    mesh.light_line_style(TRANSPARENT)
        .bold_line_style(GRID.stroke_width(1))
        .axis_style(AXIS.stroke_width(1))
        .label_style(tick_style.clone())
        .axis_desc_style(desc_style.clone())
        .set_all_tick_mark_size(m.px(5.0))
        .x_label_formatter(&x_format)
        .y_label_formatter(&y_format);
    if !x_desc.is_empty() {
        mesh.x_desc(x_desc);
    }
    if !y_desc.is_empty() {
        mesh.y_desc(y_desc);
    }
    mesh.draw().map_err(failed)?;

    let area = chart.plotting_area();
    for shape in &fig.underlay {
        draw_shape(area, shape, &m)?;
    }
    let (y0, y1) = fig.y_range;
    for marker in &markers {
        let dash = DashedPathElement::new(
            vec![(marker.x, y0), (marker.x, y1)],
            m.px(5.0),
            m.px(4.0),
            MARKER.stroke_width(m.px(1.0).max(1) as u32),
        );
        area.draw(&dash).map_err(failed)?;
    }
    for shape in &fig.overlay {
        draw_shape(area, shape, &m)?;
    }
    for marker in &markers {
        let (h_pos, dx) = if marker.right_aligned {
            (HPos::Right, -m.px(4.0))
        } else {
            (HPos::Left, m.px(4.0))
        };
        // Row 0 is the top one.
        let dy = -(m.px(3.0) + (rows - 1 - marker.row) as i32 * marker_row_h);
        let style = marker_style.pos(Pos::new(h_pos, VPos::Bottom));
        let text = Text::new(marker.label.to_owned(), (dx, dy), style);
        area.draw(&(EmptyElement::at((marker.x, y1)) + text))
            .map_err(failed)?;
    }

    legend.draw(&legend_area, fig, margin_top, &legend_style, &m)
}

/// A marker label's place above the plot.
struct PlacedMarker<'a> {
    x: f64,
    label: &'a str,
    row: usize,
    /// Drawn left of its line, as it would run past the plot's right edge.
    right_aligned: bool,
}

/// Puts marker labels in at most three rows above the plot, each label in the
/// first row where it does not overlap the previous one; returns the
/// placements and the number of rows. `plot_w` is the plot's width in pixels.
fn place_markers<'a, DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    fig: &Figure<'a>,
    plot_w: i32,
    style: &TextStyle,
    m: &Metrics,
) -> Result<(Vec<PlacedMarker<'a>>, usize), Error> {
    const MAX_ROWS: usize = 3;
    let (x0, x1) = fig.x_range;
    let mut row_ends: Vec<i32> = Vec::new();
    let mut placed = Vec::with_capacity(fig.markers.len());
    for &(x, label) in &fig.markers {
        let at = ((x - x0) / (x1 - x0) * f64::from(plot_w)) as i32;
        let extent = m.px(4.0) + text_size(root, label, style)?.0;
        let right_aligned = at + extent > plot_w;
        let (start, end) = if right_aligned {
            (at - extent, at)
        } else {
            (at, at + extent)
        };
        let free = row_ends.iter().position(|&used| start > used + m.px(6.0));
        let row = match free {
            Some(row) => row,
            None if row_ends.len() < MAX_ROWS => {
                row_ends.push(i32::MIN);
                row_ends.len() - 1
            }
            // Too crowded: share the row that frees up first.
            None => (0..MAX_ROWS).min_by_key(|&r| row_ends[r]).unwrap_or(0),
        };
        row_ends[row] = row_ends[row].max(end);
        placed.push(PlacedMarker {
            x,
            label,
            row,
            right_aligned,
        });
    }
    Ok((placed, row_ends.len()))
}

/// The legend's geometry: a swatch and a (possibly shortened) name per row.
struct Legend {
    names: Vec<String>,
    width: i32,
    swatch_w: i32,
    gap: i32,
    pad: i32,
}

impl Legend {
    /// Lays out the legend in at most `max_width` pixels, shortening names.
    fn fit<DB: DrawingBackend>(
        root: &DrawingArea<DB, Shift>,
        fig: &Figure<'_>,
        style: &TextStyle,
        m: &Metrics,
        max_width: i32,
    ) -> Result<Self, Error> {
        let (swatch_w, gap, pad) = (m.px(24.0), m.px(8.0), m.px(14.0));
        let max_text = max_width - swatch_w - gap - 2 * pad;
        let mut names = Vec::with_capacity(fig.legend.len());
        let mut text_w = 0;
        for entry in &fig.legend {
            let name = fit_text(root, &entry.name, style, max_text)?;
            text_w = text_w.max(text_size(root, &name, style)?.0);
            names.push(name);
        }
        Ok(Self {
            names,
            width: pad + swatch_w + gap + text_w + pad,
            swatch_w,
            gap,
            pad,
        })
    }

    /// Draws the rows on `area` from `top` down.
    fn draw<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        fig: &Figure<'_>,
        top: i32,
        style: &TextStyle,
        m: &Metrics,
    ) -> Result<(), Error> {
        let row_h = text_size(area, "Xg", style)?.1 + m.px(10.0);
        let text_style = style.pos(Pos::new(HPos::Left, VPos::Center));
        let (left, right) = (self.pad, self.pad + self.swatch_w);
        let half = |h: f64| m.px(h).max(1);
        for (i, (entry, name)) in fig.legend.iter().zip(&self.names).enumerate() {
            let mid = top + row_h / 2 + i as i32 * row_h;
            let colour = rgb(entry.colour);
            let swatch = |corners: [(i32, i32); 2], style: ShapeStyle| {
                area.draw(&Rectangle::new(corners, style)).map_err(failed)
            };
            match entry.swatch {
                Swatch::Line { band } => {
                    if band {
                        let shade = colour.mix(0.2).filled();
                        swatch([(left, mid - half(7.0)), (right, mid + half(7.0))], shade)?;
                    }
                    let line = [(left, mid - half(1.5)), (right, mid + half(1.5))];
                    swatch(line, colour.filled())?;
                }
                Swatch::Block => {
                    let centre = (left + right) / 2;
                    let block = [
                        (centre - half(7.0), mid - half(7.0)),
                        (centre + half(7.0), mid + half(7.0)),
                    ];
                    swatch(block, colour.filled())?;
                }
            }
            area.draw_text(name, &text_style, (right + self.gap, mid))
                .map_err(failed)?;
        }
        Ok(())
    }
}

fn draw_shape<DB: DrawingBackend, CT: CoordTranslate<From = (f64, f64)>>(
    area: &DrawingArea<DB, CT>,
    shape: &Shape,
    m: &Metrics,
) -> Result<(), Error> {
    match shape {
        Shape::Area {
            outline,
            colour,
            opacity,
        } => area.draw(&Polygon::new(
            outline.clone(),
            rgb(*colour).mix(*opacity).filled(),
        )),
        Shape::Line {
            points,
            colour,
            width,
            opacity,
        } => {
            let style = rgb(*colour)
                .mix(*opacity)
                .stroke_width((*width * m.scale).round().max(1.0) as u32);
            area.draw(&PathElement::new(points.clone(), style))
        }
        Shape::Dot { at, colour } => {
            area.draw(&Circle::new(*at, m.px(3.5).max(2), rgb(*colour).filled()))
        }
    }
    .map_err(failed)
}
