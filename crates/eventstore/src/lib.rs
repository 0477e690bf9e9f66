//! The event store: imported events as month-partitioned Parquet, queried with Apache
//! DataFusion.
//!
//! # Brief overview
//!
//! * [`import::import`] streams event files ([`multipolar_events::EventReader`]) into
//!   `events-<sha8>/month=YYYY-MM.parquet` in the data directory and records them in
//!   `manifest.json` under the dataset `events`, atomically (see [`import`]).
//! * [`fetch::fetch_gdelt`] downloads GDELT's event exports from its published list,
//!   checks each against its MD5, and imports them in atomic batches, skipping what
//!   an earlier run imported.
//! * [`EventStore`] registers every Parquet table of the data directory on one
//!   DataFusion session: `events`, and imported UN votes (`roll_calls`, `ballots`).
//!   [`EventStore::sql`] runs any SQL; [`EventStore::dyad_series`] the dyadic series
//!   ([`dyad_series_sql`]: counts by quad class and PLOVER type, Goldstein sum and
//!   mean, both directions, per day, week or month, optionally weighted by GDELT
//!   mentions).
//! * [`to_frame`] turns results into an output frame.
//!
//! # Why DataFusion, and only here
//!
//! GDELT adds about 300,000 events a day; a few years of it outgrow one machine. The
//! plans here are plain SQL over Parquet, which DataFusion runs in-process today and
//! Ballista can run on a cluster unchanged. Keeping DataFusion in this one crate keeps
//! its build time and dependencies away from the rest of the workspace.
#![deny(missing_docs)]

mod error;
pub mod fetch;
mod frame;
pub mod import;
mod query;
mod schema;

pub use error::{Result, StoreError};
pub use frame::to_frame;
pub use import::{FetchedSource, ImportError, ImportOptions, ImportReport, Input, Progress};
pub use query::{
    DyadQuery, EventStore, MONTHLY_DYADS_SQL, PLOVER_TYPES, Period, Weight, dyad_series_sql,
};
pub use schema::schema;
