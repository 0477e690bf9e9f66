//! The UN-vote channel: every voting state against every pole, per calendar year.
//!
//! A single-state pole votes as that state. A group votes its members' plurality
//! (yes, abstain or no among the members present; a tied plurality casts no pole
//! vote on that roll call), and a member is compared with the rest of its group —
//! France against "the EU without France" — so that a state never agrees with
//! itself. Each state-pole-year is a 3×3 table of joint votes, the input of every
//! agreement measure of `multipolar-measures`.

use std::collections::HashMap;

use multipolar_countries::CountryId;
use multipolar_data::{Vote, VoteTable};
use multipolar_measures::{CrossTab, Measure};

use crate::poles::Pole;

/// Joint-vote tables of every state against every pole, for each year of a range.
#[derive(Debug, Clone)]
pub struct PoleVotes {
    from: i32,
    n_poles: usize,
    /// `[year − from][pole]`: state → 3×3 counts (row: the state's vote).
    tables: Vec<Vec<HashMap<CountryId, [u32; 9]>>>,
    /// Roll calls (indices into the vote table) of each year.
    roll_calls: Vec<Vec<usize>>,
    /// `[year − from]`: state → Yes/Abstain/No votes it cast that year.
    cast: Vec<HashMap<CountryId, u32>>,
}

/// The pole's vote on roll call `i`, leaving `without` out of a group (and giving
/// no vote when `without` is the pole itself).
pub fn pole_vote(
    table: &VoteTable,
    i: usize,
    pole: &Pole,
    without: Option<CountryId>,
) -> Option<Vote> {
    let rc = &table.roll_calls()[i];
    let ballots = table.ballots(i);
    let vote_of = |c: CountryId| {
        ballots
            .binary_search_by_key(&c, |b| b.country)
            .ok()
            .map(|k| ballots[k].vote)
    };
    if !pole.group {
        let c = pole.spells[0].country;
        return if Some(c) == without { None } else { vote_of(c) };
    }
    let mut n = [0u32; 3];
    for m in pole.members_on(rc.date) {
        if Some(m) != without
            && let Some(v) = vote_of(m)
        {
            n[v.level() as usize] += 1;
        }
    }
    let top = *n.iter().max()?;
    if top == 0 || n.iter().filter(|&&x| x == top).count() > 1 {
        return None;
    }
    [Vote::Yes, Vote::Abstain, Vote::No]
        .into_iter()
        .find(|v| n[v.level() as usize] == top)
}

impl PoleVotes {
    /// Tables for the years `from..=to` (calendar year of the vote) and every roll
    /// call in them.
    pub fn build(table: &VoteTable, poles: &[Pole], from: i32, to: i32) -> PoleVotes {
        let years = (to - from + 1).max(0) as usize;
        let mut tables = vec![vec![HashMap::new(); poles.len()]; years];
        let mut roll_calls = vec![Vec::new(); years];
        let mut cast = vec![HashMap::new(); years];
        for (i, rc) in table.roll_calls().iter().enumerate() {
            let y = rc.date.year;
            if y < from || y > to {
                continue;
            }
            let yi = (y - from) as usize;
            roll_calls[yi].push(i);
            for b in table.ballots(i) {
                *cast[yi].entry(b.country).or_insert(0) += 1;
            }
            for (p, pole) in poles.iter().enumerate() {
                // The group's vote without any one member differs from the full
                // plurality only for members; compute it once for everyone else.
                let common = pole_vote(table, i, pole, None);
                for b in table.ballots(i) {
                    let pv = if pole.includes(b.country) {
                        pole_vote(table, i, pole, Some(b.country))
                    } else {
                        common
                    };
                    if let Some(pv) = pv {
                        let t = tables[yi][p].entry(b.country).or_insert([0; 9]);
                        t[usize::from(b.vote.level()) * 3 + usize::from(pv.level())] += 1;
                    }
                }
            }
        }
        PoleVotes {
            from,
            n_poles: poles.len(),
            tables,
            roll_calls,
            cast,
        }
    }

    /// The 3×3 table of `state` against pole `p` in `year`.
    pub fn counts(&self, state: CountryId, p: usize, year: i32) -> Option<[u32; 9]> {
        let yi = usize::try_from(year - self.from).ok()?;
        self.tables.get(yi)?.get(p)?.get(&state).copied()
    }

    /// Yes/Abstain/No votes `state` cast in `year`.
    pub fn cast(&self, state: CountryId, year: i32) -> u32 {
        usize::try_from(year - self.from)
            .ok()
            .and_then(|yi| self.cast.get(yi)?.get(&state).copied())
            .unwrap_or(0)
    }

    /// Whether `state` voted in too few roll calls of `year` for a yearly value
    /// (fewer than [`MIN_ROLL_CALLS`](crate::coverage::MIN_ROLL_CALLS), at least one).
    pub fn thin(&self, state: CountryId, year: i32) -> bool {
        (1..crate::coverage::MIN_ROLL_CALLS).contains(&self.cast(state, year))
    }

    /// A measure of `state` against pole `p` in `year` (`None` without joint votes,
    /// where the measure is undefined, or in a [thin](Self::thin) year).
    pub fn value(&self, m: Measure, state: CountryId, p: usize, year: i32) -> Option<f64> {
        if self.thin(state, year) {
            return None;
        }
        let c = self.counts(state, p, year)?;
        m.compute(&CrossTab::from_counts(3, &c.map(f64::from)))
    }

    /// States with a table against every pole in `year`, thin years left out.
    pub fn states(&self, year: i32) -> Vec<CountryId> {
        let Some(t) = usize::try_from(year - self.from)
            .ok()
            .and_then(|yi| self.tables.get(yi))
        else {
            return Vec::new();
        };
        let mut v: Vec<CountryId> = t[0]
            .keys()
            .filter(|c| (1..self.n_poles).all(|p| t[p].contains_key(c)))
            .filter(|&&c| !self.thin(c, year))
            .copied()
            .collect();
        v.sort();
        v
    }

    /// Roll calls of `year`.
    pub fn roll_calls(&self, year: i32) -> &[usize] {
        usize::try_from(year - self.from)
            .ok()
            .and_then(|yi| self.roll_calls.get(yi))
            .map_or(&[], Vec::as_slice)
    }
}
