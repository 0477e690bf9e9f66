//! `multipolar system`: blocs computed from the votes, not asserted.

use serde_json::Value;

use crate::util::TestEnv;

fn bloc_of<'a>(rows: &'a [Value], year: i64, state: &str) -> &'a Value {
    rows.iter()
        .find(|r| {
            r["year"] == year
                && r["members"]
                    .as_str()
                    .unwrap()
                    .split(' ')
                    .any(|m| m == state)
        })
        .unwrap_or_else(|| panic!("{state} in no bloc in {year}"))
}

#[test]
fn the_soviet_bloc_is_one_community_in_the_1970s() {
    let env = TestEnv::new();
    let v = env.json(&["system", "--from", "1970", "--to", "1979"]);
    let rows = v["rows"].as_array().unwrap();
    for year in 1970..=1979 {
        let soviet = bloc_of(rows, year, "RUS");
        for m in ["UKR", "BLR", "POL", "CSK", "HUN", "BGR", "GDR", "MNG"] {
            if year < 1973 && m == "GDR" {
                continue; // both Germanies joined the UN in September 1973
            }
            assert_eq!(bloc_of(rows, year, m)["bloc"], soviet["bloc"], "{m} {year}");
        }
        assert_ne!(bloc_of(rows, year, "USA")["bloc"], soviet["bloc"], "{year}");
        // Named after the member with the largest CINC: the USSR.
        assert_eq!(soviet["anchor"], "RUS", "{year}");
    }
    // Labels follow blocs: the Soviet bloc keeps its label through the decade.
    let first = &bloc_of(rows, 1970, "RUS")["bloc"];
    assert!((1970..=1979).all(|y| &bloc_of(rows, y, "RUS")["bloc"] == first));
    // Every voting state is in exactly one bloc each year.
    let n1975: u64 = rows
        .iter()
        .filter(|r| r["year"] == 1975)
        .map(|r| r["size"].as_u64().unwrap())
        .sum();
    let members: usize = rows
        .iter()
        .filter(|r| r["year"] == 1975)
        .map(|r| r["members"].as_str().unwrap().split(' ').count())
        .sum();
    assert_eq!(n1975 as usize, members);
    assert!(n1975 > 130);
}

#[test]
fn bad_years_teach() {
    let env = TestEnv::new();
    let e = env.fails(&["system", "--year", "1900"]);
    assert!(e.contains("1900"), "{e}");
    let e = env.usage(&["system", "--from", "1990", "--to", "1980"]);
    assert!(e.contains("--from 1990 is after --to 1980"), "{e}");
    let e = env.usage(&["system", "--year", "1990", "--resolution=-1"]);
    assert!(e.contains("--resolution"), "{e}");
}
