//! Level numbers of UN General Assembly votes in a [`CrossTab`](crate::CrossTab).
//!
//! Voeten's codes 1 = Yes, 2 = Abstain, 3 = No map to levels 0, 1, 2 (code − 1);
//! Absent (8) and Not a member (9) never enter a table (research note §1).
//! The order makes distance meaningful: Yes–Abstain = 1, Yes–No = 2 = d_max.

/// Level of a Yes vote (Voeten code 1).
pub const YES: usize = 0;
/// Level of an Abstain vote (Voeten code 2).
pub const ABSTAIN: usize = 1;
/// Level of a No vote (Voeten code 3).
pub const NO: usize = 2;
/// Number of vote levels, the `k` of a vote table.
pub const LEVELS: usize = 3;
