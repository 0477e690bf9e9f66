//! What every command shares: the data directory, selections, output.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use multipolar_align::{DyadPeriod, PeriodUnit, Selection};
use multipolar_countries::{CountryId, Registry};
use multipolar_data::{Issue, VoteTable, store::Store};
use multipolar_output::{Column, Format, Frame};

use crate::args::{By, FormatArg, OutArgs, SelectArgs};

/// The data directory: `--data-dir`, `$MULTIPOLAR_DATA`, or the platform default.
pub fn store(data_dir: &Option<PathBuf>) -> Result<Store> {
    let dir = data_dir.clone().unwrap_or_else(Store::default_dir);
    Ok(Store::open(&dir)?)
}

/// The UN votes: bundled, merged with any import in the data directory.
pub fn votes(data_dir: &Option<PathBuf>) -> Result<VoteTable> {
    Ok(store(data_dir)?.votes()?)
}

/// Checks the selection flags and turns them into a [`Selection`].
pub fn selection(a: &SelectArgs) -> Result<Selection> {
    if let (Some(f), Some(t)) = (a.from, a.to)
        && f > t
    {
        bail!("--from {f} is after --to {t}");
    }
    let issues = if a.issue.is_empty() {
        None
    } else {
        let mut set = multipolar_data::IssueSet::default();
        for s in &a.issue {
            let i = Issue::parse(s).with_context(|| {
                format!(
                    "unknown issue \"{s}\"; expected one of: {}",
                    Issue::ALL
                        .map(|i| format!("{} ({})", i.code(), i.description()))
                        .join(", ")
                )
            })?;
            set.insert(i);
        }
        Some(set)
    };
    Ok(Selection {
        unit: match a.by {
            By::Session => PeriodUnit::Session,
            By::Year => PeriodUnit::Year,
        },
        from: a.from,
        to: a.to,
        issues,
        important_only: a.important,
        amendments: !a.no_amendments,
        unanimous: !a.no_unanimous,
    })
}

/// Resolves a user's country argument; the year makes historical codes exact.
pub fn country(query: &str, year: Option<i32>) -> Result<CountryId> {
    Ok(Registry::global().resolve(query, year)?)
}

/// `LABEL` of a country (MAR, USA, GFR…).
pub fn label(c: CountryId) -> String {
    Registry::global().get(c).label().to_string()
}

/// COW code, or -1 for entities outside the COW system.
pub fn ccode(c: CountryId) -> i64 {
    Registry::global().get(c).cow().map_or(-1, i64::from)
}

/// The identifying columns of dyad rows: period (with `year` for sessions, unless
/// pooled), both states' labels and COW codes, and the joint votes `n`.
pub fn push_dyad_columns(f: &mut Frame, rows: &[DyadPeriod], unit: PeriodUnit, pooled: bool) {
    if !pooled {
        f.push(Column::ints(
            unit.as_str(),
            rows.iter().map(|r| i64::from(r.period)).collect(),
        ));
        if unit == PeriodUnit::Session {
            f.push(Column::ints(
                "year",
                rows.iter()
                    .map(|r| i64::from(unit.year_of(r.period)))
                    .collect(),
            ));
        }
    }
    f.push(Column::strs(
        "country1",
        rows.iter().map(|r| label(r.a)).collect(),
    ));
    f.push(Column::strs(
        "country2",
        rows.iter().map(|r| label(r.b)).collect(),
    ));
    f.push(Column::ints(
        "ccode1",
        rows.iter().map(|r| ccode(r.a)).collect(),
    ));
    f.push(Column::ints(
        "ccode2",
        rows.iter().map(|r| ccode(r.b)).collect(),
    ));
    f.push(
        Column::ints("n", rows.iter().map(|r| i64::from(r.n())).collect())
            .describe("joint votes (both states voted yes, abstain or no)"),
    );
}

/// The key columns of a full dyad-year export: `year`, `ccode1`, `ccode2`.
pub fn push_dyad_year_keys<T>(f: &mut Frame, rows: &[T], key: impl Fn(&T) -> (i64, i64, i64)) {
    let keys: Vec<(i64, i64, i64)> = rows.iter().map(key).collect();
    f.push(Column::ints("year", keys.iter().map(|k| k.0).collect()));
    f.push(Column::ints("ccode1", keys.iter().map(|k| k.1).collect()));
    f.push(Column::ints("ccode2", keys.iter().map(|k| k.2).collect()));
}

/// Writes a frame to `--out` (atomically: a temporary file renamed into place) or
/// to stdout.
pub fn emit(frame: &Frame, out: &OutArgs) -> Result<()> {
    write_frame(frame, format(out.format), out.out.as_deref())
}

/// The output crate's format for a flag value.
pub fn format(f: FormatArg) -> Format {
    match f {
        FormatArg::Table => Format::Table,
        FormatArg::Csv => Format::Csv,
        FormatArg::Json => Format::Json,
        FormatArg::Parquet => Format::Parquet,
    }
}

/// Writes `frame` to `path` (atomically) or stdout.
pub fn write_frame(frame: &Frame, format: Format, path: Option<&Path>) -> Result<()> {
    match path {
        Some(p) => {
            let dir = p
                .parent()
                .filter(|d| !d.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            let mut tmp = tempfile::NamedTempFile::new_in(dir)
                .with_context(|| format!("cannot create a file in {}", dir.display()))?;
            frame.write(format, tmp.as_file_mut())?;
            tmp.as_file_mut().flush()?;
            tmp.persist(p)
                .with_context(|| format!("cannot write {}", p.display()))?;
            Ok(())
        }
        None => {
            let stdout = std::io::stdout();
            if format.is_binary() && stdout.is_terminal() {
                bail!("refusing to write Parquet to a terminal; use --out FILE or a pipe");
            }
            let mut lock = std::io::BufWriter::new(stdout.lock());
            if let Err(e) = frame.write(format, &mut lock) {
                if let multipolar_output::OutputError::Io(io) = e {
                    return Err(io.into());
                }
                return Err(e.into());
            }
            lock.flush()?;
            Ok(())
        }
    }
}
