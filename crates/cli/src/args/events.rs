//! Flags of `multipolar events` and `multipolar sql` (feature `events`).

use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};

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
    /// The two states (names or codes); both directions are shown.
    #[arg(value_name = "STATE", num_args = 0..=2)]
    pub countries: Vec<String>,
    /// First day: YYYY, YYYY-MM or YYYY-MM-DD.
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Last day, inclusive (YYYY or YYYY-MM mean the last day of it).
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// Period of the series.
    #[arg(long, value_enum, default_value = "month")]
    pub by: EventsBy,
    /// Only events of one channel.
    #[arg(long, value_enum)]
    pub channel: Option<ChannelArg>,
    /// Count each event once, or by its GDELT mentions.
    #[arg(long, value_enum, default_value = "events")]
    pub weight: WeightArg,
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

/// Period of an event series.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum EventsBy {
    /// Calendar day.
    Day,
    /// Week, labelled by its Monday.
    Week,
    /// Calendar month.
    Month,
}

/// Event channel.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChannelArg {
    /// Military, police or intelligence actors, or security event codes.
    Security,
    /// Trade, aid, sanctions.
    Economic,
    /// Statements, consultations, diplomatic cooperation and conflict.
    Diplomatic,
    /// Everything else.
    Other,
}

/// Event weight.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum WeightArg {
    /// One per event.
    Events,
    /// GDELT's NumMentions (ICEWS events count 1).
    Mentions,
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
