//! The profile's charts: each lean channel against the poles over time (shifts
//! marked), the ideal-point trajectory against the poles, and partner concentration
//! in arms, trade and security events. The same charts go to `--plot DIR` (PNG and
//! SVG) and, inline as SVG, to the HTML report.

use std::path::Path;

use anyhow::{Context, Result};
use multipolar_charts::{LineChart, Marker, Series, StackedChart};
use multipolar_profile::{ChannelId, ChannelSeries, Profile};

/// Chart size in pixels.
pub const WIDTH: u32 = 900;
/// Chart height in pixels.
pub const HEIGHT: u32 = 420;

/// A chart of the profile with its file stem.
pub enum Chart {
    /// Lines over years.
    Line(LineChart),
    /// Stacked shares over years.
    Stacked(StackedChart),
}

impl Chart {
    pub fn svg(&self) -> Result<String> {
        Ok(match self {
            Chart::Line(c) => multipolar_charts::render_svg(c, WIDTH, HEIGHT)?,
            Chart::Stacked(c) => multipolar_charts::render_svg(c, WIDTH, HEIGHT)?,
        })
    }

    fn save(&self, path: &Path) -> Result<()> {
        match self {
            Chart::Line(c) => multipolar_charts::save(c, path, WIDTH, HEIGHT)?,
            Chart::Stacked(c) => multipolar_charts::save(c, path, WIDTH, HEIGHT)?,
        }
        Ok(())
    }
}

fn points(years: &[i32], v: &[Option<f64>]) -> Vec<(f64, f64)> {
    years
        .iter()
        .zip(v)
        .filter_map(|(y, v)| Some((f64::from(*y), (*v)?)))
        .collect()
}

fn markers(p: &Profile, ch: ChannelId) -> Vec<Marker> {
    p.shifts
        .iter()
        .filter(|s| {
            s.channel == ch || (ch == ChannelId::UnKappa && s.channel == ChannelId::UnAgreement)
        })
        .map(|s| Marker {
            x: f64::from(s.year) - 0.5,
            label: format!("{} {:+.2}", s.pole, s.size),
        })
        .collect()
}

/// Short y-axis label per channel (the full convention is in the report).
fn axis(ch: ChannelId) -> &'static str {
    match ch {
        ChannelId::UnAgreement => "agreement (half-credit)",
        ChannelId::UnKappa => "Cohen's κ (quadratic)",
        ChannelId::Ideal => "ideal point θ",
        ChannelId::Alliances => "alliance portfolio κ (ATOP)",
        ChannelId::Arms => "share of arms imports (TIV, 5 yr)",
        ChannelId::Trade => "share of total trade",
        ChannelId::Igo => "shared IGOs / memberships",
        ChannelId::EventsCoop => "net cooperation (events)",
        ChannelId::EventsSecurity => "share of security cooperation events",
    }
}

fn lean_chart(p: &Profile, c: &ChannelSeries) -> LineChart {
    let y_range = match c.channel.scale() {
        Some(multipolar_profile::indices::Scale::Similarity) => None,
        _ => Some((0.0, 1.0)),
    };
    LineChart {
        title: format!("{} — {} with each pole", p.state, c.title),
        x_label: "Year".into(),
        y_label: axis(c.channel).into(),
        series: p
            .poles
            .iter()
            .enumerate()
            .map(|(i, pole)| Series::new(pole.id.clone(), points(&p.years, &c.values[i])))
            .collect(),
        y_range,
        markers: markers(p, c.channel),
    }
}

fn ideal_chart(p: &Profile, c: &ChannelSeries) -> LineChart {
    let mut series = vec![Series::new(p.state.clone(), points(&p.years, &c.own))];
    series.extend(
        p.poles
            .iter()
            .enumerate()
            .map(|(i, pole)| Series::new(pole.id.clone(), points(&p.years, &c.values[i]))),
    );
    LineChart {
        title: format!("{} — UN ideal point against the poles", p.state),
        x_label: "Year (session opening)".into(),
        y_label: "ideal point θ (BSV, USA positive)".into(),
        series,
        y_range: None,
        markers: markers(p, ChannelId::Ideal),
    }
}

fn concentration_chart(p: &Profile, c: &ChannelSeries) -> Option<StackedChart> {
    let keep: Vec<usize> = (0..p.years.len())
        .filter(|&k| c.leading.iter().any(|l| l.shares[k].is_some()))
        .collect();
    if keep.is_empty() {
        return None;
    }
    let mut layers: Vec<(String, Vec<f64>)> = c
        .leading
        .iter()
        .map(|l| {
            (
                l.partner.clone(),
                keep.iter().map(|&k| l.shares[k].unwrap_or(0.0)).collect(),
            )
        })
        .collect();
    let other: Vec<f64> = keep
        .iter()
        .enumerate()
        .map(|(i, _)| (1.0 - layers.iter().map(|l| l.1[i]).sum::<f64>()).max(0.0))
        .collect();
    layers.push(("other".into(), other));
    Some(StackedChart {
        title: format!("{} — {}: partner shares", p.state, c.title),
        x_label: "Year".into(),
        y_label: "share of total".into(),
        x: keep.iter().map(|&k| f64::from(p.years[k])).collect(),
        layers,
    })
}

/// Every chart of the profile, with a file stem, in report order.
pub fn charts(p: &Profile) -> Vec<(String, Chart)> {
    let mut out = Vec::new();
    for c in &p.channels {
        let has_data = c.values.iter().flatten().any(Option::is_some);
        if c.channel == ChannelId::Ideal {
            if c.own.iter().any(Option::is_some) {
                out.push(("ideal".into(), Chart::Line(ideal_chart(p, c))));
            }
        } else if has_data {
            out.push((
                format!("lean-{}", c.channel.id()),
                Chart::Line(lean_chart(p, c)),
            ));
        }
        if let Some(s) = concentration_chart(p, c) {
            out.push((format!("partners-{}", c.channel.id()), Chart::Stacked(s)));
        }
    }
    out
}

/// Writes every chart as PNG and SVG into `dir` (created if missing).
pub fn write(p: &Profile, dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    for (stem, chart) in charts(p) {
        for ext in ["png", "svg"] {
            let path = dir.join(format!("{stem}.{ext}"));
            chart
                .save(&path)
                .with_context(|| format!("cannot write {}", path.display()))?;
        }
    }
    Ok(())
}
