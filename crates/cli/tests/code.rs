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
