//! Segment costs from prefix sums, shared by PELT and binary segmentation.

use crate::Cost;

/// Relative size of the variance floor of [`Cost::MeanVar`]: ε = this × the
/// population variance of the whole series.
pub(crate) const VARIANCE_FLOOR: f64 = 1e-8;

/// A series prepared for O(1) segment costs. Segments are half-open `s..t`.
pub(crate) struct Model {
    /// Prefix sums of the centred series: `sum[t]` = Σ_{i<t} (x_i − offset).
    sum: Vec<f64>,
    /// Prefix sums of squares of the centred series.
    sum_sq: Vec<f64>,
    /// Mean of the whole series; centring keeps `Σx² − (Σx)²/n` accurate.
    offset: f64,
    cost: Cost,
    /// 1/σ² for [`Cost::Mean`].
    inv_var: f64,
    /// Additive variance floor ε for [`Cost::MeanVar`].
    eps: f64,
    /// Add ln(segment length) to every segment (MBIC).
    mbic: bool,
}

impl Model {
    /// `sigma` is only read by [`Cost::Mean`]; it must be positive.
    pub(crate) fn new(series: &[f64], cost: Cost, sigma: f64, mbic: bool) -> Self {
        let n = series.len();
        let offset = if n == 0 {
            0.0
        } else {
            series.iter().sum::<f64>() / n as f64
        };
        let mut sum = Vec::with_capacity(n + 1);
        let mut sum_sq = Vec::with_capacity(n + 1);
        let (mut a, mut q) = (0.0, 0.0);
        sum.push(a);
        sum_sq.push(q);
        for &x in series {
            let c = x - offset;
            a += c;
            q += c * c;
            sum.push(a);
            sum_sq.push(q);
        }
        let total_var = if n == 0 { 0.0 } else { q / n as f64 };
        // Only a constant series has no variance; it never reaches the
        // search, but its reported cost must still be finite.
        let eps = if total_var > 0.0 {
            VARIANCE_FLOOR * total_var
        } else {
            VARIANCE_FLOOR
        };
        Model {
            sum,
            sum_sq,
            offset,
            cost,
            inv_var: 1.0 / (sigma * sigma),
            eps,
            mbic,
        }
    }

    /// Number of observations.
    pub(crate) fn len(&self) -> usize {
        self.sum.len() - 1
    }

    /// Residual sum of squares about the segment mean.
    pub(crate) fn rss(&self, s: usize, t: usize) -> f64 {
        let len = (t - s) as f64;
        let a = self.sum[t] - self.sum[s];
        let q = self.sum_sq[t] - self.sum_sq[s];
        (q - a * a / len).max(0.0)
    }

    /// Segment mean on the original scale.
    pub(crate) fn mean(&self, s: usize, t: usize) -> f64 {
        (self.sum[t] - self.sum[s]) / (t - s) as f64 + self.offset
    }

    /// Data-fit cost: −2·log-likelihood, up to a constant for `Mean`.
    pub(crate) fn fit(&self, s: usize, t: usize) -> f64 {
        match self.cost {
            Cost::Mean => self.rss(s, t) * self.inv_var,
            Cost::MeanVar => {
                let len = (t - s) as f64;
                len * (std::f64::consts::TAU.ln() + (self.rss(s, t) / len + self.eps).ln() + 1.0)
            }
        }
    }

    /// The per-segment term the search minimises: the fit, plus ln(length)
    /// under MBIC.
    pub(crate) fn segment(&self, s: usize, t: usize) -> f64 {
        let fit = self.fit(s, t);
        if self.mbic {
            fit + ((t - s) as f64).ln()
        } else {
            fit
        }
    }

    /// PELT's K: any split `s..u..t` satisfies
    /// `segment(s,u) + segment(u,t) + K ≤ segment(s,t)`.
    ///
    /// Splitting never raises the fit (for `MeanVar` because ε is added
    /// inside a concave logarithm), so K = 0 — except that MBIC's length
    /// terms grow by ln(a) + ln(b) − ln(a+b) = ln(ab/(a+b)) < ln n.
    pub(crate) fn prune_margin(&self) -> f64 {
        if self.mbic {
            -(self.len().max(1) as f64).ln()
        } else {
            0.0
        }
    }
}
