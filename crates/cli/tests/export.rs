//! `multipolar export dyads`.

use crate::util::TestEnv;

#[test]
fn exports_every_dyad_of_a_session_non_directed() {
    let env = TestEnv::new();
    let out = env.data().join("d.csv");
    env.ok(&[
        "export",
        "dyads",
        "--from",
        "1946",
        "--to",
        "1946",
        "--format",
        "csv",
        "--out",
        out.to_str().unwrap(),
    ]);
    let text = std::fs::read_to_string(&out).unwrap();
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    let h = rdr.headers().unwrap().clone();
    let idx = |n: &str| h.iter().position(|x| x == n).unwrap();
    let rows: Vec<csv::StringRecord> = rdr.records().map(|r| r.unwrap()).collect();
    // Session 1 had 55 voting members in the data: C(55, 2) dyads.
    let members: std::collections::BTreeSet<String> = rows
        .iter()
        .flat_map(|r| [r[idx("ccode1")].to_string(), r[idx("ccode2")].to_string()])
        .collect();
    let k = members.len();
    assert_eq!(rows.len(), k * (k - 1) / 2);
    for r in &rows {
        assert!(
            r[idx("ccode1")].parse::<i64>().unwrap() < r[idx("ccode2")].parse::<i64>().unwrap()
        );
    }
    let usa_mex = rows
        .iter()
        .find(|r| &r[idx("ccode1")] == "2" && &r[idx("ccode2")] == "70")
        .unwrap();
    assert_eq!(&usa_mex[idx("n")], "38");
    assert!(
        usa_mex[idx("kappa_quad")].starts_with("-0.01222"),
        "{:?}",
        usa_mex
    );
}
