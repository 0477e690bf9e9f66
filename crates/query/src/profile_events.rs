//! The profile's event channels read the data directory's event store: one SQL
//! aggregation to yearly counts per directed dyad of states, handed to
//! `multipolar-profile` as plain [`EventDyads`] (that crate stays free of DataFusion).

use std::ops::RangeInclusive;

use anyhow::{Context, Result};
use multipolar_countries::{CountryId, Registry};
use multipolar_events::Channel;
use multipolar_eventstore::import::EVENTS;
use multipolar_eventstore::{EventStore, to_frame};
use multipolar_output::Frame;
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

/// The imported events of `years` between states.
pub fn dyads(store: &EventStore, years: RangeInclusive<i32>) -> Result<EventDyads> {
    let frame = to_frame(&store.sql(&query(&years))?)
        .context("cannot aggregate the imported events for the profile")?;
    let mut out = EventDyads::new();
    if frame.n_rows() == 0 {
        return Ok(out);
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
    Ok(out)
}

/// A state of the events table, stored as its registry label.
fn country(label: &str) -> Result<CountryId> {
    Registry::global().by_label(label).with_context(|| {
        format!("the events table names an unknown country \"{label}\"; re-import the event files")
    })
}

fn ints<'a>(f: &'a Frame, name: &str) -> Result<&'a [i64]> {
    f.ints(name)
        .with_context(|| format!("the event aggregation returned no integer column {name}"))
}

fn strs<'a>(f: &'a Frame, name: &str) -> Result<&'a [String]> {
    f.strs(name)
        .with_context(|| format!("the event aggregation returned no text column {name}"))
}
