//! `multipolar data`: import, list, verify, update (against a local HTTP server).

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;

use crate::util::{TestEnv, fixture};

#[test]
fn import_then_align_uses_the_new_votes() {
    let env = TestEnv::new();
    env.ok(&[
        "data",
        "import",
        "undl",
        fixture("undl_2026.csv").to_str().unwrap(),
    ]);
    let list = env.ok(&["data", "list"]);
    assert!(
        list.contains("unga-undl") && list.contains("2019-12-12 … 2022-03-02, 3 roll calls"),
        "{list}"
    );
    let v = env.json(&[
        "align",
        "MAR",
        "RUS",
        "--from",
        "2021",
        "--to",
        "2021",
        "--measure",
        "strict",
    ]);
    // Session 76 in the fixture: Y–Y on A/RES/76/150 and Y–N on the ES-11 vote.
    assert_eq!(v["rows"][0]["session"], 76);
    assert_eq!(v["rows"][0]["n"], 2);
    assert_eq!(v["rows"][0]["strict"], 0.5);
    env.ok(&["data", "verify"]);
}

#[test]
fn failed_import_changes_nothing_and_exits_1() {
    let env = TestEnv::new();
    env.ok(&[
        "data",
        "import",
        "undl",
        fixture("undl_2025.csv").to_str().unwrap(),
    ]);
    let manifest = std::fs::read(env.data().join("manifest.json")).unwrap();
    let e = env.fails(&[
        "data",
        "import",
        "undl",
        fixture("undl_bad_vote.csv").to_str().unwrap(),
    ]);
    assert!(e.contains("undl_bad_vote.csv:5: field \"ms_vote\""), "{e}");
    assert_eq!(
        std::fs::read(env.data().join("manifest.json")).unwrap(),
        manifest
    );
    env.ok(&["data", "verify"]);
}

#[test]
fn verify_fails_on_a_corrupted_file() {
    let env = TestEnv::new();
    env.ok(&[
        "data",
        "import",
        "undl",
        fixture("undl_2025.csv").to_str().unwrap(),
    ]);
    let m: serde_json::Value =
        serde_json::from_slice(&std::fs::read(env.data().join("manifest.json")).unwrap()).unwrap();
    let path = env.data().join(
        m["datasets"]["unga-undl"]["files"][0]["path"]
            .as_str()
            .unwrap(),
    );
    std::fs::write(&path, b"not parquet").unwrap();
    let r = env.run(&["data", "verify"]);
    assert_eq!(r.code, 1);
    assert!(r.stdout.contains("FAILED"), "{}", r.stdout);
}

/// Serves `routes` (path → body) on 127.0.0.1 for a bounded number of requests.
fn serve(routes: Vec<(String, Vec<u8>)>, requests: usize) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming().take(requests) {
            let mut s = stream.unwrap();
            let mut line = String::new();
            let mut r = BufReader::new(s.try_clone().unwrap());
            r.read_line(&mut line).unwrap();
            loop {
                let mut h = String::new();
                r.read_line(&mut h).unwrap();
                if h == "\r\n" || h.is_empty() {
                    break;
                }
            }
            let path = line.split_whitespace().nth(1).unwrap_or("/").to_string();
            match routes.iter().find(|(p, _)| *p == path) {
                Some((_, body)) => {
                    write!(
                        s,
                        "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                        body.len()
                    )
                    .unwrap();
                    s.write_all(body).unwrap();
                }
                None => write!(
                    s,
                    "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                )
                .unwrap(),
            }
        }
    });
    addr
}

#[test]
fn update_downloads_from_the_record_and_imports() {
    let csv = std::fs::read(fixture("undl_2026.csv")).unwrap();
    let xml = b"<record><datafield tag=\"856\"><subfield code=\"u\">/record/4060887/files/2026_2_6_ga_voting.csv</subfield></datafield></record>".to_vec();
    let addr = serve(
        vec![
            ("/record/4060887/export/xm".into(), xml),
            ("/record/4060887/files/2026_2_6_ga_voting.csv".into(), csv),
        ],
        2,
    );
    let env = TestEnv::new();
    let mut c = env.cmd(&["data", "update", "unga"]);
    c.env("MULTIPOLAR_UNDL_RECORD", format!("{addr}/record/4060887"));
    let out = c.output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("imported 3 roll calls and 10 ballots"),
        "{stderr}"
    );
    assert!(
        stderr.contains("2 roll calls extend the bundled data; 1 already in it"),
        "{stderr}"
    );
    let list = env.ok(&["data", "list"]);
    assert!(list.contains("ga_voting.csv"), "source recorded: {list}");
}

#[test]
fn update_reports_http_errors() {
    let addr = serve(vec![], 1);
    let env = TestEnv::new();
    let e = env.fails(&[
        "data",
        "update",
        "unga",
        "--url",
        &format!("{addr}/missing.csv"),
    ]);
    assert!(e.contains("missing.csv") && e.contains("404"), "{e}");
    assert!(!env.data().join("manifest.json").exists());
}
