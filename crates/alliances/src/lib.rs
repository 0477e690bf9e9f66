//! Alliance portfolio similarity for every dyad-year 1816–2018, and system polarity.
//!
//! Two states with the same allies stand in the same place; this crate measures how
//! alike two states' alliance portfolios are, with the eleven measures of
//! peacesciencer's FPSIM data (`sallyvus sallyvua sallybus sallybua sallyvwa sallybwa
//! pallyv pallyb kallyv kallyb taub`; research note §2.2–2.5): Signorino–Ritter S
//! (valued or binary, absolute or squared, unweighted or weighted by each third
//! state's CINC), Scott's π, Cohen's κ and Kendall's τ_b. It also gives the
//! concentration of capabilities among the major powers (Ray & Singer's CON) and the
//! effective number of poles (§5.2).
//!
//! # Brief overview
//!
//! * [`Ties`] — directed, valued ties per year: bundled ATOP v5.1
//!   ([`Ties::bundled_atop`]) or the user's own COW v4.1 file ([`read_cow`]), which
//!   is not bundled at its maintainer's request. Readers reject bad rows with file,
//!   line and field, and report ([`TieReport`]) what they keep but must not hide:
//!   valued levels that differ by direction, rows with no obligation, skipped rows.
//! * [`Capabilities`] (COW NMC v7 CINC), [`Majors`] (COW major powers),
//!   [`Polarity`], [`con`], [`effective_poles`].
//! * [`YearPortfolios`] — one year's portfolios over the COW [`system`] (members on
//!   at least one day of the year), self-ties at level 3; [`pair`](YearPortfolios::pair)
//!   for one dyad, [`all`](YearPortfolios::all) for every dyad.
//!   [`all_dyad_years`] runs 1816–2018 in parallel, about a second on two cores.
//! * [`AllyMeasure`] names the measures (FPSIM ids); [`Scores`] holds one dyad's;
//!   [`tau_b`] computes Kendall's τ_b from a contingency table in O(1) of n.
//!
//! # Conventions (fpsim `1-fpsim-alliances.R`, peacesciencer)
//!
//! * Valued ATOP levels: 3 = defense/offense, 2 = neutrality/consultation, 1 =
//!   non-aggression only, 0 = none; binary = level ≥ 1. State i's portfolio is
//!   its own (ccode1) rows, so where ATOP codes different obligations in the two
//!   directions each state keeps its own.
//! * S: `1 − 2·Σ δ_k / (n·d_max^p)`, d_max = 3 valued, 1 binary; weighted S uses
//!   absolute distances and leaves out k without CINC (fpsim `srs`).
//! * π nominal (fpsim's own computation); κ valued with quadratic weights over the
//!   full levels 0..3, κ binary nominal (psych `cohen.kappa` "weighted", as fpsim
//!   calls it). DIFFERENCE: psych weights over the levels observed in the dyad;
//!   multipolar always uses 0..3 (research note §2.3), so dyads that use only some
//!   levels can differ from FPSIM's `kallyv`.
//! * Undefined values are `None`, never 0.
//!
//! # Example
//!
//! ```
//! use multipolar_alliances::{AllyMeasure, Capabilities, Tie, Ties, TieSource, YearPortfolios};
//!
//! // 2 and 20 have a defense pact; 200 has no ally (portfolios over {2, 20, 200}):
//! // 2 = (3, 3, 0), 20 = (3, 3, 0), 200 = (0, 0, 3).
//! let ties = Ties::from_parts(TieSource::Atop, [
//!     (1950, Tie { from: 2, to: 20, level: 3 }),
//!     (1950, Tie { from: 20, to: 2, level: 3 }),
//! ]);
//! let caps = Capabilities::default();
//! let y = YearPortfolios::new(1950, vec![2, 20, 200], ties.year(1950), &caps);
//! let s = y.pair(2, 20).unwrap();
//! assert_eq!(s.get(AllyMeasure::SValuedAbsolute), Some(1.0));
//! // 2 vs 200: |d| = 3, 3, 3, so S = 1 − 2·9/(3·3) = −1.
//! assert_eq!(y.pair(2, 200).unwrap().get(AllyMeasure::SValuedAbsolute), Some(-1.0));
//! // No CINC at all: the weighted S is undefined, not 0.
//! assert_eq!(s.get(AllyMeasure::SValuedWeighted), None);
//! ```
//!
//! # Why a separate crate
//!
//! Alliances need their own data (ATOP, NMC, majors), readers and a dense per-year
//! engine unlike the UN-vote one; the measures themselves come from
//! `multipolar-measures`, so S, κ and π mean the same thing on votes and alliances.

#![deny(missing_docs)]

mod capabilities;
mod measure;
mod portfolio;
mod ties;

pub use capabilities::{
    Capabilities, Majors, Polarity, con, effective_poles, read_majors, read_nmc,
};
pub use measure::{AllyMeasure, Scores, tau_b};
pub use portfolio::{DyadScores, YEARS, YearPortfolios, all_dyad_years, system};
pub use ties::{Tie, TieReport, TieSource, Ties, read_atop, read_cow, read_cow_bytes};
