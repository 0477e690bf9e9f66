//! Percent agreement: the four incompatible conventions of research note §2.1.
//!
//! They differ only in how abstentions count; all return `None` when the
//! observations they use number zero. [`strict`] and [`half_credit`] work on
//! any k; [`yes_no_only`] and [`state_dept`] are defined for UN votes only
//! (k = 3, levels as in [`votes`](crate::votes)) and return `None` otherwise.

use crate::CrossTab;
use crate::votes::{ABSTAIN, LEVELS, NO, YES};

/// Strict agreement `#(x = y) / n`.
///
/// Only identical levels agree: A–A counts as agreement, Y–A as disagreement.
/// Reproduces `agree` of `svmiller/stevedata: rok_unga` (calendar years) and
/// QSS `PctAgreeUS` (research note §2.1, verified in §2.8).
///
/// `None` if n = 0.
pub fn strict(t: &CrossTab) -> Option<f64> {
    let n = t.nonzero_n()?;
    Some(t.diagonal() / n)
}

/// Half-credit agreement `1 − Σ|a − b| / ((k − 1)·n)`.
///
/// Each observation scores `1 − |a − b|/(k − 1)`: for votes Y–A and N–A earn
/// 0.5, A–A earns 1, Y–N earns 0. Reproduces Voeten's AgreementScores `agree`
/// (`Agree = 1-abs(vote.x-vote.y)/2`, per session, amendment and paragraph
/// votes included; research note §2.1, 24 of 24 dyad-sessions matched in
/// §2.8). For k = 3 it equals `(S_abs + 1)/2`.
///
/// `None` if n = 0.
pub fn half_credit(t: &CrossTab) -> Option<f64> {
    let n = t.nonzero_n()?;
    let d_max = (t.k() - 1) as f64;
    Some(1.0 - t.distance_sum(1) / (d_max * n))
}

/// Yes/No-only ("votes only") agreement `(YY + NN) / (YY + NN + YN + NY)`.
///
/// Any observation with an abstention is left out, as in the US State
/// Department's *Voting Practices in the UN* "votes only" figure (research
/// note §2.1).
///
/// `None` if k ≠ 3 (not a vote table) or if no observation is Y/N on both
/// sides.
pub fn yes_no_only(t: &CrossTab) -> Option<f64> {
    if t.k() != LEVELS {
        return None;
    }
    let identical = t.get(YES, YES) + t.get(NO, NO);
    let used = identical + t.pair(YES, NO);
    (used > 0.0).then(|| identical / used)
}

/// State Department half-point agreement `(Full + 0.5·Half) / n`.
///
/// Full = YY + NN; Half = YA + AY + NA + AN; n counts every joint vote, so
/// A–A is in the denominator but earns nothing (unlike [`half_credit`], where
/// A–A earns 1). Method of the State Department's 2020 report as implemented
/// in `acacia-analytics/UN-Voting-Coincidence` (research note §2.1). Equals
/// [`half_credit`] when no A–A vote occurs (USA–Mexico 1946, §7.1).
///
/// `None` if k ≠ 3 (not a vote table) or n = 0; 0 for a table of A–A only.
pub fn state_dept(t: &CrossTab) -> Option<f64> {
    if t.k() != LEVELS {
        return None;
    }
    let n = t.nonzero_n()?;
    let full = t.get(YES, YES) + t.get(NO, NO);
    let half = t.pair(YES, ABSTAIN) + t.pair(NO, ABSTAIN);
    Some((full + 0.5 * half) / n)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Rows = i, columns = j, order Y, A, N.
    fn votes(counts: [f64; 9]) -> CrossTab {
        CrossTab::from_counts(3, &counts)
    }

    #[test]
    fn empty_table_is_undefined() {
        let t = CrossTab::new(3);
        assert_eq!(strict(&t), None);
        assert_eq!(half_credit(&t), None);
        assert_eq!(yes_no_only(&t), None);
        assert_eq!(state_dept(&t), None);
    }

    #[test]
    fn abstentions_only_yes_no_is_undefined() {
        // Y–A and A–N only: no Y/N pair on both sides.
        let t = votes([0., 3., 0., 0., 0., 2., 0., 0., 0.]);
        assert_eq!(yes_no_only(&t), None);
        // Full = 0, Half = 5, n = 5.
        assert_eq!(state_dept(&t), Some(0.5));
        assert_eq!(half_credit(&t), Some(0.5));
        assert_eq!(strict(&t), Some(0.0));
    }

    #[test]
    fn abstain_abstain_earns_nothing_in_state_dept_only() {
        // One Y–Y and one A–A: State Dept (1 + 0)/2, half-credit and strict 1.
        let t = votes([1., 0., 0., 0., 1., 0., 0., 0., 0.]);
        assert_eq!(state_dept(&t), Some(0.5));
        assert_eq!(half_credit(&t), Some(1.0));
        assert_eq!(strict(&t), Some(1.0));
        assert_eq!(yes_no_only(&t), Some(1.0));
    }

    #[test]
    fn yes_no_opposition_scores_zero() {
        let t = votes([0., 0., 4., 0., 0., 0., 1., 0., 0.]);
        assert_eq!(yes_no_only(&t), Some(0.0));
        assert_eq!(half_credit(&t), Some(0.0));
        assert_eq!(state_dept(&t), Some(0.0));
    }

    #[test]
    fn vote_only_conventions_need_three_levels() {
        let t = CrossTab::from_counts(4, &[1.0; 16]);
        assert_eq!(yes_no_only(&t), None);
        assert_eq!(state_dept(&t), None);
    }

    #[test]
    fn half_credit_scales_by_k_minus_one() {
        // k = 4 (alliance levels 0..3): one pair at distance 1 scores 1 − 1/3.
        let mut t = CrossTab::new(4);
        t.add(0, 1, 1.0);
        assert_eq!(half_credit(&t), Some(1.0 - 1.0 / 3.0));
    }
}
