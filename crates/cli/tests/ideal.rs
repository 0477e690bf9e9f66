//! `multipolar ideal`: orientation, caching, bootstrap columns and errors.

use crate::util::{TestEnv, bsv};

fn theta(rows: &serde_json::Value, country: &str, year: i64) -> f64 {
    rows.as_array()
        .unwrap()
        .iter()
        .find(|r| r["country"] == country && r["year"] == year)
        .unwrap_or_else(|| panic!("no row for {country} {year}"))["ideal_point"]
        .as_f64()
        .unwrap()
}

#[test]
fn orients_the_united_states_positive_and_caches() {
    let env = TestEnv::new();
    let args = [
        "ideal", "USA", "RUS", "CHN", "--from", "2014", "--to", "2015",
    ];
    let v = env.json(&args);
    let rows = &v["rows"];
    assert_eq!(rows.as_array().unwrap().len(), 6);
    // BSV (research note §3.4): USA 2015 +2.59 > Russia +0.18 > China −0.26.
    assert!(theta(rows, "USA", 2015) > theta(rows, "RUS", 2015));
    assert!(theta(rows, "RUS", 2015) > theta(rows, "CHN", 2015));
    let cache = env.data().join("ideal");
    let files: Vec<_> = std::fs::read_dir(&cache).unwrap().collect();
    assert_eq!(files.len(), 1, "one cache file");
    // A second run reads the cache (same output); other options add a file.
    assert_eq!(env.json(&args)["rows"], *rows);
    assert_eq!(std::fs::read_dir(&cache).unwrap().count(), 1);
    env.ok(&[
        "ideal",
        "USA",
        "--from",
        "2014",
        "--to",
        "2015",
        "--no-bridge",
        "--format",
        "csv",
    ]);
    assert_eq!(std::fs::read_dir(&cache).unwrap().count(), 2);
}

#[test]
fn bootstrap_adds_standard_errors_and_intervals() {
    let env = TestEnv::new();
    let v = env.json(&[
        "ideal",
        "USA",
        "--from",
        "2015",
        "--to",
        "2015",
        "--bootstrap",
        "4",
    ]);
    let r = &v["rows"][0];
    let (t, se, lo, hi) = (
        r["ideal_point"].as_f64().unwrap(),
        r["se"].as_f64().unwrap(),
        r["lo"].as_f64().unwrap(),
        r["hi"].as_f64().unwrap(),
    );
    assert!(se > 0.0 && lo < hi && lo < t + 3.0 * se && hi > t - 3.0 * se);
}

#[test]
fn bad_options_give_clear_errors() {
    let env = TestEnv::new();
    let e = env.fails(&["ideal", "--from", "1964", "--to", "1964"]);
    assert!(
        e.contains("no roll calls with votes in session 19 (1964)"),
        "{e}"
    );
    let e = env.fails(&["ideal", "SSD", "--from", "1990", "--to", "1995"]);
    assert!(e.contains("SSD (SSD) cast no votes"), "{e}");
    let e = env.fails(&[
        "ideal", "--issue", "sports", "--from", "2015", "--to", "2015",
    ]);
    assert!(e.contains("unknown issue \"sports\""), "{e}");
    let e = env.fails(&["ideal", "--from", "2016", "--to", "2015"]);
    assert!(e.contains("--from 2016 is after --to 2015"), "{e}");
}

#[test]
fn plots_trajectories_with_bootstrap_bands() {
    let env = TestEnv::new();
    let svg = env.data().join("ideal.svg");
    let v = env.json(&[
        "ideal",
        "USA",
        "RUS",
        "--from",
        "2014",
        "--to",
        "2015",
        "--bootstrap",
        "4",
        "--plot",
        svg.to_str().unwrap(),
    ]);
    assert_eq!(v["rows"].as_array().unwrap().len(), 4);
    let s = std::fs::read_to_string(&svg).unwrap();
    // Legend entries are text elements of their own.
    let text = |t: &str| s.lines().any(|l| l.trim() == t);
    assert!(s.starts_with("<svg") && text("USA") && text("RUS"));
    // One line per country and one shaded band each.
    assert!(
        s.matches("<polyline").count() + s.matches("<path").count() >= 2,
        "{s}"
    );
    let png = env.data().join("ideal.png");
    env.ok(&[
        "ideal",
        "USA",
        "--from",
        "2014",
        "--to",
        "2015",
        "--plot",
        png.to_str().unwrap(),
        "--format",
        "csv",
    ]);
    let bytes = std::fs::read(&png).unwrap();
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
    // IHDR: width and height, big-endian, at bytes 16..24.
    assert_eq!(u32::from_be_bytes(bytes[16..20].try_into().unwrap()), 900);
    assert_eq!(u32::from_be_bytes(bytes[20..24].try_into().unwrap()), 480);
    let e = env.fails(&["ideal", "USA", "--plot", "x.pdf"]);
    assert!(
        e.contains("--plot x.pdf: give a file ending in .png or .svg"),
        "{e}"
    );
    let e = env.fails(&["ideal", "--plot", "x.png"]);
    assert!(e.contains("--plot draws the named countries"), "{e}");
}

/// `--measure ideal_distance` in `align` is |θ_a − θ_b| of the full fit, which is
/// close to the same distance in BSV's release (the fit's mean |Δ| is 0.033).
#[test]
fn ideal_distance_joins_align_and_matches_bsv() {
    let env = TestEnv::persistent("ideal-full-fit");
    let v = env.json(&[
        "align",
        "USA",
        "RUS",
        "CHN",
        "--from",
        "2015",
        "--to",
        "2015",
        "--measure",
        "kappa_quad,ideal_distance",
    ]);
    let rows = v["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 3);
    let cow = |l: &str| match l {
        "USA" => 2,
        "RUS" => 365,
        _ => 710,
    };
    for r in rows {
        let (a, b) = (
            r["country1"].as_str().unwrap(),
            r["country2"].as_str().unwrap(),
        );
        let ours = r["ideal_distance"].as_f64().unwrap();
        let theirs = (bsv(cow(a), 70) - bsv(cow(b), 70)).abs();
        assert!(
            (ours - theirs).abs() < 0.15,
            "{a}–{b}: {ours} vs BSV {theirs}"
        );
        assert!(r["kappa_quad"].is_number());
    }
    let e = env.fails(&[
        "align",
        "USA",
        "RUS",
        "--by",
        "year",
        "--measure",
        "ideal_distance",
    ]);
    assert!(e.contains("ideal_distance is per session"), "{e}");
}
