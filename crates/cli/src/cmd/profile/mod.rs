//! `multipolar profile`: a state between the poles, by channel, with its shifts.
//!
//! The query layer computes the one [`Profile`]; this module shows it as a terminal
//! report, JSON, charts or a self-contained HTML page — so the views cannot disagree.

mod html;
mod plots;
mod report;

use std::path::Path;

use anyhow::{Context, Result};
use multipolar_query::Engine;
/// The JSON document (the query layer's, shared with the API).
pub use multipolar_query::profile_json as json;

use crate::args::{ProfileArgs, ReportFormat};

fn write_or_print(out: Option<&Path>, text: &str) -> Result<()> {
    match out {
        Some(p) => multipolar_data::store::write_atomic(p, text.as_bytes())
            .with_context(|| format!("cannot write {}", p.display())),
        None => {
            use std::io::Write;
            let mut o = std::io::stdout().lock();
            match o.write_all(text.as_bytes()).and_then(|_| o.flush()) {
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                r => Ok(r?),
            }
        }
    }
}

pub fn run(engine: &Engine, a: ProfileArgs) -> Result<()> {
    let p = engine.profile(&a.req)?;
    if let Some(dir) = &a.plot {
        plots::write(&p, dir)?;
    }
    if let Some(path) = &a.html {
        let page = html::page(&p)?;
        multipolar_data::store::write_atomic(path, page.as_bytes())
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    let text = match a.format {
        ReportFormat::Table => report::text(&p),
        ReportFormat::Json => serde_json::to_string_pretty(&json(&p))? + "\n",
    };
    write_or_print(a.out.as_deref(), &text)
}
