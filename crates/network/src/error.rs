//! The one error type of the crate.

use thiserror::Error;

/// Invalid input to a graph constructor or algorithm; every variant names the
/// offending node(s) and value so the caller can report it as is.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum NetworkError {
    /// A dense weight matrix whose length is not `n * n`.
    #[error("weight matrix has {len} entries, expected {n}×{n} = {}", n * n)]
    MatrixSize {
        /// Entries given.
        len: usize,
        /// Number of nodes.
        n: usize,
    },
    /// A node index `>= n`.
    #[error("node {node} out of range for a graph of {n} nodes")]
    NodeOutOfRange {
        /// The index given.
        node: usize,
        /// Number of nodes.
        n: usize,
    },
    /// A NaN or infinite weight.
    #[error("weight between {i} and {j} is not finite ({weight})")]
    NotFinite {
        /// First node.
        i: usize,
        /// Second node.
        j: usize,
        /// The value.
        weight: f64,
    },
    /// `w[i][j] != w[j][i]` in a dense matrix.
    #[error("weights are not symmetric: w[{i}][{j}] = {wij} but w[{j}][{i}] = {wji}")]
    Asymmetric {
        /// Row.
        i: usize,
        /// Column.
        j: usize,
        /// `w[i][j]`.
        wij: f64,
        /// `w[j][i]`.
        wji: f64,
    },
    /// A non-zero weight from a node to itself (set the diagonal to 0: a
    /// state's agreement with itself is not a tie).
    #[error("self-loop on node {node} with weight {weight}; the diagonal must be 0")]
    SelfLoop {
        /// The node.
        node: usize,
        /// The weight.
        weight: f64,
    },
    /// The same unordered pair listed twice in an edge list.
    #[error("edge {i}–{j} is listed more than once")]
    DuplicateEdge {
        /// First node.
        i: usize,
        /// Second node.
        j: usize,
    },
    /// A shortest-path distance that is not finite and strictly positive.
    #[error("distance between {i} and {j} must be finite and > 0, got {distance}")]
    Distance {
        /// First node.
        i: usize,
        /// Second node.
        j: usize,
        /// The value.
        distance: f64,
    },
    /// A resolution γ that is negative or not finite.
    #[error("resolution must be finite and >= 0, got {0}")]
    Resolution(f64),
    /// A partition whose length differs from the graph's node count.
    #[error("partition labels {len} nodes but the graph has {n}")]
    PartitionSize {
        /// Nodes labelled.
        len: usize,
        /// Nodes in the graph.
        n: usize,
    },
}
