//! Builds the registry from the embedded source extracts and the hand-written overlay.
//!
//! Sources (see `data/PROVENANCE.md`): the countrycode code list (names, ISO, M49), COW
//! state-system membership (COW codes and spells), Gleditsch–Ward states (GW codes and spells),
//! and `data/historical.csv` (merges, routes, periods, former codes, labels).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::Read;

use flate2::read::GzDecoder;

use crate::date::Date;
use crate::designation::{Designation, System};
use crate::normalize::normalize;

pub(crate) const CODELIST: &[u8] = include_bytes!("../data/codelist.csv.gz");
pub(crate) const COW_STATES: &[u8] = include_bytes!("../data/cow_states2016.csv.gz");
pub(crate) const GW_STATES: &[u8] = include_bytes!("../data/gw_states.csv.gz");
pub(crate) const HISTORICAL: &str = include_str!("../data/historical.csv");

/// COW's "still a member at the end of the data" date.
const COW_OPEN: Date = Date {
    year: 2016,
    month: 12,
    day: 31,
};
/// Gleditsch–Ward's "still a member at the end of the data" date.
const GW_OPEN: Date = Date {
    year: 2017,
    month: 12,
    day: 31,
};

/// One entity before ids are assigned.
#[derive(Debug, Default)]
pub(crate) struct Entity {
    pub key: String,
    pub cow: Option<u16>,
    pub gw_default: Option<u16>,
    pub designations: Vec<Designation>,
    pub label: Option<String>,
    /// Display name from the sources if the entity has no code-list row.
    pub fallback_name: Option<String>,
}

pub(crate) struct Built {
    pub entities: Vec<Entity>,
}

/// Periods `(from, to)`, `None` = unbounded.
type Periods = Vec<(Option<Date>, Option<Date>)>;

/// A `set` rule: key, system, value and the periods in which the designation holds.
type SetRule = (String, System, String, Periods);

struct Overlay {
    merges: HashMap<String, String>,
    drops: HashSet<String>,
    routes: Vec<(u16, String, Option<Date>, Option<Date>)>,
    /// (key, system, value) → periods, in file order.
    sets: Vec<SetRule>,
    removes: Vec<(String, System, String)>,
    labels: Vec<(String, String)>,
}

fn gunzip(bytes: &[u8]) -> String {
    let mut s = String::new();
    GzDecoder::new(bytes)
        .read_to_string(&mut s)
        .expect("embedded data is valid gzip UTF-8");
    s
}

fn reader(text: &str) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .comment(Some(b'#'))
        .from_reader(text.as_bytes())
}

/// Column index by name (panics on a missing column: the embedded data is fixed).
fn col(headers: &csv::StringRecord, name: &str) -> usize {
    headers
        .iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("embedded data lacks column {name}"))
}

fn opt_date(s: &str) -> Option<Date> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.parse().unwrap_or_else(|e| panic!("embedded data: {e}")))
}

fn ymd(y: &str, m: &str, d: &str) -> Date {
    let n = |s: &str| {
        s.trim()
            .parse::<u32>()
            .unwrap_or_else(|_| panic!("embedded data: bad date part {s:?}"))
    };
    Date::new(n(y) as i32, n(m) as u8, n(d) as u8).expect("embedded data: valid date")
}

fn parse_overlay(text: &str) -> Overlay {
    let mut o = Overlay {
        merges: HashMap::new(),
        drops: HashSet::new(),
        routes: Vec::new(),
        sets: Vec::new(),
        removes: Vec::new(),
        labels: Vec::new(),
    };
    let mut rdr = reader(text);
    let h = rdr.headers().expect("historical.csv header").clone();
    let (ca, ck, cs, cv, cf, ct) = (
        col(&h, "action"),
        col(&h, "key"),
        col(&h, "system"),
        col(&h, "value"),
        col(&h, "from"),
        col(&h, "to"),
    );
    for rec in rdr.records() {
        let rec = rec.expect("historical.csv is valid CSV");
        let (key, value) = (rec[ck].trim().to_string(), rec[cv].trim().to_string());
        let (from, to) = (opt_date(&rec[cf]), opt_date(&rec[ct]));
        let system = || {
            System::from_prefix(rec[cs].trim())
                .unwrap_or_else(|| panic!("historical.csv: bad system {:?}", &rec[cs]))
        };
        match rec[ca].trim() {
            "merge" => {
                o.merges.insert(key, value);
            }
            "drop" => {
                o.drops.insert(key);
            }
            "route" => {
                let gw = key
                    .strip_prefix("gw:")
                    .and_then(|n| n.parse().ok())
                    .expect("route key is gw:N");
                o.routes.push((gw, value, from, to));
            }
            "set" => {
                let sys = system();
                let norm = norm_value(sys, &value);
                match o.sets.iter_mut().find(|(k, s, v, _)| {
                    *k == key && same_class(*s, sys) && norm_value(*s, v) == norm
                }) {
                    Some(entry) => {
                        assert_eq!(
                            entry.1, sys,
                            "historical.csv: {key} {value} is set both as name and alias"
                        );
                        entry.3.push((from, to));
                    }
                    None => o.sets.push((key, sys, value, vec![(from, to)])),
                }
            }
            "remove" => o.removes.push((key, system(), value)),
            "label" => o.labels.push((key, value)),
            a => panic!("historical.csv: unknown action {a:?}"),
        }
    }
    o
}

fn same_class(a: System, b: System) -> bool {
    a == b || (a.is_name() && b.is_name())
}

/// Comparison form of a value: normalised names, upper-case codes, numbers without leading zeros.
pub(crate) fn norm_value(system: System, value: &str) -> String {
    if system.is_name() {
        normalize(value)
    } else if system.is_numeric() {
        value
            .trim()
            .parse::<u32>()
            .map(|n| n.to_string())
            .unwrap_or_else(|_| value.trim().to_string())
    } else {
        value.trim().to_ascii_uppercase()
    }
}

struct Builder {
    overlay: Overlay,
    entities: BTreeMap<String, Entity>,
    cow_codes: HashSet<u16>,
}

impl Builder {
    fn canon(&self, key: &str) -> String {
        let mut k = key.to_string();
        for _ in 0..8 {
            match self.overlay.merges.get(&k) {
                Some(next) => k = next.clone(),
                None => break,
            }
        }
        k
    }

    fn entity(&mut self, key: &str) -> &mut Entity {
        let key = self.canon(key);
        self.entities.entry(key.clone()).or_insert_with(|| Entity {
            key,
            ..Entity::default()
        })
    }

    fn add(
        &mut self,
        key: &str,
        system: System,
        value: &str,
        from: Option<Date>,
        to: Option<Date>,
    ) {
        let value = value.trim();
        if value.is_empty() {
            return;
        }
        let e = self.entity(key);
        let norm = norm_value(system, value);
        // One designation per (system class, value, period): a name from several columns counts once.
        let dup = e.designations.iter_mut().find(|d| {
            same_class(d.system, system)
                && d.from == from
                && d.to == to
                && norm_value(d.system, &d.value) == norm
        });
        match dup {
            // A display name wins over an alias of the same spelling.
            Some(d) if system == System::Name && d.system == System::Alias => {
                d.system = System::Name;
                d.value = value.to_string();
            }
            Some(_) => {}
            None => {
                let value = if system.is_name() {
                    value.to_string()
                } else {
                    norm
                };
                e.designations.push(Designation {
                    system,
                    value,
                    from,
                    to,
                });
            }
        }
    }

    fn cow_states(&mut self, text: &str) {
        let mut rdr = reader(text);
        let h = rdr.headers().expect("header").clone();
        let c = |n| col(&h, n);
        let (abb, code, name) = (c("stateabb"), c("ccode"), c("statenme"));
        let (sy, sm, sd, ey, em, ed) = (
            c("styear"),
            c("stmonth"),
            c("stday"),
            c("endyear"),
            c("endmonth"),
            c("endday"),
        );
        for rec in rdr.records() {
            let rec = rec.expect("valid CSV");
            let n: u16 = rec[code].parse().expect("numeric ccode");
            self.cow_codes.insert(n);
            let start = ymd(&rec[sy], &rec[sm], &rec[sd]);
            let end = Some(ymd(&rec[ey], &rec[em], &rec[ed])).filter(|&e| e != COW_OPEN);
            let key = format!("cow:{n}");
            self.add(&key, System::Cow, &n.to_string(), Some(start), end);
            self.add(&key, System::CowAbb, &rec[abb], Some(start), end);
            self.add(&key, System::Alias, &rec[name], None, None);
            let e = self.entity(&key);
            e.cow = Some(n);
            e.fallback_name.get_or_insert_with(|| rec[name].to_string());
        }
    }

    fn gw_default_key(&self, gw: u16) -> String {
        if self.cow_codes.contains(&gw) {
            format!("cow:{gw}")
        } else {
            format!("gw:{gw}")
        }
    }

    fn gw_states(&mut self, text: &str) {
        let mut rdr = reader(text);
        let h = rdr.headers().expect("header").clone();
        let (code, abb, name, start, end) = (
            col(&h, "gwcode"),
            col(&h, "stateabb"),
            col(&h, "statename"),
            col(&h, "startdate"),
            col(&h, "enddate"),
        );
        for rec in rdr.records() {
            let rec = rec.expect("valid CSV");
            let n: u16 = rec[code].parse().expect("numeric gwcode");
            let s = opt_date(&rec[start]).expect("GW start date");
            let e = opt_date(&rec[end]).filter(|&e| e != GW_OPEN);
            let default = self.gw_default_key(n);
            {
                let ent = self.entity(&default);
                ent.gw_default.get_or_insert(n);
                ent.fallback_name
                    .get_or_insert_with(|| rec[name].to_string());
            }
            self.add(&default, System::Alias, &rec[name], None, None);
            for (key, from, to) in self.route_pieces(n, &default, s, e) {
                self.add(&key, System::Gw, &n.to_string(), Some(from), to);
                self.add(&key, System::GwAbb, &rec[abb], Some(from), to);
            }
        }
    }

    /// Splits the GW spell `[s, e]` of code `gw` by the overlay's routes.
    fn route_pieces(
        &self,
        gw: u16,
        default: &str,
        s: Date,
        e: Option<Date>,
    ) -> Vec<(String, Date, Option<Date>)> {
        let day = |d: Date| d.day_number();
        let end_n = e.map_or(i64::MAX, day);
        let mut cuts: Vec<(i64, i64, String)> = self
            .overlay
            .routes
            .iter()
            .filter(|r| r.0 == gw)
            .map(|(_, target, f, t)| {
                (
                    f.map_or(i64::MIN, day),
                    t.map_or(i64::MAX, day),
                    self.canon(target),
                )
            })
            .collect();
        cuts.sort();
        let mut out = Vec::new();
        // `cur` = first day not yet assigned; `None` once the open end has been assigned.
        let mut cur = Some(day(s));
        for (cf, ct, target) in cuts {
            let Some(c) = cur else { break };
            let (lo, hi) = (cf.max(c), ct.min(end_n));
            if lo > hi {
                continue;
            }
            if lo > c {
                out.push((
                    default.to_string(),
                    Date::from_day_number(c),
                    Some(Date::from_day_number(lo - 1)),
                ));
            }
            let piece_end = if hi == end_n {
                e
            } else {
                Some(Date::from_day_number(hi))
            };
            out.push((target, Date::from_day_number(lo), piece_end));
            cur = (hi < end_n).then(|| hi + 1);
        }
        if let Some(c) = cur {
            out.push((default.to_string(), Date::from_day_number(c), e));
        }
        out
    }

    fn codelist(&mut self, text: &str) {
        let mut rdr = reader(text);
        let h = rdr.headers().expect("header").clone();
        let c = |n| col(&h, n);
        let (name, iso2, iso3, cown, gwn, un) = (
            c("country.name.en"),
            c("iso2c"),
            c("iso3c"),
            c("cown"),
            c("gwn"),
            c("un"),
        );
        let alias_cols = [
            c("cow.name"),
            c("iso.name.en"),
            c("un.name.en"),
            c("p4.name"),
            c("vdem.name"),
        ];
        for rec in rdr.records() {
            let rec = rec.expect("valid CSV");
            let row_name = rec[name].trim().to_string();
            let row_key = format!("row:{row_name}");
            if self.overlay.drops.contains(&row_key) {
                continue;
            }
            let num = |i: usize| rec[i].trim().parse::<u16>().ok();
            let (key, primary) = if self.overlay.merges.contains_key(&row_key) {
                (self.canon(&row_key), false)
            } else {
                let default = match (num(cown), num(gwn)) {
                    (Some(c), _) => format!("cow:{c}"),
                    (None, Some(g)) => self.gw_default_key(g),
                    (None, None) => row_key.clone(),
                };
                let key = self.canon(&default);
                let primary = key == default;
                (key, primary)
            };
            self.add(
                &key,
                if primary { System::Name } else { System::Alias },
                &row_name,
                None,
                None,
            );
            for &a in &alias_cols {
                self.add(&key, System::Alias, &rec[a], None, None);
            }
            self.add(&key, System::Iso2, &rec[iso2], None, None);
            self.add(&key, System::Iso3, &rec[iso3], None, None);
            self.add(&key, System::M49, &rec[un], None, None);
        }
    }

    fn apply_overlay(&mut self) {
        let sets = std::mem::take(&mut self.overlay.sets);
        for (key, system, value, periods) in &sets {
            let norm = norm_value(*system, value);
            let e = self.entity(key);
            e.designations.retain(|d| {
                !(same_class(d.system, *system) && norm_value(d.system, &d.value) == norm)
            });
            for &(from, to) in periods {
                let value = if system.is_name() {
                    value.clone()
                } else {
                    norm.clone()
                };
                e.designations.push(Designation {
                    system: *system,
                    value,
                    from,
                    to,
                });
            }
        }
        let removes = std::mem::take(&mut self.overlay.removes);
        for (key, system, value) in &removes {
            let norm = norm_value(*system, value);
            let e = self.entity(key);
            e.designations
                .retain(|d| !(d.system == *system && norm_value(d.system, &d.value) == norm));
        }
        let labels = std::mem::take(&mut self.overlay.labels);
        for (key, label) in labels {
            self.entity(&key).label = Some(label);
        }
    }
}

/// Parses the embedded data and applies the overlay.
pub(crate) fn build() -> Built {
    build_from(
        &gunzip(CODELIST),
        &gunzip(COW_STATES),
        &gunzip(GW_STATES),
        HISTORICAL,
    )
}

pub(crate) fn build_from(codelist: &str, cow: &str, gw: &str, historical: &str) -> Built {
    let mut b = Builder {
        overlay: parse_overlay(historical),
        entities: BTreeMap::new(),
        cow_codes: HashSet::new(),
    };
    b.cow_states(cow);
    b.gw_states(gw);
    b.codelist(codelist);
    b.apply_overlay();
    let mut entities: Vec<Entity> = b.entities.into_values().collect();
    for e in &mut entities {
        if !e.designations.iter().any(|d| d.system == System::Name) {
            let name = e.fallback_name.clone().unwrap_or_else(|| e.key.clone());
            e.designations.push(Designation {
                system: System::Name,
                value: name,
                from: None,
                to: None,
            });
        }
        e.designations.sort_by(|a, b| {
            (a.system, a.from, a.to, &a.value).cmp(&(b.system, b.from, b.to, &b.value))
        });
    }
    // Order: COW states by code, then GW-only states by code, then territories by name.
    entities.sort_by_key(|e| match (e.cow, e.gw_default) {
        (Some(c), _) => (0, c, String::new()),
        (None, Some(g)) => (1, g, String::new()),
        (None, None) => (2, 0, e.key.clone()),
    });
    assign_labels(&mut entities);
    Built { entities }
}

/// Label rule: an explicit overlay label; else the current ISO3 code (held by one entity only);
/// else the COW letter code if it is no other entity's ISO3 code or label; else the latest former
/// ISO3 code if free; else the GW letter code if free; else `COW<n>` / `GW<n>`. Panics if a
/// code-less territory has no label in the overlay.
fn assign_labels(entities: &mut [Entity]) {
    let codes_of = |e: &Entity, sys: System| -> Vec<String> {
        e.designations
            .iter()
            .filter(|d| d.system == sys)
            .map(|d| d.value.clone())
            .collect()
    };
    let latest = |e: &Entity, sys: System| -> Option<String> {
        e.designations
            .iter()
            .filter(|d| d.system == sys)
            .max_by_key(|d| d.to.map_or(i64::MAX, Date::day_number))
            .map(|d| d.value.clone())
    };
    let mut iso3_holders: HashMap<String, usize> = HashMap::new();
    for e in entities.iter() {
        for c in codes_of(e, System::Iso3)
            .into_iter()
            .collect::<HashSet<_>>()
        {
            *iso3_holders.entry(c).or_default() += 1;
        }
    }
    let mut taken: HashSet<String> = entities.iter().filter_map(|e| e.label.clone()).collect();
    // Pass 1: current ISO3.
    for e in entities.iter_mut().filter(|e| e.label.is_none()) {
        let current = e
            .designations
            .iter()
            .find(|d| d.system == System::Iso3 && d.is_current());
        if let Some(code) = current.map(|d| d.value.clone())
            && taken.insert(code.clone())
        {
            e.label = Some(code);
        }
    }
    // Pass 2: COW letter, former ISO3, GW letter — each only if no other entity uses the string.
    let all_iso3: HashSet<String> = iso3_holders.keys().cloned().collect();
    for e in entities.iter_mut().filter(|e| e.label.is_none()) {
        let own_iso3: HashSet<String> = codes_of(e, System::Iso3).into_iter().collect();
        let free = |c: &String, taken: &HashSet<String>| {
            !taken.contains(c) && (own_iso3.contains(c) || !all_iso3.contains(c))
        };
        let options = [
            latest(e, System::CowAbb),
            latest(e, System::Iso3).filter(|c| iso3_holders.get(c) == Some(&1)),
            latest(e, System::GwAbb),
        ];
        let numbered = e
            .cow
            .map(|c| format!("COW{c}"))
            .or_else(|| e.gw_default.map(|g| format!("GW{g}")));
        let label = options
            .into_iter()
            .flatten()
            .find(|c| free(c, &taken))
            .or(numbered);
        let label =
            label.unwrap_or_else(|| panic!("no label for {}: add one to historical.csv", e.key));
        taken.insert(label.clone());
        e.label = Some(label);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_of_inverts_day_number() {
        for d in [
            Date::first_of(1816),
            Date::new(1990, 10, 3).unwrap(),
            Date::last_of(2016),
            Date::new(2000, 2, 29).unwrap(),
        ] {
            assert_eq!(Date::from_day_number(d.day_number()), d);
        }
    }

    #[test]
    fn overlay_parses() {
        let o = parse_overlay(HISTORICAL);
        assert!(o.merges.contains_key("gw:340"));
        assert!(o.drops.contains("row:Unknown"));
        assert_eq!(o.routes.len(), 2);
        assert!(!o.sets.is_empty());
    }
}
