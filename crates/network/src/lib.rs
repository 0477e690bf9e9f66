//! The system view of UN voting: who votes with whom, as a network.
//!
//! States are nodes of a complete, signed, weighted graph: the weight of a
//! pair is how much more (positive) or less (negative) than chance two states
//! agree in a year's roll calls, e.g. Cohen's κ or Signorino–Ritter S from
//! `multipolar-measures`. On that graph this crate finds
//!
//! * **voting blocs** — [`communities`] / [`best_communities`]: Louvain
//!   maximising the signed [`modularity`] of Gómez, Jensen & Arenas (2009),
//!   the quality function Macon, Mucha & Porter (2012) used for the General
//!   Assembly, with a resolution γ (conventionally 1) on which the blocs
//!   depend;
//! * **stable bloc names** — [`align_labels`] / [`BlocTracker`]: this year's
//!   blocs take the labels of last year's blocs they share most members with,
//!   and genuinely new blocs get labels never used before;
//! * **brokers** — [`betweenness`]: weighted shortest-path betweenness
//!   (Brandes) over the positive ties, with distances the caller chooses.
//!
//! Everything is a pure function of its inputs, deterministic for a given
//! seed, without I/O. Sized for the UN: on a complete graph of 193 states
//! one Louvain run takes about 1 ms and betweenness about 15 ms (release
//! build, busy 2-core machine).
//!
//! # Example
//!
//! Two triangles of allies joined by one friendly tie, with two hostile ties
//! across:
//!
//! ```
//! use multipolar_network::{
//!     SignedGraph, align_labels, betweenness, communities, modularity,
//! };
//!
//! let g = SignedGraph::from_edges(6, &[
//!     (0, 1, 1.0), (0, 2, 1.0), (1, 2, 1.0),
//!     (3, 4, 1.0), (3, 5, 1.0), (4, 5, 1.0),
//!     (2, 3, 1.0), (0, 5, -1.0), (1, 4, -1.0),
//! ])?;
//! let blocs = communities(&g, 1.0, 7)?;
//! assert_eq!(blocs.labels(), &[0, 0, 0, 1, 1, 1]);
//! assert!((modularity(&g, &blocs, 1.0)? - 7.0 / 18.0).abs() < 1e-12);
//!
//! // Last year the same states were labelled the other way round:
//! // keys are opaque country ids.
//! let keys = [2u64, 20, 200, 365, 710, 750];
//! let previous: Vec<_> = keys.iter().copied().zip([5, 5, 5, 3, 3, 3]).collect();
//! let current: Vec<_> = keys.iter().copied().zip(blocs.labels().iter().copied()).collect();
//! let aligned = align_labels(&previous, &current, 6);
//! assert_eq!(aligned.labels[0], (2, 5));
//! assert_eq!(aligned.labels[5], (750, 3));
//!
//! // Brokers: the two ends of the bridge, with distance 1/w on positive ties.
//! let b = betweenness(g.len(), &g.distance_edges(|w| 1.0 / w))?;
//! assert!((b[2] - 0.6).abs() < 1e-12 && (b[3] - 0.6).abs() < 1e-12);
//! assert_eq!(b[0], 0.0);
//! # Ok::<(), multipolar_network::NetworkError>(())
//! ```
#![deny(missing_docs)]

mod betweenness;
mod community;
mod error;
mod graph;
mod labels;
mod partition;
mod rng;

pub use betweenness::{TIE_TOLERANCE, betweenness};
pub use community::{BestPartition, best_communities, communities, modularity};
pub use error::NetworkError;
pub use graph::SignedGraph;
pub use labels::{Aligned, BlocTracker, align_labels};
pub use partition::Partition;
