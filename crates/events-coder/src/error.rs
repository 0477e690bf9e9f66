//! One error type for the crate, carrying where a dictionary problem is.

use std::path::PathBuf;

/// What went wrong reading dictionaries, tables, suites or input.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A problem at a line of a named file, e.g. `verbs.txt: line 12: ...`.
    #[error("{file}: line {line}: {message}")]
    Line {
        /// File name (or label for bundled data).
        file: String,
        /// 1-based line number.
        line: usize,
        /// What is wrong, quoting the offending text.
        message: String,
    },
    /// A file could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// A validation suite or input record is malformed.
    #[error("{0}")]
    Format(String),
}

impl Error {
    /// Builds a line-located error.
    pub(crate) fn line(file: &str, line: usize, message: impl Into<String>) -> Self {
        Error::Line {
            file: file.to_string(),
            line,
            message: message.into(),
        }
    }

    /// Wraps an I/O error with its path.
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

/// Result alias for this crate.
pub type Result<T> = std::result::Result<T, Error>;
