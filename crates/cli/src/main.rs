//! `multipolar`: where every state stands in the international system.
//!
//! Flags are parsed into [`args::Cli`]; each subcommand turns its arguments into a
//! plan (countries resolved, periods and options checked) before any data is read,
//! then runs it. Results go to stdout, everything else to stderr.

mod args;
mod cmd;
mod common;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = args::Cli::parse();
    match cmd::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            // A closed pipe (`multipolar … | head`) is not a failure.
            if err
                .downcast_ref::<std::io::Error>()
                .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
            {
                return ExitCode::SUCCESS;
            }
            if std::env::var_os("RUST_BACKTRACE").is_some_and(|v| v == "1") {
                eprintln!("multipolar: {err:?}");
            } else {
                eprintln!("multipolar: {err:#}");
            }
            // A request that is wrong as given exits 2, as clap's usage errors do.
            match multipolar_query::kind(&err) {
                multipolar_query::ErrorKind::Usage => ExitCode::from(2),
                _ => ExitCode::from(1),
            }
        }
    }
}
