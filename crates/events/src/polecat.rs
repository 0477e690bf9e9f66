//! POLECAT rows: PLOVER-coded events, the successor of ICEWS (Harvard Dataverse
//! doi:10.7910/DVN/AJGVIT, weekly `ngecEvents.*.txt` files and yearly archives).
//!
//! Tab-separated with a header of 40 columns (`Event ID`, `Event Date`, `Event Type`,
//! `Event Mode`, `Intensity`, `Quad Code`, `Contexts`, then actor and recipient names,
//! countries (ISO 3166 alpha-3), COW numbers and sectors, geography, source and story
//! fields); some releases call `Intensity` `Event Intensity` or add columns such as
//! `Story ID`, so fields are found by name. Missing values are `None`; lists (several
//! actors, sectors, contexts) are separated by `;`.
//!
//! There is no CAMEO code: the record keeps the PLOVER type and mode, `Quad Code` as
//! the quad class (from the type, as the PLOVER manual's categories give it, when
//! empty), `Intensity` (the PLOVER score) as the Goldstein score, and a channel by
//! [`Channel::classify_plover`]. PLOVER keeps compound and reciprocal actors in one
//! record (manual, "Compound and Reciprocal Actors"); the store is dyadic, so a row
//! becomes one event per pair of actor and recipient states, and a row with several
//! actor states and no recipient (a meeting) one per ordered pair of them — all with
//! the row's id.

use std::borrow::Cow;

use multipolar_countries::{Date, Registry};

use crate::channel::{Channel, is_security_sector};
use crate::error::{EventError, Result};
use crate::event::{Actor, Event, Origin};
use crate::reader::Row;

/// The PLOVER event types and the quad class of each (the "Quad category" of its
/// section in the PLOVER manual draft 0.8).
pub(crate) const PLOVER_QUADS: [(&str, u8); 16] = [
    ("AGREE", 1),
    ("CONSULT", 1),
    ("SUPPORT", 1),
    ("CONCEDE", 1),
    ("COOPERATE", 2),
    ("AID", 2),
    ("RETREAT", 2),
    ("REQUEST", 3),
    ("ACCUSE", 3),
    ("REJECT", 3),
    ("THREATEN", 3),
    ("PROTEST", 4),
    ("SANCTION", 4),
    ("MOBILIZE", 4),
    ("COERCE", 4),
    ("ASSAULT", 4),
];

/// Quad Code values, in quad-class order.
const QUAD_NAMES: [&str; 4] = [
    "VERBAL COOPERATION",
    "MATERIAL COOPERATION",
    "VERBAL CONFLICT",
    "MATERIAL CONFLICT",
];

/// A column: its position and its name as the header spells it (for errors).
#[derive(Clone, Debug)]
struct Col {
    at: usize,
    name: String,
}

/// Where each needed field is, from the header.
#[derive(Clone, Debug)]
pub(crate) struct Columns {
    width: usize,
    id: Col,
    date: Col,
    event_type: Col,
    mode: Col,
    intensity: Col,
    quad: Col,
    contexts: Col,
    actor_country: Col,
    actor_cow: Col,
    actor_primary: Col,
    actor_sectors: Col,
    recipient_country: Col,
    recipient_cow: Col,
    recipient_primary: Col,
    recipient_sectors: Col,
    story: Option<Col>,
}

/// Whether a header (normalised as [`normalise`] does) is POLECAT's: ICEWS's also
/// starts with `Event ID`, but has a CAMEO code and no PLOVER event type.
pub(crate) fn is_polecat_header(names: &[String]) -> bool {
    let has = |n: &str| names.iter().any(|h| h == n);
    has("event_type") && !has("cameo_code")
}

/// `Event Date` → `event_date`: lower case, spaces as underscores, no BOM.
pub(crate) fn normalise(header: &[String]) -> Vec<String> {
    header
        .iter()
        .map(|h| {
            h.trim_start_matches('\u{feff}')
                .trim()
                .to_ascii_lowercase()
                .replace(' ', "_")
        })
        .collect()
}

impl Columns {
    pub(crate) fn from_header(path: &str, header: &[String]) -> Result<Columns> {
        let names = normalise(header);
        let find = |want: &[&str]| {
            want.iter()
                .find_map(|w| names.iter().position(|n| n == w))
                .map(|at| Col {
                    at,
                    name: header[at].trim_start_matches('\u{feff}').trim().to_string(),
                })
        };
        let col = |want: &[&str]| {
            find(want).ok_or_else(|| EventError::File {
                path: path.into(),
                msg: format!(
                    "POLECAT header lacks \"{}\" (it has: {})",
                    want[0],
                    names.join(", ")
                ),
            })
        };
        Ok(Columns {
            width: names.len(),
            id: col(&["event_id"])?,
            date: col(&["event_date"])?,
            event_type: col(&["event_type"])?,
            mode: col(&["event_mode"])?,
            intensity: col(&["intensity", "event_intensity"])?,
            quad: col(&["quad_code"])?,
            contexts: col(&["contexts"])?,
            actor_country: col(&["actor_country"])?,
            actor_cow: col(&["actor_cow"])?,
            actor_primary: col(&["primary_actor_sector"])?,
            actor_sectors: col(&["actor_sectors"])?,
            recipient_country: col(&["recipient_country"])?,
            recipient_cow: col(&["recipient_cow"])?,
            recipient_primary: col(&["primary_recipient_sector"])?,
            recipient_sectors: col(&["recipient_sectors"])?,
            story: find(&["story_id"]),
        })
    }
}

/// The items of a `;`-separated field, without `None` and empty ones.
fn items(s: &str) -> impl Iterator<Item = &str> {
    s.split(';')
        .map(str::trim)
        .filter(|v| !v.is_empty() && *v != "None")
}

/// One side of the event: each distinct state, or one actor without a state when
/// none is, with its actor code (country and primary sector, `RUSGOV`) and sector.
fn side(country: &str, cow: &str, primary: &str, year: i32) -> Vec<Actor> {
    let codes: Vec<&str> = country
        .split(';')
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .collect();
    let cows: Vec<&str> = cow.split(';').map(str::trim).collect();
    let sectors: Vec<&str> = items(primary).collect();
    let mut out: Vec<Actor> = Vec::new();
    for (k, code) in codes.iter().enumerate().filter(|(_, c)| **c != "None") {
        let iso = code.to_ascii_uppercase();
        let id = Registry::global().by_iso3(&iso, Some(year)).or_else(|| {
            cows.get(k)
                .and_then(|c| c.parse::<u16>().ok())
                .and_then(|n| Registry::global().by_cow(n))
        });
        if out.iter().any(|a| a.country == id) {
            continue;
        }
        // Sectors line up with the actors when there is one per actor.
        let sector = if sectors.len() == codes.len() {
            sectors[k]
        } else {
            sectors.first().copied().unwrap_or("")
        };
        out.push(Actor {
            country: id,
            code: format!("{iso}{sector}"),
            sector: sector.to_string(),
        });
    }
    // Members that are no state add no dyad when the side has a state.
    if out.iter().any(|a| a.country.is_some()) {
        out.retain(|a| a.country.is_some());
    }
    if out.is_empty() {
        let sector = sectors.first().copied().unwrap_or("");
        out.push(Actor {
            country: None,
            code: sector.to_string(),
            sector: sector.to_string(),
        });
    }
    out
}

/// Parses one row into `out` (cleared first): one event per pair of states.
pub(crate) fn parse(rec: &Row, c: &Columns, out: &mut Vec<Event>) -> Result<(), String> {
    out.clear();
    if rec.len() != c.width {
        return Err(format!(
            "{} fields, expected {} as in the header",
            rec.len(),
            c.width
        ));
    }
    let f = |col: &Col| rec.get(col.at).unwrap_or("").trim();
    let bad = |col: &Col, msg: String| format!("field \"{}\": {msg}", col.name);
    let value = |col: &Col| Some(f(col)).filter(|v| !v.is_empty() && *v != "None");

    let id = value(&c.id).ok_or_else(|| bad(&c.id, "empty".into()))?;
    let raw_date = f(&c.date);
    let date = parse_date(raw_date).ok_or_else(|| {
        bad(
            &c.date,
            format!("bad date \"{raw_date}\" (expected YYYY-MM-DD)"),
        )
    })?;
    let raw_type = f(&c.event_type);
    let (event_type, type_quad) = PLOVER_QUADS
        .iter()
        .find(|(t, _)| t.eq_ignore_ascii_case(raw_type))
        .copied()
        .ok_or_else(|| {
            bad(
                &c.event_type,
                format!("unknown PLOVER event type \"{raw_type}\""),
            )
        })?;
    let quad = match value(&c.quad) {
        None => type_quad,
        Some(q) => QUAD_NAMES
            .iter()
            .position(|n| n.eq_ignore_ascii_case(q))
            .map(|i| i as u8 + 1)
            .ok_or_else(|| {
                bad(
                    &c.quad,
                    format!(
                        "unknown quad code \"{q}\" (expected {})",
                        QUAD_NAMES.join(", ")
                    ),
                )
            })?,
    };
    let goldstein = match value(&c.intensity) {
        None => return Err(bad(&c.intensity, "empty".into())),
        Some(s) => s
            .parse::<f64>()
            .ok()
            .filter(|g| (-10.0..=10.0).contains(g))
            .ok_or_else(|| bad(&c.intensity, format!("bad score \"{s}\" (expected −10…10)")))?,
    };
    let mode = value(&c.mode).map(|m| Cow::Owned(m.to_string()));
    let contexts: Vec<String> = f(&c.contexts)
        .split([';', ','])
        .map(|x| x.trim().to_ascii_lowercase())
        .filter(|x| !x.is_empty() && x != "none")
        .collect();
    let contexts: Vec<&str> = contexts.iter().map(String::as_str).collect();
    let security = [
        &c.actor_primary,
        &c.actor_sectors,
        &c.recipient_primary,
        &c.recipient_sectors,
    ]
    .iter()
    .any(|col| {
        f(col)
            .split([';', ','])
            .any(|s| is_security_sector(s.trim()))
    });
    let channel = Channel::classify_plover(event_type, &contexts, security);
    let url = c.story.as_ref().and_then(value).map(str::to_string);

    let actors = side(
        f(&c.actor_country),
        f(&c.actor_cow),
        f(&c.actor_primary),
        date.year,
    );
    let recipients = side(
        f(&c.recipient_country),
        f(&c.recipient_cow),
        f(&c.recipient_primary),
        date.year,
    );
    let states = |v: &[Actor]| v.iter().filter(|a| a.country.is_some()).count();
    let pairs: Vec<(&Actor, &Actor)> = if states(&recipients) == 0 && states(&actors) >= 2 {
        // Reciprocal: every actor state towards every other.
        let a: Vec<&Actor> = actors.iter().filter(|a| a.country.is_some()).collect();
        a.iter()
            .flat_map(|x| {
                a.iter()
                    .filter(move |y| y.country != x.country)
                    .map(move |y| (*x, *y))
            })
            .collect()
    } else {
        actors
            .iter()
            .flat_map(|a| recipients.iter().map(move |r| (a, r)))
            .collect()
    };
    for (source, target) in pairs {
        out.push(Event {
            origin: Origin::Polecat,
            id: id.to_string(),
            date,
            source: source.clone(),
            target: target.clone(),
            cameo: String::new(),
            root: 0,
            quad,
            goldstein,
            plover_event: Some(event_type),
            plover_mode: mode.clone(),
            channel,
            mentions: None,
            sources: None,
            url: url.clone(),
        });
    }
    Ok(())
}

/// `YYYY-MM-DD`, optionally followed by a time (` 00:00:00`, `T…`).
fn parse_date(s: &str) -> Option<Date> {
    let (day, rest) = s.split_at_checked(10)?;
    if !(rest.is_empty() || rest.starts_with([' ', 'T'])) {
        return None;
    }
    let b = day.as_bytes();
    if b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        let t = &day[r];
        t.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| t.parse().ok())?
    };
    Date::new(num(0..4)? as i32, num(5..7)? as u8, num(8..10)? as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(parse_date("2023-01-03"), Date::new(2023, 1, 3));
        assert_eq!(parse_date("2023-01-03 00:00:00"), Date::new(2023, 1, 3));
        for bad in [
            "2023-1-03",
            "2023/01/03",
            "2023-02-30",
            "20230103",
            "2023-01-03x",
            "",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
    }

    /// The quad class of each type is the one its section of the PLOVER manual
    /// states ("Quad category: VERBAL COOPERATION", …).
    #[test]
    fn quads_follow_the_manual() {
        let tex = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/events/plover/PLOVER_MANUAL.tex"
        ))
        .unwrap();
        let mut section = String::new();
        let mut seen = 0;
        for line in tex.lines() {
            if let Some(s) = line.strip_prefix("\\section{") {
                section = s.trim_end_matches('}').to_string();
            } else if let Some(q) = line.strip_prefix("\\subsection{Quad category: ") {
                let q = q.trim_end_matches('}').trim();
                let (_, want) = PLOVER_QUADS
                    .iter()
                    .find(|(t, _)| *t == section)
                    .unwrap_or_else(|| panic!("{section} is a PLOVER type"));
                assert_eq!(QUAD_NAMES[*want as usize - 1], q, "{section}");
                seen += 1;
            }
        }
        assert_eq!(seen, 16);
    }
}
