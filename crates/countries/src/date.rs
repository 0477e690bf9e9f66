//! A small calendar date and membership spells.

use std::fmt;
use std::str::FromStr;

/// A proleptic-Gregorian calendar date, ordered chronologically; shown as `YYYY-MM-DD`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date {
    /// Year (e.g. 1990).
    pub year: i32,
    /// Month, 1–12.
    pub month: u8,
    /// Day of month, 1–31.
    pub day: u8,
}

impl Date {
    /// The date `year-month-day`, or `None` if no such day exists.
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        let ok = (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month);
        ok.then_some(Date { year, month, day })
    }

    /// 1 January of `year`.
    pub const fn first_of(year: i32) -> Date {
        Date {
            year,
            month: 1,
            day: 1,
        }
    }

    /// 31 December of `year`.
    pub const fn last_of(year: i32) -> Date {
        Date {
            year,
            month: 12,
            day: 31,
        }
    }

    /// Days since 1970-01-01 (negative before).
    pub fn day_number(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `n` days after 1970-01-01: the inverse of [`Date::day_number`].
    pub fn from_day_number(n: i64) -> Date {
        // Howard Hinnant's civil_from_days.
        let z = n + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = doy - (153 * mp + 2) / 5 + 1;
        let m = if mp < 10 { mp + 3 } else { mp - 9 };
        Date {
            year: (yoe + era * 400 + i64::from(m <= 2)) as i32,
            month: m as u8,
            day: d as u8,
        }
    }
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Error from parsing a [`Date`].
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("invalid date \"{0}\": expected YYYY-MM-DD, e.g. 1990-10-03")]
pub struct ParseDateError(pub String);

impl FromStr for Date {
    type Err = ParseDateError;

    /// Parses `YYYY-MM-DD` (one-digit month and day are accepted).
    fn from_str(s: &str) -> Result<Date, ParseDateError> {
        let err = || ParseDateError(s.to_string());
        let mut parts = s.trim().splitn(3, '-');
        let (y, m, d) = (parts.next(), parts.next(), parts.next());
        let (Some(y), Some(m), Some(d)) = (y, m, d) else {
            return Err(err());
        };
        let digits = |p: &str, max: usize| {
            !p.is_empty() && p.len() <= max && p.bytes().all(|b| b.is_ascii_digit())
        };
        if !digits(y, 4) || !digits(m, 2) || !digits(d, 2) {
            return Err(err());
        }
        let (y, m, d) = (
            y.parse().map_err(|_| err())?,
            m.parse().map_err(|_| err())?,
            d.parse().map_err(|_| err())?,
        );
        Date::new(y, m, d).ok_or_else(err)
    }
}

/// A membership spell: from `start` to `end` inclusive; `end == None` means still a member at the
/// end of the data (COW's 2016-12-31 and Gleditsch–Ward's 2017-12-31 mean "to date").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Spell {
    /// First day.
    pub start: Date,
    /// Last day, `None` if open.
    pub end: Option<Date>,
}

impl Spell {
    /// Whether `date` falls in the spell.
    pub fn contains(&self, date: Date) -> bool {
        self.start <= date && self.end.is_none_or(|e| date <= e)
    }
}

impl fmt::Display for Spell {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.end {
            Some(e) => write!(f, "{}–{}", self.start, e),
            None => write!(f, "{}–", self.start),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_display_roundtrip() {
        let d: Date = "1990-10-03".parse().unwrap();
        assert_eq!(
            d,
            Date {
                year: 1990,
                month: 10,
                day: 3
            }
        );
        assert_eq!(d.to_string(), "1990-10-03");
        assert_eq!("1816-1-1".parse::<Date>().unwrap(), Date::first_of(1816));
        for bad in [
            "",
            "1990",
            "1990-13-01",
            "1990-02-30",
            "1990-1-1x",
            "x-1-1",
            "1990-10-03-01",
        ] {
            assert!(bad.parse::<Date>().is_err(), "{bad}");
        }
        assert!("2000-02-29".parse::<Date>().is_ok());
        assert!("1900-02-29".parse::<Date>().is_err());
    }

    #[test]
    fn day_numbers() {
        assert_eq!(Date::first_of(1970).day_number(), 0);
        assert_eq!(Date::new(2000, 3, 1).unwrap().day_number(), 11_017);
        assert_eq!(Date::last_of(1969).day_number(), -1);
        let a = Date::new(1990, 10, 3).unwrap().day_number();
        assert_eq!(a - Date::first_of(1990).day_number(), 275);
    }

    #[test]
    fn spells() {
        let s = Spell {
            start: Date::first_of(1990),
            end: Some(Date::last_of(1990)),
        };
        assert!(s.contains(Date::new(1990, 6, 1).unwrap()));
        assert!(!s.contains(Date::first_of(1991)));
        let open = Spell {
            start: Date::first_of(1990),
            end: None,
        };
        assert!(open.contains(Date::first_of(3000)));
    }
}
