//! One period's votes as bit sets, so that a dyad's 3×3 table is nine popcounts.

use multipolar_countries::CountryId;
use multipolar_data::VoteTable;

use crate::select::PeriodSet;

/// For each country voting in the period, one bit set per vote level over the
/// period's roll calls. Cross-tabulating a dyad is then `popcount(a_level & b_level)`
/// per cell: ~200 roll calls are four 64-bit words, so all 18,000 dyads of a session
/// take microseconds each instead of a join over ballots.
pub struct PeriodMatrix {
    countries: Vec<CountryId>,
    words: usize,
    /// `bits[(c * 3 + level) * words + w]`.
    bits: Vec<u64>,
}

impl PeriodMatrix {
    /// Builds the bit sets for one period.
    pub fn build(table: &VoteTable, set: &PeriodSet) -> Self {
        let mut countries: Vec<CountryId> = set
            .roll_calls
            .iter()
            .flat_map(|&i| table.ballots(i).iter().map(|b| b.country))
            .collect();
        countries.sort_unstable();
        countries.dedup();
        let words = set.roll_calls.len().div_ceil(64);
        let mut bits = vec![0u64; countries.len() * 3 * words];
        for (k, &i) in set.roll_calls.iter().enumerate() {
            for b in table.ballots(i) {
                // Both lists are sorted by country: binary search is exact.
                let c = countries
                    .binary_search(&b.country)
                    .expect("collected above");
                bits[(c * 3 + usize::from(b.vote.level())) * words + k / 64] |= 1 << (k % 64);
            }
        }
        PeriodMatrix {
            countries,
            words,
            bits,
        }
    }

    /// Countries with at least one vote in the period, sorted.
    pub fn countries(&self) -> &[CountryId] {
        &self.countries
    }

    /// Position of a country in [`countries`](Self::countries).
    pub fn position(&self, c: CountryId) -> Option<usize> {
        self.countries.binary_search(&c).ok()
    }

    /// Number of votes a country cast in the period.
    pub fn votes_cast(&self, i: usize) -> u32 {
        self.bits[i * 3 * self.words..(i + 1) * 3 * self.words]
            .iter()
            .map(|w| w.count_ones())
            .sum()
    }

    /// The 3×3 table of joint votes of countries `i` and `j` (row-major, rows = `i`'s
    /// vote yes/abstain/no, columns = `j`'s).
    #[inline]
    pub fn crosstab(&self, i: usize, j: usize) -> [u32; 9] {
        let w = self.words;
        let mut out = [0u32; 9];
        for a in 0..3 {
            let ra = &self.bits[(i * 3 + a) * w..(i * 3 + a + 1) * w];
            for b in 0..3 {
                let rb = &self.bits[(j * 3 + b) * w..(j * 3 + b + 1) * w];
                out[a * 3 + b] = ra.iter().zip(rb).map(|(x, y)| (x & y).count_ones()).sum();
            }
        }
        out
    }
}
