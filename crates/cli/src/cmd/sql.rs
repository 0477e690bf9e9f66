//! `multipolar sql`: SQL over every Parquet table of the data directory.

use std::path::PathBuf;

use anyhow::{Result, bail};
use multipolar_data::store::Store;
use multipolar_eventstore::{EventStore, to_frame};

use crate::args::SqlArgs;
use crate::common;

pub fn run(data_dir: &Option<PathBuf>, a: SqlArgs) -> Result<()> {
    let dir = data_dir.clone().unwrap_or_else(Store::default_dir);
    let store = EventStore::open(&dir)?;
    if store.tables().is_empty() {
        bail!(
            "no tables in {}; import some with `multipolar events import` or `multipolar data import`",
            dir.display()
        );
    }
    let frame = to_frame(&store.sql(&a.query)?)?;
    common::emit(&frame, &a.out)
}
