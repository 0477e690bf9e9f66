//! Reader for the UN Digital Library's bulk CSV of General Assembly votes.
//!
//! The Dag Hammarskjöld Library publishes every recorded General Assembly vote as one
//! CSV (record 4060887), one row per member state and resolution, with columns
//! `undl_id, ms_code, ms_name, ms_vote, date, session, resolution, draft,
//! committee_report, meeting, title, agenda_title, subjects, [vote_note], total_yes,
//! total_no, total_abstentions, total_non_voting, total_ms, undl_link` (the 2026
//! layout adds `vote_note`; columns are found by name, so both layouts read).
//! `ms_code` is ISO3; `ms_vote` is `Y`, `N`, `A`, or `X`/empty for a state that did not
//! vote (no ballot is recorded for it). Sessions may be emergency special sessions
//! (`ES-10`), which are assigned the regular session in progress on their date.

use std::collections::HashMap;

use multipolar_countries::{CountryId, Date, Registry};

use crate::csvsrc::{Source, Table};
use crate::error::Result;
use crate::votes::{
    Ballot, BallotError, Origin, RollCall, Vote, VoteTable, VoteTableBuilder, session_of_date,
};

/// Added to a UN Digital Library record id to form its `rcid`, keeping it clear of
/// Voeten's roll-call ids (all below this offset).
pub const RCID_OFFSET: u32 = 1_000_000;

const COLS: [&str; 8] = [
    "undl_id",
    "ms_code",
    "ms_name",
    "ms_vote",
    "date",
    "session",
    "resolution",
    "title",
];

/// Reads and validates a UN Digital Library voting CSV.
///
/// Checks every row: numeric `undl_id`, a known ISO3 `ms_code` at the vote's date, a
/// vote code in Y/N/A/X (or empty), a date, a session (`74` or `ES-10`), the same
/// date, session and resolution on every row of a roll call, and no state voting twice
/// on one roll call. The first problem is returned with file, line and field.
pub fn read_undl(src: Source<'_>) -> Result<VoteTable> {
    let reg = Registry::global();
    let mut t = Table::new(src, &COLS)?;
    let mut b = VoteTableBuilder::default();
    let mut seen: HashMap<u32, (Date, String, String)> = HashMap::new();
    let mut cache: HashMap<(String, i32), CountryId> = HashMap::new();
    while t.next_row()? {
        let id: u32 = t.int(0)?;
        let rcid = id
            .checked_add(RCID_OFFSET)
            .ok_or_else(|| t.field_error(0, format!("record id {id} is too large")))?;
        let date = t.date(4)?;
        let session_raw = t.get(5).trim().to_string();
        let resolution = t.get(6).trim().to_string();
        let (session, label) = parse_session(&session_raw, date).ok_or_else(|| {
            t.field_error(
                5,
                format!("expected a session number or ES-n, found \"{session_raw}\""),
            )
        })?;
        match seen.get(&id) {
            Some((d, s, r)) => {
                if *d != date {
                    return Err(t.field_error(
                        4,
                        format!("roll call {id} was dated {d} on an earlier row, here {date}"),
                    ));
                }
                if *s != session_raw {
                    return Err(t.field_error(5, format!("roll call {id} had session \"{s}\" on an earlier row, here \"{session_raw}\"")));
                }
                if *r != resolution {
                    return Err(t.field_error(6, format!("roll call {id} had resolution \"{r}\" on an earlier row, here \"{resolution}\"")));
                }
            }
            None => {
                seen.insert(id, (date, session_raw.clone(), resolution.clone()));
                b.add_roll_call(RollCall {
                    rcid,
                    session,
                    session_label: label,
                    date,
                    resolution: resolution.clone(),
                    amend: None,
                    para: None,
                    important: None,
                    short: t.get(7).trim().to_string(),
                    descr: String::new(),
                    issues: Default::default(),
                    origin: Origin::Undl,
                });
            }
        }
        let vote = match t.get(3).trim() {
            "Y" => Vote::Yes,
            "N" => Vote::No,
            "A" => Vote::Abstain,
            "X" | "" => continue,
            v => {
                return Err(t.field_error(
                    3,
                    format!("unknown vote code \"{v}\" (expected Y, N, A, or X for non-voting)"),
                ));
            }
        };
        let code = t.get(1).trim();
        let key = (code.to_string(), date.year);
        let country = match cache.get(&key) {
            Some(c) => *c,
            None => {
                let c = reg.by_iso3(code, Some(date.year)).ok_or_else(|| {
                    t.field_error(
                        1,
                        format!(
                            "unknown ISO3 country code \"{code}\" ({}) in {}",
                            t.get(2).trim(),
                            date.year
                        ),
                    )
                })?;
                cache.insert(key, c);
                c
            }
        };
        match b.add_ballot(rcid, Ballot { country, vote }) {
            Ok(()) => {}
            Err(BallotError::Duplicate(prev)) => {
                return Err(t.row_error(format!(
                    "duplicate vote: {code} already voted \"{}\" on roll call {id}",
                    prev.as_str()
                )));
            }
            Err(BallotError::UnknownRollCall) => unreachable!("roll call added above"),
        }
    }
    if seen.is_empty() {
        return Err(crate::DataError::File {
            path: t.name.clone(),
            msg: "no votes: the file has a header but no rows".into(),
        });
    }
    Ok(b.finish())
}

fn parse_session(s: &str, date: Date) -> Option<(u16, Option<String>)> {
    if let Ok(n) = s.parse::<u16>() {
        return (1..=200).contains(&n).then_some((n, None));
    }
    let rest = s.strip_prefix("ES-").or_else(|| s.strip_prefix("ES"))?;
    rest.trim().parse::<u16>().ok()?;
    Some((session_of_date(date), Some(s.to_string())))
}
