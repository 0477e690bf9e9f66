//! Flags of `multipolar events` and `multipolar sql` (feature `events`).

use std::path::PathBuf;

use clap::{Args, Subcommand};
use multipolar_query::EventsRequest;

use super::OutArgs;

/// `multipolar events`.
#[derive(Args, Debug)]
#[command(
    args_conflicts_with_subcommands = true,
    after_help = "\
EXAMPLES:
    multipolar events import 20160728.export.CSV.zip events.2018.tab ngecEvents.DV.2023.txt
    multipolar events USA CHN --from 2018-06 --to 2018-06 --by day
    multipolar events MAR RUS --channel security --weight mentions --format csv

CHANNELS (first rule that matches):
    security    military, police or intelligence actor on either side, or CAMEO roots
                15/18/19/20, or a military/intelligence/peacekeeping/CBRN PLOVER context
    economic    economic PLOVER context, or CAMEO 163 (embargo, boycott, sanctions)
    diplomatic  diplomatic PLOVER context, or CAMEO roots 01–05, 10–13, 16
    other       everything else"
)]
pub struct EventsArgs {
    #[command(subcommand)]
    pub command: Option<EventsCommand>,
    #[command(flatten)]
    pub req: EventsRequest,
    #[command(flatten)]
    pub out: OutArgs,
}

/// `multipolar events import`.
#[derive(Subcommand, Debug)]
pub enum EventsCommand {
    /// Import GDELT 1.0/2.0, ICEWS or POLECAT event files (plain, gzip or zip), or the
    /// JSON Lines of `multipolar code`, as Parquet by month; adds to earlier imports,
    /// atomically. (`multipolar data update gdelt` downloads GDELT's.)
    Import {
        /// Event files.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Fail on the first malformed row, or on a file whose last line has no
        /// newline (cut short), instead of skipping and counting it.
        #[arg(long)]
        strict: bool,
    },
}

/// `multipolar sql`.
#[derive(Args, Debug)]
#[command(after_help = "\
EXAMPLES:
    multipolar sql \"SELECT channel, COUNT(*) FROM events GROUP BY channel\"
    multipolar sql \"SELECT * FROM events WHERE source_country = 'MAR' LIMIT 10\" --format csv")]
pub struct SqlArgs {
    /// One SQL statement (DataFusion dialect). Tables: `events`; `roll_calls` and
    /// `ballots` when UN votes are imported.
    pub query: String,
    #[command(flatten)]
    pub out: OutArgs,
}
