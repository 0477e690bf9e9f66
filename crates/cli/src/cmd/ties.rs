//! `multipolar ties` and `multipolar export alliances`: ties between states per dyad-year.
//!
//! One function per channel; a new channel adds a `TiesChannel` variant and a match arm
//! in [`run`].

use anyhow::{Context, Result, bail};
use multipolar_alliances::{
    AllyMeasure, Capabilities, TieSource, Ties, YEARS, YearPortfolios, all_dyad_years,
};
use multipolar_countries::Registry;
use multipolar_output::{Column, Frame};

use crate::args::{AllianceSourceArgs, AlliancesExportArgs, TiesArgs, TiesChannel};
use crate::common;

/// Measures shown when `--measure` is not given.
const DEFAULT_MEASURES: [AllyMeasure; 4] = [
    AllyMeasure::SValuedAbsolute,
    AllyMeasure::SValuedWeighted,
    AllyMeasure::KappaValued,
    AllyMeasure::KappaBinary,
];

pub fn run(a: TiesArgs) -> Result<()> {
    match a.channel {
        TiesChannel::Alliances => alliances(&a),
    }
}

fn alliances(a: &TiesArgs) -> Result<()> {
    let measures = parse_measures(&a.measure)?;
    let year = a.to.or(a.from);
    let mut states = Vec::new();
    for q in &a.countries {
        let id = common::country(q, year)?;
        let c = Registry::global().get(id);
        let Some(cow) = c.cow() else {
            bail!(
                "{} ({}) has no COW code; alliance portfolios cover COW states only",
                q,
                c.label()
            );
        };
        if states.iter().any(|&(_, s)| s == cow) {
            bail!("{q} is named twice");
        }
        states.push((c.label().to_string(), cow));
    }
    if states.len() < 2 {
        bail!("give at least two countries (every pair is compared)");
    }
    let ties = load_ties(&a.source)?;
    let (from, to) = years(&ties, a.from, a.to)?;
    let caps = Capabilities::bundled()?;
    let mut rows = Vec::new();
    for y in from..=to {
        let p = YearPortfolios::for_year(y, &ties, &caps);
        for i in 0..states.len() {
            for j in i + 1..states.len() {
                if let Some(s) = p.pair(states[i].1, states[j].1) {
                    rows.push((y, i, j, s));
                }
            }
        }
    }
    if rows.is_empty() {
        bail!(
            "no year in {from}–{to} in which two of the states were both COW state-system members"
        );
    }
    let mut f = Frame::new();
    meta(&mut f, &ties);
    f.meta(
        "rows",
        "years in which both states were COW state-system members",
    );
    f.push(Column::ints(
        "year",
        rows.iter().map(|r| i64::from(r.0)).collect(),
    ));
    f.push(Column::strs(
        "country1",
        rows.iter().map(|r| states[r.1].0.clone()).collect(),
    ));
    f.push(Column::strs(
        "country2",
        rows.iter().map(|r| states[r.2].0.clone()).collect(),
    ));
    f.push(Column::ints(
        "ccode1",
        rows.iter().map(|r| i64::from(states[r.1].1)).collect(),
    ));
    f.push(Column::ints(
        "ccode2",
        rows.iter().map(|r| i64::from(states[r.2].1)).collect(),
    ));
    for m in measures {
        f.push(
            Column::floats(m.id(), rows.iter().map(|r| r.3.get(m)).collect())
                .describe(m.convention()),
        );
    }
    common::emit(&f, &a.out)
}

pub fn export(a: AlliancesExportArgs) -> Result<()> {
    let ties = load_ties(&a.source)?;
    let (from, to) = years(&ties, a.from, a.to)?;
    let caps = Capabilities::bundled()?;
    let rows = all_dyad_years(&ties, &caps, from, to);
    let mut f = Frame::new();
    meta(&mut f, &ties);
    f.meta(
        "rows",
        "every non-directed dyad-year of COW state-system members, ccode1 < ccode2",
    );
    f.push(Column::ints(
        "year",
        rows.iter().map(|r| i64::from(r.year)).collect(),
    ));
    f.push(Column::ints(
        "ccode1",
        rows.iter().map(|r| i64::from(r.ccode1)).collect(),
    ));
    f.push(Column::ints(
        "ccode2",
        rows.iter().map(|r| i64::from(r.ccode2)).collect(),
    ));
    for m in AllyMeasure::ALL {
        f.push(
            Column::floats(m.id(), rows.iter().map(|r| r.scores.get(m)).collect())
                .describe(m.convention()),
        );
    }
    common::write_frame(&f, common::format(a.format), Some(&a.out))?;
    eprintln!(
        "multipolar: wrote {} dyad-years {from}–{to} to {}",
        rows.len(),
        a.out.display()
    );
    Ok(())
}

/// Bundled ATOP, or the user's COW file; skipped rows are reported on stderr.
fn load_ties(src: &AllianceSourceArgs) -> Result<Ties> {
    let ties = match &src.cow_alliances {
        None => Ties::bundled_atop()?,
        Some(p) => multipolar_alliances::read_cow(p)
            .with_context(|| format!("cannot use {} as COW alliance data", p.display()))?,
    };
    for (line, why) in &ties.report().skipped {
        eprintln!("multipolar: note: skipped line {line} of the alliance file: {why}");
    }
    Ok(ties)
}

/// The checked year range: defaults to the data's span within 1816–2018.
fn years(ties: &Ties, from: Option<i32>, to: Option<i32>) -> Result<(i32, i32)> {
    let (first, last) = ties.span().context("the alliance file has no rows")?;
    let (lo, hi) = (first.max(YEARS.0), last.min(YEARS.1));
    let (from, to) = (from.unwrap_or(lo), to.unwrap_or(hi));
    if from > to {
        bail!("--from {from} is after --to {to}");
    }
    if from < lo || to > hi {
        bail!("alliance similarity covers {lo}–{hi} with this data; asked for {from}–{to}");
    }
    Ok((from, to))
}

fn parse_measures(ids: &[String]) -> Result<Vec<AllyMeasure>> {
    if ids.iter().any(|m| m == "all") {
        return Ok(AllyMeasure::ALL.to_vec());
    }
    if ids.is_empty() {
        return Ok(DEFAULT_MEASURES.to_vec());
    }
    ids.iter()
        .map(|s| {
            AllyMeasure::parse(s).with_context(|| {
                format!(
                    "unknown alliance measure \"{s}\"; expected one of: {}, or all",
                    AllyMeasure::ALL.map(AllyMeasure::id).join(", ")
                )
            })
        })
        .collect()
}

fn meta(f: &mut Frame, ties: &Ties) {
    f.meta(
        "what",
        "alliance portfolio similarity per dyad-year (FPSIM measures)",
    );
    f.meta("alliances", ties.source().describe());
    f.meta(
        "portfolios",
        "each state's own obligations towards every COW state-system member of the year \
         (member on at least one day), itself at level 3; binary = level >= 1",
    );
    f.meta("weights", "COW NMC v7.0 CINC of each third state");
    let asym = ties.report().asymmetric.len();
    if ties.source() == TieSource::Atop || asym > 0 {
        f.meta(
            "asymmetric",
            format!(
                "{asym} dyad-years have different levels by direction; each state keeps its own"
            ),
        );
    }
}
