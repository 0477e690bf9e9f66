//! What each channel covers, the years left out because they hold too little data,
//! and the default period of a profile.
//!
//! A yearly value needs enough underneath it. The rules, per channel:
//!
//! | channel | a year is left out for a state when |
//! |---|---|
//! | UN votes (agreement, κ) | it voted in fewer than [`MIN_ROLL_CALLS`] roll calls that calendar year (the bundled data end with a few January 2020 roll calls) |
//! | ideal points | it cast fewer than [`MIN_SESSION_VOTES`] votes in the session |
//! | arms | the window of years ending in the year reaches before the data's first year of deliveries |
//! | events | the event data cover fewer than [`MIN_EVENT_MONTHS`] months of the year (a download to date), when the caller recorded months |
//!
//! Alliances (ATOP), trade (COW, BACI, DOTS) and IGOs (COW) are published for whole
//! years only: no rule. A left-out year has no value anywhere (series, summaries,
//! shifts, peers, charts) and is listed with its reason ([`Dropped`]).

use std::collections::BTreeMap;

use multipolar_countries::{CountryId, Registry};
use multipolar_data::{Origin, VoteTable};
use multipolar_dependence::Span;
use serde::Serialize;

use crate::channels::{ChannelId, Indexed};

/// Fewest roll calls a state must vote in during a calendar year for its UN values.
pub const MIN_ROLL_CALLS: u32 = 10;
/// Fewest votes a state must cast in a session for its ideal point to be shown.
pub const MIN_SESSION_VOTES: u32 = 10;
/// Fewest months of a year the event data must cover for the event channels.
pub const MIN_EVENT_MONTHS: usize = 12;
/// Years in the default period of a profile.
pub const DEFAULT_YEARS: i32 = 30;

/// The years of the profile's period a channel has data for, from one source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Coverage {
    /// Channel.
    pub channel: ChannelId,
    /// First year with data.
    pub from: i32,
    /// Last year with data.
    pub to: i32,
    /// Where these years come from.
    pub source: String,
}

/// A year left out of a channel's series, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Dropped {
    /// Channel.
    pub channel: ChannelId,
    /// Year.
    pub year: i32,
    /// Why, in words ("MAR voted in 3 roll calls in 2020, fewer than 10").
    pub reason: String,
}

/// The last calendar year the votes cover completely: a year is complete when the
/// data reach into a later year or into its December (the General Assembly's main
/// voting months are October–December). The bundled votes end on 2020-01-14: 2019.
pub fn last_complete_year(votes: &VoteTable) -> Option<i32> {
    let (_, last) = votes.date_range()?;
    Some(if last.month == 12 {
        last.year
    } else {
        last.year - 1
    })
}

/// The default period of `profile`: the [`DEFAULT_YEARS`] years ending in the last
/// complete year of the UN votes, the main channel.
pub fn default_period(votes: &VoteTable) -> Option<(i32, i32)> {
    let to = last_complete_year(votes)?;
    Some((to - (DEFAULT_YEARS - 1), to))
}

fn origin(o: Origin) -> &'static str {
    match o {
        Origin::Unvotes => ChannelId::UnAgreement.source(),
        Origin::Undl => "UN Digital Library voting data (record 4060887), imported",
    }
}

fn span(channel: ChannelId, years: impl Iterator<Item = i32>, source: &str) -> Option<Coverage> {
    let (from, to) = years.fold(None, |acc: Option<(i32, i32)>, y| {
        Some(acc.map_or((y, y), |(a, b)| (a.min(y), b.max(y))))
    })?;
    Some(Coverage {
        channel,
        from,
        to,
        source: source.to_string(),
    })
}

fn of_spans(channel: ChannelId, v: &[Span]) -> Vec<Coverage> {
    v.iter()
        .map(|s| Coverage {
            channel,
            from: s.from,
            to: s.to,
            source: s.source.clone(),
        })
        .collect()
}

impl Indexed<'_> {
    /// The coverage of every channel with data in the period, in channel order and
    /// then by first year (a channel with no data in the period has none).
    pub fn coverage(&self) -> Vec<Coverage> {
        let period = self.years();
        let mut out = Vec::new();
        for &ch in self.channels() {
            match ch {
                ChannelId::UnAgreement | ChannelId::UnKappa => {
                    let mut by: BTreeMap<&str, Vec<i32>> = BTreeMap::new();
                    for rc in self.table.roll_calls() {
                        if period.contains(&rc.date.year) {
                            by.entry(origin(rc.origin)).or_default().push(rc.date.year);
                        }
                    }
                    let mut v: Vec<Coverage> = by
                        .into_iter()
                        .filter_map(|(s, y)| span(ch, y.into_iter(), s))
                        .collect();
                    v.sort_by_key(|c| c.from);
                    out.extend(v);
                }
                ChannelId::Ideal => out.extend(span(ch, self.ideal_years(), ch.source())),
                ChannelId::Alliances => out.extend(span(ch, self.portfolio_years(), ch.source())),
                ChannelId::Arms => out.extend(of_spans(ch, &self.arms_sources)),
                ChannelId::Trade => out.extend(of_spans(ch, &self.trade_sources)),
                ChannelId::Igo => out.extend(span(ch, self.igo_years.iter().copied(), ch.source())),
                ChannelId::EventsCoop | ChannelId::EventsSecurity => {
                    out.extend(span(ch, self.event_years.iter().copied(), ch.source()))
                }
            }
        }
        out
    }

    /// Why `state`'s value in channel `ch` and `year` is left out, if it is (see the
    /// module docs for the rules).
    pub fn dropped(&self, ch: ChannelId, state: CountryId, year: i32) -> Option<String> {
        let label = || Registry::global().get(state).label().to_string();
        match ch {
            ChannelId::UnAgreement | ChannelId::UnKappa => {
                self.votes.thin(state, year).then(|| {
                    let n = self.votes.cast(state, year);
                    let calls = if n == 1 { "roll call" } else { "roll calls" };
                    format!(
                        "{} voted in {n} {calls} in {year}, fewer than {MIN_ROLL_CALLS}",
                        label()
                    )
                })
            }
            ChannelId::Ideal => {
                let n = *self.session_votes.get(&(state, year))?;
                (n < MIN_SESSION_VOTES).then(|| {
                    format!(
                        "{} cast {n} votes in session {}, fewer than {MIN_SESSION_VOTES}",
                        label(),
                        year - 1945
                    )
                })
            }
            ChannelId::Arms => {
                let (w, first) = self.arms_window;
                self.arms_thin.contains(&(state, year)).then(|| {
                    format!(
                        "the {w}-year window {}–{year} starts before the data's first year ({})",
                        year - w as i32 + 1,
                        first.unwrap_or(year)
                    )
                })
            }
            ChannelId::EventsCoop | ChannelId::EventsSecurity => {
                let m = self.event_months.get(&year)?;
                self.events_thin.contains(&(state, year)).then(|| {
                    format!(
                        "the event data cover {m} of 12 months of {year}, fewer than {MIN_EVENT_MONTHS}"
                    )
                })
            }
            ChannelId::Alliances | ChannelId::Trade | ChannelId::Igo => None,
        }
    }
}
