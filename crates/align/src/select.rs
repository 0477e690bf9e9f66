//! Which roll calls enter a computation, grouped into periods.

use multipolar_data::{IssueSet, RollCall, VoteTable};

/// The unit of time a dyad's votes are pooled over.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum PeriodUnit {
    /// UN General Assembly session (session 1 = 1946, `year = session + 1945`), the
    /// unit of Voeten's agreement scores and BSV ideal points.
    #[default]
    Session,
    /// Calendar year of the vote date, the unit of peacesciencer-style dyad-years
    /// (stevedata `rok_unga`).
    Year,
}

impl PeriodUnit {
    /// `session` or `year`.
    pub fn as_str(self) -> &'static str {
        match self {
            PeriodUnit::Session => "session",
            PeriodUnit::Year => "year",
        }
    }

    /// The period a roll call belongs to.
    pub fn of(self, rc: &RollCall) -> i32 {
        match self {
            PeriodUnit::Session => i32::from(rc.session),
            PeriodUnit::Year => rc.date.year,
        }
    }

    /// The calendar year a period stands for (`session + 1945` for sessions).
    pub fn year_of(self, period: i32) -> i32 {
        match self {
            PeriodUnit::Session => period + 1945,
            PeriodUnit::Year => period,
        }
    }
}

/// Which roll calls count. The default keeps every recorded vote, as Voeten's
/// agreement scores do (verified in research note §2.8: dropping amendment and
/// paragraph votes breaks the match with the published values).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Selection {
    /// Pooling unit.
    pub unit: PeriodUnit,
    /// First year (inclusive). With sessions, session `from − 1945` onwards.
    pub from: Option<i32>,
    /// Last year (inclusive). With sessions, up to session `to − 1945`.
    pub to: Option<i32>,
    /// Keep only roll calls carrying one of these issues.
    pub issues: Option<IssueSet>,
    /// Keep only votes the US State Department classified as important.
    pub important_only: bool,
    /// Keep votes on amendments and separate paragraphs.
    pub amendments: bool,
    /// Keep unanimous roll calls (every voter cast the same vote). BSV drop them.
    pub unanimous: bool,
}

impl Default for Selection {
    fn default() -> Self {
        Selection {
            unit: PeriodUnit::Session,
            from: None,
            to: None,
            issues: None,
            important_only: false,
            amendments: true,
            unanimous: true,
        }
    }
}

impl Selection {
    /// Whether a roll call passes the filters (the period range included).
    pub fn keeps(&self, table: &VoteTable, i: usize) -> bool {
        let rc = &table.roll_calls()[i];
        let year = self.unit.year_of(self.unit.of(rc));
        if self.from.is_some_and(|f| year < f) || self.to.is_some_and(|t| year > t) {
            return false;
        }
        if self.issues.is_some_and(|is| !rc.issues.intersects(is)) {
            return false;
        }
        if self.important_only && rc.important != Some(true) {
            return false;
        }
        if !self.amendments && (rc.amend == Some(true) || rc.para == Some(true)) {
            return false;
        }
        if !self.unanimous {
            let b = table.ballots(i);
            if b.iter().all(|x| x.vote == b[0].vote) {
                return false;
            }
        }
        true
    }

    /// The kept roll calls grouped by period, periods ascending; roll calls keep the
    /// table's (date, rcid) order.
    pub fn periods(&self, table: &VoteTable) -> Vec<PeriodSet> {
        let mut out: Vec<PeriodSet> = Vec::new();
        let mut idx: Vec<(i32, usize)> = (0..table.roll_calls().len())
            .filter(|&i| self.keeps(table, i))
            .map(|i| (self.unit.of(&table.roll_calls()[i]), i))
            .collect();
        idx.sort_by_key(|&(p, i)| (p, i));
        for (p, i) in idx {
            match out.last_mut() {
                Some(ps) if ps.period == p => ps.roll_calls.push(i),
                _ => out.push(PeriodSet {
                    period: p,
                    roll_calls: vec![i],
                }),
            }
        }
        out
    }

    /// A one-line description of the filters, for output headers.
    pub fn describe(&self) -> String {
        let mut parts = vec![format!("by {}", self.unit.as_str())];
        match (self.from, self.to) {
            (Some(f), Some(t)) => parts.push(format!("{f}–{t}")),
            (Some(f), None) => parts.push(format!("from {f}")),
            (None, Some(t)) => parts.push(format!("to {t}")),
            (None, None) => {}
        }
        if let Some(is) = self.issues {
            let codes: Vec<&str> = is.iter().map(|i| i.code()).collect();
            parts.push(format!("issues {}", codes.join("+")));
        }
        if self.important_only {
            parts.push("important votes only".into());
        }
        parts.push(if self.amendments {
            "amendment/paragraph votes in".into()
        } else {
            "amendment/paragraph votes out".into()
        });
        parts.push(if self.unanimous {
            "unanimous votes in".into()
        } else {
            "unanimous votes out".into()
        });
        parts.join(", ")
    }
}

/// The roll calls (indices into the table) of one period.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PeriodSet {
    /// Session number or calendar year.
    pub period: i32,
    /// Indices into [`VoteTable::roll_calls`].
    pub roll_calls: Vec<usize>,
}
