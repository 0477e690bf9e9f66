//! Designations: a code or name that a country carried in one system over one period.

use std::fmt;

use crate::date::Date;

/// A naming or coding system.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum System {
    /// Correlates of War numeric state code (`ccode`).
    Cow,
    /// Correlates of War letter code (`stateabb`).
    CowAbb,
    /// Gleditsch–Ward numeric code.
    Gw,
    /// Gleditsch–Ward letter code.
    GwAbb,
    /// ISO 3166-1 alpha-2 (including former codes from ISO 3166-3 and user-assigned `XK`).
    Iso2,
    /// ISO 3166-1 alpha-3 (including former codes from ISO 3166-3 and user-assigned `XKX`).
    Iso3,
    /// UN M49 / ISO 3166-1 numeric.
    M49,
    /// Display name (the name shown for the period).
    Name,
    /// Another accepted name (variant, formal or historical name).
    Alias,
}

impl System {
    /// The query prefix for this system (`"cow"`, `"cowc"`, `"gw"`, `"gwc"`, `"iso2"`, `"iso3"`,
    /// `"m49"`, `"name"`, `"alias"`).
    pub fn prefix(self) -> &'static str {
        match self {
            System::Cow => "cow",
            System::CowAbb => "cowc",
            System::Gw => "gw",
            System::GwAbb => "gwc",
            System::Iso2 => "iso2",
            System::Iso3 => "iso3",
            System::M49 => "m49",
            System::Name => "name",
            System::Alias => "alias",
        }
    }

    pub(crate) fn from_prefix(p: &str) -> Option<System> {
        Some(match p {
            "cow" => System::Cow,
            "cowc" => System::CowAbb,
            "gw" => System::Gw,
            "gwc" => System::GwAbb,
            "iso2" => System::Iso2,
            "iso3" => System::Iso3,
            "m49" | "un" => System::M49,
            "name" => System::Name,
            "alias" => System::Alias,
            _ => return None,
        })
    }

    /// Whether this system holds names (matched after normalisation) rather than codes.
    pub fn is_name(self) -> bool {
        matches!(self, System::Name | System::Alias)
    }

    /// Whether this system's codes are numbers.
    pub fn is_numeric(self) -> bool {
        matches!(self, System::Cow | System::Gw | System::M49)
    }
}

impl fmt::Display for System {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.prefix())
    }
}

/// One code or name of a country in one system, valid from `from` to `to` inclusive
/// (`None` = unbounded on that side; an open `to` means "still in use").
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Designation {
    /// The system.
    pub system: System,
    /// The code (numbers without leading zeros) or name, as in the source.
    pub value: String,
    /// First day of validity, `None` if unbounded.
    pub from: Option<Date>,
    /// Last day of validity, `None` if still valid.
    pub to: Option<Date>,
}

impl Designation {
    /// Whether the designation is valid on `date`.
    pub fn contains(&self, date: Date) -> bool {
        self.from.is_none_or(|f| f <= date) && self.to.is_none_or(|t| date <= t)
    }

    /// Whether the designation is still in use (open end).
    pub fn is_current(&self) -> bool {
        self.to.is_none()
    }

    pub(crate) fn span(&self) -> Span {
        Span {
            from: self.from.map_or(i64::MIN, Date::day_number),
            to: self.to.map_or(i64::MAX, Date::day_number),
        }
    }
}

impl fmt::Display for Designation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.system, self.value)?;
        match (self.from, self.to) {
            (None, None) => Ok(()),
            (Some(a), None) => write!(f, " ({a}–)"),
            (None, Some(b)) => write!(f, " (–{b})"),
            (Some(a), Some(b)) => write!(f, " ({a}–{b})"),
        }
    }
}

/// Inclusive span of day numbers (unbounded = `i64::MIN` / `i64::MAX`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Span {
    pub from: i64,
    pub to: i64,
}

impl Span {
    pub fn year(year: i32) -> Span {
        Span {
            from: Date::first_of(year).day_number(),
            to: Date::last_of(year).day_number(),
        }
    }

    pub fn day(date: Date) -> Span {
        let d = date.day_number();
        Span { from: d, to: d }
    }

    /// Number of days shared with `other` (0 if disjoint).
    pub fn overlap(self, other: Span) -> i64 {
        let lo = self.from.max(other.from);
        let hi = self.to.min(other.to);
        if hi < lo {
            0
        } else {
            hi.saturating_sub(lo).saturating_add(1)
        }
    }

    /// Days between the two spans (0 if they overlap).
    pub fn gap(self, other: Span) -> i64 {
        if self.to < other.from {
            other.from.saturating_sub(self.to)
        } else if other.to < self.from {
            self.from.saturating_sub(other.to)
        } else {
            0
        }
    }
}

/// The time a lookup is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum At {
    /// No time given: what is in use now, else the latest.
    Now,
    /// Any part of a calendar year; ties broken by the larger share of the year.
    Year(i32),
    /// One day.
    Day(Date),
}

impl At {
    pub fn from_year(year: Option<i32>) -> At {
        year.map_or(At::Now, At::Year)
    }

    pub fn year(self) -> Option<i32> {
        match self {
            At::Now => None,
            At::Year(y) => Some(y),
            At::Day(d) => Some(d.year),
        }
    }

    pub fn span(self) -> Option<Span> {
        match self {
            At::Now => None,
            At::Year(y) => Some(Span::year(y)),
            At::Day(d) => Some(Span::day(d)),
        }
    }
}
