//! Weighted betweenness: known graphs, a hand-computed weighted one, and a
//! brute-force enumeration of all shortest paths on random small graphs.

use multipolar_network::{NetworkError, betweenness};
use proptest::prelude::*;

fn close(a: &[f64], b: &[f64]) {
    assert_eq!(a.len(), b.len());
    for (x, y) in a.iter().zip(b) {
        assert!((x - y).abs() < 1e-12, "{a:?} != {b:?}");
    }
}

#[test]
fn path_graph() {
    // 0–1–2–3: node 1 is on 0–2 and 0–3, node 2 on 0–3 and 1–3; of
    // (n−1)(n−2)/2 = 3 pairs of other nodes each: 2/3.
    let b = betweenness(4, &[(0, 1, 1.0), (1, 2, 1.0), (2, 3, 1.0)]).unwrap();
    close(&b, &[0.0, 2.0 / 3.0, 2.0 / 3.0, 0.0]);
    // Lengths do not matter on a tree.
    let b = betweenness(4, &[(0, 1, 0.3), (1, 2, 7.0), (2, 3, 1.5)]).unwrap();
    close(&b, &[0.0, 2.0 / 3.0, 2.0 / 3.0, 0.0]);
}

#[test]
fn star() {
    // The centre is on every pair of leaves: normalised 1.
    let edges: Vec<_> = (1..6).map(|l| (0, l, 1.0 + l as f64)).collect();
    close(
        &betweenness(6, &edges).unwrap(),
        &[1.0, 0.0, 0.0, 0.0, 0.0, 0.0],
    );
}

#[test]
fn weighted_by_hand() {
    // Square 0–1 (1), 1–2 (1), 2–3 (1), 3–0 (2) and diagonal 0–2 (2).
    // 0–2: 0–1–2 and 0–2 both have length 2 → node 1 gets 1/2.
    // 1–3: 1–2–3 (2) beats 1–0–3 (3) → node 2 gets 1.
    // 0–3: direct (2) beats 0–2–3 and 0–1–2–3 (3). Others adjacent.
    // Raw [0, 1/2, 1, 0], over (n−1)(n−2)/2 = 3 pairs.
    let edges = [
        (0, 1, 1.0),
        (1, 2, 1.0),
        (2, 3, 1.0),
        (3, 0, 2.0),
        (0, 2, 2.0),
    ];
    close(
        &betweenness(4, &edges).unwrap(),
        &[0.0, 1.0 / 6.0, 1.0 / 3.0, 0.0],
    );
}

#[test]
fn ties_survive_rounding() {
    // 0.1 + 0.2 != 0.3 in floating point, but the two routes tie.
    let b = betweenness(3, &[(0, 1, 0.1), (1, 2, 0.2), (0, 2, 0.3)]).unwrap();
    close(&b, &[0.0, 0.5, 0.0]);
    // A real difference (1e-6 relative) is not a tie.
    let b = betweenness(3, &[(0, 1, 0.1), (1, 2, 0.2), (0, 2, 0.3000003)]).unwrap();
    close(&b, &[0.0, 1.0, 0.0]);
}

#[test]
fn disconnected_and_tiny() {
    // Two components: pairs across contribute nothing.
    let b = betweenness(5, &[(0, 1, 1.0), (1, 2, 1.0), (3, 4, 1.0)]).unwrap();
    close(&b, &[0.0, 1.0 / 6.0, 0.0, 0.0, 0.0]);
    close(&betweenness(2, &[(0, 1, 1.0)]).unwrap(), &[0.0, 0.0]);
    assert!(betweenness(0, &[]).unwrap().is_empty());
}

#[test]
fn rejects_bad_edges() {
    for d in [0.0, -1.0, f64::NAN, f64::INFINITY] {
        assert!(matches!(
            betweenness(2, &[(0, 1, d)]),
            Err(NetworkError::Distance { i: 0, j: 1, .. })
        ));
    }
    assert!(matches!(
        betweenness(2, &[(0, 2, 1.0)]),
        Err(NetworkError::NodeOutOfRange { node: 2, n: 2 })
    ));
    assert!(matches!(
        betweenness(2, &[(1, 1, 1.0)]),
        Err(NetworkError::SelfLoop { node: 1, .. })
    ));
    assert!(matches!(
        betweenness(3, &[(0, 1, 1.0), (1, 0, 2.0)]),
        Err(NetworkError::DuplicateEdge { i: 0, j: 1 })
    ));
}

/// Every simple path between every pair, by depth-first search: the
/// definition of betweenness, with no Dijkstra and no Brandes.
fn brute_force(n: usize, edges: &[(usize, usize, f64)]) -> Vec<f64> {
    let mut adj = vec![vec![None; n]; n];
    for &(i, j, d) in edges {
        adj[i][j] = Some(d);
        adj[j][i] = Some(d);
    }
    let mut raw = vec![0.0; n];
    for s in 0..n {
        for t in s + 1..n {
            let mut paths: Vec<(f64, Vec<usize>)> = Vec::new();
            let mut stack = vec![(vec![s], 0.0)];
            while let Some((path, len)) = stack.pop() {
                let last = *path.last().unwrap();
                if last == t {
                    paths.push((len, path));
                    continue;
                }
                for (next, d) in adj[last].iter().enumerate() {
                    if let Some(d) = d.filter(|_| !path.contains(&next)) {
                        let mut p = path.clone();
                        p.push(next);
                        stack.push((p, len + d));
                    }
                }
            }
            let Some(min) = paths.iter().map(|p| p.0).reduce(f64::min) else {
                continue;
            };
            let shortest: Vec<_> = paths.iter().filter(|p| p.0 == min).collect();
            for (_, p) in &shortest {
                for &v in &p[1..p.len() - 1] {
                    raw[v] += 1.0 / shortest.len() as f64;
                }
            }
        }
    }
    if n >= 3 {
        let pairs = ((n - 1) * (n - 2) / 2) as f64;
        raw.iter_mut().for_each(|b| *b /= pairs);
    }
    raw
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Small integer lengths make sums exact and ties frequent.
    #[test]
    fn matches_brute_force(
        n in 2usize..=7,
        slots in prop::collection::vec(prop::option::weighted(0.6, 1u8..=3), 21),
    ) {
        let pairs = (0..n).flat_map(|i| (i + 1..n).map(move |j| (i, j)));
        let edges: Vec<_> = pairs
            .zip(&slots)
            .filter_map(|((i, j), d)| d.map(|d| (i, j, f64::from(d))))
            .collect();
        let fast = betweenness(n, &edges).unwrap();
        let slow = brute_force(n, &edges);
        for (a, b) in fast.iter().zip(&slow) {
            prop_assert!((a - b).abs() < 1e-9, "{:?} vs {:?} on {:?}", fast, slow, edges);
        }
    }
}
