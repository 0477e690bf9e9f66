//! Queries: the tables of the data directory on a DataFusion session, and the dyadic
//! series as one SQL plan (the same plan runs unchanged on a Ballista cluster).

use std::sync::Arc;

use datafusion::arrow::record_batch::RecordBatch;
use datafusion::datasource::file_format::parquet::ParquetFormat;
use datafusion::datasource::listing::{
    ListingOptions, ListingTable, ListingTableConfig, ListingTableUrl,
};
use datafusion::prelude::{SessionConfig, SessionContext};
use multipolar_countries::Date;
use multipolar_events::Channel;

use crate::error::{Result, StoreError};
use crate::import::{EVENTS, read_manifest};
use crate::schema::schema;

/// The PLOVER event types, each a column of the dyadic series (lower case).
pub const PLOVER_TYPES: [&str; 16] = [
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
];

/// Period of the series.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Period {
    /// Calendar day.
    Day,
    /// ISO week, labelled by its Monday.
    Week,
    /// Calendar month, labelled by its first day.
    Month,
}

impl Period {
    fn unit(self) -> &'static str {
        match self {
            Period::Day => "day",
            Period::Week => "week",
            Period::Month => "month",
        }
    }
}

/// What each event counts for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Weight {
    /// One per event.
    Events,
    /// GDELT's NumMentions (how much the news repeated it); ICEWS events count 1.
    Mentions,
}

/// A dyadic series request: both directions between `a` and `b` (registry labels).
#[derive(Clone, Debug)]
pub struct DyadQuery {
    /// One state's label (`USA`).
    pub a: String,
    /// The other's.
    pub b: String,
    /// First day, inclusive.
    pub from: Option<Date>,
    /// Last day, inclusive.
    pub to: Option<Date>,
    /// Period.
    pub by: Period,
    /// Only this channel.
    pub channel: Option<Channel>,
    /// Event weight.
    pub weight: Weight,
}

/// The SQL of a dyadic series: per period and direction, the weighted event count,
/// counts by quad class and by PLOVER type, and the Goldstein sum and (weighted) mean
/// (rounded to 6 decimals).
pub fn dyad_series_sql(q: &DyadQuery) -> Result<String> {
    for l in [&q.a, &q.b] {
        if l.is_empty() || !l.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Err(StoreError::Store(format!("not a country label: \"{l}\"")));
        }
    }
    let w = match q.weight {
        Weight::Events => "1".to_string(),
        Weight::Mentions => "COALESCE(mentions, 1)".to_string(),
    };
    let mut cols = vec![
        format!(
            "CAST(date_trunc('{}', date) AS DATE) AS period",
            q.by.unit()
        ),
        "source_country AS source".into(),
        "target_country AS target".into(),
        format!("SUM({w}) AS events"),
    ];
    for (i, name) in [
        "verbal_coop",
        "material_coop",
        "verbal_conflict",
        "material_conflict",
    ]
    .iter()
    .enumerate()
    {
        cols.push(format!(
            "SUM(CASE WHEN quad = {} THEN {w} ELSE 0 END) AS {name}",
            i + 1
        ));
    }
    for p in PLOVER_TYPES {
        cols.push(format!(
            "SUM(CASE WHEN plover_event = '{p}' THEN {w} ELSE 0 END) AS {}",
            p.to_ascii_lowercase()
        ));
    }
    // Goldstein scores have one decimal: six keep every digit and drop summation noise.
    cols.push(format!("ROUND(SUM(goldstein * {w}), 6) AS goldstein_sum"));
    cols.push(format!(
        "ROUND(SUM(goldstein * {w}) / SUM({w}), 6) AS goldstein_mean"
    ));
    let mut wh = vec![format!(
        "((source_country = '{a}' AND target_country = '{b}') OR \
         (source_country = '{b}' AND target_country = '{a}'))",
        a = q.a,
        b = q.b
    )];
    if let Some(f) = q.from {
        wh.push(format!("date >= DATE '{f}'"));
    }
    if let Some(t) = q.to {
        wh.push(format!("date <= DATE '{t}'"));
    }
    if let Some(c) = q.channel {
        wh.push(format!("channel = '{}'", c.as_str()));
    }
    Ok(format!(
        "SELECT {} FROM {EVENTS} WHERE {} GROUP BY 1, 2, 3 ORDER BY 1, 2, 3",
        cols.join(", "),
        wh.join(" AND ")
    ))
}

/// Monthly event counts and Goldstein sums for every directed dyad of states: the
/// benchmark query (and the base of the profile's event channel).
pub const MONTHLY_DYADS_SQL: &str = "SELECT CAST(date_trunc('month', date) AS DATE) AS month, \
     source_country, target_country, COUNT(*) AS events, \
     SUM(CASE WHEN quad = 1 THEN 1 ELSE 0 END) AS verbal_coop, \
     SUM(CASE WHEN quad = 2 THEN 1 ELSE 0 END) AS material_coop, \
     SUM(CASE WHEN quad = 3 THEN 1 ELSE 0 END) AS verbal_conflict, \
     SUM(CASE WHEN quad = 4 THEN 1 ELSE 0 END) AS material_conflict, \
     SUM(goldstein) AS goldstein_sum, AVG(goldstein) AS goldstein_mean \
     FROM events WHERE source_country IS NOT NULL AND target_country IS NOT NULL \
     GROUP BY 1, 2, 3";

/// The data directory's tables on one DataFusion session: `events` (every imported
/// month file) and, for other datasets, each Parquet file under its stem
/// (`roll_calls`, `ballots` for imported UN votes).
pub struct EventStore {
    ctx: SessionContext,
    rt: tokio::runtime::Runtime,
    tables: Vec<String>,
}

impl EventStore {
    /// Opens the data directory `dir` (an empty or missing one has no tables).
    pub fn open(dir: &std::path::Path) -> Result<EventStore> {
        let manifest = read_manifest(dir)?;
        let rt = tokio::runtime::Builder::new_multi_thread()
            .build()
            .map_err(|e| StoreError::Store(format!("cannot start the query runtime: {e}")))?;
        // DataFusion's settings can be tuned from the environment
        // (`DATAFUSION_EXECUTION_TARGET_PARTITIONS=4`, …), as in its own CLI. File
        // statistics are not collected unless asked for: month files are listed
        // explicitly, and reading every footer up front only costs time and memory.
        let mut config = SessionConfig::from_env()?;
        if std::env::var_os("DATAFUSION_EXECUTION_COLLECT_STATISTICS").is_none() {
            config = config.with_collect_statistics(false);
        }
        let ctx = SessionContext::new_with_config(config);
        let mut tables = Vec::new();
        for (name, entry) in &manifest.datasets {
            let paths: Vec<String> = entry
                .files
                .iter()
                .filter(|f| f.path.ends_with(".parquet"))
                .map(|f| dir.join(&f.path).display().to_string())
                .collect();
            if name == EVENTS {
                let urls = paths
                    .iter()
                    .map(ListingTableUrl::parse)
                    .collect::<Result<Vec<_>, _>>()?;
                let opts = ListingOptions::new(Arc::new(ParquetFormat::default()))
                    .with_file_extension(".parquet");
                let config = ListingTableConfig::new_with_multi_paths(urls)
                    .with_listing_options(opts)
                    .with_schema(schema());
                ctx.register_table(EVENTS, Arc::new(ListingTable::try_new(config)?))?;
                tables.push(EVENTS.to_string());
            } else {
                for p in &paths {
                    let stem = std::path::Path::new(p)
                        .file_stem()
                        .map(|s| s.to_string_lossy().replace(['-', '.'], "_"))
                        .unwrap_or_default();
                    rt.block_on(ctx.register_parquet(&stem, p, Default::default()))?;
                    tables.push(stem);
                }
            }
        }
        Ok(EventStore { ctx, rt, tables })
    }

    /// Names of the registered tables.
    pub fn tables(&self) -> &[String] {
        &self.tables
    }

    /// Runs one SQL statement over the tables.
    pub fn sql(&self, query: &str) -> Result<Vec<RecordBatch>> {
        self.rt.block_on(async {
            let df = self.ctx.sql(query).await?;
            Ok(df.collect().await?)
        })
    }

    /// The dyadic series (see [`dyad_series_sql`]); no events table means no rows.
    pub fn dyad_series(&self, q: &DyadQuery) -> Result<Vec<RecordBatch>> {
        if !self.tables.iter().any(|t| t == EVENTS) {
            return Err(StoreError::Store(
                "no events imported; run `multipolar events import FILES...`".into(),
            ));
        }
        self.sql(&dyad_series_sql(q)?)
    }
}
