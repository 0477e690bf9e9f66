//! `multipolar country`: time-aware lookups through the binary.

use crate::util::TestEnv;

#[test]
fn year_picks_the_entity_that_existed() {
    let env = TestEnv::new();
    let out = env.ok(&["country", "DEU", "--year", "1980"]);
    assert!(
        out.starts_with("# country: German Federal Republic (GFR)"),
        "{out}"
    );
    let out = env.ok(&["country", "DEU", "--year", "2000"]);
    assert!(out.starts_with("# country: Germany (DEU)"), "{out}");
    let out = env.ok(&["country", "365", "--year", "1980"]);
    assert!(out.starts_with("# country: Soviet Union (RUS)"), "{out}");
    assert!(out.contains("SUN"), "lists the former ISO code: {out}");
    let out = env.ok(&["country", "NA"]);
    assert!(out.starts_with("# country: Namibia (NAM)"), "{out}");
}

#[test]
fn unknown_country_suggests() {
    let env = TestEnv::new();
    let e = env.fails(&["country", "Marroco"]);
    assert!(e.contains("did you mean") && e.contains("Morocco"), "{e}");
}
