//! Opening event files: archive sniffing, layout detection, blocks of rows.
//!
//! A file is read in blocks of whole lines ([`Blocks`]) and each block is parsed by a
//! [`Parser`]. The two halves can run on different threads — an importer reads blocks
//! on one and parses them on several — while [`EventReader`] runs both in turn for
//! callers that want one event after another.

use std::collections::VecDeque;
use std::fs::File;
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom};
use std::path::Path;
use std::sync::Arc;

use sha2::{Digest, Sha256};

use crate::error::{EventError, Result};
use crate::event::Event;
use crate::{coded, gdelt, icews, polecat};

/// Bytes per block: large enough that handing a block to another thread costs
/// nothing next to parsing it (~3,000 GDELT rows), small enough to keep memory flat.
const BLOCK: usize = 1 << 20;

/// Which layout a file has, decided from its first row.
#[derive(Clone, Debug)]
enum Layout {
    /// GDELT 1.0 (`true` for 61-column GDELT 2.0).
    Gdelt { v2: bool },
    /// ICEWS, with the column of each field it needs.
    Icews(icews::Columns),
    /// POLECAT, with the column of each field it needs (boxed: it names 16).
    Polecat(Box<polecat::Columns>),
    /// JSON Lines from `multipolar code`, one record per line.
    Coded,
}

/// How a line splits into fields.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Split {
    /// Unquoted text, one record per line, fields between tabs (published GDELT and
    /// ICEWS files, where a quote is an ordinary character).
    Tab,
    /// One field per line (JSON Lines: a JSON text holds no raw newline).
    Line,
    /// Comma-separated with quoting, as the `icews` R package writes: a quoted field
    /// may hold a newline, so only the `csv` crate splits these.
    Csv,
}

/// The fields of one row, borrowed from its block.
pub(crate) struct Row<'a> {
    text: &'a str,
    spans: &'a [(usize, usize)],
}

impl<'a> Row<'a> {
    /// Number of fields.
    pub(crate) fn len(&self) -> usize {
        self.spans.len()
    }

    /// Field `i`, if there is one.
    pub(crate) fn get(&self, i: usize) -> Option<&'a str> {
        self.spans.get(i).map(|&(a, b)| &self.text[a..b])
    }
}

/// A run of whole lines of one file, and the file line it starts on (1-based).
pub struct Block {
    bytes: Vec<u8>,
    first_line: u64,
}

/// Parses blocks of one file into events. Cloned, it parses on another thread; the
/// parsers of stateless layouts (see [`Parser::is_stateless`]) may share a file's blocks.
#[derive(Clone)]
pub struct Parser {
    path: Arc<str>,
    layout: Layout,
    split: Split,
    counter: coded::Counter,
    /// Reused between rows, so parsing a GDELT row allocates nothing.
    event: Event,
    /// The events of a POLECAT row (one per pair of states).
    events: Vec<Event>,
    spans: Vec<(usize, usize)>,
}

impl Parser {
    /// Whether a row's event depends only on the row. The coder's JSON Lines number
    /// the events of a sentence across lines, so their blocks must be parsed in order
    /// by one parser.
    pub fn is_stateless(&self) -> bool {
        !matches!(self.layout, Layout::Coded)
    }

    /// The name used in errors.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// Parses every row of `block`, handing each event (or row error) to `each`, and
    /// returns the number of rows. A row gives one event, except a POLECAT row with
    /// several actor or recipient states (one per pair). The event is borrowed: it is
    /// overwritten by the next row.
    pub fn parse(&mut self, block: &Block, each: &mut dyn FnMut(Result<&Event>)) -> u64 {
        match self.split {
            Split::Tab | Split::Line => self.parse_lines(block, each),
            Split::Csv => self.parse_csv(block, each),
        }
    }

    /// Hands the events of the row just parsed to `each`.
    fn emit(&self, each: &mut dyn FnMut(Result<&Event>)) {
        if matches!(self.layout, Layout::Polecat(_)) {
            self.events.iter().for_each(|e| each(Ok(e)));
        } else {
            each(Ok(&self.event));
        }
    }

    fn parse_lines(&mut self, block: &Block, each: &mut dyn FnMut(Result<&Event>)) -> u64 {
        let bytes = &block.bytes[..];
        let mut start = 0;
        let mut rows = 0;
        let mut spans = std::mem::take(&mut self.spans);
        let ends = memchr::memchr_iter(b'\n', bytes).chain(std::iter::once(bytes.len()));
        for (line, end) in (block.first_line..).zip(ends) {
            let raw = &bytes[start..end];
            start = end + 1;
            let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
            if raw.is_empty() {
                continue;
            }
            rows += 1;
            let Ok(text) = std::str::from_utf8(raw) else {
                each(Err(self.row_error(line, "not valid UTF-8".into())));
                continue;
            };
            spans.clear();
            if self.split == Split::Tab {
                split_tabs(raw, &mut spans);
            } else {
                spans.push((0, raw.len()));
            }
            let row = Row {
                text,
                spans: &spans,
            };
            match self.parse_row(&row) {
                Ok(()) => self.emit(each),
                Err(m) => each(Err(self.row_error(line, m))),
            }
        }
        self.spans = spans;
        rows
    }

    fn parse_csv(&mut self, block: &Block, each: &mut dyn FnMut(Result<&Event>)) -> u64 {
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(&block.bytes[..]);
        let mut rec = csv::StringRecord::new();
        let mut rows = 0;
        let mut spans = std::mem::take(&mut self.spans);
        loop {
            let line = |p: Option<&csv::Position>| block.first_line + p.map_or(1, |p| p.line()) - 1;
            match rdr.read_record(&mut rec) {
                Ok(false) => break,
                Ok(true) => {
                    rows += 1;
                    spans.clear();
                    spans.extend(
                        (0..rec.len())
                            .filter_map(|i| rec.range(i))
                            .map(|r| (r.start, r.end)),
                    );
                    let row = Row {
                        text: rec.as_slice(),
                        spans: &spans,
                    };
                    match self.parse_row(&row) {
                        Ok(()) => self.emit(each),
                        Err(m) => each(Err(self.row_error(line(rec.position()), m))),
                    }
                }
                Err(e) => {
                    rows += 1;
                    let msg = match e.kind() {
                        csv::ErrorKind::Utf8 { .. } => "not valid UTF-8".to_string(),
                        _ => e.to_string(),
                    };
                    each(Err(self.row_error(line(e.position()), msg)));
                }
            }
        }
        self.spans = spans;
        rows
    }

    fn parse_row(&mut self, row: &Row) -> Result<(), String> {
        match &self.layout {
            Layout::Gdelt { v2 } => gdelt::parse_into(row, *v2, &mut self.event),
            Layout::Icews(cols) => {
                self.event = icews::parse(row, cols)?;
                Ok(())
            }
            Layout::Polecat(cols) => polecat::parse(row, cols, &mut self.events),
            Layout::Coded => {
                self.event = coded::parse(row.get(0).unwrap_or(""), &mut self.counter)?;
                Ok(())
            }
        }
    }

    fn row_error(&self, line: u64, msg: String) -> EventError {
        EventError::Row {
            path: self.path.to_string(),
            line,
            msg,
        }
    }
}

/// The blocks of one file, in order. An error (a truncated or corrupt archive) ends
/// the file: what follows cannot be trusted.
pub struct Blocks {
    path: Arc<str>,
    src: Box<dyn BufRead + Send>,
    /// Bytes read past the last whole line, carried into the next block.
    carry: Vec<u8>,
    /// Buffers of parsed blocks, for the next blocks.
    spare: Vec<Vec<u8>>,
    next_line: u64,
    quoted: bool,
    done: bool,
    /// Whether the input has been read to its end.
    complete: bool,
    /// Whether a last line without a newline is an error (a truncated file).
    require_newline: bool,
    /// SHA-256 of the source file's bytes as read, when they all pass through here
    /// (not for zip archives, whose directory is read apart).
    sha: Option<Arc<std::sync::Mutex<Option<Sha256>>>>,
}

impl Blocks {
    /// Hex SHA-256 of the whole source file, once every block has been read; `None`
    /// for zip archives, or before the end.
    pub fn sha256(&self) -> Option<String> {
        if !self.complete {
            return None;
        }
        let h = self.sha.as_ref()?.lock().expect("hasher lock").take()?;
        Some(h.finalize().iter().map(|b| format!("{b:02x}")).collect())
    }

    /// Takes back a parsed block's buffer for the next block: reusing a few buffers
    /// spares the allocator and the kernel a fresh megabyte per block.
    pub fn recycle(&mut self, block: Block) {
        if self.spare.len() < 4 {
            self.spare.push(block.bytes);
        }
    }

    fn read_block(&mut self) -> Result<Option<Block>> {
        let mut buf = self
            .spare
            .pop()
            .unwrap_or_else(|| Vec::with_capacity(BLOCK));
        buf.clear();
        buf.extend_from_slice(&self.carry);
        self.carry.clear();
        let mut want = BLOCK.max(buf.len() * 2);
        loop {
            let eof = fill(&mut self.src, &mut buf, want).map_err(|e| EventError::File {
                path: self.path.to_string(),
                msg: format!("truncated or corrupt: {e}"),
            })?;
            if eof && self.require_newline && buf.last().is_some_and(|&b| b != b'\n') {
                return Err(EventError::File {
                    path: self.path.to_string(),
                    msg: format!(
                        "truncated: the last line (line {}) has no newline",
                        self.next_line + memchr::memchr_iter(b'\n', &buf).count() as u64
                    ),
                });
            }
            let cut = if eof {
                Some(buf.len())
            } else {
                last_line_end(&buf, self.quoted)
            };
            self.complete = eof;
            match cut {
                Some(0) if eof => return Ok(None),
                Some(cut) => {
                    self.carry.extend_from_slice(&buf[cut..]);
                    buf.truncate(cut);
                    let first_line = self.next_line;
                    self.next_line += memchr::memchr_iter(b'\n', &buf).count() as u64;
                    if eof {
                        self.done = true;
                    }
                    return Ok(Some(Block {
                        bytes: buf,
                        first_line,
                    }));
                }
                // A line longer than the block: read on.
                None => want = buf.len() * 2,
            }
        }
    }
}

impl Iterator for Blocks {
    type Item = Result<Block>;

    fn next(&mut self) -> Option<Result<Block>> {
        if self.done {
            return None;
        }
        let out = self.read_block();
        if !matches!(out, Ok(Some(_))) {
            self.done = true;
        }
        out.transpose()
    }
}

/// Reads from `src` until `buf` holds `want` bytes or the input ends (`true`). Large
/// reads bypass the `BufReader`'s buffer, so bytes are copied once, into `buf`.
fn fill(src: &mut dyn BufRead, buf: &mut Vec<u8>, want: usize) -> std::io::Result<bool> {
    while buf.len() < want {
        let need = (want - buf.len()) as u64;
        if src.take(need).read_to_end(buf)? == 0 {
            return Ok(true);
        }
    }
    Ok(false)
}

/// The fields of a tab-separated line, as spans: eight bytes at a time, marking each
/// tab byte exactly (a byte `x` of `w = bytes ^ 0x09…` is zero iff it was a tab, and
/// `((x & 0x7f) + 0x7f) | x` has its high bit set iff `x != 0`, without carries into
/// the next byte). GDELT rows have 57–61 short fields, where calling `memchr` per
/// field costs more than this whole scan.
fn split_tabs(raw: &[u8], spans: &mut Vec<(usize, usize)>) {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const TABS: u64 = 0x0909_0909_0909_0909;
    let mut start = 0;
    let mut words = raw.chunks_exact(8);
    for (k, word) in words.by_ref().enumerate() {
        let w = u64::from_le_bytes(word.try_into().expect("eight bytes")) ^ TABS;
        let mut tabs = !(((w & LOW7) + LOW7) | w | LOW7);
        while tabs != 0 {
            let at = k * 8 + (tabs.trailing_zeros() / 8) as usize;
            spans.push((start, at));
            start = at + 1;
            tabs &= tabs - 1;
        }
    }
    let base = raw.len() - words.remainder().len();
    for (j, &b) in words.remainder().iter().enumerate() {
        if b == b'\t' {
            spans.push((start, base + j));
            start = base + j + 1;
        }
    }
    spans.push((start, raw.len()));
}

/// Just past the last newline of `buf` that ends a record: any newline for unquoted
/// text, one outside quotes (an even number of `"` before it) for quoted CSV.
fn last_line_end(buf: &[u8], quoted: bool) -> Option<usize> {
    if !quoted {
        return memchr::memrchr(b'\n', buf).map(|i| i + 1);
    }
    let mut inside = false;
    let mut last = None;
    for i in memchr::memchr2_iter(b'"', b'\n', buf) {
        if buf[i] == b'"' {
            inside = !inside;
        } else if !inside {
            last = Some(i + 1);
        }
    }
    last
}

/// Passes bytes through, hashing them: the source file's checksum comes from the same
/// read as its rows, not from a second pass over gigabytes.
struct Hashing<R> {
    inner: R,
    sha: Arc<std::sync::Mutex<Option<Sha256>>>,
}

impl<R: Read> Read for Hashing<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        if let Some(h) = self.sha.lock().expect("hasher lock").as_mut() {
            h.update(&buf[..n]);
        }
        Ok(n)
    }
}

/// A streaming reader of one event file (GDELT 1.0, GDELT 2.0, ICEWS or POLECAT;
/// plain, gzip or zip), yielding one [`Event`] (several for a POLECAT row with
/// several states on a side) or one error per row.
///
/// The layout is recognised from the first row: a header (`GLOBALEVENTID…` for GDELT,
/// `Event ID…`/`event_id…` for ICEWS, the same with `Event Type` and no CAMEO code
/// for POLECAT) or, for headerless GDELT exports, the number of fields (57 or 58 → 1.0,
/// 61 → 2.0). Tab- and comma-separated files are both read.
/// Memory use is one block of rows at a time.
pub struct EventReader {
    blocks: Blocks,
    parser: Parser,
    queue: VecDeque<Result<Event>>,
}

impl EventReader {
    /// Opens a file, unpacking zip (first entry) or gzip by their magic numbers.
    pub fn open(path: &Path) -> Result<EventReader> {
        EventReader::open_as(path, &path.display().to_string())
    }

    /// Opens a file as [`open`](Self::open) does, naming it `name` in errors (the URL
    /// a downloaded file came from).
    pub fn open_as(path: &Path, name: &str) -> Result<EventReader> {
        let name = name.to_string();
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
            let sha = Arc::new(std::sync::Mutex::new(Some(Sha256::new())));
            let tee = Hashing {
                inner: f,
                sha: sha.clone(),
            };
            let mut r = EventReader::from_reader(name, tee)?;
            r.blocks.sha = Some(sha);
            Ok(r)
        }
    }

    /// Reads from any byte stream (gzip is recognised), named `name` in errors.
    pub fn from_reader(
        name: impl Into<String>,
        r: impl Read + Send + 'static,
    ) -> Result<EventReader> {
        let path: Arc<str> = name.into().into();
        let mut r = BufReader::with_capacity(1 << 16, r);
        let file_err = |msg: String| EventError::File {
            path: path.to_string(),
            msg,
        };
        let head = r
            .fill_buf()
            .map_err(|e| file_err(format!("cannot read: {e}")))?;
        let mut src: Box<dyn BufRead + Send> = if head.starts_with(&[0x1f, 0x8b]) {
            Box::new(BufReader::with_capacity(
                1 << 16,
                flate2::bufread::MultiGzDecoder::new(r),
            ))
        } else {
            Box::new(r)
        };
        let mut first = Vec::new();
        src.read_until(b'\n', &mut first)
            .map_err(|e| file_err(format!("cannot read the first row: {e}")))?;
        if let Some(rest) = first.strip_prefix(b"\xEF\xBB\xBF") {
            first = rest.to_vec();
        }
        let text = String::from_utf8_lossy(&first);
        let line = text.trim_end_matches(['\n', '\r']);
        if line.trim().is_empty() {
            return Err(file_err("empty file".into()));
        }
        let split = if line.trim_start().starts_with('{') {
            Split::Line
        } else if line.contains('\t') {
            Split::Tab
        } else {
            Split::Csv
        };
        let fields: Vec<String> = match split {
            Split::Tab => line.split('\t').map(str::to_string).collect(),
            Split::Line => vec![line.to_string()],
            Split::Csv => {
                let mut rec = csv::StringRecord::new();
                csv::ReaderBuilder::new()
                    .has_headers(false)
                    .from_reader(line.as_bytes())
                    .read_record(&mut rec)
                    .map_err(|e| file_err(format!("cannot read the first row: {e}")))?;
                rec.iter().map(str::to_string).collect()
            }
        };
        let head0 = fields.first().map_or("", String::as_str);
        let (layout, header) = if split == Split::Line {
            (Layout::Coded, false)
        } else if head0.eq_ignore_ascii_case("GLOBALEVENTID") {
            (gdelt_layout(&path, fields.len())?, true)
        } else if (head0.eq_ignore_ascii_case("Event ID") || head0 == "event_id")
            && polecat::is_polecat_header(&polecat::normalise(&fields))
        {
            (
                Layout::Polecat(Box::new(polecat::Columns::from_header(&path, &fields)?)),
                true,
            )
        } else if head0.eq_ignore_ascii_case("Event ID") || head0 == "event_id" {
            (
                Layout::Icews(icews::Columns::from_header(&path, &fields)?),
                true,
            )
        } else {
            (gdelt_layout(&path, fields.len())?, false)
        };
        let (carry, next_line) = if header { (Vec::new(), 2) } else { (first, 1) };
        Ok(EventReader {
            blocks: Blocks {
                path: path.clone(),
                src,
                carry,
                spare: Vec::new(),
                next_line,
                quoted: split == Split::Csv,
                done: false,
                complete: false,
                require_newline: false,
                sha: None,
            },
            parser: Parser {
                path,
                layout,
                split,
                counter: coded::Counter::default(),
                event: Event::blank(),
                events: Vec::new(),
                spans: Vec::new(),
            },
            queue: VecDeque::new(),
        })
    }

    /// The name used in errors.
    pub fn path(&self) -> &str {
        self.parser.path()
    }

    /// Makes a last line without a newline an error: every published event file ends
    /// with one, so its absence means the file was cut short (possibly inside the
    /// last field, which would otherwise read as a valid row).
    pub fn require_final_newline(&mut self) {
        self.blocks.require_newline = true;
    }

    /// The file's blocks and the parser for them, to run on separate threads.
    pub fn into_parts(self) -> (Blocks, Parser) {
        (self.blocks, self.parser)
    }
}

impl Iterator for EventReader {
    type Item = Result<Event>;

    fn next(&mut self) -> Option<Result<Event>> {
        loop {
            if let Some(ev) = self.queue.pop_front() {
                return Some(ev);
            }
            match self.blocks.next()? {
                Ok(block) => {
                    let queue = &mut self.queue;
                    self.parser
                        .parse(&block, &mut |ev| queue.push_back(ev.cloned()));
                }
                Err(e) => return Some(Err(e)),
            }
        }
    }
}

fn gdelt_layout(path: &str, fields: usize) -> Result<Layout> {
    match fields {
        57 | 58 => Ok(Layout::Gdelt { v2: false }),
        61 => Ok(Layout::Gdelt { v2: true }),
        n => Err(EventError::File {
            path: path.into(),
            msg: format!(
                "not a GDELT, ICEWS or POLECAT event file: the first row has {n} fields \
                 (GDELT 1.0 has 57 or 58, GDELT 2.0 has 61, ICEWS and POLECAT start with a header)"
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn tab_split_matches_str_split(s in "[a\t\u{e9}\u{9}\u{89}b]{0,40}") {
            let mut spans = Vec::new();
            split_tabs(s.as_bytes(), &mut spans);
            let got: Vec<&str> = spans.iter().map(|&(a, b)| &s[a..b]).collect();
            let want: Vec<&str> = s.split('\t').collect();
            prop_assert_eq!(got, want);
        }
    }
}
