//! Variational EM for the dynamic ordered probit, with safeguarded Newton blocks.
//!
//! # The objective
//!
//! With the augmented `z` integrated out analytically, the evidence lower bound of
//! a Gaussian `q(θ)` per chain (mean `m`, covariance `Σ`) and point item parameters
//! `(β, γ₁, γ₂)` is, up to a constant,
//!
//! ```text
//! F = Σ_votes [ log(Φ(γ_hi − β m_u) − Φ(γ_lo − β m_u)) − β² Σ_uu / 2 ]
//!   − Σ β² / (2 σ²_β)
//!   + Σ_chains [ −mᵀ Λ m / 2 − tr(Λ Σ) / 2 + log det Σ / 2 ]
//! ```
//!
//! where `Λ` is the random-walk prior precision (plus a small ridge, the guard that
//! keeps a chain's level proper). It is the bound of the augmented model with the
//! optimal truncated-normal `q(z)` plugged in: its gradient in `m` is
//! `Σ β (E[z] − β m)`, the EM residual, and its curvature uses `Var(z)`.
//!
//! # One iteration
//!
//! 1. *Items:* per linked roll call, one Newton step on `(β, γ₁, γ₂)` (the ordered
//!    probit is jointly log-concave), projected onto `γ ∈ [−7, 7]`,
//!    `γ₂ − γ₁ ≥ 10⁻³`, and halved until `F` does not decrease.
//! 2. *Positions:* per country, `Σ = (Λ + diag Σβ²)⁻¹` in closed form (its exact
//!    maximiser) and one Newton step on `m` (a tridiagonal solve: the Kalman
//!    smoother), halved until `F` does not decrease, with `|m| ≤ 5`.
//! 3. *Identification:* positions are standardised so that over all
//!    country-sessions `mean(m) = 0` and `mean(m² + Σ_uu) = 1` (BSV standardise
//!    every draw; this is the same on average), items rescaled so the likelihood is
//!    unchanged, and the orientation country put on the positive side.
//!
//! Steps 1 and 2 never decrease `F` ([`Iteration::ascended`] records it after
//! them). Step 3 is a reparameterisation that keeps the likelihood and moves only
//! the prior terms: like BSV's per-draw standardisation it imposes the scale the
//! priors are written in, so `F` at standardised parameters may fall while it
//! settles; the fixed point is where the ascent of steps 1–2 is exactly undone by
//! step 3.
//!
//! # Convergence
//!
//! The run stops after the first iteration at which both the relative change of
//! the objective, `|F_k − F_{k−1}| / |F_k|`, is below [`Options::tol_objective`] and
//! the largest change of any position is below [`Options::tol_theta`]; or after
//! [`Options::max_iter`] iterations ([`Estimate::converged`] is then false).

use rayon::prelude::*;

use crate::IdealError;
use crate::chain::Ldl;
use crate::input::{Data, Input};
use crate::normal::{self, Cell};

/// Bounds on positions (BSV's hard bound).
pub const THETA_BOUND: f64 = 5.0;
/// Bounds on cutpoints (BSV truncate their cutpoints to this range).
pub const CUT_BOUND: f64 = 7.0;
/// Smallest gap between the two cutpoints of a roll call.
pub const CUT_GAP: f64 = 1e-3;

/// Model and stopping settings. The defaults are BSV's model.
#[derive(Clone, Debug, PartialEq)]
pub struct Options {
    /// `Smooth`: the random-walk variance between sessions is
    /// `smooth · n_s/(n_s + n_{s−1})` (BSV: 0.5).
    pub smooth: f64,
    /// Prior variance of each β, centred on 0 (BSV: 1).
    pub beta_var: f64,
    /// Prior precision pulling every position towards 0: a guard that keeps the
    /// level of a one-session chain defined; small enough (10⁻⁴) to be negligible
    /// next to the data.
    pub ridge: f64,
    /// Country index (as in [`crate::Unit::country`]) placed on the positive side;
    /// BSV put the United States there.
    pub orient: Option<u32>,
    /// Iteration cap.
    pub max_iter: usize,
    /// Relative objective change below which the run may stop.
    pub tol_objective: f64,
    /// Largest position change below which the run may stop.
    pub tol_theta: f64,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            smooth: 0.5,
            beta_var: 1.0,
            ridge: 1e-4,
            orient: None,
            max_iter: 500,
            tol_objective: 1e-8,
            tol_theta: 1e-3,
        }
    }
}

impl Options {
    fn check(&self) -> Result<(), IdealError> {
        let pos = |x: f64| x.is_finite() && x > 0.0;
        if !pos(self.smooth) || !pos(self.beta_var) || !pos(self.ridge) {
            return Err(IdealError::BadOption(
                "smooth, beta_var and ridge must be positive and finite".into(),
            ));
        }
        if self.max_iter == 0 || !pos(self.tol_objective) || !pos(self.tol_theta) {
            return Err(IdealError::BadOption(
                "max_iter and the tolerances must be positive".into(),
            ));
        }
        Ok(())
    }
}

/// One iteration's record.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Iteration {
    /// The objective `F` after the item and position steps, before identification:
    /// never below the previous iteration's [`objective`](Self::objective).
    pub ascended: f64,
    /// The objective `F` after the iteration (at standardised parameters).
    pub objective: f64,
    /// Largest absolute change of any position.
    pub max_change: f64,
}

/// Parameters in internal (chain) order.
#[derive(Clone, Debug)]
pub(crate) struct State {
    pub m: Vec<f64>,
    pub var: Vec<f64>,
    pub cov: Vec<f64>,
    /// `log det Σ` per chain.
    pub ln_det: Vec<f64>,
    pub beta: Vec<f64>,
    pub g1: Vec<f64>,
    pub g2: Vec<f64>,
}

/// A fitted model.
#[derive(Clone, Debug)]
pub struct Estimate {
    /// Ideal point per unit, in the order of [`Input::units`].
    pub theta: Vec<f64>,
    /// Variational standard deviation per unit (too small as an uncertainty, as for
    /// every variational fit: use [`Model::bootstrap`]).
    pub sd: Vec<f64>,
    /// Per item of [`Input::items`]: β, γ₁, γ₂ (shared by linked items).
    pub items: Vec<[f64; 3]>,
    /// Objective and change per iteration.
    pub trace: Vec<Iteration>,
    /// Whether the convergence criterion was met.
    pub converged: bool,
    pub(crate) state: State,
}

impl Estimate {
    /// The final objective.
    pub fn objective(&self) -> f64 {
        self.trace.last().map_or(f64::NEG_INFINITY, |t| t.objective)
    }

    /// Iterations run.
    pub fn iterations(&self) -> usize {
        self.trace.len()
    }
}

/// Checked data and options, ready to fit and bootstrap.
#[derive(Clone, Debug)]
pub struct Model {
    pub(crate) data: Data,
    pub(crate) opts: Options,
    pub(crate) orient_units: Vec<u32>,
    param_of_item: Vec<u32>,
}

impl Model {
    /// Checks and indexes the input.
    pub fn new(input: &Input, opts: Options) -> Result<Model, IdealError> {
        opts.check()?;
        let data = Data::new(input, opts.smooth)?;
        let orient_units = match opts.orient {
            None => Vec::new(),
            Some(c) => {
                let us: Vec<u32> = (0..data.n_units() as u32)
                    .filter(|&u| input.units[data.unit_of[u as usize] as usize].country == c)
                    .collect();
                if us.is_empty() {
                    return Err(IdealError::OrientAbsent(c));
                }
                us
            }
        };
        // Item → parameter, as `Data::new` numbered them (first appearance of a link).
        let mut seen = std::collections::HashMap::new();
        let param_of_item = input
            .items
            .iter()
            .map(|it| {
                let next = seen.len() as u32;
                *seen.entry(it.link).or_insert(next)
            })
            .collect();
        Ok(Model {
            data,
            opts,
            orient_units,
            param_of_item,
        })
    }

    /// Units, linked item parameters and votes.
    pub fn size(&self) -> (usize, usize, usize) {
        (
            self.data.n_units(),
            self.data.n_params(),
            self.data.u_obs.len(),
        )
    }

    /// Fits from a data-driven start (the leading singular vector of the
    /// item-centred vote matrix).
    pub fn fit(&self) -> Estimate {
        self.fit_from(&self.data, initial_state(&self.data, &self.orient_units))
    }

    pub(crate) fn fit_from(&self, data: &Data, mut s: State) -> Estimate {
        let o = &self.opts;
        let mut trace: Vec<Iteration> = Vec::new();
        let mut converged = false;
        for _ in 0..o.max_iter {
            let prev = s.m.clone();
            item_step(data, &mut s, o);
            let mut lik = theta_step(data, &mut s, o);
            let ascended = lik + prior_terms(data, &s, o);
            if standardise(data, &mut s, &self.orient_units) {
                lik = likelihood(data, &s);
            }
            let f = lik + prior_terms(data, &s, o);
            let max_change =
                s.m.iter()
                    .zip(&prev)
                    .fold(0.0f64, |a, (x, y)| a.max((x - y).abs()));
            let rel = trace
                .last()
                .map_or(f64::INFINITY, |t| ((f - t.objective) / f).abs());
            trace.push(Iteration {
                ascended,
                objective: f,
                max_change,
            });
            if rel < o.tol_objective && max_change < o.tol_theta {
                converged = true;
                break;
            }
        }
        let n = data.n_units();
        let (mut theta, mut sd) = (vec![0.0; n], vec![0.0; n]);
        for u in 0..n {
            theta[data.unit_of[u] as usize] = s.m[u];
            sd[data.unit_of[u] as usize] = s.var[u].sqrt();
        }
        let items = self
            .param_of_item
            .iter()
            .map(|&p| {
                let p = p as usize;
                [s.beta[p], s.g1[p], s.g2[p]]
            })
            .collect();
        Estimate {
            theta,
            sd,
            items,
            trace,
            converged,
            state: s,
        }
    }

    /// The objective of an estimate, recomputed from scratch (for tests and
    /// diagnostics; the fit tracks it incrementally).
    pub fn objective(&self, est: &Estimate) -> f64 {
        likelihood(&self.data, &est.state) + prior_terms(&self.data, &est.state, &self.opts)
    }
}

fn initial_state(data: &Data, orient: &[u32]) -> State {
    let (nu, np) = (data.n_units(), data.n_params());
    // Item-centred votes pooled per country, then power iteration for the leading
    // singular vector. Pooling matters: by session the vote matrix is nearly block
    // diagonal (few bridges), and per-session blocks would start with arbitrary signs.
    let mean: Vec<f64> = (0..np)
        .map(|p| {
            let o = data.param_obs(p);
            o.iter().map(|&(_, y)| f64::from(y)).sum::<f64>() / o.len() as f64
        })
        .collect();
    let mut chain_of = vec![0usize; nu];
    for (c, &(a, b)) in data.chains.iter().enumerate() {
        chain_of[a as usize..b as usize].fill(c);
    }
    let nc = data.chains.len();
    let mut xc: Vec<f64> = (0..nc).map(|c| ((c * 7919) % 13) as f64 - 6.0).collect();
    let mut w = vec![0.0; np];
    for _ in 0..100 {
        for (p, wp) in w.iter_mut().enumerate() {
            let o = data.param_obs(p);
            *wp = o
                .iter()
                .map(|&(u, y)| (f64::from(y) - mean[p]) * xc[chain_of[u as usize]])
                .sum::<f64>()
                / o.len() as f64;
        }
        let mut next = vec![0.0; nc];
        let mut count = vec![0.0; nc];
        for u in 0..nu {
            for &(p, y) in data.unit_obs(u) {
                next[chain_of[u]] += (f64::from(y) - mean[p as usize]) * w[p as usize];
                count[chain_of[u]] += 1.0;
            }
        }
        let norm = next
            .iter()
            .zip(&count)
            .map(|(v, n)| (v / n).powi(2))
            .sum::<f64>()
            .sqrt();
        for c in 0..nc {
            xc[c] = next[c] / count[c] / norm.max(1e-300);
        }
    }
    let x: Vec<f64> = (0..nu).map(|u| xc[chain_of[u]]).collect();
    let mu = x.iter().sum::<f64>() / nu as f64;
    let sd = (x.iter().map(|v| (v - mu) * (v - mu)).sum::<f64>() / nu as f64)
        .sqrt()
        .max(1e-300);
    let mut m: Vec<f64> = x.iter().map(|v| ((v - mu) / sd).clamp(-3.0, 3.0)).collect();
    if !orient.is_empty() && orient.iter().map(|&u| m[u as usize]).sum::<f64>() < 0.0 {
        m.iter_mut().for_each(|v| *v = -*v);
    }
    // Cutpoints from each item's marginal shares, β from the sign of its loading.
    let mut g1 = vec![0.0; np];
    let mut g2 = vec![0.0; np];
    let mut beta = vec![0.0; np];
    for p in 0..np {
        let o = data.param_obs(p);
        let mut c = [0.5f64; 3];
        let mut cov = 0.0;
        for &(u, y) in o {
            c[y as usize] += 1.0;
            cov += (f64::from(y) - mean[p]) * m[u as usize];
        }
        let t = c.iter().sum::<f64>();
        g1[p] = normal::quantile(c[0] / t).clamp(-CUT_BOUND, CUT_BOUND);
        g2[p] = normal::quantile((c[0] + c[1]) / t).clamp(-CUT_BOUND, CUT_BOUND);
        if g2[p] - g1[p] < CUT_GAP {
            g2[p] = g1[p] + CUT_GAP;
        }
        beta[p] = if cov >= 0.0 { 0.5 } else { -0.5 };
    }
    State {
        m,
        var: vec![0.0; nu],
        cov: vec![0.0; nu],
        ln_det: vec![0.0; data.chains.len()],
        beta,
        g1,
        g2,
    }
}

/// The interval of a vote's latent `z`, before subtracting the linear predictor.
fn bounds(y: u8, g1: f64, g2: f64) -> (f64, f64) {
    match y {
        0 => (f64::NEG_INFINITY, g1),
        1 => (g1, g2),
        _ => (g2, f64::INFINITY),
    }
}

fn cell(y: u8, g1: f64, g2: f64, eta: f64) -> Cell {
    let (lo, hi) = bounds(y, g1, g2);
    Cell::new(lo - eta, hi - eta)
}

/// Keeps cutpoints in range and ordered.
fn project_cuts(mut g1: f64, mut g2: f64) -> (f64, f64) {
    g1 = g1.clamp(-CUT_BOUND, CUT_BOUND);
    g2 = g2.clamp(-CUT_BOUND, CUT_BOUND);
    if g2 - g1 < CUT_GAP {
        let mid = (0.5 * (g1 + g2)).clamp(-CUT_BOUND + CUT_GAP / 2.0, CUT_BOUND - CUT_GAP / 2.0);
        g1 = mid - CUT_GAP / 2.0;
        g2 = mid + CUT_GAP / 2.0;
    }
    (g1, g2)
}

/// An item's part of `F`.
fn item_value(obs: &[(u32, u8)], s: &State, b: f64, g1: f64, g2: f64, prec: f64) -> f64 {
    let mut f = -0.5 * prec * b * b;
    for &(u, y) in obs {
        let u = u as usize;
        f += cell(y, g1, g2, b * s.m[u]).ln_p - 0.5 * b * b * s.var[u];
    }
    f
}

fn item_step(data: &Data, s: &mut State, o: &Options) {
    let prec = 1.0 / o.beta_var;
    let st = &*s;
    let new: Vec<[f64; 3]> = (0..data.n_params())
        .into_par_iter()
        .map(|p| {
            let obs = data.param_obs(p);
            let (b, g1, g2) = (st.beta[p], st.g1[p], st.g2[p]);
            let mut g = [-prec * b, 0.0, 0.0];
            let mut h = [[-prec, 0.0, 0.0], [0.0; 3], [0.0; 3]];
            let mut f0 = -0.5 * prec * b * b;
            for &(u, y) in obs {
                let u = u as usize;
                let (mu, v) = (st.m[u], st.var[u]);
                let c = cell(y, g1, g2, b * mu);
                f0 += c.ln_p - 0.5 * b * b * v;
                g[0] += c.d_eta() * mu - b * v;
                h[0][0] += c.d2_eta() * mu * mu - v;
                match y {
                    0 => {
                        g[1] += c.db;
                        h[1][1] += c.dbb;
                        h[0][1] -= mu * c.dbb;
                    }
                    1 => {
                        g[1] -= c.da;
                        g[2] += c.db;
                        h[1][1] += c.daa;
                        h[2][2] += c.dbb;
                        h[1][2] += c.dab;
                        h[0][1] -= mu * (c.daa + c.dab);
                        h[0][2] -= mu * (c.dab + c.dbb);
                    }
                    _ => {
                        g[2] -= c.da;
                        h[2][2] += c.daa;
                        h[0][2] -= mu * c.daa;
                    }
                }
            }
            let step = item_newton(&g, &h, [b, g1, g2]);
            let mut t = 1.0;
            for _ in 0..30 {
                let nb = b + t * step[0];
                let (n1, n2) = project_cuts(g1 + t * step[1], g2 + t * step[2]);
                if item_value(obs, st, nb, n1, n2, prec) >= f0 {
                    return [nb, n1, n2];
                }
                t *= 0.5;
            }
            [b, g1, g2]
        })
        .collect();
    for (p, [b, g1, g2]) in new.into_iter().enumerate() {
        s.beta[p] = b;
        s.g1[p] = g1;
        s.g2[p] = g2;
    }
}

/// The Newton step for an item's `(β, γ₁, γ₂)`, respecting the constraints that are
/// active: when the cutpoints sit at their minimum gap (nobody abstained) and the
/// step would close it further, they move together; a cutpoint at ±7 pushed
/// outwards stays. Without this the projected step zig-zags.
fn item_newton(g: &[f64; 3], h: &[[f64; 3]; 3], b: [f64; 3]) -> [f64; 3] {
    let full = newton_in(g, h, &[[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]]);
    let at_gap = b[2] - b[1] <= CUT_GAP * (1.0 + 1e-9);
    let mut basis: Vec<[f64; 3]> = vec![[1.0, 0.0, 0.0]];
    if at_gap && full[2] < full[1] {
        let tied = newton_in(g, h, &[[1.0, 0.0, 0.0], [0.0, 1.0, 1.0]]);
        let out = (b[1] <= -CUT_BOUND && tied[1] < 0.0) || (b[2] >= CUT_BOUND && tied[2] > 0.0);
        if !out {
            basis.push([0.0, 1.0, 1.0]);
        }
    } else {
        if !(b[1] <= -CUT_BOUND && full[1] < 0.0) {
            basis.push([0.0, 1.0, 0.0]);
        }
        if !(b[2] >= CUT_BOUND && full[2] > 0.0) {
            basis.push([0.0, 0.0, 1.0]);
        }
        if basis.len() == 3 {
            return full;
        }
    }
    newton_in(g, h, &basis)
}

/// Solves `Bᵀ(−H + λI)B δ = Bᵀg` and returns `Bδ`, for a 3×3 negative
/// semi-definite `H` (upper triangle given) and basis `B` of at most three
/// directions, by Cholesky; λ is a small relative damping that guards directions
/// the data do not inform (a category nobody chose).
fn newton_in(g: &[f64; 3], h: &[[f64; 3]; 3], basis: &[[f64; 3]]) -> [f64; 3] {
    let k = basis.len();
    let mut full = [[0.0; 3]; 3];
    let scale = (0..3).map(|i| -h[i][i]).fold(0.0f64, f64::max);
    for i in 0..3 {
        for j in i..3 {
            full[i][j] = -h[i][j];
            full[j][i] = -h[i][j];
        }
        full[i][i] += 1e-8 * (1.0 + scale);
    }
    let mut a = [[0.0; 3]; 3];
    let mut r = [0.0; 3];
    for p in 0..k {
        r[p] = (0..3).map(|i| basis[p][i] * g[i]).sum();
        for q in 0..k {
            a[p][q] = (0..3)
                .map(|i| {
                    (0..3)
                        .map(|j| basis[p][i] * full[i][j] * basis[q][j])
                        .sum::<f64>()
                })
                .sum();
        }
    }
    let mut l = [[0.0; 3]; 3];
    let mut x = [0.0; 3];
    let mut ok = true;
    'chol: for i in 0..k {
        for j in 0..=i {
            let mut sum = a[i][j];
            for m in 0..j {
                sum -= l[i][m] * l[j][m];
            }
            if i == j {
                if sum <= 0.0 {
                    ok = false;
                    break 'chol;
                }
                l[i][i] = sum.sqrt();
            } else {
                l[i][j] = sum / l[j][j];
            }
        }
    }
    if ok {
        let mut z = [0.0; 3];
        for i in 0..k {
            z[i] = (r[i] - (0..i).map(|m| l[i][m] * z[m]).sum::<f64>()) / l[i][i];
        }
        for i in (0..k).rev() {
            x[i] = (z[i] - (i + 1..k).map(|m| l[m][i] * x[m]).sum::<f64>()) / l[i][i];
        }
    } else {
        // Not positive definite in floating point: a damped gradient step.
        for i in 0..k {
            x[i] = r[i] / (1.0 + scale);
        }
    }
    let mut d = [0.0; 3];
    for p in 0..k {
        for i in 0..3 {
            d[i] += basis[p][i] * x[p];
        }
    }
    d
}

/// One chain's result of the position step.
struct ChainOut {
    m: Vec<f64>,
    var: Vec<f64>,
    cov: Vec<f64>,
    ln_det: f64,
    lik: f64,
}

/// Log likelihood of one unit's votes at position `m`.
fn unit_lik(data: &Data, s: &State, u: usize, m: f64) -> f64 {
    data.unit_obs(u)
        .iter()
        .map(|&(p, y)| {
            let p = p as usize;
            cell(y, s.g1[p], s.g2[p], s.beta[p] * m).ln_p
        })
        .sum()
}

/// `−mᵀΛm/2` for one chain (ridge included).
fn quad(data: &Data, r: std::ops::Range<usize>, m: &[f64], ridge: f64) -> f64 {
    let mut q = 0.0;
    for (i, k) in r.clone().enumerate() {
        q += (data.prior_diag[k] + ridge) * m[i] * m[i];
        if k + 1 < r.end {
            q += 2.0 * data.prior_off[k] * m[i] * m[i + 1];
        }
    }
    -0.5 * q
}

fn theta_step(data: &Data, s: &mut State, o: &Options) -> f64 {
    let st = &*s;
    let outs: Vec<ChainOut> = data
        .chains
        .par_iter()
        .map(|&(a, b)| {
            let r = a as usize..b as usize;
            let n = r.len();
            let mut sb2 = vec![o.ridge; n];
            let mut grad = vec![0.0; n];
            let mut hess = vec![0.0; n];
            let mut lik0 = 0.0;
            for (i, u) in r.clone().enumerate() {
                let mu = st.m[u];
                for &(p, y) in data.unit_obs(u) {
                    let p = p as usize;
                    let bp = st.beta[p];
                    let c = cell(y, st.g1[p], st.g2[p], bp * mu);
                    lik0 += c.ln_p;
                    sb2[i] += bp * bp;
                    grad[i] += bp * c.d_eta();
                    hess[i] -= bp * bp * c.d2_eta();
                }
            }
            let off = &data.prior_off[r.clone()];
            let prior: Vec<f64> = data.prior_diag[r.clone()].to_vec();
            // Σ: its exact maximiser given β.
            let post: Vec<f64> = prior.iter().zip(&sb2).map(|(p, d)| p + d).collect();
            let f = Ldl::new(&post, off);
            let (mut var, mut cov) = (vec![0.0; n], vec![0.0; n]);
            f.inverse_band(&mut var, &mut cov);
            // Newton on m: gradient minus prior, curvature from Var(z).
            let m0 = &st.m[r.clone()];
            for i in 0..n {
                grad[i] -= (prior[i] + o.ridge) * m0[i];
                if i > 0 {
                    grad[i] -= off[i - 1] * m0[i - 1];
                }
                if i + 1 < n {
                    grad[i] -= off[i] * m0[i + 1];
                }
            }
            let curv: Vec<f64> = (0..n).map(|i| prior[i] + o.ridge + hess[i]).collect();
            Ldl::new(&curv, off).solve(&mut grad);
            let f0 = lik0 + quad(data, r.clone(), m0, o.ridge);
            let mut m = m0.to_vec();
            let mut lik = lik0;
            let mut t = 1.0;
            for _ in 0..30 {
                let cand: Vec<f64> = (0..n)
                    .map(|i| (m0[i] + t * grad[i]).clamp(-THETA_BOUND, THETA_BOUND))
                    .collect();
                let l: f64 = r
                    .clone()
                    .enumerate()
                    .map(|(i, u)| unit_lik(data, st, u, cand[i]))
                    .sum();
                if l + quad(data, r.clone(), &cand, o.ridge) >= f0 {
                    m = cand;
                    lik = l;
                    break;
                }
                t *= 0.5;
            }
            let bv: f64 = (0..n).map(|i| (sb2[i] - o.ridge) * var[i]).sum();
            ChainOut {
                m,
                var,
                cov,
                ln_det: -f.ln_det(),
                lik: lik - 0.5 * bv,
            }
        })
        .collect();
    let mut lik = 0.0;
    for (c, out) in outs.into_iter().enumerate() {
        let a = data.chains[c].0 as usize;
        let n = out.m.len();
        s.m[a..a + n].copy_from_slice(&out.m);
        s.var[a..a + n].copy_from_slice(&out.var);
        s.cov[a..a + n].copy_from_slice(&out.cov);
        s.ln_det[c] = out.ln_det;
        lik += out.lik;
    }
    lik
}

/// `Σ_votes [log P − β² Σ_uu/2]`, from scratch.
pub(crate) fn likelihood(data: &Data, s: &State) -> f64 {
    (0..data.n_units())
        .into_par_iter()
        .map(|u| {
            let sb2: f64 = data
                .unit_obs(u)
                .iter()
                .map(|&(p, _)| s.beta[p as usize].powi(2))
                .sum();
            unit_lik(data, s, u, s.m[u]) - 0.5 * sb2 * s.var[u]
        })
        .sum()
}

/// The prior and entropy terms of `F`.
fn prior_terms(data: &Data, s: &State, o: &Options) -> f64 {
    let mut f = -0.5 / o.beta_var * s.beta.iter().map(|b| b * b).sum::<f64>();
    for (c, &(a, b)) in data.chains.iter().enumerate() {
        let r = a as usize..b as usize;
        f += quad(data, r.clone(), &s.m[r.clone()], o.ridge);
        let mut tr = 0.0;
        for k in r.clone() {
            tr += (data.prior_diag[k] + o.ridge) * s.var[k];
            if k + 1 < r.end {
                tr += 2.0 * data.prior_off[k] * s.cov[k];
            }
        }
        f += -0.5 * tr + 0.5 * s.ln_det[c];
    }
    f
}

/// Standardises positions and orients them; returns whether a bound had to be
/// enforced (then the likelihood changed and must be recomputed).
fn standardise(data: &Data, s: &mut State, orient: &[u32]) -> bool {
    let n = s.m.len() as f64;
    let mean = s.m.iter().sum::<f64>() / n;
    let second = s.m.iter().zip(&s.var).map(|(m, v)| m * m + v).sum::<f64>() / n;
    let sd = (second - mean * mean).sqrt();
    let flip = !orient.is_empty()
        && orient.iter().map(|&u| s.m[u as usize]).sum::<f64>() / (orient.len() as f64) < mean;
    let sign = if flip { -1.0 } else { 1.0 };
    let mut clamped = false;
    for m in &mut s.m {
        let z = sign * (*m - mean) / sd;
        clamped |= z.abs() > THETA_BOUND;
        *m = z.clamp(-THETA_BOUND, THETA_BOUND);
    }
    let s2 = sd * sd;
    s.var.iter_mut().for_each(|v| *v /= s2);
    s.cov.iter_mut().for_each(|v| *v /= s2);
    for (c, &(a, b)) in data.chains.iter().enumerate() {
        s.ln_det[c] -= 2.0 * f64::from(b - a) * sd.ln();
    }
    for p in 0..s.beta.len() {
        let b = s.beta[p];
        let (g1, g2) = (s.g1[p] - b * mean, s.g2[p] - b * mean);
        let (n1, n2) = project_cuts(g1, g2);
        clamped |= n1 != g1 || n2 != g2;
        s.g1[p] = n1;
        s.g2[p] = n2;
        s.beta[p] = sign * b * sd;
    }
    clamped
}
