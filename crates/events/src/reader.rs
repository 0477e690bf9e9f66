//! Opening event files: archive sniffing, layout detection, row iteration.

use std::fs::File;
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom};
use std::path::Path;

use crate::error::{EventError, Result};
use crate::event::Event;
use crate::{coded, gdelt, icews};

/// Which layout a file has, decided from its first row.
#[derive(Clone, Debug)]
enum Layout {
    /// GDELT 1.0 (`true` for 61-column GDELT 2.0).
    Gdelt { v2: bool },
    /// ICEWS, with the column of each field it needs.
    Icews(icews::Columns),
    /// JSON Lines from `multipolar code`, one record per line.
    Coded,
}

/// A streaming reader of one event file (GDELT 1.0, GDELT 2.0 or ICEWS; plain, gzip
/// or zip), yielding one [`Event`] or one error per row.
///
/// The layout is recognised from the first row: a header (`GLOBALEVENTID…` for GDELT,
/// `Event ID…`/`event_id…` for ICEWS) or, for headerless GDELT exports, the number of
/// fields (57 or 58 → 1.0, 61 → 2.0). Tab- and comma-separated files are both read.
/// Memory use is one row at a time.
pub struct EventReader {
    path: String,
    rdr: csv::Reader<Box<dyn Read + Send>>,
    layout: Layout,
    /// A headerless file's first row, read to recognise the layout.
    pending: Option<csv::StringRecord>,
    record: csv::StringRecord,
    done: bool,
    counter: coded::Counter,
}

impl EventReader {
    /// Opens a file, unpacking zip (first entry) or gzip by their magic numbers.
    pub fn open(path: &Path) -> Result<EventReader> {
        let name = path.display().to_string();
        let io = |e| EventError::Io {
            path: path.to_path_buf(),
            source: e,
        };
        let mut f = File::open(path).map_err(io)?;
        let mut magic = [0u8; 4];
        let n = f.read(&mut magic).map_err(io)?;
        f.seek(SeekFrom::Start(0)).map_err(io)?;
        if n == 4 && magic == *b"PK\x03\x04" {
            let entry = zip_entry(&name, f)?;
            EventReader::from_reader(name, entry)
        } else {
            EventReader::from_reader(name, f)
        }
    }

    /// Reads from any byte stream (gzip is recognised), named `name` in errors.
    pub fn from_reader(
        name: impl Into<String>,
        r: impl Read + Send + 'static,
    ) -> Result<EventReader> {
        let path = name.into();
        let mut r = BufReader::with_capacity(1 << 16, r);
        let file_err = |msg: String| EventError::File {
            path: path.clone(),
            msg,
        };
        let head = r
            .fill_buf()
            .map_err(|e| file_err(format!("cannot read: {e}")))?;
        let mut r: Box<dyn BufRead + Send> = if head.starts_with(&[0x1f, 0x8b]) {
            Box::new(BufReader::with_capacity(
                1 << 16,
                flate2::bufread::MultiGzDecoder::new(r),
            ))
        } else {
            Box::new(r)
        };
        let head = r
            .fill_buf()
            .map_err(|e| file_err(format!("cannot decompress: {e}")))?;
        let first_line = head.split(|&b| b == b'\n').next().unwrap_or(&[]);
        let tab = first_line.contains(&b'\t');
        // JSON Lines (the coder's output): one record per line. A JSON text holds no
        // raw control character, so splitting on the unit separator keeps each line
        // one field.
        let json = first_line
            .iter()
            .find(|b| !b.is_ascii_whitespace() && **b != 0xEF && **b != 0xBB && **b != 0xBF)
            == Some(&b'{');
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(if json {
                0x1f
            } else if tab {
                b'\t'
            } else {
                b','
            })
            // Published GDELT and ICEWS files are unquoted tab-separated text, where a
            // quote is an ordinary character; comma-separated copies quote.
            .quoting(!tab && !json)
            .from_reader(Box::new(r) as Box<dyn Read + Send>);
        let mut first = csv::StringRecord::new();
        match rdr.read_record(&mut first) {
            Ok(true) => {}
            Ok(false) => return Err(file_err("empty file".into())),
            Err(e) => return Err(file_err(format!("cannot read the first row: {e}"))),
        }
        let head0 = first.get(0).unwrap_or("").trim_start_matches('\u{feff}');
        let (layout, pending) = if json {
            (Layout::Coded, Some(first))
        } else if head0.eq_ignore_ascii_case("GLOBALEVENTID") {
            (gdelt_layout(&path, first.len())?, None)
        } else if head0.eq_ignore_ascii_case("Event ID") || head0 == "event_id" {
            (
                Layout::Icews(icews::Columns::from_header(&path, &first)?),
                None,
            )
        } else {
            (gdelt_layout(&path, first.len())?, Some(first))
        };
        Ok(EventReader {
            path,
            rdr,
            layout,
            pending,
            record: csv::StringRecord::new(),
            done: false,
            counter: coded::Counter::default(),
        })
    }

    /// The name used in errors.
    pub fn path(&self) -> &str {
        &self.path
    }

    fn parse(&mut self, rec: &csv::StringRecord) -> Result<Event, String> {
        match &self.layout {
            Layout::Gdelt { v2 } => gdelt::parse(rec, *v2),
            Layout::Icews(cols) => icews::parse(rec, cols),
            Layout::Coded => coded::parse(rec.get(0).unwrap_or(""), &mut self.counter),
        }
    }

    fn row_error(&self, rec: &csv::StringRecord, msg: String) -> EventError {
        EventError::Row {
            path: self.path.clone(),
            line: rec.position().map_or(0, |p| p.line()),
            msg,
        }
    }
}

impl Iterator for EventReader {
    type Item = Result<Event>;

    fn next(&mut self) -> Option<Result<Event>> {
        if self.done {
            return None;
        }
        if let Some(rec) = self.pending.take() {
            let parsed = self.parse(&rec);
            return Some(parsed.map_err(|m| self.row_error(&rec, m)));
        }
        let mut rec = std::mem::take(&mut self.record);
        let out = match self.rdr.read_record(&mut rec) {
            Ok(false) => {
                self.done = true;
                None
            }
            Ok(true) => {
                let parsed = self.parse(&rec);
                Some(parsed.map_err(|m| self.row_error(&rec, m)))
            }
            Err(e) => match e.kind() {
                csv::ErrorKind::Utf8 { pos, .. } => Some(Err(EventError::Row {
                    path: self.path.clone(),
                    line: pos.as_ref().map_or(0, |p| p.line()),
                    msg: "not valid UTF-8".into(),
                })),
                _ => {
                    // I/O errors mid-stream are truncated or corrupt archives: the
                    // rest of the file cannot be trusted.
                    self.done = true;
                    Some(Err(EventError::File {
                        path: self.path.clone(),
                        msg: format!("truncated or corrupt: {e}"),
                    }))
                }
            },
        };
        self.record = rec;
        out
    }
}

fn gdelt_layout(path: &str, fields: usize) -> Result<Layout> {
    match fields {
        57 | 58 => Ok(Layout::Gdelt { v2: false }),
        61 => Ok(Layout::Gdelt { v2: true }),
        n => Err(EventError::File {
            path: path.into(),
            msg: format!(
                "not a GDELT or ICEWS event file: the first row has {n} fields \
                 (GDELT 1.0 has 57 or 58, GDELT 2.0 has 61, ICEWS starts with a header)"
            ),
        }),
    }
}

/// The first entry of a zip archive, streamed: the archive's directory is read with
/// the `zip` crate, the entry's bytes are inflated as they are read.
fn zip_entry(name: &str, f: File) -> Result<Box<dyn Read + Send>> {
    let bad = |msg: String| EventError::File {
        path: name.into(),
        msg,
    };
    let mut archive = zip::ZipArchive::new(f)
        .map_err(|e| bad(format!("truncated or corrupt zip archive: {e}")))?;
    let (start, size, method) = {
        let entry = archive
            .by_index(0)
            .map_err(|e| bad(format!("zip archive has no readable entry: {e}")))?;
        (
            entry.data_start(),
            entry.compressed_size(),
            entry.compression(),
        )
    };
    let mut f = archive.into_inner();
    f.seek(SeekFrom::Start(start))
        .map_err(|e| bad(format!("cannot read the zip entry: {e}")))?;
    let raw = BufReader::with_capacity(1 << 16, f.take(size));
    match method {
        zip::CompressionMethod::Stored => Ok(Box::new(raw)),
        zip::CompressionMethod::Deflated => Ok(Box::new(flate2::bufread::DeflateDecoder::new(raw))),
        m => Err(bad(format!("unsupported zip compression {m}"))),
    }
}
