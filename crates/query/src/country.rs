//! `country` and `countries`: every code of an entity and its membership spells.

use anyhow::Result;
use multipolar_countries::{Registry, Spell};
use multipolar_output::{Column, Frame};
use serde::Deserialize;

use crate::{common, de};

/// A `country` request: one name or code, optionally as of a year.
#[derive(clap::Args, Deserialize, Debug, Clone, Default)]
#[serde(default)]
pub struct CountryRequest {
    /// A code (COW number or letters, ISO3, ISO2, Gleditsch–Ward with `gw:`, UN M49
    /// with `m49:`) or a name.
    #[serde(alias = "q", alias = "state")]
    pub query: String,
    /// Resolve as of this year (e.g. DEU in 1980 is the German Federal Republic).
    #[arg(long)]
    #[serde(deserialize_with = "de::lenient_opt")]
    pub year: Option<i32>,
}

fn spells(s: &[Spell]) -> String {
    if s.is_empty() {
        return "none".into();
    }
    s.iter()
        .map(|s| match s.end {
            Some(e) => format!("{} – {}", s.start, e),
            None => format!("{} – to date", s.start),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Every code an entity has had (with dates) and its membership spells.
pub fn country(a: &CountryRequest) -> Result<Frame> {
    let id = common::country(&a.query, a.year)?;
    let c = Registry::global().get(id);
    let name = a.year.map_or(c.name(), |y| c.name_in(y));
    let mut f = Frame::new();
    f.meta("country", format!("{name} ({})", c.label()));
    if let Some(y) = a.year {
        f.meta("as of", y.to_string());
    }
    f.meta("COW state system", spells(c.cow_spells()));
    f.meta("Gleditsch–Ward", spells(c.gw_spells()));
    let d = c.designations();
    let date = |x: Option<multipolar_countries::Date>| x.map_or(String::new(), |d| d.to_string());
    f.push(Column::strs(
        "system",
        d.iter().map(|d| d.system.prefix().to_string()).collect(),
    ));
    f.push(Column::strs(
        "code or name",
        d.iter().map(|d| d.value.clone()).collect(),
    ));
    f.push(Column::strs(
        "from",
        d.iter().map(|d| date(d.from)).collect(),
    ));
    f.push(Column::strs(
        "to",
        d.iter()
            .map(|d| {
                if d.to.is_none() {
                    "in use".into()
                } else {
                    date(d.to)
                }
            })
            .collect(),
    ));
    Ok(f)
}

/// Every entity of the registry with its current codes and COW membership.
pub fn countries() -> Frame {
    let reg = Registry::global();
    let all: Vec<_> = reg.iter().collect();
    let mut f = Frame::new();
    f.meta(
        "what",
        "every entity of the country registry (COW, Gleditsch–Ward, ISO, UN M49)",
    );
    f.push(Column::strs(
        "label",
        all.iter().map(|c| c.label().to_string()).collect(),
    ));
    f.push(Column::strs(
        "name",
        all.iter().map(|c| c.name().to_string()).collect(),
    ));
    f.push(
        Column::ints(
            "ccode",
            all.iter().map(|c| c.cow().map_or(-1, i64::from)).collect(),
        )
        .describe("COW code; -1: not a COW state"),
    );
    f.push(Column::strs(
        "iso3",
        all.iter()
            .map(|c| c.iso3().unwrap_or("").to_string())
            .collect(),
    ));
    f.push(Column::strs(
        "cow_system",
        all.iter().map(|c| spells(c.cow_spells())).collect(),
    ));
    f
}
