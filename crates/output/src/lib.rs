//! Self-describing output: one typed, column-major [`Frame`] written as a terminal
//! table, CSV, JSON or Parquet.
//!
//! Every frame carries metadata (`meta`: what was computed, over which data, in which
//! convention) and a description per column. How each format carries them:
//!
//! * **table**: a header block of `# key: value` lines, the columns, then one legend
//!   line per described column;
//! * **CSV**: plain RFC 4180, header row of column names, missing values as empty
//!   fields (the metadata would break CSV readers, so use JSON or Parquet to keep it);
//! * **JSON**: `{"meta": {...}, "columns": [{"name", "type", "description"}],
//!   "rows": [{column: value}]}`, missing values as `null`;
//! * **Parquet**: one row group per 1M rows, `meta` as file key-value metadata,
//!   column descriptions as field metadata (`description`), missing values as nulls.
//!
//! ```
//! use multipolar_output::{Column, Format, Frame};
//! let mut f = Frame::new();
//! f.meta("measure", "half-credit agreement");
//! f.push(Column::ints("session", vec![46, 47]));
//! f.push(Column::floats("agree", vec![Some(0.5), None]).describe("Voeten agreement"));
//! let mut out = Vec::new();
//! f.write(Format::Csv, &mut out).unwrap();
//! assert_eq!(String::from_utf8(out).unwrap(), "session,agree\n46,0.5\n47,\n");
//! ```
#![deny(missing_docs)]

use std::io::Write;
use std::sync::Arc;

/// An output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Aligned columns for a terminal.
    Table,
    /// Comma-separated values.
    Csv,
    /// One JSON document.
    Json,
    /// Apache Parquet.
    Parquet,
}

impl Format {
    /// Parses `table`, `csv`, `json` or `parquet`.
    pub fn parse(s: &str) -> Option<Format> {
        Some(match s {
            "table" => Format::Table,
            "csv" => Format::Csv,
            "json" => Format::Json,
            "parquet" => Format::Parquet,
            _ => return None,
        })
    }

    /// Whether the bytes are binary (never written to a terminal).
    pub fn is_binary(self) -> bool {
        self == Format::Parquet
    }
}

/// The values of one column.
#[derive(Clone, Debug, PartialEq)]
pub enum Data {
    /// Whole numbers.
    Int(Vec<i64>),
    /// Real numbers; `None` is missing (undefined), never 0.
    Float(Vec<Option<f64>>),
    /// Text.
    Str(Vec<String>),
}

impl Data {
    fn len(&self) -> usize {
        match self {
            Data::Int(v) => v.len(),
            Data::Float(v) => v.len(),
            Data::Str(v) => v.len(),
        }
    }

    fn type_name(&self) -> &'static str {
        match self {
            Data::Int(_) => "integer",
            Data::Float(_) => "number",
            Data::Str(_) => "string",
        }
    }
}

/// A named column with an optional description (its convention, for measures).
#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    /// Column name.
    pub name: String,
    /// What the column holds.
    pub description: Option<String>,
    /// Values.
    pub data: Data,
}

impl Column {
    /// An integer column.
    pub fn ints(name: impl Into<String>, v: Vec<i64>) -> Self {
        Column {
            name: name.into(),
            description: None,
            data: Data::Int(v),
        }
    }

    /// A real-valued column.
    pub fn floats(name: impl Into<String>, v: Vec<Option<f64>>) -> Self {
        Column {
            name: name.into(),
            description: None,
            data: Data::Float(v),
        }
    }

    /// A text column.
    pub fn strs(name: impl Into<String>, v: Vec<String>) -> Self {
        Column {
            name: name.into(),
            description: None,
            data: Data::Str(v),
        }
    }

    /// Adds a description.
    pub fn describe(mut self, d: impl Into<String>) -> Self {
        self.description = Some(d.into());
        self
    }
}

/// A table of equal-length columns plus metadata.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Frame {
    /// Metadata, in insertion order.
    pub meta: Vec<(String, String)>,
    /// Columns.
    pub columns: Vec<Column>,
}

/// Writing failed.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    /// The destination failed.
    #[error("cannot write output: {0}")]
    Io(#[from] std::io::Error),
    /// CSV encoding failed.
    #[error("cannot write CSV: {0}")]
    Csv(#[from] csv::Error),
    /// Arrow or Parquet encoding failed.
    #[error("cannot write Parquet: {0}")]
    Parquet(String),
}

impl Frame {
    /// An empty frame.
    pub fn new() -> Self {
        Frame::default()
    }

    /// Adds a metadata entry.
    pub fn meta(&mut self, key: impl Into<String>, value: impl Into<String>) {
        self.meta.push((key.into(), value.into()));
    }

    /// Appends a column; panics if its length differs from the others' (a
    /// programming error, not a data error).
    pub fn push(&mut self, c: Column) {
        if let Some(first) = self.columns.first() {
            assert_eq!(
                first.data.len(),
                c.data.len(),
                "column {} has the wrong length",
                c.name
            );
        }
        self.columns.push(c);
    }

    /// The values of the column called `name`.
    pub fn column(&self, name: &str) -> Option<&Data> {
        self.columns
            .iter()
            .find(|c| c.name == name)
            .map(|c| &c.data)
    }

    /// The integer column called `name`.
    pub fn ints(&self, name: &str) -> Option<&[i64]> {
        match self.column(name)? {
            Data::Int(v) => Some(v),
            _ => None,
        }
    }

    /// The real-valued column called `name`.
    pub fn floats(&self, name: &str) -> Option<&[Option<f64>]> {
        match self.column(name)? {
            Data::Float(v) => Some(v),
            _ => None,
        }
    }

    /// The text column called `name`.
    pub fn strs(&self, name: &str) -> Option<&[String]> {
        match self.column(name)? {
            Data::Str(v) => Some(v),
            _ => None,
        }
    }

    /// Number of rows.
    pub fn n_rows(&self) -> usize {
        self.columns.first().map_or(0, |c| c.data.len())
    }

    /// Writes the frame in `format`.
    pub fn write(&self, format: Format, out: &mut dyn Write) -> Result<(), OutputError> {
        match format {
            Format::Table => self.write_table(out),
            Format::Csv => self.write_csv(out),
            Format::Json => self.write_json(out),
            Format::Parquet => self.write_parquet(out),
        }
    }

    fn cell(&self, c: usize, r: usize, precision: Option<usize>) -> String {
        match &self.columns[c].data {
            Data::Int(v) => v[r].to_string(),
            Data::Float(v) => match (v[r], precision) {
                (None, _) => String::new(),
                (Some(x), Some(p)) => format!("{x:.p$}"),
                (Some(x), None) => format!("{x}"),
            },
            Data::Str(v) => v[r].clone(),
        }
    }

    fn write_table(&self, out: &mut dyn Write) -> Result<(), OutputError> {
        for (k, v) in &self.meta {
            writeln!(out, "# {k}: {v}")?;
        }
        let n = self.n_rows();
        let cells: Vec<Vec<String>> = (0..self.columns.len())
            .map(|c| {
                (0..n)
                    .map(|r| {
                        let s = self.cell(c, r, Some(3));
                        if s.is_empty() && matches!(self.columns[c].data, Data::Float(_)) {
                            "-".into()
                        } else {
                            s
                        }
                    })
                    .collect()
            })
            .collect();
        let widths: Vec<usize> = self
            .columns
            .iter()
            .zip(&cells)
            .map(|(col, cs)| {
                cs.iter()
                    .map(|s| s.chars().count())
                    .chain([col.name.chars().count()])
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let line = |out: &mut dyn Write,
                    items: &mut dyn Iterator<Item = (usize, String)>|
         -> std::io::Result<()> {
            let mut s = String::new();
            for (c, v) in items {
                if c > 0 {
                    s.push_str("  ");
                }
                let pad = widths[c] - v.chars().count();
                if matches!(self.columns[c].data, Data::Str(_)) {
                    s.push_str(&v);
                    s.extend(std::iter::repeat_n(' ', pad));
                } else {
                    s.extend(std::iter::repeat_n(' ', pad));
                    s.push_str(&v);
                }
            }
            writeln!(out, "{}", s.trim_end())
        };
        line(
            out,
            &mut self.columns.iter().map(|c| c.name.clone()).enumerate(),
        )?;
        for r in 0..n {
            line(out, &mut cells.iter().map(|cs| cs[r].clone()).enumerate())?;
        }
        let described: Vec<&Column> = self
            .columns
            .iter()
            .filter(|c| c.description.is_some())
            .collect();
        if !described.is_empty() {
            writeln!(out)?;
            for c in described {
                writeln!(
                    out,
                    "{}: {}",
                    c.name,
                    c.description.as_deref().unwrap_or_default()
                )?;
            }
        }
        Ok(())
    }

    fn write_csv(&self, out: &mut dyn Write) -> Result<(), OutputError> {
        let mut w = csv::Writer::from_writer(out);
        w.write_record(self.columns.iter().map(|c| c.name.as_str()))?;
        for r in 0..self.n_rows() {
            w.write_record((0..self.columns.len()).map(|c| self.cell(c, r, None)))?;
        }
        w.flush()?;
        Ok(())
    }

    fn write_json(&self, out: &mut dyn Write) -> Result<(), OutputError> {
        use serde_json::{Map, Value, json};
        let meta: Map<String, Value> = self
            .meta
            .iter()
            .map(|(k, v)| (k.clone(), Value::String(v.clone())))
            .collect();
        let columns: Vec<Value> = self
            .columns
            .iter()
            .map(|c| json!({"name": c.name, "type": c.data.type_name(), "description": c.description}))
            .collect();
        let rows: Vec<Value> = (0..self.n_rows())
            .map(|r| {
                let m: Map<String, Value> = self
                    .columns
                    .iter()
                    .map(|c| {
                        let v = match &c.data {
                            Data::Int(v) => json!(v[r]),
                            Data::Float(v) => v[r]
                                .filter(|x| x.is_finite())
                                .map_or(Value::Null, |x| json!(x)),
                            Data::Str(v) => json!(v[r]),
                        };
                        (c.name.clone(), v)
                    })
                    .collect();
                Value::Object(m)
            })
            .collect();
        let doc = json!({"meta": meta, "columns": columns, "rows": rows});
        serde_json::to_writer_pretty(&mut *out, &doc).map_err(std::io::Error::from)?;
        writeln!(out)?;
        Ok(())
    }

    /// The frame as one Arrow record batch with metadata attached.
    pub fn to_record_batch(&self) -> Result<arrow::record_batch::RecordBatch, OutputError> {
        use arrow::array::{ArrayRef, Float64Array, Int64Array, StringArray};
        use arrow::datatypes::{DataType, Field, Schema};
        let mut fields = Vec::new();
        let mut arrays: Vec<ArrayRef> = Vec::new();
        for c in &self.columns {
            let (dt, arr, nullable): (DataType, ArrayRef, bool) = match &c.data {
                Data::Int(v) => (
                    DataType::Int64,
                    Arc::new(Int64Array::from(v.clone())),
                    false,
                ),
                Data::Float(v) => (
                    DataType::Float64,
                    Arc::new(Float64Array::from(v.clone())),
                    true,
                ),
                Data::Str(v) => (
                    DataType::Utf8,
                    Arc::new(StringArray::from(v.clone())),
                    false,
                ),
            };
            let mut f = Field::new(&c.name, dt, nullable);
            if let Some(d) = &c.description {
                f = f.with_metadata([("description".to_string(), d.clone())].into());
            }
            fields.push(f);
            arrays.push(arr);
        }
        let schema = Schema::new(fields).with_metadata(self.meta.iter().cloned().collect());
        arrow::record_batch::RecordBatch::try_new(Arc::new(schema), arrays)
            .map_err(|e| OutputError::Parquet(e.to_string()))
    }

    fn write_parquet(&self, out: &mut dyn Write) -> Result<(), OutputError> {
        let batch = self.to_record_batch()?;
        let props = parquet::file::properties::WriterProperties::builder()
            .set_compression(parquet::basic::Compression::SNAPPY)
            .set_max_row_group_row_count(Some(1 << 20))
            .build();
        let mut buf = Vec::new();
        let mut w = parquet::arrow::ArrowWriter::try_new(&mut buf, batch.schema(), Some(props))
            .map_err(|e| OutputError::Parquet(e.to_string()))?;
        w.write(&batch)
            .map_err(|e| OutputError::Parquet(e.to_string()))?;
        w.close().map_err(|e| OutputError::Parquet(e.to_string()))?;
        out.write_all(&buf)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame() -> Frame {
        let mut f = Frame::new();
        f.meta("measure", "test");
        f.push(Column::strs("pair", vec!["MAR–USA".into(), "A,B".into()]));
        f.push(Column::floats("x", vec![Some(0.25), None]).describe("a value"));
        f
    }

    #[test]
    fn csv_quotes_and_leaves_missing_empty() {
        let mut out = Vec::new();
        frame().write(Format::Csv, &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "pair,x\nMAR–USA,0.25\n\"A,B\",\n"
        );
    }

    #[test]
    fn json_has_meta_columns_and_nulls() {
        let mut out = Vec::new();
        frame().write(Format::Json, &mut out).unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(v["meta"]["measure"], "test");
        assert_eq!(v["columns"][1]["description"], "a value");
        assert_eq!(v["rows"][0]["x"], 0.25);
        assert!(v["rows"][1]["x"].is_null());
    }

    #[test]
    fn table_aligns_and_marks_missing() {
        let mut out = Vec::new();
        frame().write(Format::Table, &mut out).unwrap();
        let s = String::from_utf8(out).unwrap();
        assert_eq!(
            s,
            "# measure: test\npair         x\nMAR–USA  0.250\nA,B          -\n\nx: a value\n"
        );
    }

    #[test]
    fn parquet_round_trips_nulls_and_metadata() {
        let mut out = Vec::new();
        frame().write(Format::Parquet, &mut out).unwrap();
        let r = parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder::try_new(
            bytes::Bytes::from(out),
        )
        .unwrap();
        assert_eq!(
            r.schema().metadata().get("measure").map(String::as_str),
            Some("test")
        );
        let batch = r.build().unwrap().next().unwrap().unwrap();
        use arrow::array::Array;
        let x = batch
            .column(1)
            .as_any()
            .downcast_ref::<arrow::array::Float64Array>()
            .unwrap();
        assert_eq!(x.value(0), 0.25);
        assert!(x.is_null(1));
    }
}
