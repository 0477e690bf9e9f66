//! One module per verb that does more than print what the query layer returns; the
//! others are one line each in [`run`].

mod code;
mod data;
#[cfg(feature = "events")]
mod events;
mod export;
mod ideal;
mod profile;
#[cfg(feature = "events")]
mod sql;

use anyhow::Result;
use multipolar_query::Engine;

use crate::args::{Cli, Command};
use crate::common::emit;

/// Runs the parsed command line.
pub fn run(cli: Cli) -> Result<()> {
    let engine = || Engine::open(cli.data_dir.clone());
    match cli.command {
        Command::Align(a) => emit(&engine()?.align(&a.req)?, &a.out),
        Command::Country(a) => emit(&multipolar_query::country(&a.req)?, &a.out),
        Command::Measures(out) => emit(&multipolar_query::measures(), &out),
        Command::Data(d) => data::run(&cli.data_dir, d),
        Command::Export(e) => export::run(&engine()?, e),
        Command::Code(a) => code::run(a),
        Command::Ideal(a) => ideal::run(&engine()?, a),
        Command::Dependence(a) => emit(&engine()?.dependence(&a.req)?, &a.out),
        Command::Ties(a) => emit(&engine()?.ties(&a.req)?, &a.out),
        Command::Polarity(a) => emit(&engine()?.polarity(&a.req)?, &a.out),
        Command::Profile(a) => profile::run(&engine()?, a),
        Command::System(a) => emit(&engine()?.system(&a.req)?, &a.out),
        Command::Serve(a) => serve(engine()?, a),
        #[cfg(feature = "events")]
        Command::Events(a) => events::run(&cli.data_dir, a),
        #[cfg(feature = "events")]
        Command::Sql(a) => sql::run(&cli.data_dir, a),
    }
}

/// `multipolar serve`: prints the address once bound (tests read it), then serves.
fn serve(engine: Engine, a: crate::args::ServeArgs) -> Result<()> {
    let opts = multipolar_server::Options {
        addr: a.addr,
        max_concurrent: a.max_concurrent,
        timeout: std::time::Duration::from_secs(a.timeout),
        max_query: a.max_query,
        access_log: !a.quiet,
        cache_bytes: a.cache_mb << 20,
    };
    eprintln!(
        "multipolar: loading data from {}",
        engine.store().dir().display()
    );
    multipolar_server::serve(engine.read_only(), opts, |addr| {
        eprintln!("multipolar: serving http://{addr}/ (API: http://{addr}/api/v1/openapi.json)");
    })
}
