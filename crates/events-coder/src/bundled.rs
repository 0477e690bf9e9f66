//! The shipped, compressed dictionaries and tables (see `data/PROVENANCE.md`).

use std::io::Read;

use crate::dict::Kind;
use crate::error::{Error, Result};

/// Shipped dictionaries, in load order.
pub(crate) const DICTIONARIES: &[(Kind, &str, &[u8])] = &[
    (
        Kind::Verbs,
        "CAMEO.2.0.txt",
        include_bytes!("../data/CAMEO.2.0.txt.gz"),
    ),
    (
        Kind::Actors,
        "Phoenix.Countries.actors.txt",
        include_bytes!("../data/Phoenix.Countries.actors.txt.gz"),
    ),
    (
        Kind::Actors,
        "Phoenix.International.actors.txt",
        include_bytes!("../data/Phoenix.International.actors.txt.gz"),
    ),
    (
        Kind::Actors,
        "Phoenix.MilNonState.actors.txt",
        include_bytes!("../data/Phoenix.MilNonState.actors.txt.gz"),
    ),
    (
        Kind::Agents,
        "Phoenix.agents.txt",
        include_bytes!("../data/Phoenix.agents.txt.gz"),
    ),
    (
        Kind::Discards,
        "Phoenix.discards.txt",
        include_bytes!("../data/Phoenix.discards.txt.gz"),
    ),
    (
        Kind::Issues,
        "Phoenix.IssueCoding.txt",
        include_bytes!("../data/Phoenix.IssueCoding.txt.gz"),
    ),
];

/// The overlay shipped with the crate.
pub(crate) const OVERLAY: &str = include_str!("../data/overlay.csv");

/// The CAMEO table (code, name, ICEWS Goldstein, PLOVER event/mode/contexts).
pub(crate) const CAMEO_TABLE: &[u8] = include_bytes!("../data/cameo_table.tsv.gz");

/// Decompresses a shipped file to text.
pub(crate) fn gunzip(name: &str, gz: &[u8]) -> Result<String> {
    let mut s = String::new();
    flate2::read::GzDecoder::new(gz)
        .read_to_string(&mut s)
        .map_err(|e| Error::Format(format!("{name}: bundled file is corrupt: {e}")))?;
    Ok(s)
}
