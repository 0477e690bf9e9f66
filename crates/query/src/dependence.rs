//! `dependence` and its export: trade, arms and IGO dependence per dyad-year.

use std::collections::HashMap;

use anyhow::Result;
use multipolar_countries::{CountryId, Registry};
use multipolar_dependence::sipri::{self, Party};
use multipolar_dependence::{arms, igo, trade};
use multipolar_output::{Column, Frame};
use serde::Deserialize;

use crate::error::usage;
use crate::{Engine, common, de};

/// Channel of dependence.
#[derive(clap::ValueEnum, Deserialize, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum DependenceChannel {
    /// COW trade v4 (1870–2014): partner shares, trade/GDP, Barbieri salience and symmetry.
    #[default]
    Trade,
    /// SIPRI arms transfers (TIV, 1950–2021): supplier shares over --window years.
    Arms,
    /// COW IGO v3 (1816–2014): IGOs in which both are full members.
    Igo,
}
use DependenceChannel as Channel;

/// A `dependence` request: one state's dependence on named partners, per year.
#[derive(clap::Args, Deserialize, Debug, Clone)]
#[serde(default)]
pub struct DependenceRequest {
    /// The dependent state (ISO3, COW number, name…).
    #[arg(value_name = "COUNTRY")]
    #[serde(alias = "state")]
    pub country: String,
    /// Partners (comma-separated): trade partners, arms suppliers or IGO co-members.
    #[arg(long, required = true, value_delimiter = ',', value_name = "COUNTRY")]
    #[serde(alias = "partners", deserialize_with = "de::list")]
    pub on: Vec<String>,
    /// Channel.
    #[arg(long, value_enum, default_value = "trade")]
    pub channel: DependenceChannel,
    /// First year, inclusive.
    #[arg(long, value_name = "YEAR")]
    #[serde(alias = "start", deserialize_with = "de::lenient_opt")]
    pub from: Option<i32>,
    /// Last year, inclusive.
    #[arg(long, value_name = "YEAR")]
    #[serde(alias = "end", deserialize_with = "de::lenient_opt")]
    pub to: Option<i32>,
    /// Arms: sum TIV over this many years ending in each year (SIPRI deliveries are lumpy).
    #[arg(long, default_value_t = 1, value_name = "YEARS")]
    #[serde(deserialize_with = "de::lenient")]
    pub window: u32,
}

impl Default for DependenceRequest {
    fn default() -> Self {
        DependenceRequest {
            country: String::new(),
            on: Vec::new(),
            channel: DependenceChannel::Trade,
            from: None,
            to: None,
            window: 1,
        }
    }
}

/// The full dyad-year table of one dependence channel.
#[derive(clap::Args, Deserialize, Debug, Clone)]
#[serde(default)]
pub struct DependenceExportRequest {
    /// Channel.
    #[arg(long, value_enum)]
    pub channel: DependenceChannel,
    /// Arms: window in years.
    #[arg(long, default_value_t = 1, value_name = "YEARS")]
    #[serde(deserialize_with = "de::lenient")]
    pub window: u32,
}

impl Default for DependenceExportRequest {
    fn default() -> Self {
        DependenceExportRequest {
            channel: DependenceChannel::Trade,
            window: 1,
        }
    }
}

const TRADE_SOURCE: &str = "COW Trade v4.0 (Barbieri, Keshk & Pollins 2009), current million US$; GDP: Fariss et al. (2022), million 2017 intl $ PPP";
const IGO_SOURCE: &str = "COW IGO v3 (Pevehouse et al. 2020), full memberships";

fn cow_code(c: CountryId) -> Result<u16> {
    let country = Registry::global().get(c);
    country.cow().ok_or_else(|| {
        usage(format!(
            "{} has no COW code; trade and IGO data are coded by COW state",
            country.label()
        ))
    })
}

fn in_range(y: i32, from: Option<i32>, to: Option<i32>) -> bool {
    from.is_none_or(|f| y >= f) && to.is_none_or(|t| y <= t)
}

impl Engine {
    /// A state's dependence on each partner per year, with its partner concentration.
    pub fn dependence(&self, a: &DependenceRequest) -> Result<Frame> {
        common::check_period(a.from, a.to)?;
        if a.window == 0 {
            crate::error::bail_usage!("--window takes a number of years, at least 1");
        }
        let year = a.to.or(a.from);
        let state = common::country(&a.country, year)?;
        let partners =
            a.on.iter()
                .map(|q| common::country(q, year))
                .collect::<Result<Vec<_>>>()?;
        if partners.is_empty() {
            crate::error::bail_usage!("--on needs at least one partner");
        }
        if partners.contains(&state) {
            crate::error::bail_usage!("{} is both the state and one of its partners", a.country);
        }
        match a.channel {
            Channel::Trade => self.trade_frame(state, &partners, a),
            Channel::Arms => self.arms_frame(state, &partners, a),
            Channel::Igo => self.igo_frame(state, &partners, a),
        }
    }

    fn trade_frame(
        &self,
        state: CountryId,
        partners: &[CountryId],
        a: &DependenceRequest,
    ) -> Result<Frame> {
        let me = cow_code(state)?;
        let them = partners
            .iter()
            .map(|&p| cow_code(p))
            .collect::<Result<Vec<_>>>()?;
        let d = self.trade()?;
        let dyads: HashMap<(u16, u16, i32), &trade::TradeRow> = d
            .dyads
            .iter()
            .map(|r| ((r.ccode1, r.ccode2, r.year), r))
            .collect();
        let mut f = Frame::new();
        f.meta(
            "what",
            format!(
                "trade dependence of {} on each partner, and its partner concentration",
                common::label(state)
            ),
        );
        f.meta("source", TRADE_SOURCE);
        let mut c = Cols::default();
        for s in d
            .states
            .iter()
            .filter(|s| s.ccode == me && in_range(s.year, a.from, a.to))
        {
            for (&p, &pc) in partners.iter().zip(&them) {
                let key = (me.min(pc), me.max(pc), s.year);
                let r = dyads.get(&key);
                let mine = |r: &trade::TradeRow| {
                    if me < pc {
                        (r.share1, r.share2, r.gdp1)
                    } else {
                        (r.share2, r.share1, r.gdp2)
                    }
                };
                let (sh, psh, gdp) = r.map(|r| mine(r)).unwrap_or((None, None, None));
                c.year.push(i64::from(s.year));
                c.partner.push(common::label(p));
                c.v[0].push(r.and_then(|r| r.trade));
                c.v[1].push(sh);
                c.v[2].push(psh);
                c.v[3].push(gdp);
                c.v[4].push(multipolar_measures::dependence::asymmetry(sh, psh));
                c.v[5].push(multipolar_measures::dependence::salience(sh, psh));
                c.v[6].push(multipolar_measures::dependence::symmetry(sh, psh));
                c.conc(
                    s.concentration,
                    s.top_partner
                        .and_then(|t| Registry::global().by_cow(t))
                        .map(common::label),
                );
            }
        }
        c.finish(
            &mut f,
            state,
            &[
                (
                    "trade",
                    "T = imports + exports with the partner, current million US$",
                ),
                (
                    "share",
                    "the state's trade share with the partner, T / its total trade",
                ),
                ("partner_share", "the partner's trade share with the state"),
                (
                    "trade_gdp",
                    "T / the state's real GDP (unlike units: see provenance)",
                ),
                (
                    "asymmetry",
                    "share − partner_share (positive: the state is more exposed)",
                ),
                ("salience", "Barbieri (1996) √(share · partner_share)"),
                ("symmetry", "Barbieri (1996) 1 − |share − partner_share|"),
            ],
            "partners",
        );
        Ok(f)
    }

    fn arms_frame(
        &self,
        state: CountryId,
        partners: &[CountryId],
        a: &DependenceRequest,
    ) -> Result<Frame> {
        let t = self.tiv()?;
        let d = arms::arms_dependence(&t.cells, a.window);
        let me = Party::State(state);
        let rows: HashMap<(Party, i32), &arms::ArmsRow> = d
            .rows
            .iter()
            .filter(|r| r.recipient == me)
            .map(|r| ((r.supplier, r.year), r))
            .collect();
        let mut f = Frame::new();
        f.meta(
        "what",
        format!(
            "arms-import dependence of {} on each supplier over {}-year windows ending in the year, and its supplier concentration",
            common::label(state),
            d.window
        ),
    );
        f.meta("source", sipri::ATTRIBUTION);
        f.meta("sipri names", t.report.lines().join("; "));
        let mut c = Cols::default();
        for ry in d
            .recipients
            .iter()
            .filter(|r| r.recipient == me && in_range(r.year, a.from, a.to))
        {
            for &p in partners {
                let r = rows.get(&(Party::State(p), ry.year));
                c.year.push(i64::from(ry.year));
                c.partner.push(common::label(p));
                c.v[0].push(Some(r.map_or(0.0, |r| r.tiv)));
                c.v[1].push(Some(r.map_or(0.0, |r| r.tiv_window)));
                c.v[2].push(
                    ry.concentration
                        .map(|_| r.and_then(|r| r.share).unwrap_or(0.0)),
                );
                c.conc(
                    ry.concentration,
                    ry.top_supplier.map(|s| t.parties.label(s)),
                );
            }
        }
        c.finish(
            &mut f,
            state,
            &[
                (
                    "tiv",
                    "SIPRI TIV delivered by the supplier in the year, millions",
                ),
                ("tiv_window", "TIV delivered over the window"),
                (
                    "share",
                    "the supplier's share of the state's TIV over the window",
                ),
            ],
            "suppliers",
        );
        Ok(f)
    }

    fn igo_frame(
        &self,
        state: CountryId,
        partners: &[CountryId],
        a: &DependenceRequest,
    ) -> Result<Frame> {
        let me = cow_code(state)?;
        let them = partners
            .iter()
            .map(|&p| cow_code(p))
            .collect::<Result<Vec<_>>>()?;
        let states = self.igo_states()?;
        let rows = self.igo()?;
        let by: HashMap<(u16, u16, i32), &igo::IgoRow> = rows
            .iter()
            .map(|r| ((r.ccode1, r.ccode2, r.year), r))
            .collect();
        let mut f = Frame::new();
        f.meta(
            "what",
            format!("IGOs {} shares with each partner", common::label(state)),
        );
        f.meta("source", IGO_SOURCE);
        let mut year = Vec::new();
        let mut partner = Vec::new();
        let mut full = Vec::new();
        let mut shared = Vec::new();
        let mut share = Vec::new();
        let mut pshare = Vec::new();
        for s in states
            .iter()
            .filter(|s| s.ccode == me && in_range(s.year, a.from, a.to))
        {
            for (&p, &pc) in partners.iter().zip(&them) {
                let r = by.get(&(me.min(pc), me.max(pc), s.year));
                year.push(i64::from(s.year));
                partner.push(common::label(p));
                full.push(i64::from(s.full));
                shared.push(r.map(|r| f64::from(r.shared)));
                let (x, y) = r.map_or((None, None), |r| {
                    if me < pc {
                        (r.share1, r.share2)
                    } else {
                        (r.share2, r.share1)
                    }
                });
                share.push(x);
                pshare.push(y);
            }
        }
        let n = year.len();
        f.push(Column::ints("year", year));
        f.push(Column::strs("country", vec![common::label(state); n]));
        f.push(Column::strs("partner", partner));
        f.push(Column::ints("igos", full).describe("IGOs of which the state is a full member"));
        f.push(
            Column::floats("shared", shared)
                .describe("IGOs in which both are full members (empty: dyad not in the data)"),
        );
        f.push(Column::floats("share", share).describe("shared / the state's full memberships"));
        f.push(
            Column::floats("partner_share", pshare)
                .describe("shared / the partner's full memberships"),
        );
        Ok(f)
    }
}

/// Columns of the trade and arms frames: per-partner values, then the state's
/// concentration in that year (repeated on each partner's row).
#[derive(Default)]
struct Cols {
    year: Vec<i64>,
    partner: Vec<String>,
    v: [Vec<Option<f64>>; 7],
    hhi: Vec<Option<f64>>,
    effective: Vec<Option<f64>>,
    top_share: Vec<Option<f64>>,
    top: Vec<String>,
}

impl Cols {
    fn conc(
        &mut self,
        c: Option<multipolar_measures::dependence::Concentration>,
        top: Option<String>,
    ) {
        self.hhi.push(c.map(|c| c.hhi));
        self.effective.push(c.map(|c| c.effective_partners()));
        self.top_share.push(c.map(|c| c.top_share));
        self.top.push(top.unwrap_or_default());
    }

    fn finish(self, f: &mut Frame, state: CountryId, values: &[(&str, &str)], who: &str) {
        let n = self.year.len();
        f.push(Column::ints("year", self.year));
        f.push(Column::strs("country", vec![common::label(state); n]));
        f.push(Column::strs("partner", self.partner));
        for ((name, doc), v) in values.iter().zip(self.v) {
            f.push(Column::floats(*name, v).describe(*doc));
        }
        f.push(Column::floats("hhi", self.hhi).describe(format!(
            "the state's Herfindahl–Hirschman index over all its {who}"
        )));
        f.push(
            Column::floats("effective_partners", self.effective).describe(format!(
                "1 / hhi: the number of equal {who} giving the same concentration"
            )),
        );
        f.push(
            Column::floats("top_share", self.top_share).describe(format!(
                "share of the state's largest {}",
                who.trim_end_matches('s')
            )),
        );
        f.push(Column::strs(
            format!("top_{}", who.trim_end_matches('s')),
            self.top,
        ));
    }
}

impl Engine {
    /// The full dyad-year table of one channel (`multipolar export dependence`).
    pub fn dependence_export(&self, a: &DependenceExportRequest) -> Result<Frame> {
        if a.window == 0 {
            crate::error::bail_usage!("--window takes a number of years, at least 1");
        }
        let mut f = Frame::new();
        match a.channel {
            Channel::Trade => {
                let d = self.trade()?;
                f.meta("what", "trade dependence, every non-directed dyad-year (ccode1 < ccode2); share1 = ccode1's dependence on ccode2");
                f.meta("source", TRADE_SOURCE);
                let r = &d.dyads;
                common::push_dyad_year_keys(&mut f, r, |r| {
                    (i64::from(r.year), i64::from(r.ccode1), i64::from(r.ccode2))
                });
                f.push(
                    Column::floats("trade", r.iter().map(|r| r.trade).collect())
                        .describe("flow1 + flow2, current million US$"),
                );
                f.push(
                    Column::floats("share1", r.iter().map(|r| r.share1).collect())
                        .describe("trade / ccode1's total trade"),
                );
                f.push(
                    Column::floats("share2", r.iter().map(|r| r.share2).collect())
                        .describe("trade / ccode2's total trade"),
                );
                f.push(
                    Column::floats("trade_gdp1", r.iter().map(|r| r.gdp1).collect())
                        .describe("trade / ccode1's real GDP"),
                );
                f.push(
                    Column::floats("trade_gdp2", r.iter().map(|r| r.gdp2).collect())
                        .describe("trade / ccode2's real GDP"),
                );
                f.push(
                    Column::floats("asymmetry", r.iter().map(|r| r.asymmetry_share()).collect())
                        .describe("share1 − share2"),
                );
                f.push(
                    Column::floats(
                        "asymmetry_gdp",
                        r.iter().map(|r| r.asymmetry_gdp()).collect(),
                    )
                    .describe("trade_gdp1 − trade_gdp2"),
                );
                f.push(
                    Column::floats("salience", r.iter().map(|r| r.salience()).collect())
                        .describe("Barbieri √(share1·share2)"),
                );
                f.push(
                    Column::floats("symmetry", r.iter().map(|r| r.symmetry()).collect())
                        .describe("Barbieri 1 − |share1 − share2|"),
                );
                f.push(
                    Column::floats(
                        "interdependence",
                        r.iter().map(|r| r.interdependence()).collect(),
                    )
                    .describe("salience × symmetry"),
                );
            }
            Channel::Arms => {
                let t = self.tiv()?;
                let d = arms::arms_dependence(&t.cells, a.window);
                f.meta("what", format!("arms-import dependence, every recipient × supplier × year, over {}-year windows ending in the year", d.window));
                f.meta("source", sipri::ATTRIBUTION);
                f.meta("sipri names", t.report.lines().join("; "));
                let conc: HashMap<(Party, i32), &arms::RecipientYear> = d
                    .recipients
                    .iter()
                    .map(|r| ((r.recipient, r.year), r))
                    .collect();
                let r = &d.rows;
                let code = |p: Party| t.parties.cow(p).map_or(-1, i64::from);
                f.push(Column::ints(
                    "year",
                    r.iter().map(|r| i64::from(r.year)).collect(),
                ));
                f.push(Column::strs(
                    "recipient",
                    r.iter().map(|r| t.parties.label(r.recipient)).collect(),
                ));
                f.push(
                    Column::ints(
                        "recipient_ccode",
                        r.iter().map(|r| code(r.recipient)).collect(),
                    )
                    .describe("-1: not a COW state"),
                );
                f.push(Column::strs(
                    "supplier",
                    r.iter().map(|r| t.parties.label(r.supplier)).collect(),
                ));
                f.push(
                    Column::ints(
                        "supplier_ccode",
                        r.iter().map(|r| code(r.supplier)).collect(),
                    )
                    .describe("-1: not a COW state"),
                );
                f.push(
                    Column::floats("tiv", r.iter().map(|r| Some(r.tiv)).collect())
                        .describe("SIPRI TIV delivered in the year, millions"),
                );
                f.push(
                    Column::floats("tiv_window", r.iter().map(|r| Some(r.tiv_window)).collect())
                        .describe("TIV over the window"),
                );
                f.push(
                    Column::floats("share", r.iter().map(|r| r.share).collect())
                        .describe("the supplier's share of the recipient's TIV over the window"),
                );
                let c = |r: &arms::ArmsRow| conc[&(r.recipient, r.year)].concentration;
                f.push(
                    Column::floats("hhi", r.iter().map(|r| c(r).map(|c| c.hhi)).collect())
                        .describe("the recipient's supplier HHI over the window"),
                );
                f.push(
                    Column::floats(
                        "effective_suppliers",
                        r.iter()
                            .map(|r| c(r).map(|c| c.effective_partners()))
                            .collect(),
                    )
                    .describe("1 / hhi"),
                );
                f.push(
                    Column::floats(
                        "top_share",
                        r.iter().map(|r| c(r).map(|c| c.top_share)).collect(),
                    )
                    .describe("the recipient's largest supplier share"),
                );
            }
            Channel::Igo => {
                let rows = self.igo()?;
                f.meta(
                    "what",
                    "shared IGO memberships, every non-directed dyad-year (ccode1 < ccode2)",
                );
                f.meta("source", IGO_SOURCE);
                common::push_dyad_year_keys(&mut f, rows, |r| {
                    (i64::from(r.year), i64::from(r.ccode1), i64::from(r.ccode2))
                });
                f.push(
                    Column::ints("shared", rows.iter().map(|r| i64::from(r.shared)).collect())
                        .describe("IGOs in which both are full members"),
                );
                f.push(
                    Column::floats("share1", rows.iter().map(|r| r.share1).collect())
                        .describe("shared / ccode1's full memberships"),
                );
                f.push(
                    Column::floats("share2", rows.iter().map(|r| r.share2).collect())
                        .describe("shared / ccode2's full memberships"),
                );
            }
        }
        Ok(f)
    }
}
