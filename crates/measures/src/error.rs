//! The crate's one error type.

use std::fmt;

use crate::Measure;

/// Why a measure could not be computed or named.
///
/// Only input that is wrong returns an error; input on which a measure is
/// merely undefined (n = 0, p_e = 1, …) gives `Ok(None)` or `None` instead.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum MeasureError {
    /// The vectors given to [`s_weighted`](crate::similarity::s_weighted)
    /// differ in length.
    LengthMismatch {
        /// Length of `x`.
        x: usize,
        /// Length of `y`.
        y: usize,
        /// Length of `w`.
        w: usize,
    },
    /// A level exceeds the declared maximum `d_max`.
    LevelOutOfRange {
        /// Which vector holds it: `"x"` or `"y"`.
        side: &'static str,
        /// Position in that vector.
        index: usize,
        /// The offending level.
        level: u8,
        /// The declared maximum level.
        d_max: u8,
    },
    /// A weight is negative, NaN or infinite.
    InvalidWeight {
        /// Position in `w`.
        index: usize,
        /// The offending weight.
        weight: f64,
    },
    /// `d_max` is 0, so distances cannot be scaled.
    ZeroDMax,
    /// A measure name that is neither an id nor an alias.
    UnknownMeasure(String),
}

impl fmt::Display for MeasureError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MeasureError::LengthMismatch { x, y, w } => write!(
                f,
                "length mismatch: x has {x} values, y has {y}, w has {w}; expected equal lengths"
            ),
            MeasureError::LevelOutOfRange {
                side,
                index,
                level,
                d_max,
            } => write!(
                f,
                "level {level} at {side}[{index}] exceeds d_max {d_max}; levels run 0..={d_max}"
            ),
            MeasureError::InvalidWeight { index, weight } => write!(
                f,
                "weight {weight} at w[{index}] is invalid; expected a finite non-negative number"
            ),
            MeasureError::ZeroDMax => write!(f, "d_max is 0; expected at least 1"),
            MeasureError::UnknownMeasure(given) => {
                write!(f, "unknown measure \"{given}\"; expected one of ")?;
                for (i, m) in Measure::ALL.iter().enumerate() {
                    let sep = if i == 0 { "" } else { ", " };
                    write!(f, "{sep}{}", m.id())?;
                }
                write!(
                    f,
                    " (aliases: agree, voeten → half_credit; kappa → kappa_quad; pi → pi_nominal; s → s_abs)"
                )
            }
        }
    }
}

impl std::error::Error for MeasureError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_quote_the_input() {
        let e = MeasureError::LevelOutOfRange {
            side: "x",
            index: 4,
            level: 7,
            d_max: 2,
        };
        assert_eq!(
            e.to_string(),
            "level 7 at x[4] exceeds d_max 2; levels run 0..=2"
        );
        let e = MeasureError::UnknownMeasure("kapa".into());
        assert!(
            e.to_string().starts_with(
                "unknown measure \"kapa\"; expected one of strict, half_credit, yes_no,"
            ),
            "{e}"
        );
        assert!(e.to_string().contains("pi_quad (aliases:"), "{e}");
    }
}
