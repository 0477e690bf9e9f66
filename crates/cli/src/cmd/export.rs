//! `multipolar export`: full tables for other tools.

use std::path::PathBuf;

use anyhow::Result;
use multipolar_measures::Measure;
use multipolar_output::{Column, Frame};
use rayon::prelude::*;

use crate::args::ExportCommand;
use crate::common;

pub fn run(data_dir: &Option<PathBuf>, cmd: ExportCommand) -> Result<()> {
    match cmd {
        ExportCommand::Dependence(a) => super::dependence::export(a),
        ExportCommand::Alliances(a) => super::ties::export(a),
        ExportCommand::Dyads {
            select,
            out,
            format,
        } => {
            let sel = common::selection(&select)?;
            let votes = common::votes(data_dir)?;
            // Non-directed dyads, `ccode1 < ccode2` as in peacesciencer.
            let mut rows: Vec<_> = multipolar_align::all_dyads(&votes, &sel)
                .into_iter()
                .map(|r| {
                    if common::ccode(r.a) > common::ccode(r.b) {
                        r.swapped()
                    } else {
                        r
                    }
                })
                .collect();
            rows.par_sort_unstable_by_key(|r| (r.period, common::ccode(r.a), common::ccode(r.b)));
            let mut f = Frame::new();
            f.meta("what", "UN General Assembly voting alignment, every dyad and period (non-directed, ccode1 < ccode2)");
            f.meta("selection", sel.describe());
            f.meta(
                "votes",
                "only Yes/Abstain/No votes cast by both states count; undefined values are null",
            );
            common::push_dyad_columns(&mut f, &rows, sel.unit, false);
            for m in Measure::ALL {
                let v: Vec<Option<f64>> = rows.par_iter().map(|r| r.value(m)).collect();
                f.push(Column::floats(m.id(), v).describe(m.convention()));
            }
            common::write_frame(&f, common::format(format), Some(&out))?;
            eprintln!(
                "multipolar: wrote {} dyad-{}s to {}",
                f.n_rows(),
                sel.unit.as_str(),
                out.display()
            );
            Ok(())
        }
    }
}
