//! `multipolar country`.
