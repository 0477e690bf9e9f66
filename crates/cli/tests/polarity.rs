//! `multipolar polarity`.

use crate::util::{TestEnv, close};

#[test]
fn con_and_poles_by_hand() {
    // COW NMC v7 CINC 1816 of the five majors (COW majors v2016): UK 0.33661938,
    // France 0.11728597, Prussia 0.052219804, Austria 0.086052172, Russia 0.16430406;
    // Σ = 0.756481386. Shares s = CINC/Σ: Σ s² = 0.286924023, so CON =
    // √((0.286924023 − 1/5)/(1 − 1/5)) = 0.329629 and poles = 1/Σ s² = 3.485243.
    // 1946, four majors (USA 0.36398837, UK 0.11617274, France 0.031308327, USSR
    // 0.12254112; China only from 1950): Σ s² = 0.402966, CON = 0.451614, poles 2.481596.
    // (Checked with Python on the shared NMC file.)
    let env = TestEnv::new();
    let v = env.json(&["polarity", "--from", "1816", "--to", "1816"]);
    let r = &v["rows"][0];
    assert_eq!(r["n_majors"], 5);
    assert_eq!(r["majors"].as_str().unwrap().split(' ').count(), 5);
    close(&r["cinc_majors"], 0.756_481, "Σ CINC");
    close(&r["con"], 0.329_629, "CON 1816");
    close(&r["poles"], 3.485_243, "poles 1816");
    let v = env.json(&["polarity", "--from", "1946", "--to", "1946"]);
    let r = &v["rows"][0];
    assert_eq!(r["majors"], "USA GBR FRA RUS");
    close(&r["con"], 0.451_614, "CON 1946");
    close(&r["poles"], 2.481_596, "poles 1946");
}

#[test]
fn every_year_by_default_and_bad_ranges() {
    let env = TestEnv::new();
    let v = env.json(&["polarity"]);
    // 1816–2022, one row per year.
    assert_eq!(v["rows"].as_array().unwrap().len(), 2022 - 1816 + 1);
    let e = env.fails(&["polarity", "--from", "1800"]);
    assert!(
        e.contains("polarity covers 1816–2022 (COW NMC v7.0); asked for 1800–2022"),
        "{e}"
    );
    let e = env.usage(&["polarity", "--from", "1900", "--to", "1890"]);
    assert!(e.contains("--from 1900 is after --to 1890"), "{e}");
}
