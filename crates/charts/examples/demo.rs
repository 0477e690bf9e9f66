//! Writes demo charts (a line chart with bands and markers, and a stacked share
//! chart) as PNG and SVG into the directory given on the command line:
//!
//! ```text
//! cargo run -p multipolar-charts --example demo -- /tmp/charts
//! ```

use std::path::PathBuf;

use multipolar_charts::{LineChart, Marker, Series, StackedChart, save};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = PathBuf::from(
        std::env::args()
            .nth(1)
            .ok_or("usage: demo OUTPUT_DIR (PNG and SVG files are written there)")?,
    );
    std::fs::create_dir_all(&dir)?;

    let years: Vec<f64> = (1990..=2022).map(f64::from).collect();
    let wave = |offset: f64, amplitude: f64, phase: f64| -> Vec<(f64, f64)> {
        years
            .iter()
            .map(|&y| (y, offset + amplitude * ((y - 1990.0) / 5.0 + phase).sin()))
            .collect()
    };
    let mut china = wave(0.35, 0.08, 1.0);
    // A gap: no data for 2003-2004.
    china[13].1 = f64::NAN;
    china[14].1 = f64::NAN;
    let mut germany = Series::new("Germany (ideal point)", wave(0.55, 0.05, 2.0));
    germany.band = Some(
        germany
            .points
            .iter()
            .map(|&(x, y)| (x, y - 0.06, y + 0.06))
            .collect(),
    );
    let lean = LineChart {
        title: "Germany: agreement with the poles in UN votes".into(),
        x_label: "Year".into(),
        y_label: "Agreement".into(),
        series: vec![
            Series::new("USA", wave(0.45, 0.12, 0.0)),
            Series::new("EU", wave(0.85, 0.04, 0.5)),
            Series::new("China", china),
            Series::new("Russia", wave(0.30, 0.10, 3.0)),
            germany,
            Series::new("single year", vec![(2010.0, 0.15)]),
        ],
        y_range: Some((0.0, 1.0)),
        markers: vec![
            Marker {
                x: 2001.0,
                label: "2001 break".into(),
            },
            Marker {
                x: 2003.0,
                label: "2003 Iraq".into(),
            },
            Marker {
                x: 2014.0,
                label: "2014 Crimea".into(),
            },
        ],
    };

    let shares = |k: f64| -> Vec<f64> {
        years
            .iter()
            .map(|&y| (0.18 + 0.06 * ((y - 1990.0) / 7.0 + k).sin()) / (1.0 + k * 0.3))
            .collect()
    };
    let partners = StackedChart {
        title: "Germany: trade partner shares".into(),
        x_label: "Year".into(),
        y_label: "Share of trade".into(),
        x: years.clone(),
        layers: vec![
            ("France".into(), shares(0.0)),
            ("USA".into(), shares(1.0)),
            ("China".into(), shares(2.0)),
            ("Netherlands".into(), shares(3.0)),
        ],
    };

    for (name, w, h) in [("", 800, 450), ("-large", 1600, 900), ("-small", 480, 300)] {
        for ext in ["png", "svg"] {
            save(&lean, dir.join(format!("lean{name}.{ext}")), w, h)?;
            save(&partners, dir.join(format!("partners{name}.{ext}")), w, h)?;
        }
    }
    println!(
        "wrote lean and partners charts (.png, .svg) to {}",
        dir.display()
    );
    Ok(())
}
