//! The historical identity cases, in both directions: query → id, and id → names and codes in a
//! year. Expected values are from COW/GW, ISO 3166-3 and the historical record, not from the code.

use multipolar_countries::{CountryId, Date, Registry, ResolveError};

fn reg() -> &'static Registry {
    Registry::global()
}

fn cow(code: u16) -> CountryId {
    reg()
        .by_cow(code)
        .unwrap_or_else(|| panic!("COW {code} missing"))
}

/// Asserts that `query` at `year` resolves to COW `expected`.
#[track_caller]
fn resolves(query: &str, year: Option<i32>, expected: u16) {
    match reg().resolve(query, year) {
        Ok(id) => assert_eq!(
            reg().get(id).cow(),
            Some(expected),
            "{query:?} at {year:?} gave {}",
            reg().get(id).describe()
        ),
        Err(e) => panic!("{query:?} at {year:?}: {e}"),
    }
}

fn date(s: &str) -> Date {
    s.parse().unwrap()
}

#[test]
fn soviet_union_and_russia_are_one_state() {
    for q in [
        "RUS",
        "SUN",
        "USSR",
        "Soviet Union",
        "Russia",
        "365",
        "RU",
        "SU",
        "Russian Federation",
        "cow:365",
        "gw:365",
    ] {
        for y in [None, Some(1950), Some(1980), Some(2000)] {
            resolves(q, y, 365);
        }
    }
    let ussr = reg().get(cow(365));
    assert_eq!(ussr.name_in(1980), "Soviet Union");
    assert_eq!(ussr.name_in(2000), "Russia");
    assert_eq!(
        ussr.name_in(1991),
        "Soviet Union",
        "dissolved 1991-12-25, most of 1991 is Soviet"
    );
    assert_eq!(ussr.name_in(1900), "Russia");
    assert_eq!(ussr.name(), "Russia");
    assert_eq!(ussr.label(), "RUS");
    assert_eq!(ussr.iso3_in(1980), Some("SUN"));
    assert_eq!(ussr.iso2_in(1980), Some("SU"));
    assert_eq!(ussr.iso3_in(2000), Some("RUS"));
    assert_eq!(ussr.iso2_in(2000), Some("RU"));
    assert_eq!(ussr.m49_in(1980), Some(810));
    assert_eq!(ussr.m49(), Some(643));
    assert_eq!(ussr.gw_in(1980), Some(365));
    assert!(ussr.is_cow_member(date("1816-01-01")) && ussr.is_cow_member(date("2016-12-31")));
    assert_eq!(ussr.cow_spells().len(), 1, "one uninterrupted COW spell");
    assert_eq!(ussr.cow_spells()[0].end, None);
}

#[test]
fn germany_255_260_265() {
    // Query → id.
    for q in ["DEU", "DE", "Germany"] {
        resolves(q, Some(1980), 260);
        resolves(q, Some(2000), 255);
        resolves(q, Some(1930), 255);
        resolves(q, None, 255);
    }
    resolves("gw:260", Some(2000), 255);
    resolves("gw:260", Some(1980), 260);
    resolves("gw:255", Some(1900), 255);
    for q in [
        "West Germany",
        "Federal Republic of Germany",
        "GFR",
        "260",
        "cow:260",
        "German Federal Republic",
        "FRG",
    ] {
        for y in [None, Some(1960), Some(1980), Some(2000)] {
            resolves(q, y, 260);
        }
    }
    for q in [
        "German Democratic Republic",
        "East Germany",
        "GDR",
        "DDR",
        "DD",
        "265",
        "gw:265",
    ] {
        for y in [None, Some(1960), Some(1980), Some(2000)] {
            resolves(q, y, 265);
        }
    }
    resolves("GMY", Some(1980), 255);
    resolves("Prussia", Some(1850), 255);
    // Exact days around reunification (1990-10-03).
    let r = reg();
    assert_eq!(r.resolve_on("DEU", date("1990-10-02")).unwrap(), cow(260));
    assert_eq!(r.resolve_on("DEU", date("1990-10-03")).unwrap(), cow(255));
    assert_eq!(
        r.resolve_on("gw:260", date("1990-10-03")).unwrap(),
        cow(255)
    );
    // 1947: no German state; DEU is ambiguous between the two.
    match r.resolve("DEU", Some(1947)) {
        Err(ResolveError::NotInYear {
            year: 1947,
            candidates,
            ..
        }) => assert_eq!(candidates.len(), 2),
        other => panic!("{other:?}"),
    }
    // Id → names and codes.
    let (gmy, gfr, gdr) = (r.get(cow(255)), r.get(cow(260)), r.get(cow(265)));
    assert_eq!(gmy.name_in(1930), "Germany");
    assert_eq!(gmy.name_in(2000), "Germany");
    assert_eq!(gmy.name_in(1850), "Prussia");
    assert_eq!(gmy.iso3_in(2000), Some("DEU"));
    assert_eq!(gmy.iso3_in(1970), None, "no unified Germany in 1970");
    assert_eq!(
        gmy.gw_in(2000),
        Some(260),
        "GW keeps 260 for unified Germany"
    );
    assert_eq!(gmy.gw_in(1900), Some(255));
    assert_eq!(gmy.label(), "DEU");
    assert_eq!(gmy.cow_abb(), Some("GMY"));
    assert_eq!(gmy.cow_spells().len(), 2);
    assert!(!gmy.is_cow_member(date("1980-01-01")));
    assert!(gmy.is_cow_member(date("1990-10-03")));
    assert_eq!(gfr.label(), "GFR");
    assert_eq!(gfr.iso3_in(1980), Some("DEU"));
    assert_eq!(gfr.iso2_in(1980), Some("DE"));
    assert_eq!(gfr.gw_in(1980), Some(260));
    assert_eq!(gfr.gw_in(2000), None);
    assert_eq!(gfr.m49_in(1980), Some(280));
    assert!(gfr.is_cow_member(date("1955-05-05")) && !gfr.is_cow_member(date("1955-05-04")));
    assert!(!gfr.is_cow_member(date("1990-10-03")));
    assert_eq!(gfr.gw_spells()[0].start, date("1949-09-21"));
    assert_eq!(gdr.label(), "GDR");
    assert_eq!(gdr.iso3_in(1980), Some("DDR"));
    assert_eq!(gdr.iso2_in(1980), Some("DD"));
    assert_eq!(gdr.name_in(1980), "German Democratic Republic");
}

#[test]
fn yemen_678_679_680() {
    resolves("YEM", Some(1980), 678);
    resolves("YEM", Some(2000), 679);
    resolves("YEM", None, 679);
    resolves("Yemen", Some(1980), 678);
    resolves("Yemen", Some(2000), 679);
    resolves("Yemen", None, 679);
    resolves("YE", Some(1980), 678);
    resolves("YE", Some(2000), 679);
    resolves("gw:678", Some(2000), 679);
    resolves("gw:678", Some(1980), 678);
    for q in ["Yemen Arab Republic", "North Yemen", "YAR", "678"] {
        resolves(q, Some(1980), 678);
        resolves(q, Some(2000), 678);
    }
    for q in [
        "South Yemen",
        "Yemen People's Republic",
        "YPR",
        "YMD",
        "YD",
        "680",
        "gw:680",
        "Democratic Yemen",
    ] {
        resolves(q, Some(1980), 680);
        resolves(q, None, 680);
    }
    let r = reg();
    assert_eq!(r.resolve_on("YEM", date("1990-05-21")).unwrap(), cow(678));
    assert_eq!(r.resolve_on("YEM", date("1990-05-22")).unwrap(), cow(679));
    let (yar, yem, ypr) = (r.get(cow(678)), r.get(cow(679)), r.get(cow(680)));
    assert_eq!(
        (yar.label(), yem.label(), ypr.label()),
        ("YAR", "YEM", "YPR")
    );
    assert_eq!(yar.iso3_in(1980), Some("YEM"));
    assert_eq!(yar.iso3_in(2000), None);
    assert_eq!(yem.iso3_in(2000), Some("YEM"));
    assert_eq!(yem.name_in(2000), "Yemen");
    assert_eq!(yem.gw_in(2000), Some(678), "GW keeps 678 for unified Yemen");
    assert_eq!(ypr.iso3_in(1980), Some("YMD"));
    assert_eq!(ypr.iso2_in(1980), Some("YD"));
    assert_eq!(yar.name_in(1980), "Yemen Arab Republic");
    assert!(!yem.is_cow_member(date("1990-05-21")) && yem.is_cow_member(date("1990-05-22")));
}

#[test]
fn yugoslavia_serbia_345() {
    for q in [
        "YUG",
        "YU",
        "SRB",
        "RS",
        "Serbia",
        "Yugoslavia",
        "Serbia and Montenegro",
        "345",
        "SCG",
    ] {
        for y in [None, Some(1950), Some(2004), Some(2010)] {
            resolves(q, y, 345);
        }
    }
    resolves("gw:345", Some(2000), 345);
    resolves("gw:340", Some(2010), 345);
    resolves("gw:340", Some(1900), 345);
    resolves("CS", Some(2004), 345);
    let s = reg().get(cow(345));
    assert_eq!(s.name_in(1980), "Yugoslavia");
    assert_eq!(s.name_in(2004), "Serbia and Montenegro");
    assert_eq!(s.name_in(2010), "Serbia");
    assert_eq!(s.name_in(1900), "Serbia");
    assert_eq!(s.name(), "Serbia");
    assert_eq!(s.iso3_in(1980), Some("YUG"));
    assert_eq!(s.iso2_in(1980), Some("YU"));
    assert_eq!(s.iso3_in(2004), Some("SCG"));
    assert_eq!(s.iso3_in(2010), Some("SRB"));
    assert_eq!(s.gw_in(2000), Some(345));
    assert_eq!(s.gw_in(2010), Some(340));
    assert_eq!(s.label(), "SRB");
    assert_eq!(
        reg().resolve_on("Serbia", date("2006-06-05")).unwrap(),
        cow(345)
    );
    // Montenegro is its own state.
    resolves("Montenegro", None, 341);
    resolves("MNE", None, 341);
}

#[test]
fn czechoslovakia_czechia_and_the_cze_trap() {
    resolves("CZE", Some(1980), 315);
    resolves("CZE", Some(1992), 315);
    resolves("CZE", Some(1993), 316);
    resolves("CZE", None, 316);
    resolves("CZE", Some(1942), 315);
    resolves("iso3:CZE", Some(2000), 316);
    resolves("cowc:CZE", None, 315);
    resolves("CZR", None, 316);
    for q in ["CSK", "CS", "Czechoslovakia", "315"] {
        resolves(q, Some(1980), 315);
    }
    for q in ["Czechia", "Czech Republic", "CZ", "316"] {
        resolves(q, Some(2000), 316);
        resolves(q, None, 316);
    }
    resolves("CS", Some(1980), 315);
    let (cs, cz) = (reg().get(cow(315)), reg().get(cow(316)));
    assert_eq!(
        cs.label(),
        "CSK",
        "COW letter CZE is Czechia's ISO3, so the former ISO3"
    );
    assert_eq!(cs.cow_abb(), Some("CZE"));
    assert_eq!(cs.iso3_in(1980), Some("CSK"));
    assert_eq!(cs.iso2_in(1980), Some("CS"));
    assert_eq!(cz.iso3_in(2000), Some("CZE"));
    assert_eq!(cz.iso3_in(1980), None);
    assert_eq!(cz.label(), "CZE");
    assert_eq!(cs.name_in(1980), "Czechoslovakia");
    assert_eq!(cz.cow_abb(), Some("CZR"));
}

#[test]
fn aus_is_australia_unless_cow_letter_is_asked() {
    for y in [None, Some(1930), Some(1980), Some(2000)] {
        resolves("AUS", y, 900);
    }
    resolves("cowc:AUS", None, 305);
    resolves("AUT", None, 305);
    resolves("AUL", None, 900);
    resolves("Austria", None, 305);
    resolves("Australia", None, 900);
    assert_eq!(reg().get(cow(305)).label(), "AUT");
    assert_eq!(reg().get(cow(900)).label(), "AUS");
    assert_eq!(reg().get(cow(305)).cow_abb(), Some("AUS"));
}

#[test]
fn na_is_namibia_and_empty_is_nothing() {
    let nam = cow(565);
    assert_eq!(reg().by_iso2("NA", Some(2000)), Some(nam));
    assert_eq!(reg().by_iso2("NA", None), Some(nam));
    assert_eq!(reg().by_iso2("na", Some(1995)), Some(nam));
    assert_eq!(reg().resolve("NA", None).unwrap(), nam);
    assert_eq!(reg().resolve("iso2:NA", None).unwrap(), nam);
    assert_eq!(reg().get(nam).iso2_in(2000), Some("NA"));
    assert_eq!(reg().get(nam).name(), "Namibia");
    assert_eq!(reg().by_iso2("", None), None);
    assert_eq!(reg().by_iso2("", Some(2000)), None);
    assert_eq!(reg().by_iso3("", None), None);
    assert_eq!(reg().by_name("", None), None);
    assert_eq!(reg().by_name("   ", None), None);
    assert!(matches!(
        reg().resolve("", None),
        Err(ResolveError::Unknown { .. })
    ));
    assert!(matches!(
        reg().resolve("  ", Some(2000)),
        Err(ResolveError::Unknown { .. })
    ));
    assert!(
        reg()
            .iter()
            .all(|c| c.designations().iter().all(|d| !d.value.trim().is_empty()))
    );
}

#[test]
fn vietnam_816_817() {
    for q in [
        "Vietnam",
        "VNM",
        "VN",
        "816",
        "Socialist Republic of Vietnam",
        "Viet Nam",
    ] {
        resolves(q, None, 816);
        resolves(q, Some(2000), 816);
    }
    resolves("North Vietnam", Some(1970), 816);
    resolves("Democratic Republic of Vietnam", Some(1970), 816);
    resolves("VDR", Some(1970), 816);
    for q in [
        "Republic of Vietnam",
        "South Vietnam",
        "RVN",
        "817",
        "gw:817",
    ] {
        resolves(q, Some(1970), 817);
        resolves(q, None, 817);
    }
    let (n, s) = (reg().get(cow(816)), reg().get(cow(817)));
    assert_eq!(n.name_in(1970), "North Vietnam");
    assert_eq!(n.name_in(2000), "Vietnam");
    assert_eq!(n.iso3_in(2000), Some("VNM"));
    assert_eq!(n.label(), "VNM");
    assert_eq!(s.label(), "RVN");
    assert_eq!(s.name_in(1970), "Republic of Vietnam");
    assert!(s.is_cow_member(date("1975-04-30")) && !s.is_cow_member(date("1975-05-01")));
    // GW 815 (pre-colonial Vietnam, 1816-1893) is neither.
    let annam = reg().by_gw(815, Some(1850)).unwrap();
    assert_ne!(annam, cow(816));
    assert_eq!(reg().get(annam).cow(), None);
}

#[test]
fn zanzibar_taiwan_china_kosovo() {
    for q in ["Zanzibar", "ZAN", "511", "gw:511"] {
        resolves(q, Some(1964), 511);
        resolves(q, None, 511);
    }
    let z = reg().get(cow(511));
    assert!(z.is_cow_member(date("1963-12-19")) && !z.is_cow_member(date("1964-04-27")));
    assert_eq!(z.label(), "ZAN");
    resolves("Tanzania", None, 510);

    for q in [
        "Taiwan",
        "TWN",
        "TW",
        "Republic of China",
        "ROC",
        "713",
        "Formosa",
        "Chinese Taipei",
    ] {
        resolves(q, None, 713);
        resolves(q, Some(1960), 713);
    }
    for q in [
        "China",
        "CHN",
        "CN",
        "People's Republic of China",
        "PRC",
        "710",
    ] {
        resolves(q, None, 710);
        resolves(q, Some(1960), 710);
    }
    assert_eq!(reg().get(cow(713)).label(), "TWN");
    assert_eq!(reg().get(cow(710)).label(), "CHN");

    for q in ["Kosovo", "347", "XK", "XKX", "KOS", "gw:347"] {
        resolves(q, None, 347);
        resolves(q, Some(2010), 347);
    }
    let k = reg().get(cow(347));
    assert_eq!(k.name(), "Kosovo");
    assert!(k.is_cow_member(date("2008-02-20")) && !k.is_cow_member(date("2008-02-19")));
}

#[test]
fn former_iso_codes() {
    let cases: &[(&str, i32, u16)] = &[
        ("ZR", 1980, 490),
        ("ZAR", 1980, 490),
        ("COD", 2000, 490),
        ("BU", 1980, 775),
        ("BUR", 1980, 775),
        ("MMR", 2000, 775),
        ("DD", 1980, 265),
        ("DDR", 1980, 265),
        ("YD", 1980, 680),
        ("YMD", 1980, 680),
        ("TP", 1990, 860),
        ("TMP", 1990, 860),
        ("TLS", 2010, 860),
        ("CS", 1970, 315),
        ("YU", 1970, 345),
        ("SU", 1970, 365),
        ("DY", 1970, 434),
        ("HV", 1970, 439),
        ("RH", 1970, 552),
        ("NH", 1979, 935),
    ];
    for &(code, year, expected) in cases {
        resolves(code, Some(year), expected);
        if code != "CS" {
            resolves(code, None, expected);
        }
    }
    // CS was reassigned: Czechoslovakia to 1992, Serbia and Montenegro 2003-2006. Without a year
    // the latest holder wins.
    resolves("CS", None, 345);
    resolves("CS", Some(1994), 315);
    assert!(matches!(
        reg().resolve("CS", Some(1998)),
        Err(ResolveError::NotInYear { year: 1998, .. })
    ));
    let zaire = reg().get(cow(490));
    assert_eq!(zaire.name_in(1980), "Zaire");
    assert_eq!(zaire.iso2_in(1980), Some("ZR"));
    assert_eq!(zaire.iso2_in(2000), Some("CD"));
    assert_eq!(reg().get(cow(775)).name_in(1980), "Burma");
    assert_eq!(reg().get(cow(860)).iso3_in(1999), Some("TMP"));
    // Names of other periods.
    resolves("Zaire", Some(1980), 490);
    resolves("Upper Volta", Some(1980), 439);
    resolves("Dahomey", Some(1970), 434);
    resolves("Ceylon", Some(1960), 780);
    resolves("Rhodesia", Some(1970), 552);
    resolves("Siam", Some(1900), 800);
    resolves("Persia", Some(1900), 630);
    resolves("Ottoman Empire", Some(1900), 640);
    resolves("Swaziland", Some(2000), 572);
    resolves("United Arab Republic", Some(1960), 651);
    assert_eq!(reg().get(cow(651)).name_in(1960), "United Arab Republic");
}

#[test]
fn korea_and_other_shared_names_follow_time() {
    resolves("Korea", None, 732);
    resolves("Korea", Some(2000), 732);
    resolves("Korea", Some(1900), 730);
    resolves("North Korea", None, 731);
    resolves("South Korea", None, 732);
}

#[test]
fn gw_microstate_codes_differ_from_cow() {
    // GW's microstate list numbers Kiribati 970 and Nauru 971; COW numbers Nauru 970.
    assert_eq!(reg().by_gw(970, Some(2010)), Some(cow(946)));
    assert_eq!(reg().by_gw(971, Some(2010)), Some(cow(970)));
    assert_eq!(reg().by_cow(970), Some(cow(970)));
    assert_eq!(reg().get(cow(970)).name(), "Nauru");
    resolves("970", None, 970);
    resolves("gw:970", None, 946);
}
