//! Binary segmentation: greedy splitting on the same penalised objective.

use crate::cost::Model;

/// Change points found by repeatedly making the split with the largest cost
/// reduction, while that reduction exceeds `beta` (each accepted split lowers
/// the penalised objective) and fewer than `max_changes` have been made.
/// Not guaranteed optimal; see [`crate::Method::BinSeg`].
pub(crate) fn segment(
    model: &Model,
    beta: f64,
    min_len: usize,
    max_changes: Option<usize>,
) -> Vec<usize> {
    let n = model.len();
    // (start, end, best split of start..end and its gain).
    let mut segments = vec![(0, n, best_split(model, 0, n, min_len))];
    let mut change_points = Vec::new();
    while max_changes.is_none_or(|m| change_points.len() < m) {
        let mut pick: Option<(usize, usize, f64)> = None;
        for (i, &(_, _, split)) in segments.iter().enumerate() {
            if let Some((k, gain)) = split {
                if pick.is_none_or(|(_, _, g)| gain > g) {
                    pick = Some((i, k, gain));
                }
            }
        }
        let Some((i, k, _)) = pick.filter(|&(_, _, gain)| gain > beta) else {
            break;
        };
        let (s, t, _) = segments[i];
        segments[i] = (s, k, best_split(model, s, k, min_len));
        segments.push((k, t, best_split(model, k, t, min_len)));
        change_points.push(k);
    }
    change_points.sort_unstable();
    change_points
}

/// The split point of `s..t` that most reduces the cost, with that
/// reduction; `None` if no split leaves both parts `min_len` long.
fn best_split(model: &Model, s: usize, t: usize, min_len: usize) -> Option<(usize, f64)> {
    if t - s < 2 * min_len {
        return None;
    }
    let whole = model.segment(s, t);
    let mut best: Option<(usize, f64)> = None;
    for k in s + min_len..=t - min_len {
        let gain = whole - model.segment(s, k) - model.segment(k, t);
        if best.is_none_or(|(_, g)| gain > g) {
            best = Some((k, gain));
        }
    }
    best
}
