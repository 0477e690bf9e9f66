//! Dependence measures: a trade matrix worked out by hand, edge cases, and properties.

use multipolar_measures::dependence::{
    Concentration, asymmetry, effective_partners, hhi, hirschman, interdependence, salience, share,
    shares, symmetry, top_share,
};
use proptest::prelude::*;

const TOL: f64 = 1e-12;

fn close(got: Option<f64>, want: f64) {
    let g = got.expect("defined");
    assert!((g - want).abs() < TOL, "got {g}, want {want}");
}

// Three states, total trade T_AB = 30, T_AC = 10, T_BC = 60; GDP_A = 100, GDP_B = 600.
// Worked by hand:
//   A: shares B 30/40 = .75, C .25;  HHI = .5625 + .0625 = .625; 1/HHI = 1.6;
//      Hirschman = 100·√.625 = 79.05694150420949
//   B: shares A 30/90 = 1/3, C 2/3;  HHI = 1/9 + 4/9 = 5/9; 1/HHI = 1.8;
//      Hirschman = 100·√(5/9) = 74.53559924999299
//   C: shares A 1/7, B 6/7;          HHI = 37/49; 1/HHI = 49/37
//   A–B: salience √(.75 · 1/3) = √.25 = .5; symmetry 1 − |.75 − 1/3| = 7/12;
//        interdependence 7/24; D_AB = 30/100 = .3, D_BA = 30/600 = .05, asymmetry .25.

#[test]
fn three_state_trade_matrix() {
    let a = [30.0, 10.0];
    let b = [30.0, 60.0];
    let c = [10.0, 60.0];
    assert_eq!(shares(&a), Some(vec![0.75, 0.25]));
    close(hhi(&a), 0.625);
    close(effective_partners(&a), 1.6);
    close(hirschman(&a), 79.056_941_504_209_49);
    close(top_share(&a), 0.75);
    close(hhi(&b), 5.0 / 9.0);
    close(effective_partners(&b), 1.8);
    close(hirschman(&b), 74.535_599_249_992_99);
    close(top_share(&b), 2.0 / 3.0);
    close(hhi(&c), 37.0 / 49.0);
    close(effective_partners(&c), 49.0 / 37.0);

    let s_ab = share(30.0, 40.0);
    let s_ba = share(30.0, 90.0);
    close(s_ab, 0.75);
    close(salience(s_ab, s_ba), 0.5);
    close(symmetry(s_ab, s_ba), 7.0 / 12.0);
    close(interdependence(s_ab, s_ba), 7.0 / 24.0);
    let (d_ab, d_ba) = (share(30.0, 100.0), share(30.0, 600.0));
    close(asymmetry(d_ab, d_ba), 0.25);
    close(asymmetry(d_ba, d_ab), -0.25);

    let k = Concentration::of(&[30.0, 0.0, 10.0]).unwrap();
    assert_eq!(k.partners, 2);
    assert_eq!(k.total, 40.0);
}

// Arms: a recipient buying TIV 50 from one supplier and 25 from each of two others:
// shares .5, .25, .25; HHI = .25 + .0625·2 = .375; 1/HHI = 8/3; Hirschman = 61.237243569579455.
#[test]
fn arms_supplier_concentration() {
    let c = Concentration::of(&[50.0, 25.0, 25.0]).unwrap();
    assert!((c.hhi - 0.375).abs() < TOL);
    assert!((c.effective_partners() - 8.0 / 3.0).abs() < TOL);
    assert!((c.hirschman() - 61.237_243_569_579_455).abs() < TOL);
    assert_eq!(c.top_share, 0.5);
}

#[test]
fn undefined_is_none() {
    assert_eq!(shares(&[]), None);
    assert_eq!(shares(&[0.0, 0.0]), None);
    assert_eq!(hhi(&[]), None);
    assert_eq!(hhi(&[1.0, -1.0]), None);
    assert_eq!(hhi(&[f64::NAN]), None);
    assert_eq!(hhi(&[f64::INFINITY, 1.0]), None);
    assert_eq!(share(1.0, 0.0), None);
    assert_eq!(share(2.0, 1.0), None);
    assert_eq!(share(-1.0, 1.0), None);
    assert_eq!(salience(None, Some(0.5)), None);
    assert_eq!(symmetry(Some(1.5), Some(0.5)), None);
    assert_eq!(asymmetry(Some(0.1), None), None);
    // Zero trade both ways is defined: no salience, perfect symmetry.
    assert_eq!(salience(Some(0.0), Some(0.0)), Some(0.0));
    assert_eq!(symmetry(Some(0.0), Some(0.0)), Some(1.0));
}

fn flows() -> impl Strategy<Value = Vec<f64>> {
    prop::collection::vec(prop_oneof![Just(0.0), 0.001f64..1e6], 1..30)
}

proptest! {
    #[test]
    fn hhi_of_one_partner_is_one(v in 0.001f64..1e9, zeros in 0usize..10) {
        let mut x = vec![0.0; zeros];
        x.push(v);
        let c = Concentration::of(&x).unwrap();
        prop_assert_eq!(c.hhi, 1.0);
        prop_assert_eq!(c.top_share, 1.0);
        prop_assert_eq!(c.effective_partners(), 1.0);
        prop_assert_eq!(c.hirschman(), 100.0);
        prop_assert_eq!(c.partners, 1);
    }

    #[test]
    fn shares_sum_to_one(x in flows()) {
        if let Some(s) = shares(&x) {
            prop_assert!((s.iter().sum::<f64>() - 1.0).abs() < 1e-9);
            prop_assert!(s.iter().all(|s| (0.0..=1.0).contains(s)));
        } else {
            prop_assert!(x.iter().all(|&v| v == 0.0));
        }
    }

    #[test]
    fn concentration_bounds(x in flows()) {
        if let Some(c) = Concentration::of(&x) {
            let n = c.partners as f64;
            prop_assert!(c.hhi <= 1.0 && c.hhi >= 1.0 / n - 1e-12);
            prop_assert!(c.effective_partners() >= 1.0 && c.effective_partners() <= n + 1e-9);
            prop_assert!(c.hirschman() <= 100.0 && c.hirschman() >= 100.0 / n.sqrt() - 1e-9);
            // Σ s² ≤ max s · Σ s = max s, and max s² ≤ Σ s².
            prop_assert!(c.hhi <= c.top_share + 1e-12);
            prop_assert!(c.top_share * c.top_share <= c.hhi + 1e-12);
        }
    }

    #[test]
    fn concentration_ignores_scale_and_order(x in flows(), k in 0.01f64..100.0) {
        let scaled: Vec<f64> = x.iter().map(|v| v * k).collect();
        let mut rev = x.clone();
        rev.reverse();
        match (hhi(&x), hhi(&scaled), hhi(&rev)) {
            (Some(a), Some(b), Some(c)) => {
                prop_assert!((a - b).abs() < 1e-9);
                prop_assert!((a - c).abs() < 1e-9);
            }
            (None, None, None) => {}
            other => prop_assert!(false, "{other:?}"),
        }
    }

    #[test]
    fn undirected_measures_are_symmetric(a in 0.0f64..=1.0, b in 0.0f64..=1.0) {
        let (a, b) = (Some(a), Some(b));
        prop_assert_eq!(salience(a, b), salience(b, a));
        prop_assert_eq!(symmetry(a, b), symmetry(b, a));
        prop_assert_eq!(interdependence(a, b), interdependence(b, a));
        prop_assert_eq!(asymmetry(a, b).map(|v| -v), asymmetry(b, a));
        for v in [salience(a, b), symmetry(a, b), interdependence(a, b)] {
            prop_assert!((0.0..=1.0).contains(&v.unwrap()));
        }
    }
}
