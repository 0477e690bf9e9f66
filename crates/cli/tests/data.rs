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

/// `data update gdelt` end to end against a loopback server in GDELT's layout, serving
/// the fixtures of `crates/eventstore/tests/fixtures/gdelt2` (real sample rows in five
/// 15-minute exports; see `make_gdelt.py` there for the MAR–RUS rows of each).
#[cfg(feature = "events")]
mod gdelt {
    use std::collections::HashMap;
    use std::io::{BufRead, BufReader, Write};
    use std::net::TcpListener;
    use std::path::{Path, PathBuf};
    use std::sync::{Arc, Mutex};

    use crate::util::TestEnv;

    /// How the server answers a path.
    #[derive(Clone)]
    enum Answer {
        Body(Vec<u8>),
        /// Reads the request and never answers (a stalled server).
        Hang,
    }

    /// Paths → answers, changeable while it runs, each connection on its own thread;
    /// records every path asked for.
    struct Server {
        base: String,
        routes: Arc<Mutex<HashMap<String, Answer>>>,
        log: Arc<Mutex<Vec<String>>>,
    }

    impl Server {
        fn start() -> Server {
            let listener = TcpListener::bind("127.0.0.1:0").unwrap();
            let base = format!("http://{}", listener.local_addr().unwrap());
            let routes: Arc<Mutex<HashMap<String, Answer>>> = Arc::default();
            let log: Arc<Mutex<Vec<String>>> = Arc::default();
            let (r, l) = (routes.clone(), log.clone());
            std::thread::spawn(move || {
                for stream in listener.incoming() {
                    let (r, l) = (r.clone(), l.clone());
                    std::thread::spawn(move || {
                        let mut s = stream.unwrap();
                        let mut reader = BufReader::new(s.try_clone().unwrap());
                        let mut line = String::new();
                        reader.read_line(&mut line).unwrap();
                        loop {
                            let mut h = String::new();
                            if reader.read_line(&mut h).unwrap() == 0 || h == "\r\n" {
                                break;
                            }
                        }
                        let path = line.split_whitespace().nth(1).unwrap_or("/").to_string();
                        l.lock().unwrap().push(path.clone());
                        let answer = r.lock().unwrap().get(&path).cloned();
                        let _ = match answer {
                            Some(Answer::Body(b)) => write!(
                                s,
                                "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                                b.len()
                            )
                            .and_then(|_| s.write_all(&b)),
                            Some(Answer::Hang) => {
                                std::thread::sleep(std::time::Duration::from_secs(600));
                                Ok(())
                            }
                            None => s.write_all(
                                b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                            ),
                        };
                    });
                }
            });
            let server = Server { base, routes, log };
            server.serve_fixtures();
            server
        }

        fn set(&self, path: &str, a: Answer) {
            self.routes.lock().unwrap().insert(path.to_string(), a);
        }

        /// Serves the fixtures under `/gdeltv2/`, as published.
        fn serve_fixtures(&self) {
            for e in std::fs::read_dir(fixtures()).unwrap() {
                let p = e.unwrap().path();
                let name = p.file_name().unwrap().to_string_lossy().into_owned();
                self.set(
                    &format!("/gdeltv2/{name}"),
                    Answer::Body(std::fs::read(&p).unwrap()),
                );
            }
        }

        fn taken(&self) -> Vec<String> {
            std::mem::take(&mut *self.log.lock().unwrap())
        }

        fn url(&self, name: &str) -> String {
            format!("{}/gdeltv2/{name}", self.base)
        }
    }

    fn fixtures() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../eventstore/tests/fixtures/gdelt2")
    }

    const F: [&str; 5] = [
        "20240301000000.export.CSV.zip",
        "20240301001500.export.CSV.zip",
        "20240301003000.export.CSV.zip",
        "20240301004500.export.CSV.zip",
        "20240301010000.export.CSV.zip",
    ];

    fn update(env: &TestEnv, server: &Server) -> crate::util::Run {
        let base = format!("{}/gdeltv2/", server.base);
        env.run(&[
            "data",
            "update",
            "gdelt",
            "--from",
            "2024-03-01",
            "--to",
            "2024-03-01",
            "--base-url",
            &base,
            "--commit-mb",
            "0",
        ])
    }

    /// MAR–RUS by month: period, source, target, events, the four quad classes, Goldstein sum.
    fn mar_rus(env: &TestEnv) -> String {
        let csv = env.ok(&["events", "MAR", "RUS", "--by", "month", "--format", "csv"]);
        let mut r = csv::Reader::from_reader(csv.as_bytes());
        let h = r.headers().unwrap().clone();
        let want = [
            "period",
            "source",
            "target",
            "events",
            "verbal_coop",
            "material_coop",
            "verbal_conflict",
            "material_conflict",
            "goldstein_sum",
        ];
        let idx: Vec<usize> = want
            .iter()
            .map(|n| h.iter().position(|x| x == *n).unwrap())
            .collect();
        r.records()
            .map(|rec| {
                let rec = rec.unwrap();
                idx.iter().map(|&i| &rec[i]).collect::<Vec<_>>().join(",")
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// Five exports: one corrupt (a flipped byte, so its MD5 differs from the list's),
    /// one truncated (fewer bytes than listed). The run imports the other three, names
    /// both bad URLs and exits 1; once the server is repaired, a second run fetches
    /// only those two; a third has nothing to do. MAR–RUS rows by hand from
    /// `make_gdelt.py`: MAR→RUS 051 q1 3.4 (file 000000), 163 q4 −8 (001500), 020 q1 3
    /// (003000), 080 q2 5 (004500); RUS→MAR 042 q1 1.9 (000000), 020 q1 3 (003000),
    /// 030 q1 4 (010000).
    #[test]
    fn update_gdelt_verifies_imports_and_resumes() {
        let server = Server::start();
        let mut corrupt = std::fs::read(fixtures().join(F[2])).unwrap();
        corrupt[200] ^= 0x55;
        server.set(&format!("/gdeltv2/{}", F[2]), Answer::Body(corrupt));
        let whole = std::fs::read(fixtures().join(F[3])).unwrap();
        server.set(
            &format!("/gdeltv2/{}", F[3]),
            Answer::Body(whole[..whole.len() / 2].to_vec()),
        );
        let env = TestEnv::new();
        let r = update(&env, &server);
        assert_eq!(r.code, 1, "{}", r.stderr);
        assert!(r.stdout.is_empty(), "{}", r.stdout);
        assert!(
            r.stderr
                .contains(&format!("{}: corrupt or changed: MD5 ", server.url(F[2])))
                && r.stderr.contains(
                    "the list says b6bb387d712f9fd510b769d28eb7ae7d; nothing of it was imported"
                ),
            "{}",
            r.stderr
        );
        assert!(
            r.stderr.contains(&format!(
                "{}: truncated or changed: {} bytes, the list says {}",
                server.url(F[3]),
                whole.len() / 2,
                whole.len()
            )),
            "{}",
            r.stderr
        );
        assert!(
            r.stderr
                .contains("3 of 5 listed files fetched and imported, 0 already imported, 2 failed"),
            "{}",
            r.stderr
        );
        assert!(
            r.stderr
                .contains("2 files failed (run the same command again"),
            "{}",
            r.stderr
        );
        assert_eq!(
            mar_rus(&env),
            "2024-03-01,MAR,RUS,2,1,0,0,1,-4.6\n2024-03-01,RUS,MAR,2,2,0,0,0,5.9"
        );
        env.ok(&["data", "verify"]);

        server.serve_fixtures();
        server.taken();
        let r = update(&env, &server);
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert!(
            r.stderr
                .contains("2 of 5 listed files fetched and imported, 3 already imported, 0 failed"),
            "{}",
            r.stderr
        );
        assert_eq!(
            server.taken(),
            ["/gdeltv2/masterfilelist.txt".to_string()]
                .into_iter()
                .chain([2, 3].map(|k| format!("/gdeltv2/{}", F[k])))
                .collect::<Vec<_>>()
        );
        assert_eq!(
            mar_rus(&env),
            "2024-03-01,MAR,RUS,4,2,1,0,1,3.4\n2024-03-01,RUS,MAR,3,3,0,0,0,8.9"
        );
        let r = update(&env, &server);
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert!(
            r.stderr
                .contains("0 files to fetch (0.0 MB), 5 already imported"),
            "{}",
            r.stderr
        );
        assert_eq!(server.taken(), ["/gdeltv2/masterfilelist.txt"]);
        let list = env.ok(&["data", "list"]);
        let line = list.lines().find(|l| l.starts_with("events")).unwrap();
        assert!(line.contains("5 files") && line.contains(F[0]), "{line}");
        env.ok(&["data", "verify"]);

        // The profile's event channel for 2024 (with UN votes for 2024 imported, which
        // the profile needs): MAR–RUS 7 events, 6 cooperative, 163 conflictual.
        let undl = env.data().join("undl_2024.csv");
        let mut csv = String::from(
            "undl_id,ms_code,ms_name,ms_vote,date,session,resolution,draft,committee_report,meeting,title,agenda_title,subjects,total_yes,total_no,total_abstentions,total_non_voting,total_ms,undl_link\n",
        );
        for (id, date, s) in [(990001, "2024-06-03", 78), (990002, "2025-01-10", 79)] {
            for (code, name, v) in [
                ("USA", "UNITED STATES", "N"),
                ("MAR", "MOROCCO", "Y"),
                ("RUS", "RUSSIAN FEDERATION", "Y"),
            ] {
                csv.push_str(&format!(
                    "{id},{code},{name},{v},{date},{s},A/RES/{s}/900,A/{s}/L.1,,A/{s}/PV.1,T,T,T,2,1,0,0,3,https://digitallibrary.un.org/record/{id}\n"
                ));
            }
        }
        std::fs::write(&undl, csv).unwrap();
        env.ok(&["data", "import", "undl", undl.to_str().unwrap()]);
        let p: serde_json::Value = serde_json::from_str(&env.ok(&[
            "profile",
            "MAR",
            "--from",
            "2024",
            "--to",
            "2024",
            "--no-ideal",
            "--format",
            "json",
        ]))
        .unwrap();
        let coop = p["profile"]["channels"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["channel"] == "events_coop")
            .expect("events_coop channel");
        assert_eq!(coop["counts"][3][0], 7, "MAR–RUS events");
        crate::util::close(&coop["values"][3][0], 5.0 / 7.0, "net cooperation with RUS");
        assert!(coop["values"][0][0].is_null(), "no MAR–USA events");
    }

    /// A run killed while the server stalls on the third file keeps the two files
    /// committed before (the data verify and query), and a later run finishes the rest
    /// and clears the dead run's downloads.
    #[test]
    fn a_killed_update_keeps_what_it_committed() {
        let server = Server::start();
        server.set(&format!("/gdeltv2/{}", F[2]), Answer::Hang);
        let env = TestEnv::new();
        let base = format!("{}/gdeltv2/", server.base);
        let mut child = env
            .cmd(&[
                "data",
                "update",
                "gdelt",
                "--from",
                "2024-03-01",
                "--to",
                "2024-03-01",
                "--base-url",
                &base,
                "--commit-mb",
                "0",
            ])
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let manifest = env.data().join("manifest.json");
        let committed =
            || std::fs::read_to_string(&manifest).map_or(0, |m| m.matches("sources.tsv").count());
        let start = std::time::Instant::now();
        while committed() < 2 {
            assert!(start.elapsed().as_secs() < 120, "two commits expected");
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        child.kill().unwrap();
        child.wait().unwrap();
        env.ok(&["data", "verify"]);
        assert_eq!(
            mar_rus(&env),
            "2024-03-01,MAR,RUS,2,1,0,0,1,-4.6\n2024-03-01,RUS,MAR,1,1,0,0,0,1.9"
        );
        let leftovers = |env: &TestEnv| {
            std::fs::read_dir(env.data())
                .unwrap()
                .filter(|e| {
                    e.as_ref()
                        .unwrap()
                        .file_name()
                        .to_string_lossy()
                        .starts_with('.')
                })
                .count()
        };
        assert!(leftovers(&env) > 0, "the killed run's work directory");

        server.serve_fixtures();
        let r = update(&env, &server);
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert!(
            r.stderr
                .contains("3 of 5 listed files fetched and imported, 2 already imported"),
            "{}",
            r.stderr
        );
        assert_eq!(leftovers(&env), 0);
        assert_eq!(
            mar_rus(&env),
            "2024-03-01,MAR,RUS,4,2,1,0,1,3.4\n2024-03-01,RUS,MAR,3,3,0,0,0,8.9"
        );
    }

    #[test]
    fn update_flags_are_checked_before_any_download() {
        let env = TestEnv::new();
        let r = env.run(&["data", "update", "gdelt"]);
        assert_eq!(r.code, 2, "{}", r.stderr);
        assert!(r.stderr.contains("give --from DATE"), "{}", r.stderr);
        let r = env.run(&[
            "data",
            "update",
            "gdelt",
            "--from",
            "2024-03-02",
            "--to",
            "2024-03-01",
        ]);
        assert_eq!(r.code, 2);
        assert!(
            r.stderr
                .contains("--from 2024-03-02 is after --to 2024-03-01"),
            "{}",
            r.stderr
        );
        let r = env.run(&["data", "update", "gdelt1", "--latest"]);
        assert_eq!(r.code, 2);
        assert!(
            r.stderr.contains("GDELT 1.0 publishes no list"),
            "{}",
            r.stderr
        );
        let r = env.run(&["data", "update", "unga", "--from", "2024"]);
        assert_eq!(r.code, 2);
        let r = env.run(&["data", "update", "gdelt", "--from", "2024-13"]);
        assert_eq!(r.code, 2);
        assert!(r.stderr.contains("bad date \"2024-13\""), "{}", r.stderr);
        assert!(!env.data().join("manifest.json").exists());
    }
}
