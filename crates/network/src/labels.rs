//! Bloc labels that stay put from one year to the next.

use std::collections::HashMap;
use std::hash::Hash;

/// The outcome of [`align_labels`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Aligned<K> {
    /// The current `(key, label)` entries in input order, relabelled.
    pub labels: Vec<(K, usize)>,
    /// The smallest label not used so far (pass it to the next call).
    pub next_fresh: usize,
}

/// Relabels `current` so that its communities keep the labels of the
/// `previous` blocs they overlap most: Louvain numbers communities
/// arbitrarily, so "bloc 0" in 1990 and "bloc 0" in 1991 need not be the same
/// group until aligned.
///
/// Fresh labels start at `next_fresh`, or above every previous label if that
/// is larger; feeding each call's [`Aligned::next_fresh`] to the next
/// guarantees a label retired in one year is never given to a different bloc
/// later ([`BlocTracker`] does this bookkeeping). Keys should be unique
/// within each slice; for a repeated key in `previous` the last entry counts.
///
/// # Matching rule (greedy by overlap, not Hungarian)
///
/// For every pair (current community C, previous bloc P) sharing at least one
/// key, count the shared keys `|C ∩ P|`. Pairs are taken in this order, each
/// accepted if neither C nor P is matched yet:
///
/// 1. more shared keys first;
/// 2. then smaller union `|C ∪ P|` (the higher Jaccard index among equal
///    overlaps);
/// 3. then the smaller previous label, then the smaller current label.
///
/// A matched C takes P's label; an unmatched C gets a fresh label, never used
/// before, in ascending order of its current label. So when a bloc splits,
/// the part keeping most of its members keeps the label (on an exact tie,
/// the part with the smaller current label); when blocs merge, the merger
/// takes the label of the bloc that contributed most members and the others'
/// labels are retired for good. Keys present in only one year (new or
/// departed members) count in the union but never in an overlap.
///
/// Greedy rather than the Hungarian maximum-total-overlap matching: each
/// decision can be stated in one sentence to a reader ("bloc 2 kept its
/// label because 41 of its 45 members are still together"), and the two
/// differ only when several blocs reshuffle at once with close overlaps.
pub fn align_labels<K: Hash + Eq + Copy>(
    previous: &[(K, usize)],
    current: &[(K, usize)],
    next_fresh: usize,
) -> Aligned<K> {
    let prev_of: HashMap<K, usize> = previous.iter().copied().collect();
    let mut prev_labels: Vec<usize> = prev_of.values().copied().collect();
    prev_labels.sort_unstable();
    prev_labels.dedup();
    let mut cur_labels: Vec<usize> = current.iter().map(|&(_, l)| l).collect();
    cur_labels.sort_unstable();
    cur_labels.dedup();
    let index = |labels: &[usize], l: usize| labels.binary_search(&l).expect("label listed");

    let (kp, kc) = (prev_labels.len(), cur_labels.len());
    let mut prev_size = vec![0usize; kp];
    for &l in prev_of.values() {
        prev_size[index(&prev_labels, l)] += 1;
    }
    let mut cur_size = vec![0usize; kc];
    let mut overlap = vec![0usize; kc * kp];
    for &(key, l) in current {
        let c = index(&cur_labels, l);
        cur_size[c] += 1;
        if let Some(&pl) = prev_of.get(&key) {
            overlap[c * kp + index(&prev_labels, pl)] += 1;
        }
    }

    let mut pairs: Vec<(usize, usize, usize, usize)> = (0..kc)
        .flat_map(|c| (0..kp).map(move |p| (c, p)))
        .filter_map(|(c, p)| {
            let o = overlap[c * kp + p];
            (o > 0).then(|| (o, cur_size[c] + prev_size[p] - o, p, c))
        })
        .collect();
    pairs.sort_unstable_by(|a, b| b.0.cmp(&a.0).then((a.1, a.2, a.3).cmp(&(b.1, b.2, b.3))));
    let mut new_label: Vec<Option<usize>> = vec![None; kc];
    let mut prev_taken = vec![false; kp];
    for (_, _, p, c) in pairs {
        if new_label[c].is_none() && !prev_taken[p] {
            new_label[c] = Some(prev_labels[p]);
            prev_taken[p] = true;
        }
    }
    let mut fresh = prev_labels
        .last()
        .map_or(next_fresh, |&m| next_fresh.max(m + 1));
    let new_label: Vec<usize> = new_label
        .into_iter()
        .map(|l| {
            l.unwrap_or_else(|| {
                fresh += 1;
                fresh - 1
            })
        })
        .collect();
    Aligned {
        labels: current
            .iter()
            .map(|&(key, l)| (key, new_label[index(&cur_labels, l)]))
            .collect(),
        next_fresh: fresh,
    }
}

/// Year-by-year bookkeeping for [`align_labels`]: remembers last year's
/// labelled blocs and the next unused label. The first year's communities
/// get labels `0, 1, …` in ascending order of their own labels.
#[derive(Debug, Clone)]
pub struct BlocTracker<K> {
    previous: Vec<(K, usize)>,
    next_fresh: usize,
}

impl<K> Default for BlocTracker<K> {
    fn default() -> Self {
        Self {
            previous: Vec::new(),
            next_fresh: 0,
        }
    }
}

impl<K: Hash + Eq + Copy> BlocTracker<K> {
    /// A tracker that has seen no year yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Labels the next year's `(key, community)` entries (years in order)
    /// and remembers them for the following one.
    pub fn next_year(&mut self, current: &[(K, usize)]) -> Vec<(K, usize)> {
        let aligned = align_labels(&self.previous, current, self.next_fresh);
        self.previous.clone_from(&aligned.labels);
        self.next_fresh = aligned.next_fresh;
        aligned.labels
    }
}
