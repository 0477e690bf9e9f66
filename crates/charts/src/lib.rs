//! Charts for `multipolar profile` and `multipolar ideal --plot`: a state's lean
//! towards the poles over time, ideal-point trajectories with uncertainty bands,
//! and partner concentration as stacked shares.
//!
//! The data model is small and independent of the rest of the workspace: a
//! [`LineChart`] of [`Series`] (optionally with a shaded interval and vertical
//! change-point [`Marker`]s), or a [`StackedChart`] of shares. Both render to
//! PNG bytes ([`render_png`]) or to an SVG document ([`render_svg`]) that is
//! self-contained (no external fonts or images) so it can be inlined in an HTML
//! report; [`save`] picks the format from the file extension.
//!
//! Colours follow the Okabe–Ito colour-blind-safe palette, assigned by series
//! (or layer) position so the same pole keeps its colour across charts. PNG
//! text is drawn with a bundled DejaVu Sans, so output does not depend on the
//! fonts installed on the machine.
//!
//! ```
//! use multipolar_charts::{render_png, render_svg, LineChart, Marker, Series};
//!
//! let chart = LineChart {
//!     title: "Germany: agreement with the poles".into(),
//!     x_label: "Year".into(),
//!     y_label: "Agreement".into(),
//!     series: vec![
//!         Series::new("USA", vec![(2000.0, 0.61), (2001.0, 0.55), (2002.0, 0.58)]),
//!         Series::new("CHN", vec![(2000.0, 0.42), (2001.0, f64::NAN), (2002.0, 0.47)]),
//!     ],
//!     y_range: Some((0.0, 1.0)),
//!     markers: vec![Marker { x: 2001.0, label: "break".into() }],
//! };
//! let svg = render_svg(&chart, 800, 450)?;
//! assert!(svg.contains("Germany: agreement with the poles"));
//! let png = render_png(&chart, 800, 450)?;
//! assert!(png.starts_with(b"\x89PNG"));
//! # Ok::<(), multipolar_charts::Error>(())
//! ```
#![deny(missing_docs)]

mod draw;
mod figure;
mod raster;
mod scale;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use plotters::prelude::{IntoDrawingArea, SVGBackend};

/// A line chart: one line per series over integer-year x values, with optional
/// shaded intervals and vertical change-point markers.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LineChart {
    /// Title drawn above the plot.
    pub title: String,
    /// Description of the x axis (usually "Year").
    pub x_label: String,
    /// Description of the y axis.
    pub y_label: String,
    /// The lines; colours are taken from [`PALETTE`] by position.
    pub series: Vec<Series>,
    /// Fixed y range `(low, high)`; `None` fits the data. Lines leaving a fixed
    /// range are clipped at its edges.
    pub y_range: Option<(f64, f64)>,
    /// Vertical dashed lines (change points) with a short label above the plot,
    /// in up to three rows (labels of more crowded markers may overlap).
    /// Markers at a non-finite x are ignored; others widen the x range.
    pub markers: Vec<Marker>,
}

/// One line of a [`LineChart`].
///
/// Points are drawn in x order; years may be skipped (the line joins the
/// neighbours). A non-finite y breaks the line, and an isolated point is drawn
/// as a dot. Points with a non-finite x are ignored. A series with no finite
/// point and no finite band entry is left out of the chart and its legend.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Series {
    /// Name shown in the legend.
    pub name: String,
    /// `(x, y)` points.
    pub points: Vec<(f64, f64)>,
    /// Optional shaded interval as `(x, low, high)`, e.g. a 95% credible band.
    /// Entries with a non-finite value break the band; `low > high` is an error.
    pub band: Option<Vec<(f64, f64, f64)>>,
}

impl Series {
    /// A series without a band.
    pub fn new(name: impl Into<String>, points: Vec<(f64, f64)>) -> Self {
        Self {
            name: name.into(),
            points,
            band: None,
        }
    }
}

/// A vertical dashed line at `x` with a small label, for change points.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Marker {
    /// Position on the x axis.
    pub x: f64,
    /// Short label drawn next to the line, above the plot.
    pub label: String,
}

/// A stacked area chart of shares over time (e.g. partner concentration).
///
/// Layers are stacked bottom-up in the given order. Values are non-negative
/// shares; when every stack sums to at most 1 the y axis runs from 0 to 1,
/// otherwise up to the largest sum. An "other" layer, if wanted, is the
/// caller's to add. A layer whose values are all non-finite is left out; a
/// partly non-finite layer is an error (a missing share cannot be stacked).
/// With a single x value the stack is drawn as one bar.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StackedChart {
    /// Title drawn above the plot.
    pub title: String,
    /// Description of the x axis (usually "Year").
    pub x_label: String,
    /// Description of the y axis.
    pub y_label: String,
    /// Strictly increasing x positions shared by all layers.
    pub x: Vec<f64>,
    /// `(name, values)`, one value per x position.
    pub layers: Vec<(String, Vec<f64>)>,
}

/// Why a chart could not be rendered or saved.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The chart has no data to draw (no series, or only empty/NaN ones).
    #[error("chart \"{title}\" has nothing to plot: {reason}")]
    Empty {
        /// Title of the chart.
        title: String,
        /// What is missing.
        reason: String,
    },
    /// The chart's data is inconsistent (e.g. layer lengths, band `low > high`).
    #[error("chart \"{title}\": {reason}")]
    InvalidData {
        /// Title of the chart.
        title: String,
        /// What is wrong.
        reason: String,
    },
    /// The requested image size is outside the supported range.
    #[error(
        "chart size {width}x{height} is not supported: each side must be {MIN_SIDE}..={MAX_SIDE} pixels"
    )]
    Size {
        /// Requested width.
        width: u32,
        /// Requested height.
        height: u32,
    },
    /// [`save`] was given a path whose extension is neither `.png` nor `.svg`.
    #[error("cannot save chart to {}: the extension must be .png or .svg", path.display())]
    UnsupportedFormat {
        /// The offending path.
        path: PathBuf,
    },
    /// The drawing library failed.
    #[error("drawing the chart failed: {0}")]
    Draw(String),
    /// PNG encoding failed.
    #[error("encoding the PNG failed: {0}")]
    Encode(String),
    /// Writing the file failed.
    #[error("cannot write chart to {}: {source}", path.display())]
    Io {
        /// The file being written.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
}

/// Smallest supported image side in pixels; below it the layout cannot fit.
pub const MIN_SIDE: u32 = 160;
/// Largest supported image side in pixels, to bound memory (RGB buffer).
pub const MAX_SIDE: u32 = 8000;

/// The Okabe–Ito colour-blind-safe palette as RGB, in the order colours are
/// assigned to series and layers (cycling after the eighth). Yellow comes last
/// because it is hard to see as a thin line on white.
pub const PALETTE: [(u8, u8, u8); 8] = [
    (0x00, 0x72, 0xB2), // blue
    (0xD5, 0x5E, 0x00), // vermillion
    (0x00, 0x9E, 0x73), // bluish green
    (0xE6, 0x9F, 0x00), // orange
    (0xCC, 0x79, 0xA7), // reddish purple
    (0x56, 0xB4, 0xE9), // sky blue
    (0x00, 0x00, 0x00), // black
    (0xF0, 0xE4, 0x42), // yellow
];

/// A chart this crate can render: [`LineChart`] or [`StackedChart`].
pub trait Chart: sealed::Sealed {}

impl Chart for LineChart {}
impl Chart for StackedChart {}

mod sealed {
    /// The chart kinds, so rendering can dispatch without generics in the trait.
    pub enum Plot<'a> {
        Line(&'a super::LineChart),
        Stacked(&'a super::StackedChart),
    }

    /// Keeps [`super::Chart`] closed to this crate's chart kinds.
    pub trait Sealed {
        fn plot(&self) -> Plot<'_>;
    }

    impl Sealed for super::LineChart {
        fn plot(&self) -> Plot<'_> {
            Plot::Line(self)
        }
    }

    impl Sealed for super::StackedChart {
        fn plot(&self) -> Plot<'_> {
            Plot::Stacked(self)
        }
    }
}

/// Renders `chart` as an SVG document of `width` x `height` pixels.
///
/// The document references no external resources: text is `<text>` elements
/// in the viewer's sans-serif font, so it can be inlined in HTML as is.
pub fn render_svg<C: Chart + ?Sized>(chart: &C, width: u32, height: u32) -> Result<String, Error> {
    check_size(width, height)?;
    register_font()?;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
        draw::chart(chart.plot(), &root)?;
        root.present().map_err(draw::failed)?;
    }
    Ok(svg)
}

/// Renders `chart` as a PNG image of `width` x `height` pixels (8-bit RGB) and
/// returns the encoded file bytes.
pub fn render_png<C: Chart + ?Sized>(chart: &C, width: u32, height: u32) -> Result<Vec<u8>, Error> {
    check_size(width, height)?;
    register_font()?;
    let font = ab_glyph::FontRef::try_from_slice(FONT).map_err(|_| bad_font())?;
    let mut rgb = vec![0u8; width as usize * height as usize * 3];
    {
        let root = raster::Raster::new(&mut rgb, (width, height), font).into_drawing_area();
        draw::chart(chart.plot(), &root)?;
        root.present().map_err(draw::failed)?;
    }
    encode_png(&rgb, width, height).map_err(|e| Error::Encode(e.to_string()))
}

/// Renders `chart` and writes it to `path`, as PNG or SVG by the extension
/// (`.png` / `.svg`, any case). Other extensions are rejected before rendering.
pub fn save<C: Chart + ?Sized>(
    chart: &C,
    path: impl AsRef<Path>,
    width: u32,
    height: u32,
) -> Result<(), Error> {
    let path = path.as_ref();
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let bytes = match extension.as_deref() {
        Some("png") => render_png(chart, width, height)?,
        Some("svg") => render_svg(chart, width, height)?.into_bytes(),
        _ => {
            return Err(Error::UnsupportedFormat {
                path: path.to_path_buf(),
            });
        }
    };
    std::fs::write(path, bytes).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })
}

fn check_size(width: u32, height: u32) -> Result<(), Error> {
    let ok = |side| (MIN_SIDE..=MAX_SIDE).contains(&side);
    if ok(width) && ok(height) {
        Ok(())
    } else {
        Err(Error::Size { width, height })
    }
}

/// The bundled DejaVu Sans (see `assets/PROVENANCE.md`).
const FONT: &[u8] = include_bytes!("../assets/DejaVuSans.ttf");

fn bad_font() -> Error {
    Error::Draw("the bundled font could not be loaded".into())
}

/// Registers the bundled DejaVu Sans as plotters' "sans-serif" family, once.
///
/// Under that name the SVG backend writes `font-family="sans-serif"`, so SVG
/// viewers use their own sans-serif; layout metrics come from this font.
fn register_font() -> Result<(), Error> {
    static REGISTERED: OnceLock<bool> = OnceLock::new();
    let ok = *REGISTERED.get_or_init(|| {
        plotters::style::register_font("sans-serif", plotters::style::FontStyle::Normal, FONT)
            .is_ok()
    });
    if ok { Ok(()) } else { Err(bad_font()) }
}

fn encode_png(rgb: &[u8], width: u32, height: u32) -> Result<Vec<u8>, png::EncodingError> {
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, width, height);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header()?;
    writer.write_image_data(rgb)?;
    writer.finish()?;
    Ok(out)
}
