//! What every query shares: country resolution and the identifying columns of
//! dyad rows.

use anyhow::Result;
use multipolar_align::{DyadPeriod, PeriodUnit};
use multipolar_countries::{CountryId, Registry};
use multipolar_output::{Column, Frame};
use serde::Deserialize;

/// Pooling unit of UN votes.
#[derive(clap::ValueEnum, Deserialize, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum By {
    /// UN General Assembly session (session 1 = 1946; Voeten, BSV).
    #[default]
    Session,
    /// Calendar year of the vote (peacesciencer dyad-years).
    Year,
}

/// Resolves a user's country argument; the year makes historical codes exact.
pub fn country(query: &str, year: Option<i32>) -> Result<CountryId> {
    Ok(Registry::global().resolve(query, year)?)
}

/// `LABEL` of a country (MAR, USA, GFR…).
pub fn label(c: CountryId) -> String {
    Registry::global().get(c).label().to_string()
}

/// COW code, or -1 for entities outside the COW system.
pub fn ccode(c: CountryId) -> i64 {
    Registry::global().get(c).cow().map_or(-1, i64::from)
}

/// The identifying columns of dyad rows: period (with `year` for sessions, unless
/// pooled), both states' labels and COW codes, and the joint votes `n`.
pub fn push_dyad_columns(f: &mut Frame, rows: &[DyadPeriod], unit: PeriodUnit, pooled: bool) {
    if !pooled {
        f.push(Column::ints(
            unit.as_str(),
            rows.iter().map(|r| i64::from(r.period)).collect(),
        ));
        if unit == PeriodUnit::Session {
            f.push(Column::ints(
                "year",
                rows.iter()
                    .map(|r| i64::from(unit.year_of(r.period)))
                    .collect(),
            ));
        }
    }
    f.push(Column::strs(
        "country1",
        rows.iter().map(|r| label(r.a)).collect(),
    ));
    f.push(Column::strs(
        "country2",
        rows.iter().map(|r| label(r.b)).collect(),
    ));
    f.push(Column::ints(
        "ccode1",
        rows.iter().map(|r| ccode(r.a)).collect(),
    ));
    f.push(Column::ints(
        "ccode2",
        rows.iter().map(|r| ccode(r.b)).collect(),
    ));
    f.push(
        Column::ints("n", rows.iter().map(|r| i64::from(r.n())).collect())
            .describe("joint votes (both states voted yes, abstain or no)"),
    );
}

/// The key columns of a full dyad-year export: `year`, `ccode1`, `ccode2`.
pub fn push_dyad_year_keys<T>(f: &mut Frame, rows: &[T], key: impl Fn(&T) -> (i64, i64, i64)) {
    let keys: Vec<(i64, i64, i64)> = rows.iter().map(key).collect();
    f.push(Column::ints("year", keys.iter().map(|k| k.0).collect()));
    f.push(Column::ints("ccode1", keys.iter().map(|k| k.1).collect()));
    f.push(Column::ints("ccode2", keys.iter().map(|k| k.2).collect()));
}

/// `--from` after `--to` is a usage error, found before any data is read.
pub fn check_period(from: Option<i32>, to: Option<i32>) -> Result<()> {
    if let (Some(f), Some(t)) = (from, to)
        && f > t
    {
        crate::error::bail_usage!("--from {f} is after --to {t}");
    }
    Ok(())
}

/// When a request reaches past the last year of the votes: how to bring newer ones.
pub fn newer_votes_hint(asked_to: Option<i32>, last: i32) -> String {
    match asked_to {
        Some(t) if t > last => format!(
            "; votes after {last} come from the UN Digital Library: run `multipolar data update unga`"
        ),
        _ => String::new(),
    }
}

impl By {
    /// `session` or `year`.
    pub fn as_str(self) -> &'static str {
        match self {
            By::Session => "session",
            By::Year => "year",
        }
    }
}
