//! `multipolar dependence` and `multipolar export dependence`. Expected values were
//! computed from the shared source files with Python's csv module, not by multipolar.

use crate::util::{TestEnv, close};

#[test]
fn canada_trade_dependence_on_the_usa() {
    let env = TestEnv::new();
    let v = env.json(&[
        "dependence",
        "CAN",
        "--on",
        "USA,MEX",
        "--from",
        "2014",
        "--to",
        "2014",
    ]);
    let rows = v["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 2);
    let us = &rows[0];
    assert_eq!(us["partner"], "USA");
    // COW trade 2014: 346,063 + 276,158 = 622,221 of Canada's 973,126 (sum of its
    // dyads with both flows known).
    close(&us["trade"], 622_221.0, "trade");
    close(&us["share"], 0.639_404, "share");
    assert_eq!(us["top_partner"], "USA");
    assert!(
        v["meta"]["source"]
            .as_str()
            .unwrap()
            .contains("COW Trade v4.0")
    );
}

#[test]
fn india_arms_dependence_2021() {
    let env = TestEnv::new();
    let v = env.json(&[
        "dependence",
        "IND",
        "--on",
        "FRA,RUS,USA,CHN",
        "--channel",
        "arms",
        "--from",
        "2021",
        "--to",
        "2021",
    ]);
    let rows = v["rows"].as_array().unwrap();
    // SIPRI TIV table, India 2021: 12 suppliers, 4,415 in all; France 2,134, Russia
    // 1,392, USA 425, China none. HHI = 6,744,149 / 4,415² = 0.345992.
    close(&rows[0]["tiv"], 2134.0, "FRA tiv");
    close(&rows[0]["share"], 0.483_352, "FRA share");
    close(&rows[1]["share"], 0.315_289, "RUS share");
    close(&rows[2]["share"], 0.096_263, "USA share");
    close(&rows[3]["share"], 0.0, "CHN share");
    close(&rows[0]["hhi"], 0.345_992, "hhi");
    close(
        &rows[0]["effective_partners"],
        2.890_242,
        "effective suppliers",
    );
    assert_eq!(rows[0]["top_supplier"], "FRA");
    assert_eq!(v["meta"]["source"], "Source: SIPRI Arms Transfers Database");
}

#[test]
fn shared_igos() {
    let env = TestEnv::new();
    let v = env.json(&[
        "dependence",
        "USA",
        "--on",
        "CAN",
        "--channel",
        "igo",
        "--from",
        "1920",
        "--to",
        "1920",
    ]);
    // First row of the COW IGO dyadic file: 2–20 1920, 7 IGOs.
    close(&v["rows"][0]["shared"], 7.0, "shared");
}

#[test]
fn bad_arguments_fail_clearly() {
    let env = TestEnv::new();
    let e = env.fails(&["dependence", "CAN", "--on", "Marroco"]);
    assert!(
        e.contains("unknown country \"Marroco\"; did you mean Morocco"),
        "{e}"
    );
    let e = env.usage(&[
        "dependence",
        "CAN",
        "--on",
        "USA",
        "--from",
        "2000",
        "--to",
        "1990",
    ]);
    assert!(e.contains("--from 2000 is after --to 1990"), "{e}");
    let e = env.usage(&["dependence", "CAN", "--on", "CAN,USA"]);
    assert!(
        e.contains("CAN is both the state and one of its partners"),
        "{e}"
    );
    assert_eq!(env.run(&["dependence", "CAN"]).code, 2);
}

#[test]
fn exports_every_arms_cell() {
    let env = TestEnv::new();
    let out = env.data().join("arms.csv");
    env.ok(&[
        "export",
        "dependence",
        "--channel",
        "arms",
        "--format",
        "csv",
        "--out",
        out.to_str().unwrap(),
    ]);
    let text = std::fs::read_to_string(&out).unwrap();
    // 21,324 supplier–recipient–year cells in the TIV table to 2021, none merged, and
    // 1,264 computed from the register for 2022–2024 (counted from the register file
    // in Python: distinct supplier, recipient and delivery year after 2021).
    assert_eq!(text.lines().count(), 21_324 + 1_264 + 1);
}
