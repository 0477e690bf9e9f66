//! `multipolar events`: import GDELT/ICEWS/POLECAT event files; a dyad's cooperation
//! and conflict series by channel.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use anyhow::{Result, bail};
use multipolar_countries::Date;
use multipolar_data::store::Store;
use multipolar_events::Channel;
use multipolar_eventstore::import::{ImportOptions, import};
use multipolar_eventstore::{DyadQuery, EventStore, Period, Weight, to_frame};

use crate::args::{ChannelArg, EventsArgs, EventsBy, EventsCommand, WeightArg};
use crate::common;

pub fn run(data_dir: &Option<PathBuf>, a: EventsArgs) -> Result<()> {
    let dir = data_dir.clone().unwrap_or_else(Store::default_dir);
    match a.command {
        Some(EventsCommand::Import { files, strict }) => import_files(&dir, &files, strict),
        None => series(&dir, a),
    }
}

fn import_files(dir: &Path, files: &[PathBuf], strict: bool) -> Result<()> {
    let bar = std::io::stderr().is_terminal().then(|| {
        let b = indicatif::ProgressBar::new_spinner();
        b.set_style(
            indicatif::ProgressStyle::with_template("{spinner} {msg} [{elapsed}]")
                .expect("valid template"),
        );
        b
    });
    let mut on_progress = |p: &multipolar_eventstore::Progress| {
        if let Some(b) = &bar {
            b.set_message(format!(
                "file {}/{}: {} rows read",
                p.file + 1,
                p.files,
                p.rows
            ));
            b.tick();
        }
    };
    let opts = ImportOptions {
        strict,
        ..ImportOptions::default()
    };
    let result = import(dir, files, opts, &mut on_progress);
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
    println!(
        "rows read {}, kept {}, rejected {}; {} events in {} month files in {}",
        r.read,
        r.kept,
        r.rejected,
        r.events,
        r.months,
        dir.join(&r.dir).display()
    );
    Ok(())
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; a year or month means its first day (`end`:
/// its last).
fn parse_day(s: &str, end: bool) -> Result<Date> {
    let parts: Vec<&str> = s.split('-').collect();
    let num = |p: &str| p.parse::<i32>().ok();
    let d = match parts[..] {
        [y] => {
            num(y).and_then(|y| Date::new(y, if end { 12 } else { 1 }, if end { 31 } else { 1 }))
        }
        [y, m] => num(y).zip(num(m)).and_then(|(y, m)| {
            let m = u8::try_from(m).ok()?;
            let first = Date::new(y, m, 1)?;
            if !end {
                return Some(first);
            }
            let next = if m == 12 {
                Date::new(y + 1, 1, 1)
            } else {
                Date::new(y, m + 1, 1)
            }?;
            Some(Date::from_day_number(next.day_number() - 1))
        }),
        [_, _, _] => s.parse().ok(),
        _ => None,
    };
    d.ok_or_else(|| anyhow::anyhow!("bad date \"{s}\"; expected YYYY, YYYY-MM or YYYY-MM-DD"))
}

fn series(dir: &Path, a: EventsArgs) -> Result<()> {
    let [qa, qb] = &a.countries[..] else {
        bail!("name two states (e.g. `multipolar events USA CHN`) or use `events import FILES...`");
    };
    let from = a.from.as_deref().map(|s| parse_day(s, false)).transpose()?;
    let to = a.to.as_deref().map(|s| parse_day(s, true)).transpose()?;
    if let (Some(f), Some(t)) = (from, to)
        && f > t
    {
        bail!("--from {f} is after --to {t}");
    }
    let year = from.or(to).map(|d| d.year);
    let (ca, cb) = (common::country(qa, year)?, common::country(qb, year)?);
    let q = DyadQuery {
        a: common::label(ca),
        b: common::label(cb),
        from,
        to,
        by: match a.by {
            EventsBy::Day => Period::Day,
            EventsBy::Week => Period::Week,
            EventsBy::Month => Period::Month,
        },
        channel: a.channel.map(|c| match c {
            ChannelArg::Security => Channel::Security,
            ChannelArg::Economic => Channel::Economic,
            ChannelArg::Diplomatic => Channel::Diplomatic,
            ChannelArg::Other => Channel::Other,
        }),
        weight: match a.weight {
            WeightArg::Events => Weight::Events,
            WeightArg::Mentions => Weight::Mentions,
        },
    };
    let store = EventStore::open(dir)?;
    let mut frame = to_frame(&store.dyad_series(&q)?)?;
    frame.meta("dyad", format!("{} and {}, both directions", q.a, q.b));
    frame.meta(
        "channel",
        q.channel.map_or("all", Channel::as_str).to_string(),
    );
    frame.meta(
        "weight",
        match q.weight {
            Weight::Events => "one per event",
            Weight::Mentions => "GDELT mentions (ICEWS events count 1)",
        },
    );
    frame.meta(
        "quad classes",
        "GDELT's rule: roots 01–05, 06–09, 10–14, 15–20",
    );
    common::emit(&frame, &a.out)
}
