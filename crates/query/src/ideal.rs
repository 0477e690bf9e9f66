//! `ideal`: dynamic ordinal ideal points (BSV model), cached in the data directory.

use std::path::PathBuf;

use anyhow::Result;
use multipolar_countries::{CountryId, Registry};
use multipolar_data::{Issue, IssueSet};
use multipolar_ideal::{Model, Options, SampleOptions};
use multipolar_ideal_votes::{Prepared, VoteOptions, prepare};
use multipolar_output::{Column, Frame};
use serde::Deserialize;

use crate::engine::IdealPoints;
use crate::error::{no_data, usage};
use crate::{Engine, common, de};

/// An `ideal` request: the rows of the named countries (all when none) and years.
#[derive(clap::Args, Deserialize, Debug, Clone)]
#[serde(default)]
pub struct IdealRequest {
    /// Countries to show (all when none): ISO3, ISO2, COW number or letters, or a name.
    #[arg(value_name = "COUNTRY")]
    #[serde(alias = "state", alias = "states", deserialize_with = "de::list")]
    pub countries: Vec<String>,
    /// First year shown, inclusive (session FROM − 1945 onwards).
    #[arg(long, value_name = "YEAR")]
    #[serde(alias = "start", deserialize_with = "de::lenient_opt")]
    pub from: Option<i32>,
    /// Last year shown, inclusive.
    #[arg(long, value_name = "YEAR")]
    #[serde(alias = "end", deserialize_with = "de::lenient_opt")]
    pub to: Option<i32>,
    /// Fit the model on the votes of --from..--to only, a scale of that period's own.
    /// By default the whole record from 1946 is fitted (once, then cached) and the
    /// period's rows are shown, so the figures are those BSV publish.
    #[arg(long)]
    #[serde(deserialize_with = "de::lenient")]
    pub window: bool,
    /// Issue-specific estimates: only roll calls on these issues (comma-separated):
    /// me, nu, di, hr, co, ec.
    #[arg(long, value_delimiter = ',', value_name = "ISSUE")]
    #[serde(deserialize_with = "de::list")]
    pub issue: Vec<String>,
    /// Only votes the US State Department classified as important.
    #[arg(long)]
    #[serde(deserialize_with = "de::lenient")]
    pub important: bool,
    /// Parametric bootstrap replicates for standard errors and intervals (0: none).
    #[arg(long, default_value_t = 0, value_name = "N")]
    #[serde(deserialize_with = "de::lenient")]
    pub bootstrap: usize,
    /// Interval level in percent for --bootstrap (90 matches BSV's Q5–Q95).
    #[arg(long, default_value_t = 90.0, value_name = "PCT")]
    #[serde(deserialize_with = "de::lenient")]
    pub level: f64,
    /// Seed for --bootstrap (the same seed gives the same intervals).
    #[arg(long, default_value_t = 42)]
    #[serde(deserialize_with = "de::lenient")]
    pub seed: u64,
    /// Keep session 19 (BSV drop it).
    #[arg(long)]
    #[serde(deserialize_with = "de::lenient")]
    pub keep_session_19: bool,
    /// Keep Zanzibar (BSV drop it).
    #[arg(long)]
    #[serde(deserialize_with = "de::lenient")]
    pub keep_zanzibar: bool,
    /// Keep amendment and paragraph votes after 1989 (BSV drop them).
    #[arg(long)]
    #[serde(deserialize_with = "de::lenient")]
    pub keep_amendments: bool,
    /// Keep unanimous roll calls (BSV drop them).
    #[arg(long)]
    #[serde(deserialize_with = "de::lenient")]
    pub keep_unanimous: bool,
    /// Do not link identical resolutions across sessions.
    #[arg(long)]
    #[serde(deserialize_with = "de::lenient")]
    pub no_bridge: bool,
}

impl Default for IdealRequest {
    fn default() -> Self {
        IdealRequest {
            countries: Vec::new(),
            from: None,
            to: None,
            window: false,
            issue: Vec::new(),
            important: false,
            bootstrap: 0,
            level: 90.0,
            seed: 42,
            keep_session_19: false,
            keep_zanzibar: false,
            keep_amendments: false,
            keep_unanimous: false,
            no_bridge: false,
        }
    }
}

/// The checked plan: everything resolved before votes are read.
struct Plan {
    countries: Vec<CountryId>,
    /// Sessions shown.
    shown: Option<(u16, u16)>,
    votes: VoteOptions,
    reps: usize,
    level: f64,
}

fn plan(a: &IdealRequest) -> Result<Plan> {
    common::check_period(a.from, a.to)?;
    let session = |y: i32, flag: &str| -> Result<u16> {
        u16::try_from(y - 1945)
            .ok()
            .filter(|s| *s >= 1)
            .ok_or_else(|| usage(format!("{flag} {y} is before the first UN session (1946)")))
    };
    let sessions = match (a.from, a.to) {
        (None, None) => None,
        (f, t) => Some((
            f.map_or(Ok(1), |y| session(y, "--from"))?,
            t.map_or(Ok(u16::MAX), |y| session(y, "--to"))?,
        )),
    };
    let issues = if a.issue.is_empty() {
        None
    } else {
        let mut set = IssueSet::default();
        for s in &a.issue {
            set.insert(Issue::parse(s).ok_or_else(|| {
                usage(format!(
                    "unknown issue \"{s}\"; expected one of: {}",
                    Issue::ALL
                        .map(|i| format!("{} ({})", i.code(), i.description()))
                        .join(", ")
                ))
            })?);
        }
        Some(set)
    };
    if a.bootstrap == 1 {
        crate::error::bail_usage!("--bootstrap needs at least 2 replicates for a standard error");
    }
    if !(a.level > 0.0 && a.level < 100.0) {
        crate::error::bail_usage!(
            "--level takes a percentage between 0 and 100, found {}",
            a.level
        );
    }
    let year = a.to.or(a.from);
    let countries = a
        .countries
        .iter()
        .map(|q| common::country(q, year))
        .collect::<Result<Vec<_>>>()?;
    Ok(Plan {
        countries,
        shown: sessions,
        votes: VoteOptions {
            sessions: if a.window { sessions } else { None },
            issues,
            important_only: a.important,
            drop_session_19: !a.keep_session_19,
            drop_zanzibar: !a.keep_zanzibar,
            drop_amendments_after_1989: !a.keep_amendments,
            drop_unanimous: !a.keep_unanimous,
            bridge: !a.no_bridge,
        },
        reps: a.bootstrap,
        level: a.level / 100.0,
    })
}

/// Per unit: ideal point (posterior mean), posterior sd and 5 % and 95 % quantiles,
/// then (with a bootstrap) SE and interval ends.
struct Values {
    theta: Vec<f64>,
    post: Vec<[f64; 3]>,
    boot: Option<Vec<[f64; 3]>>,
    iterations: usize,
    converged: bool,
    objective: f64,
}

/// The cache key: what the estimates depend on (vote data, bridging file, options,
/// estimator version).
fn cache_key(store: &multipolar_data::store::Store, plan: &Plan, seed: u64) -> String {
    let mut key = format!("multipolar-ideal v4 {}\n", env!("CARGO_PKG_VERSION"));
    for b in [
        multipolar_datasets::UNGA_VOTES,
        multipolar_datasets::UNGA_ROLL_CALLS,
        multipolar_datasets::UNGA_ISSUES,
        multipolar_datasets::UNGA_BSV_MATCHES,
    ] {
        key += b.sha256;
        key += "\n";
    }
    for (name, d) in &store.manifest().datasets {
        key += &format!("{name} {}\n", d.source_sha256);
    }
    key += &format!(
        "{:?} {:?} {:?} sampler\n",
        plan.votes,
        Options::default(),
        SampleOptions::default()
    );
    if plan.reps > 0 {
        key += &format!("bootstrap {} {seed} {}\n", plan.reps, plan.level);
    }
    multipolar_data::store::sha256_hex(key.as_bytes())[..20].to_string()
}

/// Reads cached estimates: a header `iterations,converged,objective`, then one row
/// per unit `label,session,theta,sd,q05,q95[,se,lo,hi]`. `None` when absent or
/// unreadable.
fn read_cache(path: &std::path::Path, boot: bool) -> Option<(Vec<(CountryId, u16)>, Values)> {
    let text = std::fs::read_to_string(path).ok()?;
    let mut lines = text.lines();
    let head: Vec<&str> = lines.next()?.split(',').collect();
    let (iterations, converged, objective) = (
        head.first()?.parse().ok()?,
        head.get(1)? == &"true",
        head.get(2)?.parse().ok()?,
    );
    let reg = Registry::global();
    let mut units = Vec::new();
    let mut theta = Vec::new();
    let mut post = Vec::new();
    let mut b = Vec::new();
    for l in lines {
        let mut it = l.split(',');
        let c = reg.by_label(it.next()?)?;
        let session: u16 = it.next()?.parse().ok()?;
        let f: Vec<f64> = it.map(|x| x.parse().ok()).collect::<Option<_>>()?;
        units.push((c, session));
        theta.push(*f.first()?);
        post.push([*f.get(1)?, *f.get(2)?, *f.get(3)?]);
        if boot {
            b.push([*f.get(4)?, *f.get(5)?, *f.get(6)?]);
        }
    }
    Some((
        units,
        Values {
            theta,
            post,
            boot: boot.then_some(b),
            iterations,
            converged,
            objective,
        },
    ))
}

fn write_cache(path: &std::path::Path, units: &[(CountryId, u16)], v: &Values) -> Result<()> {
    let mut s = format!("{},{},{}\n", v.iterations, v.converged, v.objective);
    for (u, t) in v.theta.iter().enumerate() {
        let (c, session) = units[u];
        let [sd, q05, q95] = v.post[u];
        s += &format!("{},{session},{t},{sd},{q05},{q95}", common::label(c));
        if let Some(b) = &v.boot {
            s += &format!(",{},{},{}", b[u][0], b[u][1], b[u][2]);
        }
        s += "\n";
    }
    std::fs::create_dir_all(path.parent().expect("cache files live in a directory"))?;
    multipolar_data::store::write_atomic(path, s.as_bytes())?;
    Ok(())
}

/// The cached estimates for `plan`, computed (and cached, unless the engine is
/// read-only) when missing or stale.
fn cached(engine: &Engine, prepared: &Prepared, plan: &Plan, seed: u64) -> Result<Values> {
    let path = cache_path(engine.store(), plan, seed);
    if let Some((units, v)) = read_cache(&path, plan.reps > 0)
        && units == prepared.units
    {
        return Ok(v);
    }
    let v = compute(prepared, plan, seed)?;
    if engine.is_read_only() {
        return Ok(v);
    }
    // A cache that cannot be written only costs time next run.
    if let Err(e) = write_cache(&path, &prepared.units, &v) {
        eprintln!("multipolar: warning: cannot cache estimates: {e:#}");
    }
    Ok(v)
}

fn cache_path(store: &multipolar_data::store::Store, plan: &Plan, seed: u64) -> PathBuf {
    let key = cache_key(store, plan, seed);
    store.dir().join("ideal").join(format!("{key}.csv"))
}

/// Ideal points of every state by (state, year of the session's opening), fitted on
/// all votes with BSV's defaults: read from the cache without touching the vote
/// table when it is there, estimated (about a minute) and cached otherwise.
pub(crate) fn points(engine: &Engine) -> Result<IdealPoints> {
    let plan = Plan {
        countries: Vec::new(),
        shown: None,
        votes: VoteOptions::default(),
        reps: 0,
        level: 0.9,
    };
    let (units, v) = match read_cache(&cache_path(engine.store(), &plan, 0), false) {
        Some(c) => c,
        None => {
            eprintln!(
                "multipolar: fitting ideal points to every UN vote once (about a minute){}",
                if engine.is_read_only() {
                    ""
                } else {
                    "; cached for later runs"
                }
            );
            let p = prepare(engine.votes()?, &plan.votes)?;
            let v = cached(engine, &p, &plan, 0)?;
            (p.units, v)
        }
    };
    Ok(units
        .into_iter()
        .zip(v.theta)
        .map(|((c, s), t)| ((c, i32::from(s) + 1945), t))
        .collect())
}

fn compute(p: &Prepared, plan: &Plan, seed: u64) -> Result<Values> {
    let model = Model::new(
        &p.input,
        Options {
            orient: p.orient,
            max_iter: multipolar_ideal_votes::WARM_START_ITER,
            ..Options::default()
        },
    )?;
    // EM warm start, then BSV's sampler: the estimates are posterior means.
    let est = model.fit();
    let post = model.sample(&est, &SampleOptions::default());
    // The bootstrap refits by EM, so its replicates scatter around the EM mode; their
    // interval is moved by the difference between the posterior mean reported and
    // that mode, keeping its width and asymmetry (the "basic" recentring).
    let boot = (plan.reps > 0).then(|| {
        let b = model.bootstrap(&est, plan.reps, seed);
        let se = b.se();
        b.interval(plan.level)
            .into_iter()
            .zip(se)
            .enumerate()
            .map(|(u, ((lo, hi), se))| {
                let shift = post.mean[u] - est.theta[u];
                [se, lo + shift, hi + shift]
            })
            .collect()
    });
    Ok(Values {
        post: (0..post.mean.len())
            .map(|u| [post.sd[u], post.q05[u], post.q95[u]])
            .collect(),
        theta: post.mean.clone(),
        boot,
        iterations: est.iterations(),
        converged: est.converged,
        objective: est.objective(),
    })
}

impl Engine {
    /// Ideal points of the named countries (all when none) in the period: rows of
    /// the cached full fit, or a fit of the period alone (`window`).
    pub fn ideal(&self, a: &IdealRequest) -> Result<Frame> {
        let plan = plan(a)?;
        let prepared = prepare(self.votes()?, &plan.votes)?;
        let shown = |u: usize| {
            plan.shown
                .is_none_or(|(a, b)| (a..=b).contains(&prepared.units[u].1))
        };
        if !(0..prepared.units.len()).any(shown) {
            return Err(no_data(format!(
                "no UN session in {}–{} has votes that enter the estimation",
                a.from.map_or("1946".into(), |y| y.to_string()),
                a.to.map_or("now".into(), |y| y.to_string())
            )));
        }
        for (c, q) in plan.countries.iter().zip(&a.countries) {
            if !(0..prepared.units.len()).any(|u| shown(u) && prepared.units[u].0 == *c) {
                return Err(no_data(format!(
                    "{q} ({}) cast no votes that enter the estimation in the selected period and issues",
                    common::label(*c)
                )));
            }
        }
        let values = cached(self, &prepared, &plan, a.seed)?;
        let mut order: Vec<usize> = (0..prepared.units.len())
            .filter(|&u| shown(u))
            .filter(|&u| plan.countries.is_empty() || plan.countries.contains(&prepared.units[u].0))
            .collect();
        order.sort_by_key(|&u| {
            let (c, s) = prepared.units[u];
            let rank = plan.countries.iter().position(|x| *x == c);
            (rank, common::label(c), s)
        });
        Ok(frame(&prepared, &values, &order, &plan, a.seed))
    }
}

fn frame(p: &Prepared, v: &Values, order: &[usize], plan: &Plan, seed: u64) -> Frame {
    let mut f = Frame::new();
    f.meta("measure", "ideal_point");
    f.meta(
        "model",
        "Bailey–Strezhnev–Voeten dynamic ordinal ideal points (ordered probit, random walk \
         0.5·n_s/(n_s+n_{s−1}), bridged roll calls): posterior means of BSV's sampler \
         warm-started by variational EM; standardised, USA positive",
    );
    f.meta("iterations", v.iterations.to_string());
    f.meta("converged", v.converged.to_string());
    f.meta("objective", format!("{:.6}", v.objective));
    f.meta("options", format!("{:?}", plan.votes));
    f.push(Column::ints(
        "ccode",
        order.iter().map(|&u| common::ccode(p.units[u].0)).collect(),
    ));
    f.push(Column::strs(
        "country",
        order.iter().map(|&u| common::label(p.units[u].0)).collect(),
    ));
    f.push(Column::ints(
        "session",
        order.iter().map(|&u| i64::from(p.units[u].1)).collect(),
    ));
    f.push(Column::ints(
        "year",
        order
            .iter()
            .map(|&u| i64::from(p.units[u].1) + 1945)
            .collect(),
    ));
    f.push(Column::ints(
        "n_votes",
        order.iter().map(|&u| i64::from(p.n_votes[u])).collect(),
    ));
    f.push(
        Column::floats(
            "ideal_point",
            order.iter().map(|&u| Some(v.theta[u])).collect(),
        )
        .describe("standardised position; higher = closer to the United States"),
    );
    f.push(
        Column::floats("sd", order.iter().map(|&u| Some(v.post[u][0])).collect())
            .describe("posterior standard deviation (BSV's sampler)"),
    );
    f.push(
        Column::floats("q05", order.iter().map(|&u| Some(v.post[u][1])).collect())
            .describe("posterior 5% quantile (BSV's Q5%)"),
    );
    f.push(
        Column::floats("q95", order.iter().map(|&u| Some(v.post[u][2])).collect())
            .describe("posterior 95% quantile (BSV's Q95%)"),
    );
    if let Some(b) = &v.boot {
        f.meta(
            "bootstrap",
            format!(
                "{} replicates, seed {seed}: votes redrawn from the fitted model and refitted by EM; \
                 interval moved from the EM mode to the posterior mean",
                plan.reps
            ),
        );
        let pct = plan.level * 100.0;
        f.push(
            Column::floats("se", order.iter().map(|&u| Some(b[u][0])).collect())
                .describe("parametric bootstrap standard error"),
        );
        f.push(
            Column::floats("lo", order.iter().map(|&u| Some(b[u][1])).collect())
                .describe(format!("{pct}% percentile interval, lower end")),
        );
        f.push(
            Column::floats("hi", order.iter().map(|&u| Some(b[u][2])).collect())
                .describe(format!("{pct}% percentile interval, upper end")),
        );
    }
    f
}
