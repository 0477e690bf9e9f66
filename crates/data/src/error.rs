//! One error type for reading and storing data, carrying where the problem is.

use std::path::PathBuf;

/// What went wrong while reading, validating or storing a dataset.
///
/// Row-level problems name the file, the line (1-based, the header is line 1) and the
/// field, so that `votes.csv.gz:48213: field "vote": unknown vote code "7"` tells the
/// user exactly where to look.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DataError {
    /// A field of one row is invalid.
    #[error("{path}:{line}: field \"{field}\": {msg}")]
    Field {
        /// File (or bundled dataset name) being read.
        path: String,
        /// 1-based line of the row.
        line: u64,
        /// Column name.
        field: String,
        /// What is wrong, quoting the value.
        msg: String,
    },
    /// A row is invalid as a whole (wrong number of fields, duplicate key, …).
    #[error("{path}:{line}: {msg}")]
    Row {
        /// File being read.
        path: String,
        /// 1-based line of the row.
        line: u64,
        /// What is wrong.
        msg: String,
    },
    /// A required column is absent from the header.
    #[error("{path}: missing column \"{column}\" (the header has: {found})")]
    MissingColumn {
        /// File being read.
        path: String,
        /// The column that is required.
        column: String,
        /// The columns that were found, comma-separated.
        found: String,
    },
    /// The file as a whole is unusable (empty, not gzip, truncated…).
    #[error("{path}: {msg}")]
    File {
        /// File being read.
        path: String,
        /// What is wrong.
        msg: String,
    },
    /// An operating-system error on a path of the data directory.
    #[error("{}: {source}", path.display())]
    Io {
        /// The path involved.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// Reading or writing Parquet failed.
    #[error("{}: {msg}", path.display())]
    Parquet {
        /// The Parquet file.
        path: PathBuf,
        /// What failed.
        msg: String,
    },
    /// The data directory's manifest or files disagree with each other.
    #[error("{0}")]
    Store(String),
}

impl DataError {
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        DataError::Io {
            path: path.into(),
            source,
        }
    }
}

/// Result alias for this crate.
pub type Result<T, E = DataError> = std::result::Result<T, E>;
