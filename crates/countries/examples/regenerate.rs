//! Regenerates the embedded source extracts in `data/` from the shared open-data folder.
//!
//! ```text
//! cargo run -p multipolar-countries --example regenerate            # reads ../../../shared/data
//! cargo run -p multipolar-countries --example regenerate -- DIR     # reads DIR instead
//! ```
//!
//! Each output is a gzip-compressed CSV holding a column subset of one source file; no value is
//! changed. `data/historical.csv` is hand-written and is not touched. See `data/PROVENANCE.md`.

use std::error::Error;
use std::fs::File;
use std::io::{BufReader, Write};
use std::path::{Path, PathBuf};

use flate2::Compression;
use flate2::read::GzDecoder;
use flate2::write::GzEncoder;

/// (source file, output file, columns kept in this order).
const EXTRACTS: &[(&str, &str, &[&str])] = &[
    (
        "country_codes_codelist.csv.gz",
        "codelist.csv.gz",
        &[
            "country.name.en",
            "cow.name",
            "iso.name.en",
            "un.name.en",
            "p4.name",
            "vdem.name",
            "iso2c",
            "iso3c",
            "cown",
            "gwn",
            "un",
        ],
    ),
    (
        "cow_states2016.csv.gz",
        "cow_states2016.csv.gz",
        &[
            "stateabb", "ccode", "statenme", "styear", "stmonth", "stday", "endyear", "endmonth",
            "endday",
        ],
    ),
    (
        "gw_states.csv.gz",
        "gw_states.csv.gz",
        &["gwcode", "stateabb", "statename", "startdate", "enddate"],
    ),
];

fn main() -> Result<(), Box<dyn Error>> {
    let crate_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let src_dir = std::env::args_os()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| crate_dir.join("../../../shared/data"));
    for (src, out, cols) in EXTRACTS {
        let n = extract(&src_dir.join(src), &crate_dir.join("data").join(out), cols)?;
        println!("data/{out}: {n} rows from {src}");
    }
    Ok(())
}

fn extract(src: &Path, out: &Path, cols: &[&str]) -> Result<usize, Box<dyn Error>> {
    let file = File::open(src).map_err(|e| format!("{}: {e}", src.display()))?;
    let mut rdr = csv::Reader::from_reader(GzDecoder::new(BufReader::new(file)));
    let header = rdr.headers()?.clone();
    let idx: Vec<usize> = cols
        .iter()
        .map(|c| {
            header
                .iter()
                .position(|h| h == *c)
                .ok_or_else(|| format!("{}: no column {c}", src.display()))
        })
        .collect::<Result<_, _>>()?;
    // Fixed gzip header (no mtime) so that regenerating unchanged data gives identical bytes.
    let gz = flate2::GzBuilder::new()
        .mtime(0)
        .write(Vec::new(), Compression::best());
    let mut wtr = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(gz);
    wtr.write_record(cols)?;
    let mut n = 0;
    for rec in rdr.records() {
        let rec = rec?;
        wtr.write_record(idx.iter().map(|&i| rec.get(i).unwrap_or("")))?;
        n += 1;
    }
    let gz: GzEncoder<Vec<u8>> = wtr.into_inner().map_err(|e| e.to_string())?;
    File::create(out)?.write_all(&gz.finish()?)?;
    Ok(n)
}
