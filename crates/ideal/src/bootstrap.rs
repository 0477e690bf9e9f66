//! Parametric bootstrap: uncertainty the variational fit cannot give.
//!
//! Variational variances are known to be far too small (emIRT's documentation says
//! "generally unusable"), so each replicate draws every vote afresh from the fitted
//! model (same units, roll calls and pattern of participation), refits from the
//! estimate, and standardises and orients as the fit does. The spread of a unit's
//! replicate positions is its standard error.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;

use crate::fit::{Estimate, Model};
use crate::normal;

/// Replicate positions per unit.
#[derive(Clone, Debug)]
pub struct Bootstrap {
    /// Replicates run.
    pub reps: usize,
    /// Seed used.
    pub seed: u64,
    /// Per unit (in [`crate::Input::units`] order), its replicate positions, sorted.
    pub draws: Vec<Vec<f64>>,
}

impl Bootstrap {
    /// Standard deviation of each unit's replicates.
    pub fn se(&self) -> Vec<f64> {
        self.draws
            .iter()
            .map(|d| {
                let n = d.len() as f64;
                let mean = d.iter().sum::<f64>() / n;
                (d.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / (n - 1.0).max(1.0)).sqrt()
            })
            .collect()
    }

    /// Percentile interval per unit at `level` (e.g. 0.9 for BSV's Q5–Q95), by
    /// linear interpolation between order statistics.
    pub fn interval(&self, level: f64) -> Vec<(f64, f64)> {
        let q = |d: &[f64], p: f64| {
            let h = p * (d.len() - 1) as f64;
            let (lo, hi) = (h.floor() as usize, h.ceil() as usize);
            d[lo] + (h - lo as f64) * (d[hi] - d[lo])
        };
        let a = (1.0 - level.clamp(0.0, 1.0)) / 2.0;
        self.draws
            .iter()
            .map(|d| (q(d, a), q(d, 1.0 - a)))
            .collect()
    }
}

impl Model {
    /// Runs `reps` parametric bootstrap replicates of `est` in parallel. Replicate
    /// `r` draws from ChaCha8 seeded with `seed` on stream `r`, so results do not
    /// depend on the number of threads.
    pub fn bootstrap(&self, est: &Estimate, reps: usize, seed: u64) -> Bootstrap {
        let s = &est.state;
        let data = &self.data;
        let reps_out: Vec<Vec<f64>> = (0..reps)
            .into_par_iter()
            .map(|r| {
                let mut rng = ChaCha8Rng::seed_from_u64(seed);
                rng.set_stream(r as u64);
                let mut y = Vec::with_capacity(data.u_obs.len());
                for u in 0..data.n_units() {
                    for &(p, _) in data.unit_obs(u) {
                        let p = p as usize;
                        let eta = s.beta[p] * s.m[u];
                        let x: f64 = rng.random();
                        y.push(if x < normal::cdf(s.g1[p] - eta) {
                            0
                        } else if x < normal::cdf(s.g2[p] - eta) {
                            1
                        } else {
                            2
                        });
                    }
                }
                let d = data.with_votes(&y);
                self.fit_from(&d, s.clone()).theta
            })
            .collect();
        let mut draws = vec![Vec::with_capacity(reps); est.theta.len()];
        for rep in &reps_out {
            for (u, &t) in rep.iter().enumerate() {
                draws[u].push(t);
            }
        }
        draws.iter_mut().for_each(|d| d.sort_by(f64::total_cmp));
        Bootstrap { reps, seed, draws }
    }
}
