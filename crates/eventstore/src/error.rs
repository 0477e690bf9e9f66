//! One error type for the event store.

use std::path::PathBuf;

/// What went wrong importing or querying events.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// An event file is unreadable, or (strict) has a malformed row.
    #[error(transparent)]
    Events(#[from] multipolar_events::EventError),
    /// The data directory's manifest or files.
    #[error(transparent)]
    Data(#[from] multipolar_data::DataError),
    /// Writing Parquet.
    #[error("writing parquet: {0}")]
    Parquet(#[from] parquet::errors::ParquetError),
    /// Planning or running a query.
    #[error("query: {0}")]
    Query(#[from] datafusion::error::DataFusionError),
    /// A problem with the store itself.
    #[error("{0}")]
    Store(String),
    /// An operating-system error on a path of the data directory.
    #[error("{}: {source}", path.display())]
    Io {
        /// The path involved.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
}

impl StoreError {
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> StoreError {
        StoreError::Io {
            path: path.into(),
            source,
        }
    }
}

/// Result with [`StoreError`].
pub type Result<T, E = StoreError> = std::result::Result<T, E>;
