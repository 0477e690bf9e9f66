//! Event counts between states by year: the input of the two event channels.
//!
//! The caller aggregates its event store (GDELT, ICEWS, multipolar's coder) into one
//! [`EventCounts`] per directed dyad and year and adds them here; this crate never
//! reads event files itself, so it stays free of the event store's query engine.
//! Both directions of a dyad are pooled: the channels ask "what happened between S
//! and P", not who acted.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use multipolar_countries::CountryId;

/// Event counts of one dyad-year, by quad class (GDELT's CAMEO root rule: roots 01–05
/// verbal cooperation, 06–09 material cooperation, 10–14 verbal conflict, 15–20
/// material conflict).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct EventCounts {
    /// Cooperative events: quad class 1 or 2.
    pub coop: u64,
    /// Conflictual events: quad class 3 or 4.
    pub conflict: u64,
    /// Cooperative events (quad 1 or 2) in the security channel (military, police or
    /// intelligence actors or security event codes).
    pub security_coop: u64,
}

impl std::ops::AddAssign for EventCounts {
    fn add_assign(&mut self, o: EventCounts) {
        self.coop += o.coop;
        self.conflict += o.conflict;
        self.security_coop += o.security_coop;
    }
}

/// Yearly event counts between pairs of states, both directions pooled.
#[derive(Debug, Clone, Default)]
pub struct EventDyads {
    /// (lower id, higher id, year) → counts.
    counts: HashMap<(CountryId, CountryId, i32), EventCounts>,
    years: BTreeSet<i32>,
    /// Months (1–12) with events, per year, as recorded by the caller.
    months: BTreeMap<i32, BTreeSet<u32>>,
}

impl EventDyads {
    /// No events.
    pub fn new() -> EventDyads {
        EventDyads::default()
    }

    /// Adds the events `source` directed at `target` in `year` to the dyad's counts.
    /// A state's events with itself (domestic actors) are not ties between states and
    /// are left out.
    pub fn add(&mut self, source: CountryId, target: CountryId, year: i32, c: EventCounts) {
        if source == target {
            return;
        }
        let key = (source.min(target), source.max(target), year);
        *self.counts.entry(key).or_default() += c;
        self.years.insert(year);
    }

    /// Records that the event data hold events in `month` (1–12) of `year`, so that a
    /// year the data cover only in part (a download to date) can be left out of the
    /// event channels ([`MIN_EVENT_MONTHS`](crate::coverage::MIN_EVENT_MONTHS)).
    pub fn add_month(&mut self, year: i32, month: u32) {
        self.months.entry(year).or_default().insert(month);
    }

    /// Months of `year` with events, if the caller recorded months.
    pub fn months(&self, year: i32) -> Option<usize> {
        self.months.get(&year).map(BTreeSet::len)
    }

    /// Whether any dyad has events in a year of `from..=to`.
    pub fn covers(&self, from: i32, to: i32) -> bool {
        self.years.range(from..=to).next().is_some()
    }

    /// Every dyad-year: (one state, the other, year, counts), in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = (CountryId, CountryId, i32, EventCounts)> + '_ {
        self.counts.iter().map(|(&(a, b, y), &c)| (a, b, y, c))
    }
}
