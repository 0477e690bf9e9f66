//! GDELT 1.0 and 2.0 event rows.
//!
//! Both versions share their first 35 columns (id, dates, both actors, event codes,
//! quad class, Goldstein, mentions, sources, articles, tone); 1.0 then has 22
//! geography columns, `DATEADDED` and, from April 2013, `SOURCEURL` (57 or 58 in all);
//! 2.0 adds an ADM2 code to each of its three geographies (61 in all, URL last).

use std::cell::RefCell;
use std::collections::HashMap;

use multipolar_countries::{CountryId, Date, Registry};

use crate::cameo;
use crate::channel::{Channel, is_security_sector};
use crate::event::{Actor, Event, Origin};

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

/// Parses one row; the message says what is wrong.
pub(crate) fn parse(rec: &csv::StringRecord, v2: bool) -> Result<Event, String> {
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
    let actor = |base: usize| {
        let types = TYPES.map(|t| f(base + t));
        let security = types.iter().any(|t| is_security_sector(t));
        let country = f(base + COUNTRY);
        let actor = Actor {
            country: resolve(country, date.year),
            code: f(base + CODE).to_string(),
            sector: types[0].to_string(),
        };
        (actor, security)
    };
    let (source, s1) = actor(ACTOR1);
    let (target, s2) = actor(ACTOR2);
    let url = f(n - 1);
    Ok(Event {
        origin: if v2 { Origin::Gdelt2 } else { Origin::Gdelt1 },
        id: f(ID).to_string(),
        date,
        source,
        target,
        cameo: code.code.to_string(),
        root: code.root,
        quad,
        goldstein,
        plover_event: code.plover_event,
        plover_mode: code.plover_mode,
        channel: Channel::classify(code, s1 || s2),
        mentions: Some(mentions),
        sources: Some(sources),
        url: (n != 57 && !url.is_empty()).then(|| url.to_string()),
    })
}

/// The state a CAMEO country code (ISO 3166 alpha-3 for states) designates in `year`.
/// Cached: a GDELT day has ~200 distinct codes and ~300,000 rows.
fn resolve(code: &str, year: i32) -> Option<CountryId> {
    thread_local! {
        static CACHE: RefCell<HashMap<(String, i32), Option<CountryId>>> = RefCell::new(HashMap::new());
    }
    if code.is_empty() {
        return None;
    }
    CACHE.with_borrow_mut(|c| {
        if let Some(&hit) = c.get(&(code.to_string(), year)) {
            return hit;
        }
        let id = Registry::global().by_iso3(code, Some(year));
        c.insert((code.to_string(), year), id);
        id
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
