//! What can go wrong when scaling votes.

/// An input or option the estimator cannot use.
#[derive(Debug, thiserror::Error, Clone, PartialEq)]
#[non_exhaustive]
pub enum IdealError {
    /// No votes at all (an empty period, or every vote excluded).
    #[error("no votes to scale")]
    NoVotes,
    /// A vote points past the end of the unit or item list.
    #[error("vote {obs} refers to a unit or item that does not exist")]
    BadIndex {
        /// Position in `Input::obs`.
        obs: usize,
    },
    /// A vote is not 0, 1 or 2.
    #[error("vote {obs} is {y}; expected 0 (yes), 1 (abstain) or 2 (no)")]
    BadVote {
        /// Position in `Input::obs`.
        obs: usize,
        /// The value found.
        y: u8,
    },
    /// A unit has no votes: its ideal point would be the prior alone.
    #[error("country {country} in session {session} has no votes")]
    EmptyUnit {
        /// Country index.
        country: u32,
        /// Session.
        session: u32,
    },
    /// Two units name the same country-session.
    #[error("country {country} appears twice in session {session}")]
    DuplicateUnit {
        /// Country index.
        country: u32,
        /// Session.
        session: u32,
    },
    /// A unit votes twice on the same (linked) roll call.
    #[error(
        "country {country} votes twice on one linked roll call in session {session}; bridge only roll calls of different sessions"
    )]
    DuplicateVote {
        /// Country index.
        country: u32,
        /// Session.
        session: u32,
    },
    /// The orientation country has no units.
    #[error("the orientation country {0} casts no votes; choose another or none")]
    OrientAbsent(u32),
    /// An option is out of range.
    #[error("invalid option: {0}")]
    BadOption(String),
}
