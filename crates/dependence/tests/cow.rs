//! COW trade, IGO and GDP: a trade matrix worked out by hand, shares reconciling on
//! the real data, and bad inputs with their exact errors.

use std::collections::HashMap;

use multipolar_data::csvsrc::Source;
use multipolar_dependence::cow::{self, GdpPop};
use multipolar_dependence::igo::igo_dependence;
use multipolar_dependence::trade::trade_dependence;

const TOL: f64 = 1e-12;

fn src(text: &str) -> Source<'_> {
    Source::from_bytes("trade.csv", text.as_bytes())
}

const HEADER: &str = "ccode1,ccode2,year,flow1,flow2,smoothflow1,smoothflow2\n";

// States 2 (A), 20 (B), 200 (C) in 2000: T_AB = 10 + 20 = 30, T_AC = 10, T_BC = 60;
// GDP_A = 100, GDP_B = 600 (the matrix of crates/measures/tests/dependence.rs):
// s_AB = .75, s_BA = 1/3, salience .5, symmetry 7/12, T/GDP_A = .3, T/GDP_B = .05;
// HHI_A = .625, HHI_B = 5/9, HHI_C = 37/49; C's top partner B (6/7).
// 2 – 200 in 2001 has one flow missing: no T, counted as partial.
#[test]
fn three_state_matrix_by_hand() {
    let text = format!(
        "{HEADER}2,20,2000,10,20,,\n2,200,2000,4,6,,\n20,200,2000,60,0,,\n2,200,2001,5,,,\n"
    );
    let dyads = cow::read_trade_dyads(src(&text)).unwrap();
    let gdp = [
        GdpPop {
            ccode: 2,
            year: 2000,
            gdp: Some(100.0),
            pop: None,
        },
        GdpPop {
            ccode: 20,
            year: 2000,
            gdp: Some(600.0),
            pop: None,
        },
    ];
    let d = trade_dependence(&dyads, &gdp);
    assert_eq!(d.partial, 1);
    let ab = d
        .dyads
        .iter()
        .find(|r| (r.ccode1, r.ccode2, r.year) == (2, 20, 2000))
        .unwrap();
    assert_eq!(ab.trade, Some(30.0));
    assert_eq!(ab.share1, Some(0.75));
    assert!((ab.share2.unwrap() - 1.0 / 3.0).abs() < TOL);
    assert!((ab.salience().unwrap() - 0.5).abs() < TOL);
    assert!((ab.symmetry().unwrap() - 7.0 / 12.0).abs() < TOL);
    assert!((ab.interdependence().unwrap() - 7.0 / 24.0).abs() < TOL);
    assert_eq!((ab.gdp1, ab.gdp2), (Some(0.3), Some(0.05)));
    assert!((ab.asymmetry_gdp().unwrap() - 0.25).abs() < TOL);
    assert!((ab.asymmetry_share().unwrap() - (0.75 - 1.0 / 3.0)).abs() < TOL);
    let bc = d
        .dyads
        .iter()
        .find(|r| (r.ccode1, r.ccode2) == (20, 200))
        .unwrap();
    assert_eq!(bc.gdp2, None); // no GDP for C
    let st = |c: u16| {
        d.states
            .iter()
            .find(|s| s.ccode == c && s.year == 2000)
            .unwrap()
    };
    assert!((st(2).concentration.unwrap().hhi - 0.625).abs() < TOL);
    assert!((st(20).concentration.unwrap().hhi - 5.0 / 9.0).abs() < TOL);
    assert!((st(200).concentration.unwrap().hhi - 37.0 / 49.0).abs() < TOL);
    assert_eq!(st(200).top_partner, Some(20));
    assert_eq!(st(2).top_partner, Some(20));
    let partial = d.dyads.iter().find(|r| r.year == 2001).unwrap();
    assert_eq!((partial.trade, partial.share1), (None, None));
}

/// On the bundled COW data, each state's partner shares sum to 1 in every year it
/// trades, and its top partner's share is its largest.
#[test]
fn trade_shares_sum_to_one_per_state_year() {
    let dyads = cow::bundled_trade_dyads().unwrap();
    assert_eq!(dyads.len(), 673_654);
    let gdp = cow::bundled_gdp().unwrap();
    assert_eq!(gdp.len(), 16_536);
    let d = trade_dependence(&dyads, &gdp);
    let mut sums: HashMap<(u16, i32), f64> = HashMap::new();
    for r in &d.dyads {
        if let (Some(a), Some(b)) = (r.share1, r.share2) {
            *sums.entry((r.ccode1, r.year)).or_default() += a;
            *sums.entry((r.ccode2, r.year)).or_default() += b;
        }
    }
    let mut with_trade = 0;
    for s in &d.states {
        match s.concentration {
            Some(_) => {
                with_trade += 1;
                let sum = sums[&(s.ccode, s.year)];
                assert!((sum - 1.0).abs() < 1e-9, "{} {}: {sum}", s.ccode, s.year);
            }
            None => assert!(!sums.contains_key(&(s.ccode, s.year))),
        }
    }
    assert!(with_trade > 10_000, "{with_trade}");
    // USA–Canada 2014 (flows 346,063 + 276,158 = 622,221 million US$ in the file).
    let us_ca = d
        .dyads
        .iter()
        .find(|r| (r.ccode1, r.ccode2, r.year) == (2, 20, 2014))
        .unwrap();
    assert_eq!(us_ca.trade, Some(622_221.0));
    let ca = d
        .states
        .iter()
        .find(|s| s.ccode == 20 && s.year == 2014)
        .unwrap();
    assert_eq!(ca.top_partner, Some(2));
}

/// A state's share of its IGOs shared with a partner is defined wherever the state has
/// full memberships and the dyadic count does not exceed them. The two COW files
/// disagree in 59 state-dyad-years (counted with Python's csv module), which stay
/// undefined rather than exceed 1; 50,262 have a state with no full membership.
#[test]
fn igo_shares_are_within_each_states_memberships() {
    let dyads = cow::bundled_igo_dyads().unwrap();
    let states = cow::bundled_igo_states().unwrap();
    assert_eq!((dyads.len(), states.len()), (917_695, 15_557));
    let full: HashMap<(u16, i32), u32> =
        states.iter().map(|s| ((s.ccode, s.year), s.full)).collect();
    let rows = igo_dependence(&dyads, &states);
    let (mut over, mut none_full) = (0, 0);
    for r in &rows {
        for (c, s) in [(r.ccode1, r.share1), (r.ccode2, r.share2)] {
            let f = full[&(c, r.year)];
            match s {
                Some(s) => assert!((s - f64::from(r.shared) / f64::from(f)).abs() < TOL),
                None if f == 0 => none_full += 1,
                None => {
                    assert!(r.shared > f);
                    over += 1;
                }
            }
        }
    }
    assert_eq!((over, none_full), (59, 50_262));
    // USA–Canada 1920: 7 shared IGOs (first row of the file).
    assert_eq!(
        rows.iter()
            .find(|r| (r.ccode1, r.ccode2, r.year) == (2, 20, 1920))
            .unwrap()
            .shared,
        7
    );
}

#[test]
fn bad_trade_rows_fail_with_file_line_and_field() {
    let err = |rows: &str| {
        cow::read_trade_dyads(src(&format!("{HEADER}{rows}")))
            .unwrap_err()
            .to_string()
    };
    assert_eq!(
        err("2,20,,1,1,,\n"),
        "trade.csv:2: field \"year\": missing year"
    );
    assert_eq!(
        err("2,20,2000,-1,1,,\n"),
        "trade.csv:2: field \"flow1\": negative value \"-1\""
    );
    assert_eq!(
        err("2,20,2000,1,1,,\n2,20,2000,2,2,,\n"),
        "trade.csv:3: duplicate dyad-year 2–20 2000"
    );
    assert_eq!(
        err("20,2,2000,1,1,,\n"),
        "trade.csv:2: expected ccode1 < ccode2 in a non-directed table, found 20 and 2"
    );
    assert_eq!(
        err("2,20,2000,x,1,,\n"),
        "trade.csv:2: field \"flow1\": expected a number, found \"x\""
    );
    let sy = cow::read_trade_states(Source::from_bytes(
        "sy.csv",
        b"ccode,year,imports,exports\n2,1900,1,2\n2,1900,1,2\n",
    ));
    assert_eq!(
        sy.unwrap_err().to_string(),
        "sy.csv:3: duplicate state-year 2 1900"
    );
    let gdp = cow::read_gdp(Source::from_bytes(
        "gdp.csv",
        b"ccode,year,pwtrgdp\n2,1900,1\n",
    ));
    assert_eq!(
        gdp.unwrap_err().to_string(),
        "gdp.csv: missing column \"pwtpop\" (the header has: ccode, year, pwtrgdp)"
    );
}

#[test]
fn a_dyad_seen_from_either_side() {
    // The matrix above: A (2) imports 10 from B (20), B imports 20 from A; s_AB = .75,
    // s_BA = 1/3, T/GDP_A = .3, T/GDP_B = .05.
    let text = format!("{HEADER}2,20,2000,10,20,,\n2,200,2000,4,6,,\n20,200,2000,60,0,,\n");
    let gdp = [(2, 100.0), (20, 600.0)].map(|(ccode, g)| GdpPop {
        ccode,
        year: 2000,
        gdp: Some(g),
        pop: None,
    });
    let d = trade_dependence(&cow::read_trade_dyads(src(&text)).unwrap(), &gdp);
    let ab = d
        .dyads
        .iter()
        .find(|r| (r.ccode1, r.ccode2) == (2, 20))
        .unwrap();
    let a = ab.side(2).unwrap();
    let b = ab.side(20).unwrap();
    assert_eq!((a.imports, a.exports), (Some(10.0), Some(20.0)));
    assert_eq!((b.imports, b.exports), (Some(20.0), Some(10.0)));
    assert_eq!((a.share, b.partner_share), (Some(0.75), Some(0.75)));
    assert!((b.share.unwrap() - 1.0 / 3.0).abs() < TOL);
    assert_eq!((a.trade_gdp, b.trade_gdp), (Some(0.3), Some(0.05)));
    assert!((a.asymmetry().unwrap() - (0.75 - 1.0 / 3.0)).abs() < TOL);
    assert!((a.asymmetry().unwrap() + b.asymmetry().unwrap()).abs() < TOL);
    assert_eq!(ab.side(200), None);
}
