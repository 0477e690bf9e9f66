//! A hard partition of nodes into communities.

/// Community label of every node, normalised to `0..count()` in order of
/// first appearance (node 0 is in community 0), so that two partitions with
/// the same groups compare equal whatever labels produced them.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Partition {
    labels: Vec<usize>,
    count: usize,
}

impl Partition {
    /// Normalises arbitrary labels (one per node; equal labels = same
    /// community).
    pub fn new(labels: &[usize]) -> Self {
        let mut map = std::collections::HashMap::new();
        let labels: Vec<usize> = labels
            .iter()
            .map(|&l| {
                let next = map.len();
                *map.entry(l).or_insert(next)
            })
            .collect();
        Self {
            count: map.len(),
            labels,
        }
    }

    /// The normalised label of each node.
    pub fn labels(&self) -> &[usize] {
        &self.labels
    }

    /// Number of nodes.
    pub fn len(&self) -> usize {
        self.labels.len()
    }

    /// Whether the partition covers no node.
    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }

    /// Number of communities.
    pub fn count(&self) -> usize {
        self.count
    }

    /// Members of each community, in label order, each list ascending.
    pub fn members(&self) -> Vec<Vec<usize>> {
        let mut out = vec![Vec::new(); self.count];
        for (node, &c) in self.labels.iter().enumerate() {
            out[c].push(node);
        }
        out
    }
}
