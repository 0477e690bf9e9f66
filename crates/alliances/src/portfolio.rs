//! Alliance portfolios of one year and the fast all-dyad engine.
//!
//! State i's portfolio lists its level towards every state k of the year's system,
//! itself included at the maximum level 3 ("a state makes a maximal commitment to
//! defend itself", fpsim/peacesciencer). Two portfolios are compared through their
//! 4×4 joint table (i's level × j's level over all k) and the same table summing
//! each k's CINC; every measure reads only those tables.
//!
//! Most states have few allies, so each row is kept as its non-zero entries next to a
//! dense n×n level matrix (≤ 200² bytes, cache-resident). The table of a dyad is
//! filled from the non-zero entries of the two rows, and the (0, 0) cell — states
//! neither is allied with, usually almost all — is n minus the rest (for the CINC
//! table, the year's CINC total minus the rest). A dyad costs O(ties of i + ties of
//! j), not O(n), and a year's dyads are independent, so years run in parallel.

use std::collections::HashMap;

use multipolar_countries::{Date, Registry};
use rayon::prelude::*;

use crate::capabilities::Capabilities;
use crate::measure::Scores;
use crate::ties::{Tie, Ties};

/// First and last year of the alliance measures (ATOP 5.1 ends in 2018; the COW
/// state system starts in 1816).
pub const YEARS: (i32, i32) = (1816, 2018);

/// COW codes of the states in the COW state system in `year`, ascending.
///
/// A state belongs to year y's system if it was a member on at least one day of y
/// (any COW membership spell overlaps 1 January – 31 December of y), as in
/// peacesciencer's state-years (`create_stateyears()`), which fpsim's portfolios use.
/// Spells come from [`Registry`]'s COW list (v2016; membership open at its end stays
/// open after 2016).
pub fn system(year: i32) -> Vec<u16> {
    let (first, last) = (Date::first_of(year), Date::last_of(year));
    let mut v: Vec<u16> = Registry::global()
        .iter()
        .filter(|c| {
            c.cow_spells()
                .iter()
                .any(|s| s.start <= last && s.end.is_none_or(|e| e >= first))
        })
        .filter_map(|c| c.cow())
        .collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// Similarity of one non-directed dyad in one year (`ccode1 < ccode2`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DyadScores {
    /// Year.
    pub year: i32,
    /// Lower COW code.
    pub ccode1: u16,
    /// Higher COW code.
    pub ccode2: u16,
    /// The eleven measures.
    pub scores: Scores,
}

/// The portfolios of every system member in one year.
#[derive(Clone, Debug)]
pub struct YearPortfolios {
    year: i32,
    members: Vec<u16>,
    index: HashMap<u16, usize>,
    /// Row-major n×n levels; row i is i's portfolio.
    levels: Vec<u8>,
    /// Per row, the non-zero entries `(k, level)`.
    nonzero: Vec<Vec<(u32, u8)>>,
    cinc: Vec<Option<f64>>,
    /// `cinc` with missing as 0 (a missing k is left out of the weighted S).
    weights: Vec<f64>,
    weight_total: f64,
    outside: Vec<(u16, u16)>,
}

impl YearPortfolios {
    /// Portfolios of `year` over [`system`]`(year)`.
    pub fn for_year(year: i32, ties: &Ties, caps: &Capabilities) -> YearPortfolios {
        YearPortfolios::new(year, system(year), ties.year(year), caps)
    }

    /// Portfolios over the given members (COW codes, any order, no duplicates).
    /// Ties with an endpoint outside `members` are not used and are listed by
    /// [`outside_system`](Self::outside_system).
    pub fn new(year: i32, mut members: Vec<u16>, ties: &[Tie], caps: &Capabilities) -> Self {
        members.sort_unstable();
        members.dedup();
        let n = members.len();
        let index: HashMap<u16, usize> = members.iter().enumerate().map(|(i, &c)| (c, i)).collect();
        let mut levels = vec![0u8; n * n];
        for i in 0..n {
            levels[i * n + i] = 3;
        }
        let mut outside = Vec::new();
        for t in ties {
            match (index.get(&t.from), index.get(&t.to)) {
                (Some(&i), Some(&k)) => levels[i * n + k] = t.level,
                _ => outside.push((t.from, t.to)),
            }
        }
        let nonzero = (0..n)
            .map(|i| {
                levels[i * n..(i + 1) * n]
                    .iter()
                    .enumerate()
                    .filter(|&(_, &l)| l > 0)
                    .map(|(k, &l)| (k as u32, l))
                    .collect()
            })
            .collect();
        let cinc: Vec<Option<f64>> = members.iter().map(|&c| caps.cinc(c, year)).collect();
        let weights: Vec<f64> = cinc.iter().map(|w| w.unwrap_or(0.0)).collect();
        let weight_total = weights.iter().sum();
        YearPortfolios {
            year,
            members,
            index,
            levels,
            nonzero,
            cinc,
            weights,
            weight_total,
            outside,
        }
    }

    /// The year.
    pub fn year(&self) -> i32 {
        self.year
    }

    /// System members, ascending COW code; portfolios are indexed in this order.
    pub fn members(&self) -> &[u16] {
        &self.members
    }

    /// The portfolio of `ccode` (levels towards each member, itself = 3).
    pub fn portfolio(&self, ccode: u16) -> Option<&[u8]> {
        let n = self.members.len();
        self.index
            .get(&ccode)
            .map(|&i| &self.levels[i * n..(i + 1) * n])
    }

    /// CINC of each member (the weights of the weighted S), `None` where missing.
    pub fn cinc(&self) -> &[Option<f64>] {
        &self.cinc
    }

    /// Ties `(from, to)` of the year with an endpoint outside the system (not used).
    pub fn outside_system(&self) -> &[(u16, u16)] {
        &self.outside
    }

    /// All measures for states `a` and `b` (either order: every measure is
    /// symmetric, and both orders are computed identically). `None` if either is not
    /// a member or `a == b`.
    pub fn pair(&self, a: u16, b: u16) -> Option<Scores> {
        let (&i, &j) = (self.index.get(&a)?, self.index.get(&b)?);
        (i != j).then(|| self.scores(i.min(j), i.max(j)))
    }

    /// Every non-directed dyad of the year, `ccode1 < ccode2`, ascending.
    pub fn all(&self) -> Vec<DyadScores> {
        let n = self.members.len();
        let mut out = Vec::with_capacity(n * n.saturating_sub(1) / 2);
        for i in 0..n {
            for j in i + 1..n {
                out.push(DyadScores {
                    year: self.year,
                    ccode1: self.members[i],
                    ccode2: self.members[j],
                    scores: self.scores(i, j),
                });
            }
        }
        out
    }

    fn scores(&self, i: usize, j: usize) -> Scores {
        let n = self.members.len();
        let li = &self.levels[i * n..(i + 1) * n];
        let lj = &self.levels[j * n..(j + 1) * n];
        let mut c = [0.0f64; 16];
        let mut w = [0.0f64; 16];
        for &(k, a) in &self.nonzero[i] {
            let cell = usize::from(a) * 4 + usize::from(lj[k as usize]);
            c[cell] += 1.0;
            w[cell] += self.weights[k as usize];
        }
        for &(k, b) in &self.nonzero[j] {
            if li[k as usize] == 0 {
                c[usize::from(b)] += 1.0;
                w[usize::from(b)] += self.weights[k as usize];
            }
        }
        c[0] = n as f64 - c[1..].iter().sum::<f64>();
        // Rounding can leave a hair below 0 when every k is in some tie.
        w[0] = (self.weight_total - w[1..].iter().sum::<f64>()).max(0.0);
        Scores::from_tables(&c, &w)
    }
}

/// Every non-directed dyad-year from `from` to `to` (inclusive; clamped to
/// [`YEARS`]), sorted by year, ccode1, ccode2. Years run in parallel.
pub fn all_dyad_years(ties: &Ties, caps: &Capabilities, from: i32, to: i32) -> Vec<DyadScores> {
    let (from, to) = (from.max(YEARS.0), to.min(YEARS.1));
    let per_year: Vec<Vec<DyadScores>> = (from..=to)
        .into_par_iter()
        .map(|y| YearPortfolios::for_year(y, ties, caps).all())
        .collect();
    per_year.concat()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn system_sizes() {
        // COW v2016: 23 states in 1816; 1946 includes states of any day of the year.
        assert_eq!(system(1816).len(), 23);
        let s2016 = system(2016);
        assert_eq!(s2016.len(), 195);
        // Membership open at the end of the data carries over to 2017–2018.
        assert_eq!(system(2018), s2016);
    }

    #[test]
    fn self_ties_are_three_and_outsiders_listed() {
        let ties = [
            Tie {
                from: 2,
                to: 20,
                level: 3,
            },
            Tie {
                from: 20,
                to: 2,
                level: 1,
            },
            Tie {
                from: 2,
                to: 999,
                level: 2,
            },
        ];
        let p = YearPortfolios::new(1950, vec![20, 2, 200], &ties, &Capabilities::default());
        assert_eq!(p.members(), [2, 20, 200]);
        assert_eq!(p.portfolio(2).unwrap(), [3, 3, 0]);
        assert_eq!(p.portfolio(20).unwrap(), [1, 3, 0]);
        assert_eq!(p.portfolio(200).unwrap(), [0, 0, 3]);
        assert_eq!(p.outside_system(), [(2, 999)]);
        assert_eq!(p.pair(2, 2), None);
        assert_eq!(p.pair(2, 700), None);
    }
}
