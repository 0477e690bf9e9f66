//! One module per verb.

mod align;
mod code;
mod country;
mod data;
mod dependence;
#[cfg(feature = "events")]
mod events;
mod export;
mod ideal;
mod measures;
mod polarity;
mod profile;
#[cfg(feature = "events")]
mod sql;
mod system;
mod ties;

use anyhow::Result;

use crate::args::{Cli, Command};

/// Runs the parsed command line.
pub fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Align(a) => align::run(&cli.data_dir, a),
        Command::Country(a) => country::run(a),
        Command::Measures => measures::run(),
        Command::Data(d) => data::run(&cli.data_dir, d),
        Command::Export(e) => export::run(&cli.data_dir, e),
        Command::Code(a) => code::run(a),
        Command::Ideal(a) => ideal::run(&cli.data_dir, a),
        Command::Dependence(a) => dependence::run(a),
        Command::Ties(a) => ties::run(a),
        Command::Polarity(a) => polarity::run(a),
        Command::Profile(a) => profile::run(&cli.data_dir, a),
        Command::System(a) => system::run(&cli.data_dir, a),
        #[cfg(feature = "events")]
        Command::Events(a) => events::run(&cli.data_dir, a),
        #[cfg(feature = "events")]
        Command::Sql(a) => sql::run(&cli.data_dir, a),
    }
}
