//! PELT: exact penalised segmentation with pruning (Killick, Fearnhead &
//! Eckley 2012).

use crate::cost::Model;

/// Optimal change points (first index of each new segment, ascending).
///
/// Minimises Σ segment(τⱼ, τⱼ₊₁) + k·β over all segmentations whose
/// segments are at least `min_len` long. Ties go to the earliest last change.
pub(crate) fn segment(model: &Model, beta: f64, min_len: usize) -> Vec<usize> {
    let n = model.len();
    if n < 2 * min_len {
        return Vec::new();
    }
    let margin = model.prune_margin();
    // f[t]: optimal penalised cost of x[..t] (+β per segment, −β overall);
    // infinite where no segmentation into long-enough segments exists.
    let mut f = vec![f64::INFINITY; n + 1];
    f[0] = -beta;
    let mut last = vec![0; n + 1];
    // (τ, first t at which τ is dropped). Pruned at time t, τ stays usable
    // until t + min_len: only from there on is t itself a valid last change.
    let mut candidates: Vec<(usize, usize)> = Vec::new();
    let mut values = Vec::new();
    for t in min_len..=n {
        let newest = t - min_len;
        if f[newest].is_finite() {
            candidates.push((newest, usize::MAX));
        }
        candidates.retain(|&(_, drop_at)| t < drop_at);
        values.clear();
        values.extend(
            candidates
                .iter()
                .map(|&(tau, _)| f[tau] + model.segment(tau, t)),
        );
        let (mut best, mut arg) = (f64::INFINITY, 0);
        for (&(tau, _), &v) in candidates.iter().zip(&values) {
            if v + beta < best {
                best = v + beta;
                arg = tau;
            }
        }
        f[t] = best;
        last[t] = arg;
        for (c, &v) in candidates.iter_mut().zip(&values) {
            if c.1 == usize::MAX && v + margin >= best {
                c.1 = t + min_len;
            }
        }
    }
    let mut change_points = Vec::new();
    let mut t = n;
    while t > 0 {
        t = last[t];
        if t > 0 {
            change_points.push(t);
        }
    }
    change_points.reverse();
    change_points
}
