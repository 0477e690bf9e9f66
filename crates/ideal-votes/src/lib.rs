//! UN General Assembly votes prepared for ideal-point estimation as Bailey,
//! Strezhnev & Voeten (2017) prepare them.
//!
//! [`prepare`] turns a [`VoteTable`] into the plain [`multipolar_ideal::Input`] of
//! country-sessions, roll calls and votes, applying BSV's exclusions (session 19,
//! Zanzibar, amendment and paragraph votes after 1989, unanimous roll calls) and
//! bridging (roll calls on the same resolution in different sessions share item
//! parameters, from the matches file bundled in `multipolar-datasets`). Each rule
//! is a switch in [`VoteOptions`], on by default; the period, issues and
//! important-vote filters give issue-specific estimates with the same machinery.
//!
//! # Brief overview
//!
//! * [`VoteOptions`] — which votes enter (defaults: BSV's).
//! * [`prepare`] → [`Prepared`]: the estimator's input plus, per unit, its
//!   [`CountryId`] and session, and the United States' index for orientation.
//! * [`estimate`] — prepare, fit and return one [`Row`] per country-session.
//!
//! ```no_run
//! let votes = multipolar_data::unvotes::bundled()?;
//! let rows = multipolar_ideal_votes::estimate(&votes, &Default::default(), None)?;
//! assert!(rows.rows.len() > 10_000);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Why a crate of its own: the estimator (`multipolar-ideal`) depends on nothing
//! in the workspace so the science builds and tests alone, and the vote table lives
//! in `multipolar-data`; the rules joining them are BSV's research design, not the
//! command line's, and the CLI, tests against the BSV release and any later
//! library front end all need the very same rules. Putting them in the CLI would
//! hide them from everything but the binary.
#![deny(missing_docs)]

use std::collections::{BTreeMap, HashMap};
use std::io::Read;

use multipolar_countries::{CountryId, Registry};
use multipolar_data::{IssueSet, VoteTable};
use multipolar_ideal::{
    IdealError, Input, Item, Model, Obs, Options, Posterior, SampleOptions, Unit,
};

/// What can go wrong between a vote table and ideal points.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PrepareError {
    /// Nothing left to scale.
    #[error("no roll calls with votes in {period}{filters} after BSV's exclusions")]
    Empty {
        /// The period, as the user gave it.
        period: String,
        /// Issue or importance filters, if any.
        filters: String,
    },
    /// The estimator refused the input.
    #[error(transparent)]
    Ideal(#[from] IdealError),
    /// The bundled matches file could not be read.
    #[error("bundled BSV matches file: {0}")]
    Matches(String),
}

/// Which votes enter the estimation. The default is BSV's design.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct VoteOptions {
    /// First and last session, inclusive (session 1 = 1946).
    pub sessions: Option<(u16, u16)>,
    /// Only roll calls on one of these issues.
    pub issues: Option<IssueSet>,
    /// Only votes the US State Department classified as important.
    pub important_only: bool,
    /// Drop session 19 (1964–65: no recorded votes but procedural ones).
    pub drop_session_19: bool,
    /// Drop Zanzibar (a member for a few months of 1963–64).
    pub drop_zanzibar: bool,
    /// Drop votes on amendments and separate paragraphs after 1989. (In the
    /// bundled data these flags are coded only until 1985, so this drops nothing
    /// there; it matters for imported data that codes them.)
    pub drop_amendments_after_1989: bool,
    /// Drop unanimous roll calls (every vote the same: they carry no information
    /// on positions).
    pub drop_unanimous: bool,
    /// Link roll calls on identical resolutions across sessions (BSV's matches).
    pub bridge: bool,
}

impl Default for VoteOptions {
    fn default() -> Self {
        VoteOptions {
            sessions: None,
            issues: None,
            important_only: false,
            drop_session_19: true,
            drop_zanzibar: true,
            drop_amendments_after_1989: true,
            drop_unanimous: true,
            bridge: true,
        }
    }
}

/// The estimator's input and what its indices mean.
#[derive(Clone, Debug)]
pub struct Prepared {
    /// Units, items and votes for [`multipolar_ideal::Model`].
    pub input: Input,
    /// Per unit: the country and session.
    pub units: Vec<(CountryId, u16)>,
    /// Per unit: the number of votes it cast (BSV's `NVotes`).
    pub n_votes: Vec<u32>,
    /// Per item: the roll call id.
    pub rcids: Vec<u32>,
    /// Country index of the United States, if it voted (BSV orient it positive).
    pub orient: Option<u32>,
}

/// BSV's matches as linked-id chains: each rcid in a match maps to the smallest
/// rcid of its chain.
pub fn links() -> Result<HashMap<u32, u32>, PrepareError> {
    let mut text = String::new();
    flate2::read::GzDecoder::new(multipolar_datasets::UNGA_BSV_MATCHES.bytes)
        .read_to_string(&mut text)
        .map_err(|e| PrepareError::Matches(e.to_string()))?;
    let mut parent: HashMap<u32, u32> = HashMap::new();
    fn find(parent: &mut HashMap<u32, u32>, x: u32) -> u32 {
        let mut r = x;
        while let Some(&p) = parent.get(&r).filter(|&&p| p != r) {
            r = p;
        }
        parent.insert(x, r);
        r
    }
    for (k, line) in text.lines().enumerate().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        let parse = |s: Option<&&str>| {
            s.and_then(|s| s.trim().trim_matches('"').parse::<u32>().ok())
                .ok_or_else(|| {
                    PrepareError::Matches(format!("line {}: expected v1,rcid1,rcid2", k + 1))
                })
        };
        let (a, b) = (parse(f.get(1))?, parse(f.get(2))?);
        let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
        parent.entry(ra).or_insert(ra);
        parent.entry(rb).or_insert(rb);
        let (lo, hi) = (ra.min(rb), ra.max(rb));
        parent.insert(hi, lo);
    }
    let keys: Vec<u32> = parent.keys().copied().collect();
    Ok(keys
        .into_iter()
        .map(|k| (k, find(&mut parent, k)))
        .collect())
}

/// Applies the options to the votes and builds the estimator's input.
pub fn prepare(votes: &VoteTable, opts: &VoteOptions) -> Result<Prepared, PrepareError> {
    let reg = Registry::global();
    let zanzibar = reg.by_cow(511);
    let links = if opts.bridge {
        links()?
    } else {
        HashMap::new()
    };
    let mut country_index: BTreeMap<CountryId, u32> = BTreeMap::new();
    let mut unit_index: HashMap<(CountryId, u16), u32> = HashMap::new();
    let mut units = Vec::new();
    let mut unit_ids = Vec::new();
    let mut n_votes = Vec::new();
    let mut items = Vec::new();
    let mut rcids = Vec::new();
    let mut obs = Vec::new();
    for (i, rc) in votes.roll_calls().iter().enumerate() {
        if let Some((a, b)) = opts.sessions
            && (rc.session < a || rc.session > b)
        {
            continue;
        }
        if opts.drop_session_19 && rc.session == 19 {
            continue;
        }
        if opts.drop_amendments_after_1989
            && rc.date.year > 1989
            && (rc.amend == Some(true) || rc.para == Some(true))
        {
            continue;
        }
        if let Some(set) = opts.issues
            && !rc.issues.intersects(set)
        {
            continue;
        }
        if opts.important_only && rc.important != Some(true) {
            continue;
        }
        let ballots: Vec<_> = votes
            .ballots(i)
            .iter()
            .filter(|b| !(opts.drop_zanzibar && Some(b.country) == zanzibar))
            .collect();
        let Some(first) = ballots.first() else {
            continue;
        };
        if opts.drop_unanimous && ballots.iter().all(|b| b.vote == first.vote) {
            continue;
        }
        let item = items.len() as u32;
        items.push(Item {
            link: links.get(&rc.rcid).copied().unwrap_or(rc.rcid),
        });
        rcids.push(rc.rcid);
        for b in ballots {
            let next = country_index.len() as u32;
            let country = *country_index.entry(b.country).or_insert(next);
            let unit = *unit_index
                .entry((b.country, rc.session))
                .or_insert_with(|| {
                    units.push(Unit {
                        country,
                        session: u32::from(rc.session),
                    });
                    unit_ids.push((b.country, rc.session));
                    n_votes.push(0);
                    units.len() as u32 - 1
                });
            n_votes[unit as usize] += 1;
            obs.push(Obs {
                unit,
                item,
                y: b.vote.level(),
            });
        }
    }
    if obs.is_empty() {
        let period = match opts.sessions {
            Some((a, b)) if a == b => format!("session {a} ({})", i32::from(a) + 1945),
            Some((a, b)) => format!(
                "sessions {a}–{b} ({}–{})",
                i32::from(a) + 1945,
                i32::from(b) + 1945
            ),
            None => "the data".to_string(),
        };
        let mut filters = String::new();
        if let Some(set) = opts.issues {
            let codes: Vec<&str> = set.iter().map(|i| i.code()).collect();
            filters += &format!(" on issues {}", codes.join(","));
        }
        if opts.important_only {
            filters += " among important votes";
        }
        return Err(PrepareError::Empty { period, filters });
    }
    let orient = reg.by_cow(2).and_then(|us| country_index.get(&us).copied());
    Ok(Prepared {
        input: Input { units, items, obs },
        units: unit_ids,
        n_votes,
        rcids,
        orient,
    })
}

/// One country-session's estimate.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// The country.
    pub country: CountryId,
    /// UN session (year = session + 1945).
    pub session: u16,
    /// Votes cast that entered the estimation.
    pub n_votes: u32,
    /// The ideal point: posterior mean (standardised; United States positive).
    pub theta: f64,
    /// Posterior standard deviation.
    pub sd: f64,
    /// Posterior 5 % quantile.
    pub q05: f64,
    /// Posterior 95 % quantile.
    pub q95: f64,
    /// The variational EM mode (the sampler's warm start).
    pub mode: f64,
}

/// Estimates for every country-session, with the fit's diagnostics.
#[derive(Clone, Debug)]
pub struct Estimates {
    /// Sorted by country, then session.
    pub rows: Vec<Row>,
    /// The prepared input (to bootstrap or inspect).
    pub prepared: Prepared,
    /// The fitted model.
    pub model: Model,
    /// The variational EM fit (the sampler's warm start).
    pub estimate: multipolar_ideal::Estimate,
    /// BSV's sampler run from the fit: the reported estimates.
    pub posterior: Posterior,
    /// Wall-clock seconds of the EM fit and of the sampler.
    pub seconds: (f64, f64),
}

/// EM iterations of the warm start.
pub const WARM_START_ITER: usize = 20;

/// Prepares the votes, fits the model by variational EM and runs BSV's sampler
/// from the fit with the default run length (`options`: BSV's when `None`,
/// oriented on the United States).
pub fn estimate(
    votes: &VoteTable,
    vote_options: &VoteOptions,
    options: Option<Options>,
) -> Result<Estimates, PrepareError> {
    estimate_with(votes, vote_options, options, &SampleOptions::default())
}

/// [`estimate`] with a chosen run length and seed of the sampler.
pub fn estimate_with(
    votes: &VoteTable,
    vote_options: &VoteOptions,
    options: Option<Options>,
    sample: &SampleOptions,
) -> Result<Estimates, PrepareError> {
    let prepared = prepare(votes, vote_options)?;
    // The EM fit is only the sampler's warm start: 20 iterations place it well
    // enough (the sampler forgets its start within ~100 iterations).
    let options = options.unwrap_or(Options {
        orient: prepared.orient,
        max_iter: WARM_START_ITER,
        ..Options::default()
    });
    let model = Model::new(&prepared.input, options)?;
    let t0 = std::time::Instant::now();
    let estimate = model.fit();
    let t1 = std::time::Instant::now();
    let posterior = model.sample(&estimate, sample);
    let seconds = ((t1 - t0).as_secs_f64(), t1.elapsed().as_secs_f64());
    let mut rows: Vec<Row> = prepared
        .units
        .iter()
        .enumerate()
        .map(|(u, &(country, session))| Row {
            country,
            session,
            n_votes: prepared.n_votes[u],
            theta: posterior.mean[u],
            sd: posterior.sd[u],
            q05: posterior.q05[u],
            q95: posterior.q95[u],
            mode: estimate.theta[u],
        })
        .collect();
    rows.sort_by_key(|r| (r.country, r.session));
    Ok(Estimates {
        rows,
        prepared,
        model,
        estimate,
        posterior,
        seconds,
    })
}
