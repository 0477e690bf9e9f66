//! `data update gdelt`: GDELT's event exports, downloaded, verified and imported,
//! resumably.
//!
//! The file list ([`multipolar_data::gdelt`]) names each export with its size and MD5.
//! Files already fetched into the data directory (by name, from the imports'
//! [`SOURCES`](crate::import::SOURCES) lists) are skipped. A download thread runs a few
//! files ahead of the importer, writing each into a work directory while checking its
//! MD5 (and size, where the list gives it) as the bytes arrive; a file that fails is
//! reported and left out, the others go on. Verified files are imported in batches
//! of about [`FetchOptions::commit_bytes`], each batch one atomic import
//! ([`import_fetched`]): an interrupted run keeps every batch committed before it, and
//! nothing of the batch it was in. A file the importer refuses (a zip cut short, a last
//! line without a newline, a bad row under `strict`) is reported and its batch
//! imported without it.

use std::collections::HashSet;
use std::ops::RangeInclusive;
use std::path::Path;
use std::sync::mpsc::sync_channel;

use multipolar_countries::Date;
use multipolar_data::fetch::{self, Expected, Transfer};
use multipolar_data::gdelt::{self, ExportFile};

use crate::error::{Result, StoreError};
use crate::import::{
    ImportError, ImportOptions, ImportReport, Input, STAGING, Staging, fetched_sources,
    import_fetched,
};

/// Prefix of a fetch's work directory (downloads not yet imported).
const WORK: &str = ".fetch-events-";
/// Verified downloads waiting for the importer.
const AHEAD: usize = 4;

/// Which GDELT.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gdelt {
    /// GDELT 1.0 daily (monthly, yearly before April 2013) exports, from `index.html`.
    V1,
    /// GDELT 2.0 15-minute exports, from `masterfilelist.txt` or `lastupdate.txt`.
    V2,
}

/// Which files of the list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Selection {
    /// Files covering a day of the range.
    Days(RangeInclusive<Date>),
    /// The newest export (GDELT 2.0's `lastupdate.txt`).
    Latest,
}

/// What to fetch and how.
#[derive(Clone, Debug)]
pub struct FetchOptions {
    /// GDELT 1.0 or 2.0.
    pub gdelt: Gdelt,
    /// Where the list and files are (`…/gdeltv2/`, `…/events/`, or a mirror).
    pub base_url: String,
    /// Which files.
    pub selection: Selection,
    /// Commit an import once its files reach this many bytes (0: every file).
    pub commit_bytes: u64,
    /// Refuse a file with a malformed row (else rows are counted and skipped).
    pub strict: bool,
}

/// What a fetch tells its caller as it goes; sent from the download thread as well.
#[derive(Debug)]
pub enum FetchEvent<'a> {
    /// The list is read: files to fetch (and their bytes, as listed), files skipped
    /// as already imported.
    Listed {
        /// The list's URL.
        list: &'a str,
        /// Files to download.
        files: usize,
        /// Their listed size.
        bytes: u64,
        /// Files in the range already imported.
        skipped: usize,
    },
    /// Bytes downloaded.
    Bytes(u64),
    /// A transfer broke and starts again.
    Retry {
        /// The file's URL.
        url: &'a str,
        /// Bytes of the broken attempt, counted before.
        lost: u64,
        /// What went wrong.
        why: &'a str,
    },
    /// A file failed and is left out.
    Failed {
        /// The file's URL.
        url: &'a str,
        /// Why.
        error: &'a str,
    },
    /// Rows read in the batch being imported.
    Rows(u64),
    /// A batch is committed.
    Committed(&'a ImportReport),
}

/// What a fetch did.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FetchReport {
    /// Files of the list in the selection.
    pub listed: usize,
    /// Of those, already imported.
    pub skipped: usize,
    /// Files imported now.
    pub imported: usize,
    /// Files that failed, with the error (each names the URL).
    pub failed: Vec<(String, String)>,
    /// Imports committed.
    pub commits: usize,
    /// Rows read, kept and rejected, and events stored, over all commits.
    pub read: u64,
    /// Rows kept.
    pub kept: u64,
    /// Rows rejected (malformed).
    pub rejected: u64,
    /// Events stored.
    pub events: u64,
    /// The first malformed rows.
    pub messages: Vec<String>,
}

/// The list's URL and the files it selects.
fn list_files(agent: &fetch::Agent, o: &FetchOptions) -> Result<(String, Vec<ExportFile>)> {
    let base = format!("{}/", o.base_url.trim_end_matches('/'));
    let all = Date::new(1, 1, 1).expect("a day")..=Date::new(9999, 12, 31).expect("a day");
    match (o.gdelt, &o.selection) {
        (Gdelt::V2, sel) => {
            let (list, range) = match sel {
                Selection::Days(r) => (gdelt::MASTER_LIST, r.clone()),
                Selection::Latest => (gdelt::LAST_UPDATE, all),
            };
            let url = format!("{base}{list}");
            let files = gdelt::gdelt2_files(fetch::open(agent, &url)?, &url, &range)?;
            Ok((url, files))
        }
        (Gdelt::V1, Selection::Days(r)) => {
            let url = format!("{base}{}", gdelt::INDEX);
            let mut text = String::new();
            std::io::Read::read_to_string(&mut fetch::open(agent, &url)?, &mut text)
                .map_err(|e| StoreError::Store(format!("{url}: download interrupted: {e}")))?;
            let files = gdelt::gdelt1_files(&text, &url, r)?;
            Ok((url, files))
        }
        (Gdelt::V1, Selection::Latest) => Err(StoreError::Store(
            "GDELT 1.0 publishes no list of its newest file; give --from and --to".into(),
        )),
    }
}

/// Fetches the selected export files into the data directory `dir` (see the module
/// docs). Returns an error only when nothing can go on (the list cannot be read, the
/// data directory cannot be written); files that fail are in the report.
pub fn fetch_gdelt(
    dir: &Path,
    o: &FetchOptions,
    progress: &(dyn Fn(&FetchEvent) + Sync),
) -> Result<FetchReport> {
    std::fs::create_dir_all(dir).map_err(|e| StoreError::io(dir, e))?;
    remove_abandoned(dir);
    let agent = fetch::agent();
    let (list_url, files) = list_files(&agent, o)?;
    let done: HashSet<String> = fetched_sources(dir)?
        .into_iter()
        .map(|s| file_name(&s.name).to_string())
        .collect();
    let mut report = FetchReport {
        listed: files.len(),
        ..FetchReport::default()
    };
    let todo: Vec<ExportFile> = files
        .into_iter()
        .filter(|f| !done.contains(&f.name))
        .collect();
    report.skipped = report.listed - todo.len();
    progress(&FetchEvent::Listed {
        list: &list_url,
        files: todo.len(),
        bytes: todo.iter().map(|f| f.size).sum(),
        skipped: report.skipped,
    });
    if todo.is_empty() {
        return Ok(report);
    }
    let base = format!("{}/", o.base_url.trim_end_matches('/'));
    let work = Staging::new(dir, WORK)?;
    let opts = ImportOptions {
        strict: o.strict,
        require_final_newline: true,
    };
    std::thread::scope(|scope| -> Result<()> {
        let (tx, rx) = sync_channel::<(ExportFile, std::result::Result<Input, String>)>(AHEAD);
        let (agent, work_dir, base) = (&agent, work.path(), &base);
        scope.spawn(move || {
            for f in todo {
                let url = format!("{base}{}", f.name);
                let dest = work_dir.join(&f.name);
                let expect = Expected {
                    size: f.size_exact.then_some(f.size),
                    md5: &f.md5,
                };
                let got = fetch::download_verified(agent, &url, &dest, &expect, &mut |t| match t {
                    Transfer::Bytes(n) => progress(&FetchEvent::Bytes(n)),
                    Transfer::Retry { lost, why } => progress(&FetchEvent::Retry {
                        url: &url,
                        lost,
                        why,
                    }),
                });
                let item = match got {
                    Ok(_) => Ok(Input {
                        path: dest,
                        name: url,
                        md5: Some(f.md5.clone()),
                    }),
                    Err(e) => {
                        let _ = std::fs::remove_file(&dest);
                        Err(e.to_string())
                    }
                };
                // The importer stopped: so does the download.
                if tx.send((f, item)).is_err() {
                    return;
                }
            }
        });
        let mut rx = rx.into_iter().peekable();
        while rx.peek().is_some() {
            // One batch: verified files until their bytes reach the commit size.
            let mut batch: Vec<Input> = Vec::new();
            let mut bytes = 0;
            for (f, item) in rx.by_ref() {
                match item {
                    Ok(input) => {
                        bytes += f.size;
                        batch.push(input);
                    }
                    Err(error) => {
                        let url = format!("{base}{}", f.name);
                        progress(&FetchEvent::Failed {
                            url: &url,
                            error: &error,
                        });
                        report.failed.push((url, error));
                    }
                }
                if bytes >= o.commit_bytes.max(1) {
                    break;
                }
            }
            commit(dir, batch, opts, progress, &mut report)?;
        }
        Ok(())
    })?;
    Ok(report)
}

/// Imports one batch as one commit; a file the importer refuses is reported and the
/// batch imported again without it.
fn commit(
    dir: &Path,
    mut batch: Vec<Input>,
    opts: ImportOptions,
    progress: &(dyn Fn(&FetchEvent) + Sync),
    report: &mut FetchReport,
) -> Result<()> {
    while !batch.is_empty() {
        let result = import_fetched(dir, &batch, opts, &mut |p| {
            progress(&FetchEvent::Rows(p.rows))
        });
        match result {
            Ok(r) => {
                progress(&FetchEvent::Committed(&r));
                report.commits += usize::from(r.events > 0);
                report.imported += batch.len();
                report.read += r.read;
                report.kept += r.kept;
                report.rejected += r.rejected;
                report.events += r.events;
                for m in r.messages {
                    if report.messages.len() < 20 {
                        report.messages.push(m);
                    }
                }
                break;
            }
            // A file the importer could not read (cut short, not a zip, or with a
            // malformed row under --strict): that file is bad, the others are not.
            Err(ImportError {
                input: Some(i),
                error: e @ StoreError::Events(_),
            }) => {
                let bad = batch.remove(i);
                let error = e.to_string();
                progress(&FetchEvent::Failed {
                    url: &bad.name,
                    error: &error,
                });
                report.failed.push((bad.name, error));
                let _ = std::fs::remove_file(&bad.path);
            }
            Err(e) => return Err(e.error),
        }
    }
    for f in &batch {
        let _ = std::fs::remove_file(&f.path);
    }
    Ok(())
}

/// The last segment of a URL or path.
fn file_name(s: &str) -> &str {
    s.rsplit('/').next().unwrap_or(s)
}

/// Removes work and staging directories that processes no longer running left in
/// `dir` (a fetch or import that was killed): the manifest never names them. Only
/// where `/proc` tells which processes run.
fn remove_abandoned(dir: &Path) {
    let proc = Path::new("/proc");
    if !proc.join("self").exists() {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let Some(rest) = name
            .strip_prefix(WORK)
            .or_else(|| name.strip_prefix(STAGING))
        else {
            continue;
        };
        let pid = rest.split('-').next().unwrap_or("");
        if !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()) && !proc.join(pid).exists() {
            let _ = std::fs::remove_dir_all(e.path());
        }
    }
}

/// Today in UTC (the default end of a fetch).
pub fn today_utc() -> Date {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    Date::from_day_number(secs.div_euclid(86_400))
}
