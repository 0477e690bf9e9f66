//! Geography of a dyad: COW direct contiguity v3.2 and CShapes 2.0 minimum distance.
//!
//! Contiguity comes as directed spells (`ccode1, ccode2, conttype, stdate, enddate`,
//! month precision, 1816–2016). A dyad-year gets the closest type recorded in any month
//! of the year, as peacesciencer's `add_contiguity` did before 1.0 (`min(conttype)` over
//! the year's spells): a border that changes in June shows its closer form for that
//! year. 0 means no contiguity recorded. peacesciencer's own type-0 spells are read and
//! validated but carry no type: they run from the first to the last non-contiguous month
//! of a dyad and can overlap real contiguity (Germany–Hungary 0 1918–2016 against land
//! 1938–1945), so taking them as a type would erase borders.
//!
//! Minimum distance (CShapes 2.0, Schvitz et al. 2022) is the least distance in km
//! between the two states' territories on 1 January, per non-directed dyad-year. It is
//! not bundled (6.6 MB); [`read_mindist`] reads the user's copy. The two sources differ
//! in timing and detail: CShapes measures on 1 January, so Alaska's statehood (January
//! 1959) brings the USA from 3,243 to 80 km of Russia in 1960, while COW codes the
//! Bering Strait as type 2 (≤ 12 miles, between the Diomede islands) from 1959.

use std::collections::{HashMap, HashSet};

use multipolar_countries::Date;
use multipolar_data::csvsrc::{Source, Table};
use multipolar_data::{DataError, Result};
use multipolar_datasets as ds;

use crate::cow::{amount, bundled, dyad_key};

/// What each contiguity type means (index = `conttype`), after Stinnett et al. (2002).
pub const CONTIGUITY_TYPES: [&str; 6] = [
    "none recorded",
    "land border (or a river)",
    "separated by at most 12 miles of water",
    "separated by 13–24 miles of water",
    "separated by 25–150 miles of water",
    "separated by 151–400 miles of water",
];

/// A contiguity spell by years: first year, last year, type 1–5.
type YearSpell = (i32, i32, u8);

/// COW direct contiguity: the typed spells of every dyad, in both directions.
#[derive(Debug, Clone)]
pub struct Contiguity {
    /// Directed dyad → its typed spells.
    spells: HashMap<(u16, u16), Vec<YearSpell>>,
    span: (i32, i32),
}

impl Contiguity {
    /// The bundled COW direct contiguity v3.2.
    pub fn bundled() -> Result<Contiguity> {
        read_contiguity(bundled(ds::COW_CONTIGUITY))
    }

    /// First and last year covered by the spells (1816–2016 for v3.2).
    pub fn span(&self) -> (i32, i32) {
        self.span
    }

    /// Contiguity type of `a` and `b` in `year`: the closest (lowest) type 1–5 of any
    /// spell touching the year, 0 if none; `None` outside [`span`](Self::span), where
    /// the data say nothing. The same in both directions (the reader checks every spell
    /// has its mirror).
    pub fn conttype(&self, a: u16, b: u16, year: i32) -> Option<u8> {
        if year < self.span.0 || year > self.span.1 {
            return None;
        }
        let closest = self.spells.get(&(a, b)).and_then(|v| {
            v.iter()
                .filter(|s| s.0 <= year && year <= s.1)
                .map(|s| s.2)
                .min()
        });
        Some(closest.unwrap_or(0))
    }
}

/// Reads directed contiguity spells (`ccode1, ccode2, conttype, stdate, enddate`).
///
/// # Errors
///
/// A [`DataError`] with file, line and field for a bad code, a type outside 0–5, a bad
/// date, a spell ending before it starts, a state bordering itself, a repeated spell,
/// or a spell without its mirror (the other direction with the same type and dates:
/// a directed file that lists one direction only would make contiguity depend on the
/// order of the pair).
pub fn read_contiguity(src: Source) -> Result<Contiguity> {
    let path = src.name.clone();
    let mut t = Table::new(src, &["ccode1", "ccode2", "conttype", "stdate", "enddate"])?;
    let mut lines: HashMap<(u16, u16, u8, Date, Date), u64> = HashMap::new();
    while t.next_row()? {
        let (a, b): (u16, u16) = (t.int(0)?, t.int(1)?);
        if a == b {
            return Err(t.row_error(format!("state {a} cannot be contiguous with itself")));
        }
        let v = t.get(2).trim();
        let kind: u8 = v
            .parse()
            .ok()
            .filter(|k| *k <= 5)
            .ok_or_else(|| t.field_error(2, format!("expected a type 0–5, found \"{v}\"")))?;
        let (start, end) = (t.date(3)?, t.date(4)?);
        if end < start {
            return Err(t.row_error(format!("spell ends ({end}) before it starts ({start})")));
        }
        if let Some(first) = lines.insert((a, b, kind, start, end), t.line()) {
            return Err(t.row_error(format!(
                "duplicate spell {a}→{b} type {kind} from {start}, also on line {first}"
            )));
        }
    }
    let unmatched = lines
        .iter()
        .filter(|&(&(a, b, k, s, e), _)| !lines.contains_key(&(b, a, k, s, e)))
        .min_by_key(|x| x.1);
    if let Some((&(a, b, k, s, e), &line)) = unmatched {
        return Err(DataError::Row {
            path,
            line,
            msg: format!(
                "spell {a}→{b} type {k} {s}–{e} has no mirror {b}→{a}: a directed file lists \
                 both directions"
            ),
        });
    }
    let span = (
        lines.keys().map(|k| k.3.year).min(),
        lines.keys().map(|k| k.4.year).max(),
    );
    let (Some(first), Some(last)) = span else {
        return Err(DataError::File {
            path,
            msg: "no contiguity spells".into(),
        });
    };
    let mut spells: HashMap<(u16, u16), Vec<YearSpell>> = HashMap::new();
    for &(a, b, k, s, e) in lines.keys().filter(|k| k.2 > 0) {
        spells.entry((a, b)).or_default().push((s.year, e.year, k));
    }
    Ok(Contiguity {
        spells,
        span: (first, last),
    })
}

/// Minimum distances per non-directed dyad-year (CShapes 2.0), in km.
#[derive(Debug, Clone, Default)]
pub struct MinDist {
    km: HashMap<(u16, u16, i32), f64>,
}

impl MinDist {
    /// Minimum distance between `a` and `b` in `year` (either order); `None` where the
    /// file has no row (CShapes starts in 1886 and follows its own state list).
    pub fn km(&self, a: u16, b: u16, year: i32) -> Option<f64> {
        self.km.get(&(a.min(b), a.max(b), year)).copied()
    }

    /// Number of dyad-years.
    pub fn len(&self) -> usize {
        self.km.len()
    }

    /// Whether the file had no rows.
    pub fn is_empty(&self) -> bool {
        self.km.is_empty()
    }
}

/// Reads minimum distances (`ccode1, ccode2, year, mindist`; non-directed,
/// `ccode1 < ccode2`, as peacesciencer's `cow_mindist`).
///
/// # Errors
///
/// A [`DataError`] with file, line and field for a bad code or year, codes out of
/// order, a duplicate dyad-year, or a distance that is missing, negative or not a
/// number.
pub fn read_mindist(src: Source) -> Result<MinDist> {
    let mut t = Table::new(src, &["ccode1", "ccode2", "year", "mindist"])?;
    let mut seen = HashSet::new();
    let mut km = HashMap::new();
    while t.next_row()? {
        let key = dyad_key(&t, &mut seen)?;
        let d = amount(&t, 3)?.ok_or_else(|| t.field_error(3, "missing distance"))?;
        km.insert(key, d);
    }
    Ok(MinDist { km })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contiguity(text: &str) -> Result<Contiguity> {
        read_contiguity(Source::from_bytes("c.csv", text.as_bytes()))
    }

    const HEADER: &str = "ccode1,ccode2,conttype,stdate,enddate\n";

    #[test]
    fn closest_type_of_the_year_and_zero_spells_ignored() {
        // 2–20: type 4 until June 1950, land from July 1950: 1950 is land (the
        // closer), 1949 is 4. A type-0 envelope over 1900–2000 changes nothing.
        let text = format!(
            "{HEADER}2,20,4,1900-01-01,1950-06-01\n20,2,4,1900-01-01,1950-06-01\n\
             2,20,1,1950-07-01,2000-12-01\n20,2,1,1950-07-01,2000-12-01\n\
             2,20,0,1900-01-01,2000-12-01\n20,2,0,1900-01-01,2000-12-01\n"
        );
        let c = contiguity(&text).unwrap();
        assert_eq!(c.span(), (1900, 2000));
        assert_eq!(c.conttype(2, 20, 1949), Some(4));
        assert_eq!(c.conttype(2, 20, 1950), Some(1));
        assert_eq!(c.conttype(20, 2, 1950), Some(1));
        assert_eq!(c.conttype(2, 20, 2000), Some(1));
        assert_eq!(c.conttype(2, 200, 1950), Some(0));
        assert_eq!(c.conttype(2, 20, 2001), None);
        assert_eq!(c.conttype(2, 20, 1899), None);
    }

    #[test]
    fn bad_spells_name_file_line_and_field() {
        let cases = [
            (
                "2,20,6,1900-01-01,1950-06-01\n",
                "c.csv:2: field \"conttype\": expected a type 0–5, found \"6\"",
            ),
            (
                "2,2,1,1900-01-01,1950-06-01\n",
                "c.csv:2: state 2 cannot be contiguous with itself",
            ),
            (
                "2,20,1,1900-01-01,1850-06-01\n",
                "c.csv:2: spell ends (1850-06-01) before it starts (1900-01-01)",
            ),
            (
                "2,20,1,1900-13-01,1950-06-01\n",
                "c.csv:2: field \"stdate\": expected a date YYYY-MM-DD, found \"1900-13-01\"",
            ),
            (
                "2,20,1,1900-01-01,1950-06-01\n20,2,1,1900-01-01,1950-06-01\n\
                 2,20,1,1900-01-01,1950-06-01\n",
                "c.csv:4: duplicate spell 2→20 type 1 from 1900-01-01, also on line 2",
            ),
            (
                "2,20,1,1900-01-01,1950-06-01\n20,2,2,1900-01-01,1950-06-01\n",
                "c.csv:2: spell 2→20 type 1 1900-01-01–1950-06-01 has no mirror 20→2: \
                 a directed file lists both directions",
            ),
        ];
        for (rows, want) in cases {
            let e = contiguity(&format!("{HEADER}{rows}")).unwrap_err();
            assert_eq!(e.to_string(), want);
        }
        assert_eq!(
            contiguity(HEADER).unwrap_err().to_string(),
            "c.csv: no contiguity spells"
        );
    }

    #[test]
    fn mindist_symmetric_lookup_and_bad_rows() {
        let m = read_mindist(Source::from_bytes(
            "m.csv",
            "ccode1,ccode2,year,mindist\n2,20,1950,0.0\n2,365,1950,3243.442\n".as_bytes(),
        ))
        .unwrap();
        assert_eq!(m.len(), 2);
        assert_eq!(m.km(365, 2, 1950), Some(3243.442));
        assert_eq!(m.km(2, 365, 1950), Some(3243.442));
        assert_eq!(m.km(2, 365, 1951), None);
        for (row, want) in [
            (
                "2,20,1950,-1\n",
                "m.csv:2: field \"mindist\": negative value \"-1\"",
            ),
            (
                "2,20,1950,\n",
                "m.csv:2: field \"mindist\": missing distance",
            ),
            (
                "20,2,1950,5\n",
                "m.csv:2: expected ccode1 < ccode2 in a non-directed table, found 20 and 2",
            ),
            (
                "2,20,1950,5\n2,20,1950,6\n",
                "m.csv:3: duplicate dyad-year 2–20 1950",
            ),
            ("2,20,,5\n", "m.csv:2: field \"year\": missing year"),
        ] {
            let text = format!("ccode1,ccode2,year,mindist\n{row}");
            let e = read_mindist(Source::from_bytes("m.csv", text.as_bytes())).unwrap_err();
            assert_eq!(e.to_string(), want);
        }
    }
}
