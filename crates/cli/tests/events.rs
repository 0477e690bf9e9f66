//! `multipolar events` and `multipolar sql`: the real samples through the binary.

use std::path::PathBuf;

use crate::util::TestEnv;

fn shared(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data")
        .join(name)
        .display()
        .to_string()
}

fn import_samples(env: &TestEnv) -> String {
    env.ok(&[
        "events",
        "import",
        &shared("gdelt_v1_events_sample.csv.gz"),
        &shared("icews_events_sample_2018-06-01_03.csv.gz"),
    ])
}

/// Keeps the named columns of CSV output.
fn cols(csv: &str, names: &[&str]) -> String {
    let mut r = csv::Reader::from_reader(csv.as_bytes());
    let h = r.headers().unwrap().clone();
    let idx: Vec<usize> = names
        .iter()
        .map(|n| {
            h.iter()
                .position(|x| x == *n)
                .unwrap_or_else(|| panic!("{n} in {h:?}"))
        })
        .collect();
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            idx.iter().map(|&i| &rec[i]).collect::<Vec<_>>().join(",")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Hand counts as in `crates/eventstore/tests/store.rs` (python `csv.DictReader` over
/// the samples): GDELT USA→CHN 1982-01 one quad-3 event (Goldstein −2), 2016-07 one
/// quad-1 (2.8); CHN→USA 2016-07 one quad-3 (−2); ICEWS 2018-06 USA→CHN 88 (65/2/21/0,
/// 98.2), CHN→USA 50 (39/1/10/0, 52.4).
#[test]
fn samples_import_and_series_match_hand_counts() {
    let env = TestEnv::new();
    let out = import_samples(&env);
    assert!(
        out.starts_with("rows read 5703, kept 5703, rejected 0;"),
        "{out}"
    );
    let csv = env.ok(&["events", "United States", "China", "--format", "csv"]);
    assert_eq!(
        cols(
            &csv,
            &[
                "period",
                "source",
                "target",
                "events",
                "verbal_coop",
                "material_coop",
                "verbal_conflict",
                "material_conflict",
                "goldstein_sum"
            ]
        ),
        "1982-01-01,USA,CHN,1,0,0,1,0,-2\n\
         2016-07-01,CHN,USA,1,0,0,1,0,-2\n\
         2016-07-01,USA,CHN,1,1,0,0,0,2.8\n\
         2018-06-01,CHN,USA,50,39,1,10,0,52.4\n\
         2018-06-01,USA,CHN,88,65,2,21,0,98.2"
    );
    let days = env.ok(&[
        "events", "CHN", "USA", "--from", "2018", "--by", "day", "--format", "csv",
    ]);
    assert_eq!(
        cols(&days, &["period", "source", "events"]),
        "2018-06-01,CHN,12\n2018-06-01,USA,21\n2018-06-02,CHN,18\n\
         2018-06-02,USA,50\n2018-06-03,CHN,20\n2018-06-03,USA,17"
    );
    // 2 GDELT + 88 ICEWS rows have USA as source and CHN as target.
    let n = env.ok(&[
        "sql",
        "SELECT COUNT(*) AS n FROM events WHERE source_country = 'USA' AND target_country = 'CHN'",
        "--format",
        "csv",
    ]);
    assert_eq!(n.trim(), "n\n90");
    // The manifest records each month file's rows; `data list` sums them.
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(env.data().join("manifest.json")).unwrap()).unwrap();
    let rows: u64 = manifest["datasets"]["events"]["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rows"].as_u64().unwrap())
        .sum();
    assert_eq!(rows, 5703);
    let list = env.ok(&["data", "list"]);
    let line = list.lines().find(|l| l.starts_with("events")).unwrap();
    assert!(
        line.contains(" 5703 ") || line.contains(" 5,703 "),
        "{line}"
    );
}

#[test]
fn malformed_rows_are_counted_or_fatal_and_data_stays() {
    let env = TestEnv::new();
    import_samples(&env);
    let manifest = std::fs::read(env.data().join("manifest.json")).unwrap();
    let bad = env.data().join("bad.tsv");
    let mut row = vec![""; 58];
    row[1] = "20200101";
    row[7] = "USA";
    row[26] = "042";
    row[29] = "1";
    row[30] = "1.9";
    row[31] = "1";
    row[32] = "1";
    let ok = row.join("\t");
    row[26] = "0999";
    std::fs::write(&bad, format!("{ok}\n{}\n", row.join("\t"))).unwrap();
    let bad = bad.to_str().unwrap();
    let err = env.fails(&["events", "import", bad, "--strict"]);
    assert!(
        err.contains("bad.tsv:2: unknown CAMEO event code \"0999\""),
        "{err}"
    );
    assert_eq!(
        std::fs::read(env.data().join("manifest.json")).unwrap(),
        manifest
    );
    let r = env.run(&["events", "import", bad]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.starts_with("rows read 2, kept 1, rejected 1;"),
        "{}",
        r.stdout
    );
    assert!(r.stderr.contains("skipped"), "{}", r.stderr);
}

#[test]
fn nothing_imported_is_an_error() {
    let env = TestEnv::new();
    let err = env.fails(&["events", "USA", "CHN"]);
    assert!(err.contains("no events are imported"), "{err}");
    assert!(err.contains("multipolar data update gdelt"), "{err}");
    let err = env.fails(&["sql", "SELECT 1"]);
    assert!(err.contains("no tables in"), "{err}");
    let err = env.usage(&["events", "USA"]);
    assert!(err.contains("name two states"), "{err}");
    let err = env.usage(&["events", "USA", "CHN", "--from", "2019", "--to", "2018"]);
    assert!(err.contains("is after --to"), "{err}");
}

/// Text in, series out: `multipolar code` output imports like GDELT and ICEWS.
#[test]
fn coded_text_imports_into_the_event_store() {
    let env = TestEnv::new();
    let stories = env.data().join("stories.jsonl");
    std::fs::write(
        &stories,
        concat!(
            r#"{"id":"s1","date":"2019-03-05","text":"Morocco's security chief spent three days in Moscow discussing counter-terrorism and cyber security."}"#,
            "\n",
            r#"{"id":"s2","date":"2019-04-10","text":"Russia's foreign minister visited Rabat."}"#,
            "\n",
            r#"{"id":"s3","text":"Morocco's security chief spent three days in Moscow."}"#,
            "\n"
        ),
    )
    .unwrap();
    let coded = env.ok(&["code", stories.to_str().unwrap()]);
    let events = env.data().join("events.jsonl");
    std::fs::write(&events, &coded).unwrap();
    let lines = coded.lines().count();
    assert!(lines >= 3, "{coded}");
    // The undated story cannot be stored: counted and named, not silently dropped.
    let r = env.run(&["events", "import", events.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.starts_with(&format!(
            "rows read {lines}, kept {}, rejected 1;",
            lines - 1
        )),
        "{}",
        r.stdout
    );
    assert!(
        r.stderr.contains("story \"s3\" has no date"),
        "{}",
        r.stderr
    );
    // The visit is a MAR→RUS verbal cooperation in March 2019, in the security channel
    // (the source is an intelligence actor, MARSPY).
    let csv = env.ok(&[
        "events",
        "MAR",
        "RUS",
        "--channel",
        "security",
        "--format",
        "csv",
    ]);
    assert_eq!(
        cols(
            &csv,
            &[
                "period",
                "source",
                "target",
                "events",
                "verbal_coop",
                "goldstein_sum"
            ]
        ),
        "2019-03-01,MAR,RUS,1,1,1.9"
    );
    let n = env.ok(&[
        "sql",
        "SELECT origin, id, cameo FROM events WHERE source_country = 'MAR' ORDER BY id",
        "--format",
        "csv",
    ]);
    assert!(n.contains("multipolar,s1:0:0,042"), "{n}");
    // A strict import of the same output fails on the undated story and changes nothing.
    let manifest = std::fs::read(env.data().join("manifest.json")).unwrap();
    let e = env.fails(&["events", "import", events.to_str().unwrap(), "--strict"]);
    assert!(
        e.contains("events.jsonl:") && e.contains("has no date"),
        "{e}"
    );
    assert_eq!(
        std::fs::read(env.data().join("manifest.json")).unwrap(),
        manifest
    );
}

/// POLECAT's weekly file through the binary: rows and events counted apart (a
/// compound actor is one row, one event per state), bad rows named by line and field.
#[test]
fn polecat_file_imports_with_named_errors() {
    let env = TestEnv::new();
    let file = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../events/tests/fixtures/ngecEvents.20190607000000.Release001.DV.txt");
    let file = file.to_str().unwrap();
    let e = env.fails(&["events", "import", file, "--strict"]);
    assert!(
        e.contains(":12: field \"Event Type\": unknown PLOVER event type \"DEMAND\""),
        "{e}"
    );
    assert!(!env.data().join("manifest.json").exists());
    let r = env.run(&["events", "import", file]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout
            .starts_with("rows read 14, kept 10, rejected 4; 12 events in"),
        "{}",
        r.stdout
    );
    assert!(
        r.stderr
            .contains(":15: 39 fields, expected 40 as in the header"),
        "{}",
        r.stderr
    );
    let csv = env.ok(&["events", "MAR", "RUS", "--format", "csv"]);
    assert_eq!(
        cols(
            &csv,
            &[
                "period",
                "source",
                "target",
                "events",
                "verbal_coop",
                "verbal_conflict",
                "consult",
                "threaten",
                "goldstein_sum"
            ]
        ),
        "2019-03-01,MAR,RUS,2,2,0,2,0,8\n\
         2019-03-01,RUS,MAR,1,1,0,1,0,4\n\
         2019-05-01,RUS,MAR,1,0,1,0,1,-3"
    );
}

/// `--strict` refuses a file whose last line has no newline, naming it; without
/// `--strict` the same file imports.
#[test]
fn strict_import_refuses_a_missing_final_newline() {
    let env = TestEnv::new();
    let mut text = String::new();
    std::io::Read::read_to_string(
        &mut flate2::read::GzDecoder::new(
            std::fs::File::open(shared("gdelt_v1_events_sample.csv.gz")).unwrap(),
        ),
        &mut text,
    )
    .unwrap();
    let cut = env.data().join("cut.csv");
    std::fs::write(&cut, &text[..text.trim_end().len() - 5]).unwrap();
    let cut = cut.to_str().unwrap();
    let e = env.fails(&["events", "import", cut, "--strict"]);
    assert!(
        e.contains("cut.csv: truncated: the last line (line 711) has no newline"),
        "{e}"
    );
    assert!(!env.data().join("manifest.json").exists());
    let out = env.ok(&["events", "import", cut]);
    assert!(
        out.starts_with("rows read 710, kept 710, rejected 0;"),
        "{out}"
    );
}
