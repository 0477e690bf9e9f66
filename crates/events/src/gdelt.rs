//! GDELT 1.0 and 2.0 event rows.
//!
//! Both versions share their first 35 columns (id, dates, both actors, event codes,
//! quad class, Goldstein, mentions, sources, articles, tone); 1.0 then has 22
//! geography columns, `DATEADDED` and, from April 2013, `SOURCEURL` (57 or 58 in all);
//! 2.0 adds an ADM2 code to each of its three geographies (61 in all, URL last).

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashMap;

use multipolar_countries::{CountryId, Date, Registry};

use crate::cameo;
use crate::channel::{Channel, is_security_sector};
use crate::event::{Event, Origin};
use crate::reader::Row;

const ID: usize = 0;
const SQLDATE: usize = 1;
const ACTOR1: usize = 5;
const ACTOR2: usize = 15;
/// Offsets within an actor block.
const CODE: usize = 0;
const COUNTRY: usize = 2;
const TYPES: [usize; 3] = [7, 8, 9];
const EVENT_CODE: usize = 26;
const QUAD: usize = 29;
const GOLDSTEIN: usize = 30;
const MENTIONS: usize = 31;
const SOURCES: usize = 32;

/// Parses one row into `out`, reusing its strings; the message says what is wrong
/// (and `out` is then unspecified).
pub(crate) fn parse_into(rec: &Row, v2: bool, out: &mut Event) -> Result<(), String> {
    let n = rec.len();
    let ok = if v2 { n == 61 } else { n == 57 || n == 58 };
    if !ok {
        let want = if v2 {
            "61 (GDELT 2.0)"
        } else {
            "57 or 58 (GDELT 1.0)"
        };
        return Err(format!("{n} fields, expected {want}"));
    }
    let f = |i: usize| rec.get(i).unwrap_or("");
    let date = parse_yyyymmdd(f(SQLDATE))?;
    let code = cameo::lookup(f(EVENT_CODE))
        .ok_or_else(|| format!("unknown CAMEO event code \"{}\"", f(EVENT_CODE)))?;
    let quad: u8 = match f(QUAD).parse() {
        Ok(q @ 1..=4) => q,
        _ => return Err(format!("bad QuadClass \"{}\" (expected 1–4)", f(QUAD))),
    };
    let goldstein: f64 = f(GOLDSTEIN)
        .parse()
        .ok()
        .filter(|g: &f64| (-10.0..=10.0).contains(g))
        .ok_or_else(|| format!("bad GoldsteinScale \"{}\"", f(GOLDSTEIN)))?;
    let count = |i: usize, what: &str| {
        f(i).parse::<u32>()
            .map_err(|_| format!("bad {what} \"{}\"", f(i)))
    };
    let mentions = count(MENTIONS, "NumMentions")?;
    let sources = count(SOURCES, "NumSources")?;
    let mut security = false;
    for (base, a) in [(ACTOR1, &mut out.source), (ACTOR2, &mut out.target)] {
        let types = TYPES.map(|t| f(base + t));
        security |= types.iter().any(|t| is_security_sector(t));
        a.country = resolve(f(base + COUNTRY), date.year);
        set(&mut a.code, f(base + CODE));
        set(&mut a.sector, types[0]);
    }
    let url = f(n - 1);
    out.origin = if v2 { Origin::Gdelt2 } else { Origin::Gdelt1 };
    set(&mut out.id, f(ID));
    out.date = date;
    set(&mut out.cameo, code.code);
    out.root = code.root;
    out.quad = quad;
    out.goldstein = goldstein;
    out.plover_event = code.plover_event;
    out.plover_mode = code.plover_mode.map(Cow::Borrowed);
    out.channel = Channel::classify(code, security);
    out.mentions = Some(mentions);
    out.sources = Some(sources);
    match (n != 57 && !url.is_empty(), &mut out.url) {
        (true, Some(u)) => set(u, url),
        (true, u) => *u = Some(url.to_string()),
        (false, u) => *u = None,
    }
    Ok(())
}

/// Replaces a string's contents, keeping its allocation.
fn set(s: &mut String, v: &str) {
    s.clear();
    s.push_str(v);
}

/// The state a CAMEO country code (ISO 3166 alpha-3 for states) designates in `year`.
/// Cached: a GDELT day has ~200 distinct codes and ~300,000 rows.
fn resolve(code: &str, year: i32) -> Option<CountryId> {
    type Cache = HashMap<([u8; 3], i32), Option<CountryId>>;
    thread_local! {
        static CACHE: RefCell<Cache> = RefCell::new(HashMap::new());
    }
    // Country codes are three letters; anything else is not a state.
    let Ok(key) = <[u8; 3]>::try_from(code.as_bytes()) else {
        return None;
    };
    CACHE.with_borrow_mut(|c| {
        *c.entry((key, year))
            .or_insert_with(|| Registry::global().by_iso3(code, Some(year)))
    })
}

/// `YYYYMMDD` as GDELT writes SQLDATE.
fn parse_yyyymmdd(s: &str) -> Result<Date, String> {
    let bad = || format!("bad date \"{s}\" (expected YYYYMMDD)");
    if s.len() != 8 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    let y = s[..4].parse().map_err(|_| bad())?;
    let m = s[4..6].parse().map_err(|_| bad())?;
    let d = s[6..].parse().map_err(|_| bad())?;
    Date::new(y, m, d).ok_or_else(bad)
}
