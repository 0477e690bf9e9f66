//! Dyadic similarity measures for state alignment, as pure functions.
//!
//! Given how two states acted on the same set of observations — UN General
//! Assembly roll calls, or alliance ties to third states — this crate says how
//! alike they are, under each convention the literature uses: percent agreement
//! (four incompatible variants), Signorino–Ritter S, and the chance-corrected
//! Cohen's κ and Scott's π, nominal or weighted. Every function names the
//! formula and the published source it reproduces (sections of the research
//! note `alignment.md`, §2 and §7), and returns `None` where a measure is
//! undefined rather than 0, 1 or NaN.
//!
//! # Brief overview
//!
//! * [`CrossTab`] — the k×k table of joint observations (row = level of state
//!   i, column = level of state j; 2 ≤ k ≤ [`MAX_LEVELS`]) every measure reads.
//!   [`votes`] names the UN vote levels (0 = yes, 1 = abstain, 2 = no).
//! * [`agreement`] — strict, half-credit (Voeten), Yes/No-only and State
//!   Department agreement.
//! * [`similarity`] — Signorino–Ritter S from a table, and weighted S from raw
//!   level vectors (the one function with invalid-input errors,
//!   [`MeasureError`]).
//! * [`chance`] — Cohen's κ and Scott's π with [`chance::Weighting`].
//! * [`Measure`] — the closed list of the twelve measures the product prints,
//!   each with a stable id, a one-line convention and
//!   [`compute`](Measure::compute), which never allocates.
//!
//! # Example
//!
//! USA (rows) against Mexico (columns) in UNGA session 1, 1946 (research note
//! §7.1):
//!
//! ```
//! use multipolar_measures::{CrossTab, Measure, votes};
//!
//! let mut t = CrossTab::new(votes::LEVELS);
//! t.add(votes::YES, votes::YES, 17.0);
//! t.add(votes::YES, votes::ABSTAIN, 2.0);
//! t.add(votes::YES, votes::NO, 5.0);
//! t.add(votes::ABSTAIN, votes::NO, 2.0);
//! t.add(votes::NO, votes::YES, 9.0);
//! t.add(votes::NO, votes::ABSTAIN, 1.0);
//! t.add(votes::NO, votes::NO, 2.0);
//!
//! let agree = Measure::HalfCredit.compute(&t).unwrap();
//! assert!((agree - 0.565789).abs() < 1e-6);
//! let kvotev: Measure = "kappa".parse()?;
//! assert!((kvotev.compute(&t).unwrap() - -0.012227).abs() < 1e-6);
//! // Undefined, not zero: nothing to compare.
//! assert_eq!(Measure::KappaQuad.compute(&CrossTab::new(3)), None);
//! # Ok::<(), multipolar_measures::MeasureError>(())
//! ```
//!
//! # Why a separate crate
//!
//! The science has no I/O and no dependencies, so it builds and tests in
//! seconds, can be checked against published numbers in isolation, and is
//! shared unchanged by the data, alignment and output crates (and later
//! language bindings) without pulling Arrow or any other heavy dependency
//! into them.

#![deny(missing_docs)]

pub mod agreement;
pub mod chance;
mod crosstab;
pub mod dependence;
mod error;
mod measure;
pub mod similarity;
pub mod votes;

pub use crosstab::{CrossTab, MAX_LEVELS};
pub use error::MeasureError;
pub use measure::Measure;
