//! Year-to-year bloc labels: permutations, splits, merges, fresh labels.

use multipolar_network::{BlocTracker, align_labels};

/// `(key, label)` entries from `(label, keys)` groups.
fn groups(g: &[(usize, &[u64])]) -> Vec<(u64, usize)> {
    g.iter()
        .flat_map(|&(l, keys)| keys.iter().map(move |&k| (k, l)))
        .collect()
}

fn label_of(entries: &[(u64, usize)], key: u64) -> usize {
    entries.iter().find(|e| e.0 == key).unwrap().1
}

#[test]
fn permuted_but_unchanged_keeps_labels() {
    let previous = groups(&[(4, &[1, 2, 3]), (9, &[4, 5]), (2, &[6])]);
    // Same groups, other labels, other order of entries.
    let current = groups(&[(0, &[6]), (1, &[5, 4]), (2, &[3, 1, 2])]);
    let out = align_labels(&previous, &current, 10);
    for (key, want) in [(1, 4), (2, 4), (3, 4), (4, 9), (5, 9), (6, 2)] {
        assert_eq!(label_of(&out.labels, key), want);
    }
    // Entries come back in input order.
    let keys: Vec<u64> = out.labels.iter().map(|e| e.0).collect();
    assert_eq!(keys, [6, 5, 4, 3, 1, 2]);
    assert_eq!(out.next_fresh, 10);
}

#[test]
fn split_larger_part_keeps_the_label() {
    let previous = groups(&[(0, &[1, 2, 3, 4, 5, 6]), (1, &[7, 8])]);
    let current = groups(&[(0, &[1, 2]), (1, &[3, 4, 5, 6]), (2, &[7, 8])]);
    let out = align_labels(&previous, &current, 0);
    assert_eq!(label_of(&out.labels, 3), 0);
    assert_eq!(label_of(&out.labels, 7), 1);
    // The smaller part is new: first label above every previous one.
    assert_eq!(label_of(&out.labels, 1), 2);
    assert_eq!(out.next_fresh, 3);
}

#[test]
fn even_split_is_decided_by_the_documented_tie_break() {
    let previous = groups(&[(5, &[1, 2, 3, 4])]);
    // Equal overlap (2) and equal union (4): the smaller current label wins.
    let current = groups(&[(8, &[3, 4]), (3, &[1, 2])]);
    let out = align_labels(&previous, &current, 0);
    assert_eq!(label_of(&out.labels, 1), 5);
    assert_eq!(label_of(&out.labels, 3), 6);
    // Equal overlap, smaller union (higher Jaccard) wins over label order.
    let previous = groups(&[(5, &[1, 2, 3, 4]), (6, &[9])]);
    let current = groups(&[(0, &[1, 2, 9]), (1, &[3, 4])]);
    let out = align_labels(&previous, &current, 0);
    // Overlaps with 5: both 2; unions 5 and 4 → {3,4} keeps 5; {1,2,9}
    // then takes 6 through key 9.
    assert_eq!(label_of(&out.labels, 3), 5);
    assert_eq!(label_of(&out.labels, 1), 6);
}

#[test]
fn merge_takes_the_biggest_contributor_and_retires_the_rest() {
    let previous = groups(&[(0, &[1, 2]), (1, &[3, 4, 5]), (2, &[6])]);
    let current = groups(&[(0, &[1, 2, 3, 4, 5]), (1, &[6])]);
    let out = align_labels(&previous, &current, 3);
    assert_eq!(label_of(&out.labels, 1), 1);
    assert_eq!(label_of(&out.labels, 6), 2);
    assert_eq!(out.next_fresh, 3);
}

#[test]
fn retired_labels_are_never_reused() {
    let mut tracker = BlocTracker::new();
    // Year 1: labels by ascending Louvain label.
    let y1 = tracker.next_year(&groups(&[(7, &[1, 2, 3]), (3, &[4, 5]), (5, &[6])]));
    assert_eq!(label_of(&y1, 4), 0);
    assert_eq!(label_of(&y1, 6), 1);
    assert_eq!(label_of(&y1, 1), 2);
    // Year 2: bloc 1 (key 6) disappears into bloc 0.
    let y2 = tracker.next_year(&groups(&[(0, &[1, 2, 3]), (1, &[4, 5, 6])]));
    assert_eq!(label_of(&y2, 6), 0);
    assert_eq!(label_of(&y2, 1), 2);
    // Year 3: a new bloc appears; label 1 was used, so it gets 3.
    let y3 = tracker.next_year(&groups(&[(0, &[1, 2, 3]), (1, &[4, 5]), (2, &[6])]));
    assert_eq!(label_of(&y3, 6), 3);
    assert_eq!(label_of(&y3, 4), 0);
}

#[test]
fn new_and_departed_members() {
    // Key 10 joins, key 3 leaves; 11 and 12 form a bloc of newcomers.
    let previous = groups(&[(0, &[1, 2, 3]), (1, &[4, 5])]);
    let current = groups(&[(0, &[4, 5, 10]), (1, &[1, 2]), (2, &[11, 12])]);
    let out = align_labels(&previous, &current, 0);
    assert_eq!(label_of(&out.labels, 10), 1);
    assert_eq!(label_of(&out.labels, 1), 0);
    assert_eq!(label_of(&out.labels, 11), 2);
    assert_eq!(out.next_fresh, 3);
}

#[test]
fn generic_keys() {
    let previous = [("USA", 0), ("GBR", 0), ("RUS", 1)];
    let current = [("USA", 1), ("GBR", 1), ("RUS", 0), ("CHN", 0)];
    let out = align_labels(&previous, &current, 0);
    assert_eq!(out.labels, [("USA", 0), ("GBR", 0), ("RUS", 1), ("CHN", 1)]);
}
