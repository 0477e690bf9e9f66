//! ICEWS coded event rows, with actors mapped to CAMEO codes by text_to_CAMEO.
//!
//! ICEWS names actors by country name and a comma-separated list of sectors
//! (`Bangladesh`, `Executive,Foreign Ministry,Government`). The text_to_CAMEO tables
//! (`data/countrynames.txt`, `data/agentnames.txt`) turn the country into its CAMEO code
//! and COW number and each sector into a CAMEO agent code; the actor code is the
//! country code followed by the first sector's agent code (`BGDGOV`).

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::OnceLock;

use multipolar_countries::{Date, Registry};

use crate::cameo;
use crate::channel::{Channel, is_security_sector};
use crate::error::{EventError, Result};
use crate::event::{Actor, Event, Origin};
use crate::reader::Row;

const COUNTRIES: &str = include_str!("../data/countrynames.txt");
const AGENTS: &str = include_str!("../data/agentnames.txt");

/// Where each needed field is, from the header (Dataverse `Event ID` or R `event_id`).
#[derive(Clone, Debug)]
pub(crate) struct Columns {
    width: usize,
    id: usize,
    date: usize,
    source_sectors: usize,
    source_country: usize,
    cameo: usize,
    intensity: usize,
    target_sectors: usize,
    target_country: usize,
    story: usize,
}

impl Columns {
    pub(crate) fn from_header(path: &str, header: &[String]) -> Result<Columns> {
        let names: Vec<String> = header
            .iter()
            .map(|h| {
                h.trim_start_matches('\u{feff}')
                    .trim()
                    .to_ascii_lowercase()
                    .replace(' ', "_")
            })
            .collect();
        let col = |want: &str| {
            names
                .iter()
                .position(|n| n == want)
                .ok_or_else(|| EventError::File {
                    path: path.into(),
                    msg: format!(
                        "ICEWS header lacks \"{want}\" (it has: {})",
                        names.join(", ")
                    ),
                })
        };
        Ok(Columns {
            width: names.len(),
            id: col("event_id")?,
            date: col("event_date")?,
            source_sectors: col("source_sectors")?,
            source_country: col("source_country")?,
            cameo: col("cameo_code")?,
            intensity: col("intensity")?,
            target_sectors: col("target_sectors")?,
            target_country: col("target_country")?,
            story: col("story_id")?,
        })
    }
}

/// Parses one row; the message says what is wrong.
pub(crate) fn parse(rec: &Row, c: &Columns) -> Result<Event, String> {
    if rec.len() != c.width {
        return Err(format!(
            "{} fields, expected {} as in the header",
            rec.len(),
            c.width
        ));
    }
    let f = |i: usize| rec.get(i).unwrap_or("").trim();
    let date = parse_iso_date(f(c.date))?;
    let raw_code = f(c.cameo);
    let code = cameo::lookup(raw_code)
        .ok_or_else(|| format!("unknown CAMEO event code \"{raw_code}\""))?;
    let goldstein = match f(c.intensity) {
        "" | "NA" => code.goldstein_icews,
        s => s
            .parse::<f64>()
            .ok()
            .filter(|g| (-10.0..=10.0).contains(g))
            .ok_or_else(|| format!("bad Intensity \"{s}\""))?,
    };
    let (source, s1) = actor(f(c.source_country), f(c.source_sectors), date.year);
    let (target, s2) = actor(f(c.target_country), f(c.target_sectors), date.year);
    let story = f(c.story);
    Ok(Event {
        origin: Origin::Icews,
        id: f(c.id).to_string(),
        date,
        source,
        target,
        cameo: code.code.to_string(),
        root: code.root,
        quad: code.quad,
        goldstein,
        plover_event: code.plover_event,
        plover_mode: code.plover_mode.map(Cow::Borrowed),
        channel: Channel::classify(code, s1 || s2),
        mentions: None,
        sources: None,
        url: (!story.is_empty()).then(|| story.to_string()),
    })
}

/// The actor and whether any of its sectors is a security one.
fn actor(country: &str, sectors: &str, year: i32) -> (Actor, bool) {
    let (prefix, id) = match countries().get(country) {
        Some(&(code, cow)) => (
            code,
            (cow != 0)
                .then(|| Registry::global().by_cow(cow))
                .flatten()
                .or_else(|| Registry::global().by_name(country, Some(year))),
        ),
        None if country.is_empty() || country == "NA" => ("", None),
        None => ("", Registry::global().by_name(country, Some(year))),
    };
    let agents = sector_agents(sectors);
    let security = agents.iter().any(|a| is_security_sector(a));
    let primary = agents.first().copied().unwrap_or("");
    let actor = Actor {
        country: id,
        code: format!("{prefix}{primary}"),
        sector: primary.get(..3).unwrap_or(primary).to_string(),
    };
    (actor, security)
}

/// Agent codes of a comma-separated sector list. Some sector names contain commas
/// (`Army Mechanized (Ships, Tanks, Planes)`), so the longest run of pieces that is a
/// known name is taken first; unknown pieces are skipped.
fn sector_agents(list: &str) -> Vec<&'static str> {
    let parts: Vec<&str> = list.split(',').collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < parts.len() {
        let hit = (i + 1..=parts.len())
            .rev()
            .find_map(|j| agents().get(parts[i..j].join(",").trim()).map(|a| (j, *a)));
        match hit {
            Some((j, a)) => {
                out.push(a);
                i = j;
            }
            None => i += 1,
        }
    }
    out
}

fn countries() -> &'static HashMap<&'static str, (&'static str, u16)> {
    static T: OnceLock<HashMap<&'static str, (&'static str, u16)>> = OnceLock::new();
    T.get_or_init(|| {
        COUNTRIES
            .lines()
            .filter_map(|l| {
                let mut f = l.split('\t');
                let (name, code, cow) = (f.next()?, f.next()?, f.next()?);
                let code = if code == "---" { "" } else { code };
                Some((name, (code, cow.trim().parse().unwrap_or(0))))
            })
            .collect()
    })
}

fn agents() -> &'static HashMap<&'static str, &'static str> {
    static T: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    T.get_or_init(|| {
        AGENTS
            .lines()
            .filter_map(|l| {
                let mut f = l.split('\t');
                Some((f.next()?, f.next()?.trim()))
            })
            .collect()
    })
}

/// `YYYY-MM-DD` as ICEWS writes Event Date.
fn parse_iso_date(s: &str) -> Result<Date, String> {
    let bad = || format!("bad date \"{s}\" (expected YYYY-MM-DD)");
    let mut it = s.splitn(3, '-');
    let (y, m, d) = (it.next(), it.next(), it.next());
    match (y, m, d) {
        (Some(y), Some(m), Some(d)) if y.len() == 4 && m.len() == 2 && d.len() == 2 => Date::new(
            y.parse().map_err(|_| bad())?,
            m.parse().map_err(|_| bad())?,
            d.parse().map_err(|_| bad())?,
        )
        .ok_or_else(bad),
        _ => Err(bad()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sectors_with_commas_in_names() {
        assert_eq!(
            sector_agents("Army Mechanized (Ships, Tanks, Planes),Government"),
            vec!["MIL", "GOV"]
        );
        assert_eq!(
            sector_agents("Executive,Foreign Ministry,Government")[0],
            "GOV"
        );
        assert!(sector_agents("").is_empty());
    }

    #[test]
    fn actors_resolve_through_cow_numbers() {
        let (a, sec) = actor("Bangladesh", "Military,Government", 2018);
        assert_eq!(a.code, "BGDMIL");
        assert_eq!(a.sector, "MIL");
        assert!(sec);
        let reg = Registry::global();
        assert_eq!(a.country.map(|c| reg.get(c).label()), Some("BGD"));
    }
}
