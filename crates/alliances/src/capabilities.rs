//! Material capabilities (COW NMC v7 CINC), COW major powers, and system polarity.
//!
//! CINC weights the capability-weighted S (each third state k counts with its CINC)
//! and, renormalised over the major powers, gives Ray & Singer's (1973) concentration
//! CON and the effective number of poles (research note §5.2).

use std::collections::HashMap;

use multipolar_countries::Date;
use multipolar_data::csvsrc::{Source, Table};
use multipolar_data::{DataError, Result};

/// CINC per state-year; missing where NMC has no estimate.
#[derive(Clone, Debug, Default)]
pub struct Capabilities {
    cinc: HashMap<(u16, i32), f64>,
}

impl Capabilities {
    /// The bundled COW NMC v7.0 (1816–2022).
    pub fn bundled() -> Result<Capabilities> {
        let b = multipolar_datasets::COW_NMC;
        read_nmc(Source::from_bytes(format!("bundled:{}", b.name), b.bytes))
    }

    /// From `(ccode, year, cinc)` triples (for tests and other sources).
    ///
    /// # Panics
    ///
    /// If a CINC is not a finite number in [0, 1].
    pub fn from_parts(v: impl IntoIterator<Item = (u16, i32, f64)>) -> Capabilities {
        let cinc = v
            .into_iter()
            .map(|(c, y, x)| {
                assert!(
                    (0.0..=1.0).contains(&x),
                    "CINC must be in [0, 1], found {x}"
                );
                ((c, y), x)
            })
            .collect();
        Capabilities { cinc }
    }

    /// CINC of state `ccode` in `year`, `None` where unknown.
    pub fn cinc(&self, ccode: u16, year: i32) -> Option<f64> {
        self.cinc.get(&(ccode, year)).copied()
    }
}

/// Reads a NMC state-year file (`ccode, year, cinc`; other columns ignored).
///
/// # Errors
///
/// A [`DataError`] with file, line and field for a bad code or year, a CINC outside
/// [0, 1] (COW's `-9` must already be empty), or a duplicate state-year.
pub fn read_nmc(src: Source<'_>) -> Result<Capabilities> {
    let mut t = Table::new(src, &["ccode", "year", "cinc"])?;
    let mut cinc = HashMap::new();
    let mut lines: HashMap<(u16, i32), u64> = HashMap::new();
    while t.next_row()? {
        let ccode: u16 = t.int(0)?;
        let year: i32 = t.int(1)?;
        if let Some(first) = lines.insert((ccode, year), t.line()) {
            return Err(t.row_error(format!(
                "duplicate state-year: ccode {ccode}, year {year} is also on line {first}"
            )));
        }
        let v = t.get(2).trim();
        if v.is_empty() {
            continue;
        }
        let x: f64 = v
            .parse()
            .ok()
            .filter(|x: &f64| (0.0..=1.0).contains(x))
            .ok_or_else(|| {
                t.field_error(
                    2,
                    format!("expected a share in [0, 1] or empty, found \"{v}\""),
                )
            })?;
        cinc.insert((ccode, year), x);
    }
    Ok(Capabilities { cinc })
}

/// COW major-power spells.
#[derive(Clone, Debug, Default)]
pub struct Majors {
    spells: Vec<(u16, Date, Option<Date>)>,
}

impl Majors {
    /// The bundled COW major powers v2016.
    pub fn bundled() -> Result<Majors> {
        let b = multipolar_datasets::COW_MAJORS;
        read_majors(Source::from_bytes(format!("bundled:{}", b.name), b.bytes))
    }

    /// Major powers in `year`, ascending COW code: every state that was one on at least
    /// one day of the year (peacesciencer's state-year convention). A spell ending
    /// 2016-12-31, the end of the data, is open: those states stay majors after 2016.
    pub fn in_year(&self, year: i32) -> Vec<u16> {
        let (first, last) = (Date::first_of(year), Date::last_of(year));
        let mut v: Vec<u16> = self
            .spells
            .iter()
            .filter(|(_, s, e)| *s <= last && e.is_none_or(|e| e >= first))
            .map(|&(c, _, _)| c)
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    }
}

/// Reads COW major-power spells (`ccode, styear, stmonth, stday, endyear, endmonth,
/// endday`).
///
/// # Errors
///
/// A [`DataError`] with file, line and field for a bad code or date, or an end
/// before the start.
pub fn read_majors(src: Source<'_>) -> Result<Majors> {
    const COLS: [&str; 7] = [
        "ccode", "styear", "stmonth", "stday", "endyear", "endmonth", "endday",
    ];
    let mut t = Table::new(src, &COLS)?;
    let mut spells = Vec::new();
    let date = |t: &Table<'_>, i: usize| -> Result<Date> {
        let (y, m, d): (i32, u8, u8) = (t.int(i)?, t.int(i + 1)?, t.int(i + 2)?);
        Date::new(y, m, d).ok_or_else(|| t.field_error(i, format!("no such date {y}-{m}-{d}")))
    };
    while t.next_row()? {
        let ccode: u16 = t.int(0)?;
        let start = date(&t, 1)?;
        let end = date(&t, 4)?;
        if end < start {
            return Err(t.row_error(format!("spell ends ({end}) before it starts ({start})")));
        }
        spells.push((ccode, start, (end != Date::last_of(2016)).then_some(end)));
    }
    Ok(Majors { spells })
}

/// Ray & Singer's (1973) concentration of capability shares:
/// `CON = sqrt((Σ s_i² − 1/N) / (1 − 1/N))` with `s_i = x_i / Σ x` over the N
/// states given (for polarity: the major powers' CINC). 0 = equal shares, 1 = one
/// state holds everything.
///
/// `None` if N < 2, a value is negative or not finite, or Σ x = 0.
pub fn con(x: &[f64]) -> Option<f64> {
    let n = x.len() as f64;
    if x.len() < 2 {
        return None;
    }
    let h = herfindahl(x)?;
    // Rounding can leave Σ s² a hair below 1/N for equal shares.
    Some(((h - 1.0 / n) / (1.0 - 1.0 / n)).max(0.0).sqrt())
}

/// Effective number of poles `1 / Σ s_i²` (Laakso–Taagepera) over the shares
/// `s_i = x_i / Σ x`: N for equal shares, 1 for a single holder.
///
/// `None` if `x` is empty, a value is negative or not finite, or Σ x = 0.
pub fn effective_poles(x: &[f64]) -> Option<f64> {
    herfindahl(x).map(|h| 1.0 / h)
}

fn herfindahl(x: &[f64]) -> Option<f64> {
    if x.iter().any(|v| !(v.is_finite() && *v >= 0.0)) {
        return None;
    }
    let total: f64 = x.iter().sum();
    (total > 0.0).then(|| x.iter().map(|v| (v / total).powi(2)).sum())
}

/// Polarity of the system in one year, over the COW major powers' CINC.
#[derive(Clone, Debug, PartialEq)]
pub struct Polarity {
    /// Year.
    pub year: i32,
    /// Major powers (COW codes, ascending) and their CINC.
    pub majors: Vec<(u16, f64)>,
    /// Ray & Singer CON over the majors' renormalised CINC ([`con`]).
    pub con: Option<f64>,
    /// Effective number of poles ([`effective_poles`]).
    pub poles: Option<f64>,
}

impl Polarity {
    /// Polarity in `year`.
    ///
    /// # Errors
    ///
    /// [`DataError::Store`] naming the major powers that have no CINC that year
    /// (never silently dropped: it would change every share).
    pub fn for_year(year: i32, majors: &Majors, caps: &Capabilities) -> Result<Polarity> {
        let codes = majors.in_year(year);
        let missing: Vec<String> = codes
            .iter()
            .filter(|&&c| caps.cinc(c, year).is_none())
            .map(u16::to_string)
            .collect();
        if !missing.is_empty() {
            return Err(DataError::Store(format!(
                "no CINC in {year} for major power(s) {}",
                missing.join(", ")
            )));
        }
        let majors: Vec<(u16, f64)> = codes
            .into_iter()
            .filter_map(|c| Some((c, caps.cinc(c, year)?)))
            .collect();
        let x: Vec<f64> = majors.iter().map(|m| m.1).collect();
        Ok(Polarity {
            year,
            con: con(&x),
            poles: effective_poles(&x),
            majors,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn con_by_hand() {
        // Equal shares: Σs² = 1/N, CON = 0, N poles.
        assert_eq!(con(&[0.1, 0.1, 0.1, 0.1]), Some(0.0));
        assert!((effective_poles(&[0.1, 0.1, 0.1, 0.1]).unwrap() - 4.0).abs() < 1e-12);
        // Shares 0.5, 0.3, 0.2 (any scale): Σs² = 0.25 + 0.09 + 0.04 = 0.38;
        // CON = sqrt((0.38 − 1/3)/(2/3)) = sqrt(0.07) = 0.264575; poles = 1/0.38.
        let x = [0.05, 0.03, 0.02];
        assert!((con(&x).unwrap() - 0.07f64.sqrt()).abs() < 1e-12);
        assert!((effective_poles(&x).unwrap() - 1.0 / 0.38).abs() < 1e-12);
        // One holder: CON = 1, one pole.
        assert!((con(&[0.0, 0.2]).unwrap() - 1.0).abs() < 1e-12);
        assert_eq!(con(&[0.2]), None);
        assert_eq!(con(&[0.0, 0.0]), None);
        assert_eq!(effective_poles(&[]), None);
        assert_eq!(effective_poles(&[-0.1, 0.2]), None);
    }

    #[test]
    fn nmc_errors_name_line_and_field() {
        let bad = "ccode,year,cinc\n2,1816,0.04\n2,1817,1.5\n";
        let e = read_nmc(Source::from_bytes("n.csv", bad.as_bytes())).unwrap_err();
        assert_eq!(
            e.to_string(),
            "n.csv:3: field \"cinc\": expected a share in [0, 1] or empty, found \"1.5\""
        );
        let dup = "ccode,year,cinc\n2,1816,0.04\n2,1816,\n";
        let e = read_nmc(Source::from_bytes("n.csv", dup.as_bytes())).unwrap_err();
        assert_eq!(
            e.to_string(),
            "n.csv:3: duplicate state-year: ccode 2, year 1816 is also on line 2"
        );
        let ok = "ccode,year,cinc\n2,1816,\n";
        let c = read_nmc(Source::from_bytes("n.csv", ok.as_bytes())).unwrap();
        assert_eq!(c.cinc(2, 1816), None);
    }

    #[test]
    fn bundled_majors_by_year() {
        let m = Majors::bundled().unwrap();
        // COW majors: 1816 UK, France, Prussia, Austria, Russia; 1946 US, UK, France,
        // USSR, China (from 1950); 2018 the 2016 list, still open.
        assert_eq!(m.in_year(1816), [200, 220, 255, 300, 365]);
        assert_eq!(m.in_year(1946), [2, 200, 220, 365]);
        assert_eq!(m.in_year(2018), [2, 200, 220, 255, 365, 710, 740]);
        // Italy was a major until 1943-09-02, so on some day of 1943.
        assert!(m.in_year(1943).contains(&325));
        assert!(!m.in_year(1944).contains(&325));
    }

    #[test]
    fn bundled_polarity_1816() {
        // NMC v7 CINC 1816: UK 0.33661938, France 0.11728597, Prussia 0.052219804,
        // Austria 0.086052172, Russia 0.16430406; Σ = 0.756481386. Renormalised,
        // Σs² = 0.286924023, so CON = sqrt((0.286924023 − 1/5)/(4/5)) = 0.329629 and
        // 1/Σs² = 3.485243 poles.
        let p = Polarity::for_year(
            1816,
            &Majors::bundled().unwrap(),
            &Capabilities::bundled().unwrap(),
        )
        .unwrap();
        assert_eq!(
            p.majors.iter().map(|m| m.0).collect::<Vec<_>>(),
            [200, 220, 255, 300, 365]
        );
        assert!((p.con.unwrap() - 0.329629).abs() < 1e-6);
        assert!((p.poles.unwrap() - 3.485243).abs() < 1e-6);
    }

    #[test]
    fn polarity_reports_a_major_without_cinc() {
        let caps = Capabilities::from_parts([(200, 1816, 0.3)]);
        let e = Polarity::for_year(1816, &Majors::bundled().unwrap(), &caps).unwrap_err();
        assert_eq!(
            e.to_string(),
            "no CINC in 1816 for major power(s) 220, 255, 300, 365"
        );
    }
}
