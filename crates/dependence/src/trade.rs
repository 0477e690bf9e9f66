//! Trade dependence per dyad-year and partner concentration per state-year (research
//! note `alignment.md` §4.2), from COW trade v4.
//!
//! T_ij = imports of i from j + imports of j from i (current million US$). A state's
//! total is Σ_j T_ij over the dyads of the COW dyadic table with both flows known, so
//! its partner shares sum to 1 wherever it has trade; dyads with one flow missing
//! have no T and no shares, and are counted in [`TradeDependence::partial`].
//! Dependence on GDP is T_ij / GDP_i with Fariss et al.'s real GDP (2017 intl $ PPP):
//! a ratio of unlike units, useful within a state over time, not across eras.

use std::collections::HashMap;

use multipolar_measures::dependence::{
    Concentration, asymmetry, interdependence, salience, share, symmetry,
};

use crate::cow::{GdpPop, TradeDyad};

/// Trade dependence of a non-directed dyad-year, in both directions (1 = `ccode1`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TradeRow {
    /// Year.
    pub year: i32,
    /// The lower COW code.
    pub ccode1: u16,
    /// The higher COW code.
    pub ccode2: u16,
    /// Imports of 1 from 2, current million US$ (COW `flow1`).
    pub flow1: Option<f64>,
    /// Imports of 2 from 1 (COW `flow2`).
    pub flow2: Option<f64>,
    /// T = flow1 + flow2, current million US$; `None` if a flow is missing.
    pub trade: Option<f64>,
    /// s_12 = T / total trade of 1: 1's dependence on 2 as a partner share.
    pub share1: Option<f64>,
    /// s_21 = T / total trade of 2.
    pub share2: Option<f64>,
    /// T / GDP of 1 (GDP in million 2017 intl $).
    pub gdp1: Option<f64>,
    /// T / GDP of 2.
    pub gdp2: Option<f64>,
}

/// A trade dyad-year seen from one of its states (see [`TradeRow::side`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TradeSide {
    /// The state's imports from the partner, current million US$.
    pub imports: Option<f64>,
    /// Its exports to the partner: the partner's imports from it (COW records imports).
    pub exports: Option<f64>,
    /// s_ij = T / the state's total trade.
    pub share: Option<f64>,
    /// s_ji = T / the partner's total trade.
    pub partner_share: Option<f64>,
    /// T / the state's GDP.
    pub trade_gdp: Option<f64>,
}

impl TradeSide {
    /// s_ij − s_ji (positive: the state depends more on the partner than it on the state).
    pub fn asymmetry(&self) -> Option<f64> {
        asymmetry(self.share, self.partner_share)
    }
}

impl TradeRow {
    /// The dyad seen from state `ccode`, so that a pair can be shown in the order a
    /// user named it; `None` if `ccode` is neither side.
    pub fn side(&self, ccode: u16) -> Option<TradeSide> {
        let mine = TradeSide {
            imports: self.flow1,
            exports: self.flow2,
            share: self.share1,
            partner_share: self.share2,
            trade_gdp: self.gdp1,
        };
        if ccode == self.ccode1 {
            Some(mine)
        } else if ccode == self.ccode2 {
            Some(TradeSide {
                imports: self.flow2,
                exports: self.flow1,
                share: self.share2,
                partner_share: self.share1,
                trade_gdp: self.gdp2,
            })
        } else {
            None
        }
    }

    /// Share asymmetry s_12 − s_21 (positive: 1 depends more on 2).
    pub fn asymmetry_share(&self) -> Option<f64> {
        asymmetry(self.share1, self.share2)
    }

    /// GDP asymmetry T/GDP_1 − T/GDP_2.
    pub fn asymmetry_gdp(&self) -> Option<f64> {
        asymmetry(self.gdp1, self.gdp2)
    }

    /// Barbieri salience √(s_12·s_21).
    pub fn salience(&self) -> Option<f64> {
        salience(self.share1, self.share2)
    }

    /// Barbieri symmetry 1 − |s_12 − s_21|.
    pub fn symmetry(&self) -> Option<f64> {
        symmetry(self.share1, self.share2)
    }

    /// Barbieri interdependence, salience × symmetry.
    pub fn interdependence(&self) -> Option<f64> {
        interdependence(self.share1, self.share2)
    }
}

/// Partner concentration of a state's trade in one year.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StateTrade {
    /// COW code.
    pub ccode: u16,
    /// Year.
    pub year: i32,
    /// Concentration over partners (total, partners with trade, HHI, top share);
    /// `None` when every recorded flow is 0.
    pub concentration: Option<Concentration>,
    /// The partner with the largest share (lowest COW code on ties), if any trade.
    pub top_partner: Option<u16>,
}

/// Trade dependence for every dyad-year and state-year of the COW table.
#[derive(Debug, Clone)]
pub struct TradeDependence {
    /// Dyad-years sorted by year, ccode1, ccode2.
    pub dyads: Vec<TradeRow>,
    /// State-years sorted by ccode, year.
    pub states: Vec<StateTrade>,
    /// Dyad-years with exactly one flow missing (no T, left out of totals).
    pub partial: usize,
    /// The years each source covers.
    pub sources: Vec<crate::Span>,
}

/// Computes trade dependence from COW dyads and GDP estimates.
pub fn trade_dependence(dyads: &[TradeDyad], gdp: &[GdpPop]) -> TradeDependence {
    let gdp: HashMap<(u16, i32), f64> = gdp
        .iter()
        .filter_map(|g| Some(((g.ccode, g.year), g.gdp.filter(|&v| v > 0.0)?)))
        .collect();
    let mut partners: HashMap<(u16, i32), Vec<(u16, f64)>> = HashMap::new();
    let mut partial = 0;
    for d in dyads {
        match d.total() {
            Some(t) => {
                partners
                    .entry((d.ccode1, d.year))
                    .or_default()
                    .push((d.ccode2, t));
                partners
                    .entry((d.ccode2, d.year))
                    .or_default()
                    .push((d.ccode1, t));
            }
            None => partial += usize::from(d.flow1.is_some() || d.flow2.is_some()),
        }
    }
    let totals: HashMap<(u16, i32), f64> = partners
        .iter()
        .map(|(k, v)| (*k, v.iter().map(|p| p.1).sum()))
        .collect();
    let mut rows: Vec<TradeRow> = dyads
        .iter()
        .map(|d| {
            let t = d.total();
            let of = |c: u16| t.and_then(|t| share(t, *totals.get(&(c, d.year))?));
            let on_gdp = |c: u16| Some(t? / gdp.get(&(c, d.year))?);
            TradeRow {
                year: d.year,
                ccode1: d.ccode1,
                ccode2: d.ccode2,
                flow1: d.flow1,
                flow2: d.flow2,
                trade: t,
                share1: of(d.ccode1),
                share2: of(d.ccode2),
                gdp1: on_gdp(d.ccode1),
                gdp2: on_gdp(d.ccode2),
            }
        })
        .collect();
    rows.sort_by_key(|r| (r.year, r.ccode1, r.ccode2));
    let mut states: Vec<StateTrade> = partners
        .into_iter()
        .map(|((ccode, year), mut v)| {
            v.sort_by_key(|p| p.0);
            let values: Vec<f64> = v.iter().map(|p| p.1).collect();
            let concentration = Concentration::of(&values);
            let top_partner = concentration.and_then(|_| {
                v.iter()
                    .rev()
                    .max_by(|a, b| a.1.total_cmp(&b.1))
                    .map(|p| p.0)
            });
            StateTrade {
                ccode,
                year,
                concentration,
                top_partner,
            }
        })
        .collect();
    states.sort_by_key(|s| (s.ccode, s.year));
    TradeDependence {
        dyads: rows,
        states,
        partial,
        sources: crate::spans(dyads.iter().map(|d| (d.year, d.source.describe()))),
    }
}
