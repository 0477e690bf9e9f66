//! The local data directory: imported datasets as Parquet plus a manifest.
//!
//! ```text
//! $MULTIPOLAR_DATA/
//!   manifest.json                 what is imported: source, sha256, rows, coverage, files
//!   unga-undl-<sha8>/roll_calls.parquet
//!   unga-undl-<sha8>/ballots.parquet
//! ```
//!
//! # Why imports are atomic
//!
//! An import validates the whole source first, writes its Parquet files into a new
//! directory named after the source's checksum, and only then replaces
//! `manifest.json` by renaming a complete temporary file over it. Until that rename
//! the old manifest still points at the old files, which are untouched; so a bad
//! row, a full disk or a killed process leaves the previous data exactly as it was.
//! Files of replaced versions are removed after the rename.
//!
//! Bilateral trade after 2014 is imported the same way from CEPII BACI or IMF DOTS
//! files ([`trade`]; [`Store::import_baci`], [`Store::import_dots`]).

pub mod trade;

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::csvsrc::Source;
use crate::error::{DataError, Result};
use crate::votes::{MergeReport, VoteTable};
use crate::{parquet_votes, undl, unvotes};

/// Manifest file name.
pub const MANIFEST: &str = "manifest.json";
/// Dataset name of the UN Digital Library votes import.
pub const UNGA_UNDL: &str = "unga-undl";

/// What the data directory holds.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    /// Layout version of this file.
    pub format: u32,
    /// Imported datasets by name.
    pub datasets: BTreeMap<String, DatasetEntry>,
}

/// One imported dataset.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DatasetEntry {
    /// Where it came from (a path or URL).
    pub source: String,
    /// SHA-256 of the source file as imported.
    pub source_sha256: String,
    /// Data version: for the UN Digital Library, the last vote date.
    pub version: String,
    /// When it was imported (UTC).
    pub imported_at: String,
    /// Roll calls.
    pub roll_calls: u64,
    /// Ballots (one per country and roll call).
    pub ballots: u64,
    /// First vote date.
    pub first_date: String,
    /// Last vote date.
    pub last_date: String,
    /// Files, relative to the data directory.
    pub files: Vec<FileEntry>,
}

/// A file of an imported dataset.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FileEntry {
    /// Path relative to the data directory.
    pub path: String,
    /// SHA-256 of the file.
    pub sha256: String,
    /// Size in bytes.
    pub bytes: u64,
    /// Rows the file holds (absent in manifests written before it was recorded).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rows: Option<u64>,
}

/// The outcome of an import.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportReport {
    /// The manifest entry written.
    pub entry: DatasetEntry,
    /// How the import merges with the bundled data.
    pub merge: MergeReport,
}

/// The outcome of a trade import.
#[derive(Clone, Debug, PartialEq)]
pub struct TradeImportReport {
    /// The manifest entry written.
    pub entry: DatasetEntry,
    /// Years the import brought (replacing those years of an earlier import).
    pub years: (i32, i32),
    /// Flows now stored, all years.
    pub flows: usize,
    /// Years kept from the earlier import.
    pub kept_years: Vec<i32>,
    /// Codes naming no COW state, with rows and value (million US$) left out.
    pub unmapped: BTreeMap<String, (u64, f64)>,
}

/// One line of `data verify`.
#[derive(Clone, Debug, PartialEq)]
pub struct VerifyLine {
    /// Dataset or file checked.
    pub what: String,
    /// `None` if it passed, else what is wrong.
    pub problem: Option<String>,
}

/// A data directory.
#[derive(Clone, Debug)]
pub struct Store {
    dir: PathBuf,
    manifest: Manifest,
}

/// Hex SHA-256 of bytes.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

impl Store {
    /// `$MULTIPOLAR_DATA`, else the platform data directory + `multipolar`
    /// (`~/.local/share/multipolar` on Linux), else `./multipolar-data`.
    pub fn default_dir() -> PathBuf {
        if let Some(d) = std::env::var_os("MULTIPOLAR_DATA") {
            return PathBuf::from(d);
        }
        dirs::data_dir().map_or_else(
            || PathBuf::from("multipolar-data"),
            |d| d.join("multipolar"),
        )
    }

    /// Opens a data directory; a missing directory is an empty store (nothing is
    /// created until something is imported).
    pub fn open(dir: impl Into<PathBuf>) -> Result<Store> {
        let dir = dir.into();
        let path = dir.join(MANIFEST);
        let manifest = match std::fs::read(&path) {
            Ok(bytes) => serde_json::from_slice(&bytes).map_err(|e| DataError::File {
                path: path.display().to_string(),
                msg: format!("invalid manifest ({e}); run `multipolar data verify`"),
            })?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Manifest {
                format: 1,
                datasets: BTreeMap::new(),
            },
            Err(e) => return Err(DataError::io(path, e)),
        };
        Ok(Store { dir, manifest })
    }

    /// The directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The manifest as loaded.
    pub fn manifest(&self) -> &Manifest {
        &self.manifest
    }

    /// UN votes: the bundled 1946–2020 data, merged with the UN Digital Library
    /// import if there is one (see [`VoteTable::merge`] for how duplicates are
    /// recognised).
    pub fn votes(&self) -> Result<VoteTable> {
        let mut t = unvotes::bundled()?;
        if let Some(undl) = self.undl_votes()? {
            t.merge(&undl);
        }
        Ok(t)
    }

    fn dataset_dir(&self, name: &str) -> Option<PathBuf> {
        let e = self.manifest.datasets.get(name)?;
        let first = e.files.first()?;
        Some(self.dir.join(&first.path).parent()?.to_path_buf())
    }

    /// The imported UN Digital Library votes alone, if imported.
    pub fn undl_votes(&self) -> Result<Option<VoteTable>> {
        match self.dataset_dir(UNGA_UNDL) {
            Some(d) => Ok(Some(parquet_votes::read(&d)?)),
            None => Ok(None),
        }
    }

    /// Validates a UN Digital Library CSV and imports it atomically (see the module
    /// docs). `source` names where it came from, for the manifest.
    pub fn import_undl(&mut self, bytes: &[u8], name: &str, source: &str) -> Result<ImportReport> {
        let table = undl::read_undl(Source::from_bytes(name, bytes))?;
        let sha = sha256_hex(bytes);
        let mut bundled = unvotes::bundled()?;
        let merge = bundled.merge(&table);
        let (first, last) = table.date_range().expect("read_undl rejects empty files");
        std::fs::create_dir_all(&self.dir).map_err(|e| DataError::io(&self.dir, e))?;

        let rel = format!("{UNGA_UNDL}-{}", &sha[..8]);
        let staging = tempdir_in(&self.dir)?;
        parquet_votes::write(&table, staging.path())?;
        let mut files = Vec::new();
        for f in [parquet_votes::ROLL_CALLS, parquet_votes::BALLOTS] {
            let p = staging.path().join(f);
            let bytes = std::fs::read(&p).map_err(|e| DataError::io(&p, e))?;
            let rows = if f == parquet_votes::ROLL_CALLS {
                table.roll_calls().len()
            } else {
                table.n_ballots()
            };
            files.push(FileEntry {
                path: format!("{rel}/{f}"),
                sha256: sha256_hex(&bytes),
                bytes: bytes.len() as u64,
                rows: Some(rows as u64),
            });
        }
        let entry = DatasetEntry {
            source: source.to_string(),
            source_sha256: sha.clone(),
            version: last.to_string(),
            imported_at: now_utc(),
            roll_calls: table.roll_calls().len() as u64,
            ballots: table.n_ballots() as u64,
            first_date: first.to_string(),
            last_date: last.to_string(),
            files,
        };
        let mut manifest = self.manifest.clone();
        let old_dir = self.dataset_dir(UNGA_UNDL);
        manifest
            .datasets
            .insert(UNGA_UNDL.to_string(), entry.clone());

        // Move the staged files to their final, checksum-named place. If a previous
        // import of the very same file is there, it is identical: keep it.
        let target = self.dir.join(&rel);
        let staged = staging.keep();
        if target.exists() {
            remove_dir(&staged);
        } else {
            std::fs::rename(&staged, &target).map_err(|e| DataError::io(&target, e))?;
        }
        // The commit point: the manifest is replaced in one rename.
        write_atomic(
            &self.dir.join(MANIFEST),
            &serde_json::to_vec_pretty(&manifest).expect("manifest serialises"),
        )?;
        if let Some(old) = old_dir.filter(|o| *o != target) {
            remove_dir(&old);
        }
        self.manifest = manifest;
        Ok(ImportReport { entry, merge })
    }

    /// The imported trade flows of `kind`, if imported.
    pub fn trade_flows(&self, kind: trade::TradeKind) -> Result<Option<trade::TradeFlows>> {
        match self.dataset_dir(kind.dataset()) {
            Some(d) => Ok(Some(trade::read_parquet(&d.join(kind.file()))?)),
            None => Ok(None),
        }
    }

    /// Validates CEPII BACI yearly files with their country-codes file and imports
    /// their exporter–importer–year totals atomically (see [`trade`]).
    pub fn import_baci(&mut self, codes: &Path, files: &[PathBuf]) -> Result<TradeImportReport> {
        let table = trade::read_baci_codes(Source::open(codes)?)?;
        let sources = files
            .iter()
            .map(|f| Source::open(f))
            .collect::<Result<Vec<_>>>()?;
        let flows = trade::read_baci(&table, sources)?;
        let mut named = vec![codes.to_path_buf()];
        named.extend(files.iter().cloned());
        // BACI names its release in the file names: country_codes_V202401.csv.
        let release = codes
            .file_stem()
            .and_then(|s| s.to_str())
            .and_then(|s| s.rsplit('_').next())
            .filter(|v| v.starts_with('V'))
            .map(str::to_string);
        self.import_trade(trade::TradeKind::Baci, flows, &named, release)
    }

    /// Validates an IMF DOTS CSV export (values in `unit`) and imports its flows
    /// atomically (see [`trade`]).
    pub fn import_dots(&mut self, file: &Path, unit: trade::DotsUnit) -> Result<TradeImportReport> {
        let flows = trade::read_dots(file, unit)?;
        self.import_trade(trade::TradeKind::Dots, flows, &[file.to_path_buf()], None)
    }

    /// Stores validated flows: the years they hold replace those years of an earlier
    /// import of the same kind, other years are kept; then the manifest is replaced
    /// in one rename.
    fn import_trade(
        &mut self,
        kind: trade::TradeKind,
        mut flows: trade::TradeFlows,
        files: &[PathBuf],
        release: Option<String>,
    ) -> Result<TradeImportReport> {
        let years = flows.years().ok_or_else(|| DataError::File {
            path: files
                .last()
                .map_or(String::new(), |f| f.display().to_string()),
            msg: "no trade between states with COW codes in the file".into(),
        })?;
        let new_years: std::collections::BTreeSet<i32> =
            flows.flows.iter().map(|f| f.year).collect();
        let mut kept_years = std::collections::BTreeSet::new();
        let old = self.manifest.datasets.get(kind.dataset()).cloned();
        if let Some(prev) = self.trade_flows(kind)? {
            for f in prev
                .flows
                .into_iter()
                .filter(|f| !new_years.contains(&f.year))
            {
                kept_years.insert(f.year);
                flows.flows.push(f);
            }
            flows
                .flows
                .sort_by_key(|f| (f.year, f.exporter, f.importer));
        }
        let mut shas = Vec::new();
        for f in files {
            shas.push(sha256_file(f)?);
        }
        std::fs::create_dir_all(&self.dir).map_err(|e| DataError::io(&self.dir, e))?;
        let staging = tempdir_in(&self.dir)?;
        let staged_file = staging.path().join(kind.file());
        trade::write_parquet(&flows, &staged_file)?;
        let bytes = std::fs::read(&staged_file).map_err(|e| DataError::io(&staged_file, e))?;
        let sha = sha256_hex(&bytes);
        let rel = format!("{}-{}", kind.dataset(), &sha[..8]);
        let (first, last) = flows.years().expect("not empty");
        let names: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
        let entry = DatasetEntry {
            source: match &old {
                Some(o) if !kept_years.is_empty() => format!("{}; {}", o.source, names.join(", ")),
                _ => names.join(", "),
            },
            source_sha256: match &old {
                Some(o) if !kept_years.is_empty() => {
                    format!("{};{}", o.source_sha256, shas.join(","))
                }
                _ => shas.join(","),
            },
            version: match release {
                Some(r) => format!("{r}, {first}–{last}"),
                None => format!("{first}–{last}"),
            },
            imported_at: now_utc(),
            roll_calls: 0,
            ballots: 0,
            first_date: format!("{first}-01-01"),
            last_date: format!("{last}-12-31"),
            files: vec![FileEntry {
                path: format!("{rel}/{}", kind.file()),
                sha256: sha,
                bytes: bytes.len() as u64,
                rows: Some(flows.flows.len() as u64),
            }],
        };
        let mut manifest = self.manifest.clone();
        let old_dir = self.dataset_dir(kind.dataset());
        manifest
            .datasets
            .insert(kind.dataset().to_string(), entry.clone());
        let target = self.dir.join(&rel);
        let staged = staging.keep();
        if target.exists() {
            remove_dir(&staged);
        } else {
            std::fs::rename(&staged, &target).map_err(|e| DataError::io(&target, e))?;
        }
        // The commit point.
        write_atomic(
            &self.dir.join(MANIFEST),
            &serde_json::to_vec_pretty(&manifest).expect("manifest serialises"),
        )?;
        if let Some(old) = old_dir.filter(|o| *o != target) {
            remove_dir(&old);
        }
        self.manifest = manifest;
        Ok(TradeImportReport {
            entry,
            years,
            flows: flows.flows.len(),
            kept_years: kept_years.into_iter().collect(),
            unmapped: flows.unmapped,
        })
    }

    /// Checks every file of every imported dataset against its checksum, and
    /// re-reads it with full validation. The bundled files are checked too.
    pub fn verify(&self) -> Vec<VerifyLine> {
        let mut out = Vec::new();
        for b in multipolar_datasets::ALL {
            let got = sha256_hex(b.bytes);
            out.push(VerifyLine {
                what: format!("bundled {}", b.name),
                problem: (got != b.sha256).then(|| format!("sha256 {got}, expected {}", b.sha256)),
            });
        }
        out.push(VerifyLine {
            what: "bundled UN votes (validation)".into(),
            problem: unvotes::bundled().err().map(|e| e.to_string()),
        });
        for (name, e) in &self.manifest.datasets {
            let mut ok = true;
            for f in &e.files {
                let p = self.dir.join(&f.path);
                let problem = match std::fs::read(&p) {
                    Ok(bytes) => {
                        let got = sha256_hex(&bytes);
                        (got != f.sha256).then(|| {
                            format!(
                                "sha256 {got}, expected {} (modified or corrupt; re-import)",
                                f.sha256
                            )
                        })
                    }
                    Err(err) => Some(format!("cannot read: {err}")),
                };
                ok &= problem.is_none();
                out.push(VerifyLine {
                    what: format!("{name}: {}", f.path),
                    problem,
                });
            }
            let trade = [trade::TradeKind::Baci, trade::TradeKind::Dots]
                .into_iter()
                .find(|k| k.dataset() == name);
            if let (true, Some(kind)) = (ok, trade) {
                let rows: u64 = e.files.iter().filter_map(|f| f.rows).sum();
                let problem = match self.trade_flows(kind) {
                    Ok(Some(t)) if t.flows.len() as u64 != rows => Some(format!(
                        "holds {} flows, the manifest says {rows}",
                        t.flows.len()
                    )),
                    Ok(_) => None,
                    Err(err) => Some(err.to_string()),
                };
                out.push(VerifyLine {
                    what: format!("{name} (validation)"),
                    problem,
                });
            }
            if ok && name == UNGA_UNDL {
                let problem = match self.undl_votes() {
                    Ok(Some(t))
                        if t.roll_calls().len() as u64 != e.roll_calls
                            || t.n_ballots() as u64 != e.ballots =>
                    {
                        Some(format!(
                            "holds {} roll calls and {} ballots, the manifest says {} and {}",
                            t.roll_calls().len(),
                            t.n_ballots(),
                            e.roll_calls,
                            e.ballots
                        ))
                    }
                    Ok(_) => None,
                    Err(err) => Some(err.to_string()),
                };
                out.push(VerifyLine {
                    what: format!("{name} (validation)"),
                    problem,
                });
            }
        }
        out
    }
}

/// Hex SHA-256 of a file, read in blocks (BACI files are hundreds of megabytes).
fn sha256_file(path: &Path) -> Result<String> {
    use std::io::Read;
    let mut f = std::fs::File::open(path).map_err(|e| DataError::io(path, e))?;
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = f.read(&mut buf).map_err(|e| DataError::io(path, e))?;
        if n == 0 {
            break;
        }
        h.update(&buf[..n]);
    }
    Ok(h.finalize().iter().map(|b| format!("{b:02x}")).collect())
}

fn tempdir_in(dir: &Path) -> Result<TempDir> {
    for k in 0..100u32 {
        let p = dir.join(format!(".staging-{}-{k}", std::process::id()));
        match std::fs::create_dir(&p) {
            Ok(()) => return Ok(TempDir(Some(p))),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(DataError::io(p, e)),
        }
    }
    Err(DataError::Store(format!(
        "cannot create a staging directory in {}",
        dir.display()
    )))
}

/// A staging directory removed on drop unless kept.
struct TempDir(Option<PathBuf>);

impl TempDir {
    fn path(&self) -> &Path {
        self.0.as_deref().expect("present until kept")
    }

    fn keep(mut self) -> PathBuf {
        self.0.take().expect("present until kept")
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        if let Some(p) = &self.0 {
            remove_dir(p);
        }
    }
}

fn remove_dir(p: &Path) {
    // Best effort: a leftover directory is unused (the manifest does not name it).
    let _ = std::fs::remove_dir_all(p);
}

/// Writes a file by writing a temporary sibling, syncing it and renaming it over.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let tmp = path.with_extension(format!("tmp-{}", std::process::id()));
    let mut f = std::fs::File::create(&tmp).map_err(|e| DataError::io(&tmp, e))?;
    f.write_all(bytes).map_err(|e| DataError::io(&tmp, e))?;
    f.sync_all().map_err(|e| DataError::io(&tmp, e))?;
    std::fs::rename(&tmp, path).map_err(|e| DataError::io(path, e))
}

fn now_utc() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let date = multipolar_countries::Date::from_day_number(days);
    format!(
        "{date}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}
