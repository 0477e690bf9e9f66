//! Embedding throughput on real news sentences (the ConfliBERT CAMEO training sentences):
//!
//! ```text
//! cargo run --release -p multipolar-embed --example embed_bench -- [MODEL_DIR] [TSV] [N]
//! ```
//!
//! Prints sentences/s for batch sizes 32 and 1 (one warm-up pass first).
use std::time::Instant;

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let dir = args
        .next()
        .map(std::path::PathBuf::from)
        .unwrap_or_else(multipolar_embed::default_model_dir);
    let tsv = args
        .next()
        .unwrap_or_else(|| "../shared/events/conflibert-cameo/cameo_class_train.tsv".into());
    let n: usize = args.next().map(|s| s.parse()).transpose()?.unwrap_or(1000);
    let text = std::fs::read_to_string(&tsv)?;
    let sentences: Vec<&str> = text
        .lines()
        .filter_map(|l| l.split('\t').next())
        .filter(|s| !s.trim().is_empty())
        .take(n)
        .collect();
    let mut e = multipolar_embed::Embedder::load(&dir)?;
    let tokens: usize = sentences
        .iter()
        .map(|s| e.token_ids(s).map(|t| t.len()))
        .sum::<Result<usize, _>>()?;
    println!(
        "{} sentences, mean {:.1} tokens, threads {}",
        sentences.len(),
        tokens as f64 / sentences.len() as f64,
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    e.embed(&sentences[..sentences.len().min(64)])?; // warm-up
    for batch in [32, 8, 1] {
        e.set_batch_size(batch);
        let subset = if batch == 1 {
            &sentences[..sentences.len().min(200)]
        } else {
            &sentences[..]
        };
        let t = Instant::now();
        let v = e.embed(subset)?;
        let secs = t.elapsed().as_secs_f64();
        assert_eq!(v.len(), subset.len());
        println!(
            "batch {batch:>2}: {} sentences in {secs:.2} s = {:.0} sentences/s",
            subset.len(),
            subset.len() as f64 / secs
        );
    }
    Ok(())
}
