//! Chance-corrected agreement: Cohen's κ and Scott's π, optionally weighted
//! (Häge 2011; research note §2.3).
//!
//! Both compare observed with expected agreement, `(p_o − p_e)/(1 − p_e)`, and
//! differ in the expected table: κ uses each state's own marginals
//! (`E_ab = p_i(a)·p_j(b)`), π the pooled marginals (`m = (p_i + p_j)/2`,
//! `E_ab = m_a·m_b`), which assumes equal propensities — why Häge and
//! peacesciencer prefer κ. Weighted forms (Cohen 1968) use disagreement
//! weights: `κ_w = 1 − Σ w_ab·O_ab / Σ w_ab·E_ab`.
//!
//! Levels are always the table's full 0..k, even if neither state used one:
//! marginals over observed levels only would change the weights (§2.3).
//!
//! Undefined (`None`): n = 0, and an expected disagreement of 0 — both states
//! used one and the same level throughout (p_e = 1), where the formula is
//! 0/0. The research note writes NaN for this case; this crate uses `None`.
//! Values are at most 1, reached only with perfect agreement; 0 is agreement
//! at chance level, negative values less than chance.

use crate::CrossTab;
use crate::crosstab::{MAX_LEVELS, level_distance};

/// Disagreement weights `w_ab = |a − b|^e / (k − 1)^e` (Cohen 1968).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Weighting {
    /// w = 1 for every off-diagonal cell: the ordinary κ/π,
    /// `(p_o − p_e)/(1 − p_e)`.
    Nominal,
    /// e = 1: disagreement grows with the level distance.
    Linear,
    /// e = 2: peacesciencer's `kvotev` (fpsim `cohenk`, `w_exp = 2`).
    Quadratic,
}

impl Weighting {
    /// Weight of an off-diagonal cell (a, b) in a k-level table.
    #[inline]
    fn weight(self, a: usize, b: usize, k: usize) -> f64 {
        let e = match self {
            Weighting::Nominal => return 1.0,
            Weighting::Linear => 1,
            Weighting::Quadratic => 2,
        };
        level_distance(a, b, e) / ((k - 1) as f64).powi(e)
    }
}

/// Cohen's κ with each state's own marginals.
///
/// Nominal: `κ = (p_o − p_e)/(1 − p_e)`, `p_e = Σ_c p_i(c)·p_j(c)`.
/// Weighted: `κ_w = 1 − Σ w_ab·O_ab / Σ w_ab·p_i(a)·p_j(b)` with O the observed
/// proportions. [`Weighting::Quadratic`] on a vote table reproduces
/// peacesciencer's `kvotev` and stevedata's `kappa` (fpsim
/// `cohenk(vote1, vote2, levels = 1:3)`; matched to 6 decimals in research
/// note §2.8).
///
/// `None` if n = 0 or the expected disagreement is 0 (see the module docs).
pub fn cohen_kappa(t: &CrossTab, w: Weighting) -> Option<f64> {
    let (rows, cols) = t.marginals()?;
    corrected(t, w, &rows, &cols)
}

/// Scott's π with pooled marginals `m = (p_i + p_j)/2`.
///
/// Nominal: `π = (p_o − p_e)/(1 − p_e)`, `p_e = Σ_c m_c²`. Weighted:
/// `π_w = 1 − Σ w_ab·O_ab / Σ w_ab·m_a·m_b`. Nominal π is fpsim's `spi` as
/// used for alliances in `1-fpsim-alliances.R`; Häge's v2 data used squared
/// distances (quadratic) for valued data (research note §2.3).
///
/// `None` if n = 0 or the expected disagreement is 0 (see the module docs).
pub fn scott_pi(t: &CrossTab, w: Weighting) -> Option<f64> {
    let (rows, cols) = t.marginals()?;
    let mut pooled = [0.0; MAX_LEVELS];
    for c in 0..t.k() {
        pooled[c] = (rows[c] + cols[c]) / 2.0;
    }
    corrected(t, w, &pooled, &pooled)
}

/// `(p_o − p_e)/(1 − p_e)` or `1 − Σ w·O / Σ w·E`, with `E_ab = pi[a]·pj[b]`.
///
/// Off-diagonal terms are summed in unordered pairs (see
/// [`CrossTab`]'s "Exact symmetry"), so transposing the table, which swaps
/// `pi` and `pj` for κ, gives a bitwise-identical result.
fn corrected(
    t: &CrossTab,
    w: Weighting,
    pi: &[f64; MAX_LEVELS],
    pj: &[f64; MAX_LEVELS],
) -> Option<f64> {
    let k = t.k();
    let n = t.n();
    if w == Weighting::Nominal {
        let p_o = t.diagonal() / n;
        let p_e: f64 = (0..k).map(|c| pi[c] * pj[c]).sum();
        // p_e is exactly 1.0 when both states used one identical level: the
        // single marginal is that one cell divided by itself.
        return (p_e < 1.0).then(|| (p_o - p_e) / (1.0 - p_e));
    }
    let mut observed = 0.0;
    let mut expected = 0.0;
    for a in 0..k {
        for b in a + 1..k {
            let wt = w.weight(a, b, k);
            observed += wt * t.pair(a, b);
            expected += wt * (pi[a] * pj[b] + pi[b] * pj[a]);
        }
    }
    // Every off-diagonal product is exactly 0 in the degenerate case.
    (expected > 0.0).then(|| 1.0 - observed / n / expected)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: [Weighting; 3] = [Weighting::Nominal, Weighting::Linear, Weighting::Quadratic];

    #[test]
    fn weights_follow_cohen_1968() {
        // k = 3: distance 1 → 1/2 linear, 1/4 quadratic; distance 2 → 1.
        assert_eq!(Weighting::Linear.weight(0, 1, 3), 0.5);
        assert_eq!(Weighting::Quadratic.weight(2, 1, 3), 0.25);
        assert_eq!(Weighting::Quadratic.weight(0, 2, 3), 1.0);
        assert_eq!(Weighting::Nominal.weight(0, 1, 3), 1.0);
        // k = 4: distance 1 → 1/9 quadratic.
        assert_eq!(Weighting::Quadratic.weight(1, 2, 4), 1.0 / 9.0);
    }

    #[test]
    fn one_shared_level_is_undefined() {
        // Both states voted No on every roll call: p_e = 1, 0/0.
        let t = CrossTab::from_pairs(3, [(2, 2); 7]);
        for w in ALL {
            assert_eq!(cohen_kappa(&t, w), None, "{w:?}");
            assert_eq!(scott_pi(&t, w), None, "{w:?}");
        }
    }

    #[test]
    fn constant_but_different_levels_is_minus_one_for_pi() {
        // i always Yes, j always No. κ: own marginals put all expected mass on
        // (Y, N) too, so observed = expected disagreement → κ = 0.
        // π: pooled m = (1/2, 0, 1/2), p_e = 1/2, p_o = 0 → π = −1.
        let t = CrossTab::from_pairs(3, [(0, 2); 4]);
        for w in ALL {
            assert_eq!(cohen_kappa(&t, w), Some(0.0), "{w:?}");
        }
        assert_eq!(scott_pi(&t, Weighting::Nominal), Some(-1.0));
        // Quadratic π: observed 1·1 = 1; expected 1·(m_Y·m_N + m_N·m_Y) = 1/2.
        assert_eq!(scott_pi(&t, Weighting::Quadratic), Some(-1.0));
    }

    #[test]
    fn empty_table_is_undefined() {
        for w in ALL {
            assert_eq!(cohen_kappa(&CrossTab::new(2), w), None);
            assert_eq!(scott_pi(&CrossTab::new(2), w), None);
        }
    }

    #[test]
    fn weights_use_the_full_level_set() {
        // Alliance levels 0, 1 and 3 used, 2 unused (cf. fpsim's Germany–Russia
        // 1914 example, §2.3). Cells (0,0) = (1,1) = (3,3) = 2, (0,1) = (1,3) = 1;
        // n = 8, rows (3, 3, 0, 2)/8, columns (2, 3, 0, 3)/8.
        let mut four = CrossTab::new(4);
        for (a, b, c) in [(0, 0, 2.), (1, 1, 2.), (3, 3, 2.), (0, 1, 1.), (1, 3, 1.)] {
            four.add(a, b, c);
        }
        // Quadratic, weights d²/9: Σw·O = (1 + 4)/9/8 = 5/72; Σw·E =
        // (1·9 + 1·6 + 9·9 + 9·4 + 4·9 + 4·6)/9/64 = 1/3 → κ = 1 − 15/72 = 19/24.
        let kappa = cohen_kappa(&four, Weighting::Quadratic).unwrap();
        assert!((kappa - 19.0 / 24.0).abs() < 1e-12, "{kappa}");
        // Relabelled to observed levels only (3 → 2 in a k = 3 table), weights
        // become (1/4, 1, 1/4): Σw·O = 1/16, Σw·E = 20.5/64 → κ = 33/41, a
        // different number, which is why levels are always 0..k.
        let mut three = CrossTab::new(3);
        for (a, b, c) in [(0, 0, 2.), (1, 1, 2.), (2, 2, 2.), (0, 1, 1.), (1, 2, 1.)] {
            three.add(a, b, c);
        }
        let relabelled = cohen_kappa(&three, Weighting::Quadratic).unwrap();
        assert!((relabelled - 33.0 / 41.0).abs() < 1e-12, "{relabelled}");
        // Nominal κ ignores spacing, so relabelling leaves it unchanged.
        assert_eq!(
            cohen_kappa(&four, Weighting::Nominal),
            cohen_kappa(&three, Weighting::Nominal)
        );
    }
}
