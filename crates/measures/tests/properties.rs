//! Identities and invariants every table must satisfy (research note §2.2–2.3),
//! and a differential check of the table code against plain loops over raw
//! vote vectors.

use multipolar_measures::chance::{self, Weighting};
use multipolar_measures::similarity::{self, Metric};
use multipolar_measures::{CrossTab, MAX_LEVELS, Measure, agreement};
use proptest::prelude::*;

/// Slack for identities that hold exactly in real arithmetic but whose two
/// sides round differently in f64.
const ROUNDING: f64 = 1e-12;

const WEIGHTINGS: [Weighting; 3] = [Weighting::Nominal, Weighting::Linear, Weighting::Quadratic];

fn close(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => (a - b).abs() <= ROUNDING,
        (None, None) => true,
        _ => false,
    }
}

/// Integer counts with many empty cells, so degenerate tables (one level
/// used, empty rows, n = 0) come up often.
fn counts(len: usize) -> impl Strategy<Value = Vec<f64>> {
    let cell = prop_oneof![2 => Just(0.0), 3 => (1u8..20).prop_map(f64::from)];
    prop::collection::vec(cell, len)
}

fn table_k(k: usize) -> impl Strategy<Value = CrossTab> {
    counts(k * k).prop_map(move |c| CrossTab::from_counts(k, &c))
}

fn any_table() -> impl Strategy<Value = CrossTab> {
    (2..=MAX_LEVELS).prop_flat_map(table_k)
}

/// Fractional (weighted) counts, where summation order shows in the last bits.
fn weighted_table() -> impl Strategy<Value = CrossTab> {
    (2..=MAX_LEVELS).prop_flat_map(|k| {
        let cell = prop_oneof![1 => Just(0.0), 3 => 0.0..10.0f64];
        prop::collection::vec(cell, k * k).prop_map(move |c| CrossTab::from_counts(k, &c))
    })
}

/// Two states' levels on the same observations: (k, x, y).
fn vote_vectors() -> impl Strategy<Value = (usize, Vec<u8>, Vec<u8>)> {
    (2..=MAX_LEVELS).prop_flat_map(|k| {
        let level = 0..k as u8;
        prop::collection::vec((level.clone(), level), 0..60).prop_map(move |pairs| {
            let (x, y) = pairs.into_iter().unzip();
            (k, x, y)
        })
    })
}

proptest! {
    #[test]
    fn s_abs_is_twice_half_credit_minus_one(t in table_k(3)) {
        // §2.2: for votes, S_abs = 2·agree_half − 1 exactly.
        let half = agreement::half_credit(&t).map(|h| 2.0 * h - 1.0);
        prop_assert!(close(similarity::s_score(&t, Metric::Absolute), half));
    }

    #[test]
    fn every_measure_is_symmetric(t in prop_oneof![any_table(), weighted_table()]) {
        // Bitwise, even with fractional counts: (i, j) and (j, i) agree exactly.
        let tt = t.transpose();
        for m in Measure::ALL {
            prop_assert_eq!(m.compute(&t), m.compute(&tt), "{}", m);
        }
    }

    #[test]
    fn values_stay_in_bounds(t in any_table()) {
        for m in [Measure::Strict, Measure::HalfCredit, Measure::YesNo, Measure::StateDept] {
            if let Some(v) = m.compute(&t) {
                prop_assert!((0.0..=1.0).contains(&v), "{} = {}", m, v);
            }
        }
        for m in [Measure::SAbs, Measure::SSq] {
            if let Some(v) = m.compute(&t) {
                prop_assert!((-1.0..=1.0).contains(&v), "{} = {}", m, v);
            }
        }
        for w in WEIGHTINGS {
            for v in [chance::cohen_kappa(&t, w), chance::scott_pi(&t, w)].into_iter().flatten() {
                prop_assert!(v <= 1.0 && v.is_finite(), "{:?}: {}", w, v);
            }
        }
    }

    #[test]
    fn identical_non_constant_vectors_give_one(
        (k, x, _) in vote_vectors(),
    ) {
        prop_assume!(x.iter().any(|&l| l != x[0]));
        let t = CrossTab::from_pairs(k, x.iter().map(|&l| (l, l)));
        for w in WEIGHTINGS {
            prop_assert_eq!(chance::cohen_kappa(&t, w), Some(1.0), "{:?}", w);
            prop_assert_eq!(chance::scott_pi(&t, w), Some(1.0), "{:?}", w);
        }
    }

    #[test]
    fn pair_order_does_not_matter(
        (k, pairs, shuffled) in vote_vectors().prop_flat_map(|(k, x, y)| {
            let pairs: Vec<(u8, u8)> = x.into_iter().zip(y).collect();
            (Just(k), Just(pairs.clone()), Just(pairs).prop_shuffle())
        }),
    ) {
        let a = CrossTab::from_pairs(k, pairs);
        let b = CrossTab::from_pairs(k, shuffled);
        prop_assert_eq!(&a, &b);
        for m in Measure::ALL {
            prop_assert_eq!(m.compute(&a), m.compute(&b), "{}", m);
        }
    }

    #[test]
    fn squared_equals_absolute_on_binary_tables(t in table_k(2)) {
        // §2.2: |d| = d² for binary data (fpsim `sallybus == sallybua`).
        prop_assert_eq!(
            similarity::s_score(&t, Metric::Squared),
            similarity::s_score(&t, Metric::Absolute)
        );
    }

    #[test]
    fn equal_weights_reproduce_the_table_score(
        (k, x, y) in vote_vectors(),
        weight in 0.001..1000.0f64,
    ) {
        let t = CrossTab::from_pairs(k, x.iter().copied().zip(y.iter().copied()));
        let w = vec![weight; x.len()];
        let d_max = k as u8 - 1;
        for metric in [Metric::Absolute, Metric::Squared] {
            let weighted = similarity::s_weighted(&x, &y, &w, d_max, metric).unwrap();
            prop_assert!(
                close(weighted, similarity::s_score(&t, metric)),
                "{:?}: {:?} vs {:?}", metric, weighted, similarity::s_score(&t, metric)
            );
        }
    }

    #[test]
    fn scaling_all_counts_changes_nothing(t in any_table(), c in 0.01..100.0f64) {
        // Measures depend on proportions only, so weighted counts may use any unit.
        let k = t.k();
        let mut scaled = CrossTab::new(k);
        for a in 0..k {
            for b in 0..k {
                scaled.add(a, b, c * t.get(a, b));
            }
        }
        for m in Measure::ALL {
            prop_assert!(close(m.compute(&t), m.compute(&scaled)), "{}", m);
        }
    }

    #[test]
    fn table_matches_plain_loops((k, x, y) in vote_vectors()) {
        let t = CrossTab::from_pairs(k, x.iter().copied().zip(y.iter().copied()));
        let naive = Naive::new(k, &x, &y);
        prop_assert!(close(agreement::strict(&t), naive.mean(|a, b| f64::from(u8::from(a == b)))));
        prop_assert!(close(agreement::half_credit(&t), naive.mean(|a, b| 1.0 - naive.dist(a, b, 1))));
        for (metric, p) in [(Metric::Absolute, 1), (Metric::Squared, 2)] {
            let s = naive.mean(|a, b| naive.dist(a, b, p)).map(|d| 1.0 - 2.0 * d);
            prop_assert!(close(similarity::s_score(&t, metric), s), "{:?}", metric);
        }
        for w in WEIGHTINGS {
            prop_assert!(close(chance::cohen_kappa(&t, w), naive.kappa(w, false)), "κ {:?}", w);
            prop_assert!(close(chance::scott_pi(&t, w), naive.kappa(w, true)), "π {:?}", w);
        }
    }
}

/// Textbook formulas over raw vectors, sharing no code with the crate.
struct Naive<'a> {
    k: usize,
    x: &'a [u8],
    y: &'a [u8],
}

impl<'a> Naive<'a> {
    fn new(k: usize, x: &'a [u8], y: &'a [u8]) -> Self {
        Self { k, x, y }
    }

    /// `(|a − b|/(k − 1))^p`.
    fn dist(&self, a: u8, b: u8, p: i32) -> f64 {
        (f64::from(a.abs_diff(b)) / (self.k - 1) as f64).powi(p)
    }

    fn mean(&self, f: impl Fn(u8, u8) -> f64) -> Option<f64> {
        let n = self.x.len();
        (n > 0).then(|| {
            self.x
                .iter()
                .zip(self.y)
                .map(|(&a, &b)| f(a, b))
                .sum::<f64>()
                / n as f64
        })
    }

    fn share(v: &[u8], c: usize) -> f64 {
        v.iter().filter(|&&l| usize::from(l) == c).count() as f64 / v.len() as f64
    }

    /// κ (own marginals) or π (pooled), from the public marginals' definition.
    fn kappa(&self, w: Weighting, pooled: bool) -> Option<f64> {
        if self.x.is_empty() {
            return None;
        }
        let (mut pi, mut pj): (Vec<f64>, Vec<f64>) = (0..self.k)
            .map(|c| (Self::share(self.x, c), Self::share(self.y, c)))
            .unzip();
        if pooled {
            pi = pi.iter().zip(&pj).map(|(a, b)| (a + b) / 2.0).collect();
            pj = pi.clone();
        }
        let weight = |a: usize, b: usize| match w {
            Weighting::Nominal => f64::from(u8::from(a != b)),
            Weighting::Linear => self.dist(a as u8, b as u8, 1),
            Weighting::Quadratic => self.dist(a as u8, b as u8, 2),
        };
        let observed = self.mean(|a, b| weight(a.into(), b.into()))?;
        let mut expected = 0.0;
        for (a, pa) in pi.iter().enumerate() {
            for (b, pb) in pj.iter().enumerate() {
                expected += weight(a, b) * pa * pb;
            }
        }
        if w == Weighting::Nominal {
            let p_o = 1.0 - observed;
            let p_e: f64 = (0..self.k).map(|c| pi[c] * pj[c]).sum();
            return (p_e < 1.0 - ROUNDING).then(|| (p_o - p_e) / (1.0 - p_e));
        }
        (expected > 0.0).then(|| 1.0 - observed / expected)
    }
}

#[test]
fn kappa_nominal_is_the_p_e_formula_on_public_marginals() {
    // κ = (p_o − p_e)/(1 − p_e) with p_e from `row_marginals`/`col_marginals`
    // (USA–Mexico 1946, §7.1).
    let t = CrossTab::from_counts(3, &[17., 2., 5., 0., 0., 2., 9., 1., 2.]);
    let (pi, pj) = (t.row_marginals().unwrap(), t.col_marginals().unwrap());
    let p_e: f64 = pi.iter().zip(&pj).map(|(a, b)| a * b).sum();
    let p_o = agreement::strict(&t).unwrap();
    let kappa = chance::cohen_kappa(&t, Weighting::Nominal).unwrap();
    assert!((kappa - (p_o - p_e) / (1.0 - p_e)).abs() <= ROUNDING);
}
