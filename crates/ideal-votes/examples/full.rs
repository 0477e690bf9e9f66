//! The full 1946–2020 estimation against the BSV April 2020 release: iterations,
//! time, objective, peak memory, agreement with BSV, and bootstrap throughput.
//!
//! `cargo run --release -p multipolar-ideal-votes --example full [BOOTSTRAP_REPS]`

use std::collections::HashMap;
use std::io::Read;
use std::time::Instant;

use multipolar_countries::Registry;

fn peak_rss_mib() -> f64 {
    let s = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    s.lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        .map_or(f64::NAN, |kib| kib / 1024.0)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let reps: usize = std::env::args().nth(1).map_or(Ok(0), |s| s.parse())?;
    let t0 = Instant::now();
    let votes = multipolar_data::unvotes::bundled()?;
    let load = t0.elapsed();
    let t1 = Instant::now();
    let smooth: Option<f64> = std::env::var("IDEAL_SMOOTH")
        .ok()
        .and_then(|s| s.parse().ok());
    let env = |k: &str| std::env::var(k).ok().and_then(|s| s.parse::<usize>().ok());
    let d = multipolar_ideal::SampleOptions::default();
    let so = multipolar_ideal::SampleOptions {
        burn: env("IDEAL_BURN").unwrap_or(d.burn),
        iter: env("IDEAL_ITER").unwrap_or(d.iter),
        thin: env("IDEAL_THIN").unwrap_or(d.thin),
        start_range: std::env::var("IDEAL_START")
            .ok()
            .and_then(|s| {
                let (a, b) = s.split_once(',')?;
                Some((a.parse().ok()?, b.parse().ok()?))
            })
            .unwrap_or(d.start_range),
        seed: env("IDEAL_SEED").map_or(d.seed, |s| s as u64),
        cut_step: std::env::var("IDEAL_CUT_STEP")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(d.cut_step),
    };
    let em_iter = env("IDEAL_EM_ITER");
    let smooth = if em_iter.is_some() {
        Some(smooth.unwrap_or(0.5))
    } else {
        smooth
    };
    let est = match smooth {
        None => multipolar_ideal_votes::estimate_with(&votes, &Default::default(), None, &so)?,
        Some(smooth) => {
            let p = multipolar_ideal_votes::prepare(&votes, &Default::default())?;
            let o = multipolar_ideal::Options {
                smooth,
                orient: p.orient,
                max_iter: em_iter.unwrap_or(multipolar_ideal_votes::WARM_START_ITER),
                ..Default::default()
            };
            multipolar_ideal_votes::estimate_with(&votes, &Default::default(), Some(o), &so)?
        }
    };
    let fit = t1.elapsed();
    println!(
        "EM {:.2} s; sampler {:.2} s: {} iterations (burn {}, kept {}, thin {}), {} stored draws, cutpoint acceptance {:.3}",
        est.seconds.0,
        est.seconds.1,
        est.posterior.iterations,
        so.burn,
        so.iter,
        so.thin,
        est.posterior.draws,
        est.posterior.accept
    );
    let (nu, np, no) = est.model.size();
    println!("votes loaded in {:.2} s", load.as_secs_f64());
    println!(
        "units {nu}, linked roll calls {np}, votes {no}; threads {}",
        rayon::current_num_threads()
    );
    println!(
        "fit: {} iterations (converged: {}), {:.2} s, objective {:.3}",
        est.estimate.iterations(),
        est.estimate.converged,
        fit.as_secs_f64(),
        est.estimate.objective()
    );

    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/unga_bsv_idealpoints_all_apr2020.csv.gz"
    );
    let mut text = String::new();
    flate2::read::GzDecoder::new(std::fs::File::open(path)?).read_to_string(&mut text)?;
    let mut bsv = HashMap::new();
    for line in text.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        bsv.insert(
            (f[0].parse::<u16>()?, f[1].parse::<u16>()?),
            (f[3].parse::<f64>()?, f[2].parse::<u32>()?),
        );
    }
    let reg = Registry::global();
    let mut pairs = Vec::new();
    let mut nmatch = 0;
    let mut modes = Vec::new();
    for r in &est.rows {
        let Some(cow) = reg.get(r.country).cow() else {
            continue;
        };
        if let Some(&(b, n)) = bsv.get(&(cow, r.session)) {
            pairs.push((r.theta, b, cow, r.session));
            modes.push((r.mode, b));
            nmatch += usize::from(n == r.n_votes);
        }
    }
    if let Ok(out) = std::env::var("IDEAL_PAIRS") {
        let mut w = String::from("ours,bsv,ccode,session\n");
        for p in &pairs {
            w += &format!("{},{},{},{}\n", p.0, p.1, p.2, p.3);
        }
        std::fs::write(out, w)?;
    }
    let n = pairs.len() as f64;
    let (ma, mb) = (
        pairs.iter().map(|p| p.0).sum::<f64>() / n,
        pairs.iter().map(|p| p.1).sum::<f64>() / n,
    );
    let (mut sab, mut saa, mut sbb, mut mad) = (0.0, 0.0, 0.0, 0.0);
    for p in &pairs {
        sab += (p.0 - ma) * (p.1 - mb);
        saa += (p.0 - ma).powi(2);
        sbb += (p.1 - mb).powi(2);
        mad += (p.0 - p.1).abs();
    }
    println!(
        "vs BSV Apr2020: {} common country-sessions of {} ({} with the same NVotes), r = {:.5}, mean |Δ| = {:.4}",
        pairs.len(),
        bsv.len(),
        nmatch,
        sab / (saa * sbb).sqrt(),
        mad / n
    );
    {
        let p: Vec<(f64, f64, u16, u16)> = modes.iter().map(|m| (m.0, m.1, 0, 0)).collect();
        let n = p.len() as f64;
        let (ma, mb) = (
            p.iter().map(|x| x.0).sum::<f64>() / n,
            p.iter().map(|x| x.1).sum::<f64>() / n,
        );
        let (mut ab, mut aa, mut bb, mut md) = (0.0, 0.0, 0.0, 0.0);
        for x in &p {
            ab += (x.0 - ma) * (x.1 - mb);
            aa += (x.0 - ma).powi(2);
            bb += (x.1 - mb).powi(2);
            md += (x.0 - x.1).abs();
        }
        println!(
            "  (EM mode alone: r = {:.5}, mean |Δ| = {:.4})",
            ab / (aa * bb).sqrt(),
            md / n
        );
    }
    let mut worst: Vec<_> = pairs
        .iter()
        .map(|p| ((p.0 - p.1).abs(), p.2, p.3, p.0, p.1))
        .collect();
    worst.sort_by(|a, b| b.0.total_cmp(&a.0));
    for w in &worst[..10] {
        println!(
            "  worst: ccode {} session {}: ours {:.3} BSV {:.3}",
            w.1, w.2, w.3, w.4
        );
    }
    for (cow, session) in [
        (2, 46),
        (2, 70),
        (365, 46),
        (365, 70),
        (710, 46),
        (710, 70),
        (600, 46),
        (600, 70),
        (732, 46),
        (740, 46),
    ] {
        let ours = pairs
            .iter()
            .find(|p| p.2 == cow && p.3 == session)
            .map(|p| p.0);
        println!(
            "  ref ccode {cow} session {session}: ours {ours:.4?} BSV {:.4}",
            bsv[&(cow, session)].0
        );
    }
    println!("peak memory {:.0} MiB", peak_rss_mib());
    if reps > 0 {
        let t = Instant::now();
        let boot = est.model.bootstrap(&est.estimate, reps, 42);
        let secs = t.elapsed().as_secs_f64();
        let se = boot.se();
        let mean_se = se.iter().sum::<f64>() / se.len() as f64;
        println!(
            "bootstrap: {reps} replicates in {secs:.1} s ({:.2} replicates/s), mean SE {mean_se:.4}; peak memory {:.0} MiB",
            reps as f64 / secs,
            peak_rss_mib()
        );
    }
    Ok(())
}
