//! Dynamic ordinal ideal points from roll-call votes, in seconds.
//!
//! This crate estimates the Bailey–Strezhnev–Voeten (2017) model of UN General
//! Assembly voting: an ordered probit on Yes/Abstain/No, one position per
//! country-session following a random walk whose variance is
//! `0.5 · n_s/(n_s + n_{s−1})`, item parameters shared by bridged roll calls,
//! positions standardised with the United States on the positive side. BSV fit it
//! by MCMC overnight; here a variational EM with safeguarded Newton blocks fits it
//! in seconds and a parametric bootstrap gives the uncertainty.
//!
//! # Brief overview
//!
//! * [`Input`] — [`Unit`]s (country × session), [`Item`]s (roll calls with a
//!   linked id) and [`Obs`] (one vote: unit, item, 0 yes / 1 abstain / 2 no).
//! * [`Model::new`] checks the input against [`Options`] (defaults: BSV's priors)
//!   and indexes it; [`Model::fit`] returns an [`Estimate`] with positions, item
//!   parameters and the objective per iteration (it never decreases within the
//!   item and position steps; see [`fit`](crate::Model::fit) and the module docs
//!   of the algorithm for the convergence criterion).
//! * [`Model::sample`] runs BSV's own Markov chain from a fit and returns a
//!   [`Posterior`] (means, sds, quantiles): BSV's released estimates are posterior
//!   means, which the mode does not reproduce where votes separate perfectly.
//! * [`Model::bootstrap`] returns a [`Bootstrap`]: seeded, parallel replicates
//!   giving standard errors and percentile intervals.
//!
//! ```
//! use multipolar_ideal::{Input, Item, Model, Obs, Options, Unit};
//!
//! // Two countries over two sessions, four roll calls; country 0 votes No where
//! // country 1 votes Yes.
//! let units = vec![
//!     Unit { country: 0, session: 1 },
//!     Unit { country: 0, session: 2 },
//!     Unit { country: 1, session: 1 },
//!     Unit { country: 1, session: 2 },
//! ];
//! let items = (0..4).map(|link| Item { link }).collect();
//! let mut obs = Vec::new();
//! for item in 0..4u32 {
//!     let (a, b) = if item < 2 { (0, 2) } else { (1, 3) };
//!     obs.push(Obs { unit: a, item, y: 2 });
//!     obs.push(Obs { unit: b, item, y: 0 });
//! }
//! let input = multipolar_ideal::Input { units, items, obs };
//! let model = Model::new(&input, Options { orient: Some(0), ..Options::default() })?;
//! let est = model.fit();
//! assert!(est.theta[0] > 0.0 && est.theta[2] < 0.0);
//! # Ok::<(), multipolar_ideal::IdealError>(())
//! ```
//!
//! The crate depends on no other multipolar crate and on no Arrow: it takes plain
//! vectors, so the science builds and tests in seconds and can serve any vote data
//! (`multipolar-ideal-votes` adapts the UN vote table and BSV's exclusions).
#![deny(missing_docs)]
// Linear algebra on small dense and banded systems reads best with explicit indices.
#![allow(clippy::needless_range_loop)]

mod bootstrap;
mod chain;
mod error;
mod fit;
mod gibbs;
mod input;
mod normal;

pub use bootstrap::Bootstrap;
pub use error::IdealError;
pub use fit::{CUT_BOUND, CUT_GAP, Estimate, Iteration, Model, Options, THETA_BOUND};
pub use gibbs::{BSV_CUT_STEP, Posterior, SampleOptions, Z_BOUND};
pub use input::{Input, Item, Obs, Unit};
