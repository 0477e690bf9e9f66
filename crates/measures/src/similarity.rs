//! Signorino & Ritter (1999) S: one minus twice the scaled distance.
//!
//! `S = 1 − 2·d(x, y)/d_max`, range [−1, 1]: 1 for identical portfolios, −1 for
//! maximal opposition on every observation. S ignores chance agreement (two
//! states with no ties at all score 1); see [`chance`](crate::chance) for the
//! corrected measures (research note §2.2–2.3).

use crate::{CrossTab, MeasureError};

/// How one observation's distance δ is measured.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Metric {
    /// δ = |a − b| (p = 1; fpsim's absolute columns, e.g. `sallyvua`).
    Absolute,
    /// δ = (a − b)² (p = 2; fpsim's squared columns, e.g. `sallyvus`).
    Squared,
}

impl Metric {
    /// The exponent p applied to |a − b| and to d_max.
    fn power(self) -> i32 {
        match self {
            Metric::Absolute => 1,
            Metric::Squared => 2,
        }
    }
}

/// Signorino–Ritter S over a table: `S = 1 − 2·Σ δ / (n·d_max^p)`.
///
/// d_max = k − 1 because levels are 0..k: 2 for votes, 3 for valued alliances,
/// 1 for binary data. Reproduces `srs` in `svmiller/fpsim:
/// 1-fpsim-alliances.R` (research note §2.2). Identities: for votes with
/// [`Metric::Absolute`], `S = 2·half_credit − 1` (USA–Mexico 1946: 0.565789 →
/// 0.131579, §7.1); on binary tables the two metrics coincide.
///
/// `None` if n = 0.
pub fn s_score(t: &CrossTab, metric: Metric) -> Option<f64> {
    let n = t.nonzero_n()?;
    let p = metric.power();
    let d_max = ((t.k() - 1) as f64).powi(p);
    Some(1.0 - 2.0 * t.distance_sum(p) / (n * d_max))
}

/// Weighted Signorino–Ritter S over raw level vectors:
/// `S_w = 1 − 2·Σ w_k·δ_k / (d_max^p·Σ w_k)`.
///
/// `x[k]` and `y[k]` are the two states' levels (0..=d_max) towards third
/// party or observation k, `w[k]` its weight (e.g. the CINC score of third
/// state k in fpsim's capability-weighted S). The formula is written from the
/// S definition (research note §2.2: fpsim's weighted script was not fully
/// readable); with equal weights it equals [`s_score`].
///
/// Returns `Ok(None)` if Σw = 0 (including empty input).
///
/// # Errors
///
/// [`MeasureError::LengthMismatch`] if `x`, `y` and `w` differ in length,
/// [`MeasureError::ZeroDMax`] if `d_max` is 0,
/// [`MeasureError::LevelOutOfRange`] if a level exceeds `d_max`, and
/// [`MeasureError::InvalidWeight`] if a weight is negative or not finite.
pub fn s_weighted(
    x: &[u8],
    y: &[u8],
    w: &[f64],
    d_max: u8,
    metric: Metric,
) -> Result<Option<f64>, MeasureError> {
    if x.len() != y.len() || x.len() != w.len() {
        return Err(MeasureError::LengthMismatch {
            x: x.len(),
            y: y.len(),
            w: w.len(),
        });
    }
    if d_max == 0 {
        return Err(MeasureError::ZeroDMax);
    }
    let p = metric.power();
    let mut weight_sum = 0.0;
    let mut distance_sum = 0.0;
    for (index, ((&a, &b), &weight)) in x.iter().zip(y).zip(w).enumerate() {
        for (side, level) in [("x", a), ("y", b)] {
            if level > d_max {
                return Err(MeasureError::LevelOutOfRange {
                    side,
                    index,
                    level,
                    d_max,
                });
            }
        }
        if !(weight.is_finite() && weight >= 0.0) {
            return Err(MeasureError::InvalidWeight { index, weight });
        }
        weight_sum += weight;
        distance_sum += weight * f64::from(a.abs_diff(b)).powi(p);
    }
    if weight_sum == 0.0 {
        return Ok(None);
    }
    let d_max = f64::from(d_max).powi(p);
    Ok(Some(1.0 - 2.0 * distance_sum / (d_max * weight_sum)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_table_is_undefined() {
        assert_eq!(s_score(&CrossTab::new(3), Metric::Absolute), None);
        assert_eq!(s_score(&CrossTab::new(3), Metric::Squared), None);
    }

    #[test]
    fn total_opposition_scores_minus_one() {
        // Every observation at distance d_max: S = 1 − 2 = −1 under both metrics.
        let t = CrossTab::from_pairs(4, [(0, 3), (3, 0)]);
        assert_eq!(s_score(&t, Metric::Absolute), Some(-1.0));
        assert_eq!(s_score(&t, Metric::Squared), Some(-1.0));
    }

    #[test]
    fn squared_penalises_large_gaps_more() {
        // Votes: one Y–A (δ 1 of 2). Absolute 1 − 2·1/(1·2) = 0;
        // squared 1 − 2·1/(1·4) = 0.5.
        let t = CrossTab::from_pairs(3, [(0, 1)]);
        assert_eq!(s_score(&t, Metric::Absolute), Some(0.0));
        assert_eq!(s_score(&t, Metric::Squared), Some(0.5));
    }

    #[test]
    fn zero_weights_are_undefined() {
        assert_eq!(s_weighted(&[], &[], &[], 2, Metric::Absolute), Ok(None));
        assert_eq!(
            s_weighted(&[0, 1], &[2, 1], &[0.0, 0.0], 2, Metric::Absolute),
            Ok(None)
        );
    }

    #[test]
    fn weights_shift_the_score() {
        // δ = (2, 0, 2), w = (1, 2, 1): Σwδ = 4, Σw = 4 → 1 − 2·4/(2·4) = 0;
        // squared Σwδ² = 8 → 1 − 2·8/(4·4) = 0.
        let (x, y, w) = ([0, 1, 2], [2, 1, 0], [1.0, 2.0, 1.0]);
        assert_eq!(s_weighted(&x, &y, &w, 2, Metric::Absolute), Ok(Some(0.0)));
        assert_eq!(s_weighted(&x, &y, &w, 2, Metric::Squared), Ok(Some(0.0)));
        // Valued alliances (d_max 3): δ = (0, 1, 0), w = (0.5, 0.25, 0.25):
        // absolute 1 − 2·0.25/3 = 5/6, squared 1 − 2·0.25/9 = 17/18.
        let (x, y, w) = ([0, 0, 3], [0, 1, 3], [0.5, 0.25, 0.25]);
        let abs = s_weighted(&x, &y, &w, 3, Metric::Absolute)
            .unwrap()
            .unwrap();
        let sq = s_weighted(&x, &y, &w, 3, Metric::Squared).unwrap().unwrap();
        assert!((abs - 5.0 / 6.0).abs() < 1e-15, "{abs}");
        assert!((sq - 17.0 / 18.0).abs() < 1e-15, "{sq}");
    }

    #[test]
    fn invalid_input_is_an_error() {
        let m = Metric::Absolute;
        assert_eq!(
            s_weighted(&[0, 1], &[0], &[1.0, 1.0], 2, m),
            Err(MeasureError::LengthMismatch { x: 2, y: 1, w: 2 })
        );
        assert_eq!(
            s_weighted(&[0, 1], &[0, 3], &[1.0, 1.0], 2, m),
            Err(MeasureError::LevelOutOfRange {
                side: "y",
                index: 1,
                level: 3,
                d_max: 2
            })
        );
        assert_eq!(
            s_weighted(&[0, 1], &[0, 1], &[1.0, -0.5], 2, m),
            Err(MeasureError::InvalidWeight {
                index: 1,
                weight: -0.5
            })
        );
        assert!(matches!(
            s_weighted(&[0], &[0], &[f64::NAN], 2, m),
            Err(MeasureError::InvalidWeight { index: 0, .. })
        ));
        assert_eq!(
            s_weighted(&[0], &[0], &[1.0], 0, m),
            Err(MeasureError::ZeroDMax)
        );
    }
}
