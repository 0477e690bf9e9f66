//! Dependence and partner concentration: how much of a state's trade (or arms
//! imports) goes to one partner, and how evenly it is spread over all of them.
//!
//! Definitions are the standard ones of the research note `alignment.md` §4.2, for a
//! state i with non-negative flows x_ij to each partner j (trade T_ij = imports +
//! exports, or the TIV i received from supplier j):
//!
//! * partner share s_ij = x_ij / Σ_k x_ik ([`shares`], [`share`]);
//! * concentration: Herfindahl–Hirschman HHI_i = Σ_j s_ij² ([`hhi`]); Hirschman (1945)
//!   index = 100·√HHI ([`hirschman`]); effective number of partners = 1/HHI
//!   ([`effective_partners`]); the largest share ([`top_share`]); all four at once
//!   with [`Concentration::of`];
//! * for a dyad, from D_ij (i's dependence on j, e.g. T_ij / GDP_i) or from shares:
//!   asymmetry D_ij − D_ji ([`asymmetry`], sign = who is more exposed), Barbieri (1996)
//!   salience √(s_ij·s_ji) ([`salience`]), symmetry 1 − |s_ij − s_ji| ([`symmetry`]) and
//!   interdependence = salience × symmetry ([`interdependence`]).
//!
//! Undefined values are `None`, never 0: a state with no recorded partner, or whose
//! flows sum to 0, has no shares and no concentration. Flows that are negative or not
//! finite are not flows, so they make the result `None` too (readers reject them
//! earlier, with the file and line).
//!
//! ```
//! use multipolar_measures::dependence::{Concentration, salience, symmetry};
//!
//! // Flows 6, 3, 1 to three partners: shares .6, .3, .1.
//! let c = Concentration::of(&[6.0, 3.0, 1.0]).unwrap();
//! assert!((c.hhi - 0.46).abs() < 1e-12); // .36 + .09 + .01
//! assert!((c.effective_partners() - 1.0 / 0.46).abs() < 1e-12);
//! assert_eq!(c.top_share, 0.6);
//! assert!((salience(Some(0.5), Some(0.02)).unwrap() - 0.1).abs() < 1e-12);
//! assert!((symmetry(Some(0.5), Some(0.02)).unwrap() - 0.52).abs() < 1e-12);
//! assert_eq!(Concentration::of(&[0.0, 0.0]), None);
//! ```

/// Partner concentration of one state (or recipient) in one period.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Concentration {
    /// Σ_j x_ij, positive.
    pub total: f64,
    /// Partners with a positive flow.
    pub partners: usize,
    /// Herfindahl–Hirschman index Σ_j s_ij², in [1/partners, 1].
    pub hhi: f64,
    /// The largest partner share max_j s_ij, in [1/partners, 1].
    pub top_share: f64,
}

impl Concentration {
    /// Concentration of the flows `values` (one per partner, zeros allowed); `None`
    /// when there is no positive flow or a value is negative or not finite.
    pub fn of(values: &[f64]) -> Option<Concentration> {
        let total = total(values)?;
        let mut hhi = 0.0;
        let mut top: f64 = 0.0;
        let mut partners = 0;
        for &v in values {
            let s = v / total;
            hhi += s * s;
            top = top.max(s);
            partners += usize::from(v > 0.0);
        }
        Some(Concentration {
            total,
            partners,
            // Rounding can push a single partner's s² a hair above 1.
            hhi: hhi.min(1.0),
            top_share: top.min(1.0),
        })
    }

    /// Hirschman's (1945) index of concentration, 100·√HHI, in [100/√partners, 100].
    pub fn hirschman(&self) -> f64 {
        100.0 * self.hhi.sqrt()
    }

    /// Effective number of partners 1/HHI, in [1, partners]: the number of equal
    /// partners that would give the same concentration.
    pub fn effective_partners(&self) -> f64 {
        1.0 / self.hhi
    }
}

/// The sum of the flows, if it is positive and every flow is a finite non-negative
/// number.
fn total(values: &[f64]) -> Option<f64> {
    let mut t = 0.0;
    for &v in values {
        if !(v.is_finite() && v >= 0.0) {
            return None;
        }
        t += v;
    }
    (t > 0.0).then_some(t)
}

/// Each partner's share x_j / Σ x, in the order given; the shares sum to 1. `None`
/// when no flow is positive or a flow is negative or not finite.
pub fn shares(values: &[f64]) -> Option<Vec<f64>> {
    let t = total(values)?;
    Some(values.iter().map(|v| v / t).collect())
}

/// One partner's share `part / total`; `None` when `total` is not positive or
/// `part` is outside [0, total].
pub fn share(part: f64, total: f64) -> Option<f64> {
    (total > 0.0 && total.is_finite() && (0.0..=total).contains(&part)).then(|| part / total)
}

/// Herfindahl–Hirschman index Σ s², 1 for a single partner; see [`Concentration`].
pub fn hhi(values: &[f64]) -> Option<f64> {
    Concentration::of(values).map(|c| c.hhi)
}

/// Hirschman index 100·√HHI; see [`Concentration::hirschman`].
pub fn hirschman(values: &[f64]) -> Option<f64> {
    Concentration::of(values).map(|c| c.hirschman())
}

/// Effective number of partners 1/HHI; see [`Concentration::effective_partners`].
pub fn effective_partners(values: &[f64]) -> Option<f64> {
    Concentration::of(values).map(|c| c.effective_partners())
}

/// The largest partner share; see [`Concentration`].
pub fn top_share(values: &[f64]) -> Option<f64> {
    Concentration::of(values).map(|c| c.top_share)
}

/// Asymmetry D_ij − D_ji: positive when i depends more on j than j on i. Directed
/// (antisymmetric): swapping the pair flips the sign.
pub fn asymmetry(d_ij: Option<f64>, d_ji: Option<f64>) -> Option<f64> {
    Some(d_ij? - d_ji?)
}

/// Barbieri's (1996) salience √(s_ij·s_ji), in [0, 1]: how much the relationship
/// matters to both. Undirected.
pub fn salience(s_ij: Option<f64>, s_ji: Option<f64>) -> Option<f64> {
    let (a, b) = (unit(s_ij)?, unit(s_ji)?);
    Some((a * b).sqrt())
}

/// Barbieri's (1996) symmetry 1 − |s_ij − s_ji|, in [0, 1]: 1 when both depend on
/// the relationship equally. Undirected.
pub fn symmetry(s_ij: Option<f64>, s_ji: Option<f64>) -> Option<f64> {
    let (a, b) = (unit(s_ij)?, unit(s_ji)?);
    Some(1.0 - (a - b).abs())
}

/// Barbieri's (1996) interdependence, salience × symmetry, in [0, 1]. Undirected.
pub fn interdependence(s_ij: Option<f64>, s_ji: Option<f64>) -> Option<f64> {
    Some(salience(s_ij, s_ji)? * symmetry(s_ij, s_ji)?)
}

/// A share, if it is one.
fn unit(s: Option<f64>) -> Option<f64> {
    s.filter(|s| (0.0..=1.0).contains(s))
}
