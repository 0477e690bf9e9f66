//! One error type for event files, carrying where the problem is.

use std::path::PathBuf;

/// What went wrong while reading an event file.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum EventError {
    /// One row is malformed (wrong field count, bad date, unknown code…); the rest of
    /// the file is still readable, so importers count these unless strict.
    #[error("{path}:{line}: {msg}")]
    Row {
        /// File being read.
        path: String,
        /// 1-based line of the row.
        line: u64,
        /// What is wrong, quoting the value.
        msg: String,
    },
    /// The file as a whole is unusable (unknown layout, truncated archive…).
    #[error("{path}: {msg}")]
    File {
        /// File being read.
        path: String,
        /// What is wrong.
        msg: String,
    },
    /// An operating-system error opening a file.
    #[error("{}: {source}", path.display())]
    Io {
        /// The path involved.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
}

impl EventError {
    /// Whether only one row is bad (reading can go on).
    pub fn is_row(&self) -> bool {
        matches!(self, EventError::Row { .. })
    }
}

/// Result with [`EventError`].
pub type Result<T, E = EventError> = std::result::Result<T, E>;
