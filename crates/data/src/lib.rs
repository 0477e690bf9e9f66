//! Validated, typed tables for multipolar, and the data directory that stores imports.
//!
//! # Brief overview
//!
//! Datasets arrive as CSV (bundled with the product or imported by the user). A reader
//! validates every row and builds a typed table; a bad row stops the read with a
//! [`DataError`] naming the file, line and field, so no partial table ever exists.
//!
//! * [`VoteTable`] holds UN General Assembly roll calls ([`RollCall`]) and the
//!   [`Ballot`]s cast on each, with countries already resolved to
//!   [`multipolar_countries::CountryId`].
//! * [`unvotes::bundled`] reads the Voeten 1946–2020 data shipped in
//!   `multipolar-datasets`; [`unvotes::read_unvotes`] reads the same layout from files;
//!   [`undl::read_undl`] reads the UN Digital Library's bulk voting CSV.
//! * [`store::Store`] is the data directory: imports as Parquet plus a manifest of
//!   sources and checksums, replaced atomically; [`fetch`] downloads updates, checked
//!   against published MD5s, and [`gdelt`] reads GDELT's lists of event files.
//!
//! ```no_run
//! let votes = multipolar_data::unvotes::bundled()?;
//! assert!(votes.roll_calls().len() > 6000);
//! # Ok::<(), multipolar_data::DataError>(())
//! ```
//!
//! This crate is the only one that reads files; measures (`multipolar-measures`) never
//! do I/O, which keeps the science testable without fixtures on disk.
#![deny(missing_docs)]

pub mod csvsrc;
mod error;
pub mod fetch;
pub mod gdelt;
pub mod parquet_votes;
pub mod store;
pub mod undl;
pub mod unvotes;
pub mod votes;

pub use error::{DataError, Result};
pub use votes::{Ballot, Issue, IssueSet, Origin, RollCall, Vote, VoteTable};
