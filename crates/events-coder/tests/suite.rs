//! The PETRARCH unit-test suite (openeventdata/petrarch2 @676801c, MIT), coded from the
//! raw `<Text>` with the suite's own PETR.Validate.* dictionaries.

use std::path::Path;

use multipolar_coder::Coder;
use multipolar_coder::suite::Suite;

const SUITE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/events/petrarch-unittest/PETR.UnitTest.records.xml"
);

#[test]
fn petrarch_unit_tests() {
    let path = Path::new(SUITE);
    if !path.exists() {
        eprintln!("skipped: {SUITE} not present");
        return;
    }
    let suite = Suite::read(path).unwrap();
    // 284 records per shared/research/events.md §3.
    assert_eq!(suite.records.len(), 284);
    let coder = Coder::new(suite.dictionaries(path.parent().unwrap()).unwrap()).unwrap();
    let (scores, per) = suite.score(&coder);
    for (cat, s) in &scores {
        eprintln!(
            "{:10} {:3}/{:3} {:5.1}% missed {:3} extra {:3}",
            if cat.is_empty() { "OVERALL" } else { cat },
            s.correct,
            s.records,
            s.percent(),
            s.missed,
            s.extra
        );
    }
    if std::env::var_os("SUITE_VERBOSE").is_some() {
        for (id, ok) in per {
            eprintln!("{} {id}", if ok { "ok  " } else { "FAIL" });
        }
    }
    let overall = scores[""];
    // Floor pinned at the achieved figure (see the crate's PROVENANCE/README notes).
    assert!(
        overall.percent() >= FLOOR,
        "overall {:.1}% below floor {FLOOR}%",
        overall.percent()
    );
}

// 245/284 = 86.3 %: VERB-10 ("it should have acted against Libya") expects an event that
// the precision rules drop on purpose (a modal of possibility is no act).
const FLOOR: f64 = 86.2;
