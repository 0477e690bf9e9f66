//! Reading CSV (plain or gzip) with errors that name file, line and field.

use std::io::{BufReader, Read};

use crate::error::{DataError, Result};

/// A named byte source: a file on disk or a bundled dataset.
pub struct Source<'a> {
    /// Name used in error messages (a path, or `bundled:NAME`).
    pub name: String,
    reader: Box<dyn Read + 'a>,
}

impl<'a> Source<'a> {
    /// Wraps bytes, decompressing when they start with the gzip magic number.
    pub fn from_bytes(name: impl Into<String>, bytes: &'a [u8]) -> Self {
        Source::from_reader(name, bytes)
    }

    /// Opens a file, decompressing when it starts with the gzip magic number.
    pub fn open(path: &std::path::Path) -> Result<Source<'static>> {
        let f = std::fs::File::open(path).map_err(|e| DataError::io(path, e))?;
        Ok(Source::from_reader(path.display().to_string(), f))
    }

    /// Wraps any reader, sniffing gzip.
    pub fn from_reader(name: impl Into<String>, r: impl Read + 'a) -> Self {
        let mut r = BufReader::with_capacity(1 << 16, r);
        let gz =
            matches!(std::io::BufRead::fill_buf(&mut r), Ok(b) if b.starts_with(&[0x1f, 0x8b]));
        let reader: Box<dyn Read + 'a> = if gz {
            Box::new(flate2::bufread::MultiGzDecoder::new(r))
        } else {
            Box::new(r)
        };
        Source {
            name: name.into(),
            reader,
        }
    }
}

/// A CSV table being read row by row, with its required columns located.
pub struct Table<'a> {
    pub(crate) name: String,
    rdr: csv::Reader<Box<dyn Read + 'a>>,
    /// Column index of each required column, in the order asked for.
    pub(crate) cols: Vec<usize>,
    names: Vec<&'static str>,
    record: csv::StringRecord,
}

impl<'a> Table<'a> {
    /// Reads the header and checks that every `required` column is present.
    pub fn new(src: Source<'a>, required: &[&'static str]) -> Result<Self> {
        let name = src.name;
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(true)
            .flexible(false)
            .from_reader(src.reader);
        let header = rdr.headers().map_err(|e| csv_error(&name, e))?.clone();
        if header.is_empty() || (header.len() == 1 && header[0].is_empty()) {
            return Err(DataError::File {
                path: name,
                msg: "empty file: expected a header row".into(),
            });
        }
        let mut cols = Vec::with_capacity(required.len());
        for &c in required {
            match header
                .iter()
                .position(|h| h.trim_start_matches('\u{feff}') == c)
            {
                Some(i) => cols.push(i),
                None => {
                    return Err(DataError::MissingColumn {
                        path: name,
                        column: c.into(),
                        found: header.iter().collect::<Vec<_>>().join(", "),
                    });
                }
            }
        }
        Ok(Table {
            name,
            rdr,
            cols,
            names: required.to_vec(),
            record: csv::StringRecord::new(),
        })
    }

    /// Advances to the next row; `Ok(false)` at the end.
    pub fn next_row(&mut self) -> Result<bool> {
        let last = self.line();
        self.rdr.read_record(&mut self.record).map_err(|e| {
            let e = csv_error(&self.name, e);
            match e {
                // An I/O error (a truncated stream) has no CSV position: place it
                // after the last row read.
                DataError::File { path, msg } if last > 0 => DataError::Row {
                    path,
                    line: last + 1,
                    msg,
                },
                e => e,
            }
        })
    }

    /// 1-based line of the current row.
    pub fn line(&self) -> u64 {
        self.record.position().map_or(0, |p| p.line())
    }

    /// The `i`-th required column of the current row.
    pub fn get(&self, i: usize) -> &str {
        &self.record[self.cols[i]]
    }

    /// An error about the `i`-th required column of the current row.
    pub fn field_error(&self, i: usize, msg: impl Into<String>) -> DataError {
        DataError::Field {
            path: self.name.clone(),
            line: self.line(),
            field: self.names[i].to_string(),
            msg: msg.into(),
        }
    }

    /// An error about the current row as a whole.
    pub fn row_error(&self, msg: impl Into<String>) -> DataError {
        DataError::Row {
            path: self.name.clone(),
            line: self.line(),
            msg: msg.into(),
        }
    }

    /// Parses an integer column.
    pub fn int<T: std::str::FromStr>(&self, i: usize) -> Result<T> {
        let v = self.get(i).trim();
        v.parse()
            .map_err(|_| self.field_error(i, format!("expected a whole number, found \"{v}\"")))
    }

    /// Parses a 0/1 flag column; empty is `None`.
    pub fn flag(&self, i: usize) -> Result<Option<bool>> {
        match self.get(i).trim() {
            "" => Ok(None),
            "0" => Ok(Some(false)),
            "1" => Ok(Some(true)),
            v => Err(self.field_error(i, format!("expected 0, 1 or empty, found \"{v}\""))),
        }
    }

    /// Parses a `YYYY-MM-DD` date column (a time part after it is ignored).
    pub fn date(&self, i: usize) -> Result<multipolar_countries::Date> {
        let v = self.get(i).trim();
        let d = v.get(..10).unwrap_or(v);
        d.parse()
            .map_err(|_| self.field_error(i, format!("expected a date YYYY-MM-DD, found \"{v}\"")))
    }
}

fn csv_error(name: &str, e: csv::Error) -> DataError {
    let line = e.position().map(|p| p.line());
    let msg = match e.into_kind() {
        csv::ErrorKind::Io(io) => {
            if io.kind() == std::io::ErrorKind::UnexpectedEof {
                "truncated file: the gzip stream ends early (re-download or re-export it)"
                    .to_string()
            } else {
                format!("cannot read ({io}); is it a CSV or gzip-compressed CSV file?")
            }
        }
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => {
            format!("expected {expected_len} fields, found {len}")
        }
        csv::ErrorKind::Utf8 { err, .. } => format!("invalid UTF-8 ({err})"),
        other => format!("{other:?}"),
    };
    match line {
        Some(line) => DataError::Row {
            path: name.into(),
            line,
            msg,
        },
        None => DataError::File {
            path: name.into(),
            msg,
        },
    }
}
