//! Dyadic UN voting alignment: every pair of states, every period, every measure.
//!
//! # Brief overview
//!
//! A [`Selection`] says which roll calls count (period unit, years, issues, important
//! votes, amendment/paragraph and unanimous votes) and groups them into
//! [`PeriodSet`]s. For each period a [`PeriodMatrix`] stores each state's votes as bit
//! sets, so a dyad's 3×3 table of joint votes ([`DyadPeriod`]) is nine popcounts; the
//! measures themselves (`multipolar-measures`) are pure functions of that table.
//! [`explain`] lists the roll calls behind a number and [`bootstrap`] gives seeded
//! percentile intervals by resampling roll calls.
//!
//! ```no_run
//! use multipolar_align::{all_dyads, Selection};
//! use multipolar_measures::Measure;
//! let votes = multipolar_data::unvotes::bundled()?;
//! let rows = all_dyads(&votes, &Selection::default());
//! let agree = rows[0].value(Measure::HalfCredit);
//! # Ok::<(), multipolar_data::DataError>(())
//! ```
#![deny(missing_docs)]

pub mod bootstrap;
mod dyads;
pub mod explain;
mod matrix;
mod select;

pub use dyads::{DyadPeriod, all_dyads, dyads, pooled, votes_cast, with_all};
pub use matrix::PeriodMatrix;
pub use select::{PeriodSet, PeriodUnit, Selection};
