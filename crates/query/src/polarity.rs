//! `polarity`: concentration of capabilities among the major powers per year.

use anyhow::Result;
use multipolar_alliances::Polarity;
use multipolar_countries::Registry;
use multipolar_output::{Column, Frame};
use serde::Deserialize;

use crate::error::no_data;
use crate::{Engine, common, de};

/// A `polarity` request: a range of years.
#[derive(clap::Args, Deserialize, Debug, Clone, Default)]
#[serde(default)]
pub struct PolarityRequest {
    /// First year, inclusive [default: 1816].
    #[arg(long, value_name = "YEAR")]
    #[serde(alias = "start", deserialize_with = "de::lenient_opt")]
    pub from: Option<i32>,
    /// Last year, inclusive [default: 2022, the last NMC year].
    #[arg(long, value_name = "YEAR")]
    #[serde(alias = "end", deserialize_with = "de::lenient_opt")]
    pub to: Option<i32>,
}

/// NMC v7 covers 1816–2022; the majors list ends in 2016 with open spells.
const YEARS: (i32, i32) = (1816, 2022);

impl Engine {
    /// CON and the effective number of poles per year.
    pub fn polarity(&self, a: &PolarityRequest) -> Result<Frame> {
        let (from, to) = (a.from.unwrap_or(YEARS.0), a.to.unwrap_or(YEARS.1));
        common::check_period(Some(from), Some(to))?;
        if from < YEARS.0 || to > YEARS.1 {
            return Err(no_data(format!(
                "polarity covers {}–{} (COW NMC v7.0); asked for {from}–{to}",
                YEARS.0, YEARS.1
            )));
        }
        let (majors, caps) = (self.majors()?, self.capabilities()?);
        let rows = (from..=to)
            .map(|y| Polarity::for_year(y, majors, caps))
            .collect::<Result<Vec<_>, _>>()?;
        let name = |c: u16| {
            Registry::global()
                .by_cow(c)
                .map_or_else(|| c.to_string(), common::label)
        };
        let mut f = Frame::new();
        f.meta(
            "what",
            "polarity of the system per year over the COW major powers",
        );
        f.meta(
        "source",
        "COW major powers v2016 (a state counts in a year if it was a major on at least one day; \
         the 2016 list continues after 2016); COW NMC v7.0 CINC",
    );
        f.push(Column::ints(
            "year",
            rows.iter().map(|p| i64::from(p.year)).collect(),
        ));
        f.push(
            Column::ints(
                "n_majors",
                rows.iter().map(|p| p.majors.len() as i64).collect(),
            )
            .describe("number of major powers N"),
        );
        f.push(
            Column::strs(
                "majors",
                rows.iter()
                    .map(|p| {
                        let v: Vec<String> = p.majors.iter().map(|m| name(m.0)).collect();
                        v.join(" ")
                    })
                    .collect(),
            )
            .describe("the major powers, ascending COW code"),
        );
        f.push(
            Column::floats(
                "cinc_majors",
                rows.iter()
                    .map(|p| Some(p.majors.iter().map(|m| m.1).sum()))
                    .collect(),
            )
            .describe("Σ CINC of the majors: their share of world capabilities"),
        );
        f.push(
            Column::floats("con", rows.iter().map(|p| p.con).collect()).describe(
                "Ray & Singer (1973) CON = √((Σ s² − 1/N)/(1 − 1/N)), s = CINC share among the \
             majors; 0 equal, 1 one holds all",
            ),
        );
        f.push(
            Column::floats("poles", rows.iter().map(|p| p.poles).collect())
                .describe("effective number of poles 1/Σ s² (Laakso–Taagepera)"),
        );
        Ok(f)
    }
}
