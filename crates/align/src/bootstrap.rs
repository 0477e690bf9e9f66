//! Percentile bootstrap intervals for a dyad's measure, resampling roll calls.

use multipolar_measures::{CrossTab, Measure};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::explain::JointVote;

/// A bootstrap interval.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Interval {
    /// Lower bound.
    pub lo: f64,
    /// Upper bound.
    pub hi: f64,
    /// Replicates in which the measure was defined (the interval uses these only).
    pub valid: usize,
}

/// Resamples the dyad's joint roll calls with replacement `reps` times and returns the
/// central `level` (e.g. 0.95) percentile interval of `measure`.
///
/// Resampling is seeded by `seed` and the dyad's `stream` (so every dyad gets its own
/// reproducible sequence whatever the order of computation), using ChaCha8, whose
/// output is fixed across platforms and versions. `None` when there are no joint votes
/// or fewer than half the replicates give a defined value.
pub fn interval(
    votes: &[JointVote],
    measure: Measure,
    reps: usize,
    level: f64,
    seed: u64,
    stream: u64,
) -> Option<Interval> {
    let n = votes.len();
    if n == 0 || reps == 0 {
        return None;
    }
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(stream);
    let mut values = Vec::with_capacity(reps);
    for _ in 0..reps {
        let mut counts = [0f64; 9];
        for _ in 0..n {
            let v = votes[rng.random_range(0..n)];
            counts[usize::from(v.a.level()) * 3 + usize::from(v.b.level())] += 1.0;
        }
        if let Some(x) = measure.compute(&CrossTab::from_counts(3, &counts)) {
            values.push(x);
        }
    }
    if values.len() * 2 < reps {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let q = |p: f64| {
        // Type-7 quantile (R's default): linear between order statistics.
        let h = (values.len() - 1) as f64 * p;
        let (lo, frac) = (h.floor() as usize, h - h.floor());
        let hi = (lo + 1).min(values.len() - 1);
        values[lo] + frac * (values[hi] - values[lo])
    };
    let alpha = (1.0 - level) / 2.0;
    Some(Interval {
        lo: q(alpha),
        hi: q(1.0 - alpha),
        valid: values.len(),
    })
}
