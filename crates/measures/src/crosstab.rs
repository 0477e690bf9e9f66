//! The joint-observation table every measure reads.

/// Largest number of levels a [`CrossTab`] supports.
///
/// Counts live in an inline `[f64; MAX_LEVELS²]` array so that building a
/// table and computing any measure on it never allocates. Four levels cover
/// UN votes (3) and valued alliance portfolios (ATOP 0..3, 4 levels).
pub const MAX_LEVELS: usize = 4;

/// k×k table of (possibly weighted) counts of joint observations; row = level
/// of state i, column = level of state j.
///
/// Levels are ordered 0..k (for UN votes: 0 = yes, 1 = abstain, 2 = no; see
/// [`votes`](crate::votes)). Counts are finite and non-negative; every
/// constructor and [`add`](CrossTab::add) panics otherwise, so a measure never
/// sees a NaN.
///
/// # Layout and limits
///
/// `2 ≤ k ≤` [`MAX_LEVELS`] (= 4). Counts are stored row-major in a fixed
/// `[f64; 16]`; cells outside the k×k block stay 0. A table is 136 bytes on
/// the stack, and nothing on the measure path allocates.
///
/// # Exact symmetry
///
/// [`n`](CrossTab::n) and every measure sum the off-diagonal cells in
/// unordered pairs, `(c_ab + c_ba)`, so a measure on `t` and on
/// `t.transpose()` is bitwise identical: directed dyads (i, j) and (j, i)
/// never differ in the last digit.
#[derive(Clone, Debug, PartialEq)]
pub struct CrossTab {
    k: usize,
    counts: [f64; MAX_LEVELS * MAX_LEVELS],
}

impl CrossTab {
    /// An empty k×k table (all counts 0).
    ///
    /// # Panics
    ///
    /// If `k < 2` (a single level carries no information) or
    /// `k >` [`MAX_LEVELS`].
    pub fn new(k: usize) -> Self {
        assert!(
            (2..=MAX_LEVELS).contains(&k),
            "CrossTab needs 2 ≤ k ≤ {MAX_LEVELS} levels, found k = {k}"
        );
        Self {
            k,
            counts: [0.0; MAX_LEVELS * MAX_LEVELS],
        }
    }

    /// A k×k table from row-major counts (`counts[a * k + b]` = cell (a, b)).
    ///
    /// # Panics
    ///
    /// As [`new`](CrossTab::new) for `k`; if `counts.len() != k * k`; or if a
    /// count is negative or not finite.
    pub fn from_counts(k: usize, counts: &[f64]) -> Self {
        let mut t = Self::new(k);
        assert_eq!(
            counts.len(),
            k * k,
            "CrossTab::from_counts expects k * k = {} counts, found {}",
            k * k,
            counts.len()
        );
        for (i, &c) in counts.iter().enumerate() {
            t.add(i / k, i % k, c);
        }
        t
    }

    /// A k×k table counting each `(level of i, level of j)` pair once.
    ///
    /// # Panics
    ///
    /// As [`new`](CrossTab::new) for `k`; if a level is `≥ k`.
    pub fn from_pairs(k: usize, pairs: impl IntoIterator<Item = (u8, u8)>) -> Self {
        let mut t = Self::new(k);
        for (a, b) in pairs {
            t.add(usize::from(a), usize::from(b), 1.0);
        }
        t
    }

    /// Adds `weight` to cell (a, b).
    ///
    /// # Panics
    ///
    /// If `a ≥ k` or `b ≥ k`, or if `weight` is negative or not finite.
    #[inline]
    pub fn add(&mut self, a: usize, b: usize, weight: f64) {
        self.check_cell(a, b);
        assert!(
            weight.is_finite() && weight >= 0.0,
            "CrossTab weight must be finite and non-negative, found {weight}"
        );
        self.counts[a * self.k + b] += weight;
    }

    /// Number of levels k.
    #[inline]
    pub fn k(&self) -> usize {
        self.k
    }

    /// Count in cell (a, b).
    ///
    /// # Panics
    ///
    /// If `a ≥ k` or `b ≥ k`.
    #[inline]
    pub fn get(&self, a: usize, b: usize) -> f64 {
        self.check_cell(a, b);
        self.counts[a * self.k + b]
    }

    /// Total count n (sum of all cells; symmetric order, see the type docs).
    pub fn n(&self) -> f64 {
        let mut n = self.diagonal();
        for a in 0..self.k {
            for b in a + 1..self.k {
                n += self.pair(a, b);
            }
        }
        n
    }

    /// The table with the roles of i and j swapped.
    pub fn transpose(&self) -> Self {
        let mut t = Self::new(self.k);
        for a in 0..self.k {
            for b in 0..self.k {
                t.counts[b * self.k + a] = self.counts[a * self.k + b];
            }
        }
        t
    }

    /// Proportion of observations at each level of state i (row sums / n);
    /// `None` if n = 0.
    pub fn row_marginals(&self) -> Option<Vec<f64>> {
        self.marginals().map(|(rows, _)| rows[..self.k].to_vec())
    }

    /// Proportion of observations at each level of state j (column sums / n);
    /// `None` if n = 0.
    pub fn col_marginals(&self) -> Option<Vec<f64>> {
        self.marginals().map(|(_, cols)| cols[..self.k].to_vec())
    }

    /// Row and column proportions in fixed arrays (entries ≥ k are 0);
    /// `None` if n = 0. The allocation-free form the measures use.
    pub(crate) fn marginals(&self) -> Option<([f64; MAX_LEVELS], [f64; MAX_LEVELS])> {
        let n = self.nonzero_n()?;
        let mut rows = [0.0; MAX_LEVELS];
        let mut cols = [0.0; MAX_LEVELS];
        // Row sums iterate b and column sums iterate a in the same order, so
        // `t.transpose()` swaps the two arrays exactly.
        for a in 0..self.k {
            for b in 0..self.k {
                rows[a] += self.counts[a * self.k + b];
                cols[a] += self.counts[b * self.k + a];
            }
            rows[a] /= n;
            cols[a] /= n;
        }
        Some((rows, cols))
    }

    /// n, or `None` when the table is empty (every measure is undefined).
    #[inline]
    pub(crate) fn nonzero_n(&self) -> Option<f64> {
        let n = self.n();
        (n > 0.0).then_some(n)
    }

    /// Sum of the diagonal (identical levels).
    #[inline]
    pub(crate) fn diagonal(&self) -> f64 {
        (0..self.k).map(|a| self.counts[a * self.k + a]).sum()
    }

    /// `c_ab + c_ba`: the unordered-pair count that keeps measures symmetric.
    #[inline]
    pub(crate) fn pair(&self, a: usize, b: usize) -> f64 {
        self.counts[a * self.k + b] + self.counts[b * self.k + a]
    }

    /// `Σ_{a<b} (b − a)^p · (c_ab + c_ba)`: total distance, p = 1 or 2.
    #[inline]
    pub(crate) fn distance_sum(&self, p: i32) -> f64 {
        let mut sum = 0.0;
        for a in 0..self.k {
            for b in a + 1..self.k {
                sum += level_distance(a, b, p) * self.pair(a, b);
            }
        }
        sum
    }

    fn check_cell(&self, a: usize, b: usize) {
        assert!(
            a < self.k && b < self.k,
            "CrossTab cell ({a}, {b}) is outside the {k}×{k} table",
            k = self.k
        );
    }
}

/// `|a − b|^p` as a float (exact for the small integers used here).
#[inline]
pub(crate) fn level_distance(a: usize, b: usize, p: i32) -> f64 {
    (a.abs_diff(b) as f64).powi(p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn from_counts_is_row_major() {
        let t = CrossTab::from_counts(2, &[1.0, 2.0, 3.0, 4.0]);
        assert_eq!(t.get(0, 1), 2.0);
        assert_eq!(t.get(1, 0), 3.0);
        assert_eq!(t.n(), 10.0);
    }

    #[test]
    fn from_pairs_counts_each_pair_once() {
        let t = CrossTab::from_pairs(3, [(0, 2), (0, 2), (1, 1)]);
        assert_eq!(
            t,
            CrossTab::from_counts(3, &[0., 0., 2., 0., 1., 0., 0., 0., 0.])
        );
    }

    #[test]
    fn transpose_swaps_cells_and_marginals() {
        let t = CrossTab::from_counts(3, &[1., 2., 3., 4., 5., 6., 7., 8., 9.]);
        let tt = t.transpose();
        assert_eq!(tt.get(0, 2), 7.0);
        assert_eq!(tt.get(2, 0), 3.0);
        assert_eq!(tt.row_marginals(), t.col_marginals());
        assert_eq!(tt.transpose(), t);
    }

    #[test]
    fn marginals_are_proportions() {
        // Rows (1+3, 2+4) = (4, 6), columns (1+2, 3+4) = (3, 7), n = 10.
        let t = CrossTab::from_counts(2, &[1.0, 3.0, 2.0, 4.0]);
        assert_eq!(t.row_marginals(), Some(vec![0.4, 0.6]));
        assert_eq!(t.col_marginals(), Some(vec![0.3, 0.7]));
    }

    #[test]
    fn empty_table_has_no_marginals() {
        let t = CrossTab::new(4);
        assert_eq!(t.n(), 0.0);
        assert_eq!(t.row_marginals(), None);
        assert_eq!(t.col_marginals(), None);
    }

    #[test]
    fn weighted_add_accumulates() {
        let mut t = CrossTab::new(2);
        t.add(1, 0, 0.25);
        t.add(1, 0, 0.5);
        assert_eq!(t.get(1, 0), 0.75);
    }

    #[test]
    #[should_panic(expected = "2 ≤ k ≤ 4")]
    fn one_level_is_rejected() {
        CrossTab::new(1);
    }

    #[test]
    #[should_panic(expected = "2 ≤ k ≤ 4")]
    fn five_levels_are_rejected() {
        CrossTab::new(5);
    }

    #[test]
    #[should_panic(expected = "expects k * k = 9 counts, found 4")]
    fn wrong_count_length_is_rejected() {
        CrossTab::from_counts(3, &[1.0; 4]);
    }

    #[test]
    #[should_panic(expected = "outside the 3×3 table")]
    fn level_beyond_k_is_rejected() {
        // Cell (0, 3) would alias (1, 0) in the row-major array without the check.
        CrossTab::from_pairs(3, [(0, 3)]);
    }

    #[test]
    #[should_panic(expected = "finite and non-negative, found -1")]
    fn negative_weight_is_rejected() {
        CrossTab::new(3).add(0, 0, -1.0);
    }

    #[test]
    #[should_panic(expected = "finite and non-negative, found NaN")]
    fn nan_weight_is_rejected() {
        CrossTab::new(3).add(0, 0, f64::NAN);
    }
}
