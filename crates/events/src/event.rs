//! The one event record shared by every source.

use std::borrow::Cow;

use multipolar_countries::{CountryId, Date};

use crate::channel::Channel;

/// The dataset an event comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Origin {
    /// GDELT 1.0 event export (57 or 58 columns).
    Gdelt1,
    /// GDELT 2.0 event export (61 columns).
    Gdelt2,
    /// ICEWS coded event data.
    Icews,
    /// POLECAT (PLOVER-coded, the successor of ICEWS).
    Polecat,
    /// multipolar's own coder (`multipolar code` JSON Lines).
    Coded,
}

impl Origin {
    /// Name as stored (`gdelt1`, `gdelt2`, `icews`, `polecat`, `multipolar`).
    pub fn as_str(self) -> &'static str {
        match self {
            Origin::Gdelt1 => "gdelt1",
            Origin::Gdelt2 => "gdelt2",
            Origin::Icews => "icews",
            Origin::Polecat => "polecat",
            Origin::Coded => "multipolar",
        }
    }
}

/// One side of an event.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Actor {
    /// The state, when the actor's country code or name resolves to one (CAMEO region
    /// codes such as `AFR` and empty actors do not).
    pub country: Option<CountryId>,
    /// CAMEO actor code (`USAGOV`, `BGDGOV`, …); empty when the source has none.
    pub code: String,
    /// Primary CAMEO sector (`GOV`, `MIL`, `COP`, …); empty when unknown.
    pub sector: String,
}

/// One coded event: source did `cameo` to target on `date`.
#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    /// Dataset of origin.
    pub origin: Origin,
    /// The dataset's event id (GLOBALEVENTID, ICEWS or POLECAT Event ID; a POLECAT
    /// event with several actor or recipient states gives one record per pair, all
    /// with its id).
    pub id: String,
    /// Day the event took place.
    pub date: Date,
    /// Who acted.
    pub source: Actor,
    /// Who was acted upon.
    pub target: Actor,
    /// CAMEO event code, 2–4 digits (`042`); empty for POLECAT, which codes PLOVER
    /// only.
    pub cameo: String,
    /// CAMEO root code, 1–20; 0 for POLECAT.
    pub root: u8,
    /// Quad class: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict,
    /// 4 material conflict (GDELT's rule, roots 01–05 / 06–09 / 10–14 / 15–20;
    /// POLECAT's `Quad Code`).
    pub quad: u8,
    /// Goldstein score, −10…+10 (GDELT's column; ICEWS's Intensity; POLECAT's PLOVER
    /// score in its Intensity).
    pub goldstein: f64,
    /// PLOVER event type (CAMEO2PLOVER-2021, or POLECAT's own); `None` for CAMEO 01
    /// and 02, which PLOVER drops.
    pub plover_event: Option<&'static str>,
    /// PLOVER mode, where the mapping (or POLECAT) gives one.
    pub plover_mode: Option<Cow<'static, str>>,
    /// Channel (see [`Channel`]).
    pub channel: Channel,
    /// GDELT NumMentions (a weight for salience); `None` for ICEWS.
    pub mentions: Option<u32>,
    /// GDELT NumSources; `None` for ICEWS.
    pub sources: Option<u32>,
    /// Source URL (GDELT daily files) or story id (ICEWS, multipolar's coder).
    pub url: Option<String>,
}

impl Event {
    /// A placeholder that a parser overwrites field by field.
    pub(crate) fn blank() -> Event {
        Event {
            origin: Origin::Gdelt2,
            id: String::new(),
            date: Date::new(1970, 1, 1).expect("a valid day"),
            source: Actor::default(),
            target: Actor::default(),
            cameo: String::new(),
            root: 0,
            quad: 0,
            goldstein: 0.0,
            plover_event: None,
            plover_mode: None,
            channel: Channel::Other,
            mentions: None,
            sources: None,
            url: None,
        }
    }
}
