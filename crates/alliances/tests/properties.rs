//! Properties of the alliance measures on random systems (proptest), and the fast
//! engine against a plain loop over dense portfolios on real ATOP years.

use multipolar_alliances::{
    AllyMeasure, Capabilities, Scores, Tie, TieSource, Ties, YearPortfolios, tau_b,
};
use multipolar_measures::CrossTab;
use multipolar_measures::chance::{Weighting, cohen_kappa, scott_pi};
use multipolar_measures::similarity::{Metric, s_weighted};
use proptest::prelude::*;

const TOL: f64 = 1e-12;

/// A random year: n states (COW codes 1..=n), random directed levels (possibly
/// different by direction), random CINC (some missing).
fn system() -> impl Strategy<Value = (Vec<u16>, Vec<Tie>, Vec<Option<f64>>)> {
    (2usize..9).prop_flat_map(|n| {
        (
            proptest::collection::vec(0u8..4, n * n),
            proptest::collection::vec(proptest::option::weighted(0.8, 0.0f64..0.5), n),
        )
            .prop_map(move |(levels, cinc)| {
                let members: Vec<u16> = (1..=n as u16).collect();
                let ties = (0..n * n)
                    .filter(|&x| x / n != x % n && levels[x] > 0)
                    .map(|x| Tie {
                        from: members[x / n],
                        to: members[x % n],
                        level: levels[x],
                    })
                    .collect();
                (members, ties, cinc)
            })
    })
}

fn build(members: &[u16], ties: &[Tie], cinc: &[Option<f64>]) -> YearPortfolios {
    let caps = Capabilities::from_parts(
        members
            .iter()
            .zip(cinc)
            .filter_map(|(&c, w)| w.map(|w| (c, 1950, w))),
    );
    YearPortfolios::new(1950, members.to_vec(), ties, &caps)
}

/// Every measure by a plain loop over the dense portfolios x, y with weights w:
/// S by direct sums (weighted through `s_weighted`), κ and π from a table built
/// pair by pair, τ_b by counting pairs of observations.
fn plain(x: &[u8], y: &[u8], cinc: &[Option<f64>]) -> [Option<f64>; 11] {
    let n = x.len() as f64;
    let s = |d: &dyn Fn(u8, u8) -> f64, dmax: f64| {
        let sum: f64 = x.iter().zip(y).map(|(&a, &b)| d(a, b)).sum();
        Some(1.0 - 2.0 * sum / (n * dmax))
    };
    let bin = |v: &[u8]| v.iter().map(|&l| u8::from(l > 0)).collect::<Vec<u8>>();
    let (xb, yb) = (bin(x), bin(y));
    // Missing CINC: k left out of the weighted S (complete cases, as fpsim's srs).
    let keep: Vec<usize> = (0..x.len()).filter(|&k| cinc[k].is_some()).collect();
    let pick = |v: &[u8]| keep.iter().map(|&k| v[k]).collect::<Vec<u8>>();
    let w: Vec<f64> = keep.iter().map(|&k| cinc[k].unwrap()).collect();
    let valued = CrossTab::from_pairs(4, x.iter().copied().zip(y.iter().copied()));
    let binary = CrossTab::from_pairs(2, xb.iter().copied().zip(yb.iter().copied()));
    let mut tau = None;
    let (mut p, mut q, mut tx, mut ty, mut n0) = (0.0, 0.0, 0.0, 0.0, 0.0);
    for i in 0..x.len() {
        for j in i + 1..x.len() {
            n0 += 1.0;
            let dx = i32::from(x[i]) - i32::from(x[j]);
            let dy = i32::from(y[i]) - i32::from(y[j]);
            tx += f64::from(u8::from(dx == 0));
            ty += f64::from(u8::from(dy == 0));
            if dx * dy > 0 {
                p += 1.0;
            } else if dx * dy < 0 {
                q += 1.0;
            }
        }
    }
    if (n0 - tx) * (n0 - ty) > 0.0 {
        tau = Some((p - q) / ((n0 - tx) * (n0 - ty)).sqrt());
    }
    [
        s(&|a, b| f64::from(a.abs_diff(b)).powi(2), 9.0),
        s(&|a, b| f64::from(a.abs_diff(b)), 3.0),
        s(
            &|a, b| f64::from(u8::from(a > 0).abs_diff(u8::from(b > 0))),
            1.0,
        ),
        s(
            &|a, b| f64::from(u8::from(a > 0).abs_diff(u8::from(b > 0))),
            1.0,
        ),
        s_weighted(&pick(x), &pick(y), &w, 3, Metric::Absolute).unwrap(),
        s_weighted(&pick(&xb), &pick(&yb), &w, 1, Metric::Absolute).unwrap(),
        scott_pi(&valued, Weighting::Nominal),
        scott_pi(&binary, Weighting::Nominal),
        cohen_kappa(&valued, Weighting::Quadratic),
        cohen_kappa(&binary, Weighting::Nominal),
        tau,
    ]
}

fn assert_close(got: &Scores, want: &[Option<f64>; 11], what: &str) {
    for (m, w) in AllyMeasure::ALL.into_iter().zip(want) {
        match (got.get(m), *w) {
            (Some(a), Some(b)) => assert!((a - b).abs() < 1e-9, "{what} {}: {a} vs {b}", m.id()),
            (a, b) => assert_eq!(a, b, "{what} {}", m.id()),
        }
    }
}

proptest! {
    #[test]
    fn fast_path_equals_plain_loop((members, ties, cinc) in system()) {
        let y = build(&members, &ties, &cinc);
        for &a in &members {
            for &b in &members {
                if a == b { continue; }
                let got = y.pair(a, b).unwrap();
                let want = plain(y.portfolio(a).unwrap(), y.portfolio(b).unwrap(), y.cinc());
                assert_close(&got, &want, &format!("{a}-{b}"));
                // Undirected: the plain loop with the roles swapped agrees too
                // (peacesciencer once shipped alliances in one direction only).
                let swapped = plain(y.portfolio(b).unwrap(), y.portfolio(a).unwrap(), y.cinc());
                assert_close(&got, &swapped, &format!("{b}-{a}"));
                prop_assert_eq!(y.pair(b, a), Some(got));
            }
        }
    }

    #[test]
    fn bounds_and_identities((members, ties, cinc) in system()) {
        let y = build(&members, &ties, &cinc);
        for d in y.all() {
            for m in AllyMeasure::ALL {
                if let Some(v) = d.scores.get(m) {
                    prop_assert!((-1.0 - TOL..=1.0 + TOL).contains(&v), "{} = {v}", m.id());
                }
            }
            // Binary data: squared and absolute distances coincide.
            prop_assert_eq!(d.scores.get(AllyMeasure::SBinarySquared), d.scores.get(AllyMeasure::SBinaryAbsolute));
            // Unweighted S is always defined (n ≥ 2 with self-ties).
            prop_assert!(d.scores.get(AllyMeasure::SValuedAbsolute).is_some());
            prop_assert!(d.ccode1 < d.ccode2);
        }
    }

    #[test]
    fn tau_b_is_one_on_identical_portfolios_with_variation(v in proptest::collection::vec(0u8..4, 2..40)) {
        prop_assume!(v.iter().any(|&l| l != v[0]));
        let t = CrossTab::from_pairs(4, v.iter().map(|&l| (l, l)));
        prop_assert!((tau_b(&t).unwrap() - 1.0).abs() < TOL);
        // Reversed order of levels: −1.
        let t = CrossTab::from_pairs(4, v.iter().map(|&l| (l, 3 - l)));
        prop_assert!((tau_b(&t).unwrap() + 1.0).abs() < TOL);
    }

    #[test]
    fn identical_portfolios_score_one(n in 2usize..8) {
        // Two states allied at level 3 with each other and nobody else have identical
        // portfolios: every S, κ, π and τ_b is 1.
        let ties = [Tie { from: 1, to: 2, level: 3 }, Tie { from: 2, to: 1, level: 3 }];
        let caps = Capabilities::from_parts((1..=n as u16).map(|c| (c, 1950, 0.1)));
        let y = YearPortfolios::new(1950, (1..=n as u16).collect(), &ties, &caps);
        let s = y.pair(1, 2).unwrap();
        for m in AllyMeasure::ALL {
            if n == 2 && matches!(m, AllyMeasure::KappaValued | AllyMeasure::KappaBinary | AllyMeasure::PiValued | AllyMeasure::PiBinary | AllyMeasure::TauB) {
                // Both portfolios constant (3, 3): chance-corrected measures undefined.
                prop_assert_eq!(s.get(m), None);
            } else {
                prop_assert!((s.get(m).unwrap() - 1.0).abs() < TOL, "{}", m.id());
            }
        }
    }
}

/// The engine against the plain loop on every dyad of real ATOP years (a small
/// 19th-century system, the Cold War, and the last year).
#[test]
fn fast_path_equals_plain_loop_on_atop_years() {
    let ties = Ties::bundled_atop().unwrap();
    let caps = Capabilities::bundled().unwrap();
    assert_eq!(ties.source(), TieSource::Atop);
    for year in [1816, 1914, 1962, 2018] {
        let y = YearPortfolios::for_year(year, &ties, &caps);
        let all = y.all();
        let n = y.members().len();
        assert_eq!(all.len(), n * (n - 1) / 2);
        for d in all {
            let want = plain(
                y.portfolio(d.ccode1).unwrap(),
                y.portfolio(d.ccode2).unwrap(),
                y.cinc(),
            );
            assert_close(
                &d.scores,
                &want,
                &format!("{year} {}-{}", d.ccode1, d.ccode2),
            );
        }
    }
}
