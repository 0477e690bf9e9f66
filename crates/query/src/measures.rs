//! `measures`: every measure with its convention.

use multipolar_measures::Measure;
use multipolar_output::{Column, Frame};

/// Every alignment measure with the published source it reproduces.
pub fn measures() -> Frame {
    let mut ids: Vec<String> = Measure::ALL.iter().map(|m| m.id().to_string()).collect();
    let mut conventions: Vec<String> = Measure::ALL
        .iter()
        .map(|m| m.convention().to_string())
        .collect();
    // Not a function of the joint-vote table: `align` adds it from the ideal points.
    ids.push("ideal_distance".into());
    conventions.push(
        "|θ_a − θ_b| of Bailey–Strezhnev–Voeten ideal points (per session; `multipolar ideal`)"
            .into(),
    );
    let mut f = Frame::new();
    f.push(Column::strs("measure", ids));
    f.push(Column::strs("convention", conventions));
    f
}
