//! Dependence of states on each other through trade, arms transfers and shared
//! intergovernmental organisations, per dyad-year: is a state diversifying its
//! partners, or becoming dependent on one?
//!
//! # Brief overview
//!
//! * [`cow`] reads the COW-coded tables — trade v4 dyads and state totals, IGO v3 dyads
//!   and state-years, Fariss et al. GDP/population — from the bundled files or the
//!   user's own, validating every row (file, line and field in every error; missing
//!   years, negative amounts and duplicate dyad-years are errors).
//! * [`sipri`] reads SIPRI's trade register and TIV table and maps SIPRI's names to
//!   the country registry, keeping armed groups and organisations as named non-state
//!   [`sipri::Party`]s and reporting every name it cannot map
//!   ([`sipri::MappingReport`]); nothing is dropped. [`sipri::bundled_tiv`] is the
//!   table to 2021 extended to 2024 from the register.
//! * [`trade`], [`arms`] and [`igo`] compute the measures of `multipolar-measures`'
//!   `dependence` module for every dyad-year: partner shares, trade over GDP,
//!   asymmetry, Barbieri salience and symmetry, and each state's partner concentration
//!   (HHI, effective number of partners, top-partner share); supplier shares of TIV
//!   over windows of years; shared IGO memberships. [`trade::TradeRow::side`] and
//!   [`arms::dyad_years`] give one dyad seen from either state.
//! * [`geography`] reads COW direct contiguity (bundled) and CShapes minimum distance
//!   (the user's copy) and gives both per dyad-year.
//!
//! ```
//! use multipolar_dependence::{arms, sipri};
//!
//! let tiv = sipri::bundled_tiv()?;
//! let deps = arms::arms_dependence(&tiv.cells, 5);
//! let ind = multipolar_countries::Registry::global().resolve("IND", None).unwrap();
//! let r = deps.recipients.iter()
//!     .find(|r| r.recipient == sipri::Party::State(ind) && r.year == 2021)
//!     .unwrap();
//! // India's top supplier over 2017–2021: Russia.
//! assert_eq!(tiv.parties.label(r.top_supplier.unwrap()), "RUS");
//! # Ok::<(), multipolar_data::DataError>(())
//! ```
//!
//! Arms-transfer data: "Source: SIPRI Arms Transfers Database" ([`sipri::ATTRIBUTION`]).
//!
//! # Why a separate crate
//!
//! The channels share readers, a name mapping and the join of dyads with state totals,
//! none of which the UN-vote crates need; keeping them here lets the dependence half of
//! the product build and be tested on its own, with the pure formulas left in
//! `multipolar-measures`.
#![deny(missing_docs)]

pub mod arms;
pub mod cow;
pub mod geography;
pub mod igo;
pub mod sipri;
pub mod trade;

/// Years of a table that one source covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// First year.
    pub from: i32,
    /// Last year.
    pub to: i32,
    /// The source, in words.
    pub source: String,
}

/// The first and last year of each source among `(year, source)` items, in order of
/// first year.
pub fn spans<'a>(items: impl Iterator<Item = (i32, &'a str)>) -> Vec<Span> {
    let mut by: std::collections::HashMap<&str, (i32, i32)> = Default::default();
    for (y, s) in items {
        let e = by.entry(s).or_insert((y, y));
        *e = (e.0.min(y), e.1.max(y));
    }
    let mut v: Vec<Span> = by
        .into_iter()
        .map(|(s, (from, to))| Span {
            from,
            to,
            source: s.to_string(),
        })
        .collect();
    v.sort_by(|a, b| (a.from, a.to, &a.source).cmp(&(b.from, b.to, &b.source)));
    v
}
