//! Checks against the original files in the shared data folder: every COW state and every
//! Gleditsch–Ward state resolves from its code, the COW–GW crosswalk and the code-list panel
//! agree with the registry, and every code-list name resolves.

use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::BufReader;

use flate2::read::GzDecoder;
use multipolar_countries::{CountryId, Date, Registry};

const SHARED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data/");

/// Rows of a shared gzip CSV as header → value maps.
fn rows(name: &str) -> Vec<HashMap<String, String>> {
    let path = format!("{SHARED}{name}");
    let f = File::open(&path)
        .unwrap_or_else(|e| panic!("{path}: {e} (tests read the shared data folder)"));
    let mut rdr = csv::Reader::from_reader(GzDecoder::new(BufReader::new(f)));
    let h: Vec<String> = rdr.headers().unwrap().iter().map(String::from).collect();
    rdr.records()
        .map(|r| {
            h.iter()
                .cloned()
                .zip(r.unwrap().iter().map(String::from))
                .collect()
        })
        .collect()
}

fn ymd(r: &HashMap<String, String>, y: &str, m: &str, d: &str) -> Date {
    Date::new(
        r[y].parse().unwrap(),
        r[m].parse().unwrap(),
        r[d].parse().unwrap(),
    )
    .unwrap()
}

#[test]
fn every_cow_state_resolves_from_its_code() {
    let reg = Registry::global();
    let states = rows("cow_states2016.csv.gz");
    assert_eq!(states.len(), 243);
    let mut codes = HashSet::new();
    for r in &states {
        let code: u16 = r["ccode"].parse().unwrap();
        codes.insert(code);
        let id = reg
            .by_cow(code)
            .unwrap_or_else(|| panic!("COW {code} {}", r["statenme"]));
        let c = reg.get(id);
        assert_eq!(c.cow(), Some(code));
        assert_eq!(c.cow_abb(), Some(r["stateabb"].as_str()));
        assert_eq!(reg.resolve(&code.to_string(), None).unwrap(), id);
        assert_eq!(reg.resolve(&format!("cow:{code}"), Some(1700)).unwrap(), id);
        let start = ymd(r, "styear", "stmonth", "stday");
        let end = ymd(r, "endyear", "endmonth", "endday");
        assert_eq!(
            reg.resolve_on(&format!("cowc:{}", r["stateabb"]), start)
                .unwrap(),
            id
        );
        let by_name = reg.resolve_on(&format!("name:{}", r["statenme"]), start);
        assert_eq!(by_name.ok(), Some(id), "{}", r["statenme"]);
        assert!(
            c.is_cow_member(start) && c.is_cow_member(end),
            "{code} {start} {end}"
        );
        let spell = c
            .cow_spells()
            .iter()
            .find(|s| s.start == start)
            .expect("spell start");
        let open = end == Date::new(2016, 12, 31).unwrap();
        assert_eq!(spell.end, if open { None } else { Some(end) }, "COW {code}");
    }
    assert_eq!(codes.len(), 217, "217 distinct COW states");
    let total_spells: usize = reg.iter().map(|c| c.cow_spells().len()).sum();
    assert_eq!(total_spells, 243);
}

#[test]
fn every_gw_state_resolves_from_its_code() {
    let reg = Registry::global();
    let states = rows("gw_states.csv.gz");
    assert_eq!(states.len(), 216);
    for r in &states {
        let code: u16 = r["gwcode"].parse().unwrap();
        let start: Date = r["startdate"].parse().unwrap();
        let end: Date = r["enddate"].parse().unwrap();
        for d in [start, end] {
            let id = reg
                .resolve_on(&format!("gw:{code}"), d)
                .unwrap_or_else(|e| panic!("gw:{code} on {d}: {e}"));
            assert!(reg.get(id).is_gw_member(d), "gw:{code} on {d}");
            assert!(
                reg.by_gw(code, Some(d.year)).is_some(),
                "gw {code} {}",
                d.year
            );
            assert_eq!(
                reg.resolve_on(&format!("gwc:{}", r["stateabb"]), d)
                    .unwrap(),
                id
            );
        }
        // Apart from the documented cases, GW n designates COW n throughout.
        let id = reg.resolve_on(&format!("gw:{code}"), start).unwrap();
        let expected_cow = match code {
            340 => Some(345),
            89 | 99 | 563 | 564 | 711 | 815 => None,
            n => Some(n),
        };
        assert_eq!(
            reg.get(id).cow(),
            expected_cow,
            "gw:{code} {}",
            r["statename"]
        );
    }
    // The documented exceptions, at the end of the GW data.
    let last = Date::new(2017, 12, 31).unwrap();
    assert_eq!(
        reg.resolve_on("gw:260", last).unwrap(),
        reg.by_cow(255).unwrap()
    );
    assert_eq!(
        reg.resolve_on("gw:678", last).unwrap(),
        reg.by_cow(679).unwrap()
    );
    assert_eq!(
        reg.resolve_on("gw:340", last).unwrap(),
        reg.by_cow(345).unwrap()
    );
}

#[test]
fn cow_gw_crosswalk_agrees() {
    let reg = Registry::global();
    let xw = rows("cow_gw_crosswalk_panel.csv.gz");
    // (gwcode, year) pairs the crosswalk gives two COW codes (the year of unification).
    let mut seen: HashMap<(u16, i32), HashSet<u16>> = HashMap::new();
    for r in xw
        .iter()
        .filter(|r| !r["gwcode"].is_empty() && !r["ccode"].is_empty())
    {
        let key = (r["gwcode"].parse().unwrap(), r["year"].parse().unwrap());
        seen.entry(key)
            .or_default()
            .insert(r["ccode"].parse().unwrap());
    }
    let mut checked = 0;
    let mut bad = Vec::new();
    for ((gw, year), cows) in &seen {
        if cows.len() > 1 {
            assert!(
                matches!((gw, year), (260, 1990) | (678, 1990)),
                "{gw} {year} {cows:?}"
            );
            continue;
        }
        let cow = *cows.iter().next().unwrap();
        let got = reg.by_gw(*gw, Some(*year));
        if got != reg.by_cow(cow) {
            bad.push(format!(
                "gw {gw} in {year}: {got:?}, crosswalk says COW {cow}"
            ));
        }
        checked += 1;
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
    assert!(checked > 15_000, "{checked}");
}

#[test]
fn code_list_panel_agrees_on_iso3_and_cow() {
    // The panel applies ISO codes to each COW state-year; the registry must give the same state
    // for (ISO3, year), except in 1990, where the panel gives unified Germany for all of 1990 and
    // the registry the state that held DEU for most of the year (the FRG, to 3 October).
    let reg = Registry::global();
    let panel = rows("country_codes_codelist_panel.csv.gz");
    let mut checked = 0;
    let mut bad = Vec::new();
    for r in &panel {
        let (iso3, cown) = (&r["iso3c"], &r["cown"]);
        if iso3.is_empty() || cown.is_empty() {
            continue;
        }
        let year: i32 = r["year"].parse().unwrap();
        if (iso3.as_str(), year) == ("DEU", 1990) {
            assert_eq!(reg.by_iso3("DEU", Some(1990)), reg.by_cow(260));
            continue;
        }
        let want = reg.by_cow(cown.parse().unwrap());
        let got = reg.by_iso3(iso3, Some(year));
        if got != want {
            bad.push(format!("{iso3} {year}: {got:?}, panel says COW {cown}"));
        }
        checked += 1;
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
    assert!(checked > 15_000, "{checked}");
}

#[test]
fn every_code_list_name_and_code_resolves() {
    let reg = Registry::global();
    let dropped = ["Unknown", "Stateless"];
    for r in rows("country_codes_codelist.csv.gz") {
        let name = &r["country.name.en"];
        if dropped.contains(&name.as_str()) {
            assert_eq!(reg.by_name(name, None), None, "{name} is not a country");
            continue;
        }
        let id = reg.by_name(name, None).unwrap_or_else(|| panic!("{name}"));
        let expected: Option<CountryId> = match (r["cown"].parse::<u16>(), r["gwn"].parse::<u16>())
        {
            (Ok(c), _) => reg.by_cow(c),
            (_, Ok(g)) => reg.by_gw(g, None),
            _ => Some(id),
        };
        assert_eq!(Some(id), expected, "{name}");
        for col in [
            "cow.name",
            "iso.name.en",
            "un.name.en",
            "p4.name",
            "vdem.name",
        ] {
            let alias = &r[col];
            if !alias.is_empty() {
                let got = reg.by_name(alias, None);
                // Only the Germany row's names also designate the FRG (1949-1990): without a
                // year they mean unified Germany, like the row.
                assert_eq!(got, Some(id), "{name}: {col} {alias:?}");
            }
        }
        if !r["iso3c"].is_empty() {
            assert_eq!(
                reg.by_iso3(&r["iso3c"], None),
                Some(id),
                "{name} {}",
                r["iso3c"]
            );
            assert_eq!(reg.resolve(&r["iso3c"], None).unwrap(), id, "{name}");
        }
        if !r["iso2c"].is_empty() {
            assert_eq!(
                reg.by_iso2(&r["iso2c"], None),
                Some(id),
                "{name} {}",
                r["iso2c"]
            );
        }
        if let Ok(m49) = r["un"].parse::<u16>() {
            assert_eq!(reg.by_m49(m49, None), Some(id), "{name} m49 {m49}");
        }
    }
}

#[test]
fn name_variants() {
    let reg = Registry::global();
    let cases: &[(&str, u16)] = &[
        ("Ivory Coast", 437),
        ("Côte d'Ivoire", 437),
        ("Cote d'Ivoire", 437),
        ("COTE D’IVOIRE", 437),
        ("Burma", 775),
        ("Myanmar", 775),
        ("DPRK", 731),
        ("North Korea", 731),
        ("Democratic People's Republic of Korea", 731),
        ("Korea, Dem. Rep.", 731),
        ("Republic of Korea", 732),
        ("South Korea", 732),
        ("Korea, Rep.", 732),
        ("UK", 200),
        ("United Kingdom", 200),
        ("Great Britain", 200),
        ("United States of America", 2),
        ("United States", 2),
        ("U.S.A.", 2),
        ("Congo-Kinshasa", 490),
        ("DR Congo", 490),
        ("Democratic Republic of the Congo", 490),
        ("Congo, Dem. Rep.", 490),
        ("Congo-Brazzaville", 484),
        ("Republic of the Congo", 484),
        ("St. Kitts and Nevis", 60),
        ("Saint Kitts & Nevis", 60),
        ("Antigua and Barbuda", 58),
        ("Bosnia-Herzegovina", 346),
        ("Türkiye", 640),
        ("Turkiye", 640),
        ("Iran (Islamic Republic of)", 630),
        ("Viet Nam", 816),
        ("Russian Federation", 365),
        ("Holy See", 327),
        ("East Timor", 860),
        ("Cabo Verde", 402),
        ("Czech Republic", 316),
        ("Slovak Republic", 317),
        ("Macedonia", 343),
        ("The Gambia", 420),
        ("Lao People's Democratic Republic", 812),
        ("Syrian Arab Republic", 652),
        ("Tanzania, United Republic of", 510),
        ("  germany ", 255),
    ];
    for &(q, cow) in cases {
        let id = reg.resolve(q, None).unwrap_or_else(|e| panic!("{q}: {e}"));
        assert_eq!(
            reg.get(id).cow(),
            Some(cow),
            "{q} gave {}",
            reg.get(id).describe()
        );
    }
    for (q, label) in [
        ("Puerto Rico", "PRI"),
        ("Hong Kong", "HKG"),
        ("Palestine", "PSE"),
        ("Greenland", "GRL"),
    ] {
        let id = reg.resolve(q, None).unwrap();
        assert_eq!(reg.get(id).label(), label);
        assert_eq!(reg.get(id).cow(), None);
    }
}

/// The embedded extracts are exact column subsets of the shared files (as `examples/regenerate.rs`
/// writes them): no value changed, no row lost.
#[test]
fn embedded_extracts_match_the_shared_sources() {
    use std::io::Read;
    let extracts: [(&str, &[u8]); 3] = [
        (
            "country_codes_codelist.csv.gz",
            include_bytes!("../data/codelist.csv.gz"),
        ),
        (
            "cow_states2016.csv.gz",
            include_bytes!("../data/cow_states2016.csv.gz"),
        ),
        (
            "gw_states.csv.gz",
            include_bytes!("../data/gw_states.csv.gz"),
        ),
    ];
    for (source, embedded) in extracts {
        let mut text = String::new();
        GzDecoder::new(embedded).read_to_string(&mut text).unwrap();
        let mut rdr = csv::Reader::from_reader(text.as_bytes());
        let cols: Vec<String> = rdr.headers().unwrap().iter().map(String::from).collect();
        let ours: Vec<Vec<String>> = rdr
            .records()
            .map(|r| r.unwrap().iter().map(String::from).collect())
            .collect();
        let theirs: Vec<Vec<String>> = rows(source)
            .into_iter()
            .map(|r| cols.iter().map(|c| r[c].clone()).collect())
            .collect();
        assert_eq!(
            ours, theirs,
            "data/ extract of {source} differs: run examples/regenerate.rs"
        );
    }
}
