//! `multipolar export`: full tables for other tools, written to a file.

use anyhow::Result;
use multipolar_query::Engine;

use crate::args::ExportCommand;
use crate::common;

pub fn run(engine: &Engine, cmd: ExportCommand) -> Result<()> {
    let (frame, out, format, what) = match cmd {
        ExportCommand::Dyads { req, out, format } => {
            let f = engine.dyads(&req)?;
            let what = format!("dyad-{}s", req.select.by.as_str());
            (f, out, format, what)
        }
        ExportCommand::Dependence(a) => (
            engine.dependence_export(&a.req)?,
            a.out,
            a.format,
            "rows".into(),
        ),
        ExportCommand::Alliances(a) => (
            engine.alliance_export(&a.req)?,
            a.out,
            a.format,
            "dyad-years".into(),
        ),
    };
    common::write_frame(&frame, common::format(format), Some(&out))?;
    eprintln!(
        "multipolar: wrote {} {what} to {}",
        frame.n_rows(),
        out.display()
    );
    Ok(())
}
