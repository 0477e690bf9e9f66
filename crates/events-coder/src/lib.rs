//! Dictionary-mode political event coding: news text → who-did-what-to-whom records in
//! CAMEO, with PLOVER type/mode, Goldstein, quad class, topics and provenance.
//!
//! A fast shallow coder in the TABARI tradition, reading the PETRARCH-2 / TABARI
//! dictionaries, with no external parser: sentences are split and tokenised
//! ([`text`]), actor noun phrases (countries, adjectives, capitals, leaders with date
//! ranges, IGOs, agents such as "foreign minister") are found and coordinated into
//! compounds, verbs are matched against verb patterns, and each match yields events
//! (passive voice, reciprocal codes such as visit/host, several events per sentence).
//!
//! # Brief overview
//!
//! * [`Dictionaries`] holds verb patterns, actors, agents, discards and issues; each
//!   reader reports `file: line N: ...` errors, and a CSV overlay adds or corrects
//!   entries. [`Dictionaries::bundled`] loads the shipped MIT PETRARCH-2 files.
//! * [`Coder`] codes a [`Story`] into [`Coded`] [`Event`]s; [`CameoTable`] supplies
//!   names, Goldstein values (ICEWS), GDELT quad classes and PLOVER mappings.
//! * [`suite::Suite`] reads a PETRARCH validation XML suite and scores the coder on it;
//!   [`eval`] scores it on labelled news sentences (penta-class, polarity, actors).
//!
//! ```
//! use multipolar_coder::{Coder, Story};
//!
//! let coder = Coder::bundled()?;
//! let text = "Morocco's security chief spent three days in Moscow discussing \
//!             counter-terrorism and cyber security.";
//! let coded = coder.code(Story { id: "s1", date: Some(20240101), text });
//! let e = &coded.events[0];
//! assert_eq!((e.source.code.as_str(), e.target.code.as_str(), e.cameo.as_str()), ("MARSPY", "RUS", "042"));
//! assert_eq!(e.plover_event.as_deref(), Some("CONSULT"));
//! # Ok::<(), multipolar_coder::Error>(())
//! ```
//!
//! # Why a separate crate
//!
//! Event coding is text processing with its own data (dictionaries) and no use for
//! Arrow or the UN-vote tables; keeping it apart keeps its build light and lets the
//! dictionaries be updated without touching the measures.

#![deny(missing_docs)]

mod bundled;
mod coder;
pub mod dict;
mod error;
pub mod eval;
pub mod suite;
mod tables;
pub mod text;

pub use coder::{ActorRef, Coded, Coder, CommaLimits, Event, Options, Story};
pub use dict::Dictionaries;
pub use error::{Error, Result};
pub use tables::{CONVENTION, CameoInfo, CameoTable};
