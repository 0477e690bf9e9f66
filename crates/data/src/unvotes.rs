//! Reader for the Voeten UN votes in the `unvotes` layout (the bundled data).

use std::collections::HashMap;

use multipolar_countries::{CountryId, Registry};

use crate::csvsrc::{Source, Table};
use crate::error::Result;
use crate::votes::{
    Ballot, BallotError, Issue, Origin, RollCall, Vote, VoteTable, VoteTableBuilder,
};

/// Reads and validates the three `unvotes` tables into one [`VoteTable`].
///
/// Every row is checked: integer `rcid`s unique among roll calls, sessions 1–200,
/// valid dates, 0/1 flags, `yes`/`abstain`/`no` votes, known issue codes, roll calls
/// that exist, countries the registry resolves at the vote's date, and no country
/// voting twice on a roll call. The first problem is returned with file, line and
/// field; nothing partial is returned.
pub fn read_unvotes(
    votes: Source<'_>,
    roll_calls: Source<'_>,
    issues: Source<'_>,
) -> Result<VoteTable> {
    let mut b = VoteTableBuilder::default();
    read_roll_calls(roll_calls, &mut b)?;
    read_issues(issues, &mut b)?;
    read_votes(votes, &mut b)?;
    Ok(b.finish())
}

/// Loads the bundled 1946–2020 data shipped in `multipolar-datasets`.
pub fn bundled() -> Result<VoteTable> {
    use multipolar_datasets as ds;
    let src = |b: ds::Bundled| Source::from_bytes(format!("bundled:{}", b.name), b.bytes);
    read_unvotes(
        src(ds::UNGA_VOTES),
        src(ds::UNGA_ROLL_CALLS),
        src(ds::UNGA_ISSUES),
    )
}

fn read_roll_calls(src: Source<'_>, b: &mut VoteTableBuilder) -> Result<()> {
    const COLS: [&str; 9] = [
        "rcid",
        "session",
        "importantvote",
        "date",
        "unres",
        "amend",
        "para",
        "short",
        "descr",
    ];
    let mut t = Table::new(src, &COLS)?;
    while t.next_row()? {
        let rcid: u32 = t.int(0)?;
        let session: u16 = t.int(1)?;
        if !(1..=200).contains(&session) {
            return Err(t.field_error(1, format!("session {session} is outside 1–200")));
        }
        let rc = RollCall {
            rcid,
            session,
            session_label: None,
            important: t.flag(2)?,
            date: t.date(3)?,
            resolution: t.get(4).trim().to_string(),
            amend: t.flag(5)?,
            para: t.flag(6)?,
            short: t.get(7).trim().to_string(),
            descr: t.get(8).trim().to_string(),
            issues: Default::default(),
            origin: Origin::Unvotes,
        };
        if !b.add_roll_call(rc) {
            return Err(t.field_error(0, format!("duplicate roll call {rcid}")));
        }
    }
    Ok(())
}

fn read_issues(src: Source<'_>, b: &mut VoteTableBuilder) -> Result<()> {
    let mut t = Table::new(src, &["rcid", "short_name"])?;
    while t.next_row()? {
        let rcid: u32 = t.int(0)?;
        let code = t.get(1).trim();
        let issue = Issue::parse(code)
            .filter(|i| i.code() == code)
            .ok_or_else(|| {
                t.field_error(
                    1,
                    format!("unknown issue code \"{code}\" (expected me, nu, di, hr, co or ec)"),
                )
            })?;
        let rc = b.roll_call_mut(rcid).ok_or_else(|| {
            t.field_error(0, format!("roll call {rcid} is not in the roll-call table"))
        })?;
        rc.issues.insert(issue);
    }
    Ok(())
}

fn read_votes(src: Source<'_>, b: &mut VoteTableBuilder) -> Result<()> {
    let reg = Registry::global();
    let mut t = Table::new(src, &["rcid", "country", "country_code", "vote"])?;
    // (code, name, year) → country; ~200 countries × 75 years, resolved once each.
    let mut cache: HashMap<(String, String, i32), CountryId> = HashMap::new();
    let years: HashMap<u32, i32> = b.roll_call_years();
    while t.next_row()? {
        let rcid: u32 = t.int(0)?;
        let year = *years.get(&rcid).ok_or_else(|| {
            t.field_error(0, format!("roll call {rcid} is not in the roll-call table"))
        })?;
        let vote = match t.get(3).trim() {
            "yes" => Vote::Yes,
            "abstain" => Vote::Abstain,
            "no" => Vote::No,
            v => {
                return Err(t.field_error(
                    3,
                    format!(
                        "unknown vote \"{v}\" (expected yes, abstain or no; absences have no row)"
                    ),
                ));
            }
        };
        let code = t.get(2).trim();
        let name = t.get(1).trim();
        let key = (code.to_string(), name.to_string(), year);
        let country = match cache.get(&key) {
            Some(c) => *c,
            None => {
                let c = if code.is_empty() {
                    reg.by_name(name, Some(year)).ok_or_else(|| {
                        t.field_error(1, format!("unknown country \"{name}\" in {year}"))
                    })?
                } else {
                    reg.by_iso2(code, Some(year)).ok_or_else(|| {
                        t.field_error(
                            2,
                            format!("unknown ISO2 country code \"{code}\" ({name}) in {year}"),
                        )
                    })?
                };
                cache.insert(key, c);
                c
            }
        };
        match b.add_ballot(rcid, Ballot { country, vote }) {
            Ok(()) => {}
            Err(BallotError::Duplicate(prev)) => {
                return Err(t.row_error(format!(
                    "duplicate vote: {name} already voted \"{}\" on roll call {rcid}",
                    prev.as_str()
                )));
            }
            Err(BallotError::UnknownRollCall) => {
                return Err(
                    t.field_error(0, format!("roll call {rcid} is not in the roll-call table"))
                );
            }
        }
    }
    Ok(())
}
