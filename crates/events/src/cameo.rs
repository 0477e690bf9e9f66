//! The CAMEO event-code table: Goldstein, quad class and PLOVER mapping per code.
//!
//! Shipped as `data/cameo_codes_consolidated.tsv` (312 codes; see `data/PROVENANCE.md`).
//! Quad classes follow GDELT's rule (01–05 / 06–09 / 10–14 / 15–20), which is what real
//! GDELT files carry; Goldstein values are GDELT's for GDELT and ICEWS's for ICEWS (the
//! two differ on 8 codes). PLOVER event types and modes are CAMEO2PLOVER-2021.

use std::collections::HashMap;
use std::sync::OnceLock;

const TABLE: &str = include_str!("../data/cameo_codes_consolidated.tsv");

/// What the table says about one CAMEO code.
#[derive(Clone, Debug, PartialEq)]
pub struct CameoCode {
    /// The code (`042`).
    pub code: &'static str,
    /// Root code, 1–20.
    pub root: u8,
    /// Quad class by GDELT's rule, 1–4.
    pub quad: u8,
    /// GDELT's Goldstein score (ICEWS's for `1213`, which GDELT's table lacks).
    pub goldstein_gdelt: f64,
    /// ICEWS's Goldstein score.
    pub goldstein_icews: f64,
    /// PLOVER event type; `None` where PLOVER drops the code (roots 01, 02).
    pub plover_event: Option<&'static str>,
    /// PLOVER mode, if any.
    pub plover_mode: Option<&'static str>,
    /// PLOVER contexts (`diplomatic`, `military`, `economic`, …).
    pub plover_contexts: Vec<&'static str>,
}

/// The code's entry, or `None` for a code CAMEO does not have.
pub fn lookup(code: &str) -> Option<&'static CameoCode> {
    table().get(code)
}

fn table() -> &'static HashMap<&'static str, CameoCode> {
    static T: OnceLock<HashMap<&'static str, CameoCode>> = OnceLock::new();
    T.get_or_init(|| {
        let nonempty = |s: &'static str| (!s.is_empty()).then_some(s);
        TABLE
            .lines()
            .skip(1)
            .filter(|l| !l.is_empty())
            .map(|l| {
                let f: Vec<&'static str> = l.split('\t').collect();
                let num = |i: usize| f[i].parse::<f64>().ok();
                let code = CameoCode {
                    code: f[0],
                    root: f[2].parse().expect("bundled root code"),
                    quad: f[9].parse().expect("bundled quad class"),
                    goldstein_gdelt: num(6).or(num(7)).expect("bundled Goldstein"),
                    goldstein_icews: num(7).expect("bundled Goldstein"),
                    plover_event: nonempty(f[12]).filter(|e| *e != "dropped"),
                    plover_mode: nonempty(f[13]),
                    plover_contexts: f[14]
                        .split(';')
                        .map(str::trim)
                        .filter(|c| !c.is_empty())
                        .collect(),
                };
                (f[0], code)
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_covers_cameo_and_follows_gdelt_quads() {
        assert_eq!(table().len(), 312);
        let visit = lookup("042").unwrap();
        assert_eq!((visit.root, visit.quad, visit.goldstein_gdelt), (4, 1, 1.9));
        assert_eq!(visit.plover_event, Some("CONSULT"));
        // Roots 09 and 14 are the codes where the quad conventions differ.
        assert_eq!(lookup("09").unwrap().quad, 2);
        assert_eq!(lookup("14").unwrap().quad, 3);
        assert_eq!(lookup("010").unwrap().plover_event, None);
        assert!(lookup("999").is_none());
    }
}
