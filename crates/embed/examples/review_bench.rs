//! Throughput of the reviewed mode (dictionary coder, then the penta-class head on
//! every coded sentence, as `multipolar code --embed` does) on real news sentences, the
//! ConfliBERT CAMEO training sentences:
//!
//! ```text
//! cargo run --release -p multipolar-embed --example review_bench -- [MODEL_DIR] [TSV] [N]
//! ```
//!
//! Prints sentences/s over all N sentences (those with no event are not classified) and
//! the peak resident memory.
use std::time::Instant;

use multipolar_coder::{Coder, Event, Story};
use multipolar_embed::Reviewer;

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
        .filter_map(|l| l.rsplit_once('\t').map(|(t, _)| t))
        .take(n)
        .collect();
    let coder = Coder::bundled()?;
    let reviewer = Reviewer::load(&dir)?;
    let run = |s: &[&str]| -> anyhow::Result<(usize, usize)> {
        let events: Vec<Vec<Event>> = s
            .iter()
            .map(|t| {
                coder
                    .code(Story {
                        id: "b",
                        date: None,
                        text: t,
                    })
                    .events
            })
            .collect();
        let (coded, ev): (Vec<&str>, Vec<&[Event]>) = s
            .iter()
            .zip(&events)
            .filter(|(_, e)| !e.is_empty())
            .map(|(t, e)| (*t, e.as_slice()))
            .unzip();
        let preds = reviewer.classify(&coded, &ev)?;
        let vetoed = ev
            .iter()
            .zip(&preds)
            .flat_map(|(e, p)| e.iter().map(|x| p.review(x)))
            .filter(|r| r.verdict == multipolar_embed::Verdict::Vetoed)
            .count();
        Ok((coded.len(), vetoed))
    };
    run(&sentences[..sentences.len().min(64)])?; // warm-up
    let t = Instant::now();
    let (coded, vetoed) = run(&sentences)?;
    let secs = t.elapsed().as_secs_f64();
    let rss = std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .map(|l| l["VmHWM:".len()..].trim().to_string())
        })
        .unwrap_or_else(|| "unknown".into());
    println!(
        "{} sentences ({coded} with events reviewed, {vetoed} events vetoed) in {secs:.2} s = {:.0} sentences/s, threads {}, peak RSS {rss}",
        sentences.len(),
        sentences.len() as f64 / secs,
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    Ok(())
}
