//! The `multipolar` binary, end to end: one test binary, a module per command.

mod util;

mod align;
mod browser;
mod code;
mod country;
mod dashboard;
mod data;
mod dependence;
#[cfg(feature = "events")]
mod events;
mod export;
mod ideal;
mod polarity;
mod profile;
#[cfg(feature = "events")]
mod profile_events;
mod serve;
mod system;
mod ties;
