//! A [`VoteTable`] as two Parquet files: `roll_calls.parquet` and `ballots.parquet`.
//!
//! Countries are stored as their COW code (or, for entities outside the COW system,
//! the registry label) and re-resolved on load, so files stay readable by any tool
//! (R, pandas, DuckDB) and independent of the registry's internal ids.

use std::fs::File;
use std::path::Path;
use std::sync::Arc;

use arrow::array::{
    Array, ArrayRef, BooleanArray, Int32Array, Int64Array, StringArray, UInt8Array,
};
use arrow::datatypes::{DataType, Field, Schema};
use arrow::record_batch::RecordBatch;
use multipolar_countries::{CountryId, Registry};
use parquet::arrow::ArrowWriter;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

use crate::error::{DataError, Result};
use crate::votes::{Ballot, Issue, IssueSet, Origin, RollCall, Vote, VoteTable, VoteTableBuilder};

/// File name of the roll-call table.
pub const ROLL_CALLS: &str = "roll_calls.parquet";
/// File name of the ballot table.
pub const BALLOTS: &str = "ballots.parquet";

fn perr(path: &Path, e: impl std::fmt::Display) -> DataError {
    DataError::Parquet {
        path: path.to_path_buf(),
        msg: e.to_string(),
    }
}

fn write_batch(path: &Path, batch: &RecordBatch) -> Result<()> {
    let f = File::create(path).map_err(|e| DataError::io(path, e))?;
    let props = parquet::file::properties::WriterProperties::builder()
        .set_compression(parquet::basic::Compression::SNAPPY)
        .build();
    let mut w = ArrowWriter::try_new(f, batch.schema(), Some(props)).map_err(|e| perr(path, e))?;
    w.write(batch).map_err(|e| perr(path, e))?;
    let f = w.into_inner().map_err(|e| perr(path, e))?;
    f.sync_all().map_err(|e| DataError::io(path, e))?;
    Ok(())
}

fn batch(fields: Vec<Field>, cols: Vec<ArrayRef>, path: &Path) -> Result<RecordBatch> {
    RecordBatch::try_new(Arc::new(Schema::new(fields)), cols).map_err(|e| perr(path, e))
}

/// Writes the table into `dir` (which must exist).
pub fn write(table: &VoteTable, dir: &Path) -> Result<()> {
    let reg = Registry::global();
    let rcs = table.roll_calls();
    let p = dir.join(ROLL_CALLS);
    let b = batch(
        vec![
            Field::new("rcid", DataType::Int64, false),
            Field::new("session", DataType::Int32, false),
            Field::new("session_label", DataType::Utf8, true),
            Field::new("date", DataType::Utf8, false),
            Field::new("resolution", DataType::Utf8, false),
            Field::new("amend", DataType::Boolean, true),
            Field::new("para", DataType::Boolean, true),
            Field::new("important", DataType::Boolean, true),
            Field::new("short", DataType::Utf8, false),
            Field::new("descr", DataType::Utf8, false),
            Field::new("issues", DataType::Utf8, false),
            Field::new("origin", DataType::Utf8, false),
        ],
        vec![
            Arc::new(Int64Array::from_iter_values(
                rcs.iter().map(|r| i64::from(r.rcid)),
            )),
            Arc::new(Int32Array::from_iter_values(
                rcs.iter().map(|r| i32::from(r.session)),
            )),
            Arc::new(StringArray::from_iter(
                rcs.iter().map(|r| r.session_label.as_deref()),
            )),
            Arc::new(StringArray::from_iter_values(
                rcs.iter().map(|r| r.date.to_string()),
            )),
            Arc::new(StringArray::from_iter_values(
                rcs.iter().map(|r| r.resolution.as_str()),
            )),
            Arc::new(BooleanArray::from_iter(rcs.iter().map(|r| r.amend))),
            Arc::new(BooleanArray::from_iter(rcs.iter().map(|r| r.para))),
            Arc::new(BooleanArray::from_iter(rcs.iter().map(|r| r.important))),
            Arc::new(StringArray::from_iter_values(
                rcs.iter().map(|r| r.short.as_str()),
            )),
            Arc::new(StringArray::from_iter_values(
                rcs.iter().map(|r| r.descr.as_str()),
            )),
            Arc::new(StringArray::from_iter_values(rcs.iter().map(|r| {
                r.issues
                    .iter()
                    .map(Issue::code)
                    .collect::<Vec<_>>()
                    .join(",")
            }))),
            Arc::new(StringArray::from_iter_values(rcs.iter().map(
                |r| match r.origin {
                    Origin::Unvotes => "unvotes",
                    Origin::Undl => "undl",
                },
            ))),
        ],
        &p,
    )?;
    write_batch(&p, &b)?;

    let mut rcid = Vec::with_capacity(table.n_ballots());
    let mut ccode = Vec::with_capacity(table.n_ballots());
    let mut label = Vec::with_capacity(table.n_ballots());
    let mut vote = Vec::with_capacity(table.n_ballots());
    for (i, rc) in rcs.iter().enumerate() {
        for bl in table.ballots(i) {
            let c = reg.get(bl.country);
            rcid.push(i64::from(rc.rcid));
            ccode.push(c.cow().map(i32::from));
            label.push(c.label().to_string());
            vote.push(bl.vote.level());
        }
    }
    let p = dir.join(BALLOTS);
    let b = batch(
        vec![
            Field::new("rcid", DataType::Int64, false),
            Field::new("ccode", DataType::Int32, true),
            Field::new("country", DataType::Utf8, false),
            Field::new("vote", DataType::UInt8, false).with_metadata(
                [("levels".to_string(), "0 yes, 1 abstain, 2 no".to_string())].into(),
            ),
        ],
        vec![
            Arc::new(Int64Array::from(rcid)),
            Arc::new(Int32Array::from(ccode)),
            Arc::new(StringArray::from(label)),
            Arc::new(UInt8Array::from(vote)),
        ],
        &p,
    )?;
    write_batch(&p, &b)
}

fn read_batches(path: &Path) -> Result<Vec<RecordBatch>> {
    let f = File::open(path).map_err(|e| DataError::io(path, e))?;
    let r = ParquetRecordBatchReaderBuilder::try_new(f)
        .map_err(|e| perr(path, e))?
        .build()
        .map_err(|e| perr(path, e))?;
    r.collect::<std::result::Result<Vec<_>, _>>()
        .map_err(|e| perr(path, e))
}

fn col<'a, T: 'static>(b: &'a RecordBatch, name: &str, path: &Path) -> Result<&'a T> {
    b.column_by_name(name)
        .and_then(|c| c.as_any().downcast_ref::<T>())
        .ok_or_else(|| {
            perr(
                path,
                format!("column \"{name}\" is missing or has the wrong type"),
            )
        })
}

/// Reads a table written by [`write`] from `dir`, validating as the CSV readers do.
pub fn read(dir: &Path) -> Result<VoteTable> {
    let reg = Registry::global();
    let mut builder = VoteTableBuilder::default();
    let p = dir.join(ROLL_CALLS);
    let mut row = 0u64;
    let bad = |path: &Path, row: u64, field: &str, msg: String| DataError::Field {
        path: path.display().to_string(),
        line: row,
        field: field.into(),
        msg,
    };
    for b in read_batches(&p)? {
        let rcid = col::<Int64Array>(&b, "rcid", &p)?;
        let session = col::<Int32Array>(&b, "session", &p)?;
        let label = col::<StringArray>(&b, "session_label", &p)?;
        let date = col::<StringArray>(&b, "date", &p)?;
        let res = col::<StringArray>(&b, "resolution", &p)?;
        let amend = col::<BooleanArray>(&b, "amend", &p)?;
        let para = col::<BooleanArray>(&b, "para", &p)?;
        let imp = col::<BooleanArray>(&b, "important", &p)?;
        let short = col::<StringArray>(&b, "short", &p)?;
        let descr = col::<StringArray>(&b, "descr", &p)?;
        let issues = col::<StringArray>(&b, "issues", &p)?;
        let origin = col::<StringArray>(&b, "origin", &p)?;
        let opt = |a: &BooleanArray, i: usize| (!a.is_null(i)).then(|| a.value(i));
        for i in 0..b.num_rows() {
            row += 1;
            let id = u32::try_from(rcid.value(i))
                .map_err(|_| bad(&p, row, "rcid", format!("invalid rcid {}", rcid.value(i))))?;
            let mut set = IssueSet::default();
            for code in issues.value(i).split(',').filter(|s| !s.is_empty()) {
                set.insert(Issue::parse(code).ok_or_else(|| {
                    bad(&p, row, "issues", format!("unknown issue code \"{code}\""))
                })?);
            }
            let rc = RollCall {
                rcid: id,
                session: u16::try_from(session.value(i)).map_err(|_| {
                    bad(
                        &p,
                        row,
                        "session",
                        format!("invalid session {}", session.value(i)),
                    )
                })?,
                session_label: (!label.is_null(i)).then(|| label.value(i).to_string()),
                date: date.value(i).parse().map_err(|_| {
                    bad(
                        &p,
                        row,
                        "date",
                        format!("invalid date \"{}\"", date.value(i)),
                    )
                })?,
                resolution: res.value(i).to_string(),
                amend: opt(amend, i),
                para: opt(para, i),
                important: opt(imp, i),
                short: short.value(i).to_string(),
                descr: descr.value(i).to_string(),
                issues: set,
                origin: match origin.value(i) {
                    "undl" => Origin::Undl,
                    "unvotes" => Origin::Unvotes,
                    o => return Err(bad(&p, row, "origin", format!("unknown origin \"{o}\""))),
                },
            };
            if !builder.add_roll_call(rc) {
                return Err(bad(&p, row, "rcid", format!("duplicate roll call {id}")));
            }
        }
    }
    let p = dir.join(BALLOTS);
    let mut row = 0u64;
    let mut cache: std::collections::HashMap<(Option<i32>, String), CountryId> = Default::default();
    for b in read_batches(&p)? {
        let rcid = col::<Int64Array>(&b, "rcid", &p)?;
        let ccode = col::<Int32Array>(&b, "ccode", &p)?;
        let label = col::<StringArray>(&b, "country", &p)?;
        let vote = col::<UInt8Array>(&b, "vote", &p)?;
        for i in 0..b.num_rows() {
            row += 1;
            let cc = (!ccode.is_null(i)).then(|| ccode.value(i));
            let key = (cc, label.value(i).to_string());
            let country = match cache.get(&key) {
                Some(c) => *c,
                None => {
                    let c = match cc {
                        Some(cc) => u16::try_from(cc).ok().and_then(|cc| reg.by_cow(cc)),
                        None => reg.resolve(&key.1, None).ok(),
                    }
                    .ok_or_else(|| {
                        bad(
                            &p,
                            row,
                            "country",
                            format!("unknown country {:?} \"{}\"", cc, key.1),
                        )
                    })?;
                    cache.insert(key, c);
                    c
                }
            };
            let vote = match vote.value(i) {
                0 => Vote::Yes,
                1 => Vote::Abstain,
                2 => Vote::No,
                v => {
                    return Err(bad(
                        &p,
                        row,
                        "vote",
                        format!("unknown vote level {v} (expected 0, 1 or 2)"),
                    ));
                }
            };
            let id = u32::try_from(rcid.value(i)).unwrap_or(u32::MAX);
            builder
                .add_ballot(id, Ballot { country, vote })
                .map_err(|e| bad(&p, row, "rcid", format!("{e:?} on roll call {id}")))?;
        }
    }
    Ok(builder.finish())
}
