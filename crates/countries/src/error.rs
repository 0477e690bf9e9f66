//! Resolution errors.

/// Why a query did not resolve to one country. Candidates and suggestions are shown as
/// `Name (LABEL, COW n)`.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ResolveError {
    /// Nothing matches the query.
    #[error("unknown country \"{query}\"{}", suggest(suggestions))]
    Unknown {
        /// The query as given.
        query: String,
        /// Up to 3 close names or codes.
        suggestions: Vec<String>,
    },
    /// The query names countries, but none at the given year, and which one is meant is unclear.
    #[error(
        "\"{query}\" names no country in {year}; it names {} at other times: give a year when it existed or use a code",
        or_list(candidates)
    )]
    NotInYear {
        /// The query as given.
        query: String,
        /// The year asked for.
        year: i32,
        /// The countries the query names at other times.
        candidates: Vec<String>,
    },
    /// The query names several countries at the time asked for.
    #[error("\"{query}\" is ambiguous{}: it names {}; use a code or a fuller name", in_year(*year), or_list(candidates))]
    Ambiguous {
        /// The query as given.
        query: String,
        /// The year asked for, if any.
        year: Option<i32>,
        /// The countries it names.
        candidates: Vec<String>,
    },
    /// The query has a `system:` prefix that is not known.
    #[error(
        "unknown code system \"{prefix}:\" in \"{query}\"; use cow:, cowc:, iso2:, iso3:, gw:, gwc:, m49: or name:"
    )]
    BadPrefix {
        /// The query as given.
        query: String,
        /// The unknown prefix (without the colon).
        prefix: String,
    },
}

fn suggest(s: &[String]) -> String {
    if s.is_empty() {
        "; give a name, an ISO2 or ISO3 code, a COW number, or a prefixed code such as \"gw:260\""
            .to_string()
    } else {
        format!("; did you mean {}?", or_list(s))
    }
}

fn or_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

fn in_year(year: Option<i32>) -> String {
    year.map(|y| format!(" in {y}")).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages() {
        let e = ResolveError::Unknown {
            query: "Marroco".into(),
            suggestions: vec!["Morocco (MAR, COW 600)".into()],
        };
        assert_eq!(
            e.to_string(),
            "unknown country \"Marroco\"; did you mean Morocco (MAR, COW 600)?"
        );
        let e = ResolveError::Ambiguous {
            query: "X".into(),
            year: Some(1990),
            candidates: vec!["A".into(), "B".into(), "C".into()],
        };
        assert_eq!(
            e.to_string(),
            "\"X\" is ambiguous in 1990: it names A, B or C; use a code or a fuller name"
        );
    }
}
