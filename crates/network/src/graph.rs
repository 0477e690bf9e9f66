//! The signed, weighted, undirected graph every algorithm reads.

use crate::NetworkError;

/// An undirected graph on nodes `0..n` with a signed weight on each pair
/// (0 = no tie), stored as a dense symmetric matrix.
///
/// Dense because the UN agreement network is complete (every member voted
/// with every other), with n ≤ ~200: n² floats is small and makes Louvain's
/// inner loop a plain row scan. Positive and negative strengths
/// (`s⁺_i = Σ_j max(w_ij, 0)`, `s⁻_i = Σ_j max(−w_ij, 0)`) are computed once
/// here because the signed null model needs them separately.
#[derive(Debug, Clone, PartialEq)]
pub struct SignedGraph {
    n: usize,
    weights: Vec<f64>,
    pos_strength: Vec<f64>,
    neg_strength: Vec<f64>,
}

impl SignedGraph {
    /// Builds a graph from a row-major `n × n` matrix.
    ///
    /// # Errors
    /// [`NetworkError::MatrixSize`] if `weights.len() != n * n`,
    /// [`NetworkError::NotFinite`] for NaN or ±∞, [`NetworkError::SelfLoop`]
    /// for a non-zero diagonal entry, [`NetworkError::Asymmetric`] if
    /// `w[i][j] != w[j][i]` (exact comparison: symmetrise before calling).
    pub fn from_matrix(n: usize, weights: &[f64]) -> Result<Self, NetworkError> {
        if weights.len() != n * n {
            return Err(NetworkError::MatrixSize {
                len: weights.len(),
                n,
            });
        }
        for i in 0..n {
            for j in i..n {
                let wij = weights[i * n + j];
                let wji = weights[j * n + i];
                for (a, b, w) in [(i, j, wij), (j, i, wji)] {
                    if !w.is_finite() {
                        return Err(NetworkError::NotFinite {
                            i: a,
                            j: b,
                            weight: w,
                        });
                    }
                }
                if i == j && wij != 0.0 {
                    return Err(NetworkError::SelfLoop {
                        node: i,
                        weight: wij,
                    });
                }
                if wij != wji {
                    return Err(NetworkError::Asymmetric { i, j, wij, wji });
                }
            }
        }
        Ok(Self::from_valid(n, weights.to_vec()))
    }

    /// Builds a graph from undirected edges `(i, j, w)`; pairs not listed
    /// have weight 0. Each unordered pair may appear once, in either order.
    ///
    /// # Errors
    /// [`NetworkError::NodeOutOfRange`], [`NetworkError::NotFinite`],
    /// [`NetworkError::SelfLoop`] (for `i == j` with `w != 0`) or
    /// [`NetworkError::DuplicateEdge`].
    pub fn from_edges(n: usize, edges: &[(usize, usize, f64)]) -> Result<Self, NetworkError> {
        let mut weights = vec![0.0; n * n];
        let mut seen = vec![false; n * n];
        for &(i, j, w) in edges {
            for node in [i, j] {
                if node >= n {
                    return Err(NetworkError::NodeOutOfRange { node, n });
                }
            }
            if !w.is_finite() {
                return Err(NetworkError::NotFinite { i, j, weight: w });
            }
            if i == j {
                if w != 0.0 {
                    return Err(NetworkError::SelfLoop { node: i, weight: w });
                }
                continue;
            }
            if std::mem::replace(&mut seen[i * n + j], true) {
                return Err(NetworkError::DuplicateEdge { i, j });
            }
            seen[j * n + i] = true;
            weights[i * n + j] = w;
            weights[j * n + i] = w;
        }
        Ok(Self::from_valid(n, weights))
    }

    fn from_valid(n: usize, weights: Vec<f64>) -> Self {
        let (pos_strength, neg_strength) = (0..n)
            .map(|i| {
                weights[i * n..(i + 1) * n]
                    .iter()
                    .fold((0.0, 0.0), |(p, q), &w| (p + w.max(0.0), q + (-w).max(0.0)))
            })
            .unzip();
        Self {
            n,
            weights,
            pos_strength,
            neg_strength,
        }
    }

    /// Number of nodes.
    pub fn len(&self) -> usize {
        self.n
    }

    /// Whether the graph has no nodes.
    pub fn is_empty(&self) -> bool {
        self.n == 0
    }

    /// Weight of the pair `(i, j)` (0 when there is no tie).
    ///
    /// # Panics
    /// If `i` or `j` is `>= len()`.
    pub fn weight(&self, i: usize, j: usize) -> f64 {
        assert!(i < self.n && j < self.n, "node out of range");
        self.weights[i * self.n + j]
    }

    /// The row-major `n × n` matrix.
    pub fn matrix(&self) -> &[f64] {
        &self.weights
    }

    /// Positive strengths `s⁺_i = Σ_j max(w_ij, 0)`.
    pub fn positive_strengths(&self) -> &[f64] {
        &self.pos_strength
    }

    /// Negative strengths `s⁻_i = Σ_j max(−w_ij, 0)` (non-negative numbers).
    pub fn negative_strengths(&self) -> &[f64] {
        &self.neg_strength
    }

    /// The positive edges as `(i, j, distance(w_ij))` with `i < j`, ready for
    /// [`betweenness`](crate::betweenness): only agreement carries a shortest
    /// path, so negative and zero weights are left out. Typical distances are
    /// `1/w` or `1 − w + ε`; [`betweenness`](crate::betweenness) rejects a
    /// distance that is not finite and > 0.
    pub fn distance_edges(&self, distance: impl Fn(f64) -> f64) -> Vec<(usize, usize, f64)> {
        let n = self.n;
        (0..n)
            .flat_map(|i| (i + 1..n).map(move |j| (i, j)))
            .filter_map(|(i, j)| {
                let w = self.weights[i * n + j];
                (w > 0.0).then(|| (i, j, distance(w)))
            })
            .collect()
    }
}
