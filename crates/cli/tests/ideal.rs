//! `multipolar ideal`: orientation, caching, bootstrap columns and errors.

use crate::util::{TestEnv, bsv, bsv_release};

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
        "ideal", "USA", "RUS", "CHN", "--from", "2014", "--to", "2015", "--window",
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
        "--window",
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
        "--window",
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
    let e = env.fails(&["ideal", "--from", "1964", "--to", "1964", "--window"]);
    assert!(
        e.contains("no roll calls with votes in session 19 (1964)"),
        "{e}"
    );
    let e = env.fails(&["ideal", "SSD", "--from", "1990", "--to", "1995", "--window"]);
    assert!(e.contains("SSD (SSD) cast no votes"), "{e}");
    let e = env.usage(&[
        "ideal", "--issue", "sports", "--from", "2015", "--to", "2015", "--window",
    ]);
    assert!(e.contains("unknown issue \"sports\""), "{e}");
    let e = env.usage(&["ideal", "--from", "2016", "--to", "2015"]);
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
        "--window",
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
        "--window",
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
    let e = env.usage(&["ideal", "USA", "--plot", "x.pdf"]);
    assert!(
        e.contains("--plot x.pdf: give a file ending in .png or .svg"),
        "{e}"
    );
    let e = env.usage(&["ideal", "--plot", "x.png"]);
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
    let e = env.usage(&[
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

/// The acceptance on the full 1946–2020 fit that `multipolar ideal` caches,
/// against BSV's April 2020 release (research note §3.4): r ≥ 0.99 and mean |Δ| ≤
/// 0.05 over every common country-session, the posterior 5 % and 95 % quantiles as
/// close to BSV's, and each reference row of the note within the largest
/// release-to-release drift it measured (0.1284).
#[test]
fn full_fit_reproduces_the_bsv_release() {
    let env = TestEnv::persistent("ideal-full-fit");
    let csv = env.ok(&["ideal", "--format", "csv"]);
    let mut ours = std::collections::HashMap::new();
    let mut lines = csv.lines();
    let head: Vec<&str> = lines.next().unwrap().split(',').collect();
    let col = |n: &str| head.iter().position(|h| *h == n).unwrap();
    let (c, s, t) = (col("ccode"), col("session"), col("ideal_point"));
    let (q05, q95) = (col("q05"), col("q95"));
    let mut quantiles = std::collections::HashMap::new();
    for l in lines {
        let f: Vec<&str> = l.split(',').collect();
        if let (Ok(cc), Ok(ss)) = (f[c].parse::<u16>(), f[s].parse::<u16>()) {
            ours.insert((cc, ss), f[t].parse::<f64>().unwrap());
            let q = |i: usize| f[i].parse::<f64>().unwrap();
            quantiles.insert((cc, ss), (q(q05), q(q95)));
        }
    }
    let text = bsv_release();
    let mut pairs = Vec::new();
    // |Δ| of the 5 % and 95 % quantiles, and BSV's mean inside our 90 % interval.
    let (mut dq, mut inside) = (0.0, 0usize);
    for l in text.lines().skip(1) {
        let f: Vec<&str> = l.split(',').collect();
        let key = (f[0].parse::<u16>().unwrap(), f[1].parse::<u16>().unwrap());
        let theirs: f64 = f[3].parse().unwrap();
        let mine = *ours
            .get(&key)
            .unwrap_or_else(|| panic!("no estimate for {key:?}"));
        pairs.push((mine, theirs));
        let (lo, hi) = quantiles[&key];
        let (blo, bhi): (f64, f64) = (f[5].parse().unwrap(), f[9].parse().unwrap());
        dq += (lo - blo).abs() + (hi - bhi).abs();
        inside += usize::from(lo <= theirs && theirs <= hi);
    }
    assert_eq!(pairs.len(), 10_469);
    let n = pairs.len() as f64;
    let (ma, mb) = (
        pairs.iter().map(|p| p.0).sum::<f64>() / n,
        pairs.iter().map(|p| p.1).sum::<f64>() / n,
    );
    let (mut ab, mut aa, mut bb) = (0.0, 0.0, 0.0);
    for (a, b) in &pairs {
        ab += (a - ma) * (b - mb);
        aa += (a - ma) * (a - ma);
        bb += (b - mb) * (b - mb);
    }
    let r = ab / (aa * bb).sqrt();
    let mad = pairs.iter().map(|(a, b)| (a - b).abs()).sum::<f64>() / n;
    let dq = dq / (2.0 * n);
    let cover = inside as f64 / n;
    eprintln!(
        "vs BSV Apr2020: r = {r:.5}, mean |Δ| = {mad:.4} over {} country-sessions; \
         5 %/95 % quantiles mean |Δ| = {dq:.4}; BSV's mean inside our 90 % interval: {cover:.4}",
        pairs.len()
    );
    assert!(r >= 0.99, "r = {r:.5}");
    // The posterior's spread, not only its centre, is BSV's.
    assert!(dq <= 0.05, "quantiles: mean |Δ| = {dq:.4}");
    assert!(cover >= 0.95, "coverage {cover:.4}");
    assert!(mad <= 0.05, "mean |Δ| = {mad:.4}");
    for (cow, session, want) in [
        (2, 46, 2.977167),
        (2, 70, 2.592322),
        (365, 46, 0.6905887),
        (365, 70, 0.1789875),
        (710, 46, -0.3023714),
        (710, 70, -0.2594838),
        (600, 46, -0.8259323),
        (600, 70, -0.5491333),
        (732, 46, 0.4956893),
        (740, 46, 1.304788),
    ] {
        let got = ours[&(cow, session)];
        assert!(
            (got - want).abs() <= 0.1284,
            "ccode {cow} session {session}: {got:.4} vs BSV {want:.4}"
        );
    }
}

/// Without `--window`, --from/--to choose the rows of the full fit: the figures are
/// those of `ideal` over all years (and so BSV's), and a period without sessions, or
/// a state without votes in it, is a clear error.
#[test]
fn a_period_shows_rows_of_the_full_fit() {
    let env = TestEnv::persistent("ideal-full-fit");
    let all = env.json(&["ideal", "MAR"]);
    let part = env.json(&["ideal", "MAR", "--from", "1990", "--to", "1993"]);
    let rows = part["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 4);
    for r in rows {
        let y = r["year"].as_i64().unwrap();
        assert!((1990..=1993).contains(&y));
        assert_eq!(
            r["ideal_point"].as_f64(),
            Some(theta(&all["rows"], "MAR", y))
        );
    }
    // BSV April 2020: Morocco 1991 (session 46) −0.826.
    assert!((theta(&part["rows"], "MAR", 1991) - -0.8259323).abs() <= 0.1284);
    let e = env.fails(&["ideal", "--from", "2030", "--to", "2031"]);
    assert!(e.contains("no UN session in 2030–2031"), "{e}");
    let e = env.fails(&["ideal", "SSD", "--from", "1990", "--to", "1995"]);
    assert!(e.contains("SSD (SSD) cast no votes"), "{e}");
}
