//! Event data for multipolar: who did what to whom, from GDELT, ICEWS and POLECAT.
//!
//! # Brief overview
//!
//! Every source is read into one record, [`Event`]: the day, the source and target
//! [`Actor`]s (country resolved with the [`multipolar_countries`] registry, CAMEO actor
//! code, sector), the CAMEO event code with its root, quad class and Goldstein score,
//! the PLOVER event type and mode, the [`Channel`] (security, economic, diplomatic),
//! mentions and sources where the format has them, the URL or story id, and the
//! [`Origin`] dataset.
//!
//! * [`EventReader`] streams GDELT 1.0 (57/58 columns), GDELT 2.0 (61 columns), ICEWS
//!   (20 columns, or the 22-column CSV of the `icews` R package) and POLECAT (40
//!   columns, PLOVER-coded) files, plain, gzip or zip as published, and the JSON Lines
//!   of `multipolar code`, in bounded memory. A malformed row is an
//!   [`EventError::Row`] naming file, line and field; the caller counts it or stops
//!   (`--strict`).
//! * [`cameo`] holds the CAMEO code table (Goldstein, quad class, PLOVER) and
//!   [`channel`] the documented channel rules.
//!
//! ```no_run
//! use multipolar_events::EventReader;
//! let mut kept = 0;
//! for ev in EventReader::open("20160728.export.CSV.zip".as_ref())? {
//!     match ev {
//!         Ok(_) => kept += 1,
//!         Err(e) if e.is_row() => eprintln!("skipped: {e}"),
//!         Err(e) => return Err(e),
//!     }
//! }
//! # Ok::<(), multipolar_events::EventError>(())
//! ```
//!
//! Data shipped in `data/` (CAMEO, PLOVER, text_to_CAMEO tables) is described, with its
//! licences, in `data/PROVENANCE.md`.
#![deny(missing_docs)]

pub mod cameo;
pub mod channel;
mod coded;
mod error;
mod event;
mod gdelt;
mod icews;
mod polecat;
mod reader;

pub use channel::Channel;
pub use error::{EventError, Result};
pub use event::{Actor, Event, Origin};
pub use reader::{Block, Blocks, EventReader, Parser};
