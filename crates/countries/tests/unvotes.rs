//! Every (country, country_code) pair of the UN General Assembly votes (Voeten data via the
//! `unvotes` package, in the shared data folder) resolves at every vote date to the right COW
//! state: by ISO2 code at the vote's year (by name where the code is empty), as the loader in
//! `multipolar-data` does, and at the exact date.
//!
//! Expected COW codes: the hand-written table below for the historical entities (from the COW
//! state list and the README of the shared data), and for every other pair the `cown` of the
//! pair's ISO2 code in the shared (unmodified) countrycode code list.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fs::File;
use std::io::BufReader;

use flate2::read::GzDecoder;
use multipolar_countries::{Date, Registry};

const SHARED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data/");

/// Historical and legacy entries: (country, country_code) → COW code.
const EXPECTED: &[(&str, &str, u16)] = &[
    ("Federal Republic of Germany", "", 260),
    ("Yemen Arab Republic", "", 678),
    ("Zanzibar", "", 511),
    ("German Democratic Republic", "DD", 265),
    ("Yemen People's Republic", "YD", 680),
    ("Czechoslovakia", "CS", 315),
    ("Yugoslavia", "YU", 345), // voted to 2020 as "Yugoslavia": COW 345 continues as Serbia
    ("Germany", "DE", 255),    // from 1991-10-03: unified Germany
    ("Yemen", "YE", 679),      // from 1991: unified Yemen
    ("Russia", "RU", 365),     // from 1946: the Soviet Union's seat is COW 365 throughout
    ("Belarus", "BY", 370),    // Byelorussian SSR seat from 1946 (COW 370 from 1991)
    ("Ukraine", "UA", 369),    // Ukrainian SSR seat from 1946 (COW 369 from 1991)
    ("Taiwan", "TW", 713),     // the China seat to 1971; the registry names the state, not the seat
    ("China", "CN", 710),
    ("Czechia", "CZ", 316),
    ("Vietnam", "VN", 816),
    ("Myanmar (Burma)", "MM", 775),
    ("Congo - Kinshasa", "CD", 490),
    ("Namibia", "NA", 565),
    ("Timor-Leste", "TL", 860),
    ("Benin", "BJ", 434),
    ("Burkina Faso", "BF", 439),
    ("Zimbabwe", "ZW", 552),
    ("Vanuatu", "VU", 935),
];

fn gz_csv(name: &str) -> csv::Reader<GzDecoder<BufReader<File>>> {
    let path = format!("{SHARED}{name}");
    let f = File::open(&path)
        .unwrap_or_else(|e| panic!("{path}: {e} (tests read the shared data folder)"));
    csv::Reader::from_reader(GzDecoder::new(BufReader::new(f)))
}

fn column(rdr: &mut csv::Reader<GzDecoder<BufReader<File>>>, name: &str) -> usize {
    rdr.headers()
        .unwrap()
        .iter()
        .position(|h| h == name)
        .unwrap()
}

/// (country, code) → set of vote dates.
fn vote_pairs() -> BTreeMap<(String, String), BTreeSet<Date>> {
    let mut rc = gz_csv("unga_roll_calls_unvotes.csv.gz");
    let (ci, cd) = (column(&mut rc, "rcid"), column(&mut rc, "date"));
    let dates: HashMap<String, Date> = rc
        .records()
        .map(|r| r.unwrap())
        .map(|r| (r[ci].to_string(), r[cd].parse().unwrap()))
        .collect();
    let mut v = gz_csv("unga_votes_unvotes.csv.gz");
    let (ri, rn, rcode) = (
        column(&mut v, "rcid"),
        column(&mut v, "country"),
        column(&mut v, "country_code"),
    );
    let mut pairs: BTreeMap<(String, String), BTreeSet<Date>> = BTreeMap::new();
    let mut rec = csv::StringRecord::new();
    while v.read_record(&mut rec).unwrap() {
        let d = dates[&rec[ri]];
        pairs
            .entry((rec[rn].to_string(), rec[rcode].to_string()))
            .or_default()
            .insert(d);
    }
    pairs
}

/// ISO2 → COW code from the shared code list (empty `cown` skipped).
fn codelist_iso2_cown() -> HashMap<String, u16> {
    let mut cl = gz_csv("country_codes_codelist.csv.gz");
    let (i2, cn) = (column(&mut cl, "iso2c"), column(&mut cl, "cown"));
    cl.records()
        .map(|r| r.unwrap())
        .filter(|r| !r[i2].is_empty() && !r[cn].is_empty())
        .map(|r| (r[i2].to_string(), r[cn].parse().unwrap()))
        .collect()
}

#[test]
fn every_un_vote_pair_resolves_at_every_vote_date() {
    let reg = Registry::global();
    let pairs = vote_pairs();
    assert_eq!(
        pairs.len(),
        200,
        "the votes file has 200 (country, code) pairs"
    );
    let from_codelist = codelist_iso2_cown();
    let table: HashMap<(&str, &str), u16> =
        EXPECTED.iter().map(|&(n, c, cow)| ((n, c), cow)).collect();
    let mut checked = 0usize;
    let mut failures = Vec::new();
    for ((name, code), dates) in &pairs {
        let expected = table
            .get(&(name.as_str(), code.as_str()))
            .copied()
            .or_else(|| from_codelist.get(code).copied())
            .unwrap_or_else(|| {
                panic!("no expectation for ({name:?}, {code:?}): add it to EXPECTED")
            });
        let want = reg
            .by_cow(expected)
            .unwrap_or_else(|| panic!("COW {expected} missing"));
        let years: BTreeSet<i32> = dates.iter().map(|d| d.year).collect();
        for &y in &years {
            // As the data loader does: ISO2 at the vote's year, name where the code is empty.
            let got = if code.is_empty() {
                reg.by_name(name, Some(y))
            } else {
                reg.by_iso2(code, Some(y))
            };
            if got != Some(want) {
                failures.push(format!(
                    "({name:?}, {code:?}) in {y}: {got:?}, want COW {expected}"
                ));
            }
            // The name alone agrees with the code.
            if reg.by_name(name, Some(y)) != Some(want) {
                failures.push(format!(
                    "name {name:?} in {y}: {:?}, want COW {expected}",
                    reg.by_name(name, Some(y))
                ));
            }
        }
        for &d in dates {
            let q = if code.is_empty() {
                format!("name:{name}")
            } else {
                format!("iso2:{code}")
            };
            match reg.resolve_on(&q, d) {
                Ok(id) if id == want => {}
                other => failures.push(format!("{q} on {d}: {other:?}, want COW {expected}")),
            }
            checked += 1;
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(
        checked > 6000,
        "checked {checked} (pair, date) combinations"
    );
    // Every historical expectation was used: the table matches the file.
    for &(n, c, _) in EXPECTED {
        assert!(
            pairs.contains_key(&(n.to_string(), c.to_string())),
            "({n:?}, {c:?}) not in the votes file"
        );
    }
}

#[test]
fn legacy_codes_of_the_votes_file() {
    let reg = Registry::global();
    let cow = |c| reg.by_cow(c);
    // Empty codes go by name.
    assert_eq!(
        reg.by_name("Federal Republic of Germany", Some(1980)),
        cow(260)
    );
    assert_eq!(
        reg.by_name("Federal Republic of Germany", Some(1990)),
        cow(260)
    );
    assert_eq!(reg.by_name("Yemen Arab Republic", Some(1980)), cow(678));
    assert_eq!(reg.by_name("Yemen Arab Republic", Some(1990)), cow(678));
    assert_eq!(reg.by_name("Zanzibar", Some(1963)), cow(511));
    // Legacy ISO2 codes hand-assigned in unvotes.
    assert_eq!(reg.by_iso2("CS", Some(1950)), cow(315));
    assert_eq!(reg.by_iso2("YU", Some(1950)), cow(345));
    assert_eq!(reg.by_iso2("YU", Some(2019)), cow(345));
    assert_eq!(reg.by_iso2("DD", Some(1975)), cow(265));
    assert_eq!(reg.by_iso2("YD", Some(1975)), cow(680));
    assert_eq!(reg.by_iso2("DE", Some(1991)), cow(255));
    assert_eq!(reg.by_iso2("NA", Some(1990)), cow(565));
}
