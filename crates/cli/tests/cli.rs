//! The `multipolar` binary, end to end: one test binary, a module per command.

mod util;

mod align;
mod browser;
mod code;
mod country;
mod data;
mod dependence;
#[cfg(feature = "events")]
mod events;
mod export;
mod ideal;
mod polarity;
mod profile;
mod system;
mod ties;
