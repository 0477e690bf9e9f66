//! `multipolar align`: reference values through the CLI, options and errors.

use crate::util::{TestEnv, close};

#[test]
fn reproduces_rok_unga_by_calendar_year() {
    // research note §2.8 (stevedata rok_unga; S_abs recomputed for the note).
    let env = TestEnv::new();
    let rows = [
        ("USA", 1991, 0.169014, 0.059160, -0.281690),
        ("USA", 2015, 0.441558, 0.304886, 0.207792),
        ("RUS", 1991, 0.605634, 0.238897, 0.605634),
        ("CHN", 1991, 0.735294, 0.060526, 0.720588),
        ("MAR", 1991, 0.742857, -0.025105, 0.728571),
    ];
    for (p, y, strict, kq, s) in rows {
        let y = y.to_string();
        let v = env.json(&[
            "align",
            "KOR",
            p,
            "--by",
            "year",
            "--from",
            &y,
            "--to",
            &y,
            "--measure",
            "strict,kappa_quad,s_abs",
        ]);
        let r = &v["rows"][0];
        assert_eq!(v["rows"].as_array().unwrap().len(), 1);
        close(&r["strict"], strict, "strict");
        close(&r["kappa_quad"], kq, "kappa_quad");
        close(&r["s_abs"], s, "s_abs");
    }
}

#[test]
fn reproduces_voeten_agreement_and_section_7_values() {
    let env = TestEnv::new();
    // §2.8 Voeten agree (v_agree in rok_unga): half-credit by session.
    for (p, y, want) in [
        ("USA", 1991, 0.368056),
        ("USA", 2015, 0.609589),
        ("RUS", 1991, 0.802817),
        ("CHN", 1991, 0.862319),
        ("MAR", 1991, 0.866197),
        ("JPN", 2010, 0.929412),
        ("PRK", 2010, 0.633333),
    ] {
        let y = y.to_string();
        let v = env.json(&[
            "align",
            "KOR",
            p,
            "--from",
            &y,
            "--to",
            &y,
            "--measure",
            "half_credit",
        ]);
        close(
            &v["rows"][0]["half_credit"],
            want,
            &format!("KOR–{p} {y} half_credit"),
        );
    }
    // §7.2: (a, b, year of the session, n, half-credit, S_abs, κ quad, π nominal).
    for (a, b, y, n, half, sabs, kq, pi) in [
        (
            "USA", "RUS", 1946, 43, 0.279070, -0.441860, -0.436526, -0.423984,
        ),
        (
            "USA", "RUS", 2019, 87, 0.287356, -0.425287, -0.191781, -0.351570,
        ),
        (
            "USA", "CHN", 2019, 89, 0.202247, -0.595506, -0.179842, -0.530371,
        ),
        (
            "USA", "ISR", 2019, 89, 0.960674, 0.921348, 0.910241, 0.877764,
        ),
        (
            "USA", "GBR", 1991, 72, 0.701389, 0.402778, 0.423645, 0.309042,
        ),
        (
            "CHN", "RUS", 2019, 87, 0.873563, 0.747126, 0.709613, 0.500399,
        ),
    ] {
        let y = y.to_string();
        let v = env.json(&[
            "align",
            a,
            b,
            "--from",
            &y,
            "--to",
            &y,
            "--measure",
            "half_credit,s_abs,kappa_quad,pi_nominal",
        ]);
        let r = &v["rows"][0];
        let what = format!("{a}–{b} {y}");
        assert_eq!(r["n"], n, "{what} n");
        close(&r["half_credit"], half, &format!("{what} half_credit"));
        close(&r["s_abs"], sabs, &format!("{what} s_abs"));
        close(&r["kappa_quad"], kq, &format!("{what} kappa_quad"));
        close(&r["pi_nominal"], pi, &format!("{what} pi_nominal"));
    }
    // §7.1 USA–Mexico 1946, every convention.
    let v = env.json(&[
        "align",
        "USA",
        "MEX",
        "--from",
        "1946",
        "--to",
        "1946",
        "--measure",
        "all",
    ]);
    let r = &v["rows"][0];
    assert_eq!(r["n"], 38);
    for (m, want) in [
        ("strict", 0.5),
        ("half_credit", 0.565789),
        ("yes_no", 0.575758),
        ("state_dept", 0.565789),
        ("s_abs", 0.131579),
        ("s_sq", 0.197368),
        ("kappa_quad", -0.012227),
        ("kappa_linear", -0.016207),
        ("kappa_nominal", -0.022663),
        ("pi_nominal", -0.027758),
        ("pi_quad", -0.017783),
    ] {
        close(&r[m], want, m);
    }
    // Every measure names its convention.
    for c in v["columns"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["type"] == "number")
    {
        assert!(
            c["description"].as_str().is_some_and(|d| d.len() > 10),
            "{c}"
        );
    }
}

#[test]
fn readme_command_gives_every_pair_and_session() {
    let env = TestEnv::new();
    let v = env.json(&[
        "align", "MAR", "USA", "RUS", "CHN", "--from", "1990", "--to", "2019",
    ]);
    let rows = v["rows"].as_array().unwrap();
    // 6 pairs × sessions 45–74.
    assert_eq!(rows.len(), 6 * 30);
    assert_eq!(rows[0]["country1"], "MAR");
    assert_eq!(rows[0]["country2"], "USA");
    assert_eq!(rows[0]["session"], 45);
    let table = env.ok(&[
        "align", "MAR", "USA", "RUS", "CHN", "--from", "1990", "--to", "2019",
    ]);
    assert!(
        table.contains("half_credit: half-credit"),
        "legend names the convention:\n{table}"
    );
}

#[test]
fn with_all_sorts_partners_and_respects_top() {
    let env = TestEnv::new();
    let v = env.json(&[
        "align",
        "MAR",
        "--with",
        "all",
        "--from",
        "2019",
        "--to",
        "2019",
        "--sort",
        "kappa_quad",
        "--top",
        "5",
    ]);
    let rows = v["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 5);
    let k: Vec<f64> = rows
        .iter()
        .map(|r| r["kappa_quad"].as_f64().unwrap())
        .collect();
    assert!(k.windows(2).all(|w| w[0] >= w[1]), "{k:?}");
    let all = env.json(&[
        "align",
        "MAR",
        "--with",
        "all",
        "--from",
        "2019",
        "--to",
        "2019",
        "--ascending",
    ]);
    let n = all["rows"].as_array().unwrap().len();
    assert!(
        n > 180,
        "Morocco against every other voter in session 74: {n}"
    );
    assert!(
        all["rows"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["country1"] == "MAR" && r["country2"] != "MAR")
    );
}

#[test]
fn explain_lists_exactly_the_differing_votes() {
    let env = TestEnv::new();
    let v = env.json(&[
        "align",
        "USA",
        "MEX",
        "--from",
        "1946",
        "--to",
        "1946",
        "--explain",
    ]);
    // §7.1: 38 joint votes, 19 on the diagonal (17 Y–Y, 0 A–A, 2 N–N).
    assert_eq!(v["rows"].as_array().unwrap().len(), 38 - 19);
    assert_eq!(v["meta"]["differences"], "19 of 38 joint votes");
    for r in v["rows"].as_array().unwrap() {
        assert_ne!(r["USA"], r["MEX"]);
    }
}

#[test]
fn bootstrap_intervals_are_seeded_and_bracket_the_estimate() {
    let env = TestEnv::new();
    let args = [
        "align",
        "MAR",
        "USA",
        "--from",
        "2010",
        "--to",
        "2012",
        "--measure",
        "half_credit",
        "--ci",
        "95",
        "--reps",
        "200",
    ];
    let a = env.json(&args);
    let b = env.json(&args);
    assert_eq!(a, b, "same seed, same intervals");
    for r in a["rows"].as_array().unwrap() {
        let (lo, x, hi) = (
            r["half_credit_lo"].as_f64().unwrap(),
            r["half_credit"].as_f64().unwrap(),
            r["half_credit_hi"].as_f64().unwrap(),
        );
        assert!(lo <= x && x <= hi && lo < hi, "{lo} {x} {hi}");
    }
    let mut other = args.to_vec();
    other.extend(["--seed", "7"]);
    assert_ne!(env.json(&other), a);
}

#[test]
fn filters_change_the_vote_set() {
    let env = TestEnv::new();
    let n = |extra: &[&str]| -> i64 {
        let mut a = vec![
            "align",
            "USA",
            "GBR",
            "--from",
            "1984",
            "--to",
            "1984",
            "--measure",
            "half_credit",
        ];
        a.extend(extra);
        env.json(&a)["rows"][0]["n"].as_i64().unwrap()
    };
    let all = n(&[]);
    assert!(n(&["--important"]) < all);
    assert!(n(&["--issue", "hr"]) < all);
    assert!(n(&["--no-unanimous"]) <= all);
}

#[test]
fn csv_and_parquet_outputs() {
    let env = TestEnv::new();
    let csv = env.ok(&[
        "align", "USA", "MEX", "--from", "1946", "--to", "1947", "--format", "csv",
    ]);
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("session,year,country1,country2,ccode1,ccode2,n,half_credit,s_abs,kappa_quad")
    );
    assert!(
        lines
            .next()
            .unwrap()
            .starts_with("1,1946,USA,MEX,2,70,38,0.565789")
    );
    let out = env.data().join("x.parquet");
    env.ok(&[
        "align",
        "USA",
        "MEX",
        "--format",
        "parquet",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(&std::fs::read(&out).unwrap()[..4], b"PAR1");
}

#[test]
fn errors_are_clear_with_their_exit_status() {
    let env = TestEnv::new();
    let e = env.fails(&["align", "Marroco", "USA"]);
    assert!(
        e.contains("unknown country \"Marroco\"") && e.contains("Morocco"),
        "{e}"
    );
    let e = env.usage(&[
        "align",
        "CZE",
        "USA",
        "--from",
        "1995",
        "--to",
        "1995",
        "--measure",
        "kappa_quad",
        "--issue",
        "xx",
    ]);
    assert!(e.contains("unknown issue \"xx\""), "{e}");
    let e = env.fails(&["align", "MAR", "USA", "--from", "2030", "--to", "2031"]);
    assert!(e.contains("no roll calls match"), "{e}");
    // Czechia (COW 316) came into being in 1993.
    let e = env.fails(&["align", "cow:316", "USA", "--from", "1980", "--to", "1985"]);
    assert!(
        e.contains("cast no recorded UN vote") && e.contains("1993"),
        "{e}"
    );
    let e = env.usage(&["align", "MAR", "USA", "--measure", "kapa"]);
    assert!(e.contains("kappa_quad"), "lists valid measures: {e}");
    let e = env.usage(&["align", "MAR", "USA", "--from", "2000", "--to", "1990"]);
    assert!(e.contains("--from 2000 is after --to 1990"), "{e}");
    let r = env.run(&["align"]);
    assert_eq!(r.code, 2, "usage errors exit 2");
}

#[test]
fn a_failed_run_writes_no_output_file() {
    let env = TestEnv::new();
    let out = env.data().join("out.csv");
    let o = out.to_str().unwrap();
    env.fails(&["align", "Marroco", "USA", "--format", "csv", "--out", o]);
    env.fails(&[
        "align", "MAR", "USA", "--from", "2030", "--to", "2031", "--out", o,
    ]);
    assert!(!out.exists());
    let leftovers: Vec<_> = std::fs::read_dir(env.data()).unwrap().collect();
    assert!(
        leftovers.is_empty(),
        "no temporary files left: {leftovers:?}"
    );
}
