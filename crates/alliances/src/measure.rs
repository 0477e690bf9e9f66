//! The eleven alliance-portfolio measures of FPSIM, and Kendall's τ_b from a table.

use multipolar_measures::CrossTab;
use multipolar_measures::chance::{Weighting, cohen_kappa, scott_pi};
use multipolar_measures::similarity::{Metric, s_score};

/// One alliance similarity measure; ids are the FPSIM column names
/// (`svmiller/fpsim`, peacesciencer `add_fpsim()`; research note §2.5).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AllyMeasure {
    /// S, valued (0..3), unweighted, squared distances, d_max = 3.
    SValuedSquared,
    /// S, valued, unweighted, absolute distances.
    SValuedAbsolute,
    /// S, binary, unweighted, squared (equals absolute on binary data).
    SBinarySquared,
    /// S, binary, unweighted, absolute.
    SBinaryAbsolute,
    /// S, valued, CINC-weighted, absolute.
    SValuedWeighted,
    /// S, binary, CINC-weighted, absolute.
    SBinaryWeighted,
    /// Scott's π, valued, nominal.
    PiValued,
    /// Scott's π, binary.
    PiBinary,
    /// Cohen's κ, valued, quadratic weights over the levels 0..3.
    KappaValued,
    /// Cohen's κ, binary.
    KappaBinary,
    /// Kendall's τ_b on valued portfolios.
    TauB,
}

impl AllyMeasure {
    /// All measures, in FPSIM's column order.
    pub const ALL: [AllyMeasure; 11] = [
        AllyMeasure::SValuedSquared,
        AllyMeasure::SValuedAbsolute,
        AllyMeasure::SBinarySquared,
        AllyMeasure::SBinaryAbsolute,
        AllyMeasure::SValuedWeighted,
        AllyMeasure::SBinaryWeighted,
        AllyMeasure::PiValued,
        AllyMeasure::PiBinary,
        AllyMeasure::KappaValued,
        AllyMeasure::KappaBinary,
        AllyMeasure::TauB,
    ];

    /// FPSIM column name (`sallyvus`, …, `taub`).
    pub fn id(self) -> &'static str {
        match self {
            AllyMeasure::SValuedSquared => "sallyvus",
            AllyMeasure::SValuedAbsolute => "sallyvua",
            AllyMeasure::SBinarySquared => "sallybus",
            AllyMeasure::SBinaryAbsolute => "sallybua",
            AllyMeasure::SValuedWeighted => "sallyvwa",
            AllyMeasure::SBinaryWeighted => "sallybwa",
            AllyMeasure::PiValued => "pallyv",
            AllyMeasure::PiBinary => "pallyb",
            AllyMeasure::KappaValued => "kallyv",
            AllyMeasure::KappaBinary => "kallyb",
            AllyMeasure::TauB => "taub",
        }
    }

    /// One line: the formula's convention and the source it follows.
    pub fn convention(self) -> &'static str {
        match self {
            AllyMeasure::SValuedSquared => {
                "Signorino-Ritter S, valued 0-3, squared distances, 1 - 2*sum(d^2)/(9n) (fpsim srs)"
            }
            AllyMeasure::SValuedAbsolute => {
                "Signorino-Ritter S, valued 0-3, absolute distances, 1 - 2*sum|d|/(3n) (fpsim srs)"
            }
            AllyMeasure::SBinarySquared => {
                "Signorino-Ritter S, binary (any tie), squared distances"
            }
            AllyMeasure::SBinaryAbsolute => {
                "Signorino-Ritter S, binary (any tie), absolute distances"
            }
            AllyMeasure::SValuedWeighted => {
                "S valued, absolute, each third state weighted by its CINC (missing CINC: left out)"
            }
            AllyMeasure::SBinaryWeighted => {
                "S binary, absolute, each third state weighted by its CINC (missing CINC: left out)"
            }
            AllyMeasure::PiValued => "Scott's pi, valued 0-3, nominal (fpsim 1-fpsim-alliances.R)",
            AllyMeasure::PiBinary => "Scott's pi, binary",
            AllyMeasure::KappaValued => {
                "Cohen's kappa, valued, quadratic weights over levels 0-3 (psych::cohen.kappa weighted)"
            }
            AllyMeasure::KappaBinary => "Cohen's kappa, binary",
            AllyMeasure::TauB => {
                "Kendall's tau-b on valued portfolios (R cor(method = \"kendall\"))"
            }
        }
    }

    /// Parses an id (`sallyvua`, `kallyb`, …).
    pub fn parse(s: &str) -> Option<AllyMeasure> {
        AllyMeasure::ALL.into_iter().find(|m| m.id() == s)
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// The eleven measures for one dyad; undefined values are `None`.
#[derive(Clone, Copy, Debug)]
pub struct Scores([f64; 11]);

/// Equal when every measure is equal or undefined in both (undefined is stored as
/// NaN, which a derived comparison would never find equal).
impl PartialEq for Scores {
    fn eq(&self, other: &Scores) -> bool {
        AllyMeasure::ALL
            .iter()
            .all(|&m| self.get(m) == other.get(m))
    }
}

impl Scores {
    /// The value of `m`, `None` where undefined (no CINC at all, or a chance-corrected
    /// measure with expected disagreement 0).
    #[inline]
    pub fn get(&self, m: AllyMeasure) -> Option<f64> {
        let v = self.0[m.index()];
        (!v.is_nan()).then_some(v)
    }

    /// Every measure from the two states' joint tables.
    ///
    /// `counts[a * 4 + b]` = number of third states k (self-ties included) where state
    /// i's level is a and state j's is b; `weights` the same cells summing each k's
    /// CINC (k without CINC contributes 0, i.e. is left out).
    pub fn from_tables(counts: &[f64; 16], weights: &[f64; 16]) -> Scores {
        let valued = CrossTab::from_counts(4, counts);
        let binary = CrossTab::from_counts(2, &collapse(counts));
        let wvalued = CrossTab::from_counts(4, weights);
        let wbinary = CrossTab::from_counts(2, &collapse(weights));
        let mut v = [f64::NAN; 11];
        let mut set = |m: AllyMeasure, x: Option<f64>| v[m.index()] = x.unwrap_or(f64::NAN);
        set(
            AllyMeasure::SValuedSquared,
            s_score(&valued, Metric::Squared),
        );
        set(
            AllyMeasure::SValuedAbsolute,
            s_score(&valued, Metric::Absolute),
        );
        set(
            AllyMeasure::SBinarySquared,
            s_score(&binary, Metric::Squared),
        );
        set(
            AllyMeasure::SBinaryAbsolute,
            s_score(&binary, Metric::Absolute),
        );
        set(
            AllyMeasure::SValuedWeighted,
            s_score(&wvalued, Metric::Absolute),
        );
        set(
            AllyMeasure::SBinaryWeighted,
            s_score(&wbinary, Metric::Absolute),
        );
        set(AllyMeasure::PiValued, scott_pi(&valued, Weighting::Nominal));
        set(AllyMeasure::PiBinary, scott_pi(&binary, Weighting::Nominal));
        set(
            AllyMeasure::KappaValued,
            cohen_kappa(&valued, Weighting::Quadratic),
        );
        set(
            AllyMeasure::KappaBinary,
            cohen_kappa(&binary, Weighting::Nominal),
        );
        set(AllyMeasure::TauB, tau_b(&valued));
        Scores(v)
    }
}

/// 4×4 valued cells → 2×2 binary cells (level ≥ 1 is a tie), row-major.
fn collapse(c: &[f64; 16]) -> [f64; 4] {
    let mut b = [0.0; 4];
    for a in 0..4 {
        for d in 0..4 {
            b[usize::from(a > 0) * 2 + usize::from(d > 0)] += c[a * 4 + d];
        }
    }
    b
}

/// Kendall's τ_b of two ordinal vectors, from their k×k contingency table.
///
/// With cell counts `c_ab` (row level a of x, column level b of y), n observations
/// and `n0 = n(n−1)/2` pairs of observations, a pair is concordant when both vectors
/// order it the same way and discordant when they order it oppositely; pairs tied in x
/// or y are neither. Because the order of a pair depends only on the two cells:
///
/// * `P = Σ_ab c_ab · Σ_{a'>a, b'>b} c_a'b'` (concordant),
/// * `Q = Σ_ab c_ab · Σ_{a'>a, b'<b} c_a'b'` (discordant),
/// * `T_x = Σ_a r_a(r_a−1)/2`, `T_y = Σ_b s_b(s_b−1)/2` (pairs tied in x, in y; r, s
///   the row and column sums),
/// * `τ_b = (P − Q) / sqrt((n0 − T_x)(n0 − T_y))`,
///
/// which is R's `cor(x, y, method = "kendall")` (fpsim's `taub`) in at most k⁴ = 256
/// steps for any n, instead of O(n²) pair counting or an O(n log n) sort.
///
/// `None` if either vector is constant (a zero denominator; R returns NA).
// Indexing by level is the natural form of the table sums.
#[allow(clippy::needless_range_loop)]
pub fn tau_b(t: &CrossTab) -> Option<f64> {
    let k = t.k();
    let mut p = 0.0;
    let mut q = 0.0;
    let (mut rows, mut cols) = ([0.0f64; 4], [0.0f64; 4]);
    for a in 0..k {
        for b in 0..k {
            let c = t.get(a, b);
            rows[a] += c;
            cols[b] += c;
            if c == 0.0 {
                continue;
            }
            let mut right = 0.0;
            let mut left = 0.0;
            for a2 in a + 1..k {
                for b2 in 0..k {
                    if b2 > b {
                        right += t.get(a2, b2);
                    } else if b2 < b {
                        left += t.get(a2, b2);
                    }
                }
            }
            p += c * right;
            q += c * left;
        }
    }
    let n: f64 = rows.iter().sum();
    let pairs = |x: f64| x * (x - 1.0) / 2.0;
    let n0 = pairs(n);
    let tx: f64 = rows.iter().map(|&r| pairs(r)).sum();
    let ty: f64 = cols.iter().map(|&s| pairs(s)).sum();
    let denom = (n0 - tx) * (n0 - ty);
    (denom > 0.0).then(|| (p - q) / denom.sqrt())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// τ_b by counting pairs of observations directly, O(n²).
    fn tau_b_pairs(x: &[u8], y: &[u8]) -> Option<f64> {
        let (mut p, mut q, mut tx, mut ty, mut n0) = (0.0, 0.0, 0.0, 0.0, 0.0);
        for i in 0..x.len() {
            for j in i + 1..x.len() {
                n0 += 1.0;
                let dx = i32::from(x[i]) - i32::from(x[j]);
                let dy = i32::from(y[i]) - i32::from(y[j]);
                if dx == 0 {
                    tx += 1.0;
                }
                if dy == 0 {
                    ty += 1.0;
                }
                if dx * dy > 0 {
                    p += 1.0;
                } else if dx * dy < 0 {
                    q += 1.0;
                }
            }
        }
        let d: f64 = (n0 - tx) * (n0 - ty);
        (d > 0.0).then(|| (p - q) / d.sqrt())
    }

    #[test]
    fn tau_b_by_hand() {
        // x = (3, 3, 0), y = (0, 1, 3): pairs (1,2) tied in x; (1,3) and (2,3)
        // discordant. P = 0, Q = 2, n0 = 3, T_x = 1, T_y = 0:
        // τ_b = −2 / sqrt(2·3) = −0.816497.
        let t = CrossTab::from_pairs(4, [(3, 0), (3, 1), (0, 3)]);
        assert!((tau_b(&t).unwrap() - -2.0 / 6f64.sqrt()).abs() < 1e-12);
        // x = (0, 1, 2, 3), y = (0, 2, 1, 3): one discordant pair of six, no ties:
        // τ_b = (5 − 1)/6 = 2/3.
        let t = CrossTab::from_pairs(4, [(0, 0), (1, 2), (2, 1), (3, 3)]);
        assert!((tau_b(&t).unwrap() - 2.0 / 3.0).abs() < 1e-12);
        // Constant x: undefined.
        assert_eq!(tau_b(&CrossTab::from_pairs(4, [(1, 0), (1, 3)])), None);
    }

    #[test]
    fn tau_b_matches_pair_counting() {
        // Every 4-level vector pair of length 6 on a fixed pseudo-random walk.
        let mut s = 12345u64;
        for _ in 0..500 {
            let mut x = [0u8; 6];
            let mut y = [0u8; 6];
            for i in 0..6 {
                s = s
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                x[i] = (s >> 60) as u8 % 4;
                y[i] = (s >> 40) as u8 % 4;
            }
            let t = CrossTab::from_pairs(4, x.iter().copied().zip(y.iter().copied()));
            match (tau_b(&t), tau_b_pairs(&x, &y)) {
                (Some(a), Some(b)) => assert!((a - b).abs() < 1e-12, "{x:?} {y:?}"),
                (a, b) => assert_eq!(a, b, "{x:?} {y:?}"),
            }
        }
    }

    #[test]
    fn ids_round_trip() {
        for m in AllyMeasure::ALL {
            assert_eq!(AllyMeasure::parse(m.id()), Some(m));
        }
        assert_eq!(AllyMeasure::parse("kvotev"), None);
    }
}
