//! `events import`: event files into month-partitioned Parquet, atomically.
//!
//! ```text
//! $MULTIPOLAR_DATA/
//!   manifest.json                       dataset "events": every Parquet file + sha256
//!   events-<sha8>/month=2018-06.parquet one directory per import, one file per month
//! ```
//!
//! Events stream from the readers into per-month batches; a batch is written as a row
//! group when it is full, or when all batches together hold [`MAX_BUFFERED`] rows (the
//! largest is written first), so memory stays bounded whatever the span of dates in a
//! file. Everything is written into a staging directory; the import commits by renaming
//! it into place and then replacing `manifest.json` (the commit point) in one rename, so
//! a failed import — bad file, `--strict` and a bad row, full disk — leaves the previous
//! data byte-identical. Earlier imports stay: imports add to the events table.

use std::collections::BTreeMap;
use std::fs::File;
use std::path::{Path, PathBuf};

use multipolar_countries::Date;
use multipolar_data::store::{
    DatasetEntry, FileEntry, MANIFEST, Manifest, sha256_hex, write_atomic,
};
use multipolar_events::{Event, EventError, EventReader};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;

use crate::error::{Result, StoreError};
use crate::schema::{Batch, schema};

/// Dataset name of the events table in the manifest.
pub const EVENTS: &str = "events";
/// Rows per month batch before it is written as a row group.
const BATCH_ROWS: usize = 65_536;
/// Rows held in memory across all months before the largest batch is written.
pub const MAX_BUFFERED: usize = 262_144;
/// Events handed from the parsing thread to the writer at a time.
const CHUNK: usize = 4096;
/// Malformed-row messages kept for the report (all are counted).
const KEEP_MESSAGES: usize = 20;

/// How strict an import is.
#[derive(Clone, Copy, Debug, Default)]
pub struct ImportOptions {
    /// Fail on the first malformed row instead of counting it.
    pub strict: bool,
}

/// Progress of an import, reported every few thousand rows.
#[derive(Clone, Debug)]
pub struct Progress {
    /// The file being read (0-based) and how many there are.
    pub file: usize,
    /// Number of files.
    pub files: usize,
    /// Rows read so far, all files.
    pub rows: u64,
}

/// What an import did.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportReport {
    /// Rows read (kept + rejected).
    pub read: u64,
    /// Rows stored.
    pub kept: u64,
    /// Malformed rows skipped.
    pub rejected: u64,
    /// The first malformed rows, as `file:line: problem`.
    pub messages: Vec<String>,
    /// Months written.
    pub months: usize,
    /// Directory written, relative to the data directory.
    pub dir: String,
}

struct MonthWriter {
    batch: Batch,
    writer: Option<ArrowWriter<File>>,
    path: PathBuf,
}

/// Imports event files into the data directory `dir` (created if missing).
pub fn import(
    dir: &Path,
    files: &[PathBuf],
    opts: ImportOptions,
    progress: &mut dyn FnMut(&Progress),
) -> Result<ImportReport> {
    std::fs::create_dir_all(dir).map_err(|e| StoreError::io(dir, e))?;
    let manifest = read_manifest(dir)?;
    let staging = Staging::new(dir)?;
    let mut months: BTreeMap<(i32, u8), MonthWriter> = BTreeMap::new();
    let mut report = ImportReport {
        read: 0,
        kept: 0,
        rejected: 0,
        messages: Vec::new(),
        months: 0,
        dir: String::new(),
    };
    let mut buffered = 0usize;
    let mut span: Option<(Date, Date)> = None;
    let mut sources = Vec::new();
    for (i, path) in files.iter().enumerate() {
        let reader = EventReader::open(path)?;
        // Three threads: one checksums the file (a full pass of its own), one parses
        // rows into events, and this one batches and writes Parquet. The channel is
        // bounded, so memory stays bounded; when this side stops early (a strict
        // import's bad row) the parser's next send fails and it ends.
        let (tx, rx) =
            std::sync::mpsc::sync_channel::<Vec<std::result::Result<Event, EventError>>>(8);
        std::thread::scope(|scope| -> Result<()> {
            let hasher = scope.spawn(|| file_sha256(path));
            scope.spawn(move || {
                let mut chunk = Vec::with_capacity(CHUNK);
                for ev in reader {
                    chunk.push(ev);
                    if chunk.len() == CHUNK
                        && tx
                            .send(std::mem::replace(&mut chunk, Vec::with_capacity(CHUNK)))
                            .is_err()
                    {
                        return;
                    }
                }
                let _ = tx.send(chunk);
            });
            for ev in rx.into_iter().flatten() {
                report.read += 1;
                if report.read.is_multiple_of(16_384) {
                    progress(&Progress {
                        file: i,
                        files: files.len(),
                        rows: report.read,
                    });
                }
                let ev = match ev {
                    Ok(ev) => ev,
                    Err(e) if e.is_row() && !opts.strict => {
                        report.rejected += 1;
                        if report.messages.len() < KEEP_MESSAGES {
                            report.messages.push(e.to_string());
                        }
                        continue;
                    }
                    Err(e) => return Err(e.into()),
                };
                span = Some(span.map_or((ev.date, ev.date), |(a, b)| {
                    (a.min(ev.date), b.max(ev.date))
                }));
                let key = (ev.date.year, ev.date.month);
                let m = months.entry(key).or_insert_with(|| MonthWriter {
                    batch: Batch::new(),
                    writer: None,
                    path: staging
                        .path()
                        .join(format!("month={:04}-{:02}.parquet", key.0, key.1)),
                });
                m.batch.push(&ev);
                report.kept += 1;
                buffered += 1;
                if m.batch.len() >= BATCH_ROWS {
                    buffered -= m.batch.len();
                    write_batch(m)?;
                } else if buffered >= MAX_BUFFERED {
                    let largest = months
                        .values_mut()
                        .max_by_key(|m| m.batch.len())
                        .expect("rows are buffered");
                    buffered -= largest.batch.len();
                    write_batch(largest)?;
                }
            }
            let sha = hasher.join().expect("checksum thread panicked")?;
            sources.push((path.display().to_string(), sha));
            Ok(())
        })?;
    }
    progress(&Progress {
        file: files.len().saturating_sub(1),
        files: files.len(),
        rows: report.read,
    });

    let mut written = Vec::new();
    for m in months.values_mut() {
        if m.batch.len() > 0 {
            write_batch(m)?;
        }
        if let Some(w) = m.writer.take() {
            w.close()?;
        }
        written.push(m.path.clone());
    }
    report.months = written.len();

    // Name the directory after its contents, then commit.
    let mut files_out = Vec::new();
    let mut all = String::new();
    for p in &written {
        let sha = file_sha256(p)?;
        let bytes = std::fs::metadata(p)
            .map_err(|e| StoreError::io(p, e))?
            .len();
        all.push_str(&sha);
        files_out.push((
            p.file_name().expect("file").to_string_lossy().into_owned(),
            sha,
            bytes,
        ));
    }
    let rel = format!("{EVENTS}-{}", &sha256_hex(all.as_bytes())[..8]);
    report.dir = rel.clone();
    if report.kept == 0 {
        return Ok(report);
    }
    let mut manifest = manifest;
    let (first, last) = span.expect("rows were kept");
    let new_files = files_out
        .into_iter()
        .map(|(name, sha256, bytes)| FileEntry {
            path: format!("{rel}/{name}"),
            sha256,
            bytes,
        });
    let source = sources
        .iter()
        .map(|(p, _)| p.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    let source_sha = sources
        .iter()
        .map(|(_, s)| s.as_str())
        .collect::<Vec<_>>()
        .join(",");
    let entry = match manifest.datasets.remove(EVENTS) {
        Some(mut old) => {
            if old
                .files
                .iter()
                .any(|f| f.path.starts_with(&format!("{rel}/")))
            {
                return Err(StoreError::Store(format!(
                    "these events are already imported (in {rel})"
                )));
            }
            old.files.extend(new_files);
            old.source = format!("{}; {source}", old.source);
            old.source_sha256 = format!("{};{source_sha}", old.source_sha256);
            old.first_date = old.first_date.min(first.to_string());
            old.last_date = old.last_date.max(last.to_string());
            old.version = old.last_date.clone();
            old.imported_at = now_utc();
            old
        }
        None => DatasetEntry {
            source,
            source_sha256: source_sha,
            version: last.to_string(),
            imported_at: now_utc(),
            roll_calls: 0,
            ballots: 0,
            first_date: first.to_string(),
            last_date: last.to_string(),
            files: new_files.collect(),
        },
    };
    manifest.datasets.insert(EVENTS.to_string(), entry);
    let target = dir.join(&rel);
    let staged = staging.keep();
    std::fs::rename(&staged, &target).map_err(|e| StoreError::io(&target, e))?;
    // The commit point.
    let json = serde_json::to_vec_pretty(&manifest).expect("manifest serialises");
    if let Err(e) = write_atomic(&dir.join(MANIFEST), &json) {
        let _ = std::fs::remove_dir_all(&target);
        return Err(e.into());
    }
    Ok(report)
}

fn write_batch(m: &mut MonthWriter) -> Result<()> {
    let batch = m.batch.finish();
    if m.writer.is_none() {
        let f = File::create(&m.path).map_err(|e| StoreError::io(&m.path, e))?;
        let props = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .build();
        m.writer = Some(ArrowWriter::try_new(f, schema(), Some(props))?);
    }
    let w = m.writer.as_mut().expect("just created");
    w.write(&batch)?;
    // One row group per batch keeps the writer's buffer to one batch.
    w.flush()?;
    Ok(())
}

/// The manifest as [`multipolar_data::store::Store::open`] reads it (empty if none).
pub(crate) fn read_manifest(dir: &Path) -> Result<Manifest> {
    let path = dir.join(MANIFEST);
    match std::fs::read(&path) {
        Ok(b) => serde_json::from_slice(&b)
            .map_err(|e| StoreError::Store(format!("{}: invalid manifest ({e})", path.display()))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Manifest {
            format: 1,
            datasets: BTreeMap::new(),
        }),
        Err(e) => Err(StoreError::io(&path, e)),
    }
}

/// Hex SHA-256 of a file, streamed (event files run to gigabytes).
fn file_sha256(path: &Path) -> Result<String> {
    use sha2::Digest;
    let io = |e| EventError::Io {
        path: path.to_path_buf(),
        source: e,
    };
    let mut h = sha2::Sha256::new();
    std::io::copy(&mut File::open(path).map_err(io)?, &mut h).map_err(io)?;
    Ok(h.finalize().iter().map(|b| format!("{b:02x}")).collect())
}

/// A staging directory removed on drop unless kept.
struct Staging(Option<PathBuf>);

impl Staging {
    fn new(dir: &Path) -> Result<Staging> {
        for k in 0..100u32 {
            let p = dir.join(format!(".staging-events-{}-{k}", std::process::id()));
            match std::fs::create_dir(&p) {
                Ok(()) => return Ok(Staging(Some(p))),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(StoreError::io(p, e)),
            }
        }
        Err(StoreError::Store(format!(
            "cannot create a staging directory in {}",
            dir.display()
        )))
    }

    fn path(&self) -> &Path {
        self.0.as_deref().expect("present until kept")
    }

    fn keep(mut self) -> PathBuf {
        self.0.take().expect("present until kept")
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if let Some(p) = &self.0 {
            let _ = std::fs::remove_dir_all(p);
        }
    }
}

fn now_utc() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    format!(
        "{}T{:02}:{:02}:{:02}Z",
        Date::from_day_number(days),
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}
