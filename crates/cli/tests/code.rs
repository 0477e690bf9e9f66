//! `multipolar code`.

use std::io::Write;
use std::process::Stdio;

use crate::util::TestEnv;

#[test]
fn codes_the_moscow_visit_from_stdin() {
    let env = TestEnv::new();
    let mut child = env
        .cmd(&["code", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(b"Morocco's security chief spent three days in Moscow discussing counter-terrorism and cyber security.").unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_str(
        String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .next()
            .unwrap(),
    )
    .unwrap();
    assert_eq!(v["source"]["code"], "MARSPY");
    assert_eq!(v["target"]["code"], "RUS");
    assert_eq!(v["cameo"], "042");
    assert_eq!(v["plover_mode"], "visit");
}

#[test]
fn bad_jsonl_is_a_clear_error() {
    let env = TestEnv::new();
    let f = env.data().join("in.jsonl");
    std::fs::write(&f, "{\"id\":\"a\",\"date\":\"2024-01-01\"}\n").unwrap();
    let r = env.run(&["code", f.to_str().unwrap()]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("line 1: missing \"text\""),
        "{}",
        r.stderr
    );
}

#[test]
fn seed_paragraph_has_no_conflict_event_and_the_visit_is_mar_to_rus() {
    let env = TestEnv::new();
    let f = env.data().join("seed.txt");
    std::fs::write(
        &f,
        "Abdellatif Hammouchi, head of Morocco's security services, spent three days in Moscow \
         for talks on counterterrorism, cybersecurity and intelligence cooperation. Russia, facing \
         complex security challenges on its southern borders, understands the significance of \
         Moroccan expertise.",
    )
    .unwrap();
    let out = env.ok(&["code", f.to_str().unwrap()]);
    let events: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(!events.is_empty());
    for e in &events {
        let cameo = e["cameo"].as_str().unwrap();
        assert!(
            !cameo.starts_with("19") && e["plover_event"] != "ASSAULT",
            "{e}"
        );
    }
    assert!(
        events.iter().any(|e| e["cameo"] == "042"
            && e["source"]["country"] == "MAR"
            && e["target"]["country"] == "RUS"),
        "{out}"
    );
}

#[test]
fn keep_vetoed_needs_embed() {
    let env = TestEnv::new();
    let err = env.usage(&["code", "-", "--keep-vetoed"]);
    assert!(err.contains("--embed"), "{err}");
}

/// With the model and both trained heads (`scripts/setup-model --train`), every record
/// carries the penta-class review; skipped without them.
#[test]
fn embed_reviews_each_event() {
    let dir = std::env::var_os("MULTIPOLAR_EMBED_MODEL")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(multipolar_embed::default_model_dir);
    if !["penta-head.json", "plover-head.json", "model.safetensors"]
        .iter()
        .all(|f| dir.join(f).is_file())
    {
        eprintln!(
            "skipped: no trained heads in {} (scripts/setup-model --train)",
            dir.display()
        );
        return;
    }
    let env = TestEnv::new();
    let f = env.data().join("shelling.txt");
    std::fs::write(
        &f,
        "Russian troops shelled the Ukrainian town, killing four civilians.",
    )
    .unwrap();
    let out = env.ok(&[
        "code",
        f.to_str().unwrap(),
        "--embed",
        dir.to_str().unwrap(),
        "--keep-vetoed",
    ]);
    let e: serde_json::Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
    assert_eq!(e["cameo"], "190");
    assert_eq!(e["review"], "confirmed", "{e}");
    assert_eq!(e["review_class"], "material conflict");
    let c = e["review_confidence"].as_f64().unwrap();
    assert!(c > 0.5 && c <= 1.0, "{c}");
}
