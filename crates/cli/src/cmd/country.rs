//! `multipolar country`: every code of an entity and its membership spells.

use anyhow::Result;
use multipolar_countries::{Registry, Spell};
use multipolar_output::{Column, Format, Frame};

use crate::args::CountryArgs;
use crate::common;

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

pub fn run(a: CountryArgs) -> Result<()> {
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
    common::write_frame(&f, Format::Table, None)
}
