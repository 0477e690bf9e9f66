//! Movement: change points in each channel's yearly series, and what drove them.
//!
//! Each series (a channel's value against one pole, over the years that have one)
//! is segmented by PELT with a normal change-in-mean cost and the MBIC penalty
//! (`multipolar-changepoint`); a shift is reported with its first year, the segment
//! means before and after, and its drivers:
//!
//! * **UN votes**: half-credit agreement is the mean over roll calls of
//!   a_j = 1 − |d_j|/2, so with topics g (roll calls with the same title), weights
//!   w_g = n_g/N and topic means ā_g on each side, the change in mean splits exactly
//!   into a *behaviour* part — topics voted on both before and after, whose
//!   agreement changed: B_g = w̄_g (ā_g,after − ā_g,before), w̄ the mean weight — and
//!   an *agenda* part — topics that grew, shrank, appeared or disappeared:
//!   A_g = Δw_g (ā̄_g − m_before) (one-sided topics use their one mean). Σ_g (B_g +
//!   A_g) = m_after − m_before. The topics with the largest B_g in the direction of
//!   the shift are its drivers, shown with the state's and the pole's votes before
//!   and after; Σ A_g is reported as the agenda's share of the shift.
//! * **arms, trade, security events**: the partners whose mean share rose or fell
//!   most between the segments; **alliances**: the allies gained or lost.

use std::collections::BTreeMap;

use multipolar_countries::CountryId;
use multipolar_data::Vote;
use serde::Serialize;

use crate::channels::{ChannelId, Indexed};
use crate::poles::Pole;
use crate::un::pole_vote;

/// Drivers reported per shift.
pub const MAX_DRIVERS: usize = 5;
/// Shortest segment, in years: a change needs three years on each side to count.
pub const MIN_SEGMENT: usize = 3;
/// Smallest shift reported, in the channel's units (κ, agreement, share): PELT
/// finds statistically clear but tiny steps in very smooth series (IGO counts,
/// alliance portfolios), which say nothing about alignment.
pub const MIN_SHIFT: f64 = 0.05;

/// One detected shift in a channel's series against a pole.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Shift {
    /// Channel.
    pub channel: ChannelId,
    /// Pole id (the state itself for its ideal point).
    pub pole: String,
    /// First year of the new segment.
    pub year: i32,
    /// Years of the segment before (first, last).
    pub before_years: (i32, i32),
    /// Years of the segment after (first, last).
    pub after_years: (i32, i32),
    /// Segment mean before.
    pub before: f64,
    /// Segment mean after.
    pub after: f64,
    /// after − before.
    pub size: f64,
    /// UN votes: the part of `size` due to the agenda (which topics came to a vote)
    /// rather than changed votes on recurring topics.
    pub agenda: Option<f64>,
    /// What moved, largest contribution first.
    pub drivers: Vec<Driver>,
}

/// What drove a shift.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Driver {
    /// A UN topic (roll calls sharing a title).
    Votes(VoteDriver),
    /// A partner whose share changed.
    Partner(PartnerDriver),
}

/// A UN topic's contribution to a change in agreement.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VoteDriver {
    /// Title of the roll calls.
    pub title: String,
    /// The latest resolution of the topic in the window.
    pub resolution: String,
    /// Roll calls before / after.
    pub roll_calls: (usize, usize),
    /// The state's votes before / after, e.g. "Y 4 · A 1".
    pub state_votes: (String, String),
    /// The pole's votes before / after.
    pub pole_votes: (String, String),
    /// Mean agreement on the topic before / after.
    pub agreement: (f64, f64),
    /// B_g: the topic's part of the change in mean agreement through changed votes.
    pub contribution: f64,
}

/// A partner's share before and after a shift.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PartnerDriver {
    /// Partner label.
    pub partner: String,
    /// Mean share over the segment before.
    pub before: f64,
    /// Mean share over the segment after.
    pub after: f64,
}

/// How shifts are found, for output headers.
pub const CONVENTION: &str = "PELT, normal change in mean, MBIC penalty, σ from the Qn scale of first differences / √2, segments of at least 3 years, shifts of at least 0.05 (multipolar-changepoint; R changepoint conventions)";

/// Change points of a series: indices where a new segment starts.
pub fn change_points(values: &[f64]) -> Vec<usize> {
    let opts = multipolar_changepoint::Options {
        min_segment_len: Some(MIN_SEGMENT),
        ..Default::default()
    };
    // Series hold finite values only (missing years are dropped by the caller).
    multipolar_changepoint::detect(values, &opts)
        .map(|s| s.change_points.iter().map(|c| c.index).collect())
        .unwrap_or_default()
}

/// Shifts of one series; `drivers` explains a shift between two year ranges.
pub fn shifts(
    channel: ChannelId,
    pole: &str,
    series: &[(i32, f64)],
    mut drivers: impl FnMut((i32, i32), (i32, i32), f64) -> (Vec<Driver>, Option<f64>),
) -> Vec<Shift> {
    let values: Vec<f64> = series.iter().map(|s| s.1).collect();
    let cps = change_points(&values);
    let mut bounds = vec![0];
    bounds.extend(&cps);
    bounds.push(series.len());
    let mean = |a: usize, b: usize| values[a..b].iter().sum::<f64>() / (b - a) as f64;
    (1..bounds.len() - 1)
        .filter_map(|k| {
            let (a, c, b) = (bounds[k - 1], bounds[k], bounds[k + 1]);
            let before_years = (series[a].0, series[c - 1].0);
            let after_years = (series[c].0, series[b - 1].0);
            let (before, after) = (mean(a, c), mean(c, b));
            if (after - before).abs() < MIN_SHIFT {
                return None;
            }
            let (drivers, agenda) = drivers(before_years, after_years, after - before);
            Some(Shift {
                channel,
                pole: pole.to_string(),
                year: series[c].0,
                before_years,
                after_years,
                before,
                after,
                size: after - before,
                agenda,
                drivers,
            })
        })
        .collect()
}

fn vote_counts(v: &[Vote]) -> String {
    let n = |x: Vote| v.iter().filter(|&&y| y == x).count();
    let parts: Vec<String> = [(Vote::Yes, "Y"), (Vote::Abstain, "A"), (Vote::No, "N")]
        .into_iter()
        .filter(|(x, _)| n(*x) > 0)
        .map(|(x, s)| format!("{s} {}", n(x)))
        .collect();
    if parts.is_empty() {
        "–".into()
    } else {
        parts.join(" · ")
    }
}

/// The title roll calls are grouped by: the short title, else the description up
/// to the " : resolution" tail the UN Digital Library appends.
fn topic(rc: &multipolar_data::RollCall) -> String {
    let t = if rc.short.trim().is_empty() {
        rc.descr.split(" : ").next().unwrap_or("").trim()
    } else {
        rc.short.trim()
    };
    if t.is_empty() {
        rc.resolution.clone()
    } else {
        t.to_string()
    }
}

#[derive(Default)]
struct Side {
    n: usize,
    sum: f64,
    state: Vec<Vote>,
    pole: Vec<Vote>,
    last_resolution: String,
}

/// UN-vote drivers of a change in agreement between `state` and pole `p`, and the
/// agenda's part of the change (see the module docs).
pub fn vote_drivers(
    ix: &Indexed,
    state: CountryId,
    poles: &[Pole],
    p: usize,
    before: (i32, i32),
    after: (i32, i32),
    size: f64,
) -> (Vec<Driver>, Option<f64>) {
    let table = ix.table;
    let mut groups: BTreeMap<String, [Side; 2]> = BTreeMap::new();
    let mut totals = [0usize; 2];
    let mut sums = [0f64; 2];
    for (side, (y0, y1)) in [before, after].into_iter().enumerate() {
        for y in y0..=y1 {
            for &i in ix.votes.roll_calls(y) {
                let ballots = table.ballots(i);
                let Some(sv) = ballots
                    .binary_search_by_key(&state, |b| b.country)
                    .ok()
                    .map(|k| ballots[k].vote)
                else {
                    continue;
                };
                let Some(pv) = pole_vote(table, i, &poles[p], Some(state)) else {
                    continue;
                };
                let a = 1.0 - f64::from(sv.level().abs_diff(pv.level())) / 2.0;
                let rc = &table.roll_calls()[i];
                let g = &mut groups.entry(topic(rc).to_lowercase()).or_default()[side];
                g.n += 1;
                g.sum += a;
                g.state.push(sv);
                g.pole.push(pv);
                g.last_resolution = rc.resolution.clone();
                totals[side] += 1;
                sums[side] += a;
            }
        }
    }
    if totals[0] == 0 || totals[1] == 0 {
        return (Vec::new(), None);
    }
    let mb = sums[0] / totals[0] as f64;
    // Titles in their original case: the first roll call seen of each topic.
    let titles = titles(ix, before.0, after.1);
    let w = |s: &Side, n: usize| s.n as f64 / n as f64;
    let mean = |s: &Side| s.sum / s.n as f64;
    let mut agenda = 0.0;
    let mut out: Vec<VoteDriver> = Vec::new();
    for (key, [b, a]) in &groups {
        let (wb, wa) = (w(b, totals[0]), w(a, totals[1]));
        if b.n > 0 && a.n > 0 {
            let (ab, aa) = (mean(b), mean(a));
            agenda += (wa - wb) * ((ab + aa) / 2.0 - mb);
            out.push(VoteDriver {
                title: titles.get(key).cloned().unwrap_or_else(|| key.clone()),
                resolution: a.last_resolution.clone(),
                roll_calls: (b.n, a.n),
                state_votes: (vote_counts(&b.state), vote_counts(&a.state)),
                pole_votes: (vote_counts(&b.pole), vote_counts(&a.pole)),
                agreement: (ab, aa),
                contribution: (wa + wb) / 2.0 * (aa - ab),
            });
        } else if a.n > 0 {
            agenda += wa * (mean(a) - mb);
        } else {
            agenda -= wb * (mean(b) - mb);
        }
    }
    let sign = size.signum();
    out.retain(|d| d.contribution * sign > 0.0);
    out.sort_by(|a, b| (b.contribution * sign).total_cmp(&(a.contribution * sign)));
    out.truncate(MAX_DRIVERS);
    (out.into_iter().map(Driver::Votes).collect(), Some(agenda))
}

fn titles(ix: &Indexed, y0: i32, y1: i32) -> BTreeMap<String, String> {
    let mut m = BTreeMap::new();
    for y in y0..=y1 {
        for &i in ix.votes.roll_calls(y) {
            let t = topic(&ix.table.roll_calls()[i]);
            m.entry(t.to_lowercase()).or_insert(t);
        }
    }
    m
}

/// Partner drivers: mean share per partner over each segment (0 in years without
/// the partner), the largest moves in the direction of the shift first.
pub fn partner_drivers(
    ix: &Indexed,
    ch: ChannelId,
    state: CountryId,
    before: (i32, i32),
    after: (i32, i32),
) -> Vec<Driver> {
    let mut acc: BTreeMap<String, [f64; 2]> = BTreeMap::new();
    for (side, (y0, y1)) in [before, after].into_iter().enumerate() {
        let n = f64::from(y1 - y0 + 1);
        for y in y0..=y1 {
            for p in ix.partners(ch, state, y) {
                acc.entry(p.partner).or_default()[side] += p.share / n;
            }
        }
    }
    let mut v: Vec<PartnerDriver> = acc
        .into_iter()
        .map(|(partner, [before, after])| PartnerDriver {
            partner,
            before,
            after,
        })
        .filter(|d| (d.after - d.before).abs() > 1e-9)
        .collect();
    v.sort_by(|a, b| {
        (b.after - b.before)
            .abs()
            .total_cmp(&(a.after - a.before).abs())
    });
    v.truncate(MAX_DRIVERS);
    v.into_iter().map(Driver::Partner).collect()
}
