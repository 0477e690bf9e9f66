//! `multipolar data`: list, import, verify and update datasets.

use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use multipolar_data::fetch;
use multipolar_data::store::trade::DotsUnit;
use multipolar_data::store::{ImportReport, Store, TradeImportReport};
use multipolar_output::{Column, Format, Frame};

use crate::args::{DataCommand, ImportKind, TradeUnit, UpdateKind};
use crate::common;

pub fn run(data_dir: &Option<PathBuf>, cmd: DataCommand) -> Result<()> {
    let mut store = common::store(data_dir)?;
    match cmd {
        DataCommand::List => list(&store),
        DataCommand::Import {
            kind,
            files,
            codes,
            unit,
        } => {
            if codes.is_some() && kind != ImportKind::Baci {
                return Err(usage("--codes is for baci"));
            }
            if unit.is_some() && kind != ImportKind::Dots {
                return Err(usage("--unit is for dots"));
            }
            let one = || match files.as_slice() {
                [f] => Ok(f.clone()),
                _ => Err(usage("give one file (several yearly files are for baci)")),
            };
            match kind {
                ImportKind::Undl => {
                    let file = one()?;
                    let bytes = std::fs::read(&file)
                        .with_context(|| format!("cannot read {}", file.display()))?;
                    let name = file.display().to_string();
                    let report = store.import_undl(&bytes, &name, &name)?;
                    summary(&store, &report);
                }
                ImportKind::Baci => {
                    let codes = codes.expect("clap requires --codes for baci");
                    let r = store.import_baci(&codes, &files)?;
                    trade_summary(&store, &r);
                }
                ImportKind::Dots => {
                    let unit = match unit.expect("clap requires --unit for dots") {
                        TradeUnit::Dollars => DotsUnit::Dollars,
                        TradeUnit::Millions => DotsUnit::Millions,
                    };
                    let r = store.import_dots(&one()?, unit)?;
                    trade_summary(&store, &r);
                }
            }
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
            from,
            to,
            latest,
            base_url,
            ..
        } => {
            if from.is_some() || to.is_some() || latest || base_url.is_some() {
                return Err(usage(
                    "--from, --to, --latest and --base-url are for gdelt and gdelt1; unga takes --url",
                ));
            }
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
        DataCommand::Update {
            dataset,
            url,
            from,
            to,
            latest,
            base_url,
            commit_mb,
            strict,
        } => {
            if url.is_some() {
                return Err(usage(
                    "--url is for unga; give GDELT a mirror with --base-url",
                ));
            }
            let request = GdeltRequest {
                v1: dataset == UpdateKind::Gdelt1,
                from,
                to,
                latest,
                base_url,
                commit_mb,
                strict,
            };
            gdelt::update(store.dir(), request)
        }
    }
}

fn usage(msg: &str) -> anyhow::Error {
    anyhow::Error::new(multipolar_query::Usage(msg.to_string()))
}

/// The flags of `data update gdelt|gdelt1` (unread in a build without the event store).
#[cfg_attr(not(feature = "events"), allow(dead_code))]
struct GdeltRequest {
    v1: bool,
    from: Option<String>,
    to: Option<String>,
    latest: bool,
    base_url: Option<String>,
    commit_mb: u64,
    strict: bool,
}

/// `data update gdelt|gdelt1`, with the event store.
#[cfg(feature = "events")]
mod gdelt {
    use std::io::IsTerminal;
    use std::path::Path;

    use anyhow::{Result, bail};
    use multipolar_countries::Date;
    use multipolar_data::gdelt::{GDELT1_BASE, GDELT2_BASE};
    use multipolar_eventstore::fetch::{
        FetchEvent, FetchOptions, Gdelt, Selection, fetch_gdelt, today_utc,
    };

    use super::{GdeltRequest, usage};

    pub fn update(dir: &Path, r: GdeltRequest) -> Result<()> {
        let selection = if r.latest {
            if r.v1 {
                return Err(usage(
                    "GDELT 1.0 publishes no list of its newest file; give --from (and --to)",
                ));
            }
            Selection::Latest
        } else {
            let Some(from) = r.from.as_deref() else {
                return Err(usage("give --from DATE (and --to DATE), or --latest"));
            };
            let from = day(from, false)?;
            let to = r.to.as_deref().map(|t| day(t, true)).transpose()?;
            let to = to.unwrap_or_else(today_utc);
            if from > to {
                return Err(usage(&format!("--from {from} is after --to {to}")));
            }
            Selection::Days(from..=to)
        };
        let (gdelt, default_base) = if r.v1 {
            (Gdelt::V1, GDELT1_BASE)
        } else {
            (Gdelt::V2, GDELT2_BASE)
        };
        let opts = FetchOptions {
            gdelt,
            base_url: r.base_url.unwrap_or_else(|| default_base.to_string()),
            selection,
            commit_bytes: r.commit_mb.saturating_mul(1_000_000),
            strict: r.strict,
        };
        let bar = std::io::stderr().is_terminal().then(|| {
            let b = indicatif::ProgressBar::new(0);
            b.set_style(
                indicatif::ProgressStyle::with_template(
                    "{spinner} [{elapsed}] {bar:30} {bytes}/{total_bytes} {msg}",
                )
                .expect("valid template"),
            );
            b
        });
        // Lines go above the bar on a terminal, to stderr otherwise.
        let say = |line: String| match &bar {
            Some(b) => b.println(line),
            None => eprintln!("{line}"),
        };
        let on_event = |e: &FetchEvent| match e {
            FetchEvent::Listed {
                list,
                files,
                bytes,
                skipped,
            } => {
                say(format!(
                    "multipolar: {list}: {files} files to fetch ({:.1} MB), {skipped} already imported",
                    *bytes as f64 / 1e6
                ));
                if let Some(b) = &bar {
                    b.set_length(*bytes);
                }
            }
            FetchEvent::Bytes(n) => {
                if let Some(b) = &bar {
                    b.inc(*n);
                }
            }
            FetchEvent::Retry { url, lost, why } => {
                if let Some(b) = &bar {
                    b.set_position(b.position().saturating_sub(*lost));
                }
                say(format!("multipolar: {url}: {why}; retrying"));
            }
            FetchEvent::Failed { error, .. } => say(format!("multipolar: failed: {error}")),
            FetchEvent::Rows(n) => {
                if let Some(b) = &bar {
                    b.set_message(format!("importing: {n} rows read"));
                }
            }
            FetchEvent::Committed(r) => say(format!(
                "multipolar: imported {} rows ({} events) into {}",
                r.kept,
                r.events,
                dir.join(&r.dir).display()
            )),
        };
        let result = fetch_gdelt(dir, &opts, &on_event);
        if let Some(b) = &bar {
            b.finish_and_clear();
        }
        let r = result?;
        for m in &r.messages {
            eprintln!("multipolar: skipped {m}");
        }
        if r.rejected > r.messages.len() as u64 {
            eprintln!(
                "multipolar: … and {} more malformed rows",
                r.rejected - r.messages.len() as u64
            );
        }
        eprintln!(
            "multipolar: {} of {} listed files fetched and imported, {} already imported, {} failed; \
             rows read {}, kept {}, rejected {}; {} events in {} imports",
            r.imported,
            r.listed,
            r.skipped,
            r.failed.len(),
            r.read,
            r.kept,
            r.rejected,
            r.events,
            r.commits
        );
        if !r.failed.is_empty() {
            let list: Vec<String> = r.failed.iter().map(|(_, e)| format!("  {e}")).collect();
            bail!(
                "{} files failed (run the same command again to retry them):\n{}",
                r.failed.len(),
                list.join("\n")
            );
        }
        Ok(())
    }

    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; a year or month is its first day (`end`:
    /// its last).
    fn day(s: &str, end: bool) -> Result<Date> {
        let bad = || {
            usage(&format!(
                "bad date \"{s}\"; expected YYYY, YYYY-MM or YYYY-MM-DD"
            ))
        };
        let parts: Vec<&str> = s.split('-').collect();
        let (y, m) = match parts[..] {
            [_, _, _] => return s.parse().map_err(|_| bad()),
            [y] => (y, None),
            [y, m] => (y, Some(m)),
            _ => return Err(bad()),
        };
        let y: i32 = y.parse().map_err(|_| bad())?;
        let m: Option<u8> = m.map(|m| m.parse().map_err(|_| bad())).transpose()?;
        let first = Date::new(y, m.unwrap_or(1), 1).ok_or_else(bad)?;
        if !end {
            return Ok(first);
        }
        let next = match m {
            None | Some(12) => Date::new(y + 1, 1, 1),
            Some(m) => Date::new(y, m + 1, 1),
        }
        .ok_or_else(bad)?;
        Ok(Date::from_day_number(next.day_number() - 1))
    }
}

/// Without the event store there is nothing to import GDELT into.
#[cfg(not(feature = "events"))]
mod gdelt {
    pub fn update(_: &std::path::Path, _: super::GdeltRequest) -> anyhow::Result<()> {
        anyhow::bail!(
            "this multipolar is built without the event store (--no-default-features); \
             build it with the default features to fetch GDELT"
        )
    }
}

fn trade_summary(store: &Store, r: &TradeImportReport) {
    let e = &r.entry;
    eprintln!(
        "multipolar: imported trade {}–{} ({} flows stored in all, current million US$) into {}",
        r.years.0,
        r.years.1,
        r.flows,
        store.dir().display()
    );
    if !r.kept_years.is_empty() {
        eprintln!(
            "multipolar: kept {} years of the earlier import ({}–{})",
            r.kept_years.len(),
            r.kept_years[0],
            r.kept_years[r.kept_years.len() - 1]
        );
    }
    if !r.unmapped.is_empty() {
        let (rows, value) = r
            .unmapped
            .values()
            .fold((0, 0.0), |(n, v), u| (n + u.0, v + u.1));
        eprintln!(
            "multipolar: {} codes name no COW state (regions, territories) and were left out ({rows} flows, {value:.1} million US$): {}",
            r.unmapped.len(),
            r.unmapped.keys().cloned().collect::<Vec<_>>().join("; ")
        );
    }
    eprintln!("multipolar: version {} ({})", e.version, e.files[0].path);
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
                e.files
                    .iter()
                    .filter(|f| f.path.ends_with(".parquet"))
                    .count()
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
