//! `multipolar ideal`: the query layer's ideal-point rows, and their chart.

use std::path::Path;

use anyhow::{Context, Result, bail};
use multipolar_query::{Engine, Frame};

use crate::args::IdealArgs;
use crate::common;

/// Trajectories one chart can tell apart (the palette's colours).
const PLOT_MAX: usize = 8;

pub fn run(engine: &Engine, a: IdealArgs) -> Result<()> {
    if let Some(path) = &a.plot {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        if !matches!(ext.as_deref(), Some("png" | "svg")) {
            bail!(multipolar_query::Usage(format!(
                "--plot {}: give a file ending in .png or .svg",
                path.display()
            )));
        }
        if a.req.countries.is_empty() || a.req.countries.len() > PLOT_MAX {
            bail!(multipolar_query::Usage(format!(
                "--plot draws the named countries: name 1 to {PLOT_MAX}"
            )));
        }
    }
    let frame = engine.ideal(&a.req)?;
    if let Some(path) = &a.plot {
        plot(&frame, path)?;
    }
    common::emit(&frame, &a.out)
}

/// Each country's ideal point per session (x = the year the session opens), with its
/// interval as a band: the bootstrap's when there is one, else the posterior 5–95 %.
fn plot(f: &Frame, path: &Path) -> Result<()> {
    let col = |name: &str| f.floats(name).with_context(|| format!("no column {name}"));
    let (country, year) = (
        f.strs("country").context("no column country")?,
        f.ints("year").context("no column year")?,
    );
    let theta = col("ideal_point")?;
    let (lo, hi) = match (f.floats("lo"), f.floats("hi")) {
        (Some(lo), Some(hi)) => (lo, hi),
        _ => (col("q05")?, col("q95")?),
    };
    // Rows come grouped by country in the order named.
    let mut series: Vec<multipolar_charts::Series> = Vec::new();
    for r in 0..f.n_rows() {
        if series.last().is_none_or(|s| s.name != country[r]) {
            series.push(multipolar_charts::Series {
                name: country[r].clone(),
                points: Vec::new(),
                band: Some(Vec::new()),
            });
        }
        let s = series.last_mut().expect("pushed above");
        let (x, (t, l, h)) = (year[r] as f64, (theta[r], lo[r], hi[r]));
        if let (Some(t), Some(l), Some(h)) = (t, l, h) {
            s.points.push((x, t));
            s.band.as_mut().expect("set above").push((x, l, h));
        }
    }
    let chart = multipolar_charts::LineChart {
        title: "UN ideal points (Bailey–Strezhnev–Voeten model)".into(),
        x_label: "Year (session opening)".into(),
        y_label: "ideal point θ (USA positive)".into(),
        series,
        y_range: None,
        markers: Vec::new(),
    };
    multipolar_charts::save(&chart, path, 900, 480)
        .with_context(|| format!("cannot draw {}", path.display()))
}
