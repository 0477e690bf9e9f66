//! `multipolar measures`: every measure with its convention.

use anyhow::Result;
use multipolar_measures::Measure;
use multipolar_output::{Column, Format, Frame};

pub fn run() -> Result<()> {
    let mut f = Frame::new();
    f.push(Column::strs(
        "measure",
        Measure::ALL.iter().map(|m| m.id().to_string()).collect(),
    ));
    f.push(Column::strs(
        "convention",
        Measure::ALL
            .iter()
            .map(|m| m.convention().to_string())
            .collect(),
    ));
    crate::common::write_frame(&f, Format::Table, None)
}
