//! `ties` and the alliance export: ties between states per dyad-year.
//!
//! One function per channel; a new channel adds a `TiesChannel` variant and a match arm
//! in [`Engine::ties`]. Every channel shows each pair in the order the user named the
//! states (country1 first), so directed columns (…1, …2) read "country1's", "country2's".

use std::collections::HashMap;
use std::path::PathBuf;

use anyhow::{Context, Result};
use multipolar_alliances::{
    AllyMeasure, TieSource, Ties, YEARS, YearPortfolios, all_dyad_years, system,
};
use multipolar_countries::{CountryId, Registry};
use multipolar_data::csvsrc::Source;
use multipolar_dependence::geography::{CONTIGUITY_TYPES, read_mindist};
use multipolar_dependence::sipri::{self, Party};
use multipolar_dependence::{arms, igo, trade};
use multipolar_output::{Column, Frame};
use serde::Deserialize;

use crate::error::{no_data, usage as usage_err};
use crate::{Engine, common, de};

/// Channel of ties.
#[derive(clap::ValueEnum, Deserialize, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum TiesChannel {
    /// Alliance portfolio similarity, ATOP 5.1 1816–2018 (or --cow-alliances).
    #[default]
    Alliances,
    /// COW trade v4 (1870–2014): flows each way, partner shares, Barbieri measures.
    Trade,
    /// SIPRI arms transfers (1950–2021): TIV each way and supplier shares over --window.
    Arms,
    /// COW IGO v3 (1816–2014): IGOs in which both are full members.
    Igo,
    /// COW direct contiguity v3.2 (1816–2016), and CShapes minimum distance with
    /// --mindist.
    Geography,
}

/// Where alliance ties come from.
#[derive(clap::Args, Deserialize, Debug, Clone, Default)]
#[serde(default)]
pub struct AllianceSource {
    /// Use your own copy of the COW Formal Alliances v4.1 dyad-year file (COW's
    /// alliance_v4.1_by_dyad_yearly.csv, or peacesciencer's directed layout) instead
    /// of the bundled ATOP 5.1. Not bundled: its maintainer asks users to process it
    /// themselves.
    #[arg(long, value_name = "FILE")]
    pub cow_alliances: Option<PathBuf>,
}

/// A `ties` request: every pair of the named states, per dyad-year, in one channel.
#[derive(clap::Args, Deserialize, Debug, Clone, Default)]
#[serde(default)]
pub struct TiesRequest {
    /// Countries (ISO3, COW number, name…); every pair is shown.
    #[arg(required = true, value_name = "COUNTRY")]
    #[serde(alias = "state", alias = "states", deserialize_with = "de::list")]
    pub countries: Vec<String>,
    /// Channel.
    #[arg(long, value_enum, default_value = "alliances")]
    pub channel: TiesChannel,
    /// First year, inclusive.
    #[arg(long, value_name = "YEAR")]
    #[serde(alias = "start", deserialize_with = "de::lenient_opt")]
    pub from: Option<i32>,
    /// Last year, inclusive.
    #[arg(long, value_name = "YEAR")]
    #[serde(alias = "end", deserialize_with = "de::lenient_opt")]
    pub to: Option<i32>,
    /// Alliances: measures to show (comma-separated ids, or `all`).
    #[arg(long, value_delimiter = ',', value_name = "MEASURE")]
    #[serde(deserialize_with = "de::list")]
    pub measure: Vec<String>,
    #[command(flatten)]
    #[serde(flatten)]
    pub source: AllianceSource,
    /// Arms: sum TIV over this many years ending in each year for the shares [default: 1].
    #[arg(long, value_name = "YEARS")]
    #[serde(deserialize_with = "de::lenient_opt")]
    pub window: Option<u32>,
    /// Geography: add minimum distances from your copy of the CShapes 2.0 dyad-year file
    /// (peacesciencer's cow_mindist: ccode1, ccode2, year, mindist in km). Not bundled.
    #[arg(long, value_name = "FILE")]
    pub mindist: Option<PathBuf>,
}

/// Every dyad-year with all eleven alliance similarity measures.
#[derive(clap::Args, Deserialize, Debug, Clone, Default)]
#[serde(default)]
pub struct AllianceExportRequest {
    /// First year, inclusive [default: 1816].
    #[arg(long, value_name = "YEAR")]
    #[serde(alias = "start", deserialize_with = "de::lenient_opt")]
    pub from: Option<i32>,
    /// Last year, inclusive [default: 2018].
    #[arg(long, value_name = "YEAR")]
    #[serde(alias = "end", deserialize_with = "de::lenient_opt")]
    pub to: Option<i32>,
    #[command(flatten)]
    #[serde(flatten)]
    pub source: AllianceSource,
}
const TRADE_SOURCE: &str = "COW Trade v4.0 (Barbieri, Keshk & Pollins 2009), current million US$";
const IGO_SOURCE: &str = "COW IGO v3 (Pevehouse et al. 2020), full memberships";

/// Measures shown when `--measure` is not given.
const DEFAULT_MEASURES: [AllyMeasure; 4] = [
    AllyMeasure::SValuedAbsolute,
    AllyMeasure::SValuedWeighted,
    AllyMeasure::KappaValued,
    AllyMeasure::KappaBinary,
];

impl Engine {
    /// Ties between every pair of the named states per dyad-year, in one channel.
    pub fn ties(&self, a: &TiesRequest) -> Result<Frame> {
        let ch = a.channel;
        let only = |set: bool, flag: &str, channel: &str, wanted: TiesChannel| {
            if set && ch != wanted {
                return Err(usage_err(format!(
                    "{flag} is used only with --channel {channel}"
                )));
            }
            Ok(())
        };
        only(
            !a.measure.is_empty(),
            "--measure",
            "alliances",
            TiesChannel::Alliances,
        )?;
        only(
            a.source.cow_alliances.is_some(),
            "--cow-alliances",
            "alliances",
            TiesChannel::Alliances,
        )?;
        only(a.window.is_some(), "--window", "arms", TiesChannel::Arms)?;
        only(
            a.mindist.is_some(),
            "--mindist",
            "geography",
            TiesChannel::Geography,
        )?;
        common::check_period(a.from, a.to)?;
        let states = states(a)?;
        match ch {
            TiesChannel::Alliances => self.alliances(a, &states),
            TiesChannel::Trade => self.trade_ties(a, &states),
            TiesChannel::Arms => self.arms_ties(a, &states),
            TiesChannel::Igo => self.igo_ties(a, &states),
            TiesChannel::Geography => self.geography(a, &states),
        }
    }
}

/// A named state: its label, COW code and registry id.
struct State {
    label: String,
    cow: u16,
    id: CountryId,
}

/// Resolves the named states: COW states, each named once, at least two.
fn states(a: &TiesRequest) -> Result<Vec<State>> {
    let year = a.to.or(a.from);
    let mut states: Vec<State> = Vec::new();
    for q in &a.countries {
        let id = common::country(q, year)?;
        let c = Registry::global().get(id);
        let Some(cow) = c.cow() else {
            crate::error::bail_usage!(
                "{} ({}) has no COW code; every ties channel is coded by COW state",
                q,
                c.label()
            );
        };
        if states.iter().any(|s| s.cow == cow) {
            crate::error::bail_usage!("{q} is named twice");
        }
        states.push(State {
            label: c.label().to_string(),
            cow,
            id,
        });
    }
    if states.len() < 2 {
        crate::error::bail_usage!("give at least two countries (every pair is compared)");
    }
    Ok(states)
}

/// One row per year of `years` and pair (i < j in the named order) for which `row`
/// returns true (having pushed that row's values); the keys of the rows kept.
fn pair_rows(
    n: usize,
    years: impl IntoIterator<Item = i32>,
    mut row: impl FnMut(i32, usize, usize) -> bool,
) -> Vec<(i32, usize, usize)> {
    let mut keys = Vec::new();
    for y in years {
        for i in 0..n {
            for j in i + 1..n {
                if row(y, i, j) {
                    keys.push((y, i, j));
                }
            }
        }
    }
    keys
}

/// The identifying columns: year, both states' labels and COW codes.
fn push_pairs(f: &mut Frame, states: &[State], keys: &[(i32, usize, usize)]) {
    f.push(Column::ints(
        "year",
        keys.iter().map(|r| i64::from(r.0)).collect(),
    ));
    f.push(Column::strs(
        "country1",
        keys.iter().map(|r| states[r.1].label.clone()).collect(),
    ));
    f.push(Column::strs(
        "country2",
        keys.iter().map(|r| states[r.2].label.clone()).collect(),
    ));
    f.push(Column::ints(
        "ccode1",
        keys.iter().map(|r| i64::from(states[r.1].cow)).collect(),
    ));
    f.push(Column::ints(
        "ccode2",
        keys.iter().map(|r| i64::from(states[r.2].cow)).collect(),
    ));
}

/// The years to scan: the user's range within the data's span.
fn span(
    a: &TiesRequest,
    years: impl Iterator<Item = i32> + Clone,
) -> std::ops::RangeInclusive<i32> {
    let lo = years.clone().min().unwrap_or(0);
    let hi = years.max().unwrap_or(-1);
    a.from.map_or(lo, |f| f.max(lo))..=a.to.map_or(hi, |t| t.min(hi))
}

fn nothing(a: &TiesRequest, what: &str, coverage: &str) -> anyhow::Error {
    let range = match (a.from, a.to) {
        (None, None) => "any year".to_string(),
        (f, t) => format!(
            "{}–{}",
            f.map_or(String::new(), |f| f.to_string()),
            t.map_or(String::new(), |t| t.to_string())
        ),
    };
    no_data(format!(
        "no {what} between these states in {range}; {coverage}"
    ))
}

impl Engine {
    fn trade_ties(&self, a: &TiesRequest, states: &[State]) -> Result<Frame> {
        let d = self.trade()?;
        let by: HashMap<(u16, u16, i32), &trade::TradeRow> = d
            .dyads
            .iter()
            .map(|r| ((r.ccode1, r.ccode2, r.year), r))
            .collect();
        let mut v: [Vec<Option<f64>>; 9] = Default::default();
        let keys = pair_rows(
            states.len(),
            span(a, d.dyads.iter().map(|r| r.year)),
            |y, i, j| {
                let (p, q) = (states[i].cow, states[j].cow);
                let Some(r) = by.get(&(p.min(q), p.max(q), y)) else {
                    return false;
                };
                let (s, t) = (r.side(p).expect("row of p"), r.side(q).expect("row of q"));
                for (col, x) in v.iter_mut().zip([
                    s.imports,
                    t.imports,
                    r.trade,
                    s.share,
                    t.share,
                    s.asymmetry(),
                    r.salience(),
                    r.symmetry(),
                    r.interdependence(),
                ]) {
                    col.push(x);
                }
                true
            },
        );
        if keys.is_empty() {
            return Err(nothing(
                a,
                "trade recorded",
                "COW trade v4 covers 1870–2014",
            ));
        }
        let mut f = Frame::new();
        f.meta("what", "trade ties per dyad-year (COW trade v4)");
        f.meta("source", TRADE_SOURCE);
        f.meta(
            "rows",
            "years in which the COW dyadic table has the pair; shares are over each state's trade \
         with the partners whose two flows are known",
        );
        push_pairs(&mut f, states, &keys);
        let docs = [
            (
                "imports1",
                "country1's imports from country2, current million US$ (COW flow)",
            ),
            ("imports2", "country2's imports from country1"),
            (
                "trade",
                "T = imports1 + imports2; empty if a flow is missing",
            ),
            (
                "share1",
                "country1's dependence on country2: T / country1's total trade",
            ),
            ("share2", "T / country2's total trade"),
            (
                "asymmetry",
                "share1 − share2 (positive: country1 is more exposed)",
            ),
            ("salience", "Barbieri (1996) √(share1 · share2)"),
            ("symmetry", "Barbieri (1996) 1 − |share1 − share2|"),
            ("interdependence", "Barbieri (1996) salience × symmetry"),
        ];
        for ((name, doc), col) in docs.into_iter().zip(v) {
            f.push(Column::floats(name, col).describe(doc));
        }
        Ok(f)
    }

    fn arms_ties(&self, a: &TiesRequest, states: &[State]) -> Result<Frame> {
        let window = a.window.unwrap_or(1);
        if window == 0 {
            crate::error::bail_usage!("--window takes a number of years, at least 1");
        }
        let t = self.tiv()?;
        let d = arms::arms_dependence(&t.cells, window);
        let mut by: HashMap<(i32, usize, usize), arms::ArmsDyadYear> = HashMap::new();
        for i in 0..states.len() {
            for j in i + 1..states.len() {
                let (p, q) = (Party::State(states[i].id), Party::State(states[j].id));
                by.extend(
                    arms::dyad_years(&d, p, q)
                        .into_iter()
                        .map(|r| ((r.year, i, j), r)),
                );
            }
        }
        let mut v: [Vec<Option<f64>>; 4] = Default::default();
        let keys = pair_rows(
            states.len(),
            span(a, t.cells.iter().map(|c| c.year)),
            |y, i, j| {
                let Some(r) = by.get(&(y, i, j)) else {
                    return false;
                };
                for (col, x) in
                    v.iter_mut()
                        .zip([Some(r.a_from_b), Some(r.b_from_a), r.share_a, r.share_b])
                {
                    col.push(x);
                }
                true
            },
        );
        if keys.is_empty() {
            return Err(nothing(
                a,
                "arms imports by either state",
                "the SIPRI TIV table covers 1950–2021",
            ));
        }
        let mut f = Frame::new();
        f.meta(
            "what",
            format!(
                "arms transfers per dyad-year, shares over {}-year windows ending in the year",
                d.window
            ),
        );
        f.meta("source", sipri::ATTRIBUTION);
        f.meta("sipri names", t.report.lines().join("; "));
        f.meta(
            "rows",
            "years in which either state imported arms over the window",
        );
        push_pairs(&mut f, states, &keys);
        let docs = [
            (
                "tiv1",
                "SIPRI TIV country1 received from country2 in the year, millions",
            ),
            (
                "tiv2",
                "SIPRI TIV country2 received from country1 in the year",
            ),
            (
                "share1",
                "country2's share of country1's TIV over the window (0: other suppliers only; \
             empty: country1 imported nothing)",
            ),
            (
                "share2",
                "country1's share of country2's TIV over the window",
            ),
        ];
        for ((name, doc), col) in docs.into_iter().zip(v) {
            f.push(Column::floats(name, col).describe(doc));
        }
        Ok(f)
    }

    fn igo_ties(&self, a: &TiesRequest, states: &[State]) -> Result<Frame> {
        let rows = self.igo()?;
        let by: HashMap<(u16, u16, i32), &igo::IgoRow> = rows
            .iter()
            .map(|r| ((r.ccode1, r.ccode2, r.year), r))
            .collect();
        let (mut shared, mut share1, mut share2) = (Vec::new(), Vec::new(), Vec::new());
        let keys = pair_rows(
            states.len(),
            span(a, rows.iter().map(|r| r.year)),
            |y, i, j| {
                let (p, q) = (states[i].cow, states[j].cow);
                let Some(r) = by.get(&(p.min(q), p.max(q), y)) else {
                    return false;
                };
                let (x, z) = if p < q {
                    (r.share1, r.share2)
                } else {
                    (r.share2, r.share1)
                };
                shared.push(i64::from(r.shared));
                share1.push(x);
                share2.push(z);
                true
            },
        );
        if keys.is_empty() {
            return Err(nothing(a, "IGO dyad-year", "COW IGO v3 covers 1816–2014"));
        }
        let mut f = Frame::new();
        f.meta("what", "shared IGO memberships per dyad-year");
        f.meta("source", IGO_SOURCE);
        f.meta(
            "rows",
            "years in which the COW IGO dyadic table has the pair",
        );
        push_pairs(&mut f, states, &keys);
        f.push(Column::ints("shared", shared).describe("IGOs in which both are full members"));
        f.push(
            Column::floats("share1", share1)
                .describe("shared / country1's full memberships (empty: the COW files disagree)"),
        );
        f.push(Column::floats("share2", share2).describe("shared / country2's full memberships"));
        Ok(f)
    }

    fn geography(&self, a: &TiesRequest, states: &[State]) -> Result<Frame> {
        let cont = self.contiguity()?;
        let (lo, hi) = cont.span();
        let (from, to) = (a.from.unwrap_or(lo), a.to.unwrap_or(hi));
        if from < lo || to > hi {
            return Err(no_data(format!(
                "COW contiguity covers {lo}–{hi}; asked for {from}–{to}"
            )));
        }
        let dist = match &a.mindist {
            None => None,
            Some(p) => Some(Source::open(p).and_then(read_mindist).with_context(|| {
                format!("cannot use {} as CShapes minimum distances", p.display())
            })?),
        };
        let (mut conttype, mut label, mut km) = (Vec::new(), Vec::new(), Vec::new());
        let mut members = None;
        let keys = pair_rows(states.len(), from..=to, |y, i, j| {
            let (p, q) = (states[i].cow, states[j].cow);
            if members.as_ref().is_none_or(|(yy, _)| *yy != y) {
                members = Some((y, system(y)));
            }
            let members = &members.as_ref().expect("set above").1;
            if members.binary_search(&p).is_err() || members.binary_search(&q).is_err() {
                return false;
            }
            // Inside the span checked above, so always a type.
            let t = cont.conttype(p, q, y).unwrap_or(0);
            conttype.push(i64::from(t));
            label.push(CONTIGUITY_TYPES[usize::from(t)].to_string());
            km.push(dist.as_ref().and_then(|d| d.km(p, q, y)));
            true
        });
        if keys.is_empty() {
            return Err(no_data(format!(
                "no year in {from}–{to} in which two of the states were both COW state-system members"
            )));
        }
        let mut f = Frame::new();
        f.meta("what", "geography per dyad-year");
        f.meta(
            "source",
            "COW Direct Contiguity v3.2 (Stinnett et al. 2002)",
        );
        f.meta(
            "rows",
            "years in which both states were COW state-system members",
        );
        push_pairs(&mut f, states, &keys);
        f.push(Column::ints("conttype", conttype).describe(
            "closest COW contiguity type in any month of the year: 0 none, 1 land, 2–5 water of at \
         most 12, 24, 150, 400 miles",
        ));
        f.push(
            Column::strs("contiguity", label).describe("conttype in words (Stinnett et al. 2002)"),
        );
        if let Some(p) = &a.mindist {
            f.meta(
                "mindist",
                format!(
                    "CShapes 2.0 (Schvitz et al. 2022), read from {}",
                    p.display()
                ),
            );
            f.push(Column::floats("mindist", km).describe(
                "minimum distance between the territories on 1 January, km (empty: no CShapes row; \
             CShapes starts in 1886)",
            ));
        }
        Ok(f)
    }

    fn alliances(&self, a: &TiesRequest, states: &[State]) -> Result<Frame> {
        let measures = parse_measures(&a.measure)?;
        let own;
        let ties = match &a.source.cow_alliances {
            None => self.atop()?,
            Some(p) => {
                own = read_cow(p)?;
                &own
            }
        };
        let (from, to) = years(ties, a.from, a.to)?;
        let caps = self.capabilities()?;
        let mut scores = Vec::new();
        let mut year = None;
        let keys = pair_rows(states.len(), from..=to, |y, i, j| {
            if year.as_ref().is_none_or(|(yy, _)| *yy != y) {
                year = Some((y, YearPortfolios::for_year(y, ties, caps)));
            }
            let p = &year.as_ref().expect("set above").1;
            p.pair(states[i].cow, states[j].cow)
                .map(|s| scores.push(s))
                .is_some()
        });
        if keys.is_empty() {
            return Err(no_data(format!(
                "no year in {from}–{to} in which two of the states were both COW state-system members"
            )));
        }
        let mut f = Frame::new();
        meta(&mut f, ties);
        f.meta(
            "rows",
            "years in which both states were COW state-system members",
        );
        push_pairs(&mut f, states, &keys);
        for m in measures {
            f.push(
                Column::floats(m.id(), scores.iter().map(|s| s.get(m)).collect())
                    .describe(m.convention()),
            );
        }
        Ok(f)
    }
}

impl Engine {
    /// Every dyad-year 1816–2018 (or the user's COW file's span) with all eleven
    /// FPSIM measures.
    pub fn alliance_export(&self, a: &AllianceExportRequest) -> Result<Frame> {
        common::check_period(a.from, a.to)?;
        let own;
        let ties = match &a.source.cow_alliances {
            None => self.atop()?,
            Some(p) => {
                own = read_cow(p)?;
                &own
            }
        };
        let (from, to) = years(ties, a.from, a.to)?;
        let rows = all_dyad_years(ties, self.capabilities()?, from, to);
        let mut f = Frame::new();
        meta(&mut f, ties);
        f.meta(
            "rows",
            "every non-directed dyad-year of COW state-system members, ccode1 < ccode2",
        );
        common::push_dyad_year_keys(&mut f, &rows, |r| {
            (i64::from(r.year), i64::from(r.ccode1), i64::from(r.ccode2))
        });
        for m in AllyMeasure::ALL {
            f.push(
                Column::floats(m.id(), rows.iter().map(|r| r.scores.get(m)).collect())
                    .describe(m.convention()),
            );
        }
        Ok(f)
    }
}

/// The user's COW alliance file.
fn read_cow(p: &std::path::Path) -> Result<Ties> {
    multipolar_alliances::read_cow(p)
        .with_context(|| format!("cannot use {} as COW alliance data", p.display()))
}

/// The checked year range: defaults to the data's span within 1816–2018.
fn years(ties: &Ties, from: Option<i32>, to: Option<i32>) -> Result<(i32, i32)> {
    let (first, last) = ties.span().context("the alliance file has no rows")?;
    let (lo, hi) = (first.max(YEARS.0), last.min(YEARS.1));
    let (from, to) = (from.unwrap_or(lo), to.unwrap_or(hi));
    if from > to {
        crate::error::bail_usage!("--from {from} is after --to {to}");
    }
    if from < lo || to > hi {
        return Err(no_data(format!(
            "alliance similarity covers {lo}–{hi} with this data; asked for {from}–{to}"
        )));
    }
    Ok((from, to))
}

fn parse_measures(ids: &[String]) -> Result<Vec<AllyMeasure>> {
    if ids.iter().any(|m| m == "all") {
        return Ok(AllyMeasure::ALL.to_vec());
    }
    if ids.is_empty() {
        return Ok(DEFAULT_MEASURES.to_vec());
    }
    ids.iter()
        .map(|s| {
            AllyMeasure::parse(s).ok_or_else(|| {
                usage_err(format!(
                    "unknown alliance measure \"{s}\"; expected one of: {}, or all",
                    AllyMeasure::ALL.map(AllyMeasure::id).join(", ")
                ))
            })
        })
        .collect()
}

fn meta(f: &mut Frame, ties: &Ties) {
    f.meta(
        "what",
        "alliance portfolio similarity per dyad-year (FPSIM measures)",
    );
    f.meta("alliances", ties.source().describe());
    f.meta(
        "portfolios",
        "each state's own obligations towards every COW state-system member of the year \
         (member on at least one day), itself at level 3; binary = level >= 1",
    );
    f.meta("weights", "COW NMC v7.0 CINC of each third state");
    let skipped = &ties.report().skipped;
    if !skipped.is_empty() {
        f.meta(
            "skipped",
            skipped
                .iter()
                .map(|(line, why)| format!("line {line}: {why}"))
                .collect::<Vec<_>>()
                .join("; "),
        );
    }
    let asym = ties.report().asymmetric.len();
    if ties.source() == TieSource::Atop || asym > 0 {
        f.meta(
            "asymmetric",
            format!(
                "{asym} dyad-years have different levels by direction; each state keeps its own"
            ),
        );
    }
}
