//! The channels of a profile: one yearly value per state, pole and year, each with
//! its measure and source named.
//!
//! | channel | value | group pole |
//! |---|---|---|
//! | `un_agreement` | Voeten half-credit agreement with the pole's vote | the members' plurality vote |
//! | `un_kappa` | Cohen's κ, quadratic weights (peacesciencer `kvotev`) | the members' plurality vote |
//! | `ideal` | BSV ideal point θ of the state and of the pole | mean θ of the members |
//! | `alliances` | ATOP valued κ of alliance portfolios (fpsim `kallyv`) | mean over members |
//! | `arms` | pole's share of the state's arms imports (SIPRI TIV, 5-year window) | members' shares summed |
//! | `trade` | pole's share of the state's total trade (COW trade v4) | members' shares summed |
//! | `igo` | IGOs shared with the pole / the state's full memberships (COW IGO v3) | mean over members |
//! | `events_coop` | (cooperative − conflictual)/(all) events between the state and the pole, both directions (imported event data) | events with every member pooled |
//! | `events_security` | pole's share of the state's cooperative security-channel events with all states (imported event data) | members' shares summed |
//!
//! A state is always left out of a group it belongs to. Votes are by calendar year;
//! an ideal point of session s is placed in year 1945 + s, the year the session
//! opens in September.

use std::collections::{BTreeSet, HashMap, HashSet};

use multipolar_alliances::{AllyMeasure, Capabilities, Ties, YearPortfolios};
use multipolar_countries::{CountryId, Registry};
use multipolar_data::VoteTable;
use multipolar_dependence::Span;
use multipolar_dependence::arms::ArmsDependence;
use multipolar_dependence::igo::IgoRow;
use multipolar_dependence::sipri::{Parties, Party};
use multipolar_dependence::trade::TradeDependence;
use multipolar_measures::Measure;
use serde::Serialize;

use crate::events::{EventCounts, EventDyads};
use crate::indices::Scale;
use crate::poles::Pole;
use crate::un::PoleVotes;

/// A channel of the profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChannelId {
    /// UN votes, half-credit agreement.
    UnAgreement,
    /// UN votes, Cohen's κ (quadratic).
    UnKappa,
    /// BSV ideal points.
    Ideal,
    /// ATOP alliance portfolios.
    Alliances,
    /// SIPRI arms imports.
    Arms,
    /// COW trade.
    Trade,
    /// COW IGO memberships.
    Igo,
    /// Imported event data, net cooperation.
    EventsCoop,
    /// Imported event data, cooperative security events.
    EventsSecurity,
}

impl ChannelId {
    /// Every channel, in report order.
    pub const ALL: [ChannelId; 9] = [
        ChannelId::UnAgreement,
        ChannelId::UnKappa,
        ChannelId::Ideal,
        ChannelId::Alliances,
        ChannelId::Arms,
        ChannelId::Trade,
        ChannelId::Igo,
        ChannelId::EventsCoop,
        ChannelId::EventsSecurity,
    ];

    /// Machine id.
    pub fn id(self) -> &'static str {
        match self {
            ChannelId::UnAgreement => "un_agreement",
            ChannelId::UnKappa => "un_kappa",
            ChannelId::Ideal => "ideal",
            ChannelId::Alliances => "alliances",
            ChannelId::Arms => "arms",
            ChannelId::Trade => "trade",
            ChannelId::Igo => "igo",
            ChannelId::EventsCoop => "events_coop",
            ChannelId::EventsSecurity => "events_security",
        }
    }

    /// Short title for reports.
    pub fn title(self) -> &'static str {
        match self {
            ChannelId::UnAgreement => "UN votes (agreement)",
            ChannelId::UnKappa => "UN votes (κ)",
            ChannelId::Ideal => "UN ideal points",
            ChannelId::Alliances => "Alliances",
            ChannelId::Arms => "Arms imports",
            ChannelId::Trade => "Trade",
            ChannelId::Igo => "IGOs",
            ChannelId::EventsCoop => "Events (net cooperation)",
            ChannelId::EventsSecurity => "Events (security ties)",
        }
    }

    /// The measure and convention, one line.
    pub fn measure(self) -> &'static str {
        match self {
            ChannelId::UnAgreement => {
                "half-credit agreement 1 − Σ|d|/(2n) with the pole's vote, calendar year; Voeten AgreementScores `agree`"
            }
            ChannelId::UnKappa => {
                "Cohen's κ_w, quadratic weights, own marginals, with the pole's vote, calendar year; peacesciencer `kvotev`"
            }
            ChannelId::Ideal => {
                "Bailey–Strezhnev–Voeten dynamic ordinal ideal point θ (USA positive), session s in year 1945 + s; λ = (θ − θ_B)/(θ_A − θ_B)"
            }
            ChannelId::Alliances => {
                "Cohen's κ of valued ATOP alliance portfolios (levels 0–3), system members; fpsim `kallyv`"
            }
            ChannelId::Arms => {
                "pole's share of the state's SIPRI TIV imports over the 5 years ending in the year"
            }
            ChannelId::Trade => {
                "pole's share of the state's total trade (imports + exports, current US$)"
            }
            ChannelId::Igo => "IGOs shared with the pole / the state's full IGO memberships",
            ChannelId::EventsCoop => {
                "(cooperative − conflictual)/(cooperative + conflictual) events between the state and the pole, both directions, calendar year; cooperative = quad class 1–2, conflictual = 3–4"
            }
            ChannelId::EventsSecurity => {
                "pole's share of the state's cooperative (quad class 1–2) security-channel events with all states, both directions, calendar year"
            }
        }
    }

    /// The data source.
    pub fn source(self) -> &'static str {
        match self {
            ChannelId::UnAgreement | ChannelId::UnKappa => {
                "UN General Assembly roll calls (Voeten et al. unvotes), bundled"
            }
            ChannelId::Ideal => "multipolar ideal, fitted to the bundled UN votes",
            ChannelId::Alliances => "ATOP v5.1 (Leeds et al. 2002), NMC v7 for system membership",
            ChannelId::Arms => "SIPRI Arms Transfers Database (TIV)",
            ChannelId::Trade => "COW Trade v4.0 (Barbieri, Keshk & Pollins 2009)",
            ChannelId::Igo => "COW IGO v3 (Pevehouse et al. 2020)",
            ChannelId::EventsCoop | ChannelId::EventsSecurity => {
                "event data imported into the data directory (GDELT, ICEWS or multipolar's coder); quad classes per GDELT's CAMEO root rule"
            }
        }
    }

    /// How the channel's value maps to closeness; `None` for channels that are not
    /// part of the lean indices (agreement duplicates κ; ideal points give λ).
    pub fn scale(self) -> Option<Scale> {
        match self {
            ChannelId::UnKappa | ChannelId::Alliances | ChannelId::EventsCoop => {
                Some(Scale::Similarity)
            }
            ChannelId::Arms | ChannelId::Trade | ChannelId::EventsSecurity => Some(Scale::Share),
            ChannelId::Igo => Some(Scale::Overlap),
            ChannelId::UnAgreement | ChannelId::Ideal => None,
        }
    }
}

/// The data a profile reads, loaded by the caller; any but the votes may be absent.
pub struct Sources<'a> {
    /// UN roll calls and votes.
    pub votes: &'a VoteTable,
    /// Ideal points by state and session year (1945 + session).
    pub ideal: Option<&'a HashMap<(CountryId, i32), f64>>,
    /// Alliance ties and capabilities (for system membership).
    pub alliances: Option<(&'a Ties, &'a Capabilities)>,
    /// Arms-import shares (5-year windows) and SIPRI's parties.
    pub arms: Option<(&'a ArmsDependence, &'a Parties)>,
    /// Trade dependence.
    pub trade: Option<&'a TradeDependence>,
    /// Shared IGO memberships.
    pub igo: Option<&'a [IgoRow]>,
    /// Yearly event counts between states (the event channels are present when
    /// they cover a year of the profile).
    pub events: Option<&'a EventDyads>,
}

/// A partner's share of a state's total in a channel-year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Partner {
    /// Partner label (registry label, or SIPRI's name for a non-state party).
    pub partner: String,
    /// Share of the state's total, 0–1.
    pub share: f64,
}

/// Every channel indexed for the years of one profile.
pub struct Indexed<'a> {
    from: i32,
    to: i32,
    pub(crate) votes: PoleVotes,
    pub(crate) table: &'a VoteTable,
    ideal: Option<&'a HashMap<(CountryId, i32), f64>>,
    portfolios: Vec<YearPortfolios>,
    /// (recipient, year) → (supplier, share).
    arms: HashMap<(CountryId, i32), Vec<(Party, f64)>>,
    parties: Option<&'a Parties>,
    /// (ccode, year) → (partner ccode, share).
    trade: HashMap<(u16, i32), Vec<(u16, f64)>>,
    /// (ccode, year) → (partner ccode, shared / own full memberships).
    igo: HashMap<(u16, i32), Vec<(u16, f64)>>,
    /// Allies (level ≥ 1) by (ccode, year).
    allies: HashMap<(u16, i32), Vec<u16>>,
    /// (state, year) → (partner, event counts of the dyad).
    events: HashMap<(CountryId, i32), Vec<(CountryId, EventCounts)>>,
    present: Vec<ChannelId>,
    /// (state, session year) → Yes/Abstain/No votes cast in the session.
    pub(crate) session_votes: HashMap<(CountryId, i32), u32>,
    /// Arms-import windows and the first year of deliveries in the data.
    pub(crate) arms_window: (u32, Option<i32>),
    /// State-years with arms imports whose window reaches before the data.
    pub(crate) arms_thin: HashSet<(CountryId, i32)>,
    /// Years of each arms source, within the period.
    pub(crate) arms_sources: Vec<Span>,
    /// Years of each trade source, within the period.
    pub(crate) trade_sources: Vec<Span>,
    /// Years with IGO data, within the period.
    pub(crate) igo_years: BTreeSet<i32>,
    /// Years with events, within the period.
    pub(crate) event_years: BTreeSet<i32>,
    /// Years of the period the event data cover in fewer than
    /// [`MIN_EVENT_MONTHS`](crate::coverage::MIN_EVENT_MONTHS) months, with the months.
    pub(crate) event_months: HashMap<i32, usize>,
    /// State-years with events in such a year.
    pub(crate) events_thin: HashSet<(CountryId, i32)>,
}

/// `spans` cut to `from..=to`; spans outside it are left out.
fn clip(v: &[Span], from: i32, to: i32) -> Vec<Span> {
    v.iter()
        .filter(|s| s.to >= from && s.from <= to)
        .map(|s| Span {
            from: s.from.max(from),
            to: s.to.min(to),
            source: s.source.clone(),
        })
        .collect()
}

fn cow(c: CountryId) -> Option<u16> {
    Registry::global().get(c).cow()
}

fn label_of_cow(c: u16) -> String {
    Registry::global().by_cow(c).map_or_else(
        || format!("COW {c}"),
        |id| Registry::global().get(id).label().to_string(),
    )
}

impl<'a> Indexed<'a> {
    /// Indexes every source for the years `from..=to` and the poles.
    pub fn new(src: &Sources<'a>, poles: &[Pole], from: i32, to: i32) -> Indexed<'a> {
        let in_range = |y: i32| (from..=to).contains(&y);
        let mut present = vec![ChannelId::UnAgreement, ChannelId::UnKappa];
        if src.ideal.is_some() {
            present.push(ChannelId::Ideal);
        }
        let mut portfolios = Vec::new();
        let mut allies: HashMap<(u16, i32), Vec<u16>> = HashMap::new();
        if let Some((ties, caps)) = src.alliances {
            present.push(ChannelId::Alliances);
            for y in from..=to {
                if ties.span().is_some_and(|(a, b)| (a..=b).contains(&y)) {
                    portfolios.push(YearPortfolios::for_year(y, ties, caps));
                    for t in ties.year(y).iter().filter(|t| t.level >= 1) {
                        allies.entry((t.from, y)).or_default().push(t.to);
                    }
                }
            }
        }
        let mut session_votes: HashMap<(CountryId, i32), u32> = HashMap::new();
        if src.ideal.is_some() {
            for (i, rc) in src.votes.roll_calls().iter().enumerate() {
                let y = 1945 + i32::from(rc.session);
                if in_range(y) {
                    for b in src.votes.ballots(i) {
                        *session_votes.entry((b.country, y)).or_insert(0) += 1;
                    }
                }
            }
        }
        let mut arms: HashMap<(CountryId, i32), Vec<(Party, f64)>> = HashMap::new();
        let mut arms_thin = HashSet::new();
        let mut arms_window = (0, None);
        let mut arms_sources = Vec::new();
        if let Some((d, _)) = src.arms {
            present.push(ChannelId::Arms);
            let first = d.sources.iter().map(|s| s.from).min();
            arms_window = (d.window, first);
            // A window is complete from the data's first year + window − 1 on.
            let complete = first.map_or(i32::MAX, |f| f + d.window as i32 - 1);
            for r in d.rows.iter().filter(|r| in_range(r.year)) {
                if let (Party::State(c), Some(s)) = (r.recipient, r.share) {
                    if r.year < complete {
                        arms_thin.insert((c, r.year));
                    } else {
                        arms.entry((c, r.year)).or_default().push((r.supplier, s));
                    }
                }
            }
            arms_sources = clip(&d.sources, from, to);
        }
        let mut trade: HashMap<(u16, i32), Vec<(u16, f64)>> = HashMap::new();
        let mut trade_sources = Vec::new();
        if let Some(t) = src.trade {
            present.push(ChannelId::Trade);
            trade_sources = clip(&t.sources, from, to);
            for r in t.dyads.iter().filter(|r| in_range(r.year)) {
                if let Some(s) = r.share1 {
                    trade
                        .entry((r.ccode1, r.year))
                        .or_default()
                        .push((r.ccode2, s));
                }
                if let Some(s) = r.share2 {
                    trade
                        .entry((r.ccode2, r.year))
                        .or_default()
                        .push((r.ccode1, s));
                }
            }
        }
        let mut igo: HashMap<(u16, i32), Vec<(u16, f64)>> = HashMap::new();
        let mut igo_years = BTreeSet::new();
        if let Some(rows) = src.igo {
            present.push(ChannelId::Igo);
            for r in rows.iter().filter(|r| in_range(r.year)) {
                igo_years.insert(r.year);
                if let Some(s) = r.share1 {
                    igo.entry((r.ccode1, r.year))
                        .or_default()
                        .push((r.ccode2, s));
                }
                if let Some(s) = r.share2 {
                    igo.entry((r.ccode2, r.year))
                        .or_default()
                        .push((r.ccode1, s));
                }
            }
        }
        let mut events: HashMap<(CountryId, i32), Vec<(CountryId, EventCounts)>> = HashMap::new();
        let mut event_years = BTreeSet::new();
        let mut event_months = HashMap::new();
        let mut events_thin = HashSet::new();
        if let Some(d) = src.events.filter(|d| d.covers(from, to)) {
            present.extend([ChannelId::EventsCoop, ChannelId::EventsSecurity]);
            for (a, b, y, c) in d.iter().filter(|r| in_range(r.2)) {
                event_years.insert(y);
                match d.months(y) {
                    Some(m) if m < crate::coverage::MIN_EVENT_MONTHS => {
                        event_months.insert(y, m);
                        events_thin.extend([(a, y), (b, y)]);
                    }
                    _ => {
                        events.entry((a, y)).or_default().push((b, c));
                        events.entry((b, y)).or_default().push((a, c));
                    }
                }
            }
        }
        Indexed {
            from,
            to,
            votes: PoleVotes::build(src.votes, poles, from, to),
            table: src.votes,
            ideal: src.ideal,
            portfolios,
            arms,
            parties: src.arms.map(|a| a.1),
            trade,
            igo,
            allies,
            events,
            present,
            session_votes,
            arms_window,
            arms_thin,
            arms_sources,
            trade_sources,
            igo_years,
            event_years,
            event_months,
            events_thin,
        }
    }

    /// Years of the period with alliance portfolios.
    pub(crate) fn portfolio_years(&self) -> impl Iterator<Item = i32> + '_ {
        self.portfolios.iter().map(|p| p.year())
    }

    /// Years of the period with any ideal point.
    pub(crate) fn ideal_years(&self) -> impl Iterator<Item = i32> + '_ {
        let period = self.years();
        self.ideal
            .into_iter()
            .flat_map(|m| m.keys().map(|k| k.1))
            .filter(move |y| period.contains(y))
    }

    /// Whether `state`'s ideal point of `year` rests on too few votes: fewer than
    /// [`MIN_SESSION_VOTES`](crate::coverage::MIN_SESSION_VOTES) in the session.
    pub(crate) fn ideal_thin(&self, state: CountryId, year: i32) -> bool {
        self.session_votes.get(&(state, year)).copied().unwrap_or(0)
            < crate::coverage::MIN_SESSION_VOTES
    }

    /// Channels with data.
    pub fn channels(&self) -> &[ChannelId] {
        &self.present
    }

    /// Years of the profile.
    pub fn years(&self) -> std::ops::RangeInclusive<i32> {
        self.from..=self.to
    }

    /// Members of pole `pole` in `year` other than `state`.
    fn others(pole: &Pole, state: CountryId, year: i32) -> Vec<CountryId> {
        pole.members_in(year)
            .into_iter()
            .filter(|&m| m != state)
            .collect()
    }

    /// The channel's value for `state` against pole number `p` in `year`.
    pub fn value(
        &self,
        ch: ChannelId,
        state: CountryId,
        poles: &[Pole],
        p: usize,
        year: i32,
    ) -> Option<f64> {
        let pole = &poles[p];
        let mean = |v: Vec<f64>| (!v.is_empty()).then(|| v.iter().sum::<f64>() / v.len() as f64);
        match ch {
            ChannelId::UnAgreement => self.votes.value(Measure::HalfCredit, state, p, year),
            ChannelId::UnKappa => self.votes.value(Measure::KappaQuad, state, p, year),
            ChannelId::Ideal => {
                let ideal = self.ideal?;
                if self.ideal_thin(state, year) {
                    return None;
                }
                mean(
                    Self::others(pole, state, year)
                        .into_iter()
                        .filter_map(|m| ideal.get(&(m, year)).copied())
                        .collect(),
                )
            }
            ChannelId::Alliances => {
                let yp = self.portfolios.iter().find(|y| y.year() == year)?;
                let me = cow(state)?;
                mean(
                    Self::others(pole, state, year)
                        .into_iter()
                        .filter_map(|m| yp.pair(me, cow(m)?)?.get(AllyMeasure::KappaValued))
                        .collect(),
                )
            }
            ChannelId::Arms => {
                let rows = self.arms.get(&(state, year))?;
                let members = Self::others(pole, state, year);
                Some(
                    rows.iter()
                        .filter(|(s, _)| matches!(s, Party::State(c) if members.contains(c)))
                        .map(|r| r.1)
                        .sum(),
                )
            }
            ChannelId::Trade => {
                let rows = self.trade.get(&(cow(state)?, year))?;
                let members: Vec<u16> = Self::others(pole, state, year)
                    .into_iter()
                    .filter_map(cow)
                    .collect();
                Some(
                    rows.iter()
                        .filter(|r| members.contains(&r.0))
                        .map(|r| r.1)
                        .sum(),
                )
            }
            ChannelId::Igo => {
                let rows = self.igo.get(&(cow(state)?, year))?;
                mean(
                    Self::others(pole, state, year)
                        .into_iter()
                        .filter_map(|m| {
                            let m = cow(m)?;
                            rows.iter().find(|r| r.0 == m).map(|r| r.1)
                        })
                        .collect(),
                )
            }
            ChannelId::EventsCoop => {
                let (with_pole, _) = self.event_sums(state, pole, year)?;
                let n = with_pole.coop + with_pole.conflict;
                (n > 0).then(|| (with_pole.coop as f64 - with_pole.conflict as f64) / n as f64)
            }
            ChannelId::EventsSecurity => {
                let (with_pole, all) = self.event_sums(state, pole, year)?;
                (all.security_coop > 0)
                    .then(|| with_pole.security_coop as f64 / all.security_coop as f64)
            }
        }
    }

    /// The events behind an event channel's value for `state` against pole number
    /// `p` in `year`: all events with the pole (`events_coop`) or its cooperative
    /// security events (`events_security`); `None` in years without any event of the
    /// state, and for the other channels.
    pub fn event_count(
        &self,
        ch: ChannelId,
        state: CountryId,
        poles: &[Pole],
        p: usize,
        year: i32,
    ) -> Option<u64> {
        let (with_pole, _) = self.event_sums(state, &poles[p], year)?;
        match ch {
            ChannelId::EventsCoop => Some(with_pole.coop + with_pole.conflict),
            ChannelId::EventsSecurity => Some(with_pole.security_coop),
            _ => None,
        }
    }

    /// The state's event counts in `year` with the members of `pole` other than the
    /// state, and with all states; `None` when the state has no events that year.
    fn event_sums(
        &self,
        state: CountryId,
        pole: &Pole,
        year: i32,
    ) -> Option<(EventCounts, EventCounts)> {
        let rows = self.events.get(&(state, year))?;
        let members = Self::others(pole, state, year);
        let mut with_pole = EventCounts::default();
        let mut all = EventCounts::default();
        for &(c, n) in rows {
            all += n;
            if members.contains(&c) {
                with_pole += n;
            }
        }
        Some((with_pole, all))
    }

    /// The state's own ideal point in `year` (`None` when it rests on too few votes).
    pub fn theta(&self, state: CountryId, year: i32) -> Option<f64> {
        let t = self.ideal?.get(&(state, year)).copied()?;
        (!self.ideal_thin(state, year)).then_some(t)
    }

    /// The state's partners in a share channel (arms suppliers, trade partners,
    /// partners in cooperative security events), by share, largest first; allies (any ATOP obligation) with "share" 1, so a mean
    /// over years is the fraction of years allied. Empty for the other channels.
    pub fn partners(&self, ch: ChannelId, state: CountryId, year: i32) -> Vec<Partner> {
        let mut v: Vec<Partner> =
            match ch {
                ChannelId::Arms => self.arms.get(&(state, year)).map_or(Vec::new(), |rows| {
                    rows.iter()
                        .map(|(s, share)| Partner {
                            partner: self.parties.map_or_else(String::new, |p| p.label(*s)),
                            share: *share,
                        })
                        .collect()
                }),
                ChannelId::Trade => {
                    cow(state)
                        .and_then(|c| self.trade.get(&(c, year)))
                        .map_or(Vec::new(), |rows| {
                            rows.iter()
                                .map(|(c, s)| Partner {
                                    partner: label_of_cow(*c),
                                    share: *s,
                                })
                                .collect()
                        })
                }
                ChannelId::Alliances => cow(state)
                    .and_then(|c| self.allies.get(&(c, year)))
                    .map_or(Vec::new(), |rows| {
                        rows.iter()
                            .map(|c| Partner {
                                partner: label_of_cow(*c),
                                share: 1.0,
                            })
                            .collect()
                    }),
                ChannelId::EventsSecurity => {
                    self.events.get(&(state, year)).map_or(Vec::new(), |rows| {
                        let total: u64 = rows.iter().map(|r| r.1.security_coop).sum();
                        rows.iter()
                            .filter(|r| r.1.security_coop > 0)
                            .map(|(c, n)| Partner {
                                partner: Registry::global().get(*c).label().to_string(),
                                share: n.security_coop as f64 / total as f64,
                            })
                            .collect()
                    })
                }
                _ => Vec::new(),
            };
        v.sort_by(|a, b| b.share.total_cmp(&a.share).then(a.partner.cmp(&b.partner)));
        v
    }

    /// States with a value in channel `ch` in `year` (candidates for peer ranks).
    pub fn states(&self, ch: ChannelId, year: i32) -> Vec<CountryId> {
        let reg = Registry::global();
        let mut v: Vec<CountryId> = match ch {
            ChannelId::UnAgreement | ChannelId::UnKappa => self.votes.states(year),
            ChannelId::Ideal => self.ideal.map_or(Vec::new(), |m| {
                m.keys()
                    .filter(|k| k.1 == year && !self.ideal_thin(k.0, year))
                    .map(|k| k.0)
                    .collect()
            }),
            ChannelId::Alliances => self
                .portfolios
                .iter()
                .find(|y| y.year() == year)
                .map_or(Vec::new(), |yp| {
                    yp.members().iter().filter_map(|&c| reg.by_cow(c)).collect()
                }),
            ChannelId::Arms => self
                .arms
                .keys()
                .filter(|k| k.1 == year)
                .map(|k| k.0)
                .collect(),
            ChannelId::Trade => self
                .trade
                .keys()
                .filter(|k| k.1 == year)
                .filter_map(|k| reg.by_cow(k.0))
                .collect(),
            ChannelId::Igo => self
                .igo
                .keys()
                .filter(|k| k.1 == year)
                .filter_map(|k| reg.by_cow(k.0))
                .collect(),
            ChannelId::EventsCoop => self
                .events
                .keys()
                .filter(|k| k.1 == year)
                .map(|k| k.0)
                .collect(),
            ChannelId::EventsSecurity => self
                .events
                .iter()
                .filter(|(k, rows)| k.1 == year && rows.iter().any(|r| r.1.security_coop > 0))
                .map(|(k, _)| k.0)
                .collect(),
        };
        v.sort();
        v.dedup();
        v
    }
}
