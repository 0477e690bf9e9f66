//! Command-line flags, as typed and documented; checking happens in each command.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use multipolar_query::{
    AlignRequest, AllianceExportRequest, CountryRequest, DependenceExportRequest,
    DependenceRequest, DyadsRequest, IdealRequest, PolarityRequest, ProfileRequest, SystemRequest,
    TiesRequest,
};

// The event store pulls in Apache DataFusion, by far the slowest dependency to build;
// the `events` feature (on by default) lets the rest of the binary build without it.
#[cfg(feature = "events")]
mod events;
#[cfg(feature = "events")]
pub use events::*;

const AFTER_HELP: &str = "\
EXAMPLES:
    multipolar align MAR USA RUS CHN --from 1990 --to 2019
    multipolar align MAR --with all --from 2019 --to 2019 --sort kappa_quad
    multipolar align ROK USA --by year --from 1991 --to 1991 --measure strict,kappa_quad
    multipolar align MAR USA --from 2015 --to 2015 --explain
    multipolar country 'Soviet Union' --year 1980
    multipolar export dyads --out dyads.parquet

EXIT STATUS:
    0  success
    1  failure: bad data, bad country or period, I/O error, failed `data verify`
    2  usage error (unknown flag, missing argument)";

/// Measure where every state stands in the international system, from open data.
///
/// UN General Assembly votes 1946–2020 (Voeten) are bundled; more recent votes can be
/// imported from the UN Digital Library (`multipolar data update unga`).
#[derive(Parser, Debug)]
#[command(name = "multipolar", version, after_help = AFTER_HELP, max_term_width = 100)]
pub struct Cli {
    /// Data directory for imported datasets [default: $MULTIPOLAR_DATA, else the
    /// user's data directory + /multipolar].
    #[arg(long, global = true, env = "MULTIPOLAR_DATA", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Command,
}

/// The verbs.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// UN voting alignment between states: agreement, S, κ and π per session or year.
    Align(AlignArgs),
    /// Look up a country: every code it has had and its state-system membership.
    Country(CountryArgs),
    /// List the measures with the convention each reproduces.
    Measures(OutArgs),
    /// Inspect and update the data directory.
    #[command(subcommand)]
    Data(DataCommand),
    /// Export full tables for R, pandas, polars or DuckDB.
    #[command(subcommand)]
    Export(ExportCommand),
    /// A state's dependence on partners through trade, arms imports or shared IGOs,
    /// per year, with its partner concentration.
    Dependence(DependenceArgs),
    /// Ties between states per dyad-year: alliance portfolio similarity (S, κ, π, τ_b),
    /// trade, arms transfers, shared IGOs or geography.
    Ties(TiesArgs),
    /// Polarity of the system per year: Ray & Singer's CON and the effective number of
    /// poles over the COW major powers' CINC.
    Polarity(PolarityArgs),
    /// Code news text into CAMEO/PLOVER events (dictionary mode), or score a PETRARCH suite.
    Code(CodeArgs),
    /// Dynamic ordinal ideal points from UN votes (Bailey–Strezhnev–Voeten model), with
    /// bootstrap intervals.
    Ideal(IdealArgs),
    /// A state's position between the poles (USA, EU, China, Russia or any named), by
    /// channel, with hedging, diversification, dependence, shifts and their drivers.
    Profile(ProfileArgs),
    /// The system in one year: polarity, UN voting blocs and brokers.
    System(SystemArgs),
    /// Serve the HTTP API (/api/v1/…, OpenAPI at /api/v1/openapi.json) and the web
    /// dashboard (/) over the data directory, read-only.
    Serve(ServeArgs),
    /// Event data (GDELT, ICEWS): import files, or two states' cooperation and conflict
    /// series by channel.
    #[cfg(feature = "events")]
    Events(EventsArgs),
    /// SQL over every table in the data directory (events, imported UN votes).
    #[cfg(feature = "events")]
    Sql(SqlArgs),
}

/// Output format.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum FormatArg {
    /// Aligned columns with a legend.
    Table,
    /// Comma-separated values, missing values empty.
    Csv,
    /// One JSON document with metadata.
    Json,
    /// Apache Parquet with metadata (needs --out or a pipe).
    Parquet,
}

/// Output destination and format.
#[derive(Args, Debug, Clone)]
pub struct OutArgs {
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    pub format: FormatArg,
    /// Write to FILE instead of stdout; written whole or not at all.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

/// `multipolar align`.
#[derive(Args, Debug)]
#[command(after_help = "\
DEFAULTS: --by session shows half_credit (Voeten's `agree`), s_abs and kappa_quad
(peacesciencer's `kvotev`); --by year shows strict (stevedata `agree`), s_abs and
kappa_quad. All measures use only Yes/Abstain/No votes cast by both states; a value
that is undefined (no joint votes, or chance agreement 1) is left empty, never 0.
Run `multipolar measures` for every measure and its source.")]
pub struct AlignArgs {
    #[command(flatten)]
    pub req: AlignRequest,
    #[command(flatten)]
    pub out: OutArgs,
}

/// `multipolar country`.
#[derive(Args, Debug)]
pub struct CountryArgs {
    #[command(flatten)]
    pub req: CountryRequest,
    #[command(flatten)]
    pub out: OutArgs,
}

/// `multipolar data …`.
#[derive(Subcommand, Debug)]
pub enum DataCommand {
    /// List the bundled and imported datasets with their coverage and checksums.
    List,
    /// Import a dataset file into the data directory (atomic: a failed import
    /// changes nothing).
    #[command(after_help = "\
EXAMPLES:
    multipolar data import undl 2026_02_06_ga_voting.csv
    multipolar data import baci --codes country_codes_V202401.csv BACI_HS92_Y20*_V202401.csv
    multipolar data import dots DOT_timeSeries.csv --unit dollars")]
    Import {
        /// Dataset kind.
        #[arg(value_enum)]
        kind: ImportKind,
        /// The file (CSV, plain or gzip); for baci, one or more yearly files.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// BACI's country-codes file (country_codes_V*.csv), for baci.
        #[arg(long, required_if_eq("kind", "baci"))]
        codes: Option<PathBuf>,
        /// The unit of a DOTS export's values (the export does not say), for dots.
        #[arg(long, value_enum, required_if_eq("kind", "dots"))]
        unit: Option<TradeUnit>,
    },
    /// Check every imported file against the manifest's checksums and re-validate it.
    Verify,
    /// Download and import the current version of a dataset: UN votes, or GDELT's
    /// event exports from its published list (each file checked against its MD5,
    /// imported in atomic batches; run it again to fetch what is new or failed).
    #[command(after_help = "\
EXAMPLES:
    multipolar data update unga
    multipolar data update gdelt --from 2024-03-01 --to 2024-03-31
    multipolar data update gdelt --latest                # the newest 15 minutes (cron)
    multipolar data update gdelt1 --from 2013-04 --to 2015-02
    multipolar data update gdelt --from 2024-03 --base-url http://mirror.example/gdeltv2/")]
    Update {
        /// Dataset to update.
        #[arg(value_enum)]
        dataset: UpdateKind,
        /// unga: download from this URL instead of the UN Digital Library record.
        #[arg(long)]
        url: Option<String>,
        /// GDELT: first day of the files to fetch (YYYY-MM-DD, YYYY-MM or YYYY), by
        /// the day each file covers.
        #[arg(long, value_name = "DATE")]
        from: Option<String>,
        /// GDELT: last day, inclusive (YYYY-MM or YYYY: the last day of it); default
        /// today (UTC).
        #[arg(long, value_name = "DATE")]
        to: Option<String>,
        /// GDELT 2.0: only the newest export, from lastupdate.txt.
        #[arg(long, conflicts_with_all = ["from", "to"])]
        latest: bool,
        /// GDELT: where the file list and files are, for a mirror (default
        /// http://data.gdeltproject.org/gdeltv2/, or …/events/ for gdelt1).
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
        /// GDELT: commit an import after about this many MB of downloaded files (0:
        /// after each file); an interrupted run loses at most one batch.
        #[arg(long, value_name = "MB", default_value_t = 100)]
        commit_mb: u64,
        /// GDELT: refuse a file with a malformed row instead of skipping the row.
        #[arg(long)]
        strict: bool,
    },
}

/// Importable dataset kinds.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImportKind {
    /// UN Digital Library General Assembly voting data (record 4060887), the bulk
    /// CSV with columns undl_id, ms_code, ms_vote, date, session, resolution, ….
    Undl,
    /// CEPII BACI bilateral trade (t, i, j, k, v, q per HS6 product), summed per
    /// exporter, importer and year; extends trade after COW's 2014.
    Baci,
    /// IMF Direction of Trade Statistics CSV export (annual, "time series" or
    /// "panel" layout); extends trade after COW's 2014.
    Dots,
}

/// Unit of the values in a DOTS export.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum TradeUnit {
    /// US dollars.
    Dollars,
    /// Millions of US dollars.
    Millions,
}

/// Updatable datasets.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum UpdateKind {
    /// UN General Assembly votes from the UN Digital Library.
    Unga,
    /// GDELT 2.0 event exports (15-minute files, from 2015-02-19), from
    /// masterfilelist.txt.
    Gdelt,
    /// GDELT 1.0 event exports (daily from 2013-04-01, monthly and yearly before), from
    /// its index.html.
    Gdelt1,
}

/// `multipolar export …`.
#[derive(Subcommand, Debug)]
pub enum ExportCommand {
    /// Every dyad × period with n and every measure, as Parquet (or CSV).
    Dyads {
        #[command(flatten)]
        req: DyadsRequest,
        /// Output file.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// File format.
        #[arg(long, value_enum, default_value = "parquet")]
        format: FormatArg,
    },
    /// Every dyad-year of one dependence channel (trade, arms or IGO), as Parquet (or CSV).
    Dependence(DependenceExportArgs),
    /// Every dyad-year 1816–2018 with all eleven alliance similarity measures (FPSIM
    /// columns), as Parquet (or CSV).
    Alliances(AlliancesExportArgs),
}

/// `multipolar dependence`.
#[derive(Args, Debug)]
#[command(after_help = "\
Shares, HHI (Σ share²), effective partners (1/HHI) and top share follow the research note
§4.2; undefined values (no trade, no deliveries) are empty, never 0. Arms data: Source: SIPRI
Arms Transfers Database.")]
pub struct DependenceArgs {
    #[command(flatten)]
    pub req: DependenceRequest,
    #[command(flatten)]
    pub out: OutArgs,
}

/// `multipolar export dependence`.
#[derive(Args, Debug)]
pub struct DependenceExportArgs {
    #[command(flatten)]
    pub req: DependenceExportRequest,
    /// Output file.
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// File format.
    #[arg(long, value_enum, default_value = "parquet")]
    pub format: FormatArg,
}

/// `multipolar ties`.
#[derive(Args, Debug)]
#[command(after_help = "\
ALLIANCES: portfolios include every COW state-system member of the year (member on at
least one day), each state allied with itself at the maximum level 3, as fpsim/peacesciencer.
ATOP levels: 3 defense/offense, 2 neutrality/consultation, 1 non-aggression only.
Measures (FPSIM ids): sallyvus sallyvua sallybus sallybua sallyvwa sallybwa pallyv pallyb kallyv kallyb taub;
default sallyvua,sallyvwa,kallyv,kallyb. Undefined values are empty, never 0.

TRADE, ARMS, IGO: every year the dyad has a row in the source; each column is described in
the output's legend (`--format json` metadata). GEOGRAPHY: every year both were COW
state-system members; conttype is the closest COW type of the year (0 none, 1 land, 2–5
water ≤ 12, 24, 150, 400 miles). Arms data: Source: SIPRI Arms Transfers Database.")]
pub struct TiesArgs {
    #[command(flatten)]
    pub req: TiesRequest,
    #[command(flatten)]
    pub out: OutArgs,
}

/// `multipolar polarity`.
#[derive(Args, Debug)]
#[command(after_help = "\
Majors: COW major powers v2016 (a state counts in every year it was a major on at least one
day; the 2016 list continues after 2016). Capabilities: COW NMC v7.0 CINC, renormalised over
the majors. CON = √((Σ s² − 1/N)/(1 − 1/N)) (Ray & Singer 1973); poles = 1/Σ s².")]
pub struct PolarityArgs {
    #[command(flatten)]
    pub req: PolarityRequest,
    #[command(flatten)]
    pub out: OutArgs,
}

/// `multipolar export alliances`.
#[derive(Args, Debug)]
pub struct AlliancesExportArgs {
    #[command(flatten)]
    pub req: AllianceExportRequest,
    /// Output file.
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// File format.
    #[arg(long, value_enum, default_value = "parquet")]
    pub format: FormatArg,
}

/// Event output format.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum EventFormat {
    /// One JSON object per event.
    Jsonl,
    /// Comma-separated values with a header.
    Csv,
}

/// `multipolar code`.
#[derive(Args, Debug)]
pub struct CodeArgs {
    /// Input: plain text (one article) or JSON Lines with `id`, `date` (YYYYMMDD or
    /// YYYY-MM-DD), `text`; `-` reads standard input.
    #[arg(value_name = "FILE|-", required_unless_present = "eval")]
    pub input: Option<String>,
    /// Score a PETRARCH validation XML suite instead (per category: correct, missed, extra).
    #[arg(long, value_name = "SUITE.xml")]
    pub eval: Option<PathBuf>,
    /// Directory of the suite's dictionaries [default: the suite's directory].
    #[arg(long, value_name = "DIR", requires = "eval")]
    pub dictionaries: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "jsonl")]
    pub format: EventFormat,
    /// Also classify each event's sentence with the all-MiniLM-L6-v2 classifiers in
    /// MODEL_DIR (from `scripts/setup-model --train`): the CAMEO penta-class head
    /// confirms, corrects or vetoes each event (review, review_class,
    /// review_confidence; vetoed events are dropped), the PLOVER head adds
    /// embed_plover_event, embed_confidence, embed_quad and embed_agrees.
    #[arg(long, value_name = "MODEL_DIR", conflicts_with = "eval")]
    pub embed: Option<PathBuf>,
    /// With --embed, keep vetoed events in the output (review = vetoed).
    #[arg(long, requires = "embed")]
    pub keep_vetoed: bool,
}

/// `multipolar ideal`.
#[derive(Args, Debug)]
#[command(after_help = "\
MODEL: Bailey, Strezhnev & Voeten (2017): ordered probit on Yes/Abstain/No, one position
per country-session following a random walk (variance 0.5·n_s/(n_s+n_{s−1})), roll calls on
identical resolutions bridged across sessions, positions standardised with the United
States positive. Posterior means of BSV's own sampler, warm-started by variational EM:
the whole record in about a minute on 2 cores (BSV: overnight). Estimates are cached in the
data directory and recomputed only when the votes or options change.")]
pub struct IdealArgs {
    #[command(flatten)]
    pub req: IdealRequest,
    /// Also draw the named countries' trajectories (with the --bootstrap interval as
    /// a band) to FILE.png or FILE.svg.
    #[arg(long, value_name = "FILE")]
    pub plot: Option<PathBuf>,
    #[command(flatten)]
    pub out: OutArgs,
}

/// Report formats of `multipolar profile`.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReportFormat {
    /// A report to read in the terminal.
    Table,
    /// Every number of the report as one JSON document.
    Json,
}

/// `multipolar profile`.
#[derive(Args, Debug)]
#[command(after_help = "\
CHANNELS: UN votes (half-credit agreement and Cohen's κ with the pole's vote; a group votes its
members' plurality), UN ideal points (BSV model; λ between the first pole and each other),
alliances (ATOP valued κ), arms imports (share of SIPRI TIV, 5-year window), trade (share of
total trade, COW), IGOs (shared memberships); with events imported (`events import`), net
cooperation (coop − conflict)/(all events with the pole, quad classes 1–2 vs 3–4) and the
pole's share of the state's cooperative security events. A state is left out of a group it
belongs to.
INDICES (research note §5.2): closeness in [0,1] per pole; lean = closeness − mean over poles;
hedging H = 1 − (max − min closeness); engagement = mean closeness (similarities) or summed
share (shares); dispersion = spread of leans across channels. Shifts: PELT with MBIC.
The first run fits the ideal points (about a minute) and caches them in the data directory.")]
pub struct ProfileArgs {
    #[command(flatten)]
    pub req: ProfileRequest,
    /// Write charts (PNG and SVG) into this directory.
    #[arg(long, value_name = "DIR")]
    pub plot: Option<PathBuf>,
    /// Write a self-contained HTML report.
    #[arg(long, value_name = "FILE")]
    pub html: Option<PathBuf>,
    /// Report format.
    #[arg(long, value_enum, default_value = "table")]
    pub format: ReportFormat,
    /// Write the report to FILE instead of stdout.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

/// `multipolar system`.
#[derive(Args, Debug)]
#[command(after_help = "\
POLARITY: Ray & Singer's CON and the effective number of poles over the COW major powers' CINC.
BLOCS: Louvain communities maximising signed modularity (Gómez, Jensen & Arenas 2009) on the
network of UN members weighted by Cohen's κ (quadratic) of their votes in the year; each bloc is
named after its member with the largest CINC, and with --from/--to labels follow blocs from year
to year. BROKERS: weighted betweenness on the positive edges, distance 1 − κ.")]
pub struct SystemArgs {
    #[command(flatten)]
    pub req: SystemRequest,
    #[command(flatten)]
    pub out: OutArgs,
}

/// `multipolar serve`.
#[derive(Args, Debug)]
#[command(after_help = "\
EXAMPLES:
    multipolar serve                          # http://127.0.0.1:8080/
    multipolar serve --addr 0.0.0.0:8080      # reachable from other machines: put a proxy in front
    curl 'http://127.0.0.1:8080/api/v1/align?countries=MAR,USA&from=2015&to=2019&format=csv'")]
pub struct ServeArgs {
    /// Address to listen on (loopback by default).
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: std::net::SocketAddr,
    /// Requests computed at once; more are answered 503 (shed, not queued).
    #[arg(long, default_value_t = 64, value_name = "N")]
    pub max_concurrent: usize,
    /// Longest a request may take, in seconds (then 504).
    #[arg(long, default_value_t = 30, value_name = "SECONDS")]
    pub timeout: u64,
    /// Longest query string accepted, in bytes (then 414).
    #[arg(long, default_value_t = 4096, value_name = "BYTES")]
    pub max_query: usize,
    /// Megabytes of answers kept for repeated requests (0: compute every request).
    #[arg(long, default_value_t = 64, value_name = "MB")]
    pub cache_mb: usize,
    /// No access log on stderr.
    #[arg(long)]
    pub quiet: bool,
}
