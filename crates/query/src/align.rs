//! `align`: dyadic UN voting alignment, and every dyad at once.

use anyhow::Result;
use multipolar_align::{DyadPeriod, PeriodUnit, Selection, bootstrap, explain};
use multipolar_countries::{CountryId, Registry};
use multipolar_data::{Issue, VoteTable};
use multipolar_measures::Measure;
use multipolar_output::{Column, Frame};
use rayon::prelude::*;
use serde::Deserialize;

use crate::common::{self, By};
use crate::error::{no_data, usage};
use crate::{Engine, de};

/// Which roll calls count.
#[derive(clap::Args, Deserialize, Debug, Clone, Default)]
#[serde(default)]
pub struct SelectArgs {
    /// First year, inclusive (with --by session: session FROM − 1945 onwards).
    #[arg(long, value_name = "YEAR")]
    #[serde(alias = "start", deserialize_with = "de::lenient_opt")]
    pub from: Option<i32>,
    /// Last year, inclusive.
    #[arg(long, value_name = "YEAR")]
    #[serde(alias = "end", deserialize_with = "de::lenient_opt")]
    pub to: Option<i32>,
    /// Pool votes by UN session (default; Voeten's agreement scores) or calendar year.
    #[arg(long, value_enum, default_value = "session")]
    pub by: By,
    /// Only roll calls on these issues (comma-separated): me (Palestinian conflict),
    /// nu (nuclear), di (arms control), hr (human rights), co (colonialism),
    /// ec (economic development).
    #[arg(long, value_delimiter = ',', value_name = "ISSUE")]
    #[serde(deserialize_with = "de::list")]
    pub issue: Vec<String>,
    /// Only votes the US State Department classified as important (coded from session
    /// 39, 1984).
    #[arg(long)]
    #[serde(deserialize_with = "de::lenient")]
    pub important: bool,
    /// Leave out votes on amendments and separate paragraphs (coded until 1985).
    /// Voeten's agreement scores keep them, so the default keeps them.
    #[arg(long)]
    #[serde(deserialize_with = "de::lenient")]
    pub no_amendments: bool,
    /// Leave out unanimous roll calls, as BSV do for ideal points.
    #[arg(long)]
    #[serde(deserialize_with = "de::lenient")]
    pub no_unanimous: bool,
}

/// An `align` request: UN voting alignment of every pair of the named states, or of
/// one state with every other (`with = "all"`).
#[derive(clap::Args, Deserialize, Debug, Clone)]
#[serde(default)]
pub struct AlignRequest {
    /// Countries: ISO3 (MAR), ISO2, COW number (600) or letter code, or a name. With
    /// two or more, every pair is shown; with one, use --with.
    #[arg(required = true, value_name = "COUNTRY")]
    #[serde(alias = "state", alias = "states", deserialize_with = "de::list")]
    pub countries: Vec<String>,
    /// Compare the (single) country with `all` other states voting in each period.
    #[arg(long, value_name = "all")]
    pub with: Option<String>,
    #[command(flatten)]
    #[serde(flatten)]
    pub select: SelectArgs,
    /// Measures to show (comma-separated ids from `multipolar measures`, or `all`).
    #[arg(long, value_delimiter = ',', value_name = "MEASURE")]
    #[serde(deserialize_with = "de::list")]
    pub measure: Vec<String>,
    /// Pool all periods of the range into one value per pair.
    #[arg(long)]
    #[serde(deserialize_with = "de::lenient")]
    pub pooled: bool,
    /// With --with all: sort each period by this measure, highest first.
    #[arg(long, value_name = "MEASURE")]
    pub sort: Option<String>,
    /// With --sort: lowest first.
    #[arg(long)]
    #[serde(deserialize_with = "de::lenient")]
    pub ascending: bool,
    /// With --with all: keep only the first N rows of each period.
    #[arg(long, value_name = "N")]
    #[serde(deserialize_with = "de::lenient_opt")]
    pub top: Option<usize>,
    /// List instead the roll calls on which the two states voted differently
    /// (date, resolution, short title, each state's vote).
    #[arg(long)]
    #[serde(deserialize_with = "de::lenient")]
    pub explain: bool,
    /// Add a bootstrap interval at this confidence level in percent (e.g. 95), by
    /// resampling the dyad's joint roll calls.
    #[arg(long, value_name = "LEVEL")]
    #[serde(deserialize_with = "de::lenient_opt")]
    pub ci: Option<f64>,
    /// Bootstrap replicates for --ci.
    #[arg(long, default_value_t = 1000, value_name = "N")]
    #[serde(deserialize_with = "de::lenient")]
    pub reps: usize,
    /// Seed for --ci (the same seed gives the same intervals).
    #[arg(long, default_value_t = 42)]
    #[serde(deserialize_with = "de::lenient")]
    pub seed: u64,
}

impl Default for AlignRequest {
    fn default() -> Self {
        AlignRequest {
            countries: Vec::new(),
            with: None,
            select: SelectArgs::default(),
            measure: Vec::new(),
            pooled: false,
            sort: None,
            ascending: false,
            top: None,
            explain: false,
            ci: None,
            reps: 1000,
            seed: 42,
        }
    }
}

/// Every dyad × period with `n` and every measure (`multipolar export dyads`; the
/// Python package's `align()` without countries).
#[derive(clap::Args, Deserialize, Debug, Clone, Default)]
#[serde(default)]
pub struct DyadsRequest {
    #[command(flatten)]
    #[serde(flatten)]
    pub select: SelectArgs,
}

/// Checks the selection flags and turns them into a [`Selection`].
pub(crate) fn selection(a: &SelectArgs) -> Result<Selection> {
    common::check_period(a.from, a.to)?;
    let issues = if a.issue.is_empty() {
        None
    } else {
        let mut set = multipolar_data::IssueSet::default();
        for s in &a.issue {
            let i = Issue::parse(s).ok_or_else(|| {
                usage(format!(
                    "unknown issue \"{s}\"; expected one of: {}",
                    Issue::ALL
                        .map(|i| format!("{} ({})", i.code(), i.description()))
                        .join(", ")
                ))
            })?;
            set.insert(i);
        }
        Some(set)
    };
    Ok(Selection {
        unit: match a.by {
            By::Session => PeriodUnit::Session,
            By::Year => PeriodUnit::Year,
        },
        from: a.from,
        to: a.to,
        issues,
        important_only: a.important,
        amendments: !a.no_amendments,
        unanimous: !a.no_unanimous,
    })
}

/// The checked plan of an `align` run: everything is resolved before data is read.
struct Plan {
    countries: Vec<CountryId>,
    with_all: bool,
    sel: Selection,
    measures: Vec<Measure>,
    /// Add |θ_a − θ_b| from the BSV ideal points (`--measure ideal_distance`).
    ideal_distance: bool,
    sort: Option<Measure>,
}

/// The measure id of the ideal-point distance.
const IDEAL_DISTANCE: &str = "ideal_distance";

fn plan(a: &AlignRequest) -> Result<Plan> {
    let sel = selection(&a.select)?;
    // Historical codes resolve as of the end of the range (DEU in 1980 is the
    // German Federal Republic); without a range, as of today.
    let year = a.select.to.or(a.select.from);
    let countries = a
        .countries
        .iter()
        .map(|q| common::country(q, year))
        .collect::<Result<Vec<_>>>()?;
    let with_all = match a.with.as_deref() {
        None => false,
        Some("all") => true,
        Some(other) => {
            return Err(usage(format!(
                "--with takes `all`, found \"{other}\"; to compare named states, list them: align A B C"
            )));
        }
    };
    if with_all && countries.len() != 1 {
        crate::error::bail_usage!(
            "--with all compares one country with every other; {} were given",
            countries.len()
        );
    }
    if !with_all && countries.len() < 2 {
        crate::error::bail_usage!(
            "give at least two countries (every pair is compared), or one with --with all"
        );
    }
    for (i, c) in countries.iter().enumerate() {
        if countries[..i].contains(c) {
            crate::error::bail_usage!("{} is named twice", a.countries[i]);
        }
    }
    let parse =
        |s: &str| -> Result<Measure> { s.parse::<Measure>().map_err(|e| usage(e.to_string())) };
    let ideal_distance = a
        .measure
        .iter()
        .any(|m| m.eq_ignore_ascii_case(IDEAL_DISTANCE));
    if ideal_distance {
        if sel.unit != PeriodUnit::Session {
            crate::error::bail_usage!(
                "{IDEAL_DISTANCE} is per session (ideal points are): use --by session"
            );
        }
        if a.pooled || a.explain {
            crate::error::bail_usage!(
                "{IDEAL_DISTANCE} is a per-session distance; leave out --pooled and --explain"
            );
        }
    }
    let vote_measures: Vec<&String> = a
        .measure
        .iter()
        .filter(|m| !m.eq_ignore_ascii_case(IDEAL_DISTANCE))
        .collect();
    let measures = if vote_measures.iter().any(|m| *m == "all") {
        Measure::ALL.to_vec()
    } else if vote_measures.is_empty() && ideal_distance {
        Vec::new()
    } else if vote_measures.is_empty() {
        match sel.unit {
            PeriodUnit::Session => vec![Measure::HalfCredit, Measure::SAbs, Measure::KappaQuad],
            PeriodUnit::Year => vec![Measure::Strict, Measure::SAbs, Measure::KappaQuad],
        }
    } else {
        vote_measures
            .iter()
            .map(|m| parse(m))
            .collect::<Result<_>>()?
    };
    let sort = a.sort.as_deref().map(parse).transpose()?;
    if let Some(ci) = a.ci {
        if !(ci > 0.0 && ci < 100.0) {
            crate::error::bail_usage!(
                "--ci takes a confidence level in percent between 0 and 100, found {ci}"
            );
        }
        if a.reps < 10 {
            crate::error::bail_usage!(
                "--reps must be at least 10 for an interval, found {}",
                a.reps
            );
        }
    }
    if a.explain && (with_all || countries.len() != 2) {
        crate::error::bail_usage!(
            "--explain lists the votes of one pair: give exactly two countries"
        );
    }
    Ok(Plan {
        countries,
        with_all,
        sel,
        measures,
        ideal_distance,
        sort,
    })
}

impl Engine {
    /// UN voting alignment of the named pairs (or one state with all), per period or
    /// pooled, with bootstrap intervals or the roll calls on which a pair differed.
    pub fn align(&self, a: &AlignRequest) -> Result<Frame> {
        let plan = plan(a)?;
        let votes = self.votes()?;
        check_coverage(votes, &plan)?;
        if a.explain {
            return Ok(explain_frame(votes, &plan));
        }
        let mut rows = if plan.with_all {
            multipolar_align::with_all(votes, &plan.sel, plan.countries[0])
        } else {
            let mut pairs = Vec::new();
            for i in 0..plan.countries.len() {
                for j in i + 1..plan.countries.len() {
                    pairs.push((plan.countries[i], plan.countries[j]));
                }
            }
            let rows = multipolar_align::dyads(votes, &plan.sel, &pairs);
            // Group by pair, then period, in the order the user named them.
            let mut rows = rows;
            rows.sort_by_key(|r| (pairs.iter().position(|p| *p == (r.a, r.b)), r.period));
            rows
        };
        let periods = plan.sel.periods(votes);
        let range = (
            periods.first().map_or(0, |p| p.period),
            periods.last().map_or(0, |p| p.period),
        );
        if a.pooled {
            rows = multipolar_align::pooled(&rows);
        }
        if plan.with_all
            && let Some(&key) = plan.sort.as_ref().or(plan.measures.first())
        {
            rows.sort_by(|x, y| {
                let (vx, vy) = (x.value(key), y.value(key));
                let ord = match (vx, vy) {
                    (Some(p), Some(q)) => {
                        if a.ascending {
                            p.total_cmp(&q)
                        } else {
                            q.total_cmp(&p)
                        }
                    }
                    // Undefined values go last whatever the direction.
                    (Some(_), None) => std::cmp::Ordering::Less,
                    (None, Some(_)) => std::cmp::Ordering::Greater,
                    (None, None) => std::cmp::Ordering::Equal,
                };
                x.period
                    .cmp(&y.period)
                    .then(ord)
                    .then(common::label(x.b).cmp(&common::label(y.b)))
            });
            if let Some(top) = a.top {
                let mut kept = Vec::new();
                for r in rows {
                    if kept
                        .iter()
                        .filter(|k: &&DyadPeriod| k.period == r.period)
                        .count()
                        < top
                    {
                        kept.push(r);
                    }
                }
                rows = kept;
            }
        }
        let mut frame = measures_frame(votes, &plan, a, &rows, a.pooled.then_some(range));
        if plan.ideal_distance {
            let theta = self.ideal_points()?;
            let of = |c, r: &DyadPeriod| theta.get(&(c, plan.sel.unit.year_of(r.period))).copied();
            frame.push(
                Column::floats(
                    IDEAL_DISTANCE,
                    rows.iter()
                        .map(|r| Some((of(r.a, r)? - of(r.b, r)?).abs()))
                        .collect(),
                )
                .describe(
                    "|θ_a − θ_b|, Bailey–Strezhnev–Voeten ideal points fitted to every vote \
                 (`multipolar ideal`, cached); empty where a state has no estimate",
                ),
            );
        }
        Ok(frame)
    }
}

/// Errors when the selection is empty or a named state cast no vote in it.
fn check_coverage(votes: &VoteTable, plan: &Plan) -> Result<()> {
    let periods = plan.sel.periods(votes);
    if periods.is_empty() {
        let (lo, hi) = votes.date_range().map_or((0, 0), |(a, b)| (a.year, b.year));
        return Err(no_data(format!(
            "no roll calls match ({}); the vote data cover {lo}–{hi}{}",
            plan.sel.describe(),
            common::newer_votes_hint(plan.sel.to, hi)
        )));
    }
    let reg = Registry::global();
    for &c in &plan.countries {
        if multipolar_align::votes_cast(votes, &plan.sel, c) == 0 {
            let country = reg.get(c);
            let spells: Vec<String> = country
                .cow_spells()
                .iter()
                .map(|s| match s.end {
                    Some(e) => format!("{}–{}", s.start, e),
                    None => format!("{}–", s.start),
                })
                .collect();
            let (first, last) = (periods[0].period, periods[periods.len() - 1].period);
            let unit = plan.sel.unit;
            return Err(no_data(format!(
                "{} ({}) cast no recorded UN vote in {} {first}–{last} ({}–{}); {}",
                country.name(),
                country.label(),
                unit.as_str(),
                unit.year_of(first),
                unit.year_of(last),
                if spells.is_empty() {
                    "it has no COW state-system membership".to_string()
                } else {
                    format!("its COW state-system membership: {}", spells.join(", "))
                }
            )));
        }
    }
    Ok(())
}

fn measures_frame(
    votes: &VoteTable,
    plan: &Plan,
    a: &AlignRequest,
    rows: &[DyadPeriod],
    pooled: Option<(i32, i32)>,
) -> Frame {
    let unit = plan.sel.unit;
    let mut f = Frame::new();
    f.meta(
        "what",
        "UN General Assembly voting alignment of state pairs",
    );
    f.meta("selection", plan.sel.describe());
    f.meta("data", data_description(votes));
    f.meta(
        "votes",
        "only Yes/Abstain/No votes cast by both states count; absences are not votes",
    );
    if let Some((lo, hi)) = pooled {
        f.meta(
            "pooled",
            format!("{} {lo}–{hi} pooled into one table per pair", unit.as_str()),
        );
    }
    common::push_dyad_columns(&mut f, rows, unit, pooled.is_some());
    let ci = a.ci.map(|c| c / 100.0);
    let periods = plan.sel.periods(votes);
    for &m in &plan.measures {
        f.push(
            Column::floats(m.id(), rows.iter().map(|r| r.value(m)).collect())
                .describe(m.convention()),
        );
        if let Some(level) = ci {
            let intervals: Vec<Option<bootstrap::Interval>> = rows
                .par_iter()
                .map(|r| {
                    let joint: Vec<explain::JointVote> = periods
                        .iter()
                        .filter(|p| pooled.is_some() || p.period == r.period)
                        .flat_map(|p| explain::joint_votes(votes, p, r.a, r.b))
                        .collect();
                    let stream = (u64::from(r.period as u32) << 32)
                        ^ ((r.a.index() as u64) << 16)
                        ^ r.b.index() as u64;
                    bootstrap::interval(&joint, m, a.reps, level, a.seed, stream)
                })
                .collect();
            let pct = a.ci.unwrap_or_default();
            f.push(
                Column::floats(
                    format!("{}_lo", m.id()),
                    intervals.iter().map(|i| i.map(|i| i.lo)).collect(),
                )
                .describe(format!(
                    "{pct}% percentile bootstrap, {} replicates resampling roll calls, seed {}",
                    a.reps, a.seed
                )),
            );
            f.push(Column::floats(
                format!("{}_hi", m.id()),
                intervals.iter().map(|i| i.map(|i| i.hi)).collect(),
            ));
        }
    }
    f
}

fn explain_frame(votes: &VoteTable, plan: &Plan) -> Frame {
    let (a, b) = (plan.countries[0], plan.countries[1]);
    let unit = plan.sel.unit;
    let mut period = Vec::new();
    let mut date = Vec::new();
    let mut res = Vec::new();
    let mut short = Vec::new();
    let mut va = Vec::new();
    let mut vb = Vec::new();
    let mut joint = 0usize;
    for p in plan.sel.periods(votes) {
        joint += explain::joint_votes(votes, &p, a, b).len();
        for d in explain::differences(votes, &p, a, b) {
            let rc = &votes.roll_calls()[d.roll_call];
            period.push(i64::from(p.period));
            date.push(rc.date.to_string());
            res.push(rc.resolution.clone());
            short.push(if rc.short.is_empty() {
                shorten(&rc.descr)
            } else {
                rc.short.clone()
            });
            va.push(d.a.as_str().to_string());
            vb.push(d.b.as_str().to_string());
        }
    }
    let mut f = Frame::new();
    f.meta(
        "what",
        format!(
            "roll calls on which {} and {} voted differently",
            common::label(a),
            common::label(b)
        ),
    );
    f.meta("selection", plan.sel.describe());
    f.meta(
        "differences",
        format!("{} of {joint} joint votes", period.len()),
    );
    f.push(Column::ints(unit.as_str(), period));
    f.push(Column::strs("date", date));
    f.push(Column::strs("resolution", res));
    f.push(Column::strs("title", short));
    f.push(Column::strs(common::label(a), va));
    f.push(Column::strs(common::label(b), vb));
    f
}

fn shorten(s: &str) -> String {
    let s = s.trim();
    match s.char_indices().nth(60) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

fn data_description(votes: &VoteTable) -> String {
    let (n_rc, (lo, hi)) = (
        votes.roll_calls().len(),
        votes
            .date_range()
            .map_or((String::new(), String::new()), |(a, b)| {
                (a.to_string(), b.to_string())
            }),
    );
    let undl = votes
        .roll_calls()
        .iter()
        .filter(|r| r.origin == multipolar_data::Origin::Undl)
        .count();
    let mut s = format!("{n_rc} roll calls {lo} … {hi}: Voeten UNGA votes (unvotes 2021, CC0)");
    if undl > 0 {
        s.push_str(&format!(" + {undl} from the UN Digital Library import"));
    }
    s
}

impl Engine {
    /// Every non-directed dyad × period (`ccode1 < ccode2`, as peacesciencer) with `n`
    /// and all twelve measures.
    pub fn dyads(&self, r: &DyadsRequest) -> Result<Frame> {
        let sel = selection(&r.select)?;
        let votes = self.votes()?;
        let mut rows: Vec<_> = multipolar_align::all_dyads(votes, &sel)
            .into_iter()
            .map(|r| {
                if common::ccode(r.a) > common::ccode(r.b) {
                    r.swapped()
                } else {
                    r
                }
            })
            .collect();
        rows.par_sort_unstable_by_key(|r| (r.period, common::ccode(r.a), common::ccode(r.b)));
        let mut f = Frame::new();
        f.meta(
            "what",
            "UN General Assembly voting alignment, every dyad and period (non-directed, ccode1 < ccode2)",
        );
        f.meta("selection", sel.describe());
        f.meta("data", data_description(votes));
        f.meta(
            "votes",
            "only Yes/Abstain/No votes cast by both states count; undefined values are null",
        );
        common::push_dyad_columns(&mut f, &rows, sel.unit, false);
        for m in Measure::ALL {
            let v: Vec<Option<f64>> = rows.par_iter().map(|r| r.value(m)).collect();
            f.push(Column::floats(m.id(), v).describe(m.convention()));
        }
        Ok(f)
    }
}
