//! The CAMEO penta-class head trained on the ConfliBERT sentences outside the fixed
//! held-out 20 % and scored on that 20 % (issue #15 targets: accuracy ≥ 0.75,
//! cooperation/conflict polarity ≥ 0.9). Needs the model (skips without it, unless
//! MULTIPOLAR_REQUIRE_MODEL=1) and `shared/events`; embeds 1,349 sentences.

mod common;

use std::path::PathBuf;

use multipolar_coder::{Coder, eval};
use multipolar_embed::{Embedder, PentaHead, Reviewer, Verdict};

#[test]
fn penta_head_meets_the_targets_on_the_held_out_split() {
    let Some(dir) = common::model_dir() else {
        return;
    };
    let tsv = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/events/conflibert-cameo/cameo_class_train.tsv");
    let Ok(text) = std::fs::read_to_string(&tsv) else {
        eprintln!("skipped: no {}", tsv.display());
        return;
    };
    let sentences = eval::read_conflibert_class("cameo_class_train.tsv", &text).unwrap();
    let mut embedder = Embedder::load(&dir).unwrap();
    embedder.set_max_tokens(128).unwrap();
    let coder = Coder::bundled().unwrap();
    let head = PentaHead::train(&embedder, &coder, &sentences).unwrap();
    let ev = &head.evaluation;
    eprintln!("{ev:?}");
    assert_eq!((ev.train_n, ev.test_n, ev.polar_n), (1094, 255, 207));
    assert_eq!(ev.confusion.iter().flatten().sum::<usize>(), 255);
    // Measured: 0.812 and 0.923 (README).
    assert!(ev.accuracy >= 0.75, "{}", ev.accuracy);
    assert!(ev.polarity_accuracy >= 0.9, "{}", ev.polarity_accuracy);

    // The sentence pair: a cooperation sentence vetoes a conflict code.
    let reviewer = Reviewer::from_parts(embedder, head).unwrap();
    let text = "Morocco and Russia signed an agreement on security cooperation.";
    let mut e = coder
        .code(multipolar_coder::Story {
            id: "t",
            date: None,
            text: "Russia attacked Ukraine.",
        })
        .events
        .remove(0);
    e.cameo = "190".into();
    let p = reviewer.classify(&[text], &[&[]]).unwrap().remove(0);
    eprintln!("{p:?}");
    assert_eq!(p.review(&e).verdict, Verdict::Vetoed);
}
