//! Symmetric tridiagonal systems: one country's chain of sessions.
//!
//! The posterior precision of a chain's positions is the random-walk prior (a
//! weighted path Laplacian) plus a diagonal from the votes, so it is tridiagonal:
//! an `LDLᵀ` factorisation solves it in `O(n)` (the Kalman smoother in matrix form)
//! and the same factors give the diagonal and first off-diagonal of its inverse.

/// `LDLᵀ` factors of a symmetric positive-definite tridiagonal matrix with
/// diagonal `d` and super-diagonal `e` (`e[n−1]` unused).
pub struct Ldl {
    /// Pivots.
    d: Vec<f64>,
    /// Sub-diagonal of the unit lower bidiagonal `L`.
    l: Vec<f64>,
}

/// Smallest pivot accepted: a guard against a chain whose votes carry no
/// information (every β zero), which the ridge should already prevent.
const MIN_PIVOT: f64 = 1e-12;

impl Ldl {
    /// Factors the matrix; pivots below [`MIN_PIVOT`] are raised to it, so the
    /// result is always usable (a non-positive pivot means the matrix was not
    /// positive definite in floating point).
    pub fn new(diag: &[f64], off: &[f64]) -> Ldl {
        let n = diag.len();
        let mut d = vec![0.0; n];
        let mut l = vec![0.0; n];
        for k in 0..n {
            let prev = if k == 0 {
                0.0
            } else {
                l[k - 1] * l[k - 1] * d[k - 1]
            };
            d[k] = (diag[k] - prev).max(MIN_PIVOT);
            if k + 1 < n {
                l[k] = off[k] / d[k];
            }
        }
        Ldl { d, l }
    }

    /// Solves `A x = b` in place.
    pub fn solve(&self, b: &mut [f64]) {
        let n = b.len();
        for k in 1..n {
            b[k] -= self.l[k - 1] * b[k - 1];
        }
        for k in 0..n {
            b[k] /= self.d[k];
        }
        for k in (0..n.saturating_sub(1)).rev() {
            b[k] -= self.l[k] * b[k + 1];
        }
    }

    /// `log det A`.
    pub fn ln_det(&self) -> f64 {
        self.d.iter().map(|d| d.ln()).sum()
    }

    /// Diagonal and super-diagonal of `A⁻¹` (Takahashi's recursion).
    pub fn inverse_band(&self, var: &mut [f64], cov: &mut [f64]) {
        let n = self.d.len();
        var[n - 1] = 1.0 / self.d[n - 1];
        cov[n - 1] = 0.0;
        for k in (0..n - 1).rev() {
            cov[k] = -self.l[k] * var[k + 1];
            var[k] = 1.0 / self.d[k] - self.l[k] * cov[k];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn solves_and_inverts_a_small_system() {
        // A = [[4, -1, 0], [-1, 3, -2], [0, -2, 5]]; det = 4·11 − 1·5 = 39.
        let (d, e) = ([4.0, 3.0, 5.0], [-1.0, -2.0, 0.0]);
        let f = Ldl::new(&d, &e);
        let mut x = [1.0, 2.0, 3.0];
        f.solve(&mut x);
        let ax = [
            4.0 * x[0] - x[1],
            -x[0] + 3.0 * x[1] - 2.0 * x[2],
            -2.0 * x[1] + 5.0 * x[2],
        ];
        for (a, b) in ax.iter().zip([1.0, 2.0, 3.0]) {
            assert!((a - b).abs() < 1e-12);
        }
        assert!((f.ln_det() - 39f64.ln()).abs() < 1e-12);
        // Inverse by cofactors: (A⁻¹)₀₀ = 11/39, (A⁻¹)₁₁ = 20/39, (A⁻¹)₂₂ = 11/39,
        // (A⁻¹)₀₁ = 5/39, (A⁻¹)₁₂ = 8/39.
        let (mut v, mut c) = ([0.0; 3], [0.0; 3]);
        f.inverse_band(&mut v, &mut c);
        for (g, w) in v.iter().zip([11.0, 20.0, 11.0]) {
            assert!((g - w / 39.0).abs() < 1e-12);
        }
        assert!((c[0] - 5.0 / 39.0).abs() < 1e-12 && (c[1] - 8.0 / 39.0).abs() < 1e-12);
    }
}
