//! Structural invariants of the registry: labels, code uniqueness over time, names, errors, speed.

use std::collections::{HashMap, HashSet};
use std::time::Instant;

use multipolar_countries::{Date, Designation, Registry, ResolveError, System, normalize};

fn day(d: Option<Date>, open: i64) -> i64 {
    d.map_or(open, Date::day_number)
}

fn overlaps(a: &Designation, b: &Designation) -> bool {
    day(a.from, i64::MIN) <= day(b.to, i64::MAX) && day(b.from, i64::MIN) <= day(a.to, i64::MAX)
}

#[test]
fn labels_are_unique_and_resolve_back() {
    let reg = Registry::global();
    let mut seen = HashSet::new();
    for c in reg.iter() {
        let l = c.label();
        assert!(!l.is_empty() && l.len() <= 6, "{l:?}");
        assert!(
            l.bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()),
            "{l:?}"
        );
        assert!(seen.insert(l.to_string()), "label {l} used twice");
        assert_eq!(reg.by_label(l), Some(c.id()));
        assert_eq!(reg.resolve(l, None).unwrap(), c.id(), "label {l}");
        assert_eq!(c.id().to_string(), l);
    }
    assert_eq!(seen.len(), reg.len());
}

#[test]
fn label_rule() {
    let reg = Registry::global();
    for c in reg.iter() {
        match c.iso3() {
            // A current ISO3 code is the label.
            Some(iso3) => assert_eq!(c.label(), iso3, "{}", c.describe()),
            // Otherwise the COW letter code where it is no country's ISO3 code.
            None => {
                if let Some(abb) = c.cow_abb()
                    && reg.by_iso3(abb, None).is_none()
                {
                    assert_eq!(c.label(), abb, "{}", c.describe());
                }
            }
        }
    }
    let label = |cow| reg.get(reg.by_cow(cow).unwrap()).label().to_string();
    assert_eq!(
        [
            label(260),
            label(678),
            label(680),
            label(265),
            label(315),
            label(365),
            label(345)
        ],
        ["GFR", "YAR", "YPR", "GDR", "CSK", "RUS", "SRB"]
    );
}

#[test]
fn no_code_designates_two_countries_at_once() {
    let reg = Registry::global();
    let mut by_code: HashMap<(System, String), Vec<(usize, &Designation)>> = HashMap::new();
    for c in reg.iter() {
        for d in c.designations() {
            let key = if d.system.is_name() {
                (System::Name, normalize(&d.value))
            } else {
                (d.system, d.value.clone())
            };
            by_code.entry(key).or_default().push((c.id().index(), d));
        }
    }
    let mut clashes = Vec::new();
    for ((sys, value), ds) in &by_code {
        for (i, (a, da)) in ds.iter().enumerate() {
            for (b, db) in &ds[i + 1..] {
                if a != b && overlaps(da, db) {
                    clashes.push(format!("{sys}:{value}: {da} / {db}"));
                }
            }
        }
    }
    clashes.sort();
    assert!(clashes.is_empty(), "{}", clashes.join("\n"));
}

#[test]
fn each_country_has_consistent_names_and_codes() {
    let reg = Registry::global();
    assert!(reg.len() > 280 && reg.len() < 300, "{}", reg.len());
    for c in reg.iter() {
        assert!(!c.name().is_empty());
        // Display-name periods and the codes of one system do not overlap inside a country.
        for sys in [
            System::Name,
            System::Iso2,
            System::Iso3,
            System::M49,
            System::Cow,
            System::Gw,
        ] {
            let ds: Vec<&Designation> = c
                .designations()
                .iter()
                .filter(|d| d.system == sys)
                .collect();
            for (i, a) in ds.iter().enumerate() {
                for b in &ds[i + 1..] {
                    assert!(!overlaps(a, b), "{}: {a} / {b}", c.describe());
                }
            }
        }
        for d in c.designations() {
            if let (Some(f), Some(t)) = (d.from, d.to) {
                assert!(f <= t, "{}: {d}", c.describe());
            }
        }
        assert_eq!(c.cow().is_some(), c.cow_abb().is_some(), "{}", c.describe());
        assert_eq!(
            c.cow().is_some(),
            !c.cow_spells().is_empty(),
            "{}",
            c.describe()
        );
        assert_eq!(reg.get(c.id()).id(), c.id());
        assert_eq!(reg[c.id()].label(), c.label());
    }
}

#[test]
fn errors_teach() {
    let reg = Registry::global();
    let e = reg.resolve("Marroco", None).unwrap_err();
    assert_eq!(
        e.to_string(),
        "unknown country \"Marroco\"; did you mean Morocco (MAR, COW 600)?"
    );
    match reg.resolve("Swizerland", Some(2000)) {
        Err(ResolveError::Unknown { suggestions, .. }) => {
            assert_eq!(suggestions, ["Switzerland (CHE, COW 225)"])
        }
        other => panic!("{other:?}"),
    }
    match reg.resolve("Soviet Onion", None) {
        Err(ResolveError::Unknown { suggestions, .. }) => {
            assert_eq!(suggestions, ["Soviet Union (RUS, COW 365)"])
        }
        other => panic!("{other:?}"),
    }
    match reg.resolve("xqzxqz", None) {
        Err(ResolveError::Unknown { suggestions, .. }) => assert!(suggestions.is_empty()),
        other => panic!("{other:?}"),
    }
    // A number that is no COW code: where it is a code.
    let e = reg.resolve("340", None).unwrap_err();
    assert!(
        e.to_string().contains("gw:340 = Serbia (SRB, COW 345)"),
        "{e}"
    );
    let e = reg.resolve("foo:12", None).unwrap_err();
    assert!(
        matches!(&e, ResolveError::BadPrefix { prefix, .. } if prefix == "foo"),
        "{e:?}"
    );
    assert!(
        e.to_string()
            .contains("cow:, cowc:, iso2:, iso3:, gw:, gwc:, m49: or name:")
    );
    let e = reg.resolve("DEU", Some(1947)).unwrap_err();
    assert_eq!(
        e.to_string(),
        "\"DEU\" names no country in 1947; it names German Federal Republic (GFR, COW 260) or \
         Germany (DEU, COW 255) at other times: give a year when it existed or use a code"
    );
    assert!(matches!(
        reg.resolve("cow:9999", None),
        Err(ResolveError::Unknown { .. })
    ));
    assert!(matches!(
        reg.resolve("cow:abc", None),
        Err(ResolveError::Unknown { .. })
    ));
    assert!(matches!(
        reg.resolve("iso3:ZZZ", None),
        Err(ResolveError::Unknown { .. })
    ));
}

#[test]
fn prefixes_force_a_system() {
    let reg = Registry::global();
    let cow = |c| reg.by_cow(c).unwrap();
    assert_eq!(reg.resolve("cow:260", Some(2000)).unwrap(), cow(260));
    assert_eq!(reg.resolve("COW:260", None).unwrap(), cow(260));
    assert_eq!(reg.resolve("cowc:AUS", None).unwrap(), cow(305));
    assert_eq!(reg.resolve("iso3:AUS", None).unwrap(), cow(900));
    assert_eq!(reg.resolve("iso2:NA", None).unwrap(), cow(565));
    assert_eq!(reg.resolve("gw:260", Some(2000)).unwrap(), cow(255));
    assert_eq!(reg.resolve("gwc:GFR", Some(1980)).unwrap(), cow(260));
    assert_eq!(reg.resolve("m49:504", None).unwrap(), cow(600));
    assert_eq!(reg.resolve("un:504", None).unwrap(), cow(600));
    assert_eq!(reg.resolve("m49:810", Some(1980)).unwrap(), cow(365));
    assert_eq!(reg.resolve("m49:280", None).unwrap(), cow(260));
    assert_eq!(reg.resolve("name:Georgia", None).unwrap(), cow(372));
    assert_eq!(reg.resolve("name: Niger ", None).unwrap(), cow(436));
    // Bare three letters that are a name, not a code.
    assert_eq!(reg.resolve("UAE", None).unwrap(), cow(696));
    // An unambiguous code falls back to its one country outside its periods.
    assert_eq!(reg.by_m49(276, Some(1980)), Some(cow(255)));
    assert_eq!(reg.by_m49(276, Some(2000)), Some(cow(255)));
    assert_eq!(reg.by_m49(280, Some(1980)), Some(cow(260)));
}

#[test]
fn registry_loads_fast() {
    let t = Instant::now();
    let reg = Registry::build();
    let took = t.elapsed();
    assert!(reg.len() > 280);
    // 50 ms is the release budget; test builds are less optimised.
    let budget = if cfg!(debug_assertions) { 400 } else { 50 };
    assert!(
        took.as_millis() < budget,
        "building the registry took {took:?}"
    );
}
