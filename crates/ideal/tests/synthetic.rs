//! Recovery of known positions from votes simulated with the model itself, and the
//! monotone objective.

use multipolar_ideal::{IdealError, Input, Item, Model, Obs, Options, SampleOptions, Unit};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

fn normal(rng: &mut ChaCha8Rng) -> f64 {
    // Box–Muller.
    let (u, v): (f64, f64) = (rng.random::<f64>().max(1e-300), rng.random());
    (-2.0 * u.ln()).sqrt() * (2.0 * std::f64::consts::PI * v).cos()
}

fn phi(x: f64) -> f64 {
    0.5 * libm::erfc(-x / std::f64::consts::SQRT_2)
}

/// 60 countries over 20 sessions (some join late, some skip sessions), 40 roll
/// calls a session of which 5 repeat an earlier session's resolution (bridged),
/// positions following a random walk.
fn simulate(seed: u64) -> (Input, Vec<f64>) {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let (nc, ns, per) = (60u32, 20u32, 40u32);
    let mut units = Vec::new();
    let mut truth = Vec::new();
    let mut index = std::collections::HashMap::new();
    for c in 0..nc {
        let mut t = 1.2 * normal(&mut rng);
        let join = if c % 5 == 0 { 1 + c % 7 } else { 1 };
        for s in 1..=ns {
            t += 0.15 * normal(&mut rng);
            if s < join || (c % 9 == 0 && s % 4 == 0) {
                continue;
            }
            index.insert((c, s), units.len() as u32);
            units.push(Unit {
                country: c,
                session: s,
            });
            truth.push(t);
        }
    }
    let mut items: Vec<Item> = Vec::new();
    let mut params: Vec<(f64, f64, f64)> = Vec::new();
    let mut obs = Vec::new();
    for s in 1..=ns {
        for k in 0..per {
            let link = if s > 1 && k < 5 {
                // The same resolution as in the previous session.
                items[items.len() - per as usize].link
            } else {
                let b = (0.5 + 1.5 * rng.random::<f64>())
                    * if rng.random::<bool>() { 1.0 } else { -1.0 };
                let g1 = -0.5 + 0.8 * normal(&mut rng);
                params.push((b, g1, g1 + 0.2 + 1.2 * rng.random::<f64>()));
                params.len() as u32 - 1
            };
            let (b, g1, g2) = params[link as usize];
            let item = items.len() as u32;
            items.push(Item { link });
            for c in 0..nc {
                let Some(&u) = index.get(&(c, s)) else {
                    continue;
                };
                let eta = b * truth[u as usize];
                let x: f64 = rng.random();
                let y = if x < phi(g1 - eta) {
                    0
                } else if x < phi(g2 - eta) {
                    1
                } else {
                    2
                };
                obs.push(Obs { unit: u, item, y });
            }
        }
    }
    (Input { units, items, obs }, truth)
}

fn pearson(a: &[f64], b: &[f64]) -> f64 {
    let n = a.len() as f64;
    let (ma, mb) = (a.iter().sum::<f64>() / n, b.iter().sum::<f64>() / n);
    let (mut sab, mut saa, mut sbb) = (0.0, 0.0, 0.0);
    for (x, y) in a.iter().zip(b) {
        sab += (x - ma) * (y - mb);
        saa += (x - ma) * (x - ma);
        sbb += (y - mb) * (y - mb);
    }
    sab / (saa * sbb).sqrt()
}

#[test]
fn recovers_known_positions_with_a_monotone_objective() {
    for seed in [1, 2, 3] {
        let (input, truth) = simulate(seed);
        // Country 1 is put on the side its true mean is on.
        let us: Vec<f64> = input
            .units
            .iter()
            .zip(&truth)
            .filter(|(u, _)| u.country == 1)
            .map(|(_, t)| *t)
            .collect();
        let positive = us.iter().sum::<f64>() > 0.0;
        let model = Model::new(
            &input,
            Options {
                orient: Some(1),
                ..Options::default()
            },
        )
        .unwrap();
        let est = model.fit();
        assert!(
            est.converged,
            "seed {seed}: {} iterations",
            est.iterations()
        );
        let r = pearson(&est.theta, &truth);
        let r = if positive { r } else { -r };
        assert!(r >= 0.95, "seed {seed}: r = {r:.4}");
        // The item and position steps never decrease the objective.
        for (k, w) in est.trace.windows(2).enumerate() {
            assert!(
                w[1].ascended >= w[0].objective,
                "seed {seed}, iteration {}: objective fell from {} to {}",
                k + 1,
                w[0].objective,
                w[1].ascended
            );
        }
        // The tracked objective is the objective.
        let f = model.objective(&est);
        assert!(
            (f - est.objective()).abs() < 1e-8 * f.abs(),
            "{f} vs {}",
            est.objective()
        );
        // Standardised as BSV: mean 0, mean of second moments 1.
        let n = est.theta.len() as f64;
        let mean = est.theta.iter().sum::<f64>() / n;
        let second = est
            .theta
            .iter()
            .zip(&est.sd)
            .map(|(t, s)| t * t + s * s)
            .sum::<f64>()
            / n;
        assert!(mean.abs() < 1e-9 && (second - 1.0).abs() < 1e-9);
    }
}

#[test]
fn bootstrap_intervals_cover_the_truth_mostly() {
    let (input, truth) = simulate(7);
    let model = Model::new(
        &input,
        Options {
            orient: Some(1),
            ..Options::default()
        },
    )
    .unwrap();
    let est = model.fit();
    let boot = model.bootstrap(&est, 20, 11);
    let again = model.bootstrap(&est, 20, 11);
    assert_eq!(boot.draws, again.draws, "same seed, same draws");
    let se = boot.se();
    assert!(se.iter().all(|s| *s > 0.0 && *s < 1.0));
    // Truth on the estimate's scale: regress truth onto the estimate.
    let n = truth.len() as f64;
    let (mt, me) = (
        truth.iter().sum::<f64>() / n,
        est.theta.iter().sum::<f64>() / n,
    );
    let cov: f64 = truth
        .iter()
        .zip(&est.theta)
        .map(|(t, e)| (t - mt) * (e - me))
        .sum();
    let var: f64 = truth.iter().map(|t| (t - mt) * (t - mt)).sum();
    let scaled: Vec<f64> = truth.iter().map(|t| me + cov / var * (t - mt)).collect();
    let iv = boot.interval(0.9);
    let covered = iv
        .iter()
        .zip(&scaled)
        .filter(|((lo, hi), t)| lo <= *t && *t <= hi)
        .count() as f64
        / n;
    assert!(
        covered > 0.6,
        "90% intervals cover only {:.0}%",
        100.0 * covered
    );
}

#[test]
fn rejects_bad_input() {
    let empty = Input::default();
    assert_eq!(
        Model::new(&empty, Options::default()).unwrap_err(),
        IdealError::NoVotes
    );
    let (mut input, _) = simulate(1);
    input.obs[3].y = 3;
    let e = Model::new(&input, Options::default()).unwrap_err();
    assert_eq!(
        e.to_string(),
        "vote 3 is 3; expected 0 (yes), 1 (abstain) or 2 (no)"
    );
    let (input, _) = simulate(1);
    let e = Model::new(
        &input,
        Options {
            orient: Some(999),
            ..Options::default()
        },
    )
    .unwrap_err();
    assert!(e.to_string().contains("orientation country 999"));
    let e = Model::new(
        &input,
        Options {
            smooth: 0.0,
            ..Options::default()
        },
    )
    .unwrap_err();
    assert!(matches!(e, IdealError::BadOption(_)));
}

#[test]
fn sampler_recovers_known_positions_reproducibly() {
    for seed in [1, 2] {
        let (input, truth) = simulate(seed);
        let positive = input
            .units
            .iter()
            .zip(&truth)
            .filter(|(u, _)| u.country == 1)
            .map(|(_, t)| *t)
            .sum::<f64>()
            > 0.0;
        let model = Model::new(
            &input,
            Options {
                orient: Some(1),
                max_iter: 20,
                ..Options::default()
            },
        )
        .unwrap();
        let est = model.fit();
        let o = SampleOptions {
            burn: 100,
            iter: 200,
            thin: 2,
            ..SampleOptions::default()
        };
        let post = model.sample(&est, &o);
        assert_eq!(post.draws, 100);
        let r = pearson(&post.mean, &truth);
        let r = if positive { r } else { -r };
        assert!(r >= 0.95, "seed {seed}: r = {r:.4}");
        // Standardised every draw, so the means average to 0.
        let n = post.mean.len() as f64;
        assert!(post.mean.iter().sum::<f64>().abs() / n < 1e-6);
        // Quantiles bracket the mean; sds are positive and modest.
        for u in 0..post.mean.len() {
            assert!(post.q05[u] <= post.q50[u] && post.q50[u] <= post.q95[u]);
            assert!(post.sd[u] > 0.0 && post.sd[u] < 1.5);
        }
        assert!(post.accept > 0.05 && post.accept < 0.95, "{}", post.accept);
        // Same seed, same draws, whatever the thread count.
        let again = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .unwrap()
            .install(|| model.sample(&est, &o));
        assert_eq!(post.mean, again.mean);
    }
}
