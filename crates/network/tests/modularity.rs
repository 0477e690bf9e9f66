//! Signed modularity against values worked out by hand, and input checks.

use multipolar_network::{NetworkError, Partition, SignedGraph, modularity};

fn close(a: f64, b: f64) {
    assert!((a - b).abs() < 1e-12, "{a} != {b}");
}

/// 4 nodes: 0–1 +0.8, 2–3 +0.6, 1–2 +0.2, 0–2 −0.4, 1–3 −0.2.
///
/// s⁺ = [0.8, 1.0, 0.8, 0.6], 2w⁺ = 3.2; s⁻ = [0.4, 0.2, 0.4, 0.2], 2w⁻ = 1.2;
/// normaliser 2w⁺ + 2w⁻ = 4.4.
fn four() -> SignedGraph {
    SignedGraph::from_edges(
        4,
        &[
            (0, 1, 0.8),
            (2, 3, 0.6),
            (1, 2, 0.2),
            (0, 2, -0.4),
            (1, 3, -0.2),
        ],
    )
    .unwrap()
}

#[test]
fn four_node_by_hand() {
    let g = four();
    // {0,1}: Σw inside (ordered pairs) = 2·0.8 = 1.6; Σs⁺ = 1.8 → 1.8²/3.2 = 1.0125;
    //        Σs⁻ = 0.6 → 0.6²/1.2 = 0.3; term = 1.6 − (1.0125 − 0.3) = 0.8875.
    // {2,3}: 2·0.6 = 1.2; Σs⁺ = 1.4 → 0.6125; Σs⁻ = 0.6 → 0.3; term = 0.8875.
    // Q = 1.775 / 4.4.
    let halves = Partition::new(&[0, 0, 1, 1]);
    close(modularity(&g, &halves, 1.0).unwrap(), 1.775 / 4.4);
    // γ = 2 doubles the expectation: (1.6 − 1.425) + (1.2 − 0.625) = 0.75.
    close(modularity(&g, &halves, 2.0).unwrap(), 0.75 / 4.4);
    // γ = 0: only observed weight inside, 2.8.
    close(modularity(&g, &halves, 0.0).unwrap(), 2.8 / 4.4);
    // One community: Σw = 2w⁺ − 2w⁻ = 2.0 and the expectation is 3.2 − 1.2 = 2.0.
    close(
        modularity(&g, &Partition::new(&[9, 9, 9, 9]), 1.0).unwrap(),
        0.0,
    );
    // Singletons: only the diagonal of the null model,
    // −(Σ s⁺² / 3.2 − Σ s⁻² / 1.2) = −(2.64/3.2 − 0.4/1.2) = −0.4916….
    close(
        modularity(&g, &Partition::new(&[0, 1, 2, 3]), 1.0).unwrap(),
        -(2.64 / 3.2 - 0.4 / 1.2) / 4.4,
    );
    // Labels are names only.
    close(
        modularity(&g, &Partition::new(&[7, 7, 3, 3]), 1.0).unwrap(),
        1.775 / 4.4,
    );
}

/// Two positive triangles {0,1,2}, {3,4,5} (weight 1), bridge 2–3 (+1),
/// hostile ties 0–5 and 1–4 (−1).
///
/// s⁺ = [2, 2, 3, 3, 2, 2], 2w⁺ = 14; s⁻ = [1, 1, 0, 0, 1, 1], 2w⁻ = 4; 18 in all.
fn six() -> SignedGraph {
    SignedGraph::from_edges(
        6,
        &[
            (0, 1, 1.0),
            (0, 2, 1.0),
            (1, 2, 1.0),
            (3, 4, 1.0),
            (3, 5, 1.0),
            (4, 5, 1.0),
            (2, 3, 1.0),
            (0, 5, -1.0),
            (1, 4, -1.0),
        ],
    )
    .unwrap()
}

#[test]
fn six_node_by_hand() {
    let g = six();
    // Each triangle: inside 6; Σs⁺ = 7 → 49/14 = 3.5; Σs⁻ = 2 → 4/4 = 1;
    // term 6 − 2.5 = 3.5; Q = 7/18.
    close(
        modularity(&g, &Partition::new(&[0, 0, 0, 1, 1, 1]), 1.0).unwrap(),
        7.0 / 18.0,
    );
    // {0,1,2,3} | {4,5}: 8 − (100/14 − 1) = 13/7 and 2 − (16/14 − 1) = 13/7;
    // Q = (26/7)/18 = 13/63.
    close(
        modularity(&g, &Partition::new(&[0, 0, 0, 0, 1, 1]), 1.0).unwrap(),
        13.0 / 63.0,
    );
}

#[test]
fn six_node_planted_split_is_the_global_optimum() {
    // Exhaustive over all 203 set partitions of 6 nodes.
    let g = six();
    let mut best = (f64::NEG_INFINITY, Vec::new());
    let mut labels = vec![0usize; 6];
    let mut seen = 0;
    loop {
        seen += 1;
        let q = modularity(&g, &Partition::new(&labels), 1.0).unwrap();
        if q > best.0 + 1e-12 {
            best = (q, labels.clone());
        }
        // Next restricted-growth string.
        let mut i = 5;
        loop {
            let cap = labels[..i].iter().max().map_or(0, |m| m + 1);
            if i > 0 && labels[i] < cap {
                labels[i] += 1;
                labels[i + 1..].fill(0);
                break;
            }
            if i == 0 {
                assert_eq!(seen, 203, "Bell number B6");
                close(best.0, 7.0 / 18.0);
                assert_eq!(best.1, [0, 0, 0, 1, 1, 1]);
                return;
            }
            i -= 1;
        }
    }
}

#[test]
fn one_sign_only_and_no_ties() {
    // Only positive ties: ordinary weighted modularity. Two disjoint edges:
    // each pair 2 − 2²/4 = 1 → Q = 2/4.
    let g = SignedGraph::from_edges(4, &[(0, 1, 1.0), (2, 3, 1.0)]).unwrap();
    close(
        modularity(&g, &Partition::new(&[0, 0, 1, 1]), 1.0).unwrap(),
        0.5,
    );
    // One hostile pair (s⁻ = [1, 1], 2w⁻ = 2), split: each side has no
    // weight inside but expected −1·1/2, so it scores +1/2; Q = 1/2.
    let g = SignedGraph::from_edges(2, &[(0, 1, -1.0)]).unwrap();
    close(modularity(&g, &Partition::new(&[0, 1]), 1.0).unwrap(), 0.5);
    close(modularity(&g, &Partition::new(&[0, 0]), 1.0).unwrap(), 0.0);
    let empty = SignedGraph::from_edges(3, &[]).unwrap();
    close(
        modularity(&empty, &Partition::new(&[0, 1, 1]), 1.0).unwrap(),
        0.0,
    );
}

#[test]
fn rejects_bad_input() {
    let g = four();
    assert_eq!(
        modularity(&g, &Partition::new(&[0, 0, 1]), 1.0),
        Err(NetworkError::PartitionSize { len: 3, n: 4 })
    );
    assert!(matches!(
        modularity(&g, &Partition::new(&[0; 4]), -1.0),
        Err(NetworkError::Resolution(_))
    ));
    assert!(matches!(
        modularity(&g, &Partition::new(&[0; 4]), f64::NAN),
        Err(NetworkError::Resolution(_))
    ));

    let m = |w: &[f64]| SignedGraph::from_matrix(2, w);
    assert!(m(&[0.0, 0.5, 0.5, 0.0]).is_ok());
    assert!(matches!(
        m(&[0.0, 0.5, 0.4, 0.0]),
        Err(NetworkError::Asymmetric { i: 0, j: 1, .. })
    ));
    assert!(matches!(
        m(&[0.0, f64::NAN, f64::NAN, 0.0]),
        Err(NetworkError::NotFinite { .. })
    ));
    assert!(matches!(
        m(&[1.0, 0.5, 0.5, 0.0]),
        Err(NetworkError::SelfLoop { node: 0, .. })
    ));
    assert!(matches!(
        m(&[0.0, 0.5, 0.5]),
        Err(NetworkError::MatrixSize { len: 3, n: 2 })
    ));

    let e = |edges: &[(usize, usize, f64)]| SignedGraph::from_edges(3, edges);
    assert!(matches!(
        e(&[(0, 1, 0.5), (1, 0, 0.5)]),
        Err(NetworkError::DuplicateEdge { i: 1, j: 0 })
    ));
    assert!(matches!(
        e(&[(0, 3, 0.5)]),
        Err(NetworkError::NodeOutOfRange { node: 3, n: 3 })
    ));
    assert!(matches!(
        e(&[(1, 1, 0.5)]),
        Err(NetworkError::SelfLoop { node: 1, .. })
    ));
    assert!(matches!(
        e(&[(0, 1, f64::INFINITY)]),
        Err(NetworkError::NotFinite { .. })
    ));
}

#[test]
fn graph_accessors() {
    let g = four();
    assert_eq!(g.len(), 4);
    assert_eq!(g.weight(2, 0), -0.4);
    assert_eq!(g.positive_strengths(), &[0.8, 1.0, 0.8, 0.6]);
    assert_eq!(g.negative_strengths(), &[0.4, 0.2, 0.4, 0.2]);
    assert_eq!(
        g.distance_edges(|w| 2.0 * w),
        vec![(0, 1, 1.6), (1, 2, 0.4), (2, 3, 1.2)]
    );
    let from_matrix = SignedGraph::from_matrix(4, g.matrix()).unwrap();
    assert_eq!(from_matrix, g);
}
