//! Signed modularity and its maximisation by Louvain.

use crate::rng::SplitMix64;
use crate::{NetworkError, Partition, SignedGraph};

/// Signed modularity `Q` of `partition` on `graph` at resolution `γ`.
/// For γ ≤ 1, `Q ≤ 1`; at γ = 1 one community for all nodes gives exactly 0.
///
/// Gómez, Jensen & Arenas (2009, Phys. Rev. E 80, 016114) split each
/// weight into `w⁺_ij = max(w_ij, 0)` and `w⁻_ij = max(−w_ij, 0)`, with
/// strengths `s±_i = Σ_j w±_ij` and totals `2w± = Σ_i s±_i` (each undirected
/// tie counted from both ends), and define
///
/// ```text
/// Q = 1/(2w⁺ + 2w⁻) · Σ_ij [ w_ij − γ (s⁺_i s⁺_j / 2w⁺ − s⁻_i s⁻_j / 2w⁻) ] δ(c_i, c_j)
/// ```
///
/// summed over ordered pairs *including* `i = j` (the null model has a
/// diagonal even though the graph has no self-loops). Equivalently
/// `Q = (2w⁺ Q⁺ − 2w⁻ Q⁻)/(2w⁺ + 2w⁻)` with `Q±` the ordinary weighted
/// modularity of the positive and of the negative layer. The null model is
/// signed: a community is rewarded for holding more positive weight *and
/// less negative weight* than a degree-preserving random graph of each sign
/// would put there. A term whose total `2w±` is 0 is dropped (no ties of that
/// sign, nothing to expect), and `Q = 0` for a graph with no ties at all.
///
/// The resolution γ scales both expectation terms alike (γ⁺ = γ⁻ = γ, as in
/// Traag & Bruggeman 2009); γ = 1 is the paper's Q. Its two effects pull in
/// opposite directions: on the positive layer a larger γ splits blocs (more,
/// smaller blocs of allies), while on the negative layer it *raises* the
/// hostility the null model expects between groups, so two groups that are
/// less hostile to each other than their negative strengths predict merge.
/// In particular two smaller blocs that are both mainly hostile to one large
/// bloc merge once γ passes a threshold that falls as the large bloc grows
/// (≈ 0.89 for blocs of 118, 52 and 23 states with ±1 ties, ≈ 1.01 for 40,
/// 20 and 10). Macon, Mucha & Porter (2012) apply this signed null model to
/// UN General Assembly agreement networks and stress that blocs depend on γ,
/// hence the parameter; report it with every result.
///
/// # Errors
/// [`NetworkError::Resolution`] for a negative or non-finite γ,
/// [`NetworkError::PartitionSize`] if the partition has a different number
/// of nodes.
pub fn modularity(
    graph: &SignedGraph,
    partition: &Partition,
    resolution: f64,
) -> Result<f64, NetworkError> {
    let null = NullModel::new(graph, resolution)?;
    let n = graph.len();
    if partition.len() != n {
        return Err(NetworkError::PartitionSize {
            len: partition.len(),
            n,
        });
    }
    if null.total == 0.0 {
        return Ok(0.0);
    }
    let labels = partition.labels();
    let k = partition.count();
    let (mut inside, mut tot_pos, mut tot_neg) = (vec![0.0; k], vec![0.0; k], vec![0.0; k]);
    let w = graph.matrix();
    for i in 0..n {
        let c = labels[i];
        tot_pos[c] += graph.positive_strengths()[i];
        tot_neg[c] += graph.negative_strengths()[i];
        inside[c] += (0..n)
            .filter(|&j| labels[j] == c)
            .map(|j| w[i * n + j])
            .sum::<f64>();
    }
    let sum: f64 = (0..k)
        .map(|c| {
            inside[c] - null.pos * tot_pos[c] * tot_pos[c] + null.neg * tot_neg[c] * tot_neg[c]
        })
        .sum();
    Ok(sum / null.total)
}

/// One Louvain run maximising signed [`modularity`] at resolution γ (the
/// conventional choice is 1.0; see [`modularity`] for what γ does on each
/// layer). Deterministic: the same graph, γ and `seed` give the same
/// partition on every platform (the seed only sets the node visiting order).
///
/// Blondel et al. (2008): each node, visited in a seeded random order, moves
/// to the community with the largest gain in Q until a full pass moves
/// nothing; communities then become nodes (signed weights summed, `s⁺` and
/// `s⁻` kept *separately* so the signed null model survives aggregation) and
/// the process repeats until a level merges nothing. Every community is a
/// candidate, not only neighbouring ones, because under the signed null model
/// joining a community one has no tie with can raise Q (fewer negative ties
/// than expected). Moving whole communities can strand single nodes in a bloc
/// they no longer fit, so a refinement follows: single nodes of the original
/// graph move again from the partition found, and if any moves the
/// multilevel phase restarts from there. The result is a local optimum (no
/// single node's move raises Q), not necessarily the global one, and a
/// community may be internally disconnected; [`best_communities`] runs
/// several seeds and keeps the best.
///
/// # Errors
/// [`NetworkError::Resolution`] for a negative or non-finite γ.
pub fn communities(
    graph: &SignedGraph,
    resolution: f64,
    seed: u64,
) -> Result<Partition, NetworkError> {
    let null = NullModel::new(graph, resolution)?;
    let mut rng = SplitMix64::new(seed);
    let base = Level {
        k: graph.len(),
        weights: graph.matrix().to_vec(),
        pos: graph.positive_strengths().to_vec(),
        neg: graph.negative_strengths().to_vec(),
    };
    // Original node -> community.
    let mut membership: Vec<usize> = (0..base.k).collect();
    let mut count = base.k;
    for _ in 0..MAX_PASSES {
        // Multilevel phase, starting from the current communities.
        let mut level = base.aggregate(&membership, count);
        loop {
            let (comm, merged, _) = level.local_moving(&null, &mut rng, (0..level.k).collect());
            if merged == level.k {
                break;
            }
            for m in &mut membership {
                *m = comm[*m];
            }
            level = level.aggregate(&comm, merged);
        }
        // Refinement: single nodes of the original graph may now do better
        // elsewhere; if any moves, aggregate again from there.
        let (comm, refined, moved) = base.local_moving(&null, &mut rng, membership);
        (membership, count) = (comm, refined);
        if !moved {
            break;
        }
    }
    Ok(Partition::new(&membership))
}

/// The best of several Louvain runs, with its modularity and the seed that
/// found it.
#[derive(Debug, Clone, PartialEq)]
pub struct BestPartition {
    /// The partition with the highest Q.
    pub partition: Partition,
    /// Its signed modularity at the resolution used.
    pub modularity: f64,
    /// The seed of the run that found it (the lowest among equal Q).
    pub seed: u64,
}

/// Runs [`communities`] with seeds `0..runs` (at least one run) and keeps the
/// highest Q; among runs within 1e-12 of each other the lowest seed wins, so
/// the answer is deterministic.
///
/// # Errors
/// [`NetworkError::Resolution`] for a negative or non-finite γ.
pub fn best_communities(
    graph: &SignedGraph,
    resolution: f64,
    runs: u64,
) -> Result<BestPartition, NetworkError> {
    let mut best: Option<BestPartition> = None;
    for seed in 0..runs.max(1) {
        let partition = communities(graph, resolution, seed)?;
        let q = modularity(graph, &partition, resolution)?;
        if best.as_ref().is_none_or(|b| q > b.modularity + 1e-12) {
            best = Some(BestPartition {
                partition,
                modularity: q,
                seed,
            });
        }
    }
    Ok(best.expect("at least one run"))
}

/// The constants of the signed null model: `γ/2w⁺`, `γ/2w⁻` (0 when there is
/// no tie of that sign) and the normaliser `2w⁺ + 2w⁻`.
struct NullModel {
    pos: f64,
    neg: f64,
    total: f64,
}

impl NullModel {
    fn new(graph: &SignedGraph, resolution: f64) -> Result<Self, NetworkError> {
        if !resolution.is_finite() || resolution < 0.0 {
            return Err(NetworkError::Resolution(resolution));
        }
        let two_wp: f64 = graph.positive_strengths().iter().sum();
        let two_wn: f64 = graph.negative_strengths().iter().sum();
        let scale = |t: f64| if t > 0.0 { resolution / t } else { 0.0 };
        Ok(Self {
            pos: scale(two_wp),
            neg: scale(two_wn),
            total: two_wp + two_wn,
        })
    }
}

/// One level of Louvain: `k` (super-)nodes, the dense signed weights between
/// them (the diagonal holds each super-node's internal weight, which no move
/// changes and so is never read), and their positive and negative strengths.
struct Level {
    k: usize,
    weights: Vec<f64>,
    pos: Vec<f64>,
    neg: Vec<f64>,
}

/// Most local-moving passes at one level, and most refinement rounds; each
/// move raises Q, so this only guards against rounding making two moves undo
/// each other forever.
const MAX_PASSES: usize = 1_000;

impl Level {
    /// Moves nodes between communities, starting from `comm` (labels in
    /// `0..k`), until a pass moves none; returns each node's community
    /// renumbered `0..count` by first appearance, the count, and whether any
    /// node moved.
    fn local_moving(
        &self,
        null: &NullModel,
        rng: &mut SplitMix64,
        mut comm: Vec<usize>,
    ) -> (Vec<usize>, usize, bool) {
        let k = self.k;
        let (mut tot_pos, mut tot_neg) = (vec![0.0; k], vec![0.0; k]);
        for (i, &c) in comm.iter().enumerate() {
            tot_pos[c] += self.pos[i];
            tot_neg[c] += self.neg[i];
        }
        let mut order: Vec<usize> = (0..k).collect();
        rng.shuffle(&mut order);
        // A move must beat staying by more than rounding noise of the gains.
        let eps = 1e-12 * (1.0 + null.total / k.max(1) as f64);
        let mut link = vec![0.0; k];
        let mut any_move = false;
        for _ in 0..MAX_PASSES {
            let mut moved = false;
            for &i in &order {
                let row = &self.weights[i * k..(i + 1) * k];
                for (j, &w) in row.iter().enumerate() {
                    if j != i {
                        link[comm[j]] += w;
                    }
                }
                let old = comm[i];
                tot_pos[old] -= self.pos[i];
                tot_neg[old] -= self.neg[i];
                // Half the change in (2w⁺+2w⁻)·Q when i joins c from being alone.
                let gain = |c: usize| {
                    link[c] - null.pos * self.pos[i] * tot_pos[c]
                        + null.neg * self.neg[i] * tot_neg[c]
                };
                let (mut best, mut best_gain) = (old, gain(old));
                for c in 0..k {
                    let g = gain(c);
                    if g > best_gain + eps {
                        (best, best_gain) = (c, g);
                    }
                }
                tot_pos[best] += self.pos[i];
                tot_neg[best] += self.neg[i];
                comm[i] = best;
                moved |= best != old;
                link.iter_mut().for_each(|l| *l = 0.0);
            }
            any_move |= moved;
            if !moved {
                break;
            }
        }
        let mut renumber = vec![usize::MAX; k];
        let mut count = 0;
        for c in &mut comm {
            if renumber[*c] == usize::MAX {
                renumber[*c] = count;
                count += 1;
            }
            *c = renumber[*c];
        }
        (comm, count, any_move)
    }

    /// Collapses each community into one node.
    fn aggregate(&self, comm: &[usize], count: usize) -> Level {
        let k = self.k;
        let mut weights = vec![0.0; count * count];
        let (mut pos, mut neg) = (vec![0.0; count], vec![0.0; count]);
        for i in 0..k {
            let ci = comm[i];
            pos[ci] += self.pos[i];
            neg[ci] += self.neg[i];
            let row = &self.weights[i * k..(i + 1) * k];
            for (j, &w) in row.iter().enumerate() {
                weights[ci * count + comm[j]] += w;
            }
        }
        Level {
            k: count,
            weights,
            pos,
            neg,
        }
    }
}
