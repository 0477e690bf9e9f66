//! The engine: a data directory and every table loaded from it, each read the first
//! time a request needs it and then shared by all requests of the process.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Mutex, OnceLock};

use anyhow::Result;
use multipolar_alliances::{Capabilities, Majors, Ties};
use multipolar_countries::CountryId;
use multipolar_data::VoteTable;
use multipolar_data::store::Store;
use multipolar_dependence::arms::{ArmsDependence, arms_dependence};
use multipolar_dependence::cow::{self, IgoState};
use multipolar_dependence::geography::Contiguity;
use multipolar_dependence::igo::{IgoRow, igo_dependence};
use multipolar_dependence::sipri::{TivTable, bundled_tiv};
use multipolar_dependence::trade::{TradeDependence, trade_dependence};

/// Arms shares in the profile are taken over 5-year windows: SIPRI deliveries are
/// lumpy.
pub(crate) const PROFILE_ARMS_WINDOW: u32 = 5;

/// A value computed once, on first use; a failed computation is not kept, so the
/// next request tries again (and reports the same error).
struct Lazy<T> {
    cell: OnceLock<T>,
    init: Mutex<()>,
}

impl<T> Default for Lazy<T> {
    fn default() -> Self {
        Lazy {
            cell: OnceLock::new(),
            init: Mutex::new(()),
        }
    }
}

impl<T> Lazy<T> {
    fn get(&self, f: impl FnOnce() -> Result<T>) -> Result<&T> {
        if let Some(v) = self.cell.get() {
            return Ok(v);
        }
        // One thread computes; the others wait for it rather than repeat it.
        let _guard = self.init.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(v) = self.cell.get() {
            return Ok(v);
        }
        let v = f()?;
        Ok(self.cell.get_or_init(|| v))
    }
}

/// Ideal points of every state by (state, year of the session's opening).
pub(crate) type IdealPoints = HashMap<(CountryId, i32), f64>;

/// The query engine over one data directory. Cheap to create; tables are loaded on
/// first use. Share one engine between threads (`&Engine` is `Sync`).
pub struct Engine {
    store: Store,
    read_only: bool,
    votes: Lazy<VoteTable>,
    ideal: Lazy<IdealPoints>,
    atop: Lazy<Ties>,
    caps: Lazy<Capabilities>,
    majors: Lazy<Majors>,
    tiv: Lazy<TivTable>,
    profile_arms: Lazy<ArmsDependence>,
    trade: Lazy<TradeDependence>,
    igo_states: Lazy<Vec<IgoState>>,
    igo: Lazy<Vec<IgoRow>>,
    contiguity: Lazy<Contiguity>,
    #[cfg(feature = "events")]
    events: Lazy<Option<multipolar_eventstore::EventStore>>,
}

impl Engine {
    /// An engine over `data_dir` (`None`: `$MULTIPOLAR_DATA` or the platform
    /// default). A missing directory is an empty one: the bundled data only.
    pub fn open(data_dir: Option<PathBuf>) -> Result<Engine> {
        let dir = data_dir.unwrap_or_else(Store::default_dir);
        Ok(Engine {
            store: Store::open(&dir)?,
            read_only: false,
            votes: Lazy::default(),
            ideal: Lazy::default(),
            atop: Lazy::default(),
            caps: Lazy::default(),
            majors: Lazy::default(),
            tiv: Lazy::default(),
            profile_arms: Lazy::default(),
            trade: Lazy::default(),
            igo_states: Lazy::default(),
            igo: Lazy::default(),
            contiguity: Lazy::default(),
            #[cfg(feature = "events")]
            events: Lazy::default(),
        })
    }

    /// Never writes to the data directory (a server's mode): estimates that are not
    /// cached yet are computed in memory and kept for the life of the process only.
    pub fn read_only(mut self) -> Engine {
        self.read_only = true;
        self
    }

    pub(crate) fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// The data directory.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The UN votes: bundled, merged with any import in the data directory.
    pub fn votes(&self) -> Result<&VoteTable> {
        self.votes.get(|| Ok(self.store.votes()?))
    }

    /// BSV ideal points fitted to every vote: from the cache in the data directory,
    /// or fitted (about a minute) and cached.
    pub(crate) fn ideal_points(&self) -> Result<&IdealPoints> {
        self.ideal.get(|| crate::ideal::points(self))
    }

    pub(crate) fn atop(&self) -> Result<&Ties> {
        self.atop.get(|| Ok(Ties::bundled_atop()?))
    }

    pub(crate) fn capabilities(&self) -> Result<&Capabilities> {
        self.caps.get(|| Ok(Capabilities::bundled()?))
    }

    pub(crate) fn majors(&self) -> Result<&Majors> {
        self.majors.get(|| Ok(Majors::bundled()?))
    }

    pub(crate) fn tiv(&self) -> Result<&TivTable> {
        self.tiv.get(|| Ok(bundled_tiv()?))
    }

    /// Arms dependence over the profile's window.
    pub(crate) fn profile_arms(&self) -> Result<&ArmsDependence> {
        self.profile_arms
            .get(|| Ok(arms_dependence(&self.tiv()?.cells, PROFILE_ARMS_WINDOW)))
    }

    /// Trade dependence of every dyad-year and state-year, with trade/GDP.
    pub(crate) fn trade(&self) -> Result<&TradeDependence> {
        self.trade.get(|| {
            Ok(trade_dependence(
                &cow::bundled_trade_dyads()?,
                &cow::bundled_gdp()?,
            ))
        })
    }

    pub(crate) fn igo_states(&self) -> Result<&[IgoState]> {
        Ok(self.igo_states.get(|| Ok(cow::bundled_igo_states()?))?)
    }

    /// Shared IGO memberships of every dyad-year.
    pub(crate) fn igo(&self) -> Result<&[IgoRow]> {
        Ok(self.igo.get(|| {
            Ok(igo_dependence(
                &cow::bundled_igo_dyads()?,
                self.igo_states()?,
            ))
        })?)
    }

    pub(crate) fn contiguity(&self) -> Result<&Contiguity> {
        self.contiguity.get(|| Ok(Contiguity::bundled()?))
    }

    /// The event store, or `None` when no events are imported (most data
    /// directories: no query engine is started for them).
    #[cfg(feature = "events")]
    pub(crate) fn event_store(&self) -> Result<Option<&multipolar_eventstore::EventStore>> {
        use multipolar_eventstore::import::EVENTS;
        let s = self.events.get(|| {
            if !self.store.manifest().datasets.contains_key(EVENTS) {
                return Ok(None);
            }
            let s = multipolar_eventstore::EventStore::open(self.store.dir())?;
            Ok(s.tables().iter().any(|t| t == EVENTS).then_some(s))
        })?;
        Ok(s.as_ref())
    }

    /// Loads every table a profile reads, in parallel (a server calls this at start
    /// so the first request does not wait).
    pub fn warm(&self) -> Result<()> {
        std::thread::scope(|s| {
            let a = s.spawn(|| self.atop().and(self.capabilities()).map(|_| ()));
            let b = s.spawn(|| self.profile_arms().and(self.igo()).map(|_| ()));
            let c = s.spawn(|| self.trade().map(|_| ()));
            self.votes()?;
            self.ideal_points()?;
            for h in [a, b, c] {
                h.join().expect("loader panicked")?;
            }
            Ok(())
        })
    }
}
