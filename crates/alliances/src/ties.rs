//! Directed, valued alliance ties per year: ATOP 5.1 (bundled) or the user's COW file.
//!
//! A tie is what state `from` promised state `to` in a year, coded 0..=3 as in
//! fpsim/peacesciencer (research note §2.5). ATOP (Chiba et al. 2022 ranking, fpsim
//! `1-fpsim-alliances.R`): 3 = defense and/or offense; 2 = neutrality and/or
//! consultation without defense/offense; 1 = non-aggression only; 0 = a row with no
//! obligation at all (ATOP's asymmetric alliances). COW v4.1 (the classic
//! Signorino–Ritter and Häge coding): 3 = defense; 2 = neutrality or non-aggression;
//! 1 = entente. Binary portfolios are `level ≥ 1`.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use multipolar_data::csvsrc::{Source, Table};
use multipolar_data::{DataError, Result};

/// One directed tie: `from`'s obligation towards `to` (COW codes), level 0..=3.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tie {
    /// COW code of the state whose portfolio this is.
    pub from: u16,
    /// COW code of the partner.
    pub to: u16,
    /// Valued level 0..=3 (see the module docs).
    pub level: u8,
}

/// Which alliance data the ties come from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TieSource {
    /// ATOP v5.1 directed dyad-years (bundled).
    Atop,
    /// COW Formal Alliances v4.1, read from the user's own copy.
    Cow,
}

impl TieSource {
    /// Short description with version and citation, for output metadata.
    pub fn describe(self) -> &'static str {
        match self {
            TieSource::Atop => {
                "ATOP v5.1 directed dyad-years (Leeds et al. 2002); 3 = defense/offense, \
                 2 = neutrality/consultation, 1 = non-aggression only"
            }
            TieSource::Cow => {
                "COW Formal Alliances v4.1 (Gibler 2009), user's copy; 3 = defense, \
                 2 = neutrality/non-aggression, 1 = entente"
            }
        }
    }
}

/// What reading found that changes no value but must not pass silently.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TieReport {
    /// Data rows read.
    pub rows: usize,
    /// Dyad-years `(year, from, to)` (listed once, `from < to`) whose valued level
    /// differs between the two directions. Each state's portfolio uses its own row,
    /// as fpsim does.
    pub asymmetric: Vec<(i32, u16, u16)>,
    /// Rows that carry an alliance but no obligation (level 0).
    pub no_obligation: usize,
    /// Rows left out, with their line and why (COW source rows with year 0).
    pub skipped: Vec<(u64, String)>,
}

/// Valued ties for every year of the source.
#[derive(Clone, Debug)]
pub struct Ties {
    source: TieSource,
    years: BTreeMap<i32, Vec<Tie>>,
    report: TieReport,
}

impl Ties {
    /// The bundled ATOP v5.1 directed dyad-years.
    pub fn bundled_atop() -> Result<Ties> {
        let b = multipolar_datasets::ATOP_DDY;
        read_atop(Source::from_bytes(format!("bundled:{}", b.name), b.bytes))
    }

    /// Builds ties from already-validated parts (for tests and other sources).
    ///
    /// # Panics
    ///
    /// If a level exceeds 3 or a tie links a state to itself.
    pub fn from_parts(source: TieSource, ties: impl IntoIterator<Item = (i32, Tie)>) -> Ties {
        let mut years: BTreeMap<i32, Vec<Tie>> = BTreeMap::new();
        for (year, t) in ties {
            assert!(t.level <= 3 && t.from != t.to, "invalid tie {t:?}");
            years.entry(year).or_default().push(t);
        }
        Ties {
            source,
            years,
            report: TieReport::default(),
        }
    }

    /// Where the ties come from.
    pub fn source(&self) -> TieSource {
        self.source
    }

    /// The ties of `year` (empty if none).
    pub fn year(&self, year: i32) -> &[Tie] {
        self.years.get(&year).map_or(&[], Vec::as_slice)
    }

    /// First and last year with any tie.
    pub fn span(&self) -> Option<(i32, i32)> {
        Some((*self.years.keys().next()?, *self.years.keys().next_back()?))
    }

    /// What reading found (asymmetric obligations, skipped rows).
    pub fn report(&self) -> &TieReport {
        &self.report
    }
}

/// ATOP obligation columns, in the order `level` reads them.
const ATOP_COLS: [&str; 8] = [
    "ccode1",
    "ccode2",
    "year",
    "atop_defense",
    "atop_offense",
    "atop_neutral",
    "atop_nonagg",
    "atop_consul",
];

/// Reads an ATOP directed dyad-year file (peacesciencer's `atop_alliance` layout).
///
/// # Errors
///
/// A [`DataError`] naming file, line and field for a bad code, year or flag; a row
/// linking a state to itself; a duplicate dyad-year (naming both lines); and a
/// dyad-year present in one direction only (ATOP ddy holds both). Directions whose
/// obligations differ are legitimate in ATOP and are listed in
/// [`Ties::report`], not rejected.
pub fn read_atop(src: Source<'_>) -> Result<Ties> {
    let name = src.name.clone();
    let mut t = Table::new(src, &ATOP_COLS)?;
    let mut rows = Vec::new();
    while t.next_row()? {
        let (year, from, to) = key(&t)?;
        let mut f = [false; 5];
        for (i, slot) in f.iter_mut().enumerate() {
            *slot = flag(&t, 3 + i)?;
        }
        let [defense, offense, neutral, nonagg, consul] = f;
        let level = if defense || offense {
            3
        } else if neutral || consul {
            2
        } else {
            u8::from(nonagg)
        };
        rows.push((t.line(), year, Tie { from, to, level }));
    }
    finish(name, TieSource::Atop, rows, Vec::new())
}

/// Reads the user's COW Formal Alliances v4.1 dyad-year file.
///
/// Two layouts are recognised from the header: peacesciencer's directed file
/// (`ccode1, ccode2, year, cow_defense, cow_neutral, cow_nonagg, cow_entente`; both
/// directions, one row per dyad-year, as in the shared data) and COW's own
/// `alliance_v4.1_by_dyad_yearly.csv` (`ccode1, ccode2, year, defense, neutrality,
/// nonaggression, entente`; one row per alliance, one direction). For the latter, the
/// alliances of a dyad-year are combined (highest level) and mirrored, and rows with
/// year 0 (two known errors in the COW release) are skipped and listed in
/// [`Ties::report`].
///
/// # Errors
///
/// As [`read_atop`]; a header matching neither layout names both.
pub fn read_cow(path: &Path) -> Result<Ties> {
    let bytes = std::fs::read(path).map_err(|e| DataError::File {
        path: path.display().to_string(),
        msg: format!("cannot read ({e})"),
    })?;
    let name = path.display().to_string();
    read_cow_bytes(&name, &bytes)
}

/// [`read_cow`] on bytes (plain or gzip CSV) named `name` in errors.
pub fn read_cow_bytes(name: &str, bytes: &[u8]) -> Result<Ties> {
    const DIRECTED: [&str; 7] = [
        "ccode1",
        "ccode2",
        "year",
        "cow_defense",
        "cow_neutral",
        "cow_nonagg",
        "cow_entente",
    ];
    const ORIGINAL: [&str; 7] = [
        "ccode1",
        "ccode2",
        "year",
        "defense",
        "neutrality",
        "nonaggression",
        "entente",
    ];
    let directed = match Table::new(Source::from_bytes(name, bytes), &DIRECTED) {
        Ok(t) => Some(t),
        Err(DataError::MissingColumn { .. }) => None,
        Err(e) => return Err(e),
    };
    let original = directed.is_none();
    let mut t = match directed {
        Some(t) => t,
        None => Table::new(Source::from_bytes(name, bytes), &ORIGINAL).map_err(|e| match e {
            DataError::MissingColumn { path, found, .. } => DataError::File {
                path,
                msg: format!(
                    "not a COW alliance dyad-year file: expected the columns {} \
                     (peacesciencer) or {} (COW's alliance_v4.1_by_dyad_yearly.csv); \
                     the header has: {found}",
                    DIRECTED.join(", "),
                    ORIGINAL.join(", ")
                ),
            },
            e => e,
        })?,
    };
    let mut rows = Vec::new();
    let mut skipped = Vec::new();
    let mut combined: HashMap<(i32, u16, u16), (u64, u8)> = HashMap::new();
    while t.next_row()? {
        if original && t.get(2).trim() == "0" {
            skipped.push((t.line(), "year 0 (an error in the COW release)".to_string()));
            continue;
        }
        let (year, from, to) = key(&t)?;
        let [defense, neutral, nonagg, entente] =
            [flag(&t, 3)?, flag(&t, 4)?, flag(&t, 5)?, flag(&t, 6)?];
        let level = if defense {
            3
        } else if neutral || nonagg {
            2
        } else {
            u8::from(entente)
        };
        if original {
            // One row per alliance: several alliances of a dyad-year are one tie at the
            // highest level, in both directions.
            for k in [(year, from, to), (year, to, from)] {
                let e = combined.entry(k).or_insert((t.line(), 0));
                e.1 = e.1.max(level);
            }
        } else {
            rows.push((t.line(), year, Tie { from, to, level }));
        }
    }
    if original {
        rows = combined
            .into_iter()
            .map(|((year, from, to), (line, level))| (line, year, Tie { from, to, level }))
            .collect();
        rows.sort_by_key(|&(line, year, t)| (line, year, t.from, t.to));
    }
    finish(name.to_string(), TieSource::Cow, rows, skipped)
}

/// Reads `ccode1, ccode2, year` (required columns 0, 1, 2).
fn key(t: &Table<'_>) -> Result<(i32, u16, u16)> {
    let from: u16 = t.int(0)?;
    let to: u16 = t.int(1)?;
    let year: i32 = t.int(2)?;
    if !(1800..=2100).contains(&year) {
        return Err(t.field_error(2, format!("expected a year 1800–2100, found {year}")));
    }
    if from == to {
        return Err(t.row_error(format!(
            "ccode1 and ccode2 are both {from}: a state cannot ally with itself \
             (self-ties are added by the measures)"
        )));
    }
    Ok((year, from, to))
}

/// A required 0/1 flag (empty is an error: absence of an obligation is 0).
fn flag(t: &Table<'_>, i: usize) -> Result<bool> {
    t.flag(i)?
        .ok_or_else(|| t.field_error(i, "expected 0 or 1, found an empty field"))
}

/// Checks duplicates and mirrors, fills the report, groups by year.
fn finish(
    name: String,
    source: TieSource,
    rows: Vec<(u64, i32, Tie)>,
    skipped: Vec<(u64, String)>,
) -> Result<Ties> {
    let mut seen: HashMap<(i32, u16, u16), (u64, u8)> = HashMap::with_capacity(rows.len());
    for &(line, year, tie) in &rows {
        if let Some((first, _)) = seen.insert((year, tie.from, tie.to), (line, tie.level)) {
            return Err(DataError::Row {
                path: name,
                line,
                msg: format!(
                    "duplicate dyad-year: ccode1 {}, ccode2 {}, year {year} is also on line {first}",
                    tie.from, tie.to
                ),
            });
        }
    }
    let mut report = TieReport {
        rows: rows.len(),
        skipped,
        ..TieReport::default()
    };
    let mut years: BTreeMap<i32, Vec<Tie>> = BTreeMap::new();
    for &(line, year, tie) in &rows {
        let Some(&(_, back)) = seen.get(&(year, tie.to, tie.from)) else {
            return Err(DataError::Row {
                path: name,
                line,
                msg: format!(
                    "ccode1 {}, ccode2 {}, year {year} has no row in the other direction \
                     (ccode1 {}, ccode2 {}): a directed dyad-year file must hold both",
                    tie.from, tie.to, tie.to, tie.from
                ),
            });
        };
        if back != tie.level && tie.from < tie.to {
            report.asymmetric.push((year, tie.from, tie.to));
        }
        if tie.level == 0 {
            report.no_obligation += 1;
        }
        years.entry(year).or_default().push(tie);
    }
    report.asymmetric.sort_unstable();
    Ok(Ties {
        source,
        years,
        report,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str =
        "ccode1,ccode2,year,atop_defense,atop_offense,atop_neutral,atop_nonagg,atop_consul\n";

    fn atop(body: &str) -> Result<Ties> {
        let s = format!("{HEADER}{body}");
        read_atop(Source::from_bytes("t.csv", s.as_bytes()))
    }

    #[test]
    fn atop_levels_follow_chiba_et_al() {
        let t = atop(
            "2,20,1950,0,1,0,1,1\n20,2,1950,0,1,0,1,1\n\
             2,200,1950,0,0,0,1,1\n200,2,1950,0,0,1,0,0\n\
             2,365,1950,0,0,0,1,0\n365,2,1950,0,0,0,0,0\n",
        )
        .unwrap();
        let lv: Vec<u8> = t.year(1950).iter().map(|t| t.level).collect();
        assert_eq!(lv, [3, 3, 2, 2, 1, 0]);
        // 2–365 differs by direction; 2–200 does not (both 2).
        assert_eq!(t.report().asymmetric, [(1950, 2, 365)]);
        assert_eq!(t.report().no_obligation, 1);
    }

    #[test]
    fn missing_mirror_is_an_error_naming_the_line() {
        let e = atop("2,20,1950,1,0,0,0,0\n20,2,1950,1,0,0,0,0\n2,200,1951,1,0,0,0,0\n")
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("t.csv:4: ccode1 2, ccode2 200, year 1951 has no row"),
            "{e}"
        );
    }

    #[test]
    fn duplicate_dyad_year_is_an_error() {
        let e = atop("2,20,1950,1,0,0,0,0\n2,20,1950,0,0,0,1,0\n")
            .unwrap_err()
            .to_string();
        assert_eq!(
            e,
            "t.csv:3: duplicate dyad-year: ccode1 2, ccode2 20, year 1950 is also on line 2"
        );
    }

    #[test]
    fn bad_flag_names_the_field() {
        let e = atop("2,20,1950,1,0,7,0,0\n").unwrap_err().to_string();
        assert_eq!(
            e,
            "t.csv:2: field \"atop_neutral\": expected 0, 1 or empty, found \"7\""
        );
        let e = atop("2,20,1950,1,0,,0,0\n").unwrap_err().to_string();
        assert!(e.contains("field \"atop_neutral\": expected 0 or 1, found an empty"));
    }

    #[test]
    fn self_tie_rows_are_rejected() {
        let e = atop("2,2,1950,1,0,0,0,0\n").unwrap_err().to_string();
        assert!(e.contains("cannot ally with itself"), "{e}");
    }

    #[test]
    fn cow_original_layout_is_combined_and_mirrored() {
        // Two alliances link 2 and 20 in 1950 (an entente and a defense pact); one row
        // has the COW release's year-0 error.
        let csv = "version4id,ccode1,ccode2,year,defense,neutrality,nonaggression,entente\n\
                   1,2,20,1950,0,0,0,1\n\
                   2,2,20,1950,1,0,1,1\n\
                   3,651,666,0,0,0,1,0\n\
                   4,200,220,1950,0,1,0,0\n";
        let t = read_cow_bytes("cow.csv", csv.as_bytes()).unwrap();
        let mut got: Vec<_> = t
            .year(1950)
            .iter()
            .map(|t| (t.from, t.to, t.level))
            .collect();
        got.sort_unstable();
        assert_eq!(got, [(2, 20, 3), (20, 2, 3), (200, 220, 2), (220, 200, 2)]);
        assert_eq!(
            t.report().skipped,
            [(4, "year 0 (an error in the COW release)".into())]
        );
        assert_eq!(t.source(), TieSource::Cow);
    }

    #[test]
    fn cow_unknown_layout_names_both() {
        let e = read_cow_bytes("x.csv", b"a,b\n1,2\n")
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("x.csv: not a COW alliance dyad-year file"),
            "{e}"
        );
        assert!(
            e.contains("cow_defense") && e.contains("nonaggression"),
            "{e}"
        );
    }
}
