//! Contiguity and minimum distance on the real files: dyads checked by hand against the
//! rows of the shared COW contiguity v3.2 and CShapes 2.0 files (quoted below), counts
//! recomputed from the shared file with Python's csv module, and symmetry.

use multipolar_data::csvsrc::Source;
use multipolar_dependence::geography::{Contiguity, read_mindist};

const MINDIST: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/data/cshapes_mindist_cow_ndy.csv.gz"
);

#[test]
fn hand_checked_dyads() {
    let c = Contiguity::bundled().unwrap();
    assert_eq!(c.span(), (1816, 2016));
    for (a, b, year, want) in [
        // `2,20,1,1920-01-01,2016-12-01`: USA–Canada land border from Canada's entry.
        (2, 20, 1920, 1),
        (2, 20, 2016, 1),
        // `2,365,0,1816-01-01,1958-12-01` then `2,365,2,1959-01-01,…`: Alaska's
        // statehood puts the USA within 12 miles of Russia.
        (2, 365, 1958, 0),
        (2, 365, 1959, 2),
        // `210,220,1,1816-01-01,1830-12-01` and `210,220,5,1830-12-01,1940-07-01`:
        // Belgium's independence separates the Netherlands from France; 1830 keeps
        // the closer type.
        (210, 220, 1830, 1),
        (210, 220, 1831, 5),
        // `255,310,0,1918-11-01,2016-12-01` overlaps `255,310,1,1938-03-01,
        // 1945-05-01` (the Anschluss border): the type-0 envelope does not erase it.
        (255, 310, 1940, 1),
        (255, 310, 1946, 0),
        // `200,220,3,…,1940-06-01`, `200,220,0,1940-07-01,1942-11-01`,
        // `200,220,3,1944-08-01,…`: UK–France across the Channel, interrupted by
        // the occupation.
        (200, 220, 1940, 3),
        (200, 220, 1943, 0),
        (200, 220, 1944, 3),
    ] {
        assert_eq!(c.conttype(a, b, year), Some(want), "{a}–{b} {year}");
        assert_eq!(c.conttype(b, a, year), Some(want), "{b}–{a} {year}");
    }
    assert_eq!(c.conttype(2, 20, 2017), None);
}

#[test]
fn yearly_counts_match_the_file() {
    // Python over the shared file: per non-directed dyad-year the lowest type 1–5 of
    // the spells whose start year ≤ year ≤ end year. 2016: 316 land, 13 type 2,
    // 12 type 3, 79 type 4, 136 type 5; 1816: 36, 4, 3, 9, 8.
    let c = Contiguity::bundled().unwrap();
    for (year, want) in [(1816, [36, 4, 3, 9, 8]), (2016, [316, 13, 12, 79, 136])] {
        let mut got = [0; 5];
        for a in 1..1000u16 {
            for b in a + 1..1000 {
                let t = c.conttype(a, b, year).unwrap();
                assert_eq!(t, c.conttype(b, a, year).unwrap(), "{a}–{b} {year}");
                if t > 0 {
                    got[usize::from(t) - 1] += 1;
                }
            }
        }
        assert_eq!(got, want, "{year}");
    }
}

#[test]
fn users_mindist_file() {
    // CShapes rows `2,365,1959,3243.442`, `2,365,1960,79.978`, `2,20,1921,0.0`;
    // 952,244 dyad-years in the file.
    let m = read_mindist(Source::open(MINDIST.as_ref()).unwrap()).unwrap();
    assert_eq!(m.len(), 952_244);
    assert_eq!(m.km(2, 365, 1959), Some(3243.442));
    assert_eq!(m.km(365, 2, 1960), Some(79.978));
    assert_eq!(m.km(20, 2, 1921), Some(0.0));
    assert_eq!(m.km(2, 20, 1920), None);
}
