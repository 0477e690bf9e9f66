//! CAMEO event code → name, Goldstein, quad class and PLOVER type/mode/contexts.
//!
//! Goldstein values are the ICEWS ones (andybega/icews `cameo-codes.csv`, MIT); the
//! quad class follows the GDELT convention (1 verbal cooperation 01–05, 2 material
//! cooperation 06–09, 3 verbal conflict 10–14, 4 material conflict 15–20); PLOVER type,
//! mode and contexts come from `CAMEO2PLOVER-2021.txt` (PLOVER manual draft 0.8,
//! CC BY-SA 4.0, Open Event Data Alliance).

use std::collections::HashMap;

use crate::error::{Error, Result};

/// Which conventions a record's Goldstein and quad class follow (written into output).
pub const CONVENTION: &str = "goldstein=ICEWS (andybega/icews cameo-codes.csv); quad=GDELT 01-05/06-09/10-14/15-20; plover=CAMEO2PLOVER-2021 (PLOVER 0.8)";

/// One CAMEO code's row.
#[derive(Debug, Clone, PartialEq)]
pub struct CameoInfo {
    /// Name (ICEWS wording).
    pub name: String,
    /// Goldstein value (ICEWS).
    pub goldstein: Option<f64>,
    /// PLOVER event type, `None` where PLOVER drops the code (CAMEO 01, 02).
    pub plover_event: Option<String>,
    /// PLOVER mode.
    pub plover_mode: Option<String>,
    /// PLOVER contexts implied by the code.
    pub plover_contexts: Vec<String>,
}

/// The CAMEO code table.
#[derive(Debug, Clone)]
pub struct CameoTable {
    rows: HashMap<String, CameoInfo>,
}

impl CameoTable {
    /// The shipped table.
    pub fn bundled() -> Result<Self> {
        Self::parse(&crate::bundled::gunzip(
            "cameo_table.tsv",
            crate::bundled::CAMEO_TABLE,
        )?)
    }

    /// Parses the TSV (`cameo_code,name,goldstein_icews,plover_event,plover_mode,plover_context`).
    pub fn parse(text: &str) -> Result<Self> {
        let mut rows = HashMap::new();
        for (n, line) in text.lines().enumerate().skip(1) {
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() < 6 {
                return Err(Error::line(
                    "cameo_table.tsv",
                    n + 1,
                    format!("expected 6 fields, found {}", f.len()),
                ));
            }
            let opt = |s: &str| (!s.is_empty() && s != "dropped").then(|| s.to_string());
            rows.insert(
                f[0].to_string(),
                CameoInfo {
                    name: f[1].to_string(),
                    goldstein: f[2].parse().ok(),
                    plover_event: opt(f[3]),
                    plover_mode: opt(f[4]),
                    plover_contexts: f[5]
                        .split([';', ','])
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .map(str::to_string)
                        .collect(),
                },
            );
        }
        Ok(CameoTable { rows })
    }

    /// The row for `code`, falling back to its 3- then 2-digit parent.
    pub fn get(&self, code: &str) -> Option<&CameoInfo> {
        let code = code.trim();
        (2..=code.len())
            .rev()
            .find_map(|k| code.get(..k).and_then(|c| self.rows.get(c)))
    }

    /// GDELT quad class: 1 verbal cooperation (01–05), 2 material cooperation (06–09),
    /// 3 verbal conflict (10–14), 4 material conflict (15–20).
    pub fn quad_class(code: &str) -> Option<u8> {
        let root: u8 = code.get(..2)?.parse().ok()?;
        match root {
            1..=5 => Some(1),
            6..=9 => Some(2),
            10..=14 => Some(3),
            15..=20 => Some(4),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn visit_row_matches_the_published_tables() {
        // derived/cameo_codes_consolidated.tsv row 042: Goldstein 1.9, CONSULT/visit.
        let t = CameoTable::bundled().unwrap();
        let r = t.get("042").unwrap();
        assert_eq!(r.goldstein, Some(1.9));
        assert_eq!(r.plover_event.as_deref(), Some("CONSULT"));
        assert_eq!(r.plover_mode.as_deref(), Some("visit"));
        assert_eq!(CameoTable::quad_class("042"), Some(1));
        assert_eq!(CameoTable::quad_class("190"), Some(4));
        assert_eq!(t.get("0101").unwrap().name, t.get("010").unwrap().name);
    }
}
