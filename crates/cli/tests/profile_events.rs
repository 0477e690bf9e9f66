//! `multipolar profile` with imported events: the event channels against a hand count
//! of the real ICEWS sample, and no event channels without events in the years.

use std::path::PathBuf;

use serde_json::Value;

use crate::util::{TestEnv, close};

fn icews_sample() -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/icews_events_sample_2018-06-01_03.csv.gz")
        .display()
        .to_string()
}

fn profile(env: &TestEnv, args: &[&str]) -> Value {
    let mut a = vec!["profile"];
    a.extend(args);
    a.extend(["--no-ideal", "--format", "json"]);
    let v: Value = serde_json::from_str(&env.ok(&a)).unwrap();
    v["profile"].clone()
}

fn channel<'a>(p: &'a Value, id: &str) -> Option<&'a Value> {
    p["channels"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["channel"] == id)
}

/// Vietnam's events in the ICEWS sample (2018-06-01 to 03), counted by hand: `zcat` the
/// file, split each line as CSV in awk, keep rows with Vietnam as source_country or
/// target_country and another country on the other side (Vietnam–Vietnam rows are
/// domestic). Cooperative = CAMEO root 01–09, conflictual = 10–20 (GDELT's quad
/// rule). Security = a military, police or defence-ministry sector on either side, or a
/// code whose PLOVER context is military (here only 072, "provide military aid").
///
/// | partner | events | coop | conflict | security coop | rows |
/// |---|---|---|---|---|---|
/// | USA | 6 | 5 | 1 | 3 | 020, 051 by Mattis (Military); 010 Ngo Xuan Lich (Military) → Mattis; 032, 051 no sectors; 150 (conflict) |
/// | FRA | 3 | 3 | 0 | 2 | 040 ×2 Parly ↔ Ngo Xuan Lich; 051 no sectors |
/// | GBR | 1 | 1 | 0 | 1 | 051 Ngo Xuan Lich → United Kingdom |
/// | CHN | 2 | 1 | 1 | 1 | 072 (military aid); 154 (conflict) |
/// | RUS | 2 | 2 | 0 | 2 | 042, 043 with the Russian Navy |
/// | AUS 3, BGD 2, JPN 2 (of 36), SGP 2, NZL 1 | | | 0 | 10 | all with Vietnam's defence minister or military |
/// | ARG 1, PHL 3 | | | 0 | 0 | 0311 economic, 042 visits |
///
/// Security cooperation with all states: 3 + 2 + 1 + 1 + 2 + 10 = 19.
///
/// * net cooperation: USA (5 − 1)/6 = 2/3; EU (FRA and GBR) (4 − 0)/4 = 1;
///   CHN (1 − 1)/2 = 0; RUS 2/2 = 1;
/// * security share: USA 3/19, EU (2 + 1)/19 = 3/19, CHN 1/19, RUS 2/19; the largest
///   partners AUS and USA, 3/19 each (AUS first by name).
#[test]
fn vietnam_event_channels_match_a_hand_count_of_the_icews_sample() {
    let env = TestEnv::new();
    let args = ["VNM", "--from", "2018", "--to", "2018"];

    // Without imported events the profile succeeds without event channels.
    let p = profile(&env, &args);
    assert!(channel(&p, "un_kappa").is_some());
    assert!(channel(&p, "events_coop").is_none());
    assert!(channel(&p, "events_security").is_none());

    env.ok(&["events", "import", &icews_sample()]);
    let p = profile(&env, &args);
    let poles: Vec<&str> = p["poles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["id"].as_str().unwrap())
        .collect();
    assert_eq!(poles, ["USA", "EU", "CHN", "RUS"]);

    let coop = channel(&p, "events_coop").expect("events_coop channel");
    for (k, (want, n)) in [(2.0 / 3.0, 6), (1.0, 4), (0.0, 2), (1.0, 2)]
        .into_iter()
        .enumerate()
    {
        close(
            &coop["values"][k][0],
            want,
            &format!("net cooperation {}", poles[k]),
        );
        assert_eq!(coop["counts"][k][0], n, "events with {}", poles[k]);
    }

    let sec = channel(&p, "events_security").expect("events_security channel");
    for (k, n) in [3, 3, 1, 2].into_iter().enumerate() {
        close(
            &sec["values"][k][0],
            f64::from(n) / 19.0,
            &format!("security share {}", poles[k]),
        );
        assert_eq!(sec["counts"][k][0], n, "security ties with {}", poles[k]);
    }
    assert_eq!(sec["top_partner"][0]["partner"], "AUS");
    close(
        &sec["top_partner"][0]["share"],
        3.0 / 19.0,
        "largest partner",
    );
    let leading: Vec<&str> = sec["leading"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["partner"].as_str().unwrap())
        .collect();
    // 3/19: AUS, USA; then 2/19: BGD, FRA, JPN (RUS, SGP also 2/19, after by name).
    assert_eq!(leading, ["AUS", "USA", "BGD", "FRA", "JPN"]);

    // The terminal report shows both channels.
    let text = env.ok(&[
        "profile",
        "VNM",
        "--from",
        "2018",
        "--to",
        "2018",
        "--no-ideal",
    ]);
    assert!(
        text.contains("Events (net cooperation) 2018–2018    0.67    1.00    0.00    1.00"),
        "{text}"
    );
    assert!(text.contains("Events (security ties)"), "{text}");

    // Imported events that do not cover the profile's years add no channels.
    let p = profile(&env, &["VNM", "--from", "2010", "--to", "2012"]);
    assert!(channel(&p, "events_coop").is_none());
    assert!(channel(&p, "events_security").is_none());
}

/// POLECAT (PLOVER-coded, 2018 on) feeds the same channels. Morocco in the fixture
/// `crates/events/tests/fixtures/ngecEvents.20190607000000.Release001.DV.txt`, 2019, by
/// hand from its rows (both directions, states on both sides):
///
/// | partner | events | coop | conflict | security coop | rows |
/// |---|---|---|---|---|---|
/// | USA | 2 | 2 | 0 | 1 | COOPERATE by MIL (MAR→USA), AID (USA→MAR) |
/// | FRA | 1 | 0 | 1 | 0 | REQUEST (MAR→FRA) |
/// | CHN | 2 | 2 | 0 | 1 | CONSULT by MIL (MAR→CHN), SUPPORT (CHN→MAR) |
/// | RUS | 4 | 3 | 1 | 0 | CONSULT visit (MAR→RUS), the MAR–RUS meeting (both ways), THREATEN (RUS→MAR) |
///
/// Net cooperation USA 1, EU (FRA) −1, CHN 1, RUS (3 − 1)/4 = 0.5; security share
/// USA 1/2, EU 0, CHN 1/2, RUS 0. The gunmen's ASSAULT has no state as actor.
#[test]
fn polecat_feeds_the_event_channels() {
    let env = TestEnv::new();
    let file = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../events/tests/fixtures/ngecEvents.20190607000000.Release001.DV.txt");
    let out = env.ok(&["events", "import", file.to_str().unwrap()]);
    assert!(
        out.starts_with("rows read 14, kept 10, rejected 4; 12 events in"),
        "{out}"
    );
    let p = profile(&env, &["MAR", "--from", "2019", "--to", "2019"]);
    let coop = channel(&p, "events_coop").expect("events_coop channel");
    for (k, (want, n)) in [(1.0, 2), (-1.0, 1), (1.0, 2), (0.5, 4)]
        .into_iter()
        .enumerate()
    {
        close(
            &coop["values"][k][0],
            want,
            &format!("net cooperation pole {k}"),
        );
        assert_eq!(coop["counts"][k][0], n, "events with pole {k}");
    }
    let sec = channel(&p, "events_security").expect("events_security channel");
    for (k, (want, n)) in [(0.5, 1), (0.0, 0), (0.5, 1), (0.0, 0)]
        .into_iter()
        .enumerate()
    {
        close(
            &sec["values"][k][0],
            want,
            &format!("security share pole {k}"),
        );
        assert_eq!(sec["counts"][k][0], n, "security ties with pole {k}");
    }
}
