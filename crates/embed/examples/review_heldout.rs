//! Held-out scores of both modes, dictionary only and dictionary reviewed by the
//! penta-class classifier, on the fixed splits (shared/events is read here only):
//!
//! ```text
//! cargo run --release -p multipolar-embed --example review_heldout -- [MODEL_DIR] [SHARED_EVENTS_DIR]
//! ```
//!
//! * ConfliBERT CAMEO: the held-out 20 % (`fnv1a(text) % 5 == 0`), actors from the NER file;
//! * CAMEO codebook examples (andybega/icews `cameo-codes.csv`), none used in training;
//! * NGEC synthetic PLOVER stories: first sentences of the held-out 20 % of headline
//!   templates (as `embed_train` splits them), gold class = the PLOVER type's quad.
//!
//! Reviewed mode drops vetoed events and replaces a corrected event's class; the
//! sentence-level line scores the classifier's own class for every sentence.
use std::path::PathBuf;

use multipolar_coder::eval::{self, Labelled, Tally};
use multipolar_coder::{Coder, Event, Story};
use multipolar_embed::{Reviewer, Verdict, data};

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
    let read = |p: &str| std::fs::read_to_string(shared.join(p));
    let mut conf = eval::read_conflibert_class(
        "cameo_class_train.tsv",
        &read("conflibert-cameo/cameo_class_train.tsv")?,
    )?;
    eval::add_conflibert_actors(
        &mut conf,
        "cameo_ner_train.txt",
        &read("conflibert-cameo/cameo_ner_train.txt")?,
    )?;
    conf.retain(|r| eval::held_out(&r.text));
    let cameo = eval::read_cameo_examples("cameo-codes.csv", &read("icews/cameo-codes.csv")?)?;
    let stories =
        data::read_synthetic(&shared.join("ngec/gpt_synthetic_events_2023-10-19_19.csv.zip"))?;
    let (synth, synth_types): (Vec<Labelled>, Vec<String>) = stories
        .iter()
        .filter(|s| data::held_out(&s.template))
        .filter_map(|s| {
            let q = data::plover_quad(&s.label)?;
            Some((
                Labelled {
                    text: s.lede.clone(),
                    class: q,
                    cameo: None,
                    source: Vec::new(),
                    target: Vec::new(),
                },
                s.label.clone(),
            ))
        })
        .unzip();
    let coder = Coder::bundled()?;
    let reviewer = Reviewer::load(&dir)?;
    for (name, set) in [
        ("ConfliBERT held-out", &conf),
        ("CAMEO codebook examples", &cameo),
        ("synthetic PLOVER held-out", &synth),
    ] {
        let events: Vec<Vec<Event>> = set
            .iter()
            .map(|r| {
                coder
                    .code(Story {
                        id: "h",
                        date: None,
                        text: &r.text,
                    })
                    .events
            })
            .collect();
        let refs: Vec<&[Event]> = events.iter().map(Vec::as_slice).collect();
        let texts: Vec<&str> = set.iter().map(|r| r.text.as_str()).collect();
        let preds = reviewer.classify(&texts, &refs)?;
        let (mut dict, mut reviewed, mut sentence) =
            (Tally::default(), Tally::default(), Tally::default());
        let mut verdicts = [0usize; 3];
        // Cooperation-vs-conflict by probability mass, on cooperation/conflict sentences.
        let (mut mass_n, mut mass_ok) = (0usize, 0usize);
        for ((r, ev), p) in set.iter().zip(&events).zip(&preds) {
            dict.add(r, ev);
            let mut kept: Vec<Event> = Vec::new();
            let mut classes = Vec::new();
            for e in ev {
                let rv = p.review(e);
                verdicts[rv.verdict as usize] += 1;
                match rv.verdict {
                    Verdict::Vetoed => {}
                    Verdict::Confirmed => {
                        kept.push(e.clone());
                        classes.push(eval::penta(&e.cameo));
                    }
                    Verdict::Corrected => {
                        kept.push(e.clone());
                        classes.push(Some(rv.class));
                    }
                }
            }
            let mut t = Tally::default();
            t.add(r, &kept);
            // Same actors as the kept events; classes after correction.
            reviewed.actor_coded += t.actor_coded;
            reviewed.actors_right += t.actors_right;
            reviewed.add_classes(r, &classes, classes.first().copied());
            sentence.add_classes(r, &[], Some(Some(p.class().0)));
            if r.class > 0 {
                let (coop, conflict) = p.polarity_mass();
                mass_n += 1;
                mass_ok += usize::from((coop > conflict) == (r.class < 3));
            }
        }
        println!("{name}: {} sentences", dict.records);
        for (mode, t) in [("dictionary", &dict), ("reviewed", &reviewed)] {
            println!(
                "  {mode:<10} coded {:5.1} % | class right {:5.1} % of coded, {:5.1} % of all | polarity {:5.1} % of {} | actors {:5.1} % of {} | events {} | spurious {:.2}/sentence | opposite polarity {:.3}/sentence",
                100.0 * t.coverage(),
                100.0 * t.type_precision(),
                100.0 * t.type_accuracy(),
                100.0 * t.polarity_precision(),
                t.polar_coded,
                100.0 * t.actor_precision(),
                t.actor_coded,
                t.events,
                t.spurious_per_record(),
                t.opposite_per_record()
            );
        }
        println!(
            "  classifier, every sentence: class right {:5.1} %, coop/conflict polarity {:5.1} % of {mass_n} by probability mass ({:5.1} % by the argmax class, where a statement counts as wrong); reviews: {} confirmed, {} corrected, {} vetoed",
            100.0 * sentence.type_accuracy(),
            100.0 * mass_ok as f64 / mass_n.max(1) as f64,
            100.0 * sentence.polarity_precision(),
            verdicts[0],
            verdicts[1],
            verdicts[2]
        );
        if std::ptr::eq(set, &synth) {
            let ok = events
                .iter()
                .zip(&synth_types)
                .filter(|(ev, l)| {
                    ev.first().and_then(|e| e.plover_event.as_deref()) == Some(l.as_str())
                })
                .count();
            let coded = events.iter().filter(|e| !e.is_empty()).count();
            println!(
                "  dictionary PLOVER type right: {ok} of {coded} coded ({:.1} %)",
                100.0 * ok as f64 / coded.max(1) as f64
            );
        }
        if name.starts_with("CAMEO") {
            println!(
                "  dictionary CAMEO root right: {} of {} coded",
                dict.root_right, dict.coded
            );
        }
    }
    Ok(())
}
