//! Rendering tests: SVG structure, decoded PNG pixels, and error cases.

use std::collections::HashSet;

use multipolar_charts::{
    Error, LineChart, Marker, PALETTE, Series, StackedChart, render_png, render_svg, save,
};

fn hex((r, g, b): (u8, u8, u8)) -> String {
    format!("#{r:02X}{g:02X}{b:02X}")
}

fn poles() -> LineChart {
    let years = || (2000..=2010).map(f64::from);
    let mut china = Series::new(
        "CHN",
        years().map(|y| (y, 0.3 + (y - 2000.0) * 0.02)).collect(),
    );
    china.band = Some(
        china
            .points
            .iter()
            .map(|&(x, y)| (x, y - 0.05, y + 0.05))
            .collect(),
    );
    LineChart {
        title: "Lean of Brazil & friends".into(),
        x_label: "Year".into(),
        y_label: "Agreement".into(),
        series: vec![
            Series::new(
                "USA",
                years().map(|y| (y, 0.8 - (y - 2000.0) * 0.03)).collect(),
            ),
            Series::new("EU", years().map(|y| (y, 0.6)).collect()),
            china,
        ],
        y_range: Some((0.0, 1.0)),
        markers: vec![Marker {
            x: 2005.0,
            label: "shift 2005".into(),
        }],
    }
}

fn shares() -> StackedChart {
    StackedChart {
        title: "Partner shares".into(),
        x_label: "Year".into(),
        y_label: "Share".into(),
        x: vec![2000.0, 2001.0, 2002.0, 2003.0],
        layers: vec![
            ("France".into(), vec![0.3, 0.28, 0.25, 0.2]),
            ("USA".into(), vec![0.2, 0.22, 0.2, 0.25]),
            ("other".into(), vec![0.5, 0.5, 0.55, 0.55]),
        ],
    }
}

/// Checks that every tag is closed in order (a small well-formedness check),
/// and returns the tags as `(name, full tag text)`.
fn tags(svg: &str) -> Vec<(String, String)> {
    let mut stack = Vec::new();
    let mut all = Vec::new();
    let mut rest = svg;
    while let Some(start) = rest.find('<') {
        let end = rest[start..].find('>').expect("unterminated tag") + start;
        let tag = &rest[start + 1..end];
        if let Some(name) = tag.strip_prefix('/') {
            assert_eq!(stack.pop().as_deref(), Some(name), "mismatched </{name}>");
        } else {
            let name: String = tag.chars().take_while(|c| c.is_alphanumeric()).collect();
            assert!(!name.is_empty(), "bad tag <{tag}>");
            if !tag.ends_with('/') {
                stack.push(name.clone());
            }
            all.push((name, tag.to_owned()));
        }
        rest = &rest[end + 1..];
    }
    assert!(stack.is_empty(), "unclosed tags: {stack:?}");
    all
}

fn attr<'t>(tag: &'t str, name: &str) -> Option<&'t str> {
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    Some(&tag[start..start + tag[start..].find('"')?])
}

fn polylines_in(svg: &str, colour: (u8, u8, u8)) -> usize {
    tags(svg)
        .iter()
        .filter(|(name, tag)| name == "polyline" && attr(tag, "stroke") == Some(&hex(colour)))
        .count()
}

#[test]
fn svg_line_chart_has_one_line_per_series_legend_title_and_markers() {
    let svg = render_svg(&poles(), 800, 450).unwrap();
    let tags = tags(&svg);
    assert_eq!(tags[0].0, "svg");
    assert_eq!(attr(&tags[0].1, "width"), Some("800"));
    assert_eq!(attr(&tags[0].1, "height"), Some("450"));
    for (i, colour) in PALETTE.iter().enumerate().take(3) {
        assert_eq!(polylines_in(&svg, *colour), 1, "series {i}");
    }
    // Nothing beyond the three series is drawn in palette colours.
    assert_eq!(polylines_in(&svg, PALETTE[3]), 0);
    // The band is a translucent polygon in the series colour.
    let band = tags
        .iter()
        .find(|(name, tag)| name == "polygon" && attr(tag, "fill") == Some(&hex(PALETTE[2])))
        .expect("band polygon");
    assert!(attr(&band.1, "opacity").unwrap().parse::<f64>().unwrap() < 0.5);
    for text in [
        "USA",
        "EU",
        "CHN",
        "Lean of Brazil &amp; friends",
        "shift 2005",
        "Agreement",
    ] {
        assert!(svg.contains(&format!("\n{text}\n")), "missing text {text}");
    }
    // Year ticks are whole years.
    assert!(svg.contains("\n2004\n") && !svg.contains("2004.5"));
    // Self-contained: no external fonts, images or links.
    for external in ["href", "url(", "@font-face", "<image", "<style"] {
        assert!(!svg.contains(external), "found {external}");
    }
}

#[test]
fn svg_nan_breaks_the_line_and_all_nan_series_is_skipped() {
    let mut chart = poles();
    chart.series[0].points[4].1 = f64::NAN;
    chart.series[1]
        .points
        .iter_mut()
        .for_each(|p| p.1 = f64::NAN);
    chart.series[1].name = "ALLNAN".into();
    let svg = render_svg(&chart, 600, 400).unwrap();
    assert_eq!(polylines_in(&svg, PALETTE[0]), 2);
    assert_eq!(polylines_in(&svg, PALETTE[1]), 0);
    assert!(!svg.contains("ALLNAN"));
    // The third series keeps its colour although the second is skipped.
    assert_eq!(polylines_in(&svg, PALETTE[2]), 1);
}

#[test]
fn svg_single_point_is_a_dot() {
    let chart = LineChart {
        title: "one".into(),
        series: vec![Series::new("only", vec![(2001.0, -0.5)])],
        ..LineChart::default()
    };
    let svg = render_svg(&chart, 400, 300).unwrap();
    let dots = tags(&svg)
        .into_iter()
        .filter(|(name, tag)| name == "circle" && attr(tag, "fill") == Some(&hex(PALETTE[0])))
        .count();
    assert_eq!(dots, 1);
}

#[test]
fn svg_stacked_chart_has_one_area_per_layer() {
    let svg = render_svg(&shares(), 800, 450).unwrap();
    let tags = tags(&svg);
    for (i, colour) in PALETTE.iter().enumerate().take(3) {
        let areas = tags
            .iter()
            .filter(|(name, tag)| name == "polygon" && attr(tag, "fill") == Some(&hex(*colour)))
            .count();
        assert_eq!(areas, 1, "layer {i}");
    }
    for text in ["France", "USA", "other", "Partner shares", "Share"] {
        assert!(svg.contains(&format!("\n{text}\n")), "missing text {text}");
    }
    // Shares summing to 1 get a 0..1 axis.
    assert!(svg.contains("\n1.0\n") && svg.contains("\n0.0\n"));
}

struct Image {
    width: u32,
    height: u32,
    pixels: Vec<(u8, u8, u8)>,
}

fn decode(bytes: &[u8]) -> Image {
    let mut reader = png::Decoder::new(std::io::Cursor::new(bytes))
        .read_info()
        .unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    assert_eq!(info.color_type, png::ColorType::Rgb);
    assert_eq!(info.bit_depth, png::BitDepth::Eight);
    let pixels = buf[..info.buffer_size()]
        .chunks_exact(3)
        .map(|p| (p[0], p[1], p[2]))
        .collect();
    Image {
        width: info.width,
        height: info.height,
        pixels,
    }
}

impl Image {
    fn count(&self, colour: (u8, u8, u8)) -> usize {
        self.pixels.iter().filter(|p| **p == colour).count()
    }
}

#[test]
fn png_line_chart_decodes_with_size_lines_and_text() {
    let image = decode(&render_png(&poles(), 640, 360).unwrap());
    assert_eq!((image.width, image.height), (640, 360));
    let distinct: HashSet<_> = image.pixels.iter().collect();
    assert!(distinct.len() > 50, "only {} colours", distinct.len());
    // Each series' line is drawn in its palette colour (legend swatches alone
    // are ~50 pixels; a line across the plot is many more).
    for (i, colour) in PALETTE.iter().enumerate().take(3) {
        assert!(
            image.count(*colour) > 300,
            "series {i}: {}",
            image.count(*colour)
        );
    }
    assert_eq!(image.count(PALETTE[4]), 0);
    // Text is rasterised from the bundled font (dark grey glyph interiors).
    // Antialiased glyphs give neutral greys other than the flat line colours
    // (axis 110, markers 90, grid 226), which only text produces.
    let text = image
        .pixels
        .iter()
        .filter(|&&(r, g, b)| r == g && g == b && r < 226 && r != 110 && r != 90)
        .count();
    assert!(text > 1000, "{text} text pixels");
    assert!(image.count((255, 255, 255)) > image.pixels.len() / 2);
}

#[test]
fn png_stacked_chart_and_single_point() {
    let image = decode(&render_png(&shares(), 400, 300).unwrap());
    assert_eq!((image.width, image.height), (400, 300));
    for (i, colour) in PALETTE.iter().enumerate().take(3) {
        assert!(image.count(*colour) > 1000, "layer {i}");
    }
    let single = LineChart {
        series: vec![Series::new("p", vec![(1990.0, 2.0)])],
        ..LineChart::default()
    };
    let image = decode(&render_png(&single, 300, 200).unwrap());
    assert_eq!((image.width, image.height), (300, 200));
    assert!(image.count(PALETTE[0]) > 20);
}

#[test]
fn empty_charts_are_errors_not_images() {
    let no_series = LineChart {
        title: "Nothing".into(),
        ..LineChart::default()
    };
    for err in [
        render_svg(&no_series, 400, 300).unwrap_err(),
        render_png(&no_series, 400, 300).unwrap_err(),
    ] {
        assert!(matches!(err, Error::Empty { .. }), "{err:?}");
        assert!(
            err.to_string().contains("\"Nothing\" has nothing to plot"),
            "{err}"
        );
    }
    let no_points = LineChart {
        series: vec![
            Series::new("a", vec![]),
            Series::new("b", vec![(1.0, f64::NAN)]),
        ],
        ..LineChart::default()
    };
    assert!(matches!(
        render_png(&no_points, 400, 300),
        Err(Error::Empty { .. })
    ));
    let no_layers = StackedChart {
        x: vec![2000.0],
        ..StackedChart::default()
    };
    assert!(matches!(
        render_svg(&no_layers, 400, 300),
        Err(Error::Empty { .. })
    ));
}

#[test]
fn smallest_size_still_renders() {
    let mut crowded = poles();
    crowded.series[0].name = "A series name far too long for a legend this small".into();
    crowded.y_label = "A y axis description longer than the axis itself".into();
    crowded.markers = (0..6)
        .map(|i| Marker {
            x: 2000.0 + f64::from(i),
            label: format!("change point {i}"),
        })
        .collect();
    let side = multipolar_charts::MIN_SIDE;
    let image = decode(&render_png(&crowded, side, side).unwrap());
    assert_eq!((image.width, image.height), (side, side));
    assert!(image.count(PALETTE[0]) > 0);
    let svg = render_svg(&crowded, side, side).unwrap();
    assert!(svg.contains('…'), "long names are shortened");
    assert!(render_png(&shares(), side, side).is_ok());
}

#[test]
fn size_is_checked() {
    assert!(matches!(
        render_png(&poles(), 0, 300),
        Err(Error::Size { .. })
    ));
    assert!(matches!(
        render_svg(&poles(), 400, 100_000),
        Err(Error::Size { .. })
    ));
}

#[test]
fn save_picks_the_format_by_extension() {
    let dir = tempfile::tempdir().unwrap();
    let png_path = dir.path().join("chart.PNG");
    save(&poles(), &png_path, 400, 300).unwrap();
    assert!(
        std::fs::read(&png_path)
            .unwrap()
            .starts_with(b"\x89PNG\r\n\x1a\n")
    );
    let svg_path = dir.path().join("shares.svg");
    save(&shares(), &svg_path, 400, 300).unwrap();
    assert!(
        std::fs::read_to_string(&svg_path)
            .unwrap()
            .starts_with("<svg")
    );

    let bad = dir.path().join("chart.jpg");
    let err = save(&poles(), &bad, 400, 300).unwrap_err();
    assert!(matches!(err, Error::UnsupportedFormat { .. }), "{err:?}");
    let message = err.to_string();
    assert!(
        message.contains("chart.jpg") && message.contains(".png or .svg"),
        "{message}"
    );
    assert!(!bad.exists());
    let none = dir.path().join("chart");
    assert!(matches!(
        save(&poles(), &none, 400, 300),
        Err(Error::UnsupportedFormat { .. })
    ));

    let missing_dir = dir.path().join("no/such/dir/chart.svg");
    let err = save(&poles(), &missing_dir, 400, 300).unwrap_err();
    assert!(
        matches!(err, Error::Io { .. }) && err.to_string().contains("no/such/dir"),
        "{err}"
    );
}

#[test]
fn rendering_is_deterministic() {
    assert_eq!(
        render_svg(&poles(), 500, 300).unwrap(),
        render_svg(&poles(), 500, 300).unwrap()
    );
    assert_eq!(
        render_png(&shares(), 300, 200).unwrap(),
        render_png(&shares(), 300, 200).unwrap()
    );
}
