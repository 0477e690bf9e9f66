//! `multipolar data`: list, import, verify and update datasets.

use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use multipolar_data::fetch;
use multipolar_data::store::{ImportReport, Store};
use multipolar_output::{Column, Format, Frame};

use crate::args::{DataCommand, ImportKind, UpdateKind};
use crate::common;

pub fn run(data_dir: &Option<PathBuf>, cmd: DataCommand) -> Result<()> {
    let mut store = common::store(data_dir)?;
    match cmd {
        DataCommand::List => list(&store),
        DataCommand::Import {
            kind: ImportKind::Undl,
            file,
        } => {
            let bytes =
                std::fs::read(&file).with_context(|| format!("cannot read {}", file.display()))?;
            let name = file.display().to_string();
            let report = store.import_undl(&bytes, &name, &name)?;
            summary(&store, &report);
            Ok(())
        }
        DataCommand::Verify => {
            let lines = store.verify();
            let mut failed = 0;
            for l in &lines {
                match &l.problem {
                    None => println!("ok      {}", l.what),
                    Some(p) => {
                        failed += 1;
                        println!("FAILED  {}: {p}", l.what);
                    }
                }
            }
            if failed > 0 {
                bail!(
                    "{failed} of {} checks failed in {}",
                    lines.len(),
                    store.dir().display()
                );
            }
            Ok(())
        }
        DataCommand::Update {
            dataset: UpdateKind::Unga,
            url,
        } => {
            let url = match url {
                Some(u) => u,
                None => {
                    let record = std::env::var("MULTIPOLAR_UNDL_RECORD")
                        .unwrap_or_else(|_| fetch::UNDL_RECORD.to_string());
                    let export = format!("{}/export/xm", record.trim_end_matches('/'));
                    eprintln!("multipolar: reading the record {export}");
                    let xml = fetch::get(&export)?;
                    fetch::find_csv_link(&String::from_utf8_lossy(&xml), &record)
                        .with_context(|| format!("no CSV file is linked from {export}; pass the file's address with --url"))?
                }
            };
            eprintln!("multipolar: downloading {url}");
            let bytes = fetch::get(&url)?;
            let report = store.import_undl(&bytes, &url, &url)?;
            summary(&store, &report);
            Ok(())
        }
    }
}

fn summary(store: &Store, r: &ImportReport) {
    let e = &r.entry;
    eprintln!(
        "multipolar: imported {} roll calls and {} ballots ({} … {}) into {}",
        e.roll_calls,
        e.ballots,
        e.first_date,
        e.last_date,
        store.dir().display()
    );
    eprintln!(
        "multipolar: {} roll calls extend the bundled data; {} already in it (same date and resolution, or dated within its coverage) are not counted twice",
        r.merge.added, r.merge.duplicates
    );
}

fn list(store: &Store) -> Result<()> {
    let mut f = Frame::new();
    f.meta("data directory", store.dir().display().to_string());
    let mut name = Vec::new();
    let mut kind = Vec::new();
    let mut rows = Vec::new();
    let mut coverage = Vec::new();
    let mut sha = Vec::new();
    let mut source = Vec::new();
    let bundled = multipolar_data::unvotes::bundled()?;
    let (lo, hi) = bundled.date_range().expect("bundled data are not empty");
    name.push("unga-unvotes".to_string());
    kind.push("bundled".to_string());
    rows.push(bundled.n_ballots() as i64);
    coverage.push(format!(
        "{lo} … {hi}, {} roll calls",
        bundled.roll_calls().len()
    ));
    sha.push(multipolar_datasets::UNGA_VOTES.sha256[..12].to_string());
    source.push("Voeten UNGA votes via unvotes 2021 (CC0)".to_string());
    for (n, e) in &store.manifest().datasets {
        name.push(n.clone());
        kind.push(format!("imported {}", e.imported_at));
        if e.roll_calls > 0 {
            rows.push(e.ballots as i64);
            coverage.push(format!(
                "{} … {}, {} roll calls",
                e.first_date, e.last_date, e.roll_calls
            ));
        } else {
            // Event data: rows are the files' (manifests before rows were recorded
            // show none).
            rows.push(e.files.iter().filter_map(|f| f.rows).sum::<u64>() as i64);
            coverage.push(format!(
                "{} … {}, {} files",
                e.first_date,
                e.last_date,
                e.files.len()
            ));
        }
        sha.push(e.source_sha256[..12].to_string());
        source.push(e.source.clone());
    }
    f.push(Column::strs("dataset", name));
    f.push(Column::strs("kind", kind));
    f.push(Column::ints("rows", rows));
    f.push(Column::strs("coverage", coverage));
    f.push(Column::strs("sha256", sha));
    f.push(Column::strs("source", source));
    common::write_frame(&f, Format::Table, None)
}
