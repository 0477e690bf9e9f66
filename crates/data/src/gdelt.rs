//! GDELT's published file lists: which event export files exist, their size and MD5.
//!
//! * GDELT 2.0 (`http://data.gdeltproject.org/gdeltv2/`): `masterfilelist.txt` has
//!   every file since 2015-02-18 and `lastupdate.txt` the newest three, one per line as
//!   `SIZE MD5 URL`; the event exports are `YYYYMMDDHHMMSS.export.CSV.zip`, one per 15
//!   minutes (the `mentions` and `gkg` files beside them are not events).
//! * GDELT 1.0 (`http://data.gdeltproject.org/events/`): `index.html` links every file
//!   with a rounded size and its MD5, `<A HREF="NAME">NAME</A> (6.2MB) (MD5: …)`: daily
//!   `YYYYMMDD.export.CSV.zip` from 2013-04-01, monthly `YYYYMM.zip` 2006–2013-03,
//!   yearly `YYYY.zip` 1979–2005. (Its `md5sums` and `filesizes` lists stopped
//!   growing; the index is what is current.)
//!
//! A file is selected when the days it covers by its name (15 minutes, a day, a month,
//! a year) meet the requested range. A line of an export file in the range that cannot
//! be read is an error naming the list and line; other lines are not looked at.

use std::io::BufRead;
use std::ops::RangeInclusive;

use multipolar_countries::Date;

use crate::error::{DataError, Result};

/// GDELT 2.0's base URL.
pub const GDELT2_BASE: &str = "http://data.gdeltproject.org/gdeltv2/";
/// GDELT 1.0's base URL.
pub const GDELT1_BASE: &str = "http://data.gdeltproject.org/events/";
/// GDELT 2.0's list of every file.
pub const MASTER_LIST: &str = "masterfilelist.txt";
/// GDELT 2.0's list of the newest files.
pub const LAST_UPDATE: &str = "lastupdate.txt";
/// GDELT 1.0's index page.
pub const INDEX: &str = "index.html";

/// One event export file a list publishes.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportFile {
    /// File name (`20250101001500.export.CSV.zip`), fetched from the base URL.
    pub name: String,
    /// Size in bytes: exact in GDELT 2.0's lists, rounded in GDELT 1.0's index.
    pub size: u64,
    /// Whether `size` is exact (and so checked).
    pub size_exact: bool,
    /// Published MD5, lower-case hex.
    pub md5: String,
    /// First and last day the file covers, by its name.
    pub days: (Date, Date),
}

/// The export files of a GDELT 2.0 list (`masterfilelist.txt` or `lastupdate.txt`,
/// named `list` in errors) covering a day of `range`, in list order.
pub fn gdelt2_files(
    list: impl BufRead,
    name: &str,
    range: &RangeInclusive<Date>,
) -> Result<Vec<ExportFile>> {
    let mut out: Vec<(u64, ExportFile)> = Vec::new();
    for (k, line) in list.split(b'\n').enumerate() {
        let line_no = k as u64 + 1;
        let line = line.map_err(|e| DataError::File {
            path: name.to_string(),
            msg: format!("download interrupted: {e}"),
        })?;
        let line = String::from_utf8_lossy(&line);
        let fields: Vec<&str> = line.split_whitespace().collect();
        let Some(url) = fields.last() else { continue };
        let file = url.rsplit('/').next().unwrap_or(url);
        let Some(stamp) = file.strip_suffix(".export.CSV.zip") else {
            continue;
        };
        let bad = |field: &str, msg: String| DataError::Field {
            path: name.to_string(),
            line: line_no,
            field: field.to_string(),
            msg,
        };
        let day = timestamp_day(stamp).ok_or_else(|| {
            bad(
                "URL",
                format!("\"{file}\" is not YYYYMMDDHHMMSS.export.CSV.zip"),
            )
        })?;
        if !range.contains(&day) {
            continue;
        }
        let [size, md5, _] = fields[..] else {
            return Err(DataError::Row {
                path: name.to_string(),
                line: line_no,
                msg: format!("{} fields, expected SIZE MD5 URL", fields.len()),
            });
        };
        let size = size
            .parse::<u64>()
            .map_err(|_| bad("SIZE", format!("not a byte count: \"{size}\"")))?;
        let md5 = parse_md5(md5).ok_or_else(|| bad("MD5", format!("not an MD5: \"{md5}\"")))?;
        push(
            &mut out,
            line_no,
            name,
            ExportFile {
                name: file.to_string(),
                size,
                size_exact: true,
                md5,
                days: (day, day),
            },
        )?;
    }
    Ok(out.into_iter().map(|(_, f)| f).collect())
}

/// The event export files of GDELT 1.0's `index.html` (named `name` in errors)
/// covering a day of `range`, in index order.
pub fn gdelt1_files(
    index: &str,
    name: &str,
    range: &RangeInclusive<Date>,
) -> Result<Vec<ExportFile>> {
    let mut out: Vec<(u64, ExportFile)> = Vec::new();
    let (mut at, mut line_no, mut counted) = (0, 1, 0);
    while let Some(i) = find_ci(&index[at..], "href=\"") {
        let start = at + i + 6;
        let Some(len) = index[start..].find('"') else {
            break;
        };
        let file = &index[start..start + len];
        at = start + len;
        let Some(days) = gdelt1_days(file) else {
            continue;
        };
        if days.1 < *range.start() || days.0 > *range.end() {
            continue;
        }
        line_no += newlines(&index.as_bytes()[counted..start]);
        counted = start;
        let bad = |field: &str, msg: String| DataError::Field {
            path: name.to_string(),
            line: line_no,
            field: field.to_string(),
            msg: format!("{file}: {msg}"),
        };
        // The entry's text runs to the next link: `…</A> (6.2MB) (MD5: …)`.
        let rest = &index[at..];
        let entry = &rest[..find_ci(rest, "href=\"").unwrap_or(rest.len())];
        let md5 = find_ci(entry, "(MD5:")
            .map(|i| entry[i + 5..].trim_start())
            .and_then(|m| m.get(..32))
            .and_then(parse_md5)
            .ok_or_else(|| bad("MD5", "no \"(MD5: …)\" after the link".into()))?;
        let size = entry
            .split(['(', ')'])
            .find_map(parse_rounded_size)
            .ok_or_else(|| bad("size", "no \"(…MB)\" after the link".into()))?;
        push(
            &mut out,
            line_no,
            name,
            ExportFile {
                name: file.to_string(),
                size,
                size_exact: false,
                md5,
                days,
            },
        )?;
    }
    Ok(out.into_iter().map(|(_, f)| f).collect())
}

/// Adds a file unless the list named it before with the same MD5; the same name with
/// another MD5 is an error (which one is current cannot be told).
fn push(out: &mut Vec<(u64, ExportFile)>, line: u64, list: &str, f: ExportFile) -> Result<()> {
    match out.iter().find(|(_, g)| g.name == f.name) {
        Some((_, g)) if g.md5 == f.md5 => Ok(()),
        Some((first, g)) => Err(DataError::Row {
            path: list.to_string(),
            line,
            msg: format!(
                "{} is listed again with MD5 {} (line {first} has {})",
                f.name, f.md5, g.md5
            ),
        }),
        None => {
            out.push((line, f));
            Ok(())
        }
    }
}

/// The day of `YYYYMMDDHHMMSS`.
fn timestamp_day(s: &str) -> Option<Date> {
    if s.len() != 14 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (h, m, sec): (u8, u8, u8) = (
        s[8..10].parse().ok()?,
        s[10..12].parse().ok()?,
        s[12..].parse().ok()?,
    );
    (h < 24 && m < 60 && sec < 60).then_some(())?;
    Date::new(
        s[..4].parse().ok()?,
        s[4..6].parse().ok()?,
        s[6..8].parse().ok()?,
    )
}

/// The days a GDELT 1.0 file covers: `YYYYMMDD.export.CSV.zip` one day, `YYYYMM.zip`
/// a month, `YYYY.zip` a year; `None` for any other name.
fn gdelt1_days(name: &str) -> Option<(Date, Date)> {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if let Some(d) = name.strip_suffix(".export.CSV.zip") {
        if d.len() != 8 || !digits(d) {
            return None;
        }
        let day = Date::new(
            d[..4].parse().ok()?,
            d[4..6].parse().ok()?,
            d[6..].parse().ok()?,
        )?;
        return Some((day, day));
    }
    let d = name.strip_suffix(".zip")?;
    if !digits(d) {
        return None;
    }
    let year: i32 = d[..4.min(d.len())].parse().ok()?;
    match d.len() {
        4 => Some((Date::new(year, 1, 1)?, Date::new(year, 12, 31)?)),
        6 => {
            let month: u8 = d[4..].parse().ok()?;
            let first = Date::new(year, month, 1)?;
            let next = if month == 12 {
                Date::new(year + 1, 1, 1)?
            } else {
                Date::new(year, month + 1, 1)?
            };
            Some((first, Date::from_day_number(next.day_number() - 1)))
        }
        _ => None,
    }
}

/// 32 hex digits, lower-cased.
fn parse_md5(s: &str) -> Option<String> {
    (s.len() == 32 && s.bytes().all(|b| b.is_ascii_hexdigit())).then(|| s.to_ascii_lowercase())
}

/// `6.2MB`, `512KB`, `1.1GB`, `900B` as bytes (decimal units; the index rounds, so
/// the figure only sizes the progress bar).
fn parse_rounded_size(s: &str) -> Option<u64> {
    let s = s.trim();
    let (num, unit) = s.split_at(s.find(|c: char| c.is_ascii_alphabetic())?);
    let scale = match unit.to_ascii_uppercase().as_str() {
        "B" => 1.0,
        "KB" => 1e3,
        "MB" => 1e6,
        "GB" => 1e9,
        _ => return None,
    };
    let v: f64 = num.trim().parse().ok()?;
    (v >= 0.0).then(|| (v * scale).round() as u64)
}

/// Line breaks in `b`.
fn newlines(b: &[u8]) -> u64 {
    b.iter().filter(|&&c| c == b'\n').count() as u64
}

/// Byte offset of `needle` (ASCII) in `hay`, ignoring ASCII case.
fn find_ci(hay: &str, needle: &str) -> Option<usize> {
    hay.as_bytes()
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u8, d: u8) -> Date {
        Date::new(y, m, d).unwrap()
    }

    /// The first lines of the real masterfilelist (as gdeltPyR's notebook printed
    /// them), and lastupdate.txt's form.
    #[test]
    fn gdelt2_list_keeps_export_files_in_range() {
        let list = "150383 297a16b493de7cf6ca809a7cc31d0b93 http://data.gdeltproject.org/gdeltv2/20150218230000.export.CSV.zip\n\
318084 bb27f78ba45f69a17ea6ed7755e9f8ff http://data.gdeltproject.org/gdeltv2/20150218230000.mentions.CSV.zip\n\
10768507 ea8dde0beb0ba98810a92db068c0ce99 http://data.gdeltproject.org/gdeltv2/20150218230000.gkg.csv.zip\n\
149211 2a91041d7e72b0fc6a629e2ff867b240 http://data.gdeltproject.org/gdeltv2/20150218231500.export.CSV.zip\n\
\n\
158842 a5298ce3c6df1a8a759c61b5c0b6f8bb http://data.gdeltproject.org/gdeltv2/20150219000000.export.CSV.zip\n";
        let all = gdelt2_files(
            list.as_bytes(),
            "masterfilelist.txt",
            &(day(2015, 1, 1)..=day(2015, 12, 31)),
        )
        .unwrap();
        assert_eq!(all.len(), 3);
        assert_eq!(
            all[1],
            ExportFile {
                name: "20150218231500.export.CSV.zip".into(),
                size: 149211,
                size_exact: true,
                md5: "2a91041d7e72b0fc6a629e2ff867b240".into(),
                days: (day(2015, 2, 18), day(2015, 2, 18)),
            }
        );
        let one_day =
            gdelt2_files(list.as_bytes(), "m", &(day(2015, 2, 19)..=day(2015, 2, 19))).unwrap();
        assert_eq!(one_day.len(), 1);
        assert_eq!(one_day[0].name, "20150219000000.export.CSV.zip");
    }

    #[test]
    fn gdelt2_bad_lines_in_range_name_line_and_field() {
        let r = day(2015, 1, 1)..=day(2015, 12, 31);
        let e = gdelt2_files(
            &b"x 297a16b493de7cf6ca809a7cc31d0b93 http://h/20150218230000.export.CSV.zip\n"[..],
            "m.txt",
            &r,
        )
        .unwrap_err();
        assert_eq!(
            e.to_string(),
            "m.txt:1: field \"SIZE\": not a byte count: \"x\""
        );
        let e = gdelt2_files(&b"1 2 http://h/a\n5 297a16b493de7cf6ca809a7cc31d0b9 http://h/20150218230000.export.CSV.zip\n"[..], "m.txt", &r).unwrap_err();
        assert_eq!(
            e.to_string(),
            "m.txt:2: field \"MD5\": not an MD5: \"297a16b493de7cf6ca809a7cc31d0b9\""
        );
        let e = gdelt2_files(
            &b"297a16b493de7cf6ca809a7cc31d0b93 http://h/20150218230000.export.CSV.zip\n"[..],
            "m.txt",
            &r,
        )
        .unwrap_err();
        assert_eq!(e.to_string(), "m.txt:1: 2 fields, expected SIZE MD5 URL");
        let e = gdelt2_files(
            &b"1 297a16b493de7cf6ca809a7cc31d0b93 http://h/2015021823.export.CSV.zip\n"[..],
            "m.txt",
            &r,
        )
        .unwrap_err();
        assert!(e.to_string().starts_with("m.txt:1: field \"URL\""), "{e}");
        // Out of range: not looked at.
        let r = day(2016, 1, 1)..=day(2016, 1, 1);
        assert!(
            gdelt2_files(
                &b"x y http://h/20150218230000.export.CSV.zip\n"[..],
                "m.txt",
                &r
            )
            .unwrap()
            .is_empty()
        );
        // Listed twice: the same MD5 is one file, another is an error.
        let r = day(2015, 1, 1)..=day(2015, 12, 31);
        let twice = "1 297a16b493de7cf6ca809a7cc31d0b93 http://h/20150218230000.export.CSV.zip\n";
        assert_eq!(
            gdelt2_files(format!("{twice}{twice}").as_bytes(), "m", &r)
                .unwrap()
                .len(),
            1
        );
        let other = twice.replace("297a", "397a");
        let e = gdelt2_files(format!("{twice}{other}").as_bytes(), "m", &r).unwrap_err();
        assert!(
            e.to_string()
                .contains("m:2: 20150218230000.export.CSV.zip is listed again"),
            "{e}"
        );
    }

    /// The index layout as GDELT serves it (one `<LI>` per file, daily, monthly and
    /// yearly names).
    #[test]
    fn gdelt1_index_by_covered_days() {
        let index = "<HTML><BODY><UL>\n\
<LI><A HREF=\"md5sums\">md5sums</A>\n\
<LI><A HREF=\"20260922.export.CSV.zip\">20260922.export.CSV.zip</A> (6.3MB) (MD5: 0E96D4E07BA98CCE4287B243FBED14C3)\n\
<LI><A HREF=\"20260921.export.CSV.zip\">20260921.export.CSV.zip</A> (6.2MB) (MD5: 9e96d4e07ba98cce4287b243fbed14c3)\n\
<LI><A HREF=\"201302.zip\">201302.zip</A> (86.1MB) (MD5: 1e96d4e07ba98cce4287b243fbed14c3)\n\
<LI><A HREF=\"2005.zip\">2005.zip</A> (120MB) (MD5: 2e96d4e07ba98cce4287b243fbed14c3)\n\
</UL></BODY></HTML>\n";
        let got = |a: Date, b: Date| -> Vec<String> {
            gdelt1_files(index, "index.html", &(a..=b))
                .unwrap()
                .into_iter()
                .map(|f| f.name)
                .collect()
        };
        assert_eq!(
            got(day(2026, 9, 21), day(2026, 9, 21)),
            ["20260921.export.CSV.zip"]
        );
        assert_eq!(
            got(day(2013, 2, 28), day(2026, 9, 21)),
            ["20260921.export.CSV.zip", "201302.zip"]
        );
        assert_eq!(
            got(day(2005, 12, 31), day(2013, 2, 1)),
            ["201302.zip", "2005.zip"]
        );
        let f = gdelt1_files(index, "index.html", &(day(2026, 9, 22)..=day(2026, 9, 22))).unwrap();
        assert_eq!((f[0].size, f[0].size_exact), (6_300_000, false));
        assert_eq!(f[0].md5, "0e96d4e07ba98cce4287b243fbed14c3");
        let f = gdelt1_files(index, "index.html", &(day(2013, 2, 1)..=day(2013, 2, 1))).unwrap();
        assert_eq!(f[0].days, (day(2013, 2, 1), day(2013, 2, 28)));

        // Size and MD5 may follow on the next line.
        let wrapped = "<LI><A HREF=\"20260921.export.CSV.zip\">20260921.export.CSV.zip</A>\n    (6.2MB) (MD5: 9e96d4e07ba98cce4287b243fbed14c3)\n";
        let f = gdelt1_files(wrapped, "i", &(day(2026, 9, 21)..=day(2026, 9, 21))).unwrap();
        assert_eq!(f[0].md5, "9e96d4e07ba98cce4287b243fbed14c3");
        let bad = "<LI><A HREF=\"20260921.export.CSV.zip\">20260921.export.CSV.zip</A> (6.2MB)\n";
        let e =
            gdelt1_files(bad, "index.html", &(day(2026, 1, 1)..=day(2026, 12, 31))).unwrap_err();
        assert_eq!(
            e.to_string(),
            "index.html:1: field \"MD5\": 20260921.export.CSV.zip: no \"(MD5: …)\" after the link"
        );
    }

    #[test]
    fn rounded_sizes() {
        assert_eq!(parse_rounded_size("6.2MB"), Some(6_200_000));
        assert_eq!(parse_rounded_size("512KB"), Some(512_000));
        assert_eq!(parse_rounded_size("MD5: x"), None);
        assert_eq!(parse_rounded_size("1.1GB"), Some(1_100_000_000));
    }
}
