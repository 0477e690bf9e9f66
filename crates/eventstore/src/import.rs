//! `events import`: event files into month-partitioned Parquet, atomically.
//!
//! ```text
//! $MULTIPOLAR_DATA/
//!   manifest.json                       dataset "events": every Parquet file + sha256
//!   events-<sha8>/month=2018-06.parquet one directory per import, one file per month
//!   events-<sha8>/sources.tsv           fetched imports: each source's URL, size,
//!                                       MD5, SHA-256 and rows
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

/// The list of a fetched import's sources, in its directory.
pub const SOURCES: &str = "sources.tsv";

/// How strict an import is.
#[derive(Clone, Copy, Debug, Default)]
pub struct ImportOptions {
    /// Fail on the first malformed row, and on a file whose last line has no
    /// newline, instead of counting it.
    pub strict: bool,
    /// Fail on a file whose last line has no newline (a truncated download), even
    /// when not strict.
    pub require_final_newline: bool,
}

/// A file to import and the name it is recorded under.
#[derive(Clone, Debug)]
pub struct Input {
    /// Where to read it.
    pub path: PathBuf,
    /// The name recorded: the path given, or the URL a file was fetched from.
    pub name: String,
    /// The MD5 it was published with and checked against, for fetched files.
    pub md5: Option<String>,
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
    /// Events stored: one per kept row, except POLECAT rows with several states on a
    /// side (one per pair).
    pub events: u64,
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
    /// The input the block is of.
    file: usize,
    /// Rows read in the block.
    read: u64,
    /// Malformed rows skipped, and the first messages.
    rejected: u64,
    messages: Vec<String>,
    /// Events kept.
    events: u64,
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

/// What the reading thread hands a parsing worker.
enum Work {
    /// The blocks that follow are of input `usize`, parsed with this parser.
    File(usize, Box<Parser>),
    /// A block of the current file.
    Block(Block),
}

/// A failure and the input it happened in, if one.
type Failed = ImportError;

impl ImportError {
    fn of(input: usize) -> impl Fn(StoreError) -> ImportError {
        move |error| ImportError {
            input: Some(input),
            error,
        }
    }
}

/// Any store error, not one input's.
impl<E: Into<StoreError>> From<E> for ImportError {
    fn from(e: E) -> Self {
        ImportError {
            input: None,
            error: e.into(),
        }
    }
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.error.fmt(f)
    }
}

impl std::error::Error for ImportError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.error)
    }
}

/// Parses blocks until they run out: one [`Parsed`] per block, then one with the
/// remaining batches. Month batches fill across the files of an import, so many small
/// files (GDELT's 15-minute exports) still give full row groups. A strict import's
/// first bad row is sent as the error.
fn parse_blocks(
    work: Receiver<Work>,
    out: SyncSender<std::result::Result<Parsed, Failed>>,
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
            let _ = out.send(Err(e.into()));
            return;
        }
    };
    let mut current: Option<(usize, Parser)> = None;
    for w in work {
        let block = match w {
            Work::File(i, parser) => {
                current = Some((i, *parser));
                continue;
            }
            Work::Block(b) => b,
        };
        let (file, parser) = current.as_mut().expect("a file before its blocks");
        let mut p = Parsed {
            file: *file,
            ..Parsed::default()
        };
        let mut fatal = None;
        p.read = parser.parse(&block, &mut |ev| match ev {
            Ok(ev) if fatal.is_none() => {
                p.events += 1;
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
        });
        let _ = used.send(block);
        let msg = match fatal {
            Some(e) => Err(ImportError::of(*file)(e.into())),
            None => encoder.encode(p).map_err(ImportError::from),
        };
        let stop = msg.is_err();
        if out.send(msg).is_err() || stop {
            return;
        }
    }
    let mut last = Parsed {
        file: current.map_or(0, |(i, _)| i),
        ..Parsed::default()
    };
    months.finish(&mut last);
    let _ = out.send(encoder.encode(last).map_err(ImportError::from));
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

/// Imports event files into the data directory `dir` (created if missing); the
/// manifest records each file's path and SHA-256.
pub fn import(
    dir: &Path,
    files: &[PathBuf],
    opts: ImportOptions,
    progress: &mut dyn FnMut(&Progress),
) -> Result<ImportReport> {
    let inputs: Vec<Input> = files
        .iter()
        .map(|p| Input {
            path: p.clone(),
            name: p.display().to_string(),
            md5: None,
        })
        .collect();
    import_inputs(dir, &inputs, opts, progress, false).map_err(|e| e.error)
}

/// An import that failed, and the input it failed on: unreadable, cut short, or
/// (strict) with a malformed row. `None` when the failure is not one input's.
#[derive(Debug)]
pub struct ImportError {
    /// The input's index.
    pub input: Option<usize>,
    /// What went wrong.
    pub error: StoreError,
}

/// Imports downloaded files as one atomic commit, as [`import`] does, and records
/// each under its name (URL) with its size, MD5, SHA-256 and rows in the import's
/// [`SOURCES`] list (see [`fetched_sources`]); the manifest names the first and last.
pub fn import_fetched(
    dir: &Path,
    inputs: &[Input],
    opts: ImportOptions,
    progress: &mut dyn FnMut(&Progress),
) -> std::result::Result<ImportReport, ImportError> {
    import_inputs(dir, inputs, opts, progress, true)
}

/// One source as imported: name, bytes, MD5 (fetched files), SHA-256, rows read.
struct SourceRow {
    name: String,
    bytes: u64,
    md5: Option<String>,
    sha256: String,
    rows: u64,
}

fn import_inputs(
    dir: &Path,
    inputs: &[Input],
    opts: ImportOptions,
    progress: &mut dyn FnMut(&Progress),
    fetched: bool,
) -> std::result::Result<ImportReport, ImportError> {
    commit_inputs(dir, inputs, opts, progress, fetched)
}

fn commit_inputs(
    dir: &Path,
    inputs: &[Input],
    opts: ImportOptions,
    progress: &mut dyn FnMut(&Progress),
    fetched: bool,
) -> std::result::Result<ImportReport, Failed> {
    std::fs::create_dir_all(dir).map_err(|e| StoreError::io(dir, e))?;
    let manifest = read_manifest(dir)?;
    let staging = Staging::new(dir, STAGING)?;
    let mut months: BTreeMap<(i32, u8), MonthWriter> = BTreeMap::new();
    let mut report = ImportReport {
        read: 0,
        kept: 0,
        rejected: 0,
        events: 0,
        messages: Vec::new(),
        months: 0,
        dir: String::new(),
    };
    let mut span: Option<(Date, Date)> = None;
    let mut sources: Vec<SourceRow> = Vec::new();
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get().min(8));
    let files = inputs.len();
    let mut rows = vec![0u64; files];
    // One thread opens each file in turn, reads and checksums it and cuts it into
    // blocks of lines; `threads` workers parse blocks into month batches encoded as
    // Parquet; this one appends them to the month files. The reader tells this side
    // which worker has each block, and results are taken in that order, so the files
    // written do not depend on thread timing. Blocks of a file whose rows depend on
    // each other (the coder's JSON Lines) all go to one worker. All channels but
    // the order are bounded, so memory is; when this side stops early (a strict
    // import's bad row) the other threads' next send fails and they end.
    let shas = std::thread::scope(
        |scope| -> std::result::Result<Vec<Option<String>>, Failed> {
            let mut to_workers = Vec::new();
            let mut from_workers = Vec::new();
            let (used_tx, used_rx) = channel::<Block>();
            for _ in 0..threads {
                let (wtx, wrx) = sync_channel::<Work>(2);
                let (ptx, prx) = sync_channel(2);
                let used = used_tx.clone();
                scope.spawn(move || parse_blocks(wrx, ptx, used, opts.strict, MAX_BUFFERED));
                to_workers.push(wtx);
                from_workers.push(prx);
            }
            drop(used_tx);
            let (order_tx, order_rx) = channel::<usize>();
            let reader = scope.spawn(
                move || -> std::result::Result<Vec<Option<String>>, Failed> {
                    let mut shas = Vec::new();
                    let mut k = 0;
                    for (i, input) in inputs.iter().enumerate() {
                        let failed = |e: EventError| ImportError::of(i)(StoreError::from(e));
                        let mut reader =
                            EventReader::open_as(&input.path, &input.name).map_err(failed)?;
                        if opts.strict || opts.require_final_newline {
                            reader.require_final_newline();
                        }
                        let (mut blocks, parser) = reader.into_parts();
                        let stateless = parser.is_stateless();
                        for w in &to_workers {
                            if w.send(Work::File(i, Box::new(parser.clone()))).is_err() {
                                return Ok(shas);
                            }
                        }
                        while let Some(block) = blocks.next() {
                            let w = if stateless { k % threads } else { 0 };
                            k += 1;
                            let block = block.map_err(failed)?;
                            if order_tx.send(w).is_err()
                                || to_workers[w].send(Work::Block(block)).is_err()
                            {
                                return Ok(shas);
                            }
                            while let Ok(b) = used_rx.try_recv() {
                                blocks.recycle(b);
                            }
                        }
                        shas.push(blocks.sha256());
                    }
                    // Each worker's last batches, once its input ends.
                    for w in 0..threads {
                        let _ = order_tx.send(w);
                    }
                    Ok(shas)
                },
            );
            for w in order_rx {
                let Ok(parsed) = from_workers[w].recv() else {
                    break;
                };
                let p = parsed?;
                rows[p.file] += p.read;
                report.read += p.read;
                report.rejected += p.rejected;
                report.kept += p.read - p.rejected;
                report.events += p.events;
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
                    file: p.file,
                    files,
                    rows: report.read,
                });
            }
            reader.join().expect("block reader panicked")
        },
    )?;
    for (i, (input, sha)) in inputs.iter().zip(shas).enumerate() {
        let path = &input.path;
        let at = ImportError::of(i);
        // The checksum came with the read, except for zip archives.
        let sha = match sha {
            Some(sha) => sha,
            None => file_sha256(path).map_err(&at)?,
        };
        let bytes = std::fs::metadata(path)
            .map_err(|e| at(StoreError::io(path, e)))?
            .len();
        sources.push(SourceRow {
            name: input.name.clone(),
            bytes,
            md5: input.md5.clone(),
            sha256: sha,
            rows: rows[i],
        });
    }
    progress(&Progress {
        file: files.saturating_sub(1),
        files,
        rows: report.read,
    });

    // A file imported before, or twice now, would count its events twice: refuse.
    let fetched_before = fetched_sources(dir)?;
    let mut seen: std::collections::HashSet<&str> = manifest
        .datasets
        .get(EVENTS)
        .map(|old| old.source_sha256.split([',', ';']).collect())
        .unwrap_or_default();
    seen.extend(fetched_before.iter().map(|f| f.sha256.as_str()));
    for s in &sources {
        if !seen.insert(s.sha256.as_str()) {
            return Err(StoreError::Store(format!(
                "{} is already imported (same SHA-256 {}…); nothing was imported",
                s.name,
                &s.sha256[..12]
            ))
            .into());
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
    if report.events == 0 {
        return Ok(report);
    }
    let mut manifest = manifest;
    let (first, last) = span.expect("events were kept");
    let mut new_files: Vec<FileEntry> = files_out
        .into_iter()
        .map(|(name, sha256, bytes, rows)| FileEntry {
            path: format!("{rel}/{name}"),
            sha256,
            bytes,
            rows: Some(rows),
        })
        .collect();
    let (source, source_sha) = if fetched {
        // A fetch imports thousands of files: the manifest, read by every command,
        // names the first and last; the list is a file of the import.
        let list = write_sources(&staging.path().join(SOURCES), &sources)?;
        let summary = match &sources[..] {
            [one] => one.name.clone(),
            [first, .., last] => format!(
                "{} … {} ({} files, listed in {rel}/{SOURCES})",
                first.name,
                last.name,
                sources.len()
            ),
            [] => unreachable!("events were kept"),
        };
        new_files.push(FileEntry {
            path: format!("{rel}/{SOURCES}"),
            sha256: list.clone(),
            bytes: std::fs::metadata(staging.path().join(SOURCES))
                .map_err(|e| StoreError::io(staging.path().join(SOURCES), e))?
                .len(),
            rows: None,
        });
        (summary, list)
    } else {
        let names = sources.iter().map(|s| s.name.as_str()).collect::<Vec<_>>();
        let shas = sources
            .iter()
            .map(|s| s.sha256.as_str())
            .collect::<Vec<_>>();
        (names.join(", "), shas.join(","))
    };
    let entry = match manifest.datasets.remove(EVENTS) {
        Some(mut old) => {
            if old
                .files
                .iter()
                .any(|f| f.path.starts_with(&format!("{rel}/")))
            {
                return Err(StoreError::Store(format!(
                    "these events are already imported (in {rel})"
                ))
                .into());
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
            files: new_files,
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

/// One fetched source as an import's [`SOURCES`] list records it.
#[derive(Clone, Debug, PartialEq)]
pub struct FetchedSource {
    /// The URL it was fetched from.
    pub name: String,
    /// Size in bytes.
    pub bytes: u64,
    /// The published MD5 it matched.
    pub md5: String,
    /// SHA-256 of the file.
    pub sha256: String,
    /// Rows read from it.
    pub rows: u64,
}

const SOURCES_HEADER: &str = "name\tbytes\tmd5\tsha256\trows";

/// Writes an import's list of sources; returns its SHA-256.
fn write_sources(path: &Path, sources: &[SourceRow]) -> Result<String> {
    let mut text = format!("{SOURCES_HEADER}\n");
    for s in sources {
        if s.name.contains(['\t', '\n', '\r']) {
            return Err(StoreError::Store(format!(
                "a source name cannot hold tabs or line breaks: {:?}",
                s.name
            )));
        }
        let md5 = s.md5.as_deref().unwrap_or("");
        text.push_str(&format!(
            "{}\t{}\t{md5}\t{}\t{}\n",
            s.name, s.bytes, s.sha256, s.rows
        ));
    }
    std::fs::write(path, &text).map_err(|e| StoreError::io(path, e))?;
    Ok(sha256_hex(text.as_bytes()))
}

/// Every source fetched into the data directory `dir`, from the [`SOURCES`] lists of
/// the imports its manifest names: what a resumed fetch skips.
pub fn fetched_sources(dir: &Path) -> Result<Vec<FetchedSource>> {
    let manifest = read_manifest(dir)?;
    let Some(events) = manifest.datasets.get(EVENTS) else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for f in events.files.iter().filter(|f| f.path.ends_with(SOURCES)) {
        let path = dir.join(&f.path);
        let text = std::fs::read_to_string(&path).map_err(|e| StoreError::io(&path, e))?;
        let bad = |line: usize, msg: &str| {
            StoreError::Store(format!(
                "{}:{line}: {msg}; run `multipolar data verify`",
                path.display()
            ))
        };
        let mut lines = text.lines();
        if lines.next() != Some(SOURCES_HEADER) {
            return Err(bad(1, "not a list of sources"));
        }
        for (k, line) in lines.enumerate() {
            let v: Vec<&str> = line.split('\t').collect();
            let num = |s: &str| s.parse::<u64>().map_err(|_| bad(k + 2, "bad number"));
            let [name, bytes, md5, sha256, rows] = v[..] else {
                return Err(bad(k + 2, "expected 5 fields"));
            };
            out.push(FetchedSource {
                name: name.to_string(),
                bytes: num(bytes)?,
                md5: md5.to_string(),
                sha256: sha256.to_string(),
                rows: num(rows)?,
            });
        }
    }
    Ok(out)
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

/// Prefix of an import's staging directory.
pub(crate) const STAGING: &str = ".staging-events-";

/// A directory of this process's work in progress (`{prefix}{pid}-{k}` in the data
/// directory), removed on drop unless kept.
pub(crate) struct Staging(Option<PathBuf>);

impl Staging {
    pub(crate) fn new(dir: &Path, prefix: &str) -> Result<Staging> {
        for k in 0..100u32 {
            let p = dir.join(format!("{prefix}{}-{k}", std::process::id()));
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

    pub(crate) fn path(&self) -> &Path {
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
