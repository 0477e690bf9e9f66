//! Times every alliance measure over every dyad-year 1816–2018, for `bench/runs/`.
//!
//! `cargo run --release -p multipolar-alliances --example all_dyad_years [RUNS]`
//! Prints the load time of the bundled ATOP and NMC data, the median time of RUNS
//! (default 5) full computations of the eleven FPSIM measures, throughput and peak
//! resident memory, as `key=value` pairs. fpsim's R run took 9,750 s.

use std::time::Instant;

use multipolar_alliances::{AllyMeasure, Capabilities, Ties, YEARS, all_dyad_years};

fn main() {
    let runs: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(5);
    let t0 = Instant::now();
    let ties = Ties::bundled_atop().expect("bundled ATOP");
    let caps = Capabilities::bundled().expect("bundled NMC");
    let load = t0.elapsed().as_secs_f64();
    let mut times = Vec::new();
    let (mut n, mut defined, mut checksum) = (0, 0usize, 0.0f64);
    for _ in 0..runs {
        let t = Instant::now();
        let rows = all_dyad_years(&ties, &caps, YEARS.0, YEARS.1);
        times.push(t.elapsed().as_secs_f64());
        n = rows.len();
        defined = 0;
        checksum = 0.0;
        for r in &rows {
            for m in AllyMeasure::ALL {
                if let Some(v) = r.scores.get(m) {
                    defined += 1;
                    checksum += v;
                }
            }
        }
    }
    times.sort_by(f64::total_cmp);
    let median = times[times.len() / 2];
    println!(
        "multipolar-alliances: dyad_years={n} measures=11 values_defined={defined} checksum={checksum:.6} load={load:.2}s compute_median={median:.3}s runs={runs} threads={} throughput={:.2}M_dyad_years/s peak_rss={}",
        rayon::current_num_threads(),
        n as f64 / median / 1e6,
        peak_rss()
    );
}

/// Peak resident set size from `/proc/self/status` (Linux), or `unknown`.
fn peak_rss() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .map(|l| l["VmHWM:".len()..].split_whitespace().collect::<String>())
        })
        .unwrap_or_else(|| "unknown".into())
}
