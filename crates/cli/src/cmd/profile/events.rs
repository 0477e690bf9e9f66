//! The profile's event channels read the data directory's event store: one SQL
//! aggregation to yearly counts per directed dyad of states, handed to
//! `multipolar-profile` as plain [`EventDyads`] (that crate stays free of DataFusion).

use std::ops::RangeInclusive;
use std::path::Path;

use anyhow::{Context, Result, bail};
use multipolar_countries::{CountryId, Registry};
use multipolar_events::Channel;
use multipolar_eventstore::import::EVENTS;
use multipolar_eventstore::{EventStore, to_frame};
use multipolar_output::{Data, Frame};
use multipolar_profile::{EventCounts, EventDyads};

/// Per year and directed dyad of two different states: cooperative (quad 1–2),
/// conflictual (quad 3–4) and cooperative security-channel events, over `years`.
fn query(years: &RangeInclusive<i32>) -> String {
    // Date literals (not a year expression) let DataFusion skip Parquet row groups.
    let (from, to) = (years.start().clamp(&1, &9999), years.end().clamp(&1, &9999));
    format!(
        "SELECT CAST(date_part('year', date) AS BIGINT) AS year, source_country, target_country, \
         SUM(CASE WHEN quad IN (1, 2) THEN 1 ELSE 0 END) AS coop, \
         SUM(CASE WHEN quad IN (3, 4) THEN 1 ELSE 0 END) AS conflict, \
         SUM(CASE WHEN quad IN (1, 2) AND channel = '{security}' THEN 1 ELSE 0 END) AS security_coop \
         FROM {EVENTS} \
         WHERE source_country IS NOT NULL AND target_country IS NOT NULL \
         AND source_country <> target_country \
         AND date >= DATE '{from:04}-01-01' AND date <= DATE '{to:04}-12-31' \
         GROUP BY 1, 2, 3",
        security = Channel::Security.as_str(),
    )
}

/// The imported events of `years` between states, or `None` when the data directory
/// holds no events.
pub fn dyads(dir: &Path, years: RangeInclusive<i32>) -> Result<Option<EventDyads>> {
    // Most profiles have no events: skip starting a query engine for them.
    let manifest = dir.join(multipolar_data::store::MANIFEST);
    let has_events = std::fs::read(&manifest).is_ok_and(|b| {
        serde_json::from_slice::<multipolar_data::store::Manifest>(&b)
            .is_ok_and(|m| m.datasets.contains_key(EVENTS))
    });
    if !has_events {
        return Ok(None);
    }
    let store = EventStore::open(dir)?;
    if !store.tables().iter().any(|t| t == EVENTS) {
        return Ok(None);
    }
    let frame = to_frame(&store.sql(&query(&years))?)
        .context("cannot aggregate the imported events for the profile")?;
    let mut out = EventDyads::new();
    if frame.n_rows() == 0 {
        return Ok(Some(out));
    }
    let year = ints(&frame, "year")?;
    let (source, target) = (
        strs(&frame, "source_country")?,
        strs(&frame, "target_country")?,
    );
    let (coop, conflict, security) = (
        ints(&frame, "coop")?,
        ints(&frame, "conflict")?,
        ints(&frame, "security_coop")?,
    );
    for i in 0..frame.n_rows() {
        let count = |v: &[i64]| u64::try_from(v[i]).expect("counts are not negative");
        out.add(
            country(&source[i])?,
            country(&target[i])?,
            i32::try_from(year[i]).context("event year out of range")?,
            EventCounts {
                coop: count(coop),
                conflict: count(conflict),
                security_coop: count(security),
            },
        );
    }
    Ok(Some(out))
}

/// A state of the events table, stored as its registry label.
fn country(label: &str) -> Result<CountryId> {
    Registry::global().by_label(label).with_context(|| {
        format!("the events table names an unknown country \"{label}\"; re-import the event files")
    })
}

fn column<'a>(f: &'a Frame, name: &str) -> Result<&'a Data> {
    match f.columns.iter().find(|c| c.name == name) {
        Some(c) => Ok(&c.data),
        None => bail!("the event aggregation returned no column {name}"),
    }
}

fn ints<'a>(f: &'a Frame, name: &str) -> Result<&'a [i64]> {
    match column(f, name)? {
        Data::Int(v) => Ok(v),
        _ => bail!("the event aggregation's column {name} is not an integer column"),
    }
}

fn strs<'a>(f: &'a Frame, name: &str) -> Result<&'a [String]> {
    match column(f, name)? {
        Data::Str(v) => Ok(v),
        _ => bail!("the event aggregation's column {name} is not a text column"),
    }
}
