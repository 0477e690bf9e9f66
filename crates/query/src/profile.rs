//! `profile`: a state between the poles, by channel, with its shifts.
//!
//! Checks the request (period, state, poles) before reading anything, loads every
//! source the engine does not hold yet (in parallel), and hands them to
//! `multipolar-profile`; the one [`Profile`] it returns is what every view shows —
//! terminal report, JSON, charts, HTML, the API and the dashboard.

use std::path::PathBuf;

use anyhow::{Context, Result};
use multipolar_countries::{CountryId, Registry};
use multipolar_data::csvsrc::Source;
use multipolar_profile::coverage::{DEFAULT_YEARS, default_period};
use multipolar_profile::{Groups, Pole, Profile, ProfileError, Sources, profile};
use serde::Deserialize;

use crate::error::{UnknownName, no_data, resolve_suggestions, usage};
use crate::{Engine, common, de};

/// The last year of the bundled UN votes: historical codes resolve as of it when no
/// year is given (an import only extends the votes).
const LAST_BUNDLED_YEAR: i32 = 2020;

/// A `profile` request.
#[derive(clap::Args, Deserialize, Debug, Clone)]
#[serde(default)]
pub struct ProfileRequest {
    /// The state: ISO3, ISO2, COW number or letters, or a name.
    #[arg(value_name = "COUNTRY")]
    #[serde(alias = "state")]
    pub country: String,
    /// First year (default: 29 years before --to).
    #[arg(long, value_name = "YEAR")]
    #[serde(alias = "start", deserialize_with = "de::lenient_opt")]
    pub from: Option<i32>,
    /// Last year (default: the last complete year of UN votes).
    #[arg(long, value_name = "YEAR")]
    #[serde(alias = "end", deserialize_with = "de::lenient_opt")]
    pub to: Option<i32>,
    /// Poles, comma-separated: states or groups (EU, NATO, BRICS, or from --groups).
    #[arg(
        long,
        value_delimiter = ',',
        default_value = "USA,EU,CHN,RUS",
        value_name = "POLE"
    )]
    #[serde(deserialize_with = "de::list")]
    pub poles: Vec<String>,
    /// Extra groups: a CSV `group,name,country,from,to` (one row per membership spell).
    #[arg(long, value_name = "FILE")]
    pub groups: Option<PathBuf>,
    /// Leave out the ideal-point channel (no model fit on a first run).
    #[arg(long)]
    #[serde(deserialize_with = "de::lenient")]
    pub no_ideal: bool,
}

impl Default for ProfileRequest {
    fn default() -> Self {
        ProfileRequest {
            country: String::new(),
            from: None,
            to: None,
            poles: ["USA", "EU", "CHN", "RUS"].map(String::from).to_vec(),
            groups: None,
            no_ideal: false,
        }
    }
}

/// The poles the user named, groups first, then states.
fn poles(a: &ProfileRequest, year: i32) -> Result<Vec<Pole>> {
    let mut groups = Groups::bundled();
    if let Some(path) = &a.groups {
        groups.read(Source::open(path)?)?;
    }
    let mut out: Vec<Pole> = Vec::new();
    for q in &a.poles {
        let p = match groups.get(q.trim()) {
            Some(g) => g.clone(),
            None => Registry::global()
                .resolve(q.trim(), Some(year))
                .map(Pole::state)
                .map_err(|e| UnknownName {
                    msg: format!(
                        "pole \"{q}\": {e}; poles are states or groups ({})",
                        groups.ids().collect::<Vec<_>>().join(", ")
                    ),
                    suggestions: resolve_suggestions(&e),
                })?,
        };
        if out.iter().any(|o| o.id == p.id) {
            crate::error::bail_usage!("pole {} is named twice", p.id);
        }
        out.push(p);
    }
    if out.len() < 2 {
        crate::error::bail_usage!("--poles needs at least two poles to place a state between");
    }
    Ok(out)
}

impl Engine {
    /// The profile the request asks for.
    pub fn profile(&self, a: &ProfileRequest) -> Result<Profile> {
        // Everything that can be checked without data is, before any is read.
        common::check_period(a.from, a.to)?;
        let year = a.to.or(a.from).unwrap_or(LAST_BUNDLED_YEAR);
        let state: CountryId = common::country(&a.country, Some(year))?;
        let poles = poles(a, year)?;
        let votes = self.votes()?;
        let (first_default, last_complete) =
            default_period(votes).context("the vote table is empty")?;
        let last_day = votes.date_range().context("the vote table is empty")?.1;
        // By default the period ends in the last complete year of the UN votes (the
        // bundled ones end with a few roll calls of January 2020: 2019).
        let beyond = |from: i32| {
            no_data(format!(
                "the UN votes run to {last_day}, complete to {last_complete}; asked for {from}–{}{}",
                a.to.map_or("now".into(), |t| t.to_string()),
                common::newer_votes_hint(Some(from), last_complete)
            ))
        };
        let to = a.to.unwrap_or(last_complete);
        let from = match a.from {
            Some(f) if f > last_day.year || (a.to.is_none() && f > last_complete) => {
                return Err(beyond(f));
            }
            Some(f) => f,
            None if a.to.is_some() => to - (DEFAULT_YEARS - 1),
            None => first_default,
        };
        // The other sources load together; the ideal points (a fit on the first run)
        // only once the request is known to be answerable.
        let (alliances, arms, trade, igo) = std::thread::scope(|s| {
            let alliances = s.spawn(|| -> Result<_> { Ok((self.atop()?, self.capabilities()?)) });
            let arms =
                s.spawn(|| -> Result<_> { Ok((self.profile_arms()?, &self.tiv()?.parties)) });
            let igo = s.spawn(|| self.igo());
            let trade = self.trade();
            (
                alliances.join().expect("loader panicked"),
                arms.join().expect("loader panicked"),
                trade,
                igo.join().expect("loader panicked"),
            )
        });
        let ideal = if a.no_ideal {
            None
        } else {
            Some(self.ideal_points()?)
        };
        let events = self.event_dyads(from..=to)?;
        let src = Sources {
            votes,
            ideal,
            alliances: Some(alliances?),
            arms: Some(arms?),
            trade: Some(trade?),
            igo: Some(igo?),
            events: events.as_ref(),
        };
        profile(&src, state, &poles, from, to).map_err(|e| match e {
            ProfileError::NoVotes { .. } => no_data(e.to_string()),
            ProfileError::NoPoles | ProfileError::StateIsPole(_) => usage(e.to_string()),
            e => anyhow::Error::new(e),
        })
    }

    /// Yearly event counts between states over `years`, when events are imported.
    #[cfg(feature = "events")]
    fn event_dyads(
        &self,
        years: std::ops::RangeInclusive<i32>,
    ) -> Result<Option<multipolar_profile::EventDyads>> {
        match self.event_store()? {
            Some(store) => crate::profile_events::dyads(store, years).map(Some),
            None => Ok(None),
        }
    }

    /// A build without the event store has no event channels.
    #[cfg(not(feature = "events"))]
    fn event_dyads(
        &self,
        _: std::ops::RangeInclusive<i32>,
    ) -> Result<Option<multipolar_profile::EventDyads>> {
        Ok(None)
    }
}

/// The JSON document of a profile: the profile with the conventions it was computed
/// under.
pub fn profile_json(p: &Profile) -> serde_json::Value {
    serde_json::json!({
        "multipolar": env!("CARGO_PKG_VERSION"),
        "conventions": {
            "closeness": "similarities s in [-1,1] as (s+1)/2; shares as they are",
            "lean": "closeness - mean closeness over the poles with a value",
            "hedging": "H = 1 - (max - min closeness over poles) (research note §5.2)",
            "engagement": "mean closeness (similarity channels) or summed share (share channels)",
            "dispersion": "per pole, population SD of lean across lean channels; mean over poles",
            "tilt": format!("the pole with the largest closeness, if ahead by ≥ {}", multipolar_profile::indices::TILT_MARGIN),
            "shifts": multipolar_profile::movement::CONVENTION,
            "recent": format!("means over the last {} years with data", multipolar_profile::RECENT_YEARS),
        },
        "profile": p,
    })
}
