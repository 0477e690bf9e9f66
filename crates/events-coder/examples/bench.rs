//! Dictionary-mode throughput on a realistic corpus: the ConfliBERT CAMEO training
//! sentences (shared/events/conflibert-cameo, read at bench time only), coded with the
//! bundled dictionaries on one thread. Run: `cargo run --release -p multipolar-coder --example bench`.
use std::time::Instant;

use multipolar_coder::{Coder, Story};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/events/conflibert-cameo/cameo_class_train.tsv"
    );
    let text = std::fs::read_to_string(path)?;
    let docs: Vec<&str> = text
        .lines()
        .filter_map(|l| l.rsplit_once('\t').map(|(t, _)| t))
        .collect();
    let coder = Coder::bundled()?;
    let (mut sentences, mut events) = (0usize, 0usize);
    let start = Instant::now();
    let rounds: usize = std::env::var("ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(20);
    for _ in 0..rounds {
        for d in &docs {
            let c = coder.code(Story {
                id: "b",
                date: Some(20200101),
                text: d,
            });
            sentences += c.sentences;
            events += c.events.len();
        }
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{} docs x {rounds}: {sentences} sentences, {events} events in {secs:.2} s = {:.0} sentences/s (1 thread), peak RSS {}",
        docs.len(),
        sentences as f64 / secs,
        peak_rss()
    );
    Ok(())
}

/// Peak resident memory of this process (`VmHWM` in /proc/self/status, Linux).
fn peak_rss() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .map(|l| l["VmHWM:".len()..].trim().to_string())
        })
        .unwrap_or_else(|| "unknown".into())
}
