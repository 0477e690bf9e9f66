//! The standard normal distribution, written to stay finite far in the tails.
//!
//! The ordered probit needs `log(Φ(b) − Φ(a))` and the truncated-normal moments of
//! an interval `(a, b)` for linear predictors that can reach ±50; plain `Φ` underflows
//! below −37, so logs and Mills ratios switch to asymptotic series there.

const LN_SQRT_2PI: f64 = 0.918_938_533_204_672_8;

/// `log φ(x)`.
pub fn ln_pdf(x: f64) -> f64 {
    -0.5 * x * x - LN_SQRT_2PI
}

/// `Φ(x)`.
pub fn cdf(x: f64) -> f64 {
    0.5 * libm::erfc(-x * std::f64::consts::FRAC_1_SQRT_2)
}

/// `log Φ(x)`, accurate for any finite `x`.
pub fn ln_cdf(x: f64) -> f64 {
    if x > -20.0 {
        if x > 5.0 {
            // Φ(x) = 1 − Φ(−x), and ln(1 − ε) = −ε to double precision.
            -cdf(-x)
        } else {
            cdf(x).ln()
        }
    } else {
        // Φ(x) = φ(x)/(−x) · (1 − 1/x² + 3/x⁴ − 15/x⁶ …) (Abramowitz & Stegun 26.2.12).
        let r = 1.0 / (x * x);
        ln_pdf(x) - (-x).ln() + (1.0 - r + 3.0 * r * r - 15.0 * r * r * r).ln()
    }
}

/// `log(1 − e^x)` for `x < 0`, without cancellation (Mächler 2012).
fn ln_one_minus_exp(x: f64) -> f64 {
    if x > -std::f64::consts::LN_2 {
        (-x.exp_m1()).ln()
    } else {
        (-x.exp()).ln_1p()
    }
}

/// `log(Φ(b) − Φ(a))` for `a < b`; `a` may be −∞ and `b` +∞.
pub fn ln_interval(a: f64, b: f64) -> f64 {
    if a == f64::NEG_INFINITY {
        return ln_cdf(b);
    }
    if b == f64::INFINITY {
        return ln_cdf(-a);
    }
    if b <= 0.0 {
        let (la, lb) = (ln_cdf(a), ln_cdf(b));
        lb + ln_one_minus_exp(la - lb)
    } else if a >= 0.0 {
        let (la, lb) = (ln_cdf(-a), ln_cdf(-b));
        la + ln_one_minus_exp(lb - la)
    } else {
        (1.0 - cdf(a) - cdf(-b)).ln()
    }
}

/// One observation's ordered-probit log likelihood and its derivatives with respect
/// to the interval's ends, for the interval `(a, b) = (γ_lower − η, γ_upper − η)`.
///
/// With `A = φ(a)/P` and `B = φ(b)/P`, `∂/∂a = −A`, `∂/∂b = B`, `∂²/∂a² = aA − A²`,
/// `∂²/∂b² = −bB − B²` and `∂²/∂a∂b = AB`; an infinite end contributes nothing.
/// `∂ log P/∂η = A − B` is the truncated-normal mean shift `E[z] − η`, and
/// `∂²/∂η² = Var(z) − 1`, the E-step moments of the augmented model.
#[derive(Clone, Copy, Debug)]
pub struct Cell {
    /// `log P`.
    pub ln_p: f64,
    /// `A = φ(a)/P` (0 when `a = −∞`).
    pub da: f64,
    /// `B = φ(b)/P` (0 when `b = +∞`).
    pub db: f64,
    /// `aA − A²`.
    pub daa: f64,
    /// `−bB − B²`.
    pub dbb: f64,
    /// `AB`.
    pub dab: f64,
}

impl Cell {
    /// Evaluates the cell for `a < b`.
    pub fn new(a: f64, b: f64) -> Cell {
        let ln_p = ln_interval(a, b);
        let (da, daa) = if a == f64::NEG_INFINITY {
            (0.0, 0.0)
        } else {
            let r = (ln_pdf(a) - ln_p).exp();
            (r, a * r - r * r)
        };
        let (db, dbb) = if b == f64::INFINITY {
            (0.0, 0.0)
        } else {
            let r = (ln_pdf(b) - ln_p).exp();
            (r, -b * r - r * r)
        };
        Cell {
            ln_p,
            da,
            db,
            daa,
            dbb,
            dab: da * db,
        }
    }

    /// `∂ log P/∂η`.
    pub fn d_eta(&self) -> f64 {
        self.da - self.db
    }

    /// `∂² log P/∂η²` (never positive: the ordered probit is log-concave).
    pub fn d2_eta(&self) -> f64 {
        (self.daa + self.dbb + 2.0 * self.dab).min(0.0)
    }
}

/// `Φ(x)` with the exact answers `0` below −40 and `1` above 9 (where the
/// double-precision `Φ` is already exactly 0 or 1) returned without `erfc`.
#[inline]
pub fn cdf_fast(x: f64) -> f64 {
    if x <= -40.0 {
        0.0
    } else if x >= 9.0 {
        1.0
    } else {
        cdf(x)
    }
}

/// The standard normal quantile without the refinement step: Acklam's rational
/// approximation alone (relative error below 1.2·10⁻⁹), for drawing variates.
#[inline]
pub fn quantile_draw(p: f64) -> f64 {
    let p = p.clamp(1e-300, 1.0 - 1e-16);
    acklam(p)
}

/// The standard normal quantile (Acklam's rational approximation, refined by one
/// Halley step; relative error below 1e-12 on (0, 1)).
pub fn quantile(p: f64) -> f64 {
    let p = p.clamp(1e-300, 1.0 - 1e-16);
    let x = acklam(p);
    let e = cdf(x) - p;
    let u = e * (2.0 * std::f64::consts::PI).sqrt() * (0.5 * x * x).exp();
    x - u / (1.0 + 0.5 * x * u)
}

#[inline]
fn acklam(p: f64) -> f64 {
    const A: [f64; 6] = [
        -3.969_683_028_665_376e1,
        2.209_460_984_245_205e2,
        -2.759_285_104_469_687e2,
        1.383_577_518_672_69e2,
        -3.066_479_806_614_716e1,
        2.506_628_277_459_239,
    ];
    const B: [f64; 5] = [
        -5.447_609_879_822_406e1,
        1.615_858_368_580_409e2,
        -1.556_989_798_598_866e2,
        6.680_131_188_771_972e1,
        -1.328_068_155_288_572e1,
    ];
    const C: [f64; 6] = [
        -7.784_894_002_430_293e-3,
        -3.223_964_580_411_365e-1,
        -2.400_758_277_161_838,
        -2.549_732_539_343_734,
        4.374_664_141_464_968,
        2.938_163_982_698_783,
    ];
    const D: [f64; 4] = [
        7.784_695_709_041_462e-3,
        3.224_671_290_700_398e-1,
        2.445_134_137_142_996,
        3.754_408_661_907_416,
    ];
    if p < 0.02425 {
        let q = (-2.0 * p.ln()).sqrt();
        (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
            / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1.0)
    } else if p <= 1.0 - 0.02425 {
        let q = p - 0.5;
        let r = q * q;
        (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
            / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1.0)
    } else {
        let q = (-2.0 * (1.0 - p).ln()).sqrt();
        -(((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
            / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cdf_and_logs_agree_with_known_values() {
        // Φ(1.96) = 0.9750021048517795 (R: pnorm(1.96)).
        assert!((cdf(1.96) - 0.975_002_104_851_779_5).abs() < 1e-15);
        // log Φ(−40) = −804.6084420137538 (R: pnorm(-40, log.p = TRUE)).
        assert!((ln_cdf(-40.0) + 804.608_442_013_753_8).abs() < 1e-9);
        assert!((ln_cdf(-19.9) - cdf(-19.9).ln()).abs() < 1e-9);
        // Φ(1) − Φ(−1) = 0.6826894921370859.
        assert!((ln_interval(-1.0, 1.0) - 0.682_689_492_137_085_9f64.ln()).abs() < 1e-14);
        // Far tails stay finite and ordered.
        let far = ln_interval(30.0, 30.001);
        assert!(far.is_finite() && far < ln_interval(29.0, 29.001));
    }

    #[test]
    fn derivatives_match_finite_differences() {
        for &(lo, hi, eta) in &[
            (f64::NEG_INFINITY, 0.3, 1.2),
            (-0.4, 0.9, -0.7),
            (0.5, f64::INFINITY, 2.5),
            (-7.0, -6.9, 8.0),
        ] {
            let f = |e: f64| Cell::new(lo - e, hi - e).ln_p;
            let c = Cell::new(lo - eta, hi - eta);
            let h = 1e-5;
            let d1 = (f(eta + h) - f(eta - h)) / (2.0 * h);
            let d2 = (f(eta + h) - 2.0 * f(eta) + f(eta - h)) / (h * h);
            assert!(
                (c.d_eta() - d1).abs() < 1e-6 * (1.0 + d1.abs()),
                "{lo} {hi} {eta}"
            );
            assert!(
                (c.d2_eta() - d2).abs() < 1e-3 * (1.0 + d2.abs()),
                "{lo} {hi} {eta}"
            );
        }
    }

    #[test]
    fn quantile_inverts_cdf() {
        for p in [1e-10, 0.01, 0.3, 0.5, 0.9, 0.999] {
            assert!((cdf(quantile(p)) - p).abs() < 1e-12 * p.max(1e-3) + 1e-15);
        }
    }
}
