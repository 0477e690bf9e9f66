//! Trains the PLOVER event-type head and writes `plover-head.json` into the model directory:
//!
//! ```text
//! cargo run --release -p multipolar-embed --example embed_train -- [MODEL_DIR] [SHARED_EVENTS_DIR]
//! ```
//!
//! `SHARED_EVENTS_DIR` defaults to `../shared/events` (the one beside the work tree).
//! Prints the held-out evaluation (1-in-5 split) before refitting on all the data.
use std::path::PathBuf;
use std::time::Instant;

use multipolar_embed::{
    Embedder, HEAD_FILE, PloverHead, Subsample, classifier::TrainOptions, data,
};

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let dir = args
        .next()
        .map(PathBuf::from)
        .unwrap_or_else(multipolar_embed::default_model_dir);
    let shared = args
        .next()
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("../shared/events"));
    let per_class: Option<usize> = std::env::var("PER_CLASS").ok().and_then(|s| s.parse().ok());
    let t = Instant::now();
    let mut embedder = Embedder::load(&dir)?;
    // Ledes and headlines are short; 128 tokens keeps them whole and bounds the cost.
    embedder.set_max_tokens(128)?;
    let stories =
        data::read_synthetic(&shared.join("ngec/gpt_synthetic_events_2023-10-19_19.csv.zip"))?;
    let sentences = data::read_conflibert(&shared.join("conflibert-cameo/cameo_class_train.tsv"))?;
    println!(
        "{} stories, {} ConfliBERT sentences",
        stories.len(),
        sentences.len()
    );
    let head = PloverHead::train(
        &embedder,
        &stories,
        &sentences,
        Subsample { per_class },
        TrainOptions::default(),
    )?;
    let ev = &head.evaluation;
    println!(
        "held-out: PLOVER type {:.1} % on {} first sentences (macro recall {:.1} %), {:.1} % on headlines; \
         5-way quad {:.1} % on {} ConfliBERT sentences; type/quad agreement {:.1} %",
        100.0 * ev.event_accuracy_lede,
        ev.event_n,
        100.0 * ev.event_macro_recall_lede,
        100.0 * ev.event_accuracy_headline,
        100.0 * ev.quad_accuracy,
        ev.quad_n,
        100.0 * ev.event_quad_agreement
    );
    for (label, n, ok) in &ev.event_per_type {
        println!("  {label:<10} {ok:>4}/{n:<4}");
    }
    let path = dir.join(HEAD_FILE);
    head.save(&path)?;
    println!(
        "wrote {} ({} examples) in {:.0} s",
        path.display(),
        head.examples,
        t.elapsed().as_secs_f64()
    );
    Ok(())
}
