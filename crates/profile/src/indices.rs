//! Summary indices of a state's position between poles (research note
//! `alignment.md` §5.2), as pure functions of per-pole closeness values.
//!
//! Every channel's measure is first put on a common closeness scale c ∈ [0, 1]
//! (similarities s ∈ [−1, 1] as c = (s + 1)/2; shares as they are). Then, over the
//! poles with a value:
//!
//! * **lean** towards pole p: c_p − mean_q c_q (sums to 0 over the poles);
//! * **hedging** H = 1 − (max_p c_p − min_p c_p): 1 when equally close to every
//!   pole, 0 when fully with one and fully away from another. For two poles and a
//!   similarity this is the note's H = 1 − |s_A − s_B|/2;
//! * **engagement** E: how close the state is to the poles at all — the mean c for
//!   similarity and overlap channels, the summed share for share channels (a state
//!   buying 90 % of its arms from the poles is engaged with them even if each share
//!   is small).
//!   H and E together separate "equally close to all" (high H, high E) from
//!   "equally far from all" (high H, low E);
//! * **dispersion** across channels: for each pole, the standard deviation of its
//!   lean over the channels, averaged over poles. Leaning different ways in
//!   different channels is hedging too, and shows here even when every single
//!   channel leans clearly.

use serde::Serialize;

/// How a channel's measure maps to closeness in [0, 1].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Scale {
    /// A similarity s ∈ [−1, 1] (κ, S): closeness (s + 1)/2; engagement is the mean.
    Similarity,
    /// A share ∈ [0, 1] of the state's total with the pole: closeness is the share;
    /// engagement is the sum over poles.
    Share,
    /// An overlap ∈ [0, 1] that is not a part of a whole (shared IGOs over the
    /// state's memberships): closeness is the value; engagement is the mean.
    Overlap,
}

impl Scale {
    /// Closeness of a raw value.
    pub fn closeness(self, v: f64) -> f64 {
        match self {
            Scale::Similarity => (v + 1.0) / 2.0,
            Scale::Share | Scale::Overlap => v,
        }
    }
}

/// Lean towards each pole: closeness minus the mean closeness over the poles that
/// have a value (`None` stays `None`; all `None` when fewer than two have one).
pub fn lean(closeness: &[Option<f64>]) -> Vec<Option<f64>> {
    let known: Vec<f64> = closeness.iter().flatten().copied().collect();
    if known.len() < 2 {
        return vec![None; closeness.len()];
    }
    let mean = known.iter().sum::<f64>() / known.len() as f64;
    closeness.iter().map(|c| c.map(|c| c - mean)).collect()
}

/// Hedging H = 1 − (max − min) closeness over the poles with a value; `None` with
/// fewer than two.
pub fn hedging(closeness: &[Option<f64>]) -> Option<f64> {
    let known: Vec<f64> = closeness.iter().flatten().copied().collect();
    if known.len() < 2 {
        return None;
    }
    let max = known.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let min = known.iter().copied().fold(f64::INFINITY, f64::min);
    Some(1.0 - (max - min))
}

/// Engagement with the poles (see the module docs); `None` without values.
pub fn engagement(scale: Scale, closeness: &[Option<f64>]) -> Option<f64> {
    let known: Vec<f64> = closeness.iter().flatten().copied().collect();
    if known.is_empty() {
        return None;
    }
    let sum: f64 = known.iter().sum();
    Some(match scale {
        Scale::Similarity | Scale::Overlap => sum / known.len() as f64,
        Scale::Share => sum,
    })
}

/// The pole the channel leans towards: the largest closeness, if it exceeds the
/// runner-up by at least `margin` (otherwise the channel leans nowhere).
pub fn tilt(closeness: &[Option<f64>], margin: f64) -> Option<usize> {
    let mut idx: Vec<(usize, f64)> = closeness
        .iter()
        .enumerate()
        .filter_map(|(i, c)| Some((i, (*c)?)))
        .collect();
    if idx.len() < 2 {
        return None;
    }
    idx.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    (idx[0].1 - idx[1].1 >= margin).then_some(idx[0].0)
}

/// Dispersion of leans across channels: for each pole, the population standard
/// deviation of its lean over the channels that have one, averaged over poles with
/// at least two channels. `leans[channel][pole]`.
pub fn dispersion(leans: &[Vec<Option<f64>>]) -> Option<f64> {
    let poles = leans.iter().map(Vec::len).max().unwrap_or(0);
    let mut sds = Vec::new();
    for p in 0..poles {
        let v: Vec<f64> = leans
            .iter()
            .filter_map(|l| l.get(p).copied().flatten())
            .collect();
        if v.len() >= 2 {
            let m = v.iter().sum::<f64>() / v.len() as f64;
            let var = v.iter().map(|x| (x - m).powi(2)).sum::<f64>() / v.len() as f64;
            sds.push(var.sqrt());
        }
    }
    (!sds.is_empty()).then(|| sds.iter().sum::<f64>() / sds.len() as f64)
}

/// Position between two poles on a one-dimensional scale, λ = (θ − θ_B)/(θ_A − θ_B):
/// 1 at A, 0 at B, outside [0, 1] beyond a pole; `None` when the poles coincide.
pub fn between(theta: f64, a: f64, b: f64) -> Option<f64> {
    let d = a - b;
    (d.abs() > 1e-12).then(|| (theta - b) / d)
}

/// Words for a channel-year: which of the §5.2 situations the numbers describe.
/// Thresholds: a tilt needs a closeness margin of `TILT_MARGIN`; "close to all" and
/// "far from all" need H ≥ 0.8 and engagement above or below one half.
pub fn stance(tilt: Option<&str>, h: Option<f64>, e: Option<f64>) -> String {
    match (tilt, h, e) {
        (Some(p), _, _) => format!("leans {p}"),
        (None, Some(h), Some(e)) if h >= 0.8 => {
            if e >= 0.5 {
                "close to all poles".into()
            } else {
                "far from all poles".into()
            }
        }
        (None, Some(_), _) => "between the poles".into(),
        _ => "no data".into(),
    }
}

/// Closeness margin a channel's top pole needs over the runner-up to count as a tilt.
pub const TILT_MARGIN: f64 = 0.05;

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const EPS: f64 = 1e-12;

    #[test]
    fn hand_computed_two_pole_similarity() {
        // κ with A = 0.6, with B = −0.2 → closeness 0.8 and 0.4.
        let c = [
            Some(Scale::Similarity.closeness(0.6)),
            Some(Scale::Similarity.closeness(-0.2)),
        ];
        assert!((c[0].unwrap() - 0.8).abs() < EPS && (c[1].unwrap() - 0.4).abs() < EPS);
        // Note §5.2: H = 1 − |s_A − s_B|/2 = 1 − 0.8/2 = 0.6.
        assert!((hedging(&c).unwrap() - 0.6).abs() < EPS);
        // Lean: mean 0.6 → +0.2 towards A, −0.2 towards B.
        let l = lean(&c);
        assert!((l[0].unwrap() - 0.2).abs() < EPS && (l[1].unwrap() + 0.2).abs() < EPS);
        assert!((engagement(Scale::Similarity, &c).unwrap() - 0.6).abs() < EPS);
        assert_eq!(tilt(&c, TILT_MARGIN), Some(0));
    }

    #[test]
    fn equally_far_and_equally_close_are_told_apart() {
        // Both have H = 1; engagement separates them.
        let close = [Some(0.9), Some(0.9)];
        let far = [Some(0.1), Some(0.1)];
        assert_eq!(hedging(&close), Some(1.0));
        assert_eq!(hedging(&far), Some(1.0));
        let ec = engagement(Scale::Similarity, &close);
        let ef = engagement(Scale::Similarity, &far);
        assert_eq!(stance(None, Some(1.0), ec), "close to all poles");
        assert_eq!(stance(None, Some(1.0), ef), "far from all poles");
    }

    #[test]
    fn share_channel_hand_computed() {
        // Arms: 60 % from USA, 10 % from EU, 0 from CHN, missing RUS.
        let c = [Some(0.6), Some(0.1), Some(0.0), None];
        assert!((hedging(&c).unwrap() - 0.4).abs() < EPS);
        assert!((engagement(Scale::Share, &c).unwrap() - 0.7).abs() < EPS);
        let l = lean(&c);
        let m = 0.7 / 3.0;
        assert!((l[0].unwrap() - (0.6 - m)).abs() < EPS);
        assert_eq!(l[3], None);
    }

    #[test]
    fn dispersion_hand_computed() {
        // Two channels, two poles: leans (+0.2, −0.2) and (−0.1, +0.1).
        // Pole A: values 0.2, −0.1 → mean 0.05, sd 0.15; pole B the same → 0.15.
        let d = dispersion(&[vec![Some(0.2), Some(-0.2)], vec![Some(-0.1), Some(0.1)]]);
        assert!((d.unwrap() - 0.15).abs() < EPS);
        // Channels agreeing exactly: no dispersion.
        let d = dispersion(&[vec![Some(0.2), Some(-0.2)], vec![Some(0.2), Some(-0.2)]]);
        assert!(d.unwrap().abs() < EPS);
        assert_eq!(dispersion(&[vec![Some(0.2), None]]), None);
    }

    #[test]
    fn between_two_poles() {
        assert_eq!(between(1.0, 1.0, -1.0), Some(1.0));
        assert_eq!(between(-1.0, 1.0, -1.0), Some(0.0));
        assert_eq!(between(0.5, 1.0, -1.0), Some(0.75));
        assert_eq!(between(2.0, 1.0, -1.0), Some(1.5));
        assert_eq!(between(0.3, 0.2, 0.2), None);
    }

    #[test]
    fn one_pole_gives_no_comparison() {
        assert_eq!(hedging(&[Some(0.5), None]), None);
        assert_eq!(lean(&[Some(0.5), None]), vec![None, None]);
        assert_eq!(tilt(&[Some(0.5), None], 0.0), None);
    }

    proptest! {
        #[test]
        fn leans_sum_to_zero_and_hedging_is_bounded(c in proptest::collection::vec(0.0f64..=1.0, 2..6)) {
            let c: Vec<Option<f64>> = c.into_iter().map(Some).collect();
            let s: f64 = lean(&c).iter().flatten().sum();
            prop_assert!(s.abs() < 1e-9);
            let h = hedging(&c).unwrap();
            prop_assert!((0.0..=1.0).contains(&h));
            // Hedging is unchanged when the poles are listed in another order.
            let mut r = c.clone();
            r.reverse();
            prop_assert!((hedging(&r).unwrap() - h).abs() < EPS);
        }
    }
}
