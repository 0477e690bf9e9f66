//! `multipolar system`: the international system in a year — polarity, UN voting
//! blocs and the states that broker between them.
//!
//! One row per bloc and year. Blocs are Louvain communities of the signed network
//! of UN members weighted by Cohen's κ (quadratic) of their votes that year
//! (`multipolar-network`, best of several seeds). Each bloc is named after its
//! member with the largest CINC (so "USA", "RUS" read as the blocs around them),
//! and over a range of years a bloc keeps its label `B<n>` while its membership
//! overlaps most with last year's. Brokers: weighted betweenness on the edges with
//! κ > 0, length 1 − κ.

use anyhow::Result;
use multipolar_align::{PeriodUnit, Selection, all_dyads};
use multipolar_alliances::Polarity;
use multipolar_countries::{CountryId, Registry};
use multipolar_data::VoteTable;
use multipolar_measures::Measure;
use multipolar_network::{BlocTracker, SignedGraph, best_communities, betweenness};
use multipolar_output::{Column, Frame};

use serde::Deserialize;

use crate::error::no_data;
use crate::{Engine, common, de};

/// A `system` request: one year, or a range of years.
#[derive(clap::Args, Deserialize, Debug, Clone)]
#[serde(default)]
pub struct SystemRequest {
    /// The year.
    #[arg(long, value_name = "YEAR", conflicts_with_all = ["from", "to"])]
    #[serde(deserialize_with = "de::lenient_opt")]
    pub year: Option<i32>,
    /// First year of a range.
    #[arg(long, value_name = "YEAR", requires = "to")]
    #[serde(alias = "start", deserialize_with = "de::lenient_opt")]
    pub from: Option<i32>,
    /// Last year of a range.
    #[arg(long, value_name = "YEAR", requires = "from")]
    #[serde(alias = "end", deserialize_with = "de::lenient_opt")]
    pub to: Option<i32>,
    /// Modularity resolution γ (1 = standard; larger finds more, smaller blocs).
    #[arg(long, default_value_t = 1.0)]
    #[serde(deserialize_with = "de::lenient")]
    pub resolution: f64,
    /// Brokers listed.
    #[arg(long, default_value_t = 5)]
    #[serde(deserialize_with = "de::lenient")]
    pub brokers: usize,
}

impl Default for SystemRequest {
    fn default() -> Self {
        SystemRequest {
            year: None,
            from: None,
            to: None,
            resolution: 1.0,
            brokers: 5,
        }
    }
}

/// Louvain runs per year (seeds 0..RUNS); the best modularity is kept.
const RUNS: u64 = 8;

/// Blocs and brokers of one year.
pub struct YearBlocs {
    /// States voting that year.
    pub states: Vec<CountryId>,
    /// Community of each state (index into `states`), as Louvain returns it.
    pub community: Vec<usize>,
    /// Signed modularity of the partition.
    pub modularity: f64,
    /// Betweenness of each state.
    pub betweenness: Vec<f64>,
}

/// Blocs and brokers of `year` from the UN votes.
pub fn blocs(votes: &VoteTable, year: i32, resolution: f64) -> Result<YearBlocs> {
    let sel = Selection {
        unit: PeriodUnit::Year,
        from: Some(year),
        to: Some(year),
        ..Selection::default()
    };
    let rows = all_dyads(votes, &sel);
    let mut states: Vec<CountryId> = rows.iter().flat_map(|r| [r.a, r.b]).collect();
    states.sort();
    states.dedup();
    if states.len() < 3 {
        let last = votes.date_range().map_or(0, |(_, b)| b.year);
        return Err(no_data(format!(
            "no UN roll calls with at least three voting states in {year}{}",
            common::newer_votes_hint(Some(year), last)
        )));
    }
    let pos = |c: CountryId| states.binary_search(&c).expect("state of a dyad");
    let edges: Vec<(usize, usize, f64)> = rows
        .iter()
        .filter_map(|r| Some((pos(r.a), pos(r.b), r.value(Measure::KappaQuad)?)))
        .collect();
    let graph = SignedGraph::from_edges(states.len(), &edges)?;
    let best = best_communities(&graph, resolution, RUNS)?;
    let paths: Vec<(usize, usize, f64)> = edges
        .iter()
        .filter(|e| e.2 > 0.0)
        .map(|&(i, j, k)| (i, j, 1.0 - k))
        .filter(|e| e.2 > 0.0)
        .collect();
    Ok(YearBlocs {
        community: best.partition.labels().to_vec(),
        modularity: best.modularity,
        betweenness: betweenness(states.len(), &paths)?,
        states,
    })
}

impl Engine {
    /// Polarity, UN voting blocs and brokers per year.
    pub fn system(&self, a: &SystemRequest) -> Result<Frame> {
        let (from, to) = match (a.year, a.from, a.to) {
            (Some(y), None, None) => (y, y),
            (None, Some(f), Some(t)) => (f, t),
            _ => crate::error::bail_usage!("give --year YEAR, or --from and --to"),
        };
        common::check_period(Some(from), Some(to))?;
        if !(a.resolution.is_finite() && a.resolution >= 0.0) {
            crate::error::bail_usage!("--resolution takes a number ≥ 0, found {}", a.resolution);
        }
        let votes = self.votes()?;
        let (majors, caps) = (self.majors()?, self.capabilities()?);
        let reg = Registry::global();
        let cinc = |c: CountryId, y: i32| reg.get(c).cow().and_then(|k| caps.cinc(k, y));
        let mut tracker = BlocTracker::new();
        let mut f_year = Vec::new();
        let mut f_bloc = Vec::new();
        let mut f_anchor = Vec::new();
        let mut f_size = Vec::new();
        let mut f_members = Vec::new();
        let mut f_brokers = Vec::new();
        let mut f_q = Vec::new();
        let mut f_con = Vec::new();
        let mut f_poles = Vec::new();
        for year in from..=to {
            let yb = blocs(votes, year, a.resolution)?;
            let keyed: Vec<(CountryId, usize)> = yb
                .states
                .iter()
                .copied()
                .zip(yb.community.iter().copied())
                .collect();
            let labelled = tracker.next_year(&keyed);
            let mut labels: Vec<usize> = labelled.iter().map(|x| x.1).collect();
            labels.sort();
            labels.dedup();
            let polarity = Polarity::for_year(year, majors, caps).ok();
            // Blocs largest first.
            let mut blocs: Vec<(usize, Vec<usize>)> = labels
                .iter()
                .map(|&l| {
                    let idx: Vec<usize> = labelled
                        .iter()
                        .enumerate()
                        .filter(|(_, x)| x.1 == l)
                        .map(|(i, _)| yb.states.binary_search(&labelled[i].0).expect("state"))
                        .collect();
                    (l, idx)
                })
                .collect();
            blocs.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(&b.0)));
            for (label, idx) in blocs {
                let mut members: Vec<CountryId> = idx.iter().map(|&i| yb.states[i]).collect();
                members.sort_by_key(|&c| common::label(c));
                let anchor = members
                    .iter()
                    .copied()
                    .max_by(|&x, &y| {
                        cinc(x, year)
                            .unwrap_or(-1.0)
                            .total_cmp(&cinc(y, year).unwrap_or(-1.0))
                            .then(common::label(y).cmp(&common::label(x)))
                    })
                    .expect("a bloc has members");
                let mut brokers: Vec<usize> = idx.clone();
                brokers.sort_by(|&i, &j| {
                    yb.betweenness[j]
                        .total_cmp(&yb.betweenness[i])
                        .then(i.cmp(&j))
                });
                f_year.push(i64::from(year));
                f_bloc.push(format!("B{}", label + 1));
                f_anchor.push(common::label(anchor));
                f_size.push(members.len() as i64);
                f_members.push(
                    members
                        .iter()
                        .map(|&c| common::label(c))
                        .collect::<Vec<_>>()
                        .join(" "),
                );
                f_brokers.push(
                    brokers
                        .iter()
                        .take(a.brokers)
                        .filter(|&&i| yb.betweenness[i] > 0.0)
                        .map(|&i| {
                            format!("{} {:.3}", common::label(yb.states[i]), yb.betweenness[i])
                        })
                        .collect::<Vec<_>>()
                        .join(", "),
                );
                f_q.push(Some(yb.modularity));
                f_con.push(polarity.as_ref().and_then(|p| p.con));
                f_poles.push(polarity.as_ref().and_then(|p| p.poles));
            }
        }
        let mut f = Frame::new();
        f.meta(
            "what",
            "UN voting blocs, their brokers, and polarity, per year",
        );
        f.meta(
        "blocs",
        "Louvain maximising signed modularity (Gómez, Jensen & Arenas 2009) on Cohen's κ (quadratic) \
         of every pair's votes in the calendar year; best of 8 seeds; labels follow the largest overlap \
         with last year's blocs",
    );
        f.meta("resolution", a.resolution.to_string());
        f.meta(
            "brokers",
            "Brandes betweenness on edges with κ > 0, length 1 − κ, normalised by (n−1)(n−2)/2",
        );
        f.meta(
        "polarity",
        "Ray & Singer CON and effective number of poles 1/Σs² over the COW major powers' CINC (NMC v7)",
    );
        f.push(Column::ints("year", f_year));
        f.push(Column::strs("bloc", f_bloc).describe("bloc label, stable across the years shown"));
        f.push(Column::strs("anchor", f_anchor).describe("member with the largest CINC"));
        f.push(Column::ints("size", f_size));
        f.push(
            Column::floats("modularity", f_q)
                .describe("signed modularity Q of the year's partition"),
        );
        f.push(
            Column::floats("con", f_con)
                .describe("capability concentration among the major powers"),
        );
        f.push(Column::floats("poles", f_poles).describe("effective number of poles"));
        f.push(Column::strs("brokers", f_brokers).describe("members with the highest betweenness"));
        f.push(Column::strs("members", f_members));
        Ok(f)
    }
}
