//! The roll calls behind a dyad's number: joint votes and where the two differed.

use multipolar_countries::CountryId;
use multipolar_data::{Vote, VoteTable};

use crate::select::PeriodSet;

/// One roll call on which both states voted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct JointVote {
    /// Index into [`VoteTable::roll_calls`].
    pub roll_call: usize,
    /// First state's vote.
    pub a: Vote,
    /// Second state's vote.
    pub b: Vote,
}

fn vote_of(table: &VoteTable, i: usize, c: CountryId) -> Option<Vote> {
    let bs = table.ballots(i);
    bs.binary_search_by_key(&c, |b| b.country)
        .ok()
        .map(|k| bs[k].vote)
}

/// The roll calls of a period on which both states voted, in date order.
pub fn joint_votes(
    table: &VoteTable,
    set: &PeriodSet,
    a: CountryId,
    b: CountryId,
) -> Vec<JointVote> {
    set.roll_calls
        .iter()
        .filter_map(|&i| {
            Some(JointVote {
                roll_call: i,
                a: vote_of(table, i, a)?,
                b: vote_of(table, i, b)?,
            })
        })
        .collect()
}

/// The joint votes on which the two states voted differently.
pub fn differences(
    table: &VoteTable,
    set: &PeriodSet,
    a: CountryId,
    b: CountryId,
) -> Vec<JointVote> {
    joint_votes(table, set, a, b)
        .into_iter()
        .filter(|v| v.a != v.b)
        .collect()
}
