//! Trains the CAMEO penta-class head and writes `penta-head.json` into the model directory:
//!
//! ```text
//! cargo run --release -p multipolar-embed --example penta_train -- [MODEL_DIR] [SHARED_EVENTS_DIR]
//! ```
//!
//! Data: the ConfliBERT CAMEO sentences outside the fixed held-out 20 %
//! (`multipolar_coder::eval::held_out`); prints the cross-validation and held-out figures.
use std::path::PathBuf;
use std::time::Instant;

use multipolar_coder::{Coder, eval};
use multipolar_embed::{Embedder, PENTA_FILE, PentaHead};

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
    let t = Instant::now();
    let mut embedder = Embedder::load(&dir)?;
    embedder.set_max_tokens(128)?;
    let path = shared.join("conflibert-cameo/cameo_class_train.tsv");
    let sentences = eval::read_conflibert_class(
        "cameo_class_train.tsv",
        &std::fs::read_to_string(&path).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?,
    )?;
    let head = PentaHead::train(&embedder, &Coder::bundled()?, &sentences)?;
    let ev = &head.evaluation;
    for (l2, acc) in &ev.cv_accuracy {
        println!(
            "5-fold CV on {} training sentences, L2 {l2:e}: accuracy {acc:.3}",
            ev.train_n
        );
    }
    println!(
        "held-out ({} sentences, L2 {:e}): penta-class accuracy {:.3}; coop/conflict polarity {:.3} of {}",
        ev.test_n, ev.l2, ev.accuracy, ev.polarity_accuracy, ev.polar_n
    );
    println!(
        "confusion (rows gold 0-4, columns predicted): {:?}",
        ev.confusion
    );
    let out = dir.join(PENTA_FILE);
    head.save(&out)?;
    println!(
        "wrote {} in {:.0} s",
        out.display(),
        t.elapsed().as_secs_f64()
    );
    Ok(())
}
