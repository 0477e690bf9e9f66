//! Poles: the states or groups a profile measures a state against.
//!
//! A pole is one state (`USA`) or a group whose membership changes over time (`EU`
//! is its member states at each date: the six of 1958, Britain until 31 January
//! 2020, …). Groups come from a small CSV file — `group,name,country,from,to`, one
//! row per membership spell, dates `YYYY-MM-DD`, an empty `to` meaning "still a
//! member" — so users add `WEST` or `ASEAN` without touching code. The bundled
//! file defines `EU`, `NATO` and `BRICS` from accession dates in the treaties and
//! the organisations' own member lists.
//!
//! How a group enters each channel is the channel's business (see
//! [`crate::channels`]); here a group only answers "who belongs on this date".

use std::collections::BTreeMap;

use multipolar_countries::{CountryId, Date, Registry};
use multipolar_data::Result;
use multipolar_data::csvsrc::{Source, Table};

/// The bundled groups: EU, NATO, BRICS.
pub const BUNDLED_GROUPS: &str = include_str!("../groups.csv");

/// One membership spell, inclusive at both ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spell {
    /// The member state.
    pub country: CountryId,
    /// First day of membership.
    pub from: Date,
    /// Last day of membership; `None` while still a member.
    pub to: Option<Date>,
}

impl Spell {
    fn contains(&self, d: Date) -> bool {
        self.from <= d && self.to.is_none_or(|t| d <= t)
    }
}

/// A pole: one state, or a group with time-varying membership.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pole {
    /// Short id shown in tables: a state's label (`USA`) or the group id (`EU`).
    pub id: String,
    /// Long name.
    pub name: String,
    /// Membership spells; a single state is one open spell.
    pub spells: Vec<Spell>,
    /// Whether the pole is a group (its channel values aggregate members).
    pub group: bool,
}

impl Pole {
    /// A single-state pole.
    pub fn state(c: CountryId) -> Pole {
        let country = Registry::global().get(c);
        Pole {
            id: country.label().to_string(),
            name: country.name().to_string(),
            spells: vec![Spell {
                country: c,
                from: Date::first_of(1),
                to: None,
            }],
            group: false,
        }
    }

    /// Members on a date.
    pub fn members_on(&self, d: Date) -> Vec<CountryId> {
        let mut v: Vec<CountryId> = self
            .spells
            .iter()
            .filter(|s| s.contains(d))
            .map(|s| s.country)
            .collect();
        v.sort();
        v.dedup();
        v
    }

    /// Members of a yearly channel: the members on 1 July of `year` (mid-year, so
    /// a state joining in January counts for that year and one leaving in January
    /// does not).
    pub fn members_in(&self, year: i32) -> Vec<CountryId> {
        self.members_on(Date::new(year, 7, 1).expect("1 July exists"))
    }

    /// Whether `c` is ever a member.
    pub fn includes(&self, c: CountryId) -> bool {
        self.spells.iter().any(|s| s.country == c)
    }
}

/// Named groups, from the bundled file and the user's own.
#[derive(Debug, Clone, Default)]
pub struct Groups {
    groups: BTreeMap<String, Pole>,
}

impl Groups {
    /// The bundled EU, NATO and BRICS.
    pub fn bundled() -> Groups {
        let mut g = Groups::default();
        g.read(Source::from_bytes(
            "bundled groups.csv",
            BUNDLED_GROUPS.as_bytes(),
        ))
        .expect("the bundled groups file is valid (tested)");
        g
    }

    /// Adds (or replaces) the groups of a `group,name,country,from,to` file. Every
    /// country must resolve on its `from` date and spells must not be inverted.
    pub fn read(&mut self, src: Source) -> Result<()> {
        let mut t = Table::new(src, &["group", "name", "country", "from", "to"])?;
        let mut read: BTreeMap<String, Pole> = BTreeMap::new();
        while t.next_row()? {
            let id = t.get(0).trim().to_string();
            if id.is_empty() {
                return Err(t.field_error(0, "missing group id"));
            }
            let from = t.date(3)?;
            let to = match t.get(4).trim() {
                "" => None,
                _ => Some(t.date(4)?),
            };
            if to.is_some_and(|to| to < from) {
                return Err(t.field_error(4, format!("membership ends before it begins ({from})")));
            }
            let q = t.get(2).trim();
            let country = Registry::global()
                .resolve_on(q, from)
                .map_err(|e| t.field_error(2, e.to_string()))?;
            let pole = read.entry(id.clone()).or_insert_with(|| Pole {
                id,
                name: t.get(1).trim().to_string(),
                spells: Vec::new(),
                group: true,
            });
            pole.spells.push(Spell { country, from, to });
        }
        self.groups.extend(read);
        Ok(())
    }

    /// The group with this id (ASCII case-insensitive).
    pub fn get(&self, id: &str) -> Option<&Pole> {
        self.groups
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(id))
            .map(|(_, v)| v)
    }

    /// Group ids, sorted.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.groups.keys().map(String::as_str)
    }

    /// A pole from a user's word: a group id first, otherwise a state of the registry
    /// (resolved at `year`).
    pub fn pole(&self, q: &str, year: Option<i32>) -> std::result::Result<Pole, String> {
        if let Some(g) = self.get(q) {
            return Ok(g.clone());
        }
        Registry::global()
            .resolve(q, year)
            .map(Pole::state)
            .map_err(|e| {
                format!(
                    "{e}; poles are states or groups ({})",
                    self.ids().collect::<Vec<_>>().join(", ")
                )
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(q: &str) -> CountryId {
        Registry::global().resolve(q, None).unwrap()
    }

    #[test]
    fn eu_membership_follows_the_treaties() {
        let g = Groups::bundled();
        let eu = g.get("eu").unwrap();
        assert_eq!(eu.members_in(1960).len(), 6);
        assert_eq!(eu.members_in(1973).len(), 9);
        assert_eq!(eu.members_in(1995).len(), 15);
        assert_eq!(eu.members_in(2004).len(), 25);
        assert_eq!(eu.members_in(2013).len(), 28);
        assert_eq!(eu.members_in(2020).len(), 27);
        // West Germany before unification, Germany after.
        let gfr = Registry::global().resolve("GFR", None).unwrap();
        assert!(eu.members_in(1989).contains(&gfr));
        assert!(eu.members_in(1991).contains(&id("DEU")));
        assert!(!eu.members_in(1991).contains(&gfr));
        // Britain left on 31 January 2020.
        let d = |y, m, d| Date::new(y, m, d).unwrap();
        assert!(eu.members_on(d(2020, 1, 31)).contains(&id("GBR")));
        assert!(!eu.members_on(d(2020, 2, 1)).contains(&id("GBR")));
        assert_eq!(g.get("NATO").unwrap().members_in(2020).len(), 30);
    }

    #[test]
    fn a_state_is_its_own_pole_and_unknown_words_teach() {
        let g = Groups::bundled();
        let p = g.pole("United States", None).unwrap();
        assert_eq!(p.id, "USA");
        assert_eq!(p.members_in(1950), vec![id("USA")]);
        let e = g.pole("Atlantis", None).unwrap_err();
        assert!(e.contains("BRICS, EU, NATO"), "{e}");
    }

    #[test]
    fn bad_group_rows_name_file_line_and_field() {
        let mut g = Groups::default();
        let bad = "group,name,country,from,to\nWEST,The West,USA,1945-01-01,\nWEST,The West,Narnia,1945-01-01,\n";
        let e = g
            .read(Source::from_bytes("west.csv", bad.as_bytes()))
            .unwrap_err();
        let msg = e.to_string();
        assert!(
            msg.contains("west.csv:3") && msg.contains("\"country\""),
            "{msg}"
        );
        let inverted = "group,name,country,from,to\nX,X,USA,2000-01-01,1999-01-01\n";
        let e = g
            .read(Source::from_bytes("x.csv", inverted.as_bytes()))
            .unwrap_err();
        assert!(e.to_string().contains("ends before it begins"), "{e}");
        // A failed read adds nothing.
        assert!(g.get("WEST").is_none());
    }
}
