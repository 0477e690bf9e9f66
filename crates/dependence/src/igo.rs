//! Shared IGO memberships per dyad-year (COW IGO v3).
//!
//! Beyond the count of IGOs in which both are full members, each side's share of its
//! own full memberships that it shares with the other says how much of a state's
//! institutional life runs through the dyad.

use std::collections::HashMap;

use multipolar_measures::dependence::share;

use crate::cow::{IgoDyad, IgoState};

/// Shared IGO memberships of a non-directed dyad-year.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct IgoRow {
    /// Year.
    pub year: i32,
    /// The lower COW code.
    pub ccode1: u16,
    /// The higher COW code.
    pub ccode2: u16,
    /// IGOs in which both are full members.
    pub shared: u32,
    /// `shared` / full memberships of 1; `None` without state data or full
    /// memberships, or where the dyadic count exceeds the state's (the COW files
    /// disagree in 59 state-dyad-years).
    pub share1: Option<f64>,
    /// `shared` / full memberships of 2.
    pub share2: Option<f64>,
}

/// Joins dyads with state-year memberships; rows sorted by year, ccode1, ccode2.
pub fn igo_dependence(dyads: &[IgoDyad], states: &[IgoState]) -> Vec<IgoRow> {
    let full: HashMap<(u16, i32), u32> =
        states.iter().map(|s| ((s.ccode, s.year), s.full)).collect();
    let mut rows: Vec<IgoRow> = dyads
        .iter()
        .map(|d| {
            let of = |c: u16| share(f64::from(d.shared), f64::from(*full.get(&(c, d.year))?));
            IgoRow {
                year: d.year,
                ccode1: d.ccode1,
                ccode2: d.ccode2,
                shared: d.shared,
                share1: of(d.ccode1),
                share2: of(d.ccode2),
            }
        })
        .collect();
    rows.sort_by_key(|r| (r.year, r.ccode1, r.ccode2));
    rows
}
