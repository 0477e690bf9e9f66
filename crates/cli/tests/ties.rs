//! `multipolar ties` and `multipolar export alliances`.

use crate::util::TestEnv;

/// Parses CSV stdout into (header, rows).
fn csv_rows(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    let h = rdr.headers().unwrap().iter().map(String::from).collect();
    let rows = rdr
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    (h, rows)
}

fn value(h: &[String], row: &[String], col: &str) -> f64 {
    row[h.iter().position(|x| x == col).unwrap()]
        .parse()
        .unwrap()
}

#[test]
fn uk_austria_1816_by_hand() {
    // Worked in crates/alliances/tests/fixtures.rs (`atop_1816_uk_austria`): table
    // (3,3) = 4, (0,3) = 8, (0,0) = 11 over the 23 members of 1816.
    let env = TestEnv::new();
    let out = env.ok(&[
        "ties",
        "GBR",
        "AUH",
        "--from",
        "1816",
        "--to",
        "1816",
        "--measure",
        "all",
        "--format",
        "csv",
    ]);
    let (h, rows) = csv_rows(&out);
    assert_eq!(rows.len(), 1);
    let r = &rows[0];
    for (col, want) in [
        ("sallyvua", 7.0 / 23.0),
        ("sallyvus", 7.0 / 23.0),
        ("sallybua", 7.0 / 23.0),
        ("sallybus", 7.0 / 23.0),
        ("sallyvwa", 1.0 - 2.0 * 0.0514213239 / 1.0535045710),
        ("kallyv", 11.0 / 34.0),
        ("kallyb", 11.0 / 34.0),
        ("pallyv", 7.0 / 30.0),
        ("pallyb", 7.0 / 30.0),
        ("taub", 44.0 / (76.0f64 * 132.0).sqrt()),
    ] {
        assert!((value(&h, r, col) - want).abs() < 1e-9, "{col}");
    }
}

#[test]
fn both_orders_give_the_same_values() {
    // peacesciencer once shipped alliance similarity in one direction only.
    let env = TestEnv::new();
    let args = |a: &'static str, b: &'static str| {
        vec![
            "ties",
            a,
            b,
            "--from",
            "1962",
            "--to",
            "1963",
            "--measure",
            "all",
            "--format",
            "csv",
        ]
    };
    let (h1, r1) = csv_rows(&env.ok(&args("USA", "RUS")));
    let (h2, r2) = csv_rows(&env.ok(&args("RUS", "USA")));
    assert_eq!(r1.len(), 2);
    assert_eq!(h1, h2);
    for (a, b) in r1.iter().zip(&r2) {
        assert_eq!(a[0], b[0]);
        assert_eq!(a[5..], b[5..]);
        assert_eq!((&a[3], &a[4]), (&b[4], &b[3]));
    }
}

#[test]
fn bad_requests_fail_clearly() {
    let env = TestEnv::new();
    let e = env.fails(&["ties", "USA", "GBR", "--measure", "kvotev"]);
    assert!(
        e.contains("unknown alliance measure \"kvotev\"; expected one of: sallyvus"),
        "{e}"
    );
    let e = env.fails(&["ties", "USA", "GBR", "--from", "2019", "--to", "2020"]);
    assert!(
        e.contains("alliance similarity covers 1816–2018 with this data; asked for 2019–2020"),
        "{e}"
    );
    let e = env.fails(&["ties", "USA"]);
    assert!(e.contains("at least two countries"), "{e}");
}

#[test]
fn users_cow_file_is_read_not_bundled() {
    // The shared peacesciencer-layout COW v4.1 file (1816–2012).
    let env = TestEnv::new();
    let cow = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/cow_alliance_v4_1_ddy.csv.gz"
    );
    let out = env.ok(&[
        "ties",
        "USA",
        "GBR",
        "--from",
        "1950",
        "--to",
        "1950",
        "--cow-alliances",
        cow,
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(
        v["meta"]["alliances"]
            .as_str()
            .unwrap()
            .starts_with("COW Formal Alliances v4.1")
    );
    assert_eq!(v["rows"].as_array().unwrap().len(), 1);
    // The COW file ends in 2012.
    let e = env.fails(&[
        "ties",
        "USA",
        "GBR",
        "--from",
        "2013",
        "--to",
        "2013",
        "--cow-alliances",
        cow,
    ]);
    assert!(e.contains("covers 1816–2012"), "{e}");
    // A file in neither layout names the file and both layouts.
    let bad = env.data().join("bad.csv");
    std::fs::write(&bad, "a,b\n1,2\n").unwrap();
    let e = env.fails(&[
        "ties",
        "USA",
        "GBR",
        "--cow-alliances",
        bad.to_str().unwrap(),
    ]);
    assert!(e.contains("not a COW alliance dyad-year file"), "{e}");
}

#[test]
fn export_alliances_has_every_dyad_of_the_year() {
    let env = TestEnv::new();
    let out = env.data().join("a.csv");
    env.ok(&[
        "export",
        "alliances",
        "--from",
        "1816",
        "--to",
        "1816",
        "--format",
        "csv",
        "--out",
        out.to_str().unwrap(),
    ]);
    let (h, rows) = csv_rows(&std::fs::read_to_string(&out).unwrap());
    // 23 COW members in 1816: C(23, 2) = 253 non-directed dyads, all 11 measures.
    assert_eq!(rows.len(), 253);
    assert_eq!(h.len(), 3 + 11);
    assert!(
        rows.iter()
            .all(|r| r[1].parse::<u16>().unwrap() < r[2].parse::<u16>().unwrap())
    );
    let pq = env.data().join("a.parquet");
    env.ok(&[
        "export",
        "alliances",
        "--from",
        "2018",
        "--to",
        "2018",
        "--out",
        pq.to_str().unwrap(),
    ]);
    assert_eq!(&std::fs::read(&pq).unwrap()[..4], b"PAR1");
}
