//! `code`: news text → CAMEO/PLOVER event records with the bundled dictionary coder.

use std::sync::OnceLock;

use anyhow::Result;
use multipolar_coder::{Coder, Event, Story};
use multipolar_output::{Column, Frame};
use serde::Deserialize;

use crate::de;
use crate::error::bail_usage;

/// A `code` request: one story's text, with an id and a date for date-restricted
/// actor codes (a minister in office only in some years).
#[derive(clap::Args, Deserialize, Debug, Clone, Default)]
#[serde(default)]
pub struct CodeRequest {
    /// The story's text.
    #[arg(long)]
    pub text: String,
    /// The story's id in the `story` column.
    #[arg(long, default_value = "text")]
    #[serde(default = "default_id")]
    pub id: String,
    /// The story's date (YYYY-MM-DD or YYYYMMDD).
    #[arg(long)]
    #[serde(deserialize_with = "de::lenient_opt")]
    pub date: Option<String>,
}

fn default_id() -> String {
    "text".into()
}

/// The columns of an event record, in the order of `multipolar code --format csv`.
pub const EVENT_COLUMNS: [&str; 20] = [
    "story",
    "sentence",
    "date",
    "source",
    "source_country",
    "source_sector",
    "target",
    "target_country",
    "target_sector",
    "cameo",
    "plover_event",
    "plover_mode",
    "goldstein",
    "quad_class",
    "topics",
    "pattern",
    "verb",
    "source_text",
    "target_text",
    "convention",
];

/// One event as the text of each of [`EVENT_COLUMNS`] (empty when absent).
pub fn event_row(e: &Event) -> Vec<String> {
    let o = |x: &Option<String>| x.clone().unwrap_or_default();
    vec![
        e.story.clone(),
        e.sentence.to_string(),
        e.date.map(|d| d.to_string()).unwrap_or_default(),
        e.source.code.clone(),
        e.source.country.clone(),
        e.source.sector.clone(),
        e.target.code.clone(),
        e.target.country.clone(),
        e.target.sector.clone(),
        e.cameo.clone(),
        o(&e.plover_event),
        o(&e.plover_mode),
        e.goldstein.map(|g| g.to_string()).unwrap_or_default(),
        e.quad_class.map(|q| q.to_string()).unwrap_or_default(),
        e.topics.join(";"),
        e.pattern.clone(),
        e.verb.clone(),
        e.source.text.clone(),
        e.target.text.clone(),
        e.convention.to_string(),
    ]
}

/// `YYYY-MM-DD` or `YYYYMMDD` → `YYYYMMDD`.
pub fn parse_date(d: &str) -> Option<u32> {
    d.replace('-', "")
        .parse::<u32>()
        .ok()
        .filter(|d| (10_000_000..=99_991_231).contains(d))
}

/// The coder over the shipped dictionaries, built once per process.
fn coder() -> Result<&'static Coder> {
    static CODER: OnceLock<Coder> = OnceLock::new();
    if let Some(c) = CODER.get() {
        return Ok(c);
    }
    let c = Coder::bundled()?;
    Ok(CODER.get_or_init(|| c))
}

/// The events of one story, dictionary mode: one row per event, the sentence and
/// sentence index it came from, actors split into country and sector, CAMEO and
/// PLOVER codes, Goldstein (ICEWS values) and quad class.
pub fn code(r: &CodeRequest) -> Result<Frame> {
    if r.text.trim().is_empty() {
        bail_usage!("give the text to code (parameter \"text\")");
    }
    let date = match &r.date {
        Some(d) => match parse_date(d) {
            Some(d) => Some(d),
            None => bail_usage!("bad date \"{d}\" (expected YYYY-MM-DD or YYYYMMDD)"),
        },
        None => None,
    };
    let events = coder()?
        .code(Story {
            id: &r.id,
            date,
            text: &r.text,
        })
        .events;
    Ok(frame(&events))
}

/// Event records as a table: text columns as `multipolar code --format csv` writes
/// them, numbers typed.
fn frame(events: &[Event]) -> Frame {
    let rows: Vec<Vec<String>> = events.iter().map(event_row).collect();
    let col = |i: usize| rows.iter().map(|r| r[i].clone()).collect::<Vec<_>>();
    let mut f = Frame::new();
    f.meta("what", "events coded from text (who did what to whom)");
    f.meta(
        "coder",
        "multipolar dictionary coder over the PETRARCH-2 dictionaries (MIT); CAMEO→PLOVER table CC BY-SA",
    );
    f.meta(
        "convention",
        events
            .first()
            .map_or(multipolar_coder::CONVENTION, |e| e.convention),
    );
    for (i, name) in EVENT_COLUMNS.iter().enumerate() {
        let c = match *name {
            "sentence" => Column::ints(*name, events.iter().map(|e| e.sentence as i64).collect()),
            "goldstein" => Column::floats(*name, events.iter().map(|e| e.goldstein).collect())
                .describe("Goldstein scale, ICEWS values (−10 conflict … +10 cooperation)"),
            "quad_class" => Column::floats(
                *name,
                events.iter().map(|e| e.quad_class.map(f64::from)).collect(),
            )
            .describe(
                "1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict",
            ),
            _ => Column::strs(*name, col(i)),
        };
        f.push(c);
    }
    f
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_visit_is_coded_between_its_actors() {
        let f = code(&CodeRequest {
            text: "Morocco's security chief visited Moscow on Monday.".into(),
            id: "t".into(),
            date: Some("2025-03-01".into()),
        })
        .unwrap();
        // The visit (042 MAR→RUS) and its host side (043 RUS→MAR), as CAMEO codes both.
        assert_eq!(f.n_rows(), 2);
        let s = |c: &str| f.strs(c).unwrap().to_vec();
        assert_eq!(s("source_country"), ["MAR", "RUS"]);
        assert_eq!(s("target_country"), ["RUS", "MAR"]);
        assert_eq!(s("cameo"), ["042", "043"]);
        assert_eq!(s("date"), ["20250301", "20250301"]);
        assert_eq!(f.floats("quad_class").unwrap(), [Some(1.0), Some(1.0)]);
    }

    #[test]
    fn bad_input_is_a_usage_error() {
        let r = |text: &str, date: Option<&str>| CodeRequest {
            text: text.into(),
            id: "t".into(),
            date: date.map(Into::into),
        };
        for (text, date) in [("  ", None), ("Morocco met Russia.", Some("March 2025"))] {
            let e = code(&r(text, date)).unwrap_err();
            assert_eq!(crate::kind(&e), crate::ErrorKind::Usage, "{e}");
        }
    }
}
