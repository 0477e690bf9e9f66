//! `events import`: event files into month-partitioned Parquet, atomically.
//!
//! ```text
//! $MULTIPOLAR_DATA/
//!   manifest.json                       dataset "events": every Parquet file + sha256
//!   events-<sha8>/month=2018-06.parquet one directory per import, one file per month
//! ```
//!
//! A file is cut into blocks of lines that parsing workers turn into per-month Arrow
//! batches; a month's batch goes to the writer when it is full, or when all of a
//! worker's batches together hold its share of [`MAX_BUFFERED`] rows (the largest
//! goes first) and is written as a row group, so memory stays bounded whatever the
//! span of dates in a file. Everything is written into a staging directory; the import commits by renaming
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
use std::sync::mpsc::{Receiver, Sender, SyncSender, channel, sync_channel};

use arrow::record_batch::RecordBatch;
use multipolar_events::{Block, Event, EventError, EventReader, Parser};
use parquet::arrow::ArrowWriter;
use parquet::arrow::arrow_writer::{ArrowColumnChunk, ArrowRowGroupWriterFactory, compute_leaves};
use parquet::basic::Compression;
use parquet::file::properties::EnabledStatistics;
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;

use crate::error::{Result, StoreError};
use crate::schema::{Batch, schema};

/// Dataset name of the events table in the manifest.
pub const EVENTS: &str = "events";
/// Rows per month batch before it is written as a row group.
const BATCH_ROWS: usize = 65_536;
/// Rows the parsing workers hold, across all months, before the largest batch is
/// handed to the writer.
pub const MAX_BUFFERED: usize = 524_288;
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

/// What a parsing worker hands the writer after each block, in block order.
#[derive(Default)]
struct Parsed {
    /// Rows read in the block.
    read: u64,
    /// Malformed rows skipped, and the first messages.
    rejected: u64,
    messages: Vec<String>,
    /// Finished month batches, to be written in this order.
    batches: Vec<((i32, u8), RecordBatch)>,
    /// The same batches encoded as Parquet column chunks, ready to append.
    encoded: Vec<((i32, u8), Vec<ArrowColumnChunk>)>,
    /// Earliest and latest day kept.
    span: Option<(Date, Date)>,
}

/// A parsing worker's month batches, built on the worker's own thread so every
/// event string is allocated and freed there (freeing another thread's small
/// allocations contends on the allocator's locks).
struct Months {
    batches: BTreeMap<(i32, u8), Batch>,
    buffered: usize,
    max_buffered: usize,
}

impl Months {
    fn push(&mut self, ev: &Event, out: &mut Parsed) {
        let key = (ev.date.year, ev.date.month);
        let b = self.batches.entry(key).or_insert_with(Batch::new);
        b.push(ev);
        self.buffered += 1;
        if b.len() >= BATCH_ROWS {
            self.buffered -= b.len();
            out.batches.push((key, b.finish()));
        } else if self.buffered >= self.max_buffered {
            let (&key, largest) = self
                .batches
                .iter_mut()
                .max_by_key(|(_, b)| b.len())
                .expect("rows are buffered");
            self.buffered -= largest.len();
            out.batches.push((key, largest.finish()));
        }
    }

    fn finish(&mut self, out: &mut Parsed) {
        for (&key, b) in self.batches.iter_mut().filter(|(_, b)| b.len() > 0) {
            out.batches.push((key, b.finish()));
        }
        self.buffered = 0;
    }
}

/// Parses blocks until they run out: one [`Parsed`] per block, then one with the
/// remaining batches. A strict import's first bad row is sent as the error.
fn parse_blocks(
    mut parser: Parser,
    blocks: Receiver<Block>,
    out: SyncSender<Result<Parsed>>,
    used: Sender<Block>,
    strict: bool,
    max_buffered: usize,
) {
    let mut months = Months {
        batches: BTreeMap::new(),
        buffered: 0,
        max_buffered,
    };
    let encoder = match Encoder::new() {
        Ok(e) => e,
        Err(e) => {
            let _ = out.send(Err(e));
            return;
        }
    };
    for block in blocks {
        let mut p = Parsed::default();
        let mut fatal = None;
        parser.parse(&block, &mut |ev| {
            p.read += 1;
            match ev {
                Ok(ev) if fatal.is_none() => {
                    p.span = Some(p.span.map_or((ev.date, ev.date), |(a, b)| {
                        (a.min(ev.date), b.max(ev.date))
                    }));
                    months.push(ev, &mut p);
                }
                Ok(_) => {}
                Err(e) if strict => {
                    fatal.get_or_insert(e);
                }
                Err(e) => {
                    p.rejected += 1;
                    if p.messages.len() < KEEP_MESSAGES {
                        p.messages.push(e.to_string());
                    }
                }
            }
        });
        let _ = used.send(block);
        let msg = match fatal {
            Some(e) => Err(e.into()),
            None => encoder.encode(p),
        };
        let stop = msg.is_err();
        if out.send(msg).is_err() || stop {
            return;
        }
    }
    let mut last = Parsed::default();
    months.finish(&mut last);
    let _ = out.send(encoder.encode(last));
}

/// Encodes month batches into Parquet column chunks on the parsing worker, so
/// that the CPU-heavy part of writing (dictionaries, statistics, compression) runs
/// on every core and the writer only appends bytes.
struct Encoder {
    factory: ArrowRowGroupWriterFactory,
}

impl Encoder {
    fn new() -> Result<Encoder> {
        let (_, factory) = ArrowWriter::try_new(std::io::sink(), schema(), Some(properties()))?
            .into_serialized_writer()?;
        Ok(Encoder { factory })
    }

    fn encode(&self, mut p: Parsed) -> Result<Parsed> {
        for (key, batch) in std::mem::take(&mut p.batches) {
            let mut writers = self.factory.create_column_writers(0)?;
            let fields = schema();
            for ((field, col), w) in fields
                .fields()
                .iter()
                .zip(batch.columns())
                .zip(&mut writers)
            {
                for leaf in compute_leaves(field, col)? {
                    w.write(&leaf)?;
                }
            }
            let chunks = writers
                .into_iter()
                .map(|w| w.close())
                .collect::<std::result::Result<Vec<_>, _>>()?;
            p.encoded.push((key, chunks));
        }
        Ok(p)
    }
}

/// Parquet settings of every month file.
fn properties() -> WriterProperties {
    // Statistics: row-group min/max for the day and the numbers, which queries prune
    // on; none for text. Every row group holds events of many actors, codes and
    // sectors, so text min/max prune nothing, and computing them costs a string
    // comparison per value (a tenth of the import). Page-level statistics (and the
    // page index they make) would cost every query a larger footer for pruning that
    // month files and row groups already do. Ids and URLs are (nearly) unique per
    // row: a dictionary for them is built only to be abandoned.
    let mut b = WriterProperties::builder()
        .set_compression(Compression::SNAPPY)
        .set_statistics_enabled(EnabledStatistics::Chunk)
        .set_column_dictionary_enabled("id".into(), false)
        .set_column_dictionary_enabled("url".into(), false);
    for f in schema().fields() {
        if f.data_type() == &arrow::datatypes::DataType::Utf8 {
            b = b.set_column_statistics_enabled(f.name().as_str().into(), EnabledStatistics::None);
        }
    }
    b.build()
}

/// One Parquet file per month, written as encoded batches arrive.
struct MonthWriter {
    writer: SerializedFileWriter<File>,
    path: PathBuf,
    rows: u64,
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
    let mut span: Option<(Date, Date)> = None;
    let mut sources = Vec::new();
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get().min(8));
    for (i, path) in files.iter().enumerate() {
        let (blocks, parser) = EventReader::open(path)?.into_parts();
        let workers = if parser.is_stateless() { threads } else { 1 };
        // One thread reads and checksums the file and cuts it into blocks of lines,
        // `workers` parse blocks into month batches encoded as Parquet, and this one
        // appends them to the month files. Blocks go to the workers in turn and their results are taken in
        // the same turn, so the files written do not depend on thread timing. All
        // channels are bounded, so memory is; when this side stops early (a strict
        // import's bad row) the other threads' next send fails and they end.
        std::thread::scope(|scope| -> Result<()> {
            let mut to_workers = Vec::new();
            let mut from_workers = Vec::new();
            let (used_tx, used_rx) = channel::<Block>();
            for _ in 0..workers {
                let (btx, brx) = sync_channel::<Block>(2);
                let (ptx, prx) = sync_channel(2);
                let (parser, used) = (parser.clone(), used_tx.clone());
                let per_worker = MAX_BUFFERED;
                scope.spawn(move || parse_blocks(parser, brx, ptx, used, opts.strict, per_worker));
                to_workers.push(btx);
                from_workers.push(prx);
            }
            drop(used_tx);
            let cutter = scope.spawn(move || -> std::result::Result<Option<String>, EventError> {
                let mut blocks = blocks;
                let mut k = 0;
                while let Some(block) = blocks.next() {
                    if to_workers[k % workers].send(block?).is_err() {
                        break;
                    }
                    k += 1;
                    while let Ok(b) = used_rx.try_recv() {
                        blocks.recycle(b);
                    }
                }
                Ok(blocks.sha256())
            });
            let mut turn = 0;
            while let Ok(parsed) = from_workers[turn].recv() {
                turn = (turn + 1) % workers;
                let p = parsed?;
                report.read += p.read;
                report.rejected += p.rejected;
                report.kept += p.read - p.rejected;
                for m in p.messages {
                    if report.messages.len() < KEEP_MESSAGES {
                        report.messages.push(m);
                    }
                }
                if let Some((a, b)) = p.span {
                    span = Some(span.map_or((a, b), |(x, y)| (x.min(a), y.max(b))));
                }
                for (key, chunks) in p.encoded {
                    write_row_group(&mut months, staging.path(), key, chunks)?;
                }
                progress(&Progress {
                    file: i,
                    files: files.len(),
                    rows: report.read,
                });
            }
            // The checksum came with the read, except for zip archives.
            let sha = match cutter.join().expect("block reader panicked")? {
                Some(sha) => sha,
                None => file_sha256(path)?,
            };
            sources.push((path.display().to_string(), sha));
            Ok(())
        })?;
    }
    progress(&Progress {
        file: files.len().saturating_sub(1),
        files: files.len(),
        rows: report.read,
    });

    // A file imported before, or twice now, would count its events twice: refuse.
    let mut seen: std::collections::HashSet<&str> = manifest
        .datasets
        .get(EVENTS)
        .map(|old| old.source_sha256.split([',', ';']).collect())
        .unwrap_or_default();
    for (path, sha) in &sources {
        if !seen.insert(sha.as_str()) {
            return Err(StoreError::Store(format!(
                "{path} is already imported (same SHA-256 {}…); nothing was imported",
                &sha[..12]
            )));
        }
    }
    let mut written = Vec::new();
    for m in months.into_values() {
        m.writer.close()?;
        written.push((m.path, m.rows));
    }
    report.months = written.len();

    // Name the directory after its contents, then commit.
    let mut files_out = Vec::new();
    let mut all = String::new();
    for (p, rows) in &written {
        let sha = file_sha256(p)?;
        let bytes = std::fs::metadata(p)
            .map_err(|e| StoreError::io(p, e))?
            .len();
        all.push_str(&sha);
        files_out.push((
            p.file_name().expect("file").to_string_lossy().into_owned(),
            sha,
            bytes,
            *rows,
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
        .map(|(name, sha256, bytes, rows)| FileEntry {
            path: format!("{rel}/{name}"),
            sha256,
            bytes,
            rows: Some(rows),
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

/// Appends an encoded batch to its month's file as one row group: a worker hands over
/// a month's rows when they fill a batch or its buffer is full, and writing them at
/// once keeps the writer's own memory to one batch (open row groups held for 119
/// months tripled the peak).
fn write_row_group(
    months: &mut BTreeMap<(i32, u8), MonthWriter>,
    staging: &Path,
    key: (i32, u8),
    chunks: Vec<ArrowColumnChunk>,
) -> Result<()> {
    let m = match months.entry(key) {
        std::collections::btree_map::Entry::Occupied(e) => e.into_mut(),
        std::collections::btree_map::Entry::Vacant(e) => {
            let path = staging.join(format!("month={:04}-{:02}.parquet", key.0, key.1));
            let f = File::create(&path).map_err(|e| StoreError::io(&path, e))?;
            let (writer, _) =
                ArrowWriter::try_new(f, schema(), Some(properties()))?.into_serialized_writer()?;
            e.insert(MonthWriter {
                writer,
                path,
                rows: 0,
            })
        }
    };
    let mut rg = m.writer.next_row_group()?;
    for c in chunks {
        c.append_to_row_group(&mut rg)?;
    }
    m.rows += rg.close()?.num_rows() as u64;
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
