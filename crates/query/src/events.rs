//! `events`: a dyad's cooperation and conflict series by channel, from the imported
//! event data (GDELT, ICEWS, POLECAT, coded news).

use anyhow::Result;
use multipolar_countries::Date;
use multipolar_output::Frame;
use serde::Deserialize;

use crate::error::usage;
use crate::{Engine, common, de};

/// Period of an event series.
#[derive(clap::ValueEnum, Deserialize, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum EventsBy {
    /// Calendar day.
    Day,
    /// Week, labelled by its Monday.
    Week,
    /// Calendar month.
    #[default]
    Month,
}

/// Event channel.
#[derive(clap::ValueEnum, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum EventChannel {
    /// Military, police or intelligence actors, or security event codes.
    Security,
    /// Trade, aid, sanctions.
    Economic,
    /// Statements, consultations, diplomatic cooperation and conflict.
    Diplomatic,
    /// Everything else.
    Other,
}

/// Event weight.
#[derive(clap::ValueEnum, Deserialize, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum EventWeight {
    /// One per event.
    #[default]
    Events,
    /// GDELT's NumMentions (ICEWS events count 1).
    Mentions,
}

/// An `events` request: two states, both directions.
#[derive(clap::Args, Deserialize, Debug, Clone, Default)]
#[serde(default)]
pub struct EventsRequest {
    /// The two states (names or codes); both directions are shown.
    #[arg(value_name = "STATE", num_args = 0..=2)]
    #[serde(alias = "state", alias = "states", deserialize_with = "de::list")]
    pub countries: Vec<String>,
    /// First day: YYYY, YYYY-MM or YYYY-MM-DD.
    #[arg(long, value_name = "DATE")]
    #[serde(alias = "start", deserialize_with = "de::lenient_opt")]
    pub from: Option<String>,
    /// Last day, inclusive (YYYY or YYYY-MM mean the last day of it).
    #[arg(long, value_name = "DATE")]
    #[serde(alias = "end", deserialize_with = "de::lenient_opt")]
    pub to: Option<String>,
    /// Period of the series.
    #[arg(long, value_enum, default_value = "month")]
    pub by: EventsBy,
    /// Only events of one channel.
    #[arg(long, value_enum)]
    pub channel: Option<EventChannel>,
    /// Count each event once, or by its GDELT mentions.
    #[arg(long, value_enum, default_value = "events")]
    pub weight: EventWeight,
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; a year or month means its first day (`end`:
/// its last).
fn parse_day(s: &str, end: bool) -> Result<Date> {
    let parts: Vec<&str> = s.split('-').collect();
    let num = |p: &str| p.parse::<i32>().ok();
    let d = match parts[..] {
        [y] => {
            num(y).and_then(|y| Date::new(y, if end { 12 } else { 1 }, if end { 31 } else { 1 }))
        }
        [y, m] => num(y).zip(num(m)).and_then(|(y, m)| {
            let m = u8::try_from(m).ok()?;
            let first = Date::new(y, m, 1)?;
            if !end {
                return Some(first);
            }
            let next = if m == 12 {
                Date::new(y + 1, 1, 1)
            } else {
                Date::new(y, m + 1, 1)
            }?;
            Some(Date::from_day_number(next.day_number() - 1))
        }),
        [_, _, _] => s.parse().ok(),
        _ => None,
    };
    d.ok_or_else(|| {
        usage(format!(
            "bad date \"{s}\"; expected YYYY, YYYY-MM or YYYY-MM-DD"
        ))
    })
}

impl Engine {
    /// Both directions' event counts by quad class and PLOVER type, and Goldstein
    /// sums, per day, week or month.
    pub fn events(&self, a: &EventsRequest) -> Result<Frame> {
        let [qa, qb] = &a.countries[..] else {
            crate::error::bail_usage!(
                "name two states (e.g. `multipolar events USA CHN`) or use `events import FILES...`"
            );
        };
        let from = a.from.as_deref().map(|s| parse_day(s, false)).transpose()?;
        let to = a.to.as_deref().map(|s| parse_day(s, true)).transpose()?;
        if let (Some(f), Some(t)) = (from, to)
            && f > t
        {
            crate::error::bail_usage!("--from {f} is after --to {t}");
        }
        let year = from.or(to).map(|d| d.year);
        let (ca, cb) = (common::country(qa, year)?, common::country(qb, year)?);
        self.series(a, (ca, cb), from, to)
    }

    #[cfg(feature = "events")]
    fn series(
        &self,
        a: &EventsRequest,
        (ca, cb): (
            multipolar_countries::CountryId,
            multipolar_countries::CountryId,
        ),
        from: Option<Date>,
        to: Option<Date>,
    ) -> Result<Frame> {
        use multipolar_events::Channel;
        use multipolar_eventstore::{DyadQuery, Period, Weight, to_frame};
        let q = DyadQuery {
            a: common::label(ca),
            b: common::label(cb),
            from,
            to,
            by: match a.by {
                EventsBy::Day => Period::Day,
                EventsBy::Week => Period::Week,
                EventsBy::Month => Period::Month,
            },
            channel: a.channel.map(|c| match c {
                EventChannel::Security => Channel::Security,
                EventChannel::Economic => Channel::Economic,
                EventChannel::Diplomatic => Channel::Diplomatic,
                EventChannel::Other => Channel::Other,
            }),
            weight: match a.weight {
                EventWeight::Events => Weight::Events,
                EventWeight::Mentions => Weight::Mentions,
            },
        };
        let Some(store) = self.event_store()? else {
            return Err(crate::error::no_data(
                "no events are imported in this data directory: run `multipolar data update gdelt \
                 --from DATE --to DATE`, or `multipolar events import FILES...`",
            ));
        };
        let mut frame = to_frame(&store.dyad_series(&q)?)?;
        frame.meta("dyad", format!("{} and {}, both directions", q.a, q.b));
        frame.meta(
            "channel",
            q.channel.map_or("all", Channel::as_str).to_string(),
        );
        frame.meta(
            "weight",
            match q.weight {
                Weight::Events => "one per event",
                Weight::Mentions => "GDELT mentions (ICEWS events count 1)",
            },
        );
        frame.meta(
            "quad classes",
            "GDELT's rule: roots 01–05, 06–09, 10–14, 15–20",
        );
        Ok(frame)
    }

    #[cfg(not(feature = "events"))]
    fn series(
        &self,
        _: &EventsRequest,
        _: (
            multipolar_countries::CountryId,
            multipolar_countries::CountryId,
        ),
        _: Option<Date>,
        _: Option<Date>,
    ) -> Result<Frame> {
        Err(anyhow::anyhow!(
            "this build has no event store (built without the `events` feature): \
             `cargo build --release -p multipolar-cli` builds the command with it, \
             `MATURIN_PEP517_ARGS=\"--features events\" pip install ./python` the \
             Python package"
        ))
    }
}
