//! The typed UN General Assembly vote table every measure reads.

use std::collections::HashMap;

use multipolar_countries::{CountryId, Date};

/// A recorded vote. Absences and non-membership are not votes: they have no row.
///
/// The discriminants are the level indices of `multipolar_measures::votes`
/// (0 yes, 1 abstain, 2 no), so a vote is its own contingency-table level.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(u8)]
pub enum Vote {
    /// Voted in favour.
    Yes = 0,
    /// Abstained.
    Abstain = 1,
    /// Voted against.
    No = 2,
}

impl Vote {
    /// The contingency-table level (0 yes, 1 abstain, 2 no).
    pub fn level(self) -> u8 {
        self as u8
    }

    /// Lower-case English word, as in the `unvotes` data.
    pub fn as_str(self) -> &'static str {
        match self {
            Vote::Yes => "yes",
            Vote::Abstain => "abstain",
            Vote::No => "no",
        }
    }
}

/// Voeten's six issue codes for roll calls.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Issue {
    /// `me`: Palestinian conflict.
    MiddleEast,
    /// `nu`: nuclear weapons and nuclear material.
    Nuclear,
    /// `di`: arms control and disarmament.
    Disarmament,
    /// `hr`: human rights.
    HumanRights,
    /// `co`: colonialism.
    Colonialism,
    /// `ec`: economic development.
    Economic,
}

impl Issue {
    /// All issues, in Voeten's order.
    pub const ALL: [Issue; 6] = [
        Issue::MiddleEast,
        Issue::Nuclear,
        Issue::Disarmament,
        Issue::HumanRights,
        Issue::Colonialism,
        Issue::Economic,
    ];

    /// The two-letter code used in the data (`me`, `nu`, `di`, `hr`, `co`, `ec`).
    pub fn code(self) -> &'static str {
        match self {
            Issue::MiddleEast => "me",
            Issue::Nuclear => "nu",
            Issue::Disarmament => "di",
            Issue::HumanRights => "hr",
            Issue::Colonialism => "co",
            Issue::Economic => "ec",
        }
    }

    /// English description, as in the `unvotes` issue table.
    pub fn description(self) -> &'static str {
        match self {
            Issue::MiddleEast => "Palestinian conflict",
            Issue::Nuclear => "Nuclear weapons and nuclear material",
            Issue::Disarmament => "Arms control and disarmament",
            Issue::HumanRights => "Human rights",
            Issue::Colonialism => "Colonialism",
            Issue::Economic => "Economic development",
        }
    }

    /// Parses a two-letter code or a few common words (`human-rights`, `nuclear`…).
    pub fn parse(s: &str) -> Option<Issue> {
        let s = s.trim().to_ascii_lowercase().replace(['_', ' '], "-");
        Some(match s.as_str() {
            "me" | "middle-east" | "palestine" | "palestinian-conflict" => Issue::MiddleEast,
            "nu" | "nuclear" => Issue::Nuclear,
            "di" | "disarmament" | "arms-control" => Issue::Disarmament,
            "hr" | "human-rights" => Issue::HumanRights,
            "co" | "colonialism" => Issue::Colonialism,
            "ec" | "economic" | "economic-development" | "development" => Issue::Economic,
            _ => return None,
        })
    }

    fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

/// A set of issues, as carried by one roll call.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct IssueSet(u8);

impl IssueSet {
    /// Adds an issue.
    pub fn insert(&mut self, issue: Issue) {
        self.0 |= issue.bit();
    }

    /// Whether the set holds `issue`.
    pub fn contains(self, issue: Issue) -> bool {
        self.0 & issue.bit() != 0
    }

    /// Whether the set shares any issue with `other`.
    pub fn intersects(self, other: IssueSet) -> bool {
        self.0 & other.0 != 0
    }

    /// The issues in the set, in Voeten's order.
    pub fn iter(self) -> impl Iterator<Item = Issue> {
        Issue::ALL.into_iter().filter(move |i| self.contains(*i))
    }

    /// Whether the set is empty.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
}

impl FromIterator<Issue> for IssueSet {
    fn from_iter<T: IntoIterator<Item = Issue>>(iter: T) -> Self {
        let mut s = IssueSet::default();
        for i in iter {
            s.insert(i);
        }
        s
    }
}

/// Where a roll call came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Origin {
    /// The bundled Voeten/`unvotes` data (sessions 1–74).
    Unvotes,
    /// An import of the UN Digital Library voting data.
    Undl,
}

/// One recorded UN General Assembly vote (a roll call).
#[derive(Clone, Debug, PartialEq)]
pub struct RollCall {
    /// Identifier, unique in the table: Voeten's `rcid` (below 100,000), or a UN
    /// Digital Library record id plus [`crate::undl::RCID_OFFSET`].
    pub rcid: u32,
    /// Regular session number (1 = 1946). Emergency special sessions are assigned
    /// the regular session in progress on their date.
    pub session: u16,
    /// The session as published when it is not a plain number (e.g. `ES-10`).
    pub session_label: Option<String>,
    /// Date of the vote.
    pub date: Date,
    /// Resolution or document symbol (`A/RES/74/56`; Voeten's older `R/1/66` form).
    pub resolution: String,
    /// Vote on an amendment (`None` where not coded: Voeten codes it until 1985).
    pub amend: Option<bool>,
    /// Vote on a separate paragraph (`None` where not coded).
    pub para: Option<bool>,
    /// Classified important by the US State Department (`None` where not classified).
    pub important: Option<bool>,
    /// Short description.
    pub short: String,
    /// Long description.
    pub descr: String,
    /// Issue codes.
    pub issues: IssueSet,
    /// Source dataset.
    pub origin: Origin,
}

/// One country's vote on one roll call.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ballot {
    /// The country.
    pub country: CountryId,
    /// Its vote.
    pub vote: Vote,
}

/// All roll calls, in date order, with each roll call's ballots.
///
/// Built through [`VoteTableBuilder`], which rejects duplicate roll calls and duplicate
/// (roll call, country) ballots, so every consumer may assume neither exists.
#[derive(Clone, Debug, Default)]
pub struct VoteTable {
    roll_calls: Vec<RollCall>,
    /// `offsets[i]..offsets[i + 1]` are the ballots of roll call `i`.
    offsets: Vec<u32>,
    ballots: Vec<Ballot>,
}

impl VoteTable {
    /// Roll calls in (date, rcid) order.
    pub fn roll_calls(&self) -> &[RollCall] {
        &self.roll_calls
    }

    /// The ballots cast on the `i`-th roll call, ordered by country.
    pub fn ballots(&self, i: usize) -> &[Ballot] {
        &self.ballots[self.offsets[i] as usize..self.offsets[i + 1] as usize]
    }

    /// Total number of ballots.
    pub fn n_ballots(&self) -> usize {
        self.ballots.len()
    }

    /// Every country with at least one ballot.
    pub fn countries(&self) -> Vec<CountryId> {
        let mut v: Vec<CountryId> = self.ballots.iter().map(|b| b.country).collect();
        v.sort_unstable();
        v.dedup();
        v
    }

    /// First and last vote dates, if any.
    pub fn date_range(&self) -> Option<(Date, Date)> {
        Some((self.roll_calls.first()?.date, self.roll_calls.last()?.date))
    }

    /// Adds the roll calls of `other` that this table does not already hold, and
    /// returns how many were added and how many were recognised as duplicates.
    ///
    /// A roll call is the same vote when it has the same date and the same
    /// resolution symbol (compared without spaces and case), or when it falls on or
    /// before this table's last date: the bundled Voeten data stay the reference for
    /// the years they cover, so an overlapping import can never count a vote twice.
    pub fn merge(&mut self, other: &VoteTable) -> MergeReport {
        let last = self.roll_calls.last().map(|r| r.date);
        let keys: std::collections::HashSet<(Date, String)> = self
            .roll_calls
            .iter()
            .map(|r| (r.date, normalise_symbol(&r.resolution)))
            .collect();
        let mut b = VoteTableBuilder::default();
        for i in 0..self.roll_calls.len() {
            b.push_roll_call_unchecked(self.roll_calls[i].clone(), self.ballots(i).to_vec());
        }
        let mut report = MergeReport::default();
        for i in 0..other.roll_calls.len() {
            let rc = &other.roll_calls[i];
            let dup = keys.contains(&(rc.date, normalise_symbol(&rc.resolution)))
                || last.is_some_and(|d| rc.date <= d)
                || b.rcids.contains(&rc.rcid);
            if dup {
                report.duplicates += 1;
                continue;
            }
            report.added += 1;
            b.push_roll_call_unchecked(rc.clone(), other.ballots(i).to_vec());
        }
        *self = b.finish();
        report
    }
}

/// What [`VoteTable::merge`] did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MergeReport {
    /// Roll calls added.
    pub added: usize,
    /// Roll calls skipped because the table already held them.
    pub duplicates: usize,
}

fn normalise_symbol(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_uppercase)
        .collect()
}

/// Collects roll calls and ballots, then sorts and indexes them.
#[derive(Debug, Default)]
pub struct VoteTableBuilder {
    roll_calls: Vec<RollCall>,
    ballots: Vec<Vec<Ballot>>,
    rcids: std::collections::HashSet<u32>,
    index: HashMap<u32, usize>,
}

impl VoteTableBuilder {
    /// Adds a roll call with no ballots yet; `false` if its rcid is already present.
    pub fn add_roll_call(&mut self, rc: RollCall) -> bool {
        if !self.rcids.insert(rc.rcid) {
            return false;
        }
        self.index.insert(rc.rcid, self.roll_calls.len());
        self.roll_calls.push(rc);
        self.ballots.push(Vec::new());
        true
    }

    /// The roll call with this rcid, for attaching issues.
    pub fn roll_call_mut(&mut self, rcid: u32) -> Option<&mut RollCall> {
        let i = *self.index.get(&rcid)?;
        Some(&mut self.roll_calls[i])
    }

    /// Records a ballot. Errors (as a message for the caller to place) when the
    /// roll call is unknown or the country already voted on it.
    pub fn add_ballot(&mut self, rcid: u32, ballot: Ballot) -> Result<(), BallotError> {
        let i = *self.index.get(&rcid).ok_or(BallotError::UnknownRollCall)?;
        let v = &mut self.ballots[i];
        // Ballots of one roll call usually arrive together; checking the whole
        // roll call keeps the duplicate test exact at ~190 ballots each.
        if let Some(prev) = v.iter().find(|b| b.country == ballot.country) {
            return Err(BallotError::Duplicate(prev.vote));
        }
        v.push(ballot);
        Ok(())
    }

    /// The year of each roll call added so far, by rcid.
    pub fn roll_call_years(&self) -> HashMap<u32, i32> {
        self.roll_calls
            .iter()
            .map(|r| (r.rcid, r.date.year))
            .collect()
    }

    fn push_roll_call_unchecked(&mut self, rc: RollCall, ballots: Vec<Ballot>) {
        self.rcids.insert(rc.rcid);
        self.roll_calls.push(rc);
        self.ballots.push(ballots);
    }

    /// Sorts roll calls by (date, rcid) and ballots by country.
    pub fn finish(self) -> VoteTable {
        let mut order: Vec<usize> = (0..self.roll_calls.len()).collect();
        order.sort_by_key(|&i| (self.roll_calls[i].date, self.roll_calls[i].rcid));
        let mut rcs: Vec<Option<RollCall>> = self.roll_calls.into_iter().map(Some).collect();
        let mut bls: Vec<Vec<Ballot>> = self.ballots;
        let mut t = VoteTable {
            roll_calls: Vec::with_capacity(order.len()),
            offsets: Vec::with_capacity(order.len() + 1),
            ballots: Vec::with_capacity(bls.iter().map(Vec::len).sum()),
        };
        t.offsets.push(0);
        for i in order {
            t.roll_calls.push(rcs[i].take().expect("each index once"));
            let mut b = std::mem::take(&mut bls[i]);
            b.sort_unstable_by_key(|b| b.country);
            t.ballots.extend(b);
            t.offsets.push(t.ballots.len() as u32);
        }
        t
    }
}

/// Why a ballot was refused by [`VoteTableBuilder::add_ballot`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BallotError {
    /// No roll call has this rcid.
    UnknownRollCall,
    /// The country already has a ballot on this roll call (its earlier vote).
    Duplicate(Vote),
}

/// The regular session in progress on `date`: sessions open in mid-September, so a
/// date from 15 September on belongs to session `year − 1945`, an earlier one to
/// `year − 1946`. Used only where the source gives no regular session number
/// (emergency special sessions).
pub fn session_of_date(date: Date) -> u16 {
    let y = date.year - 1945;
    let s = if (date.month, date.day) >= (9, 15) {
        y
    } else {
        y - 1
    };
    s.max(1) as u16
}
