//! Weighted shortest-path betweenness (Brandes 2001, with Dijkstra).

use crate::NetworkError;

/// Two path lengths closer than this fraction of the longer one count as the
/// same length, so that `0.1 + 0.2` and `0.3` are two shortest paths rather
/// than one shortest and one 5.6e-17 longer.
pub const TIE_TOLERANCE: f64 = 1e-9;

/// Normalised betweenness of every node of an undirected graph on `0..n`
/// whose edges `(i, j, distance)` have positive lengths.
///
/// `b(v) = Σ_{s<t, s≠v≠t} σ_st(v) / σ_st`, the share of shortest `s–t` paths
/// through `v`, summed over unordered pairs and divided by the number of
/// such pairs, `(n−1)(n−2)/2`, so `b(v) ∈ [0, 1]`: 1 for the centre of a
/// star, 0 for a node on no shortest path. Multiply by `(n−1)(n−2)/2` for
/// the raw pair count. Pairs with no path contribute nothing; for `n < 3`
/// every value is 0.
///
/// Brandes' algorithm, a Dijkstra from each source by linear scan (`O(n³)`
/// total, the right shape for a dense graph of ~200 nodes). Shortest paths
/// are counted exactly up to rounding: lengths within [`TIE_TOLERANCE`]
/// (relative) are tied, which assumes every edge is longer than that
/// fraction of the paths it lies on.
///
/// # Errors
/// [`NetworkError::NodeOutOfRange`], [`NetworkError::SelfLoop`] (`i == j`),
/// [`NetworkError::DuplicateEdge`] (one unordered pair twice), or
/// [`NetworkError::Distance`] for a distance that is not finite and > 0.
pub fn betweenness(n: usize, edges: &[(usize, usize, f64)]) -> Result<Vec<f64>, NetworkError> {
    let adjacency = adjacency(n, edges)?;
    let mut total = vec![0.0; n];
    let mut dist = vec![f64::INFINITY; n];
    let mut sigma = vec![0.0_f64; n];
    let mut done = vec![false; n];
    let mut preds: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut order = Vec::with_capacity(n);
    let mut delta = vec![0.0; n];
    for s in 0..n {
        dist.fill(f64::INFINITY);
        sigma.fill(0.0);
        done.fill(false);
        preds.iter_mut().for_each(Vec::clear);
        order.clear();
        dist[s] = 0.0;
        sigma[s] = 1.0;
        // Settle the closest unsettled node (lowest index among equals).
        loop {
            let mut v = usize::MAX;
            let mut closest = f64::INFINITY;
            for (u, (&d, &settled)) in dist.iter().zip(&done).enumerate() {
                if !settled && d < closest {
                    (v, closest) = (u, d);
                }
            }
            if v == usize::MAX {
                break;
            }
            done[v] = true;
            order.push(v);
            for &(w, len) in &adjacency[v] {
                let alt = closest + len;
                // |alt − d| ≤ TOL·max(alt, d) splits into the two tests below;
                // ∞ is beaten by any finite length.
                let d = dist[w];
                if alt * (1.0 - TIE_TOLERANCE) > d || done[w] {
                    continue;
                }
                if alt < d * (1.0 - TIE_TOLERANCE) {
                    dist[w] = alt;
                    sigma[w] = sigma[v];
                    preds[w].clear();
                } else {
                    sigma[w] += sigma[v];
                }
                preds[w].push(v);
            }
        }
        // Dependencies, farthest node first.
        delta.fill(0.0);
        for &w in order.iter().rev() {
            for &v in &preds[w] {
                delta[v] += sigma[v] / sigma[w] * (1.0 + delta[w]);
            }
            if w != s {
                total[w] += delta[w];
            }
        }
    }
    // Each unordered pair was counted from both ends: raw = total / 2, and
    // raw / ((n−1)(n−2)/2) = total / ((n−1)(n−2)).
    if n >= 3 {
        let pairs = ((n - 1) * (n - 2)) as f64;
        total.iter_mut().for_each(|b| *b /= pairs);
    } else {
        total.fill(0.0);
    }
    Ok(total)
}

fn adjacency(
    n: usize,
    edges: &[(usize, usize, f64)],
) -> Result<Vec<Vec<(usize, f64)>>, NetworkError> {
    let mut adjacency: Vec<Vec<(usize, f64)>> = vec![Vec::new(); n];
    for &(i, j, distance) in edges {
        for node in [i, j] {
            if node >= n {
                return Err(NetworkError::NodeOutOfRange { node, n });
            }
        }
        if i == j {
            return Err(NetworkError::SelfLoop {
                node: i,
                weight: distance,
            });
        }
        if !(distance.is_finite() && distance > 0.0) {
            return Err(NetworkError::Distance { i, j, distance });
        }
        adjacency[i].push((j, distance));
        adjacency[j].push((i, distance));
    }
    for (i, neighbours) in adjacency.iter_mut().enumerate() {
        neighbours.sort_by_key(|&(j, _)| j);
        if let Some(pair) = neighbours.windows(2).find(|p| p[0].0 == p[1].0) {
            return Err(NetworkError::DuplicateEdge { i, j: pair[0].0 });
        }
    }
    Ok(adjacency)
}
