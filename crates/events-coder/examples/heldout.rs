//! Dictionary-mode scores on the fixed held-out splits (read from shared/events at run
//! time; the product never reads it):
//!
//! ```text
//! cargo run --release -p multipolar-coder --example heldout -- [SHARED_EVENTS_DIR] [train|test|all]
//! ```
//!
//! ConfliBERT CAMEO sentences (the `eval::held_out` 20 %, actors from the NER file) and
//! the CAMEO codebook examples (all 311, none used for training or tuning).
use multipolar_coder::eval::{self, Labelled, Tally};
use multipolar_coder::{Coder, Story};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let shared = args.next().unwrap_or_else(|| "../shared/events".into());
    let side = args.next().unwrap_or_else(|| "test".into());
    let read = |p: &str| std::fs::read_to_string(format!("{shared}/{p}"));
    let mut conf = eval::read_conflibert_class(
        "cameo_class_train.tsv",
        &read("conflibert-cameo/cameo_class_train.tsv")?,
    )?;
    eval::add_conflibert_actors(
        &mut conf,
        "cameo_ner_train.txt",
        &read("conflibert-cameo/cameo_ner_train.txt")?,
    )?;
    let keep = |r: &Labelled| match side.as_str() {
        "train" => !eval::held_out(&r.text),
        "all" => true,
        _ => eval::held_out(&r.text),
    };
    let conf: Vec<Labelled> = conf.into_iter().filter(keep).collect();
    let cameo = eval::read_cameo_examples("cameo-codes.csv", &read("icews/cameo-codes.csv")?)?;
    let coder = Coder::bundled()?;
    let verbose = std::env::var("VERBOSE").is_ok();
    for (name, set) in [("conflibert", &conf), ("cameo-manual", &cameo)] {
        let mut t = Tally::default();
        let mut confusion = [[0usize; 6]; 5];
        // CAMEO root of the main event x gold class: checks the penta convention.
        let mut roots = [[0usize; 5]; 21];
        for r in set {
            let ev = coder
                .code(Story {
                    id: "h",
                    date: Some(20180101),
                    text: &r.text,
                })
                .events;
            t.add(r, &ev);
            let got = ev
                .first()
                .and_then(|e| eval::penta(&e.cameo))
                .map_or(5, usize::from);
            confusion[usize::from(r.class)][got] += 1;
            if let Some(root) = ev
                .first()
                .and_then(|e| e.cameo.get(..2)?.parse::<usize>().ok())
            {
                roots[root.min(20)][usize::from(r.class)] += 1;
            }
            if verbose && ev.iter().any(|e| eval::penta(&e.cameo) != Some(r.class)) {
                println!("gold {} | {}", r.class, r.text);
                for e in &ev {
                    println!(
                        "    {} -> {} {} ({}) {} | {}",
                        e.source.code, e.target.code, e.cameo, e.verb, e.pattern, e.target.text
                    );
                }
            }
        }
        println!(
            "{name}: {} records, coded {:.1} %, class right {:.1} % of coded ({:.1} % of all), polarity right {:.1} % of {} coded coop/conflict, actors right {:.1} % of {}, root right {}, events {}, spurious {} ({:.2}/record), opposite polarity {} ({:.3}/record)",
            t.records,
            100.0 * t.coverage(),
            100.0 * t.type_precision(),
            100.0 * t.type_accuracy(),
            100.0 * t.polarity_precision(),
            t.polar_coded,
            100.0 * t.actor_precision(),
            t.actor_coded,
            t.root_right,
            t.events,
            t.spurious,
            t.spurious_per_record(),
            t.opposite,
            t.opposite_per_record()
        );
        println!("  confusion (rows gold 0-4, columns main event 0-4, none): {confusion:?}");
        for (root, row) in roots
            .iter()
            .enumerate()
            .filter(|(_, r)| r.iter().sum::<usize>() > 0)
        {
            println!("  main event root {root:02}: gold classes 0-4 {row:?}");
        }
    }
    Ok(())
}
