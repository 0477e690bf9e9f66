//! SIPRI arms transfers: the trade register and the TIV dyad-year table, with SIPRI's
//! names mapped to the country registry.
//!
//! Source: SIPRI Arms Transfers Database. SIPRI names parties its own way (`Turkiye`,
//! `Cote d'Ivoire`, `Soviet Union`) and includes parties that are not states: armed
//! non-state actors (marked `*`, e.g. `UNITA (Angola)*`) and organisations (`**`, e.g.
//! `NATO**`). Each name becomes a [`Party`]:
//!
//! 1. a name in [`NON_STATE`] is kept as a named non-state party of its [`OtherKind`];
//! 2. a name in [`SPELLINGS`] is looked up by the COW code given there;
//! 3. any other name is resolved by the registry as of the row's year;
//! 4. what is left (including `*`/`**` names missing from [`NON_STATE`]) is kept as an
//!    [`OtherKind::Unmapped`] party and listed in the [`MappingReport`] with its row count
//!    and TIV — never dropped, so totals still reconcile.
//!
//! The arms series runs to 2024 ([`bundled_tiv`]): SIPRI's TIV table (1950–2021) where
//! it exists, then TIV computed from the 2025 trade register ([`register_cells`],
//! [`splice`]); [`reconcile`] measures how the two agree where both exist. Every cell
//! says which it comes from ([`TivSource`]).

use std::collections::{BTreeMap, HashMap, HashSet};

use multipolar_countries::{CountryId, Registry};
use multipolar_data::Result;
use multipolar_data::csvsrc::{Source, Table};
use multipolar_datasets as ds;

use crate::cow::{amount, bundled, year};

/// SIPRI spellings the registry does not resolve (or could resolve to the wrong
/// state by a looser name match), with their COW code.
pub const SPELLINGS: &[(&str, u16)] = &[
    ("Turkiye", 640),
    ("Turkey", 640),
    ("Cote d'Ivoire", 437),
    ("Soviet Union", 365),
    ("East Germany (GDR)", 265),
    ("North Yemen", 678),
    ("Yemen Arab Republic", 678),
    ("Yemen Arab Republic (North Yemen)", 678),
    ("South Yemen", 680),
    ("South Vietnam", 817),
    ("Viet Nam", 816),
    ("DR Congo", 490),
    ("Congo", 484),
    ("UAE", 696),
    ("eSwatini", 572),
    ("Bosnia-Herzegovina", 346),
    ("Saint Vincent", 57),
    ("Cabo Verde", 402),
    ("Timor-Leste", 860),
    ("North Macedonia", 343),
    ("Czechoslovakia", 315),
    // COW 345 is Yugoslavia and, from 2006, Serbia: one state.
    ("Yugoslavia", 345),
    ("Serbia", 345),
    ("North Korea", 731),
    ("South Korea", 732),
    ("Kosovo", 347),
    ("Micronesia", 987),
];

/// What a non-state party is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum OtherKind {
    /// An armed non-state actor (SIPRI's `*`).
    NonState,
    /// An international organisation (SIPRI's `**`).
    Organisation,
    /// A secessionist or rival authority SIPRI lists without a mark (Biafra,
    /// Katanga, Northern Cyprus, Libya's General National Congress).
    Unrecognised,
    /// SIPRI's "unknown supplier(s)", "unknown recipient(s)", "unknown rebel group".
    Unknown,
    /// A name this crate could not map: reported in [`MappingReport::unmapped`].
    Unmapped,
}

impl OtherKind {
    /// Short lower-case name for tables.
    pub fn as_str(self) -> &'static str {
        match self {
            OtherKind::NonState => "non-state actor",
            OtherKind::Organisation => "organisation",
            OtherKind::Unrecognised => "unrecognised authority",
            OtherKind::Unknown => "unknown",
            OtherKind::Unmapped => "unmapped",
        }
    }
}

/// Every non-state party in the 2025 register and the 1950–2021 TIV table, by SIPRI
/// name (both files' spellings).
pub const NON_STATE: &[(&str, OtherKind)] = {
    use OtherKind::*;
    &[
        ("ANC (South Africa)*", NonState),
        ("Amal (Lebanon)*", NonState),
        ("Anti-Castro rebels (Cuba)*", NonState),
        ("Armas (Guatemala)*", NonState),
        ("Contras (Nicaragua)*", NonState),
        ("Darfur rebels (Sudan)*", NonState),
        ("ELF (Ethiopia)*", NonState),
        ("EPLF (Ethiopia)*", NonState),
        ("FAN (Chad)*", NonState),
        ("FMLN (El Salvador)*", NonState),
        ("FNLA (Angola)*", NonState),
        ("FRELIMO (Portugal)*", NonState),
        ("GUNT (Chad)*", NonState),
        ("Haiti rebels*", NonState),
        ("Hamas (Palestine)*", NonState),
        ("Hezbollah (Lebanon)*", NonState),
        ("Houthi rebels (Yemen)*", NonState),
        ("Indonesia rebels*", NonState),
        ("Khmer Rouge (Cambodia)*", NonState),
        ("Kurdistan Regional Government (Iraq)*", NonState),
        ("LF (Lebanon)*", NonState),
        ("LRA (Uganda)*", NonState),
        ("LTTE (Sri Lanka)*", NonState),
        ("Lebanon Palestinian rebels*", NonState),
        ("Libya HoR*", NonState),
        ("MNLF (Philippines)*", NonState),
        ("MPLA (Portugal)*", NonState),
        ("MTA (Myanmar)*", NonState),
        ("Mujahedin (Afghanistan)*", NonState),
        ("NLA (Macedonia)*", NonState),
        ("NTC (Libya)*", NonState),
        ("Northern Alliance (Afghanistan)*", NonState),
        ("PAIGC (Portugal)*", NonState),
        ("PIJ (Israel/Palestine)*", NonState),
        ("Pathet Lao (Laos)*", NonState),
        ("PKK (Turkiye)*", NonState),
        ("PKK (Turkey)*", NonState),
        ("PLO (Israel)*", NonState),
        ("PRC (Israel/Palestine)*", NonState),
        ("Provisional IRA (UK)*", NonState),
        ("RPF (Rwanda)*", NonState),
        ("RUF (Sierra Leone)*", NonState),
        ("SLA (Lebanon)*", NonState),
        ("SNA (Somalia)*", NonState),
        ("SPLA (Sudan)*", NonState),
        ("Southern rebels (Yemen)*", NonState),
        ("Syria rebels*", NonState),
        ("UIC (Somalia)*", NonState),
        ("UNITA (Angola)*", NonState),
        ("Ukraine Rebels*", NonState),
        ("United Wa State (Myanmar)*", NonState),
        ("Viet Cong (South Vietnam)*", NonState),
        ("Viet Minh (France)*", NonState),
        ("ZAPU (Zimbabwe)*", NonState),
        ("African Union**", Organisation),
        ("European Union**", Organisation),
        ("NATO**", Organisation),
        ("OSCE**", Organisation),
        ("Regional Security System**", Organisation),
        ("United Nations**", Organisation),
        ("Biafra", Unrecognised),
        ("Katanga", Unrecognised),
        ("Northern Cyprus", Unrecognised),
        ("Libya GNC", Unrecognised),
        ("unknown supplier(s)", Unknown),
        ("unknown recipient(s)", Unknown),
        ("unknown rebel group*", Unknown),
        ("Unknown supplier(s)", Unknown),
        ("Unknown recipient(s)", Unknown),
        ("Unknown rebel group*", Unknown),
    ]
};

/// Index of a non-state party in its table's [`Parties`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct OtherId(u32);

/// A supplier or recipient: a state of the registry, or a named non-state party.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Party {
    /// A state or territory of the country registry.
    State(CountryId),
    /// A party listed in the table's [`Parties`].
    Other(OtherId),
}

/// A non-state party: SIPRI's name and what it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Other {
    /// SIPRI's name, as in the file.
    pub name: String,
    /// What it is.
    pub kind: OtherKind,
}

/// The non-state parties of one table.
#[derive(Debug, Clone, Default)]
pub struct Parties {
    others: Vec<Other>,
    index: HashMap<String, OtherId>,
}

impl Parties {
    /// The non-state party `id`.
    pub fn other(&self, id: OtherId) -> &Other {
        &self.others[id.0 as usize]
    }

    /// A label for any party: the registry label of a state, SIPRI's name otherwise.
    pub fn label(&self, p: Party) -> String {
        match p {
            Party::State(c) => Registry::global().get(c).label().to_string(),
            Party::Other(o) => self.other(o).name.clone(),
        }
    }

    /// COW code of a state party, if it has one.
    pub fn cow(&self, p: Party) -> Option<u16> {
        match p {
            Party::State(c) => Registry::global().get(c).cow(),
            Party::Other(_) => None,
        }
    }

    fn intern(&mut self, name: &str, kind: OtherKind) -> OtherId {
        if let Some(&id) = self.index.get(name) {
            return id;
        }
        let id = OtherId(self.others.len() as u32);
        self.others.push(Other {
            name: name.to_string(),
            kind,
        });
        self.index.insert(name.to_string(), id);
        id
    }
}

/// Rows and TIV carried by one SIPRI name.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Usage {
    /// Rows (cells or deals) naming it as supplier or recipient.
    pub rows: usize,
    /// Their TIV, millions (delivered TIV for deals).
    pub tiv: f64,
}

/// What the name mapping did, for the user to see.
#[derive(Debug, Clone, Default)]
pub struct MappingReport {
    /// Names that resolved to no state and are not in [`NON_STATE`]: kept as
    /// [`OtherKind::Unmapped`] parties.
    pub unmapped: BTreeMap<String, Usage>,
    /// Names kept as non-state parties, by name.
    pub non_state: BTreeMap<String, Usage>,
    /// Rows whose two SIPRI names became the same state pair in the same year
    /// (e.g. `Yugoslavia` and `Serbia`), summed into one: a description of each.
    pub merged: Vec<String>,
    /// Register deals split over two lines in SIPRI's export, repaired: the line of the
    /// continuation row of each.
    pub repaired: Vec<u64>,
}

impl MappingReport {
    /// One line per fact worth telling, for stderr or a table's metadata.
    pub fn lines(&self) -> Vec<String> {
        let mut out = Vec::new();
        let sum = |m: &BTreeMap<String, Usage>| {
            m.values()
                .fold((0, 0.0), |(r, t), u| (r + u.rows, t + u.tiv))
        };
        if !self.unmapped.is_empty() {
            let (r, t) = sum(&self.unmapped);
            out.push(format!(
                "{} SIPRI names not mapped ({r} rows, TIV {t:.1}), kept under their own names: {}",
                self.unmapped.len(),
                self.unmapped.keys().cloned().collect::<Vec<_>>().join("; ")
            ));
        }
        if !self.non_state.is_empty() {
            let (r, t) = sum(&self.non_state);
            out.push(format!(
                "{} non-state parties (armed groups, organisations, unknown) kept as such ({r} rows, TIV {t:.1})",
                self.non_state.len()
            ));
        }
        if !self.merged.is_empty() {
            out.push(format!(
                "{} rows naming the same state pair and year under two SIPRI names were summed: {}",
                self.merged.len(),
                self.merged.join("; ")
            ));
        }
        if !self.repaired.is_empty() {
            out.push(format!(
                "{} deals split over two lines were joined (continuation lines {}); their delivered TIV is units delivered × TIV per unit",
                self.repaired.len(),
                self.repaired.iter().map(u64::to_string).collect::<Vec<_>>().join(", ")
            ));
        }
        out
    }
}

/// Maps SIPRI names to parties, year-aware, remembering what it did.
#[derive(Debug, Default)]
struct Mapper {
    parties: Parties,
    cache: HashMap<(String, i32), Party>,
    report: MappingReport,
}

impl Mapper {
    fn map(&mut self, name: &str, year: i32, tiv: f64) -> Party {
        let p = match self.cache.get(&(name.to_string(), year)) {
            Some(&p) => p,
            None => {
                let p = self.lookup(name, year);
                self.cache.insert((name.to_string(), year), p);
                p
            }
        };
        if let Party::Other(o) = p {
            let other = self.parties.other(o);
            let map = if other.kind == OtherKind::Unmapped {
                &mut self.report.unmapped
            } else {
                &mut self.report.non_state
            };
            let u = map.entry(name.to_string()).or_default();
            u.rows += 1;
            u.tiv += tiv;
        }
        p
    }

    fn lookup(&mut self, name: &str, year: i32) -> Party {
        match classify(name, year) {
            Ok(c) => Party::State(c),
            Err(kind) => Party::Other(self.parties.intern(name, kind)),
        }
    }
}

/// Maps one SIPRI name as of `year`: the registry state it names, or else the kind of
/// non-state party it is ([`OtherKind::Unmapped`] when nothing applies).
pub fn classify(name: &str, year: i32) -> std::result::Result<CountryId, OtherKind> {
    if let Some(&(_, kind)) = NON_STATE.iter().find(|(n, _)| *n == name) {
        return Err(kind);
    }
    let reg = Registry::global();
    let state = if let Some(&(_, cow)) = SPELLINGS.iter().find(|(n, _)| *n == name) {
        reg.by_cow(cow)
    } else if name.ends_with('*') {
        None
    } else {
        reg.resolve(name, Some(year)).ok()
    };
    state.ok_or(OtherKind::Unmapped)
}

/// Where a TIV cell's value comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TivSource {
    /// SIPRI's TIV table: SIPRI's own yearly deliveries.
    Table,
    /// Computed from the trade register: each deal's delivered TIV split evenly over
    /// its years of delivery (the register lists the years, not the units per year).
    Register,
}

impl TivSource {
    /// What the source is, for coverage lines and metadata.
    pub fn describe(self) -> &'static str {
        match self {
            TivSource::Table => "SIPRI TIV table (SIPRI's yearly deliveries)",
            TivSource::Register => {
                "SIPRI trade register 2025-03-13, each deal's delivered TIV split evenly over its delivery years"
            }
        }
    }
}

/// One cell of the TIV table: what a supplier delivered to a recipient in a year.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TivCell {
    /// Supplier.
    pub supplier: Party,
    /// Recipient.
    pub recipient: Party,
    /// Year of delivery.
    pub year: i32,
    /// SIPRI trend-indicator value, millions; non-negative.
    pub tiv: f64,
    /// Where the value comes from.
    pub source: TivSource,
}

/// The SIPRI TIV table with its parties and mapping report.
#[derive(Debug, Clone)]
pub struct TivTable {
    /// Cells, one per supplier, recipient and year.
    pub cells: Vec<TivCell>,
    /// Non-state parties named by the cells.
    pub parties: Parties,
    /// What the name mapping did.
    pub report: MappingReport,
}

impl TivTable {
    /// The years each source covers, in year order.
    pub fn sources(&self) -> Vec<crate::Span> {
        crate::spans(self.cells.iter().map(|c| (c.year, c.source.describe())))
    }
}

fn name(t: &Table, i: usize, what: &str) -> Result<String> {
    let v = t.get(i).trim();
    if v.is_empty() {
        return Err(t.field_error(i, format!("missing {what}")));
    }
    Ok(v.to_string())
}

/// Reads a TIV table (`supplier, recipient, year, tiv`): years and TIV are required,
/// TIV must be non-negative, and a supplier–recipient–year appears once.
pub fn read_tiv(src: Source) -> Result<TivTable> {
    let mut t = Table::new(src, &["supplier", "recipient", "year", "tiv"])?;
    let mut seen = HashSet::new();
    let mut m = Mapper::default();
    let mut at: HashMap<(Party, Party, i32), (usize, String)> = HashMap::new();
    let mut cells: Vec<TivCell> = Vec::new();
    while t.next_row()? {
        let (s, r, y) = (
            name(&t, 0, "supplier")?,
            name(&t, 1, "recipient")?,
            year(&t, 2)?,
        );
        let tiv = amount(&t, 3)?.ok_or_else(|| t.field_error(3, "missing TIV"))?;
        if !seen.insert((s.clone(), r.clone(), y)) {
            return Err(t.row_error(format!("duplicate dyad-year {s} → {r} {y}")));
        }
        let (sp, rp) = (m.map(&s, y, tiv), m.map(&r, y, tiv));
        match at.get(&(sp, rp, y)) {
            Some((i, first)) => {
                cells[*i].tiv += tiv;
                m.report.merged.push(format!("{first} and {s} → {r} {y}"));
            }
            None => {
                at.insert((sp, rp, y), (cells.len(), format!("{s} → {r}")));
                cells.push(TivCell {
                    supplier: sp,
                    recipient: rp,
                    year: y,
                    tiv,
                    source: TivSource::Table,
                });
            }
        }
    }
    Ok(TivTable {
        cells,
        parties: m.parties,
        report: m.report,
    })
}

/// The bundled SIPRI TIV table alone, 1950–2021.
pub fn bundled_tiv_table() -> Result<TivTable> {
    read_tiv(bundled(ds::SIPRI_TIV))
}

/// The arms series every command uses, 1950–2024: the bundled TIV table where it
/// exists (1950–2021), then TIV computed from the bundled 2025 trade register
/// ([`splice`]). Why not the register throughout: it lists each deal's years of
/// delivery but not the units delivered in each, so its yearly values are an even
/// split that agrees with SIPRI's own yearly figures for only 44 % of dyad-years
/// ([`reconcile`]); SIPRI's table is kept wherever it exists.
pub fn bundled_tiv() -> Result<TivTable> {
    Ok(splice(bundled_tiv_table()?, &bundled_register()?))
}

/// Supplier–recipient–year TIV from the register: each deal's delivered TIV
/// (SIPRI's `tiv_delivered`, units delivered × TIV per unit) split evenly over its
/// listed delivery years, summed per supplier, recipient and year. Deals without
/// delivery years or without delivered TIV give nothing. Cells are in the register's
/// [`Parties`], sorted by supplier, recipient and year.
pub fn register_cells(reg: &Register) -> Vec<TivCell> {
    let mut acc: BTreeMap<(Party, Party, i32), f64> = BTreeMap::new();
    for d in &reg.deals {
        let Some(tiv) = d.tiv_delivered.filter(|_| !d.delivery_years.is_empty()) else {
            continue;
        };
        let part = tiv / d.delivery_years.len() as f64;
        for &y in &d.delivery_years {
            *acc.entry((d.supplier, d.recipient, y)).or_default() += part;
        }
    }
    acc.into_iter()
        .map(|((supplier, recipient, year), tiv)| TivCell {
            supplier,
            recipient,
            year,
            tiv,
            source: TivSource::Register,
        })
        .collect()
}

impl Parties {
    /// `p` of `from` as a party of `self`: states are the same everywhere; a
    /// non-state party is found (or added) by SIPRI's name.
    fn adopt(&mut self, from: &Parties, p: Party) -> Party {
        match p {
            Party::State(_) => p,
            Party::Other(o) => {
                let other = from.other(o);
                Party::Other(self.intern(&other.name, other.kind))
            }
        }
    }
}

/// The TIV table extended past its last year with the register's cells of later
/// years ([`register_cells`]); the register's names join the table's parties and
/// its mapping report is merged into the table's.
pub fn splice(mut table: TivTable, reg: &Register) -> TivTable {
    let last = table.cells.iter().map(|c| c.year).max().unwrap_or(i32::MIN);
    for c in register_cells(reg).into_iter().filter(|c| c.year > last) {
        let supplier = table.parties.adopt(&reg.parties, c.supplier);
        let recipient = table.parties.adopt(&reg.parties, c.recipient);
        table.cells.push(TivCell {
            supplier,
            recipient,
            ..c
        });
    }
    let r = &mut table.report;
    for (mine, theirs) in [
        (&mut r.unmapped, &reg.report.unmapped),
        (&mut r.non_state, &reg.report.non_state),
    ] {
        for (name, u) in theirs {
            let e = mine.entry(name.clone()).or_default();
            e.rows += u.rows;
            e.tiv += u.tiv;
        }
    }
    r.merged.extend(reg.report.merged.iter().cloned());
    r.repaired.extend(reg.report.repaired.iter().copied());
    table
}

/// Total TIV of one year in the table and computed from the register.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct YearTotals {
    /// Year.
    pub year: i32,
    /// TIV table.
    pub table: f64,
    /// Register, split evenly over delivery years.
    pub register: f64,
}

/// How the register's yearly TIV agrees with the TIV table over the years both cover.
#[derive(Debug, Clone, PartialEq)]
pub struct Reconciliation {
    /// First year compared.
    pub from: i32,
    /// Last year compared.
    pub to: i32,
    /// Supplier–recipient–years with TIV in either (a cell absent from one counts 0).
    pub dyad_years: usize,
    /// Of them, with |register − table| ≤ 1 TIV (the table is rounded to whole TIV).
    pub within_one: usize,
    /// Dyad-years whose register TIV comes only from deals delivered in one year (so
    /// the split cannot misplace it), and of them within 1 TIV: what is left is
    /// SIPRI's revisions between the two editions.
    pub single_year: (usize, usize),
    /// Pearson correlation of the two values over the dyad-years.
    pub correlation: f64,
    /// Supplier–recipient pairs with TIV in either over the whole period, and of them
    /// with totals within 5 % or 1 TIV: agreement without the yearly split.
    pub dyads: (usize, usize),
    /// Each year's total.
    pub years: Vec<YearTotals>,
}

impl Reconciliation {
    /// Share of dyad-years within 1 TIV.
    pub fn share_within_one(&self) -> f64 {
        self.within_one as f64 / self.dyad_years as f64
    }
}

/// Compares the register's yearly TIV ([`register_cells`]) with the TIV table over
/// the table's years. Parties are matched as states, or by SIPRI's name as spelled
/// in either edition (ignoring case, and `Turkey` for `Turkiye`: `PKK (Turkey)*`).
pub fn reconcile(table: &TivTable, reg: &Register) -> Reconciliation {
    #[derive(PartialEq, Eq, Hash, PartialOrd, Ord, Clone)]
    enum Key {
        State(CountryId),
        Other(String),
    }
    let key = |parties: &Parties, p: Party| match p {
        Party::State(c) => Key::State(c),
        Party::Other(o) => Key::Other(
            parties
                .other(o)
                .name
                .to_lowercase()
                .replace("turkey", "turkiye"),
        ),
    };
    let (from, to) = table.cells.iter().fold((i32::MAX, i32::MIN), |(a, b), c| {
        (a.min(c.year), b.max(c.year))
    });
    // (table, register) per dyad-year.
    let mut cells: HashMap<(Key, Key, i32), (f64, f64)> = HashMap::new();
    for c in &table.cells {
        let k = (
            key(&table.parties, c.supplier),
            key(&table.parties, c.recipient),
            c.year,
        );
        cells.entry(k).or_default().0 += c.tiv;
    }
    for c in register_cells(reg)
        .iter()
        .filter(|c| (from..=to).contains(&c.year))
    {
        let k = (
            key(&reg.parties, c.supplier),
            key(&reg.parties, c.recipient),
            c.year,
        );
        cells.entry(k).or_default().1 += c.tiv;
    }
    let multi: HashSet<(Key, Key, i32)> = reg
        .deals
        .iter()
        .filter(|d| d.delivery_years.len() > 1 && d.tiv_delivered.is_some())
        .flat_map(|d| {
            let (s, r) = (
                key(&reg.parties, d.supplier),
                key(&reg.parties, d.recipient),
            );
            d.delivery_years
                .iter()
                .map(move |&y| (s.clone(), r.clone(), y))
        })
        .collect();
    // The tolerance keeps sums of split TIV that land exactly on a bound inside it.
    let close = |a: f64, b: f64| (a - b).abs() <= 1.0 + 1e-9;
    let within_one = cells.values().filter(|(a, b)| close(*a, *b)).count();
    let single: Vec<&(f64, f64)> = cells
        .iter()
        .filter(|(k, _)| !multi.contains(k))
        .map(|(_, v)| v)
        .collect();
    let single_year = (
        single.len(),
        single.iter().filter(|(a, b)| close(*a, *b)).count(),
    );
    let n = cells.len() as f64;
    let (ma, mb) = cells
        .values()
        .fold((0.0, 0.0), |(x, y), (a, b)| (x + a / n, y + b / n));
    let (mut sab, mut saa, mut sbb) = (0.0, 0.0, 0.0);
    for (a, b) in cells.values() {
        sab += (a - ma) * (b - mb);
        saa += (a - ma) * (a - ma);
        sbb += (b - mb) * (b - mb);
    }
    let mut pairs: HashMap<(Key, Key), (f64, f64)> = HashMap::new();
    let mut years: BTreeMap<i32, (f64, f64)> = BTreeMap::new();
    for ((s, r, y), (a, b)) in cells.iter() {
        let e = pairs.entry((s.clone(), r.clone())).or_default();
        e.0 += a;
        e.1 += b;
        let e = years.entry(*y).or_default();
        e.0 += a;
        e.1 += b;
    }
    let dyads = (
        pairs.len(),
        pairs
            .values()
            .filter(|(a, b)| close(*a, *b) || (a - b).abs() <= 0.05 * a.max(*b) + 1e-9)
            .count(),
    );
    Reconciliation {
        from,
        to,
        dyad_years: cells.len(),
        within_one,
        single_year,
        correlation: sab / (saa * sbb).sqrt(),
        dyads,
        years: years
            .into_iter()
            .map(|(year, (table, register))| YearTotals {
                year,
                table,
                register,
            })
            .collect(),
    }
}

/// One deal of the SIPRI trade register.
#[derive(Debug, Clone, PartialEq)]
pub struct Deal {
    /// Line of the deal in the file.
    pub line: u64,
    /// Recipient.
    pub recipient: Party,
    /// Supplier.
    pub supplier: Party,
    /// Year of the order (SIPRI marks some as approximate).
    pub order_year: i32,
    /// Whether SIPRI marks the order year as uncertain.
    pub order_year_uncertain: bool,
    /// Weapon designation (e.g. `EMB-314 Super Tucano`).
    pub weapon: String,
    /// Weapon description (e.g. `trainer/combat aircraft`).
    pub description: String,
    /// Units ordered.
    pub ordered: Option<f64>,
    /// Units delivered.
    pub delivered: Option<f64>,
    /// Years in which deliveries were made, ascending.
    pub delivery_years: Vec<i32>,
    /// TIV per unit, millions.
    pub tiv_per_unit: Option<f64>,
    /// TIV of the whole order, millions.
    pub tiv_order: Option<f64>,
    /// TIV delivered so far, millions (`None`: no deliveries identified).
    pub tiv_delivered: Option<f64>,
}

/// The SIPRI trade register with its parties and mapping report.
#[derive(Debug, Clone)]
pub struct Register {
    /// Deals in file order.
    pub deals: Vec<Deal>,
    /// Non-state parties named by the deals.
    pub parties: Parties,
    /// What the name mapping and the repair of split rows did.
    pub report: MappingReport,
}

const REGISTER_COLUMNS: [&str; 12] = [
    "recipient",
    "supplier",
    "order_year",
    "order_year_uncertain",
    "weapon_designation",
    "weapon_description",
    "number_ordered",
    "number_delivered",
    "delivery_years",
    "tiv_per_unit",
    "tiv_total_order",
    "tiv_delivered",
];

/// Reads a SIPRI trade register. Deal rows need a recipient, a supplier and an order
/// year; numbers must be non-negative; delivery years are `;`-separated years.
///
/// SIPRI's export breaks a deal over two lines when its comment has a line break: the
/// continuation line has no recipient and carries the TIV per unit and order TIV in
/// the `supplier` and `order_year` columns. Such a line is joined to the deal above
/// (whose TIV fields must then be empty), the delivered TIV is recomputed as units
/// delivered × TIV per unit (SIPRI's own definition), and the join is reported.
pub fn read_register(src: Source) -> Result<Register> {
    let mut t = Table::new(src, &REGISTER_COLUMNS)?;
    let mut m = Mapper::default();
    let mut deals: Vec<Deal> = Vec::new();
    while t.next_row()? {
        if t.get(0).trim().is_empty() {
            let prev = deals.last_mut().filter(|d| {
                d.tiv_per_unit.is_none() && d.tiv_order.is_none() && d.tiv_delivered.is_none()
            });
            let Some(prev) = prev else {
                return Err(t.field_error(0, "missing recipient"));
            };
            let per_unit = amount(&t, 1)?;
            prev.tiv_per_unit = per_unit;
            prev.tiv_order = amount(&t, 2)?;
            prev.tiv_delivered = per_unit
                .zip(prev.delivered)
                .map(|(p, n)| p * n)
                .filter(|&v| v > 0.0);
            let (tiv, line) = (prev.tiv_delivered.unwrap_or(0.0), t.line());
            // The deal was counted with no TIV when mapped; add it now.
            for p in [prev.recipient, prev.supplier] {
                if let Party::Other(o) = p {
                    let other = m.parties.other(o);
                    let map = if other.kind == OtherKind::Unmapped {
                        &mut m.report.unmapped
                    } else {
                        &mut m.report.non_state
                    };
                    if let Some(u) = map.get_mut(&other.name) {
                        u.tiv += tiv;
                    }
                }
            }
            m.report.repaired.push(line);
            continue;
        }
        let recipient = name(&t, 0, "recipient")?;
        let supplier = name(&t, 1, "supplier")?;
        let order_year = year(&t, 2)?;
        let mut delivery_years = Vec::new();
        for y in t.get(8).split(';').map(str::trim).filter(|y| !y.is_empty()) {
            let y: i32 = y.parse().map_err(|_| {
                t.field_error(
                    8,
                    format!("expected ;-separated years, found \"{}\"", t.get(8)),
                )
            })?;
            delivery_years.push(y);
        }
        delivery_years.sort_unstable();
        let tiv_delivered = amount(&t, 11)?;
        let at = delivery_years.first().copied().unwrap_or(order_year);
        let tiv = tiv_delivered.unwrap_or(0.0);
        deals.push(Deal {
            line: t.line(),
            recipient: m.map(&recipient, at, tiv),
            supplier: m.map(&supplier, at, tiv),
            order_year,
            order_year_uncertain: t.flag(3)?.unwrap_or(false),
            weapon: t.get(4).trim().to_string(),
            description: t.get(5).trim().to_string(),
            ordered: amount(&t, 6)?,
            delivered: amount(&t, 7)?,
            delivery_years,
            tiv_per_unit: amount(&t, 9)?,
            tiv_order: amount(&t, 10)?,
            tiv_delivered,
        });
    }
    Ok(Register {
        deals,
        parties: m.parties,
        report: m.report,
    })
}

/// The bundled SIPRI trade register (data generated 13 March 2025).
pub fn bundled_register() -> Result<Register> {
    read_register(bundled(ds::SIPRI_REGISTER))
}

/// The attribution SIPRI asks for, printed with every arms-transfer output.
pub const ATTRIBUTION: &str = "Source: SIPRI Arms Transfers Database";
