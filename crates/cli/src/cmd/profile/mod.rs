//! `multipolar profile`: a state between the poles, by channel, with its shifts.
//!
//! Loads every source (in parallel: the bundled tables are decompressed and
//! validated on each run; imported events are aggregated by the event store, in
//! builds with it), hands them to `multipolar-profile`, and shows the one
//! [`Profile`] as a terminal report, JSON, charts or a self-contained HTML page — so
//! the views cannot disagree.

#[cfg(feature = "events")]
mod events;
mod html;
mod plots;
mod report;

/// A build without the event store (`--no-default-features`) has no event channels.
#[cfg(not(feature = "events"))]
mod events {
    pub fn dyads(
        _: &std::path::Path,
        _: std::ops::RangeInclusive<i32>,
    ) -> anyhow::Result<Option<multipolar_profile::EventDyads>> {
        Ok(None)
    }
}

use std::collections::HashMap;
use std::path::Path;

use anyhow::{Context, Result, bail};
use multipolar_alliances::{Capabilities, Ties};
use multipolar_countries::CountryId;
use multipolar_data::csvsrc::Source;
use multipolar_dependence::arms::{ArmsDependence, arms_dependence};
use multipolar_dependence::cow;
use multipolar_dependence::igo::{IgoRow, igo_dependence};
use multipolar_dependence::sipri::{Parties, bundled_tiv};
use multipolar_dependence::trade::{TradeDependence, trade_dependence};
use multipolar_profile::{Groups, Profile, Sources, profile};

use crate::args::{ProfileArgs, ReportFormat};
use crate::common;

/// Arms shares are taken over 5-year windows: SIPRI deliveries are lumpy.
const ARMS_WINDOW: u32 = 5;
/// Years shown by default.
const DEFAULT_SPAN: i32 = 30;
/// The last year of the bundled UN votes.
const LAST_BUNDLED_YEAR: i32 = 2020;

/// Every source but the votes and ideal points, read from the bundled files.
struct Bundled {
    ties: Ties,
    caps: Capabilities,
    arms: ArmsDependence,
    parties: Parties,
    trade: TradeDependence,
    igo: Vec<IgoRow>,
}

/// Reads the bundled tables; dependence is computed only for `years` (every share
/// is a ratio within one year, so filtering first changes no value).
fn bundled(years: std::ops::RangeInclusive<i32>) -> Result<Bundled> {
    std::thread::scope(|s| {
        let alliances = s.spawn(|| -> Result<(Ties, Capabilities)> {
            Ok((Ties::bundled_atop()?, Capabilities::bundled()?))
        });
        let arms = s.spawn(|| -> Result<(ArmsDependence, Parties)> {
            let tiv = bundled_tiv()?;
            Ok((arms_dependence(&tiv.cells, ARMS_WINDOW), tiv.parties))
        });
        let igo = s.spawn(|| -> Result<Vec<IgoRow>> {
            let mut dyads = cow::bundled_igo_dyads()?;
            dyads.retain(|d| years.contains(&d.year));
            Ok(igo_dependence(&dyads, &cow::bundled_igo_states()?))
        });
        let mut dyads = cow::bundled_trade_dyads()?;
        dyads.retain(|d| years.contains(&d.year));
        let trade = trade_dependence(&dyads, &cow::bundled_gdp()?);
        let (ties, caps) = alliances.join().expect("alliance loader panicked")?;
        let (arms, parties) = arms.join().expect("arms loader panicked")?;
        let igo = igo.join().expect("IGO loader panicked")?;
        Ok(Bundled {
            ties,
            caps,
            arms,
            parties,
            trade,
            igo,
        })
    })
}

/// The poles the user named, groups first, then states.
fn poles(a: &ProfileArgs, year: i32) -> Result<Vec<multipolar_profile::Pole>> {
    let mut groups = Groups::bundled();
    if let Some(path) = &a.groups {
        groups.read(Source::open(path)?)?;
    }
    let mut out: Vec<multipolar_profile::Pole> = Vec::new();
    for q in &a.poles {
        let p = groups
            .pole(q.trim(), Some(year))
            .map_err(|e| anyhow::anyhow!("pole \"{q}\": {e}"))?;
        if out.iter().any(|o| o.id == p.id) {
            bail!("pole {} is named twice", p.id);
        }
        out.push(p);
    }
    if out.len() < 2 {
        bail!("--poles needs at least two poles to place a state between");
    }
    Ok(out)
}

/// Computes the profile the arguments ask for.
fn compute(data_dir: &Option<std::path::PathBuf>, a: &ProfileArgs) -> Result<Profile> {
    let store = common::store(data_dir)?;
    if let (Some(f), Some(t)) = (a.from, a.to)
        && f > t
    {
        bail!("--from {f} is after --to {t}");
    }
    // Years that may be shown, known before the votes are read (so both load at
    // once): the bundled votes end in 2020 and an import only extends them.
    let lower = a
        .from
        .unwrap_or(a.to.unwrap_or(LAST_BUNDLED_YEAR) - (DEFAULT_SPAN - 1));
    let upper = a.to.unwrap_or(i32::MAX);
    let (votes, data, events) = std::thread::scope(|s| {
        let data = s.spawn(|| bundled(lower..=upper));
        let events = s.spawn(|| events::dyads(store.dir(), lower..=upper));
        let votes = store.votes();
        (
            votes,
            data.join().expect("loader panicked"),
            events.join().expect("event loader panicked"),
        )
    });
    let (votes, data, events) = (votes?, data?, events?);
    let last = votes
        .date_range()
        .context("the vote table is empty")?
        .1
        .year;
    let to = a.to.unwrap_or(last);
    let from = a.from.unwrap_or(to - (DEFAULT_SPAN - 1));
    let state: CountryId = common::country(&a.country, Some(to))?;
    let poles = poles(a, to)?;
    let ideal: Option<HashMap<(CountryId, i32), f64>> = if a.no_ideal {
        None
    } else {
        Some(super::ideal::points(&store, &votes)?)
    };
    let src = Sources {
        votes: &votes,
        ideal: ideal.as_ref(),
        alliances: Some((&data.ties, &data.caps)),
        arms: Some((&data.arms, &data.parties)),
        trade: Some(&data.trade),
        igo: Some(&data.igo),
        events: events.as_ref(),
    };
    Ok(profile(&src, state, &poles, from, to)?)
}

fn write_or_print(out: Option<&Path>, text: &str) -> Result<()> {
    match out {
        Some(p) => multipolar_data::store::write_atomic(p, text.as_bytes())
            .with_context(|| format!("cannot write {}", p.display())),
        None => {
            use std::io::Write;
            let mut o = std::io::stdout().lock();
            match o.write_all(text.as_bytes()).and_then(|_| o.flush()) {
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                r => Ok(r?),
            }
        }
    }
}

pub fn run(data_dir: &Option<std::path::PathBuf>, a: ProfileArgs) -> Result<()> {
    let p = compute(data_dir, &a)?;
    if let Some(dir) = &a.plot {
        plots::write(&p, dir)?;
    }
    if let Some(path) = &a.html {
        let page = html::page(&p)?;
        multipolar_data::store::write_atomic(path, page.as_bytes())
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    let text = match a.format {
        ReportFormat::Table => report::text(&p),
        ReportFormat::Json => serde_json::to_string_pretty(&json(&p))? + "\n",
    };
    write_or_print(a.out.as_deref(), &text)
}

/// The JSON document: the profile with the conventions it was computed under.
pub fn json(p: &Profile) -> serde_json::Value {
    serde_json::json!({
        "multipolar": env!("CARGO_PKG_VERSION"),
        "conventions": {
            "closeness": "similarities s in [-1,1] as (s+1)/2; shares as they are",
            "lean": "closeness - mean closeness over the poles with a value",
            "hedging": "H = 1 - (max - min closeness over poles) (research note §5.2)",
            "engagement": "mean closeness (similarity channels) or summed share (share channels)",
            "dispersion": "per pole, population SD of lean across lean channels; mean over poles",
            "tilt": format!("the pole with the largest closeness, if ahead by ≥ {}", multipolar_profile::indices::TILT_MARGIN),
            "shifts": multipolar_profile::movement::CONVENTION,
            "recent": format!("means over the last {} years with data", multipolar_profile::RECENT_YEARS),
        },
        "profile": p,
    })
}
