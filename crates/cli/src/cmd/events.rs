//! `multipolar events`: import GDELT/ICEWS/POLECAT event files; a dyad's cooperation
//! and conflict series by channel.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use anyhow::Result;
use multipolar_data::store::Store;
use multipolar_eventstore::import::{ImportOptions, import};
use multipolar_query::Engine;

use crate::args::{EventsArgs, EventsCommand};
use crate::common;

pub fn run(data_dir: &Option<PathBuf>, a: EventsArgs) -> Result<()> {
    match a.command {
        Some(EventsCommand::Import { files, strict }) => {
            let dir = data_dir.clone().unwrap_or_else(Store::default_dir);
            import_files(&dir, &files, strict)
        }
        None => common::emit(&Engine::open(data_dir.clone())?.events(&a.req)?, &a.out),
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
