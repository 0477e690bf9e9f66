//! The country registry of multipolar: every state and territory gets one typed [`CountryId`].
//!
//! Data sources name countries in many ways: UN votes by ISO 3166 alpha-2 code (with legacy codes
//! such as `CS`, `YU`, `DD`, `YD`) or by name, Correlates of War (COW) files by numeric `ccode`,
//! Gleditsch–Ward (GW) files by their own codes, event data by names or ISO3. The registry
//! resolves all of them once, at the edge, so everything inside the product uses [`CountryId`].
//!
//! # Identity model
//!
//! A [`CountryId`] is one *state* with COW-style continuity, or a territory of the code list that
//! COW does not code. Names and codes vary over time inside one id: COW 365 is named "Soviet
//! Union" until 1991-12-25 and "Russia" after, with ISO3 `SUN` then `RUS`. States COW codes
//! separately stay separate: Germany (255), the German Federal Republic (260) and the German
//! Democratic Republic (265); the Yemen Arab Republic (678), South Yemen (680) and Yemen (679).
//! Lookups therefore take an optional year: `DEU` in 1980 is the German Federal Republic, in 2000
//! (or with no year) Germany. [`Country::designations`] lists every code and name with its
//! period.
//!
//! Query forms for [`Registry::resolve`]: a bare number is a COW code; two letters an ISO2 code;
//! three letters an ISO3 code, else a COW letter code (time-aware: `CZE` is Czechia from 1993
//! but COW's Czechoslovakia before); anything else a name, matched first exactly after
//! normalisation (case, accents, punctuation, `&` = "and", `St.` = "Saint") and then by the code
//! list's English regular expressions. Prefixes force a system: `cow:260`, `cowc:AUS`,
//! `iso3:AUS`, `iso2:NA`, `gw:260`, `gwc:GFR`, `m49:504`, `name:Georgia`.
//!
//! Each country has a unique short [`label`](Country::label), the first that applies: its
//! current ISO3 code (`DEU`, `RUS`, `SRB`); else, for a state whose ISO3 code was withdrawn or
//! passed on, its COW letter code if that is no country's ISO3 code (`GFR`, `YAR`, `YPR`, `GDR`);
//! else its last former ISO3 code (`CSK`: COW's `CZE` is Czechia's ISO3); else its GW letter code
//! (`TBT`); else `COW<n>` / `GW<n>` (`COW730`, Korea to 1910, whose codes are South Korea's).
//! Code-less territories get one in `data/historical.csv` (e.g. `CHI`, Channel Islands). Labels
//! resolve back to their country.
//!
//! ```
//! use multipolar_countries::Registry;
//!
//! let reg = Registry::global();
//! let ussr = reg.resolve("SUN", None)?;
//! assert_eq!(reg.resolve("Russia", Some(2000))?, ussr);
//! assert_eq!(reg.get(ussr).name_in(1980), "Soviet Union");
//! assert_eq!(reg.get(ussr).cow(), Some(365));
//!
//! let frg = reg.resolve("DEU", Some(1980))?;
//! assert_eq!(reg.get(frg).label(), "GFR");
//! assert_eq!(reg.get(reg.resolve("DEU", None)?).cow(), Some(255));
//!
//! let err = reg.resolve("Marroco", None).unwrap_err();
//! assert_eq!(err.to_string(), "unknown country \"Marroco\"; did you mean Morocco (MAR, COW 600)?");
//! # Ok::<(), multipolar_countries::ResolveError>(())
//! ```
//!
//! # Why a separate crate
//!
//! Country identity is the one join key of every dataset; getting succession wrong (Russia and
//! the USSR as two countries, West Germany's votes lost, `CZE` read as Czechia in 1980) silently
//! corrupts every measure downstream. Keeping the registry small, data-embedded and independent
//! of the rest lets every crate share one answer, and lets the rules be tested in one place.
//!
//! The data are embedded (`data/`, with provenance in `data/PROVENANCE.md`) and parsed once on
//! first use; nothing is read from disk at run time. Succession *policies* (e.g. counting West
//! German votes of late 1990 as Germany's) are not made here: they belong to the analysis.

#![deny(missing_docs)]

mod build;
mod date;
mod designation;
mod error;
mod normalize;

use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

pub use date::{Date, ParseDateError, Spell};
pub use designation::{Designation, System};
pub use error::ResolveError;
pub use normalize::normalize;

use build::norm_value;
use designation::{At, Span};

/// One state or territory: an index into the [`Registry`].
///
/// Ids are dense (`0..Registry::len()`) and stable within one build of the registry; persist
/// labels or COW codes, not ids. `Display` shows the label.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CountryId(u16);

impl CountryId {
    /// Position in [`Registry::iter`] (for dense per-country arrays).
    pub fn index(self) -> usize {
        usize::from(self.0)
    }
}

impl fmt::Display for CountryId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match Registry::global().countries.get(self.index()) {
            Some(c) => f.write_str(c.label()),
            None => write!(f, "#{}", self.0),
        }
    }
}

/// A state or territory with all its codes and names over time.
#[derive(Debug)]
pub struct Country {
    id: CountryId,
    label: String,
    cow: Option<u16>,
    cow_abb: Option<String>,
    designations: Vec<Designation>,
    cow_spells: Vec<Spell>,
    gw_spells: Vec<Spell>,
}

impl Country {
    /// This country's id.
    pub fn id(&self) -> CountryId {
        self.id
    }

    /// Unique short display label (see the crate docs for the rule), e.g. `RUS`, `GFR`, `CSK`.
    pub fn label(&self) -> &str {
        &self.label
    }

    /// The latest display name, e.g. "Russia" for COW 365.
    pub fn name(&self) -> &str {
        self.latest(System::Name)
            .map_or(self.label.as_str(), |d| d.value.as_str())
    }

    /// The display name in `year` (the one covering most of the year); outside all name periods
    /// the nearest one. `name_in(1980)` of COW 365 is "Soviet Union".
    pub fn name_in(&self, year: i32) -> &str {
        let at = Span::year(year);
        self.in_period(System::Name, At::Year(year))
            .or_else(|| {
                self.designations
                    .iter()
                    .filter(|d| d.system == System::Name)
                    .min_by_key(|d| {
                        (
                            d.span().gap(at),
                            std::cmp::Reverse(d.to.map_or(i64::MAX, Date::day_number)),
                        )
                    })
            })
            .map_or_else(|| self.name(), |d| d.value.as_str())
    }

    /// The COW numeric code, if COW codes this state.
    pub fn cow(&self) -> Option<u16> {
        self.cow
    }

    /// The COW letter code, if any (e.g. `GFR`).
    pub fn cow_abb(&self) -> Option<&str> {
        self.cow_abb.as_deref()
    }

    /// The ISO3 code in use in `year` (most of the year if it changed), if any.
    pub fn iso3_in(&self, year: i32) -> Option<&str> {
        self.in_period(System::Iso3, At::Year(year))
            .map(|d| d.value.as_str())
    }

    /// The ISO2 code in use in `year` (most of the year if it changed), if any.
    pub fn iso2_in(&self, year: i32) -> Option<&str> {
        self.in_period(System::Iso2, At::Year(year))
            .map(|d| d.value.as_str())
    }

    /// The Gleditsch–Ward code designating this state in `year`, if any (GW 260 for Germany
    /// from 1990-10-03).
    pub fn gw_in(&self, year: i32) -> Option<u16> {
        self.in_period(System::Gw, At::Year(year))
            .and_then(|d| d.value.parse().ok())
    }

    /// The latest UN M49 (ISO numeric) code, if any.
    pub fn m49(&self) -> Option<u16> {
        self.latest(System::M49).and_then(|d| d.value.parse().ok())
    }

    /// The UN M49 code in use in `year`, if any (e.g. 810 for the Soviet Union in 1980).
    pub fn m49_in(&self, year: i32) -> Option<u16> {
        self.in_period(System::M49, At::Year(year))
            .and_then(|d| d.value.parse().ok())
    }

    /// The current ISO3 code, if any.
    pub fn iso3(&self) -> Option<&str> {
        self.latest(System::Iso3)
            .filter(|d| d.is_current())
            .map(|d| d.value.as_str())
    }

    /// Every code and name with its validity period, ordered by system then start.
    pub fn designations(&self) -> &[Designation] {
        &self.designations
    }

    /// COW state-system membership spells.
    pub fn cow_spells(&self) -> &[Spell] {
        &self.cow_spells
    }

    /// Gleditsch–Ward membership spells of this state (under whichever GW code designated it).
    pub fn gw_spells(&self) -> &[Spell] {
        &self.gw_spells
    }

    /// Whether the state was a member of the COW state system on `date`.
    pub fn is_cow_member(&self, date: Date) -> bool {
        self.cow_spells.iter().any(|s| s.contains(date))
    }

    /// Whether the state was in the Gleditsch–Ward list on `date`.
    pub fn is_gw_member(&self, date: Date) -> bool {
        self.gw_spells.iter().any(|s| s.contains(date))
    }

    /// Short description for messages: `Name (LABEL, COW n)`.
    pub fn describe(&self) -> String {
        self.describe_as(self.name())
    }

    fn describe_as(&self, name: &str) -> String {
        match self.cow {
            Some(c) => format!("{name} ({}, COW {c})", self.label),
            None => format!("{name} ({})", self.label),
        }
    }

    fn of(&self, system: System) -> impl Iterator<Item = &Designation> {
        self.designations.iter().filter(move |d| d.system == system)
    }

    fn latest(&self, system: System) -> Option<&Designation> {
        self.of(system).max_by_key(|d| {
            (
                d.to.map_or(i64::MAX, Date::day_number),
                d.from.map_or(i64::MIN, Date::day_number),
            )
        })
    }

    fn in_period(&self, system: System, at: At) -> Option<&Designation> {
        let span = at.span()?;
        self.of(system)
            .map(|d| (d.span().overlap(span), d))
            .filter(|(o, _)| *o > 0)
            .max_by_key(|(o, _)| *o)
            .map(|(_, d)| d)
    }
}

/// One index entry: a designation of `id` over `span`.
#[derive(Clone, Copy, Debug)]
struct Hit {
    id: CountryId,
    span: Span,
}

/// Outcome of a lookup before it is turned into a result.
#[derive(Debug)]
enum Found {
    One(CountryId),
    Ambiguous(Vec<CountryId>),
    NotInYear(Vec<CountryId>),
    Nothing,
}

impl Found {
    fn one(self) -> Option<CountryId> {
        match self {
            Found::One(id) => Some(id),
            _ => None,
        }
    }
}

/// The registry of all countries, built from embedded data.
pub struct Registry {
    countries: Vec<Country>,
    by_cow: HashMap<u16, CountryId>,
    /// (system, comparison form) → hits; names and aliases are both under [`System::Name`].
    index: HashMap<(System, String), Vec<Hit>>,
    labels: HashMap<String, CountryId>,
}

impl fmt::Debug for Registry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Registry")
            .field("countries", &self.countries.len())
            .finish_non_exhaustive()
    }
}

impl std::ops::Index<CountryId> for Registry {
    type Output = Country;
    fn index(&self, id: CountryId) -> &Country {
        self.get(id)
    }
}

static GLOBAL: OnceLock<Registry> = OnceLock::new();

impl Registry {
    /// The registry of the embedded data, parsed on first use.
    pub fn global() -> &'static Registry {
        GLOBAL.get_or_init(Registry::build)
    }

    /// Builds a fresh registry from the embedded data (normally use [`global`](Self::global)).
    pub fn build() -> Registry {
        Registry::from_built(build::build())
    }

    fn from_built(built: build::Built) -> Registry {
        let mut countries = Vec::with_capacity(built.entities.len());
        let mut by_cow = HashMap::new();
        let mut index: HashMap<(System, String), Vec<Hit>> = HashMap::new();
        let mut labels = HashMap::new();
        for (i, e) in built.entities.into_iter().enumerate() {
            let id = CountryId(u16::try_from(i).expect("fewer than 65536 countries"));
            let spells = |sys: System| -> Vec<Spell> {
                let mut v: Vec<Spell> = e
                    .designations
                    .iter()
                    .filter(|d| d.system == sys)
                    .filter_map(|d| d.from.map(|start| Spell { start, end: d.to }))
                    .collect();
                v.sort();
                v.dedup();
                v
            };
            let (cow_spells, gw_spells) = (spells(System::Cow), spells(System::Gw));
            for d in &e.designations {
                let sys = if d.system.is_name() {
                    System::Name
                } else {
                    d.system
                };
                index
                    .entry((sys, norm_value(sys, &d.value)))
                    .or_default()
                    .push(Hit { id, span: d.span() });
            }
            if let Some(c) = e.cow {
                by_cow.insert(c, id);
            }
            let label = e.label.expect("labels assigned");
            labels.insert(label.to_ascii_uppercase(), id);
            let cow_abb = e
                .designations
                .iter()
                .filter(|d| d.system == System::CowAbb)
                .max_by_key(|d| d.to.map_or(i64::MAX, Date::day_number))
                .map(|d| d.value.clone());
            countries.push(Country {
                id,
                label,
                cow: e.cow,
                cow_abb,
                designations: e.designations,
                cow_spells,
                gw_spells,
            });
        }
        Registry {
            countries,
            by_cow,
            index,
            labels,
        }
    }

    /// Resolves a query (name or code, see the crate docs) at an optional year.
    ///
    /// With a year, a code or name that designated several countries picks the one it
    /// designated that year (the one covering most of the year if it changed hands in it); if
    /// it designated none that year, an unambiguous query still resolves to its one country,
    /// and otherwise to the clearly nearest one in time, else [`ResolveError::NotInYear`].
    /// Without a year, the country it designates now (else the latest) is chosen.
    pub fn resolve(&self, query: &str, year: Option<i32>) -> Result<CountryId, ResolveError> {
        self.resolve_at(query, At::from_year(year))
    }

    /// Like [`resolve`](Self::resolve), at one day (e.g. the date of a vote).
    pub fn resolve_on(&self, query: &str, date: Date) -> Result<CountryId, ResolveError> {
        self.resolve_at(query, At::Day(date))
    }

    /// The state with COW numeric code `code` (any year).
    pub fn by_cow(&self, code: u16) -> Option<CountryId> {
        self.by_cow.get(&code).copied()
    }

    /// The country with ISO 3166 alpha-2 code `s` (case-insensitive, former codes included).
    pub fn by_iso2(&self, s: &str, year: Option<i32>) -> Option<CountryId> {
        self.lookup(&[System::Iso2], s, At::from_year(year)).one()
    }

    /// The country with ISO 3166 alpha-3 code `s` (case-insensitive, former codes included).
    pub fn by_iso3(&self, s: &str, year: Option<i32>) -> Option<CountryId> {
        self.lookup(&[System::Iso3], s, At::from_year(year)).one()
    }

    /// The state with Gleditsch–Ward code `code` (GW 260 in 2000 is Germany, COW 255).
    pub fn by_gw(&self, code: u16, year: Option<i32>) -> Option<CountryId> {
        self.lookup(&[System::Gw], &code.to_string(), At::from_year(year))
            .one()
    }

    /// The country with UN M49 (ISO numeric) code `code`.
    pub fn by_m49(&self, code: u16, year: Option<i32>) -> Option<CountryId> {
        self.lookup(&[System::M49], &code.to_string(), At::from_year(year))
            .one()
    }

    /// The country with this name (exact after normalisation; see [`Self::resolve`] for the
    /// variants also tried).
    pub fn by_name(&self, name: &str, year: Option<i32>) -> Option<CountryId> {
        self.lookup_name(name, At::from_year(year)).one()
    }

    /// The country with this [`label`](Country::label) (case-insensitive).
    pub fn by_label(&self, label: &str) -> Option<CountryId> {
        self.labels.get(&label.trim().to_ascii_uppercase()).copied()
    }

    /// The country with id `id`.
    ///
    /// # Panics
    /// If `id` comes from another registry with more countries (ids of [`global`](Self::global)
    /// are always valid).
    pub fn get(&self, id: CountryId) -> &Country {
        &self.countries[id.index()]
    }

    /// All countries, in id order.
    pub fn iter(&self) -> impl Iterator<Item = &Country> {
        self.countries.iter()
    }

    /// Number of countries.
    pub fn len(&self) -> usize {
        self.countries.len()
    }

    /// Always `false` (the registry is never empty).
    pub fn is_empty(&self) -> bool {
        self.countries.is_empty()
    }

    fn resolve_at(&self, query: &str, at: At) -> Result<CountryId, ResolveError> {
        let q = query.trim();
        let found = self.find(q, at)?;
        match found {
            Found::One(id) => Ok(id),
            Found::Ambiguous(ids) => Err(ResolveError::Ambiguous {
                query: query.to_string(),
                year: at.year(),
                candidates: self.describe_all(&ids),
            }),
            Found::NotInYear(ids) => Err(ResolveError::NotInYear {
                query: query.to_string(),
                year: at.year().unwrap_or_default(),
                candidates: self.describe_all(&ids),
            }),
            Found::Nothing => Err(ResolveError::Unknown {
                query: query.to_string(),
                suggestions: self.suggest(q),
            }),
        }
    }

    fn find(&self, q: &str, at: At) -> Result<Found, ResolveError> {
        if q.is_empty() {
            return Ok(Found::Nothing);
        }
        if let Some((prefix, rest)) = q.split_once(':')
            && !prefix.is_empty()
            && prefix.bytes().all(|b| b.is_ascii_alphanumeric())
        {
            let system = System::from_prefix(&prefix.to_ascii_lowercase()).ok_or_else(|| {
                ResolveError::BadPrefix {
                    query: q.to_string(),
                    prefix: prefix.to_string(),
                }
            })?;
            let rest = rest.trim();
            return Ok(match system {
                System::Cow => rest
                    .parse()
                    .ok()
                    .and_then(|c| self.by_cow(c))
                    .map_or(Found::Nothing, Found::One),
                System::Name | System::Alias => self.lookup_name(rest, at),
                s => self.lookup(&[s], rest, at),
            });
        }
        if q.bytes().all(|b| b.is_ascii_digit()) {
            return Ok(q
                .parse()
                .ok()
                .and_then(|c| self.by_cow(c))
                .map_or(Found::Nothing, Found::One));
        }
        let letters = q.bytes().all(|b| b.is_ascii_alphabetic());
        let coded = match q.len() {
            2 if letters => self.lookup(&[System::Iso2], q, at),
            3 if letters => self.lookup(&[System::Iso3, System::CowAbb], q, at),
            _ => Found::Nothing,
        };
        if !matches!(coded, Found::Nothing) {
            return Ok(coded);
        }
        if let Some(id) = self.by_label(q) {
            return Ok(Found::One(id));
        }
        Ok(self.lookup_name(q, at))
    }

    fn hits(&self, system: System, value: &str) -> &[Hit] {
        let sys = if system.is_name() {
            System::Name
        } else {
            system
        };
        self.index
            .get(&(sys, norm_value(sys, value)))
            .map_or(&[], Vec::as_slice)
    }

    /// Looks `value` up in `systems`, in order of preference (see [`Self::choose`]).
    fn lookup(&self, systems: &[System], value: &str, at: At) -> Found {
        let lists: Vec<&[Hit]> = systems.iter().map(|&s| self.hits(s, value)).collect();
        choose(&lists, at)
    }

    fn lookup_name(&self, name: &str, at: At) -> Found {
        let found = self.lookup(&[System::Name], name, at);
        if !matches!(found, Found::Nothing) {
            return found;
        }
        // Two written forms that exact names miss: spelled-out initials ("U.S.A.",
        // "U K") are the letter code, and a list form "Tanzania, United Republic of"
        // is the name read from its second part on. Other variants are accepted names
        // (code-list name columns and `data/historical.csv` aliases).
        let n = normalize(name);
        let words: Vec<&str> = n.split(' ').collect();
        if words.len() > 1 && words.iter().all(|w| w.chars().count() == 1) {
            let code = words.concat();
            return self.lookup(&[System::Iso3, System::Iso2], &code, at);
        }
        if let Some((head, tail)) = name.split_once(',')
            && !tail.trim().is_empty()
        {
            return self.lookup(
                &[System::Name],
                &format!("{} {}", tail.trim(), head.trim()),
                at,
            );
        }
        found
    }

    fn describe_all(&self, ids: &[CountryId]) -> Vec<String> {
        ids.iter().map(|&id| self.get(id).describe()).collect()
    }

    /// Up to 3 close matches for an unknown query.
    fn suggest(&self, q: &str) -> Vec<String> {
        if q.bytes().all(|b| b.is_ascii_digit()) {
            // A number that is no COW code: say where it is a code.
            let mut out = Vec::new();
            for sys in [System::Gw, System::M49] {
                for h in self.hits(sys, q) {
                    let s = format!(
                        "{}:{} = {}",
                        sys.prefix(),
                        norm_value(sys, q),
                        self.get(h.id).describe()
                    );
                    if !out.contains(&s) {
                        out.push(s);
                    }
                }
            }
            out.truncate(3);
            return out;
        }
        let n = normalize(q);
        let upper = q.to_ascii_uppercase();
        let max = (n.chars().count() * 9 / 20).max(2);
        // Per country: the smallest edit distance, then the best Jaro–Winkler similarity, and
        // the name that came closest (shown instead of the latest name, e.g. "Soviet Union").
        let mut best: HashMap<CountryId, (usize, f64, Option<&str>)> = HashMap::new();
        for ((sys, key), hits) in &self.index {
            let (a, b) = match sys {
                System::Name => (n.as_str(), key.as_str()),
                System::Iso2 | System::Iso3 | System::CowAbb if q.len() <= 3 => {
                    (upper.as_str(), key.as_str())
                }
                _ => continue,
            };
            let d = strsim::damerau_levenshtein(a, b);
            if d <= max {
                let jw = strsim::jaro_winkler(a, b);
                let name = (*sys == System::Name).then_some(key.as_str());
                for h in hits {
                    let e = best.entry(h.id).or_insert((d, jw, name));
                    if (d, -jw) < (e.0, -e.1) {
                        *e = (d, jw, name);
                    }
                }
            }
        }
        let Some(min) = best.values().map(|v| v.0).min() else {
            return Vec::new();
        };
        let mut v: Vec<(f64, CountryId, Option<&str>)> = best
            .into_iter()
            .filter(|(_, v)| v.0 == min)
            .map(|(id, v)| (v.1, id, v.2))
            .collect();
        v.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        v.into_iter()
            .take(3)
            .map(|(_, id, key)| {
                let c = self.get(id);
                let shown = key
                    .filter(|k| *k != normalize(c.name()))
                    .and_then(|k| {
                        c.designations
                            .iter()
                            .find(|d| d.system.is_name() && normalize(&d.value) == k)
                    })
                    .map_or(c.name(), |d| d.value.as_str());
                c.describe_as(shown)
            })
            .collect()
    }
}

/// Picks the country a code or name designates at `at`. `lists` are the hits per system, in
/// order of preference.
///
/// 1. The first system with hits valid at `at` decides: one country → it; several → the one
///    covering most of the year, else ambiguous. (Without a year "valid" means still in use.)
/// 2. Otherwise, over all systems: one country → it; without a year → the latest; with a year →
///    the nearest in time if it is nearer than any other by more than a year, else not-in-year.
fn choose(lists: &[&[Hit]], at: At) -> Found {
    for hits in lists {
        let mut scores: Vec<(CountryId, i64)> = Vec::new();
        for h in hits.iter() {
            let score = match at.span() {
                None => i64::from(h.span.to == i64::MAX),
                Some(s) => h.span.overlap(s),
            };
            if score > 0 {
                match scores.iter_mut().find(|(id, _)| *id == h.id) {
                    Some(e) => e.1 = e.1.max(score),
                    None => scores.push((h.id, score)),
                }
            }
        }
        scores.sort_by_key(|&(id, s)| (std::cmp::Reverse(s), id));
        match scores.as_slice() {
            [] => continue,
            [(id, _)] => return Found::One(*id),
            [(id, a), (_, b), ..] if a > b => return Found::One(*id),
            _ => return Found::Ambiguous(scores.iter().map(|&(id, _)| id).collect()),
        }
    }
    // Nothing valid at `at`.
    let mut ids: Vec<(CountryId, i64)> = Vec::new();
    for h in lists.iter().flat_map(|l| l.iter()) {
        let key = match at.span() {
            None => -h.span.to,
            Some(s) => h.span.gap(s),
        };
        match ids.iter_mut().find(|(id, _)| *id == h.id) {
            Some(e) => e.1 = e.1.min(key),
            None => ids.push((h.id, key)),
        }
    }
    ids.sort_by_key(|&(id, k)| (k, id));
    match (ids.as_slice(), at) {
        ([], _) => Found::Nothing,
        ([(id, _)], _) => Found::One(*id),
        ([(id, a), (_, b), ..], At::Now) if a < b => Found::One(*id),
        ([(id, a), (_, b), ..], At::Year(_) | At::Day(_)) if a.saturating_add(365) < *b => {
            Found::One(*id)
        }
        (_, At::Now) => Found::Ambiguous(ids.iter().map(|&(id, _)| id).collect()),
        _ => Found::NotInYear(ids.iter().map(|&(id, _)| id).collect()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equally_valid_candidates_are_ambiguous() {
        let always = Span {
            from: i64::MIN,
            to: i64::MAX,
        };
        let hits = [
            Hit {
                id: CountryId(3),
                span: always,
            },
            Hit {
                id: CountryId(4),
                span: always,
            },
        ];
        match choose(&[&hits], At::from_year(Some(1980))) {
            Found::Ambiguous(ids) => assert_eq!(ids, [CountryId(3), CountryId(4)]),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn choose_prefers_most_of_the_year_then_nearest() {
        let a = CountryId(0);
        let b = CountryId(1);
        let span = |f: &str, t: &str| Span {
            from: f.parse::<Date>().unwrap().day_number(),
            to: t.parse::<Date>().unwrap().day_number(),
        };
        let hits = [
            Hit {
                id: a,
                span: span("1949-05-23", "1990-10-02"),
            },
            Hit {
                id: b,
                span: span("1990-10-03", "2100-01-01"),
            },
        ];
        assert!(matches!(choose(&[&hits], At::Year(1990)), Found::One(id) if id == a));
        assert!(matches!(choose(&[&hits], At::Year(1991)), Found::One(id) if id == b));
        assert!(
            matches!(choose(&[&hits], At::Day("1990-10-03".parse().unwrap())), Found::One(id) if id == b)
        );
        assert!(matches!(choose(&[&hits], At::Year(1900)), Found::One(id) if id == a));
        let gap = [
            Hit {
                id: a,
                span: span("1900-01-01", "1945-05-08"),
            },
            Hit {
                id: b,
                span: span("1949-05-23", "1990-10-02"),
            },
        ];
        assert!(matches!(choose(&[&gap], At::Year(1947)), Found::NotInYear(v) if v.len() == 2));
        assert!(matches!(choose(&[&gap], At::Now), Found::One(id) if id == b));
        assert!(matches!(choose(&[&[], &gap], At::Year(1960)), Found::One(id) if id == b));
        assert!(matches!(choose(&[&[]], At::Now), Found::Nothing));
    }
}
