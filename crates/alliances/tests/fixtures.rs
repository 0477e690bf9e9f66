//! Hand-computed values for every measure, on a three-state system and on one real
//! dyad-year of ATOP 5.1. Each expected number is worked out in the comments.

use multipolar_alliances::{
    AllyMeasure::{self, *},
    Capabilities, Tie, TieSource, Ties, YearPortfolios,
};

const TOL: f64 = 1e-9;

fn check(y: &YearPortfolios, a: u16, b: u16, expected: &[(AllyMeasure, f64)]) {
    let s = y.pair(a, b).unwrap();
    for &(m, want) in expected {
        let got = s
            .get(m)
            .unwrap_or_else(|| panic!("{} undefined for {a}-{b}", m.id()));
        assert!(
            (got - want).abs() < TOL,
            "{a}-{b} {}: got {got}, want {want}",
            m.id()
        );
    }
}

/// States A = 2, B = 20, C = 200 in 1950. A and B have a defense pact (3 both
/// ways); B and C a non-aggression pact (1 both ways). With self-ties at 3, the
/// portfolios over (A, B, C) are A = (3, 3, 0), B = (3, 3, 1), C = (0, 1, 3).
/// CINC: A 0.5, B 0.3, C 0.2 (Σ = 1).
fn three_states() -> YearPortfolios {
    let ties = Ties::from_parts(
        TieSource::Atop,
        [(2, 20, 3), (20, 2, 3), (20, 200, 1), (200, 20, 1)]
            .map(|(from, to, level)| (1950, Tie { from, to, level })),
    );
    let caps = Capabilities::from_parts([(2, 1950, 0.5), (20, 1950, 0.3), (200, 1950, 0.2)]);
    YearPortfolios::new(1950, vec![2, 20, 200], ties.year(1950), &caps)
}

#[test]
fn a_b() {
    // x = (3, 3, 0), y = (3, 3, 1); |d| = (0, 0, 1).
    // S valued abs = 1 − 2·1/(3·3) = 7/9; squared = 1 − 2·1/(3·9) = 25/27.
    // Binary x = (1, 1, 0), y = (1, 1, 1): S = 1 − 2·1/3 = 1/3 (both metrics).
    // Weighted: Σ w|d| = 0.2 → valued 1 − 2·0.2/3 = 13/15; binary 1 − 2·0.2 = 0.6.
    // κ quadratic (w_ab = (a−b)²/9), pairs (3,3), (3,3), (0,1): observed Σ w·O =
    //   (1/9)(1/3) = 1/27; row marginals p(0) = 1/3, p(3) = 2/3, columns p(1) = 1/3,
    //   p(3) = 2/3; expected = (1/3)(1/3)(1/9) + (1/3)(2/3)(1) + (2/3)(1/3)(4/9) = 1/3;
    //   κ = 1 − (1/27)/(1/3) = 8/9.
    // π nominal: p_o = 2/3; pooled p(0) = 1/6, p(1) = 1/6, p(3) = 2/3;
    //   p_e = 1/36 + 1/36 + 4/9 = 1/2; π = (2/3 − 1/2)/(1/2) = 1/3.
    // κ binary: p_o = 2/3, p_e = (2/3)(1) + (1/3)(0) = 2/3 → 0.
    // π binary: pooled p(1) = 5/6, p(0) = 1/6, p_e = 13/18 → (12/18 − 13/18)/(5/18) = −1/5.
    // τ_b: pair (1,2) tied in both; (1,3), (2,3) concordant: P = 2, Q = 0, n0 = 3,
    //   T_x = T_y = 1 → 2/sqrt(2·2) = 1.
    check(
        &three_states(),
        2,
        20,
        &[
            (SValuedAbsolute, 7.0 / 9.0),
            (SValuedSquared, 25.0 / 27.0),
            (SBinaryAbsolute, 1.0 / 3.0),
            (SBinarySquared, 1.0 / 3.0),
            (SValuedWeighted, 13.0 / 15.0),
            (SBinaryWeighted, 0.6),
            (KappaValued, 8.0 / 9.0),
            (PiValued, 1.0 / 3.0),
            (KappaBinary, 0.0),
            (PiBinary, -0.2),
            (TauB, 1.0),
        ],
    );
}

#[test]
fn a_c() {
    // x = (3, 3, 0), y = (0, 1, 3); |d| = (3, 2, 3), Σ = 8, Σd² = 22.
    // S valued abs = 1 − 16/9 = −7/9; squared = 1 − 44/27 = −17/27.
    // Binary x = (1, 1, 0), y = (0, 1, 1): Σ|d| = 2 → 1 − 4/3 = −1/3.
    // Weighted: 0.5·3 + 0.3·2 + 0.2·3 = 2.7 → 1 − 5.4/3 = −0.8; binary 0.5 + 0.2 = 0.7
    //   → 1 − 1.4 = −0.4.
    // κ quadratic, pairs (3,0), (3,1), (0,3): observed (1/3)(1 + 4/9 + 1) = 22/27;
    //   rows p(0) = 1/3, p(3) = 2/3; columns p(0) = p(1) = p(3) = 1/3; expected =
    //   (1/3)(1/3)(1/9 + 1) + (2/3)(1/3)(1 + 4/9) = 10/81 + 26/81 = 4/9;
    //   κ = 1 − (22/27)(9/4) = −5/6.
    // π: p_o = 0; pooled p(0) = 1/3, p(1) = 1/6, p(3) = 1/2; p_e = 7/18 → −7/11.
    // κ binary: p_o = 1/3, p_e = (2/3)² + (1/3)² = 5/9 → (−2/9)/(4/9) = −1/2; π the
    //   same (equal marginals).
    // τ_b: (1,2) tied in x; (1,3), (2,3) discordant: −2/sqrt(2·3).
    check(
        &three_states(),
        2,
        200,
        &[
            (SValuedAbsolute, -7.0 / 9.0),
            (SValuedSquared, -17.0 / 27.0),
            (SBinaryAbsolute, -1.0 / 3.0),
            (SBinarySquared, -1.0 / 3.0),
            (SValuedWeighted, -0.8),
            (SBinaryWeighted, -0.4),
            (KappaValued, -5.0 / 6.0),
            (PiValued, -7.0 / 11.0),
            (KappaBinary, -0.5),
            (PiBinary, -0.5),
            (TauB, -2.0 / 6f64.sqrt()),
        ],
    );
}

#[test]
fn b_c() {
    // x = (3, 3, 1), y = (0, 1, 3); |d| = (3, 2, 2), Σ = 7, Σd² = 17.
    // S valued abs = 1 − 14/9 = −5/9; squared = 1 − 34/27 = −7/27.
    // Binary x = (1, 1, 1), y = (0, 1, 1): 1 − 2/3 = 1/3.
    // Weighted: 1.5 + 0.6 + 0.4 = 2.5 → 1 − 5/3 = −2/3; binary 0.5 → 0.
    // κ quadratic, pairs (3,0), (3,1), (1,3): observed (1/3)(1 + 4/9 + 4/9) = 17/27;
    //   rows p(1) = 1/3, p(3) = 2/3; expected (1/3)(1/3)(1/9 + 0 + 4/9) +
    //   (2/3)(1/3)(1 + 4/9 + 0) = 5/81 + 26/81 = 31/81; κ = 1 − (17/27)(81/31) = −20/31.
    // π: p_o = 0; pooled p(0) = 1/6, p(1) = 1/3, p(3) = 1/2; p_e = 7/18 → −7/11.
    // κ binary: x constant 1: p_e = 2/3 = p_o → 0. π binary: −1/5 (as A–B).
    // τ_b: as A–C, −2/sqrt(6).
    check(
        &three_states(),
        20,
        200,
        &[
            (SValuedAbsolute, -5.0 / 9.0),
            (SValuedSquared, -7.0 / 27.0),
            (SBinaryAbsolute, 1.0 / 3.0),
            (SBinarySquared, 1.0 / 3.0),
            (SValuedWeighted, -2.0 / 3.0),
            (SBinaryWeighted, 0.0),
            (KappaValued, -20.0 / 31.0),
            (PiValued, -7.0 / 11.0),
            (KappaBinary, 0.0),
            (PiBinary, -0.2),
            (TauB, -2.0 / 6f64.sqrt()),
        ],
    );
}

#[test]
fn missing_cinc_leaves_the_third_state_out() {
    // As A–C but C has no CINC: weights (0.5, 0.3, –). Σ w|d| = 1.5 + 0.6 = 2.1 over
    // Σw = 0.8: valued 1 − 2·2.1/(3·0.8) = −0.75; binary 1 − 2·0.5/0.8 = −0.25.
    let ties = Ties::from_parts(
        TieSource::Atop,
        [(2, 20, 3), (20, 2, 3), (20, 200, 1), (200, 20, 1)]
            .map(|(from, to, level)| (1950, Tie { from, to, level })),
    );
    let caps = Capabilities::from_parts([(2, 1950, 0.5), (20, 1950, 0.3)]);
    let y = YearPortfolios::new(1950, vec![2, 20, 200], ties.year(1950), &caps);
    check(
        &y,
        2,
        200,
        &[(SValuedWeighted, -0.75), (SBinaryWeighted, -0.25)],
    );
    assert_eq!(y.cinc(), [Some(0.5), Some(0.3), None]);
}

#[test]
fn directed_obligations_keep_each_states_own_row() {
    // 2 promises defense to 20 (3); 20 promises only non-aggression (1). Over
    // (2, 20): portfolio 2 = (3, 3), 20 = (1, 3); |d| = (2, 0) → S = 1 − 4/6 = 1/3,
    // in either order.
    let ties = Ties::from_parts(
        TieSource::Atop,
        [
            (
                1950,
                Tie {
                    from: 2,
                    to: 20,
                    level: 3,
                },
            ),
            (
                1950,
                Tie {
                    from: 20,
                    to: 2,
                    level: 1,
                },
            ),
        ],
    );
    let y = YearPortfolios::new(1950, vec![2, 20], ties.year(1950), &Capabilities::default());
    check(&y, 2, 20, &[(SValuedAbsolute, 1.0 / 3.0)]);
    check(&y, 20, 2, &[(SValuedAbsolute, 1.0 / 3.0)]);
}

/// UK (200) and Austria (300) in 1816, from the bundled ATOP 5.1 rows and COW NMC v7.
///
/// The 1816 COW system has 23 members (2 200 210 220 225 230 235 245 255 267 269 271
/// 273 275 300 325 327 329 337 365 380 390 640). ATOP 1816 rows with ccode1 = 200:
/// 255, 300, 365, all defense (3). With ccode1 = 300: 200 245 255 267 269 271 273 275
/// 329 337 365 (members) and 240, 280 (not members in 1816), all defense. With
/// self-ties, UK = 3 on {200, 255, 300, 365}; Austria = 3 on those and on {245, 267,
/// 269, 271, 273, 275, 329, 337}; both 0 on the other 11.
///
/// Table: (3,3) = 4, (0,3) = 8, (0,0) = 11, n = 23. Only levels 0 and 3 occur, so
/// every S is 1 − 2·8/23 = 7/23 (3/3 = 9/9 per disagreement). κ (quadratic =
/// nominal here): p_o = 15/23, p_e = (4·12 + 19·11)/529 = 257/529, κ = 88/272 =
/// 11/34 (binary the same). π: pooled p(3) = 16/46, p_e = 289/529, π = 56/240 =
/// 7/30. τ_b: P = 4·11 = 44, Q = 0, n0 = 253, T_x = C(4,2) + C(19,2) = 177, T_y =
/// C(12,2) + C(11,2) = 121: 44/sqrt(76·132). Weighted: CINC 1816 of the eight
/// Austrian-only allies sums to 0.0514213239 and over all 23 members to
/// 1.0535045710 (NMC v7 rows), so both weighted S = 1 − 2·0.0514213239/1.0535045710.
#[test]
fn atop_1816_uk_austria() {
    let ties = Ties::bundled_atop().unwrap();
    let caps = Capabilities::bundled().unwrap();
    let y = YearPortfolios::for_year(1816, &ties, &caps);
    assert_eq!(y.members().len(), 23);
    assert!(y.outside_system().contains(&(300, 240)));
    let w = 1.0 - 2.0 * 0.0514213239 / 1.0535045710;
    check(
        &y,
        200,
        300,
        &[
            (SValuedAbsolute, 7.0 / 23.0),
            (SValuedSquared, 7.0 / 23.0),
            (SBinaryAbsolute, 7.0 / 23.0),
            (SBinarySquared, 7.0 / 23.0),
            (SValuedWeighted, w),
            (SBinaryWeighted, w),
            (KappaValued, 11.0 / 34.0),
            (KappaBinary, 11.0 / 34.0),
            (PiValued, 7.0 / 30.0),
            (PiBinary, 7.0 / 30.0),
            (TauB, 44.0 / (76.0f64 * 132.0).sqrt()),
        ],
    );
}

#[test]
fn bundled_atop_report() {
    // Counted from the shared file (Python, independently): 273,296 rows; 650
    // dyad-years whose obligation flags differ by direction, of which 519 differ in
    // valued level (the rest, e.g. neutrality one way and consultation the other,
    // are both 2); 170 rows with no obligation.
    let t = Ties::bundled_atop().unwrap();
    let r = t.report();
    assert_eq!(r.rows, 273_296);
    assert_eq!(r.asymmetric.len(), 519);
    assert_eq!(r.no_obligation, 170);
    assert!(r.skipped.is_empty());
    assert_eq!(t.span(), Some((1815, 2018)));
}

#[test]
fn shared_cow_file_reads() {
    // The peacesciencer-layout COW v4.1 file in the shared data (not bundled):
    // 120,784 rows, both directions, 1816–2012.
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/cow_alliance_v4_1_ddy.csv.gz"
    );
    let t = multipolar_alliances::read_cow(std::path::Path::new(path)).unwrap();
    assert_eq!(t.source(), TieSource::Cow);
    assert_eq!(t.report().rows, 120_784);
    assert_eq!(t.span(), Some((1816, 2012)));
    // First row: 2–20 1949, defense (and non-aggression, entente) → 3.
    assert!(t.year(1949).contains(&Tie {
        from: 2,
        to: 20,
        level: 3
    }));
    assert!(t.year(1949).contains(&Tie {
        from: 20,
        to: 2,
        level: 3
    }));
}
