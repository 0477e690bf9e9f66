//! Property tests over the whole registry.

use multipolar_countries::{Date, Designation, Registry, System, normalize};
use proptest::prelude::*;

/// Years considered: the span of the sources.
const FIRST: i32 = 1816;
const LAST: i32 = 2030;

fn year_range(d: &Designation) -> (i32, i32) {
    (
        d.from.map_or(FIRST, |f| f.year.max(FIRST)),
        d.to.map_or(LAST, |t| t.year.min(LAST)),
    )
}

/// Whether the designation covers the whole calendar year.
fn covers_year(d: &Designation, y: i32) -> bool {
    d.contains(Date::first_of(y)) && d.contains(Date::last_of(y))
}

/// All (country index, ISO3 designation index) pairs.
fn iso3_designations() -> Vec<(usize, usize)> {
    let reg = Registry::global();
    reg.iter()
        .flat_map(|c| {
            c.designations()
                .iter()
                .enumerate()
                .filter(|(_, d)| d.system == System::Iso3)
                .map(move |(j, _)| (c.id().index(), j))
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// For every id and a year in one of its ISO3 designation spans, resolving that ISO3 at that
    /// year returns the id (years it shares with another holder go to whoever held the code for
    /// most of the year, so a year-long hold is required; the exact-day form has no such limit).
    #[test]
    fn iso3_at_a_year_of_its_span_resolves_to_its_country(pick in 0usize..10_000, t in 0.0f64..1.0) {
        let reg = Registry::global();
        let all = iso3_designations();
        let (ci, di) = all[pick % all.len()];
        let c = reg.iter().nth(ci).unwrap();
        let d = &c.designations()[di];
        let (lo, hi) = year_range(d);
        prop_assume!(lo <= hi);
        let y = lo + ((f64::from(hi - lo)) * t).round() as i32;
        if covers_year(d, y) {
            prop_assert_eq!(reg.by_iso3(&d.value, Some(y)), Some(c.id()), "{} {} {}", c.describe(), d, y);
            prop_assert_eq!(reg.resolve(&d.value, Some(y)).ok(), Some(c.id()), "{} {} {}", c.describe(), d, y);
            prop_assert_eq!(c.iso3_in(y), Some(d.value.as_str()));
        }
        // Any single day of the span.
        let from = d.from.map_or(Date::first_of(FIRST), |f| f.max(Date::first_of(FIRST)));
        let to = d.to.map_or(Date::last_of(LAST), |x| x.min(Date::last_of(LAST)));
        let n = to.day_number() - from.day_number();
        prop_assume!(n >= 0);
        let day = nth_day(from, ((n as f64) * t).round() as i64);
        prop_assert_eq!(reg.resolve_on(&format!("iso3:{}", d.value), day).ok(), Some(c.id()), "{} {} {}", c.describe(), d, day);
    }

    /// The same for every code system and every name period, at any day of the span.
    #[test]
    fn every_designation_resolves_on_its_days(ci in 0usize..300, di in 0usize..60, t in 0.0f64..1.0) {
        let reg = Registry::global();
        let c = reg.iter().nth(ci % reg.len()).unwrap();
        let d = &c.designations()[di % c.designations().len()];
        let from = d.from.map_or(Date::first_of(FIRST), |f| f.max(Date::first_of(FIRST)));
        let to = d.to.map_or(Date::last_of(LAST), |x| x.min(Date::last_of(LAST)));
        let n = to.day_number() - from.day_number();
        prop_assume!(n >= 0);
        let day = nth_day(from, ((n as f64) * t).round() as i64);
        prop_assert!(d.contains(day));
        let query = format!("{}:{}", if d.system == System::Alias { "name" } else { d.system.prefix() }, d.value);
        prop_assert_eq!(reg.resolve_on(&query, day).ok(), Some(c.id()), "{} {} on {}", c.describe(), d, day);
    }

    /// Dates print and parse back.
    #[test]
    fn dates_roundtrip(y in 1000i32..3000, m in 1u8..=12, d in 1u8..=31) {
        if let Some(date) = Date::new(y, m, d) {
            prop_assert_eq!(date.to_string().parse::<Date>().unwrap(), date);
            let next = nth_day(date, 1);
            prop_assert!(next > date);
            prop_assert_eq!(next.day_number(), date.day_number() + 1);
        }
    }

    /// Normalisation is idempotent and ignores case (over Latin-script names).
    #[test]
    fn normalize_is_idempotent(s in "[a-zA-Z0-9 .,'&()\\-éèçñüöäåÅÉÔô’ß]{0,30}") {
        let n = normalize(&s);
        prop_assert_eq!(normalize(&n), n.clone());
        prop_assert_eq!(normalize(&s.to_uppercase()), normalize(&s.to_lowercase()));
    }
}

/// The date `k` days after `d` (by stepping; `k` is small enough in these tests).
fn nth_day(d: Date, k: i64) -> Date {
    let target = d.day_number() + k;
    // Jump by years, then step by days.
    let mut y = d.year + (k / 366) as i32;
    while Date::first_of(y).day_number() > target {
        y -= 1;
    }
    let mut cur = Date::first_of(y);
    while cur.day_number() < target {
        cur = next_day(cur);
    }
    cur
}

fn next_day(d: Date) -> Date {
    Date::new(d.year, d.month, d.day + 1)
        .or_else(|| Date::new(d.year, d.month + 1, 1))
        .unwrap_or(Date::first_of(d.year + 1))
}
