//! BSV's own sampler: posterior means of their model, as their released estimates are.
//!
//! The variational fit finds a mode; where the likelihood is flat (states voting
//! against the majority for decades, perfectly separated) the mode runs to the
//! edge of the parameter space while BSV's posterior *means* do not. So the
//! estimates are the means of a short run of exactly the Markov chain BSV run
//! (`UN_Ideal_Rcpp.R`, Apr 2020), warm-started from the EM fit. One iteration,
//! in their order:
//!
//! 1. **Positions**, each country-session independently given the rest:
//!    `θ ~ N(V·(Σβz + λ/(s·w)), V)`, `V = 1/(Σβ² + 1/(s·w))`, where `s` is
//!    `Smooth`, `w = n/(n + n_lag)` and the prior mean `λ` is the *conditional
//!    mean* of the lagged unit from the previous iteration (the previous session
//!    of the same country; for its first session, the next one). Draws are
//!    clamped to `|θ| ≤ 5` and then standardised to mean 0 and sample sd 1 over
//!    all country-sessions.
//! 2. **Cutpoints** by their Metropolis–Hastings step (Johnson & Albert 1999,
//!    pp. 135–136): truncated-normal proposals with scale `0.2/3` inside
//!    `[−7, 7]`, the likelihood ratio computed as they compute it (open ends at
//!    ∓99; a 0/0 ratio counts as 1).
//! 3. **Latent utilities** `z` by inverse-CDF truncated-normal draws as they draw
//!    them, clamped to `|z| ≤ 9` (an upper-tail probability that rounds to 1
//!    gives `z = 9`, as in R).
//! 4. **Discriminations** `β ~ N(V·Σθz, V)`, `V = 1/(Σθ² + 1/σ²_β)`.
//!
//! Positions are stored every `thin` iterations after `burn`; the estimate is their
//! mean, with sd and quantiles (BSV publish the same: mean, 5/10/50/90/95 %).
//!
//! Randomness: ChaCha8 seeded with [`SampleOptions::seed`], one stream per
//! (iteration, step, block of 64 units or items), so a run gives the same draws on
//! any number of threads.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;

use crate::fit::{Estimate, Model, THETA_BOUND};
use crate::normal;

/// Bound on the latent utilities (BSV: `Z[Z > 9] = 9`).
pub const Z_BOUND: f64 = 9.0;
/// Cutpoint bound in the proposal (BSV truncate proposals to `[−7, 7]`).
const CUT: f64 = 7.0;
/// BSV's scale of the cutpoint proposals (`sigmaMH = 0.2/3`); see
/// [`SampleOptions::cut_step`].
pub const BSV_CUT_STEP: f64 = 0.2 / 3.0;
/// Open ends of the outer categories in the Metropolis–Hastings ratio.
const OPEN: f64 = 99.0;
/// Units or items per random stream.
const BLOCK: usize = 64;

/// Run length and seed of the sampler.
#[derive(Clone, Debug, PartialEq)]
pub struct SampleOptions {
    /// Iterations discarded after the warm start.
    pub burn: usize,
    /// Iterations kept after the burn-in (every `thin`-th is stored).
    pub iter: usize,
    /// Store every `thin`-th iteration.
    pub thin: usize,
    /// Seed of all draws.
    pub seed: u64,
    /// The warm start's positions are clamped to this range (BSV's starting
    /// values: the USSR at −2, the United States at +3). See the crate README of
    /// `multipolar-ideal-votes`: where votes separate perfectly the chain moves
    /// slowly along a flat likelihood and BSV's means keep the memory of their start.
    pub start_range: (f64, f64),
    /// Scale of the cutpoint proposals (BSV: `0.2/3`, accepting 84 %; the same
    /// target is explored far faster at 0.5, accepting 30 %: with BSV's scale the
    /// session levels of 1946–60 drift for thousands of iterations).
    pub cut_step: f64,
}

impl Default for SampleOptions {
    /// 200 burn-in and 1,600 kept iterations, every 4th stored, cutpoint proposals
    /// of scale 0.5: see the crate README of `multipolar-ideal-votes` for how this
    /// was chosen against BSV's 4,000 + 20,000 at scale 0.2/3.
    fn default() -> Self {
        SampleOptions {
            burn: 200,
            iter: 1600,
            thin: 4,
            seed: 20_170_430,
            start_range: (-2.0, 3.0),
            cut_step: 0.5,
        }
    }
}

/// Posterior summaries per unit, in the order of [`crate::Input::units`].
#[derive(Clone, Debug)]
pub struct Posterior {
    /// Posterior mean (BSV's `IdealPoint`).
    pub mean: Vec<f64>,
    /// Posterior standard deviation.
    pub sd: Vec<f64>,
    /// Quantiles 5 %, 50 % and 95 % (BSV's `Q5%`, `Q50%`, `Q95%`).
    pub q05: Vec<f64>,
    /// Median.
    pub q50: Vec<f64>,
    /// 95 % quantile.
    pub q95: Vec<f64>,
    /// Draws stored per unit.
    pub draws: usize,
    /// Iterations run (burn-in included).
    pub iterations: usize,
    /// Share of accepted cutpoint proposals over the run.
    pub accept: f64,
}

/// The sampler's state, internal order.
struct Chain {
    /// Standardised positions (BSV's `Theta` after scaling).
    theta: Vec<f64>,
    /// Conditional means of the last position step (BSV's `ThetaMean`).
    tmean: Vec<f64>,
    beta: Vec<f64>,
    g1: Vec<f64>,
    g2: Vec<f64>,
    /// Latent utility per vote, in `p_obs` (by item) order.
    z: Vec<f64>,
}

fn rng(seed: u64, iter: usize, step: u64, block: usize) -> ChaCha8Rng {
    let mut r = ChaCha8Rng::seed_from_u64(seed);
    r.set_stream(((iter as u64) << 24) | (step << 20) | block as u64);
    r
}

/// A uniform on the open interval (0, 1).
fn unif(r: &mut ChaCha8Rng) -> f64 {
    loop {
        let u: f64 = r.random();
        if u > 0.0 {
            return u;
        }
    }
}

fn std_normal(r: &mut ChaCha8Rng) -> f64 {
    normal::quantile_draw(unif(r))
}

/// R's `qnorm`: ±∞ at 0 and 1.
fn qnorm(p: f64) -> f64 {
    if p >= 1.0 {
        f64::INFINITY
    } else if p <= 0.0 {
        f64::NEG_INFINITY
    } else {
        normal::quantile_draw(p)
    }
}

/// The interval of a vote's latent utility with BSV's open ends.
fn ends(y: u8, g1: f64, g2: f64) -> (f64, f64) {
    match y {
        0 => (-OPEN, g1),
        1 => (g1, g2),
        _ => (g2, OPEN),
    }
}

impl Model {
    /// Runs BSV's sampler from `start` (the EM fit) and summarises the stored
    /// positions. See the module documentation of the sampler for the steps.
    pub fn sample(&self, start: &Estimate, o: &SampleOptions) -> Posterior {
        let data = &self.data;
        let nu = data.n_units();
        let np = data.n_params();
        let smooth = self.opts.smooth;
        let bprec = 1.0 / self.opts.beta_var;
        // Lagged unit and prior precision 1/(Smooth·w) per unit.
        let mut lag = vec![u32::MAX; nu];
        let mut pprec = vec![1.0 / smooth; nu];
        let count = |u: usize| f64::from(data.u_start[u + 1] - data.u_start[u]);
        for &(a, b) in &data.chains {
            let (a, b) = (a as usize, b as usize);
            for u in a..b {
                let l = if u == a { a + 1 } else { u - 1 };
                if l < b {
                    lag[u] = l as u32;
                    let w = count(u) / (count(u) + count(l));
                    pprec[u] = 1.0 / (smooth * w);
                }
            }
        }
        let s = &start.state;
        let (lo, hi) = o.start_range;
        let m0: Vec<f64> = s.m.iter().map(|t| t.clamp(lo, hi)).collect();
        let mut c = Chain {
            theta: m0.clone(),
            tmean: m0,
            beta: s.beta.clone(),
            g1: s.g1.clone(),
            g2: s.g2.clone(),
            z: vec![0.0; data.u_obs.len()],
        };
        // Latent utilities at the start, given the warm start.
        let mut u_to_p = vec![0u32; data.u_obs.len()];
        for (q, &k) in data.p_pos.iter().enumerate() {
            u_to_p[k as usize] = q as u32;
        }
        init_z(self, &mut c, o.seed);
        let stored = o.iter / o.thin.max(1);
        let mut store = vec![0.0f32; stored * nu];
        let mut accepted = 0usize;
        let total = o.burn + o.iter;
        for k in 1..=total {
            // 1. Positions.
            let tm_prev = std::mem::take(&mut c.tmean);
            let (theta, tmean): (Vec<f64>, Vec<f64>) = {
                let (c, tm_prev, lag, pprec, u_to_p) = (&c, &tm_prev, &lag, &pprec, &u_to_p);
                (0..nu)
                    .into_par_iter()
                    .chunks(BLOCK)
                    .flat_map_iter(|us| {
                        let mut r = rng(o.seed, k, 1, us[0] / BLOCK);
                        us.into_iter()
                            .map(|u| {
                                let (mut sbb, mut sbz) = (0.0, 0.0);
                                let start = data.u_start[u] as usize;
                                for (j, &(p, _)) in data.unit_obs(u).iter().enumerate() {
                                    let b = c.beta[p as usize];
                                    sbb += b * b;
                                    sbz += b * c.z[u_to_p[start + j] as usize];
                                }
                                let l = if lag[u] == u32::MAX {
                                    0.0
                                } else {
                                    tm_prev[lag[u] as usize]
                                };
                                let v = 1.0 / (sbb + pprec[u]);
                                let mean = v * (sbz + l * pprec[u]);
                                let t = (mean + v.sqrt() * std_normal(&mut r))
                                    .clamp(-THETA_BOUND, THETA_BOUND);
                                (t, mean)
                            })
                            .collect::<Vec<_>>()
                    })
                    .unzip()
            };
            let n = nu as f64;
            let mu = theta.iter().sum::<f64>() / n;
            let sd = (theta.iter().map(|t| (t - mu) * (t - mu)).sum::<f64>() / (n - 1.0)).sqrt();
            c.theta = theta.into_iter().map(|t| (t - mu) / sd).collect();
            c.tmean = tmean;
            // 2–4. Cutpoints, latent utilities and discriminations, per item.
            accepted += item_pass(self, &mut c, o.seed, k, bprec, o.cut_step);
            if k > o.burn && (k - o.burn) % o.thin.max(1) == 0 {
                let d = (k - o.burn) / o.thin.max(1) - 1;
                if d < stored {
                    for u in 0..nu {
                        store[u * stored + d] = c.theta[u] as f32;
                    }
                }
            }
        }
        // Orientation: the chain keeps the warm start's; make sure.
        let flip = !self.orient_units.is_empty() && {
            let s: f64 = self
                .orient_units
                .iter()
                .map(|&u| {
                    let d = &store[u as usize * stored..(u as usize + 1) * stored];
                    d.iter().map(|&x| f64::from(x)).sum::<f64>()
                })
                .sum();
            s < 0.0
        };
        let sign = if flip { -1.0 } else { 1.0 };
        let mut post = Posterior {
            mean: vec![0.0; nu],
            sd: vec![0.0; nu],
            q05: vec![0.0; nu],
            q50: vec![0.0; nu],
            q95: vec![0.0; nu],
            draws: stored,
            iterations: total,
            accept: accepted as f64 / (total.max(1) * np.max(1)) as f64,
        };
        let summaries: Vec<[f64; 5]> = store
            .par_chunks(stored.max(1))
            .map(|d| {
                let mut d: Vec<f64> = d.iter().map(|&x| sign * f64::from(x)).collect();
                let n = d.len() as f64;
                let m = d.iter().sum::<f64>() / n;
                let v = d.iter().map(|x| (x - m) * (x - m)).sum::<f64>() / (n - 1.0).max(1.0);
                d.sort_by(f64::total_cmp);
                let q = |p: f64| {
                    let h = p * (d.len() - 1) as f64;
                    let (lo, hi) = (h.floor() as usize, h.ceil() as usize);
                    d[lo] + (h - lo as f64) * (d[hi] - d[lo])
                };
                [m, v.sqrt(), q(0.05), q(0.5), q(0.95)]
            })
            .collect();
        if stored > 0 {
            for (u, sm) in summaries.into_iter().enumerate() {
                let i = data.unit_of[u] as usize;
                post.mean[i] = sm[0];
                post.sd[i] = sm[1];
                post.q05[i] = sm[2];
                post.q50[i] = sm[3];
                post.q95[i] = sm[4];
            }
        }
        post
    }
}

/// Draws a latent utility for vote `y` given the linear predictor `eta` and the
/// category's probability ends `a = Φ(lo − η)`, `b = Φ(hi − η)`, as BSV do:
/// `η + Φ⁻¹(a + U(b − a))`, clamped to `|z| ≤ 9`.
#[inline]
fn latent(eta: f64, a: f64, b: f64, r: &mut ChaCha8Rng) -> f64 {
    let z = eta + qnorm(a + unif(r) * (b - a));
    if z.is_nan() {
        eta.clamp(-Z_BOUND, Z_BOUND)
    } else {
        z.clamp(-Z_BOUND, Z_BOUND)
    }
}

/// Latent utilities given the warm start.
fn init_z(m: &Model, c: &mut Chain, seed: u64) {
    let data = &m.data;
    let z: Vec<f64> = {
        let c = &*c;
        (0..data.n_params())
            .into_par_iter()
            .chunks(BLOCK)
            .flat_map_iter(|ps| {
                let mut r = rng(seed, 0, 3, ps[0] / BLOCK);
                let mut out = Vec::new();
                for p in ps {
                    for &(u, y) in data.param_obs(p) {
                        let eta = c.beta[p] * c.theta[u as usize];
                        let (lo, hi) = ends(y, c.g1[p], c.g2[p]);
                        let (a, b) = (normal::cdf_fast(lo - eta), normal::cdf_fast(hi - eta));
                        out.push(latent(eta, a, b, &mut r));
                    }
                }
                out
            })
            .collect()
    };
    c.z = z;
}

/// Steps 2–4 for every item given the positions: BSV's Metropolis–Hastings update
/// of the cutpoints, then the latent utilities under the cutpoints kept (reusing
/// the normal probabilities the acceptance ratio computed), then β. Returns the
/// number of cutpoint proposals accepted.
fn item_pass(m: &Model, c: &mut Chain, seed: u64, k: usize, bprec: f64, sigma: f64) -> usize {
    let data = &m.data;
    let np = data.n_params();
    let mut z = std::mem::take(&mut c.z);
    // Blocks of items own contiguous stretches of z.
    let mut parts: Vec<&mut [f64]> = Vec::new();
    let res = {
        let mut rest: &mut [f64] = &mut z;
        let mut at = 0usize;
        for b0 in (0..np).step_by(BLOCK) {
            let end = data.p_start[(b0 + BLOCK).min(np)] as usize;
            let (head, tail) = rest.split_at_mut(end - at);
            parts.push(head);
            rest = tail;
            at = end;
        }
        let c = &*c;
        let res: Vec<Vec<(f64, f64, f64, bool)>> = parts
            .into_par_iter()
            .enumerate()
            .map(|(bi, zs)| {
                let mut r = rng(seed, k, 2, bi);
                let p0 = bi * BLOCK;
                let base = data.p_start[p0] as usize;
                let mut probs: Vec<(f64, f64, f64, f64)> = Vec::new();
                let mut out = Vec::with_capacity(BLOCK);
                for p in p0..(p0 + BLOCK).min(np) {
                    let (g1, g2) = (c.g1[p], c.g2[p]);
                    let u1 = unif(&mut r);
                    let c1 = g1
                        + sigma
                            * qnorm(
                                u1 * normal::cdf((g2 - g1) / sigma)
                                    + normal::cdf((-CUT - g1) / sigma) * (1.0 - u1),
                            );
                    let u2 = unif(&mut r);
                    let c2 = g2
                        + sigma
                            * qnorm(
                                u2 * normal::cdf((CUT - g2) / sigma)
                                    + normal::cdf((c1 - g2) / sigma) * (1.0 - u2),
                            );
                    let accept_u = unif(&mut r);
                    let valid = c1.is_finite() && c2.is_finite() && c1 <= c2;
                    let beta = c.beta[p];
                    let obs = data.param_obs(p);
                    probs.clear();
                    // The likelihood ratio as a running product, its log taken only
                    // when it nears the ends of the double range: one logarithm per
                    // item instead of one per vote.
                    let mut ln_r = 0.0f64;
                    let mut ratio = 1.0f64;
                    for &(u, y) in obs {
                        let eta = beta * c.theta[u as usize];
                        let (lo, hi) = ends(y, g1, g2);
                        let (a0, b0) = (normal::cdf_fast(lo - eta), normal::cdf_fast(hi - eta));
                        let (a1, b1) = if valid {
                            let (lo, hi) = ends(y, c1, c2);
                            (normal::cdf_fast(lo - eta), normal::cdf_fast(hi - eta))
                        } else {
                            (a0, b0)
                        };
                        let (num, den) = (b1 - a1, b0 - a0);
                        if !(num == 0.0 && den == 0.0) {
                            ratio *= num / den;
                            if !(1e-250..=1e250).contains(&ratio) {
                                ln_r += ratio.ln();
                                ratio = 1.0;
                            }
                        }
                        probs.push((a0, b0, a1, b1));
                    }
                    ln_r += ratio.ln();
                    ln_r += (1.0 - normal::cdf((c1 - g2) / sigma)).ln()
                        - (1.0 - normal::cdf((g1 - c2) / sigma)).ln();
                    let ok = valid && (ln_r.is_nan() || accept_u.ln() < ln_r);
                    // Latent utilities, then β.
                    let s0 = data.p_start[p] as usize - base;
                    let (mut stt, mut stz) = (0.0, 0.0);
                    for (j, (&(u, _), &(a0, b0, a1, b1))) in obs.iter().zip(&probs).enumerate() {
                        let t = c.theta[u as usize];
                        let (a, b) = if ok { (a1, b1) } else { (a0, b0) };
                        let z = latent(beta * t, a, b, &mut r);
                        zs[s0 + j] = z;
                        stt += t * t;
                        stz += t * z;
                    }
                    let v = 1.0 / (stt + bprec);
                    let nb = v * stz + v.sqrt() * std_normal(&mut r);
                    let (n1, n2) = if ok { (c1, c2) } else { (g1, g2) };
                    out.push((nb, n1, n2, ok));
                }
                out
            })
            .collect();
        res
    };
    let mut n = 0;
    let mut p = 0;
    for block in res {
        for (b, a1, a2, ok) in block {
            c.beta[p] = b;
            c.g1[p] = a1;
            c.g2[p] = a2;
            n += usize::from(ok);
            p += 1;
        }
    }
    debug_assert_eq!(p, np);
    c.z = z;
    n
}
