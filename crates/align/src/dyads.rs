//! Dyad × period cross-tabulations: every pair, or the pairs a user asked for.

use multipolar_countries::CountryId;
use multipolar_data::VoteTable;
use multipolar_measures::{CrossTab, Measure};
use rayon::prelude::*;

use crate::matrix::PeriodMatrix;
use crate::select::{PeriodSet, Selection};

/// The joint votes of two states in one period, as a 3×3 table.
///
/// A row exists when both states cast at least one vote in the period; `n()` may
/// still be 0 (they never voted on the same roll call), and then every measure is
/// `None`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DyadPeriod {
    /// Session number or calendar year.
    pub period: i32,
    /// First state (rows of the table).
    pub a: CountryId,
    /// Second state (columns).
    pub b: CountryId,
    /// Joint vote counts, row-major, levels yes/abstain/no.
    pub counts: [u32; 9],
}

impl DyadPeriod {
    /// Joint votes.
    pub fn n(&self) -> u32 {
        self.counts.iter().sum()
    }

    /// The counts as a measures table.
    pub fn tab(&self) -> CrossTab {
        CrossTab::from_counts(3, &self.counts.map(f64::from))
    }

    /// The value of one measure (`None` where undefined).
    pub fn value(&self, m: Measure) -> Option<f64> {
        m.compute(&self.tab())
    }

    /// The same dyad seen from `b`: the table transposed.
    pub fn swapped(&self) -> DyadPeriod {
        let c = self.counts;
        DyadPeriod {
            period: self.period,
            a: self.b,
            b: self.a,
            counts: [c[0], c[3], c[6], c[1], c[4], c[7], c[2], c[5], c[8]],
        }
    }
}

/// Every unordered pair of states voting in each period (`a < b` by id), all
/// periods of the selection, computed in parallel over periods.
pub fn all_dyads(table: &VoteTable, sel: &Selection) -> Vec<DyadPeriod> {
    let periods = sel.periods(table);
    let chunks: Vec<Vec<DyadPeriod>> = periods
        .par_iter()
        .map(|set| {
            let m = PeriodMatrix::build(table, set);
            let cs = m.countries();
            let mut out = Vec::with_capacity(cs.len() * cs.len().saturating_sub(1) / 2);
            for i in 0..cs.len() {
                for j in i + 1..cs.len() {
                    out.push(DyadPeriod {
                        period: set.period,
                        a: cs[i],
                        b: cs[j],
                        counts: m.crosstab(i, j),
                    });
                }
            }
            out
        })
        .collect();
    chunks.concat()
}

/// The requested ordered pairs in every period where both states voted.
pub fn dyads(
    table: &VoteTable,
    sel: &Selection,
    pairs: &[(CountryId, CountryId)],
) -> Vec<DyadPeriod> {
    per_period(table, sel, |set, m| {
        pairs
            .iter()
            .filter_map(|&(a, b)| {
                let (i, j) = (m.position(a)?, m.position(b)?);
                Some(DyadPeriod {
                    period: set.period,
                    a,
                    b,
                    counts: m.crosstab(i, j),
                })
            })
            .collect()
    })
}

/// `a` against every other state voting in each period.
pub fn with_all(table: &VoteTable, sel: &Selection, a: CountryId) -> Vec<DyadPeriod> {
    per_period(table, sel, |set, m| {
        let Some(i) = m.position(a) else {
            return Vec::new();
        };
        (0..m.countries().len())
            .filter(|&j| j != i)
            .map(|j| DyadPeriod {
                period: set.period,
                a,
                b: m.countries()[j],
                counts: m.crosstab(i, j),
            })
            .collect()
    })
}

/// Pooled over the whole selection instead of per period: one table per pair,
/// labelled with the first period (callers show the range).
pub fn pooled(rows: &[DyadPeriod]) -> Vec<DyadPeriod> {
    let mut out: Vec<DyadPeriod> = Vec::new();
    for r in rows {
        match out.iter_mut().find(|o| o.a == r.a && o.b == r.b) {
            Some(o) => {
                for k in 0..9 {
                    o.counts[k] += r.counts[k];
                }
            }
            None => out.push(*r),
        }
    }
    out
}

/// Votes cast by each state in the selection, over all periods.
pub fn votes_cast(table: &VoteTable, sel: &Selection, c: CountryId) -> u32 {
    sel.periods(table)
        .iter()
        .flat_map(|set| set.roll_calls.iter())
        .filter(|&&i| {
            table
                .ballots(i)
                .binary_search_by_key(&c, |b| b.country)
                .is_ok()
        })
        .count() as u32
}

fn per_period(
    table: &VoteTable,
    sel: &Selection,
    f: impl Fn(&PeriodSet, &PeriodMatrix) -> Vec<DyadPeriod> + Sync,
) -> Vec<DyadPeriod> {
    let periods = sel.periods(table);
    let chunks: Vec<Vec<DyadPeriod>> = periods
        .par_iter()
        .map(|set| f(set, &PeriodMatrix::build(table, set)))
        .collect();
    chunks.concat()
}
