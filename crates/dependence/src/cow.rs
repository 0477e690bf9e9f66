//! Readers for the COW-coded tables: trade v4 (dyads and states), IGO v3 (dyads and
//! states) and Fariss et al. GDP/population.
//!
//! Every row is validated; the first bad row stops the read with a
//! [`DataError`](multipolar_data::DataError) naming file, line and field. Keys are
//! unique (a repeated dyad-year or state-year is an error, not a silent overwrite)
//! and non-directed tables must have `ccode1 < ccode2`, as peacesciencer writes them.
//!
//! [`trade_dyads`] extends the bundled trade (to 2014) with the years a user imported
//! from CEPII BACI or IMF DOTS (`multipolar_data::store::trade`), each dyad naming its
//! [`TradeSource`].

use std::collections::{BTreeSet, HashMap, HashSet};

use multipolar_data::Result;
use multipolar_data::csvsrc::{Source, Table};
use multipolar_data::store::Store;
use multipolar_data::store::trade::{Flow, TradeKind};
use multipolar_datasets as ds;

/// Where a year of bilateral trade comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TradeSource {
    /// COW Trade v4.0, bundled (to 2014).
    CowV4,
    /// CEPII BACI, imported by the user.
    Baci,
    /// IMF Direction of Trade Statistics, imported by the user.
    Dots,
}

impl TradeSource {
    /// What the source is and how its flows are built, for coverage lines.
    pub fn describe(self) -> &'static str {
        match self {
            TradeSource::CowV4 => "COW Trade v4.0 (Barbieri, Keshk & Pollins 2009), bundled",
            TradeSource::Baci => {
                "CEPII BACI, imported: HS6 flows summed per exporter and importer, values reconciled by CEPII (FOB)"
            }
            TradeSource::Dots => {
                "IMF DOTS, imported: importer-reported imports (CIF), else the partner's reported exports (FOB)"
            }
        }
    }
}

/// Trade between two states in one year (COW trade v4, non-directed).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TradeDyad {
    /// The lower COW code.
    pub ccode1: u16,
    /// The higher COW code.
    pub ccode2: u16,
    /// Year.
    pub year: i32,
    /// Imports of `ccode1` from `ccode2`, current million US$; `None` when missing.
    pub flow1: Option<f64>,
    /// Imports of `ccode2` from `ccode1`, current million US$; `None` when missing.
    pub flow2: Option<f64>,
    /// Where the flows come from.
    pub source: TradeSource,
}

impl TradeDyad {
    /// Total trade T = flow1 + flow2; `None` when either flow is missing (a half-known
    /// dyad would understate the partner's share).
    pub fn total(&self) -> Option<f64> {
        Some(self.flow1? + self.flow2?)
    }
}

/// A state's total trade in one year (COW trade v4 national totals).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TradeState {
    /// COW code.
    pub ccode: u16,
    /// Year.
    pub year: i32,
    /// Imports, current million US$.
    pub imports: Option<f64>,
    /// Exports, current million US$.
    pub exports: Option<f64>,
}

/// IGOs two states share in one year (COW IGO v3, non-directed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IgoDyad {
    /// The lower COW code.
    pub ccode1: u16,
    /// The higher COW code.
    pub ccode2: u16,
    /// Year.
    pub year: i32,
    /// Number of IGOs in which both are full members.
    pub shared: u32,
}

/// A state's IGO memberships in one year (COW IGO v3).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IgoState {
    /// COW code.
    pub ccode: u16,
    /// Year.
    pub year: i32,
    /// IGOs of which it is a full member.
    pub full: u32,
    /// Of any membership type (full, associate or observer).
    pub any: u32,
}

/// GDP and population of a state in one year (Fariss et al. 2022).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GdpPop {
    /// COW code.
    pub ccode: u16,
    /// Year.
    pub year: i32,
    /// Real GDP, millions of 2017 international dollars (PPP; `pwtrgdp`).
    pub gdp: Option<f64>,
    /// Population, millions (`pwtpop`).
    pub pop: Option<f64>,
}

/// A year column: a whole number, and present.
pub(crate) fn year(t: &Table, i: usize) -> Result<i32> {
    if t.get(i).trim().is_empty() {
        return Err(t.field_error(i, "missing year"));
    }
    t.int(i)
}

/// A non-negative amount; empty is `None`.
pub(crate) fn amount(t: &Table, i: usize) -> Result<Option<f64>> {
    let v = t.get(i).trim();
    if v.is_empty() {
        return Ok(None);
    }
    match v.parse::<f64>() {
        Ok(x) if x.is_finite() && x >= 0.0 => Ok(Some(x)),
        Ok(x) if x < 0.0 => Err(t.field_error(i, format!("negative value \"{v}\""))),
        _ => Err(t.field_error(i, format!("expected a number, found \"{v}\""))),
    }
}

/// Reads a `ccode1, ccode2, year` key, checking order and uniqueness.
pub(crate) fn dyad_key(t: &Table, seen: &mut HashSet<(u16, u16, i32)>) -> Result<(u16, u16, i32)> {
    let (a, b, y) = (t.int::<u16>(0)?, t.int::<u16>(1)?, year(t, 2)?);
    if a >= b {
        return Err(t.row_error(format!(
            "expected ccode1 < ccode2 in a non-directed table, found {a} and {b}"
        )));
    }
    if !seen.insert((a, b, y)) {
        return Err(t.row_error(format!("duplicate dyad-year {a}–{b} {y}")));
    }
    Ok((a, b, y))
}

/// Reads a `ccode, year` key, checking uniqueness.
fn state_key(t: &Table, seen: &mut HashSet<(u16, i32)>) -> Result<(u16, i32)> {
    let (c, y) = (t.int::<u16>(0)?, year(t, 1)?);
    if !seen.insert((c, y)) {
        return Err(t.row_error(format!("duplicate state-year {c} {y}")));
    }
    Ok((c, y))
}

/// Reads COW trade dyads (`ccode1, ccode2, year, flow1, flow2`).
pub fn read_trade_dyads(src: Source) -> Result<Vec<TradeDyad>> {
    let mut t = Table::new(src, &["ccode1", "ccode2", "year", "flow1", "flow2"])?;
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    while t.next_row()? {
        let (ccode1, ccode2, year) = dyad_key(&t, &mut seen)?;
        out.push(TradeDyad {
            ccode1,
            ccode2,
            year,
            flow1: amount(&t, 3)?,
            flow2: amount(&t, 4)?,
            source: TradeSource::CowV4,
        });
    }
    Ok(out)
}

/// Reads COW trade state totals (`ccode, year, imports, exports`).
pub fn read_trade_states(src: Source) -> Result<Vec<TradeState>> {
    let mut t = Table::new(src, &["ccode", "year", "imports", "exports"])?;
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    while t.next_row()? {
        let (ccode, year) = state_key(&t, &mut seen)?;
        out.push(TradeState {
            ccode,
            year,
            imports: amount(&t, 2)?,
            exports: amount(&t, 3)?,
        });
    }
    Ok(out)
}

/// Reads COW IGO dyads (`ccode1, ccode2, year, dyadigos`).
pub fn read_igo_dyads(src: Source) -> Result<Vec<IgoDyad>> {
    let mut t = Table::new(src, &["ccode1", "ccode2", "year", "dyadigos"])?;
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    while t.next_row()? {
        let (ccode1, ccode2, year) = dyad_key(&t, &mut seen)?;
        out.push(IgoDyad {
            ccode1,
            ccode2,
            year,
            shared: t.int(3)?,
        });
    }
    Ok(out)
}

/// Reads COW IGO state-years (`ccode, year, sum_igo_full, sum_igo_anytype`).
pub fn read_igo_states(src: Source) -> Result<Vec<IgoState>> {
    let mut t = Table::new(src, &["ccode", "year", "sum_igo_full", "sum_igo_anytype"])?;
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    while t.next_row()? {
        let (ccode, year) = state_key(&t, &mut seen)?;
        out.push(IgoState {
            ccode,
            year,
            full: t.int(2)?,
            any: t.int(3)?,
        });
    }
    Ok(out)
}

/// Reads Fariss et al. GDP/population (`ccode, year, pwtrgdp, pwtpop`).
pub fn read_gdp(src: Source) -> Result<Vec<GdpPop>> {
    let mut t = Table::new(src, &["ccode", "year", "pwtrgdp", "pwtpop"])?;
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    while t.next_row()? {
        let (ccode, year) = state_key(&t, &mut seen)?;
        out.push(GdpPop {
            ccode,
            year,
            gdp: amount(&t, 2)?,
            pop: amount(&t, 3)?,
        });
    }
    Ok(out)
}

/// A bundled file as a source named `bundled:NAME`.
pub(crate) fn bundled(b: ds::Bundled) -> Source<'static> {
    Source::from_bytes(format!("bundled:{}", b.name), b.bytes)
}

/// The bundled COW trade dyads.
pub fn bundled_trade_dyads() -> Result<Vec<TradeDyad>> {
    read_trade_dyads(bundled(ds::COW_TRADE_DYADS))
}

/// The bundled COW trade state totals.
pub fn bundled_trade_states() -> Result<Vec<TradeState>> {
    read_trade_states(bundled(ds::COW_TRADE_STATES))
}

/// The bundled COW IGO dyads.
pub fn bundled_igo_dyads() -> Result<Vec<IgoDyad>> {
    read_igo_dyads(bundled(ds::COW_IGO_DYADS))
}

/// The bundled COW IGO state-years.
pub fn bundled_igo_states() -> Result<Vec<IgoState>> {
    read_igo_states(bundled(ds::COW_IGO_STATES))
}

/// The bundled GDP/population estimates.
pub fn bundled_gdp() -> Result<Vec<GdpPop>> {
    read_gdp(bundled(ds::GDP_POP))
}

/// Bilateral trade for every year with data: the bundled COW trade v4 (to 2014),
/// then the later years of the user's imports — BACI where it holds a year, else
/// DOTS. Years COW covers always come from COW. Each dyad names its source.
pub fn trade_dyads(store: &Store) -> Result<Vec<TradeDyad>> {
    let mut dyads = bundled_trade_dyads()?;
    let last = dyads.iter().map(|d| d.year).max().unwrap_or(i32::MIN);
    let mut taken = BTreeSet::new();
    for (kind, source) in [
        (TradeKind::Baci, TradeSource::Baci),
        (TradeKind::Dots, TradeSource::Dots),
    ] {
        let Some(t) = store.trade_flows(kind)? else {
            continue;
        };
        let years: BTreeSet<i32> = t
            .flows
            .iter()
            .map(|f| f.year)
            .filter(|y| *y > last && !taken.contains(y))
            .collect();
        dyads.extend(imported_dyads(&t.flows, &years, source));
        taken.extend(years);
    }
    Ok(dyads)
}

/// Directed flows of `years` as COW's non-directed dyads: `flow1` is the lower
/// code's imports, i.e. the flow from the higher code to the lower. A direction
/// absent from BACI is 0 (CEPII reconciles every flow from both partners, so no row
/// means no trade); absent from DOTS it is missing (nobody reported it).
pub fn imported_dyads(
    flows: &[Flow],
    years: &BTreeSet<i32>,
    source: TradeSource,
) -> Vec<TradeDyad> {
    // (ccode1, ccode2, year) → (flow1, flow2).
    type Flows = (Option<f64>, Option<f64>);
    let mut by: HashMap<(u16, u16, i32), Flows> = HashMap::new();
    for f in flows.iter().filter(|f| years.contains(&f.year)) {
        let (a, b) = (f.exporter.min(f.importer), f.exporter.max(f.importer));
        let e = by.entry((a, b, f.year)).or_default();
        if f.importer == a {
            e.0 = Some(f.value);
        } else {
            e.1 = Some(f.value);
        }
    }
    let absent = match source {
        TradeSource::Baci => Some(0.0),
        _ => None,
    };
    let mut out: Vec<TradeDyad> = by
        .into_iter()
        .map(|((ccode1, ccode2, year), (f1, f2))| TradeDyad {
            ccode1,
            ccode2,
            year,
            flow1: f1.or(absent),
            flow2: f2.or(absent),
            source,
        })
        .collect();
    out.sort_by_key(|d| (d.year, d.ccode1, d.ccode2));
    out
}
