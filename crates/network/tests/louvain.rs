//! Louvain recovers planted blocs and never does worse than them.

use multipolar_network::{
    NetworkError, Partition, SignedGraph, best_communities, communities, modularity,
};

/// A tiny deterministic generator for the test graphs (xorshift64*).
struct Noise(u64);

impl Noise {
    /// Uniform in [−1, 1).
    fn next(&mut self) -> f64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        let u = (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 11) as f64 / (1u64 << 53) as f64;
        2.0 * u - 1.0
    }
}

/// Complete graph with blocs of the given sizes, members interleaved
/// (node i is not simply in bloc i / size): weight `within` or `between`
/// plus uniform noise of half-width `noise`, clamped to [−1, 1] like κ.
fn planted(
    sizes: &[usize],
    within: f64,
    between: f64,
    noise: f64,
    seed: u64,
) -> (SignedGraph, Vec<usize>) {
    let n: usize = sizes.iter().sum();
    let mut bloc: Vec<usize> = sizes
        .iter()
        .enumerate()
        .flat_map(|(b, &s)| vec![b; s])
        .collect();
    // Deterministic interleaving: a fixed stride permutation.
    let stride = (1..n).find(|s| gcd(*s, n) == 1 && *s * 3 > n).unwrap_or(1);
    bloc = (0..n).map(|i| bloc[(i * stride) % n]).collect();
    let mut rng = Noise(seed.wrapping_mul(2).wrapping_add(0x9E37_79B9));
    let mut w = vec![0.0; n * n];
    for i in 0..n {
        for j in i + 1..n {
            let mean = if bloc[i] == bloc[j] { within } else { between };
            let x = (mean + noise * rng.next()).clamp(-1.0, 1.0);
            w[i * n + j] = x;
            w[j * n + i] = x;
        }
    }
    (SignedGraph::from_matrix(n, &w).unwrap(), bloc)
}

fn gcd(a: usize, b: usize) -> usize {
    if b == 0 { a } else { gcd(b, a % b) }
}

#[test]
fn two_noisy_blocs_recovered_on_every_seed() {
    // Within ~ +0.4, between ~ −0.3, noise ±0.6: about a quarter of the ties
    // have the "wrong" sign.
    for graph_seed in 0..5 {
        let (g, truth) = planted(&[25, 35], 0.4, -0.3, 0.6, graph_seed);
        let truth = Partition::new(&truth);
        for seed in 0..40 {
            let found = communities(&g, 1.0, seed).unwrap();
            assert_eq!(found, truth, "graph {graph_seed}, seed {seed}");
        }
    }
}

#[test]
fn three_unequal_blocs_recovered() {
    for graph_seed in 0..10 {
        let (g, truth) = planted(&[15, 20, 25], 0.5, -0.3, 0.5, graph_seed);
        let truth = Partition::new(&truth);
        assert_eq!(truth.count(), 3);
        for seed in 0..20 {
            assert_eq!(
                communities(&g, 1.0, seed).unwrap(),
                truth,
                "graph {graph_seed}, seed {seed}"
            );
        }
    }
}

#[test]
fn un_sized_graph() {
    // 193 states in three blocs, κ-like weights.
    let (g, truth) = planted(&[80, 70, 43], 0.4, -0.3, 0.5, 11);
    let best = best_communities(&g, 1.0, 5).unwrap();
    assert_eq!(best.partition, Partition::new(&truth));
    let q = modularity(&g, &best.partition, 1.0).unwrap();
    assert_eq!(best.modularity, q);
}

#[test]
fn minor_blocs_hostile_to_a_major_one_merge_above_a_threshold() {
    // Blocs A (8), B (3), C (2): +1 within, −1 across, no noise.
    // s⁺: A 7, B 2, C 1 → S⁺ = 56, 6, 2, 2w⁺ = 64.
    // s⁻: A 5, B 10, C 11 → S⁻ = 40, 30, 22, 2w⁻ = 92; normaliser 156.
    // Merging B and C changes Q by 2·[−6 + γ(30·22/92 − 6·2/64)]/156: the
    // null model expects more hostility between B and C (both hostile to
    // the big A) than the 6 ties there are. Positive above γ ≈ 0.8588.
    let n = 13;
    let bloc = |i: usize| match i {
        0..8 => 0,
        8..11 => 1,
        _ => 2,
    };
    let mut w = vec![0.0; n * n];
    for i in 0..n {
        for j in 0..n {
            if i != j {
                w[i * n + j] = if bloc(i) == bloc(j) { 1.0 } else { -1.0 };
            }
        }
    }
    let g = SignedGraph::from_matrix(n, &w).unwrap();
    let three = Partition::new(&(0..n).map(bloc).collect::<Vec<_>>());
    let merged = Partition::new(&(0..n).map(|i| bloc(i).min(1)).collect::<Vec<_>>());
    let gain = |gamma: f64| 2.0 * (-6.0 + gamma * (660.0 / 92.0 - 12.0 / 64.0)) / 156.0;
    for gamma in [1.0, 0.8] {
        let q3 = modularity(&g, &three, gamma).unwrap();
        let q2 = modularity(&g, &merged, gamma).unwrap();
        assert!((q2 - q3 - gain(gamma)).abs() < 1e-12);
    }
    // Exact values: 2871/9568 and 187/598 at γ = 1.
    assert!((modularity(&g, &three, 1.0).unwrap() - 2871.0 / 9568.0).abs() < 1e-12);
    assert!((modularity(&g, &merged, 1.0).unwrap() - 187.0 / 598.0).abs() < 1e-12);
    for seed in 0..10 {
        assert_eq!(communities(&g, 1.0, seed).unwrap(), merged);
        assert_eq!(communities(&g, 0.8, seed).unwrap(), three);
    }
}

#[test]
fn never_worse_than_the_planted_partition() {
    // Noise so strong the planted blocs are barely there: Louvain may find
    // another partition, but never one of lower modularity.
    for graph_seed in 0..10 {
        let (g, truth) = planted(&[8, 12, 10], 0.2, -0.1, 0.9, graph_seed);
        let q_truth = modularity(&g, &Partition::new(&truth), 1.0).unwrap();
        let best = best_communities(&g, 1.0, 10).unwrap();
        assert!(
            best.modularity >= q_truth - 1e-12,
            "{} < {q_truth}",
            best.modularity
        );
        for seed in 0..10 {
            let p = communities(&g, 1.0, seed).unwrap();
            assert!(modularity(&g, &p, 1.0).unwrap() <= best.modularity);
        }
    }
}

#[test]
fn local_optimum_no_single_move_helps() {
    let (g, _) = planted(&[8, 12, 10], 0.2, -0.1, 0.9, 3);
    for seed in 0..5 {
        let p = communities(&g, 1.0, seed).unwrap();
        let q = modularity(&g, &p, 1.0).unwrap();
        let labels = p.labels();
        for node in 0..g.len() {
            for target in 0..=p.count() {
                let mut moved = labels.to_vec();
                moved[node] = target;
                let q2 = modularity(&g, &Partition::new(&moved), 1.0).unwrap();
                assert!(q2 <= q + 1e-9, "moving {node} to {target}: {q2} > {q}");
            }
        }
    }
}

#[test]
fn deterministic_and_seed_sensitive_only_in_order() {
    let (g, _) = planted(&[8, 12, 10], 0.2, -0.1, 0.9, 4);
    for seed in 0..5 {
        assert_eq!(
            communities(&g, 1.0, seed).unwrap(),
            communities(&g, 1.0, seed).unwrap()
        );
    }
    let a = best_communities(&g, 1.0, 8).unwrap();
    assert_eq!(a, best_communities(&g, 1.0, 8).unwrap());
    assert!(a.seed < 8);
    assert_eq!(a.partition, communities(&g, 1.0, a.seed).unwrap());
}

#[test]
fn resolution_controls_bloc_size() {
    // Positive ties only, two dense groups weakly tied to each other.
    let n = 20;
    let mut w = vec![0.0; n * n];
    for i in 0..n {
        for j in 0..n {
            if i != j {
                w[i * n + j] = if (i < 10) == (j < 10) { 1.0 } else { 0.3 };
            }
        }
    }
    let g = SignedGraph::from_matrix(n, &w).unwrap();
    assert_eq!(communities(&g, 1.0, 0).unwrap().count(), 2);
    // γ = 0: no penalty, everything joins.
    assert_eq!(communities(&g, 0.0, 0).unwrap().count(), 1);
    // Very high γ: expectation dominates, everything splits.
    assert_eq!(communities(&g, 50.0, 0).unwrap().count(), n);
    assert!(matches!(
        communities(&g, -0.5, 0),
        Err(NetworkError::Resolution(_))
    ));
}

#[test]
fn degenerate_graphs() {
    let empty = SignedGraph::from_edges(0, &[]).unwrap();
    assert!(communities(&empty, 1.0, 0).unwrap().is_empty());
    // No ties: nothing to gain by grouping.
    let isolated = SignedGraph::from_edges(3, &[]).unwrap();
    assert_eq!(communities(&isolated, 1.0, 0).unwrap().count(), 3);
    // All hostile: every state alone scores best.
    let mut w = vec![-0.5; 16];
    (0..4).for_each(|i| w[i * 5] = 0.0);
    let hostile = SignedGraph::from_matrix(4, &w).unwrap();
    assert_eq!(communities(&hostile, 1.0, 0).unwrap().count(), 4);
}
