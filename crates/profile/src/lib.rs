//! A state's position between the poles of the international system, by channel,
//! and its movement with the drivers named: the science behind `multipolar profile`.
//!
//! # Brief overview
//!
//! * [`poles`] — a pole is a state or a group with membership over time ([`Pole`],
//!   [`Groups`]: bundled EU, NATO, BRICS, or the user's CSV).
//! * [`channels`] — each channel gives one yearly value per pole: UN agreement and
//!   κ, ideal points, alliance κ, arms, trade and IGO shares, and from imported
//!   event data net cooperation and the share of security cooperation
//!   ([`ChannelId`] names the measure and source of each); [`Sources`] is the data,
//!   loaded by the caller ([`EventDyads`]: event counts the caller aggregated).
//! * [`indices`] — lean, hedging, engagement and dispersion across channels
//!   (research note `alignment.md` §5.2), pure functions.
//! * [`movement`] — change points per series and the roll calls or partners that
//!   drove each shift.
//! * [`coverage`] — the years and source of each channel, the years left out as too
//!   thin (fewer than 10 roll calls of the state, …), and [`default_period`].
//! * [`profile`] assembles them into a [`Profile`]: serialisable, so the terminal
//!   report, JSON and HTML are three views of the same numbers.
//!
//! Why a crate of its own: the profile is the product's own science — how channels
//! combine into a position — and every front end (CLI, HTML report, a later API)
//! must show exactly the same numbers.
#![deny(missing_docs)]

pub mod channels;
pub mod coverage;
pub mod events;
pub mod indices;
pub mod movement;
pub mod poles;
pub mod un;

use multipolar_countries::{CountryId, Registry};
use serde::Serialize;

pub use channels::{ChannelId, Indexed, Partner, Sources};
pub use coverage::{Coverage, DEFAULT_YEARS, Dropped, default_period, last_complete_year};
pub use events::{EventCounts, EventDyads};
pub use movement::{Driver, Shift};
pub use poles::{Groups, Pole};

use indices::{Scale, TILT_MARGIN};

/// Years at the end of the period summarised as "now" (and used for peers).
pub const RECENT_YEARS: i32 = 5;
/// Nearest neighbours reported.
pub const NEIGHBOURS: usize = 5;
/// Partners followed over time in the share channels.
pub const LEADING_PARTNERS: usize = 5;

/// What went wrong assembling a profile.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ProfileError {
    /// No poles.
    #[error("no poles: name at least two")]
    NoPoles,
    /// The state is one of the poles.
    #[error("{0} is one of the poles; a state is profiled against others")]
    StateIsPole(String),
    /// The period holds no UN votes of the state.
    #[error("{state} cast no UN votes in {from}–{to}")]
    NoVotes {
        /// State label.
        state: String,
        /// First year.
        from: i32,
        /// Last year.
        to: i32,
    },
}

/// A pole as shown in outputs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PoleInfo {
    /// Id (`USA`, `EU`).
    pub id: String,
    /// Long name.
    pub name: String,
    /// Members in the last year of the period (one for a state).
    pub members: Vec<String>,
}

/// One channel's yearly series against every pole.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChannelSeries {
    /// Channel.
    pub channel: ChannelId,
    /// Title.
    pub title: &'static str,
    /// Measure and convention.
    pub measure: &'static str,
    /// Data source.
    pub source: &'static str,
    /// `values[pole][year]`: the channel's measure.
    pub values: Vec<Vec<Option<f64>>>,
    /// `lean[pole][year]`, for channels in the lean indices (empty otherwise).
    pub lean: Vec<Vec<Option<f64>>>,
    /// Hedging H per year (lean channels).
    pub hedging: Vec<Option<f64>>,
    /// Engagement E per year (lean channels).
    pub engagement: Vec<Option<f64>>,
    /// The pole the channel leans towards per year, if any.
    pub tilt: Vec<Option<String>>,
    /// The state's own value per year: its ideal point (ideal channel only).
    pub own: Vec<Option<f64>>,
    /// `counts[pole][year]`, event channels only: the events behind the value — all
    /// events with the pole (`events_coop`), the cooperative security events with it
    /// (`events_security`: the security-ties count); `None` in years without events
    /// of the state.
    pub counts: Vec<Vec<Option<u64>>>,
    /// Effective number of partners per year, 1/HHI of the partner shares (arms
    /// suppliers, trade partners, partners in security cooperation events; for
    /// alliances, the number of allies).
    pub diversification: Vec<Option<f64>>,
    /// Largest single partner per year: dependence.
    pub top_partner: Vec<Option<Partner>>,
    /// The partners with the largest mean share over the period (at most
    /// [`LEADING_PARTNERS`]), their share per year (0 when absent; `None` in years
    /// without data): the partner concentration over time.
    pub leading: Vec<PartnerShares>,
}

/// One partner's share of a channel per year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PartnerShares {
    /// Partner label.
    pub partner: String,
    /// Share per year.
    pub shares: Vec<Option<f64>>,
}

/// Position between two poles on the ideal-point scale.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Between {
    /// Pole at λ = 1.
    pub a: String,
    /// Pole at λ = 0.
    pub b: String,
    /// λ per year.
    pub lambda: Vec<Option<f64>>,
}

/// The cross-channel summary of one year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct YearSummary {
    /// Year.
    pub year: i32,
    /// Mean hedging H over the lean channels with a value.
    pub hedging: Option<f64>,
    /// Dispersion of leans across channels.
    pub dispersion: Option<f64>,
    /// Channels leaning towards each pole that year: (channel, pole).
    pub tilts: Vec<(ChannelId, String)>,
}

/// A lean channel over the recent years of the period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Recent {
    /// Channel.
    pub channel: ChannelId,
    /// Years averaged (first, last) — the last `RECENT_YEARS` with data.
    pub years: Option<(i32, i32)>,
    /// Mean value per pole.
    pub values: Vec<Option<f64>>,
    /// Mean closeness per pole.
    pub closeness: Vec<Option<f64>>,
    /// Lean per pole (of the mean closeness).
    pub lean: Vec<Option<f64>>,
    /// Hedging of the mean closeness.
    pub hedging: Option<f64>,
    /// Engagement of the mean closeness.
    pub engagement: Option<f64>,
    /// The pole it leans towards.
    pub tilt: Option<String>,
    /// In words: "leans USA", "close to all poles", …
    pub stance: String,
}

/// Where the state ranks among all states on one channel's lean towards one pole.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PeerRank {
    /// Channel.
    pub channel: ChannelId,
    /// Pole.
    pub pole: String,
    /// The state's mean lean over the recent years.
    pub lean: f64,
    /// Rank, 1 = leans most towards the pole.
    pub rank: usize,
    /// Of this many states with a value.
    pub of: usize,
}

/// A state close to the profiled one on the UN κ closeness to every pole.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Neighbour {
    /// State label.
    pub state: String,
    /// Euclidean distance between the closeness vectors.
    pub distance: f64,
}

/// The whole profile: every number the report, JSON and HTML show.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Profile {
    /// State label.
    pub state: String,
    /// State name in the last year.
    pub name: String,
    /// First year.
    pub from: i32,
    /// Last year.
    pub to: i32,
    /// Years `from..=to`.
    pub years: Vec<i32>,
    /// Poles.
    pub poles: Vec<PoleInfo>,
    /// Channels with data.
    pub channels: Vec<ChannelSeries>,
    /// The years each channel has data for in the period, per source.
    pub coverage: Vec<Coverage>,
    /// Years left out of a channel's series for the state, with the reason.
    pub dropped: Vec<Dropped>,
    /// λ between the first pole and each other pole (ideal points).
    pub between: Vec<Between>,
    /// Cross-channel summary per year.
    pub summary: Vec<YearSummary>,
    /// The lean channels over the recent years.
    pub recent: Vec<Recent>,
    /// Mean dispersion over the recent years.
    pub recent_dispersion: Option<f64>,
    /// Detected shifts, by year.
    pub shifts: Vec<Shift>,
    /// Peer ranks on each lean channel and pole over the recent years.
    pub peers: Vec<PeerRank>,
    /// Nearest states by UN κ closeness to the poles over the recent years.
    pub neighbours: Vec<Neighbour>,
}

/// Closeness of `state` to every pole in a lean channel and year.
fn closeness(
    ix: &Indexed,
    ch: ChannelId,
    scale: Scale,
    state: CountryId,
    poles: &[Pole],
    y: i32,
) -> Vec<Option<f64>> {
    (0..poles.len())
        .map(|p| ix.value(ch, state, poles, p, y).map(|v| scale.closeness(v)))
        .collect()
}

fn mean_opt(v: impl Iterator<Item = Option<f64>>) -> Option<f64> {
    let k: Vec<f64> = v.flatten().collect();
    (!k.is_empty()).then(|| k.iter().sum::<f64>() / k.len() as f64)
}

/// Mean closeness per pole over the recent years with data: (years used, means).
fn recent_closeness(
    ix: &Indexed,
    ch: ChannelId,
    scale: Scale,
    state: CountryId,
    poles: &[Pole],
    to: i32,
    from: i32,
) -> (Option<(i32, i32)>, Vec<Option<f64>>) {
    let mut rows: Vec<(i32, Vec<Option<f64>>)> = Vec::new();
    for y in (from..=to).rev() {
        let c = closeness(ix, ch, scale, state, poles, y);
        if c.iter().any(Option::is_some) {
            rows.push((y, c));
            if rows.len() == RECENT_YEARS as usize {
                break;
            }
        }
    }
    let years = (!rows.is_empty()).then(|| (rows.last().unwrap().0, rows[0].0));
    let means = (0..poles.len())
        .map(|p| mean_opt(rows.iter().map(|r| r.1[p])))
        .collect();
    (years, means)
}

/// Computes the profile of `state` against `poles` over `from..=to`.
pub fn profile(
    src: &Sources,
    state: CountryId,
    poles: &[Pole],
    from: i32,
    to: i32,
) -> Result<Profile, ProfileError> {
    let reg = Registry::global();
    let label = reg.get(state).label().to_string();
    if poles.len() < 2 {
        return Err(ProfileError::NoPoles);
    }
    if let Some(p) = poles.iter().find(|p| !p.group && p.includes(state)) {
        return Err(ProfileError::StateIsPole(p.id.clone()));
    }
    let ix = Indexed::new(src, poles, from, to);
    let years: Vec<i32> = (from..=to).collect();
    if years
        .iter()
        .all(|&y| ix.votes.counts(state, 0, y).is_none())
    {
        return Err(ProfileError::NoVotes {
            state: label,
            from,
            to,
        });
    }
    let pole_ids: Vec<String> = poles.iter().map(|p| p.id.clone()).collect();

    let mut channels = Vec::new();
    for &ch in ix.channels() {
        let values: Vec<Vec<Option<f64>>> = (0..poles.len())
            .map(|p| {
                years
                    .iter()
                    .map(|&y| ix.value(ch, state, poles, p, y))
                    .collect()
            })
            .collect();
        let mut s = ChannelSeries {
            channel: ch,
            title: ch.title(),
            measure: ch.measure(),
            source: ch.source(),
            values,
            lean: Vec::new(),
            hedging: Vec::new(),
            engagement: Vec::new(),
            tilt: Vec::new(),
            own: Vec::new(),
            counts: Vec::new(),
            diversification: Vec::new(),
            top_partner: Vec::new(),
            leading: Vec::new(),
        };
        if let Some(scale) = ch.scale() {
            let per_year: Vec<Vec<Option<f64>>> = years
                .iter()
                .enumerate()
                .map(|(k, _)| {
                    (0..poles.len())
                        .map(|p| s.values[p][k].map(|v| scale.closeness(v)))
                        .collect()
                })
                .collect();
            let leans: Vec<Vec<Option<f64>>> = per_year.iter().map(|c| indices::lean(c)).collect();
            s.lean = (0..poles.len())
                .map(|p| leans.iter().map(|l| l[p]).collect())
                .collect();
            s.hedging = per_year.iter().map(|c| indices::hedging(c)).collect();
            s.engagement = per_year
                .iter()
                .map(|c| indices::engagement(scale, c))
                .collect();
            s.tilt = per_year
                .iter()
                .map(|c| indices::tilt(c, TILT_MARGIN).map(|p| pole_ids[p].clone()))
                .collect();
        }
        if ch == ChannelId::Ideal {
            s.own = years.iter().map(|&y| ix.theta(state, y)).collect();
        }
        if matches!(ch, ChannelId::EventsCoop | ChannelId::EventsSecurity) {
            s.counts = (0..poles.len())
                .map(|p| {
                    years
                        .iter()
                        .map(|&y| ix.event_count(ch, state, poles, p, y))
                        .collect()
                })
                .collect();
        }
        if matches!(
            ch,
            ChannelId::Arms | ChannelId::Trade | ChannelId::Alliances | ChannelId::EventsSecurity
        ) {
            let mut by_year = Vec::new();
            for &y in &years {
                let partners = ix.partners(ch, state, y);
                by_year.push((!partners.is_empty()).then(|| partners.clone()));
                let shares: Vec<f64> = partners.iter().map(|p| p.share).collect();
                s.diversification
                    .push(multipolar_measures::dependence::effective_partners(&shares));
                s.top_partner.push(match ch {
                    ChannelId::Alliances => None,
                    _ => partners.into_iter().next(),
                });
            }
            if ch != ChannelId::Alliances {
                s.leading = leading(&by_year);
            }
        }
        channels.push(s);
    }

    let between = match channels.iter().find(|c| c.channel == ChannelId::Ideal) {
        Some(ideal) => (1..poles.len())
            .map(|b| Between {
                a: pole_ids[0].clone(),
                b: pole_ids[b].clone(),
                lambda: (0..years.len())
                    .map(|k| {
                        indices::between(ideal.own[k]?, ideal.values[0][k]?, ideal.values[b][k]?)
                    })
                    .collect(),
            })
            .collect(),
        None => Vec::new(),
    };

    let lean_channels: Vec<&ChannelSeries> = channels
        .iter()
        .filter(|c| c.channel.scale().is_some())
        .collect();
    let summary: Vec<YearSummary> = years
        .iter()
        .enumerate()
        .map(|(k, &y)| YearSummary {
            year: y,
            hedging: mean_opt(lean_channels.iter().map(|c| c.hedging[k])),
            dispersion: indices::dispersion(
                &lean_channels
                    .iter()
                    .map(|c| (0..poles.len()).map(|p| c.lean[p][k]).collect())
                    .collect::<Vec<_>>(),
            ),
            tilts: lean_channels
                .iter()
                .filter_map(|c| Some((c.channel, c.tilt[k].clone()?)))
                .collect(),
        })
        .collect();

    let recent: Vec<Recent> = lean_channels
        .iter()
        .map(|c| {
            let scale = c.channel.scale().expect("lean channels have a scale");
            let (yrs, close) = recent_closeness(&ix, c.channel, scale, state, poles, to, from);
            let values = (0..poles.len())
                .map(|p| {
                    let (a, b) = yrs?;
                    mean_opt((a..=b).map(|y| c.values[p][(y - from) as usize]))
                })
                .collect();
            let tilt = indices::tilt(&close, TILT_MARGIN).map(|p| pole_ids[p].clone());
            let hedging = indices::hedging(&close);
            let engagement = indices::engagement(scale, &close);
            Recent {
                channel: c.channel,
                years: yrs,
                values,
                lean: indices::lean(&close),
                stance: indices::stance(tilt.as_deref(), hedging, engagement),
                closeness: close,
                hedging,
                engagement,
                tilt,
            }
        })
        .collect();
    let recent_dispersion =
        indices::dispersion(&recent.iter().map(|r| r.lean.clone()).collect::<Vec<_>>());

    let coverage = ix.coverage();
    let dropped: Vec<Dropped> = channels
        .iter()
        .flat_map(|c| {
            let ix = &ix;
            years.iter().filter_map(move |&y| {
                Some(Dropped {
                    channel: c.channel,
                    year: y,
                    reason: ix.dropped(c.channel, state, y)?,
                })
            })
        })
        .collect();
    let shifts = detect_shifts(&ix, &channels, state, poles, &years);
    let peers = peer_ranks(&ix, &recent, poles, from, to);
    let neighbours = neighbours(&ix, state, poles, from, to);

    Ok(Profile {
        name: reg.get(state).name_in(to).to_string(),
        state: label,
        from,
        to,
        years,
        poles: poles
            .iter()
            .map(|p| PoleInfo {
                id: p.id.clone(),
                name: p.name.clone(),
                members: {
                    let mut m: Vec<String> = p
                        .members_in(to)
                        .iter()
                        .map(|&c| reg.get(c).label().to_string())
                        .collect();
                    m.sort();
                    m
                },
            })
            .collect(),
        channels,
        coverage,
        dropped,
        between,
        summary,
        recent,
        recent_dispersion,
        shifts,
        peers,
        neighbours,
    })
}

/// The partners with the largest mean share over the years with data.
fn leading(by_year: &[Option<Vec<Partner>>]) -> Vec<PartnerShares> {
    let mut total: std::collections::BTreeMap<&str, f64> = Default::default();
    for p in by_year.iter().flatten().flatten() {
        *total.entry(&p.partner).or_default() += p.share;
    }
    let mut top: Vec<(&str, f64)> = total.into_iter().collect();
    top.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(b.0)));
    top.truncate(LEADING_PARTNERS);
    top.into_iter()
        .map(|(name, _)| PartnerShares {
            partner: name.to_string(),
            shares: by_year
                .iter()
                .map(|y| {
                    let y = y.as_ref()?;
                    Some(
                        y.iter()
                            .find(|p| p.partner == name)
                            .map_or(0.0, |p| p.share),
                    )
                })
                .collect(),
        })
        .collect()
}

fn detect_shifts(
    ix: &Indexed,
    channels: &[ChannelSeries],
    state: CountryId,
    poles: &[Pole],
    years: &[i32],
) -> Vec<Shift> {
    let mut out = Vec::new();
    for c in channels {
        // κ moves with agreement; its shifts would repeat the agreement's.
        if c.channel == ChannelId::UnKappa {
            continue;
        }
        let series_of = |v: &[Option<f64>]| -> Vec<(i32, f64)> {
            years
                .iter()
                .zip(v)
                .filter_map(|(&y, v)| Some((y, (*v)?)))
                .collect()
        };
        if c.channel == ChannelId::Ideal {
            let s = series_of(&c.own);
            let label = Registry::global().get(state).label().to_string();
            out.extend(movement::shifts(c.channel, &label, &s, |_, _, _| {
                (Vec::new(), None)
            }));
            continue;
        }
        for (p, pole) in poles.iter().enumerate() {
            let s = series_of(&c.values[p]);
            out.extend(movement::shifts(
                c.channel,
                &pole.id,
                &s,
                |before, after, size| match c.channel {
                    ChannelId::UnAgreement => {
                        movement::vote_drivers(ix, state, poles, p, before, after, size)
                    }
                    ChannelId::Arms
                    | ChannelId::Trade
                    | ChannelId::Alliances
                    | ChannelId::EventsSecurity => (
                        movement::partner_drivers(ix, c.channel, state, before, after),
                        None,
                    ),
                    _ => (Vec::new(), None),
                },
            ));
        }
    }
    out.sort_by(|a, b| {
        a.year
            .cmp(&b.year)
            .then(b.size.abs().total_cmp(&a.size.abs()))
    });
    out
}

/// The state's rank on each recent lean among every state with a value.
fn peer_ranks(
    ix: &Indexed,
    recent: &[Recent],
    poles: &[Pole],
    from: i32,
    to: i32,
) -> Vec<PeerRank> {
    let mut out = Vec::new();
    for r in recent {
        let Some((y0, y1)) = r.years else { continue };
        let scale = r.channel.scale().expect("recent channels have a scale");
        let mut candidates: Vec<CountryId> =
            (y0..=y1).flat_map(|y| ix.states(r.channel, y)).collect();
        candidates.sort();
        candidates.dedup();
        // Leans of every candidate, over the same years, poles excluded.
        let leans: Vec<(CountryId, Vec<Option<f64>>)> = candidates
            .into_iter()
            .filter(|&c| !poles.iter().any(|p| !p.group && p.includes(c)))
            .map(|c| {
                let (_, close) =
                    recent_closeness(ix, r.channel, scale, c, poles, y1.min(to), y0.max(from));
                (c, indices::lean(&close))
            })
            .collect();
        for (p, pole) in poles.iter().enumerate() {
            let Some(mine) = r.lean[p] else { continue };
            let others: Vec<f64> = leans.iter().filter_map(|(_, l)| l[p]).collect();
            let rank = 1 + others.iter().filter(|&&l| l > mine + 1e-12).count();
            out.push(PeerRank {
                channel: r.channel,
                pole: pole.id.clone(),
                lean: mine,
                rank,
                of: others.len(),
            });
        }
    }
    out
}

/// Nearest states by their recent UN κ closeness to every pole.
fn neighbours(
    ix: &Indexed,
    state: CountryId,
    poles: &[Pole],
    from: i32,
    to: i32,
) -> Vec<Neighbour> {
    let ch = ChannelId::UnKappa;
    let scale = Scale::Similarity;
    let (years, mine) = recent_closeness(ix, ch, scale, state, poles, to, from);
    let Some((y0, y1)) = years else {
        return Vec::new();
    };
    let mut candidates: Vec<CountryId> = (y0..=y1).flat_map(|y| ix.states(ch, y)).collect();
    candidates.sort();
    candidates.dedup();
    let reg = Registry::global();
    let mut v: Vec<Neighbour> = candidates
        .into_iter()
        .filter(|&c| c != state)
        .filter_map(|c| {
            let (_, theirs) = recent_closeness(ix, ch, scale, c, poles, y1, y0);
            let mut d2 = 0.0;
            for (a, b) in mine.iter().zip(&theirs) {
                d2 += (a.as_ref()? - b.as_ref()?).powi(2);
            }
            Some(Neighbour {
                state: reg.get(c).label().to_string(),
                distance: d2.sqrt(),
            })
        })
        .collect();
    v.sort_by(|a, b| {
        a.distance
            .total_cmp(&b.distance)
            .then(a.state.cmp(&b.state))
    });
    v.truncate(NEIGHBOURS);
    v
}
