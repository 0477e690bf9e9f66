//! What kind of failure an error is, so each front end can answer it in its own way
//! (an exit status, an HTTP status, a Python exception) with the same message.
//!
//! Queries return `anyhow` errors carrying the message every front end prints; the
//! kind is recovered from the error chain: a [`Usage`] or [`NoData`] marker, or the
//! registry's [`ResolveError`]. Anything else is a failure of the data or the machine.

use multipolar_countries::ResolveError;

/// The request is wrong as given: a bad period, a bad combination of options.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct Usage(pub String);

/// The request is well formed but the data hold nothing for it (a period beyond the
/// data, a state that never voted); the message says which command brings the data.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct NoData(pub String);

/// A name (a pole, a group) that resolves to nothing, with close matches.
#[derive(Debug, thiserror::Error)]
#[error("{msg}")]
pub struct UnknownName {
    /// The whole message.
    pub msg: String,
    /// Close names or codes.
    pub suggestions: Vec<String>,
}

/// No capability of that name.
#[derive(Debug, thiserror::Error)]
#[error("unknown endpoint \"{0}\"; expected one of: {1}")]
pub struct UnknownEndpoint(String, String);

pub(crate) fn unknown_endpoint(name: &str) -> anyhow::Error {
    let names: Vec<&str> = crate::ENDPOINTS.iter().map(|e| e.name).collect();
    anyhow::Error::new(UnknownEndpoint(name.to_string(), names.join(", ")))
}

/// The kinds of failure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// Fix the request ([`Usage`]).
    Usage,
    /// A country (or pole) name that resolves to no entity, or to several.
    UnknownCountry,
    /// Nothing in the data for the request ([`NoData`]).
    NoData,
    /// No capability of that name.
    UnknownEndpoint,
    /// Bad data files, I/O, a model failure.
    Failure,
}

/// The kind of `err`, from the first marker in its chain.
pub fn kind(err: &anyhow::Error) -> ErrorKind {
    for e in err.chain() {
        if e.is::<Usage>() {
            return ErrorKind::Usage;
        }
        if e.is::<NoData>() {
            return ErrorKind::NoData;
        }
        if e.is::<UnknownEndpoint>() {
            return ErrorKind::UnknownEndpoint;
        }
        if e.is::<ResolveError>() || e.is::<UnknownName>() {
            return ErrorKind::UnknownCountry;
        }
    }
    ErrorKind::Failure
}

/// Suggestions of an unknown-country error ("Morocco (MAR, COW 600)"), if any.
pub fn suggestions(err: &anyhow::Error) -> Vec<String> {
    if let Some(u) = err.chain().find_map(|e| e.downcast_ref::<UnknownName>()) {
        return u.suggestions.clone();
    }
    err.chain()
        .find_map(|e| e.downcast_ref::<ResolveError>())
        .map(resolve_suggestions)
        .unwrap_or_default()
}

/// The names a resolution error offers instead.
pub(crate) fn resolve_suggestions(e: &ResolveError) -> Vec<String> {
    match e {
        ResolveError::Unknown { suggestions, .. } => suggestions.clone(),
        ResolveError::NotInYear { candidates, .. } | ResolveError::Ambiguous { candidates, .. } => {
            candidates.clone()
        }
        _ => Vec::new(),
    }
}

/// A [`Usage`] error.
pub(crate) fn usage(msg: impl Into<String>) -> anyhow::Error {
    anyhow::Error::new(Usage(msg.into()))
}

/// A [`NoData`] error.
pub(crate) fn no_data(msg: impl Into<String>) -> anyhow::Error {
    anyhow::Error::new(NoData(msg.into()))
}

/// Returns early with a [`Usage`] error.
macro_rules! bail_usage {
    ($($t:tt)*) => { return Err($crate::error::usage(format!($($t)*))) };
}
pub(crate) use bail_usage;

/// Checks that every parameter name given (a query string's keys, Python keyword
/// arguments) is a parameter of the request type `T`; an unknown one is a
/// [`Usage`] error listing the known ones. (serde's `deny_unknown_fields` cannot be
/// used: the requests flatten shared argument groups.)
pub fn check_params<T: crate::Request>(names: &[&str]) -> anyhow::Result<()> {
    let known = crate::params::<T>();
    for n in names {
        if !known.iter().any(|k| k == n) && !T::ALIASES.contains(n) {
            let mut list = known.clone();
            list.sort();
            return Err(usage(format!(
                "unknown parameter \"{n}\"; expected one of: {}",
                list.join(", ")
            )));
        }
    }
    Ok(())
}
