//! `multipolar ties` and `multipolar export alliances`.

use crate::util::{TestEnv, close, fixture};

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
    let e = env.usage(&["ties", "USA", "GBR", "--measure", "kvotev"]);
    assert!(
        e.contains("unknown alliance measure \"kvotev\"; expected one of: sallyvus"),
        "{e}"
    );
    let e = env.fails(&["ties", "USA", "GBR", "--from", "2019", "--to", "2020"]);
    assert!(
        e.contains("alliance similarity covers 1816–2018 with this data; asked for 2019–2020"),
        "{e}"
    );
    let e = env.usage(&["ties", "USA"]);
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

/// Every measure column (after year, names and codes) says what it is.
fn assert_described(v: &serde_json::Value) {
    for c in &v["columns"].as_array().unwrap()[5..] {
        assert!(c["description"].is_string(), "{c}");
    }
}

// The channels below: expected values computed with Python's csv and gzip modules from
// the shared source files in /work/shared/data (COW trade v4 ndy, SIPRI TIV table, COW
// IGO v3 sy, CShapes min distance), never by multipolar.

#[test]
fn trade_ties_in_the_order_named() {
    // COW trade 2014: 2–20 flow1 = 346,063 (US imports from Canada), flow2 = 276,158;
    // T = 622,221; totals over dyads with both flows known: USA 3,886,916, Canada
    // 973,126, Mexico 846,287. Canada first: share1 = 622,221 / 973,126 = 0.639404,
    // share2 = 0.160081, asymmetry 0.479323, salience √(s1·s2) = 0.319932, symmetry
    // 0.520677, interdependence 0.166581.
    let env = TestEnv::new();
    let v = env.json(&[
        "ties",
        "CAN",
        "USA",
        "MEX",
        "--channel",
        "trade",
        "--from",
        "2014",
        "--to",
        "2014",
    ]);
    let rows = v["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 3);
    let r = &rows[0];
    assert_eq!(
        (&r["country1"], &r["country2"]),
        (&"CAN".into(), &"USA".into())
    );
    close(&r["imports1"], 276_158.0, "imports1");
    close(&r["imports2"], 346_063.0, "imports2");
    close(&r["trade"], 622_221.0, "trade");
    close(&r["share1"], 0.639_404, "share1");
    close(&r["share2"], 0.160_081, "share2");
    close(&r["asymmetry"], 0.479_323, "asymmetry");
    close(&r["salience"], 0.319_932, "salience");
    close(&r["symmetry"], 0.520_677, "symmetry");
    close(&r["interdependence"], 0.166_581, "interdependence");
    // CAN–MEX: 20–70 flows 28,591 and 11,049; shares 0.040735 and 0.046840.
    let r = &rows[1];
    assert_eq!(r["country2"], "MEX");
    close(&r["imports1"], 28_591.0, "imports1");
    close(&r["share1"], 0.040_735, "share1");
    close(&r["share2"], 0.046_840, "share2");
    close(&r["asymmetry"], -0.006_105, "asymmetry");
    assert_described(&v);
}

#[test]
fn arms_ties_both_ways() {
    // SIPRI TIV 2021: India received 4,415 in all, 2,134 from France (share 0.483352);
    // France received 47, none from India (share2 = 0). Over 2017–2021 (--window 5)
    // India received 15,356, 7,068 from Russia (0.460276); Russia received 145 in that
    // window, none from India, and nothing in 2021 alone.
    let env = TestEnv::new();
    let v = env.json(&[
        "ties",
        "IND",
        "FRA",
        "--channel",
        "arms",
        "--from",
        "2021",
        "--to",
        "2021",
    ]);
    let r = &v["rows"][0];
    close(&r["tiv1"], 2134.0, "tiv1");
    close(&r["tiv2"], 0.0, "tiv2");
    close(&r["share1"], 0.483_352, "share1");
    close(&r["share2"], 0.0, "share2");
    assert_eq!(v["meta"]["source"], "Source: SIPRI Arms Transfers Database");
    assert_described(&v);
    let v = env.json(&[
        "ties",
        "RUS",
        "IND",
        "--channel",
        "arms",
        "--window",
        "5",
        "--from",
        "2021",
        "--to",
        "2021",
    ]);
    let r = &v["rows"][0];
    close(
        &r["share2"],
        0.460_276,
        "Russia's share of India over 2017–2021",
    );
    close(&r["share1"], 0.0, "India's share of Russia");
    close(&r["tiv1"], 0.0, "tiv1");
}

#[test]
fn arms_ties_after_the_tiv_table_come_from_the_register() {
    // Beyond the TIV table (2021), each register deal's delivered TIV split evenly
    // over its delivery years. Morocco from the USA: 2022 M-1A1 Abrams 648 over
    // 2022–23 (324) + Bell-412EP 25 = 349 of Morocco's 509 (0.685658); 2023 324 of
    // 472.025 (0.686404); 2024 nothing of 23.025. Totals summed by hand from the
    // register rows.
    let env = TestEnv::new();
    let v = env.json(&[
        "ties",
        "MAR",
        "USA",
        "--channel",
        "arms",
        "--from",
        "2022",
        "--to",
        "2024",
    ]);
    let rows = v["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 3);
    for (r, (year, tiv, share)) in rows.iter().zip([
        (2022, 349.0, 0.685_658),
        (2023, 324.0, 0.686_404),
        (2024, 0.0, 0.0),
    ]) {
        assert_eq!(r["year"], year);
        close(&r["tiv1"], tiv, "tiv1");
        close(&r["tiv2"], 0.0, "tiv2");
        close(&r["share1"], share, "share1");
    }
}

#[test]
fn igo_ties() {
    // COW IGO 1920: 2–20 share 7 IGOs; full memberships USA 23, Canada 16.
    let env = TestEnv::new();
    let v = env.json(&[
        "ties",
        "CAN",
        "USA",
        "--channel",
        "igo",
        "--from",
        "1920",
        "--to",
        "1920",
    ]);
    let r = &v["rows"][0];
    assert_eq!(r["shared"], 7);
    close(&r["share1"], 7.0 / 16.0, "share1");
    close(&r["share2"], 7.0 / 23.0, "share2");
    assert_described(&v);
}

#[test]
fn geography_hand_checked_and_symmetric() {
    // COW contiguity rows `2,20,1,1920-01-01,2016-12-01`, `2,365,0,1816-01-01,
    // 1958-12-01`, `2,365,2,1959-01-01,2016-12-01`; no 20–365 spell. CShapes rows
    // `2,365,1959,3243.442`, `2,20,1959,0.0`, `20,365,1959,1254.814`.
    let env = TestEnv::new();
    let mindist = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/cshapes_mindist_cow_ndy.csv.gz"
    );
    let run = |a: &'static str, b: &'static str| {
        env.json(&[
            "ties",
            a,
            b,
            "--channel",
            "geography",
            "--from",
            "1958",
            "--to",
            "1959",
            "--mindist",
            mindist,
        ])
    };
    let v = run("USA", "RUS");
    let rows = v["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(
        (&rows[0]["conttype"], &rows[1]["conttype"]),
        (&0.into(), &2.into())
    );
    assert_eq!(
        rows[1]["contiguity"],
        "separated by at most 12 miles of water"
    );
    close(&rows[1]["mindist"], 3243.442, "mindist");
    assert_described(&v);
    assert_eq!(v["rows"], {
        // Reversed, only the names and codes swap.
        let mut w = run("RUS", "USA")["rows"].clone();
        for r in w.as_array_mut().unwrap() {
            let o = r.as_object_mut().unwrap();
            let (c1, c2) = (o["country1"].clone(), o["country2"].clone());
            let (k1, k2) = (o["ccode1"].clone(), o["ccode2"].clone());
            o.insert("country1".into(), c2);
            o.insert("country2".into(), c1);
            o.insert("ccode1".into(), k2);
            o.insert("ccode2".into(), k1);
        }
        w
    });
    let v = run("USA", "CAN");
    assert_eq!(v["rows"][1]["conttype"], 1);
    close(&v["rows"][1]["mindist"], 0.0, "mindist");
    // Without --mindist there is no distance column; Canada is no state before 1920.
    let v = env.json(&[
        "ties",
        "USA",
        "CAN",
        "--channel",
        "geography",
        "--to",
        "1921",
    ]);
    let rows = v["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["year"], 1920);
    assert!(rows[0].get("mindist").is_none());
}

#[test]
fn channel_flags_and_bad_files_fail_clearly() {
    let env = TestEnv::new();
    let e = env.usage(&["ties", "USA", "CAN", "--mindist", "x.csv"]);
    assert!(
        e.contains("--mindist is used only with --channel geography"),
        "{e}"
    );
    let e = env.usage(&[
        "ties",
        "USA",
        "CAN",
        "--channel",
        "trade",
        "--measure",
        "kallyv",
    ]);
    assert!(
        e.contains("--measure is used only with --channel alliances"),
        "{e}"
    );
    let e = env.usage(&["ties", "USA", "CAN", "--channel", "igo", "--window", "5"]);
    assert!(
        e.contains("--window is used only with --channel arms"),
        "{e}"
    );
    let e = env.fails(&[
        "ties",
        "USA",
        "CAN",
        "--channel",
        "geography",
        "--from",
        "2017",
        "--to",
        "2018",
    ]);
    assert!(
        e.contains("COW contiguity covers 1816–2016; asked for 2017–2018"),
        "{e}"
    );
    let e = env.fails(&[
        "ties",
        "USA",
        "CAN",
        "--channel",
        "trade",
        "--from",
        "1850",
        "--to",
        "1860",
    ]);
    assert!(
        e.contains(
            "no trade recorded between these states in 1850–1860; COW trade v4 covers 1870–2014"
        ),
        "{e}"
    );
    let bad = env.data().join("mindist.csv");
    std::fs::write(
        &bad,
        "ccode1,ccode2,year,mindist\n2,20,1950,0\n20,2,1951,3\n",
    )
    .unwrap();
    let e = env.fails(&[
        "ties",
        "USA",
        "CAN",
        "--channel",
        "geography",
        "--mindist",
        bad.to_str().unwrap(),
    ]);
    assert!(e.contains("as CShapes minimum distances"), "{e}");
    assert!(
        e.contains(":3: expected ccode1 < ccode2 in a non-directed table, found 20 and 2"),
        "{e}"
    );
}

#[test]
fn trade_tables_after_2014_import_from_the_command_line() {
    // BACI and DOTS fixtures in the published layouts (crates/data/tests/fixtures/trade).
    let env = TestEnv::new();
    let t = |n: &str| fixture(&format!("trade/{n}")).display().to_string();
    let codes = t("country_codes_V202401.csv");
    let err = env.run(&[
        "data",
        "import",
        "baci",
        "--codes",
        &codes,
        &t("BACI_HS92_Y2015_V202401.csv"),
        &t("BACI_HS92_Y2016_V202401.csv"),
    ]);
    assert_eq!(err.code, 0, "{}", err.stderr);
    // 6 flows; Hong Kong (no COW state) reported as left out.
    assert!(err.stderr.contains("2015–2016 (6 flows"), "{}", err.stderr);
    assert!(err.stderr.contains("344 HKG"), "{}", err.stderr);
    assert!(env.ok(&["data", "list"]).contains("trade-baci"));
    // DOTS needs its unit; BACI its codes file.
    assert!(
        env.usage(&["data", "import", "dots", &t("DOT_panel.csv")])
            .contains("--unit")
    );
    assert!(
        env.usage(&["data", "import", "baci", &t("BACI_HS92_Y2015_V202401.csv")])
            .contains("--codes")
    );
    let bad = env.data().join("BACI_bad.csv");
    std::fs::write(&bad, "t,i,j,k,v,q\n2016,251,504,010121,x,1\n").unwrap();
    let e = env.fails(&[
        "data",
        "import",
        "baci",
        "--codes",
        &codes,
        bad.to_str().unwrap(),
    ]);
    assert!(
        e.contains("BACI_bad.csv:2: field \"v\": expected a number, found \"x\""),
        "{e}"
    );
    env.ok(&[
        "data",
        "import",
        "dots",
        "--unit",
        "millions",
        &t("DOT_panel.csv"),
    ]);
    env.ok(&["data", "verify"]);
}
