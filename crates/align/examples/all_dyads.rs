//! Times the all-dyad computation end to end and prints figures for `bench/run`.
//!
//! `cargo run --release -p multipolar-align --example all_dyads [RUNS]`
//! Prints the load time of the bundled data, then for each run the time to
//! cross-tabulate every dyad × session 1946–2020 and evaluate all twelve measures,
//! and the median, as `key=value` pairs.

use std::time::Instant;

use multipolar_align::{Selection, all_dyads};
use multipolar_measures::Measure;
use rayon::prelude::*;

fn main() {
    let runs: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(5);
    let t0 = Instant::now();
    let votes = multipolar_data::unvotes::bundled().expect("bundled votes");
    let load = t0.elapsed().as_secs_f64();
    let mut times = Vec::new();
    let mut n = 0;
    let mut defined = 0usize;
    for _ in 0..runs {
        let t = Instant::now();
        let rows = all_dyads(&votes, &Selection::default());
        let values: Vec<[Option<f64>; 12]> = rows
            .par_iter()
            .map(|r| {
                let tab = r.tab();
                Measure::ALL.map(|m| m.compute(&tab))
            })
            .collect();
        times.push(t.elapsed().as_secs_f64());
        n = rows.len();
        defined = values.iter().flatten().filter(|v| v.is_some()).count();
    }
    times.sort_by(f64::total_cmp);
    let median = times[times.len() / 2];
    println!(
        "multipolar: dyad_sessions={n} measures=12 values_defined={defined} load={load:.2}s compute_median={median:.3}s runs={runs} threads={} throughput={:.2}M_dyad_sessions/s",
        rayon::current_num_threads(),
        n as f64 / median / 1e6
    );
}
