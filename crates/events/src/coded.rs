//! multipolar's own coder output (`multipolar code`, JSON Lines): one event per line,
//! so text coded by the product joins GDELT and ICEWS in the same store.
//!
//! Each line is one record as `multipolar code` writes it: `story`, `sentence`,
//! `date` (YYYYMMDD; required here — an event without a day cannot be stored, so
//! code JSON Lines input with a `date`), `source` and `target` with `code`, `country`
//! and `sector`, `cameo`, `goldstein` and `quad_class`. The event id is
//! `story:sentence:k`, k counting the events of one sentence, so importing the same
//! output twice yields the same ids.

use std::borrow::Cow;

use multipolar_countries::{Date, Registry};
use serde::Deserialize;

use crate::cameo;
use crate::channel::{Channel, is_security_sector};
use crate::event::{Actor, Event, Origin};

#[derive(Deserialize)]
struct Side {
    code: String,
    country: Option<String>,
    sector: String,
}

#[derive(Deserialize)]
struct Record {
    story: String,
    sentence: u32,
    date: Option<u32>,
    source: Side,
    target: Side,
    cameo: String,
    goldstein: f64,
    quad_class: u8,
}

/// Numbers events within a sentence across consecutive lines.
#[derive(Clone, Default)]
pub(crate) struct Counter {
    last: Option<(String, u32)>,
    k: u32,
}

/// Parses one line; the message says what is wrong.
pub(crate) fn parse(line: &str, counter: &mut Counter) -> Result<Event, String> {
    let r: Record = serde_json::from_str(line).map_err(|e| format!("not a coder record: {e}"))?;
    let Some(d) = r.date else {
        return Err(format!(
            "story \"{}\" has no date; code JSON Lines input with a \"date\" to import its events",
            r.story
        ));
    };
    let date = Date::new(d as i32 / 10_000, (d / 100 % 100) as u8, (d % 100) as u8)
        .ok_or_else(|| format!("bad date {d} (expected YYYYMMDD)"))?;
    let code = cameo::lookup(&r.cameo)
        .ok_or_else(|| format!("unknown CAMEO event code \"{}\"", r.cameo))?;
    if !(1..=4).contains(&r.quad_class) {
        return Err(format!("bad quad_class {} (expected 1–4)", r.quad_class));
    }
    if !(-10.0..=10.0).contains(&r.goldstein) {
        return Err(format!("bad goldstein {} (expected −10…10)", r.goldstein));
    }
    let key = (r.story.clone(), r.sentence);
    if counter.last.as_ref() == Some(&key) {
        counter.k += 1;
    } else {
        counter.last = Some(key);
        counter.k = 0;
    }
    let actor = |s: &Side| Actor {
        country: s
            .country
            .as_deref()
            .filter(|c| !c.is_empty())
            .and_then(|c| Registry::global().resolve(c, Some(date.year)).ok()),
        code: s.code.clone(),
        sector: s.sector.clone(),
    };
    let security = is_security_sector(&r.source.sector) || is_security_sector(&r.target.sector);
    Ok(Event {
        origin: Origin::Coded,
        id: format!("{}:{}:{}", r.story, r.sentence, counter.k),
        date,
        source: actor(&r.source),
        target: actor(&r.target),
        cameo: code.code.to_string(),
        root: code.root,
        quad: r.quad_class,
        goldstein: r.goldstein,
        plover_event: code.plover_event,
        plover_mode: code.plover_mode.map(Cow::Borrowed),
        channel: Channel::classify(code, security),
        mentions: None,
        sources: None,
        url: Some(r.story),
    })
}
