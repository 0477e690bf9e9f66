//! Every bad input of `fixtures/README.md` gives its error, with file, line and field.

use std::path::{Path, PathBuf};

use multipolar_countries::Registry;
use multipolar_data::csvsrc::Source;
use multipolar_data::{DataError, Vote, undl, unvotes};

fn fx(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn read(votes: &str, roll_calls: &str) -> Result<multipolar_data::VoteTable, DataError> {
    unvotes::read_unvotes(
        Source::open(&fx(votes))?,
        Source::open(&fx(roll_calls))?,
        Source::open(&fx("issues.csv"))?,
    )
}

fn err(votes: &str, roll_calls: &str) -> String {
    read(votes, roll_calls).expect_err("must fail").to_string()
}

#[test]
fn valid_fixture_reads_with_namibia_and_the_frg() {
    let t = read("votes.csv", "roll_calls.csv").unwrap();
    assert_eq!(t.roll_calls().len(), 2);
    assert_eq!(t.n_ballots(), 6);
    let reg = Registry::global();
    let cows: Vec<Option<u16>> = t
        .ballots(0)
        .iter()
        .map(|b| reg.get(b.country).cow())
        .collect();
    for c in [2, 600, 565, 260] {
        assert!(cows.contains(&Some(c)), "COW {c} in {cows:?}");
    }
    let rc = &t.roll_calls()[1];
    assert_eq!(rc.important, Some(true));
    assert_eq!(rc.amend, None);
    assert!(rc.issues.contains(multipolar_data::Issue::MiddleEast));
    assert!(t.ballots(1).iter().all(|b| b.vote == Vote::No));
}

#[test]
fn unknown_vote_code_names_line_and_field() {
    let e = err("votes_unknown_code.csv", "roll_calls.csv");
    assert!(e.ends_with("votes_unknown_code.csv:3: field \"vote\": unknown vote \"7\" (expected yes, abstain or no; absences have no row)"), "{e}");
}

#[test]
fn duplicate_vote_is_refused() {
    let e = err("votes_duplicate.csv", "roll_calls.csv");
    assert!(e.contains("votes_duplicate.csv:4: duplicate vote: United States already voted \"yes\" on roll call 1"), "{e}");
}

#[test]
fn unknown_country_is_refused() {
    let e = err("votes_unknown_country.csv", "roll_calls.csv");
    assert!(
        e.contains(
            "votes_unknown_country.csv:3: field \"country_code\": unknown ISO2 country code \"QQ\""
        ),
        "{e}"
    );
}

#[test]
fn missing_column_lists_the_header() {
    let e = err("votes_missing_column.csv", "roll_calls.csv");
    assert!(
        e.contains("missing column \"vote\" (the header has: rcid, country, country_code)"),
        "{e}"
    );
}

#[test]
fn truncated_gzip_is_reported() {
    let e = err("votes_truncated.csv.gz", "roll_calls.csv");
    assert!(
        e.contains("votes_truncated.csv.gz") && e.contains("truncated"),
        "{e}"
    );
}

#[test]
fn bad_date_names_the_field() {
    let e = err("votes.csv", "roll_calls_bad_date.csv");
    assert!(e.contains("roll_calls_bad_date.csv:2: field \"date\": expected a date YYYY-MM-DD, found \"1991-13-01\""), "{e}");
}

fn undl(name: &str) -> Result<multipolar_data::VoteTable, DataError> {
    undl::read_undl(Source::open(&fx(name))?)
}

#[test]
fn undl_layouts_2025_and_2026_read_alike() {
    let a = undl("undl_2026.csv").unwrap();
    let b = undl("undl_2025.csv").unwrap();
    assert_eq!(a.roll_calls(), b.roll_calls());
    assert_eq!(a.roll_calls().len(), 3);
    // Namibia's X is non-voting: 11 rows, 10 ballots.
    assert_eq!(a.n_ballots(), 10);
    let es = a
        .roll_calls()
        .iter()
        .find(|r| r.resolution == "A/RES/ES-11/1")
        .unwrap();
    assert_eq!(es.session_label.as_deref(), Some("ES-11"));
    // 2 March 2022 falls in the 76th regular session (Sept 2021 – Sept 2022).
    assert_eq!(es.session, 76);
    let reg = Registry::global();
    let russia = reg.by_cow(365).unwrap();
    assert!(
        a.ballots(2)
            .iter()
            .any(|b| b.country == russia && b.vote == Vote::No)
    );
}

#[test]
fn undl_bad_vote_and_unknown_country() {
    let e = undl("undl_bad_vote.csv").unwrap_err().to_string();
    assert!(
        e.contains("undl_bad_vote.csv:5: field \"ms_vote\": unknown vote code \"Z\""),
        "{e}"
    );
    let e = undl("undl_unknown_country.csv").unwrap_err().to_string();
    assert!(
        e.contains(
            "undl_unknown_country.csv:5: field \"ms_code\": unknown ISO3 country code \"XXX\""
        ),
        "{e}"
    );
    let e = undl("undl_truncated_row.csv").unwrap_err().to_string();
    assert!(
        e.contains("undl_truncated_row.csv:4: expected 20 fields, found"),
        "{e}"
    );
}

#[test]
fn bundled_data_load_with_published_counts() {
    // Counts from shared/data/README.md §1: 870,109 country-votes on 6,203 roll calls.
    let t = unvotes::bundled().unwrap();
    assert_eq!(t.roll_calls().len(), 6203);
    assert_eq!(t.n_ballots(), 870_109);
    let (first, last) = t.date_range().unwrap();
    assert_eq!(
        (first.to_string(), last.to_string()),
        ("1946-01-01".into(), "2020-01-14".into())
    );
    // Vote split from the same README: yes 693,664, abstain 110,897, no 65,548.
    let mut split = [0usize; 3];
    for i in 0..t.roll_calls().len() {
        for b in t.ballots(i) {
            split[usize::from(b.vote.level())] += 1;
        }
    }
    assert_eq!(split, [693_664, 110_897, 65_548]);
}
