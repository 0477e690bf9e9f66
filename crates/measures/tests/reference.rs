//! Published and hand-computed reference values.
//!
//! Sources:
//! * USA–Mexico, UNGA session 1 (1946): the 3×3 table and all values of
//!   research note `alignment.md` §7.1 (recomputed there from `dgrtwo/unvotes`
//!   data; the half-credit recipe matches Voeten's `agree` and the quadratic κ
//!   matches peacesciencer `kvotev`, §2.8).
//! * Small tables worked out by hand in the comments below.
//!
//! DIFFERENCE: the note writes NaN for κ/π when p_e = 1 (§2.3); this crate
//! returns `None` for every undefined value.

use multipolar_measures::chance::{self, Weighting};
use multipolar_measures::similarity::{self, Metric};
use multipolar_measures::{CrossTab, Measure, agreement};

/// Research note §7.1 quotes values to 6 decimals.
const TOL: f64 = 1e-6;

/// Exact fractions below are checked far tighter than the 6-decimal sources.
const EXACT: f64 = 1e-12;

#[track_caller]
fn assert_close(got: Option<f64>, want: f64, tol: f64) {
    let got = got.unwrap_or_else(|| panic!("expected {want}, got None"));
    assert!(
        (got - want).abs() <= tol,
        "expected {want} ± {tol}, got {got}"
    );
}

/// Research note §7.1: rows = USA, columns = Mexico, order Y, A, N; n = 38.
fn usa_mexico_1946() -> CrossTab {
    CrossTab::from_counts(
        3,
        &[
            17., 2., 5., //
            0., 0., 2., //
            9., 1., 2.,
        ],
    )
}

#[test]
fn usa_mexico_1946_matches_the_research_note() {
    let t = usa_mexico_1946();
    assert_eq!(t.n(), 38.0);
    let expected = [
        (Measure::Strict, 0.500000),
        (Measure::HalfCredit, 0.565789),
        (Measure::YesNo, 0.575758),
        (Measure::StateDept, 0.565789),
        (Measure::SAbs, 0.131579),
        (Measure::SSq, 0.197368),
        (Measure::KappaQuad, -0.012227),
        (Measure::KappaLinear, -0.016207),
        (Measure::KappaNominal, -0.022663),
        (Measure::PiNominal, -0.027758),
        (Measure::PiQuad, -0.017783),
    ];
    for (m, want) in expected {
        let got = m.compute(&t);
        assert!(
            got.is_some_and(|g| (g - want).abs() <= TOL),
            "{m}: expected {want}, got {got:?}"
        );
    }
}

#[test]
fn usa_mexico_1946_through_the_functions() {
    // Same §7.1 values, via the module functions rather than `Measure`.
    let t = usa_mexico_1946();
    assert_close(agreement::strict(&t), 0.500000, TOL);
    assert_close(agreement::half_credit(&t), 0.565789, TOL);
    assert_close(agreement::yes_no_only(&t), 0.575758, TOL);
    assert_close(agreement::state_dept(&t), 0.565789, TOL);
    assert_close(similarity::s_score(&t, Metric::Absolute), 0.131579, TOL);
    assert_close(similarity::s_score(&t, Metric::Squared), 0.197368, TOL);
    assert_close(
        chance::cohen_kappa(&t, Weighting::Quadratic),
        -0.012227,
        TOL,
    );
    assert_close(chance::cohen_kappa(&t, Weighting::Linear), -0.016207, TOL);
    assert_close(chance::cohen_kappa(&t, Weighting::Nominal), -0.022663, TOL);
    assert_close(chance::scott_pi(&t, Weighting::Nominal), -0.027758, TOL);
    assert_close(chance::scott_pi(&t, Weighting::Quadratic), -0.017783, TOL);
}

#[test]
fn usa_mexico_1946_as_raw_votes() {
    // The same 38 roll calls as (USA, Mexico) level pairs, fed to weighted S
    // with unit weights: S_abs and S_sq of §7.1.
    let cells = [
        (0, 0, 17),
        (0, 1, 2),
        (0, 2, 5),
        (1, 2, 2),
        (2, 0, 9),
        (2, 1, 1),
        (2, 2, 2),
    ];
    let (mut x, mut y) = (Vec::new(), Vec::new());
    for (a, b, count) in cells {
        x.extend(std::iter::repeat_n(a, count));
        y.extend(std::iter::repeat_n(b, count));
    }
    let w = vec![1.0; x.len()];
    assert_eq!(w.len(), 38);
    let abs = similarity::s_weighted(&x, &y, &w, 2, Metric::Absolute).unwrap();
    let sq = similarity::s_weighted(&x, &y, &w, 2, Metric::Squared).unwrap();
    assert_close(abs, 0.131579, TOL);
    assert_close(sq, 0.197368, TOL);
}

#[test]
fn three_level_table_by_hand() {
    // Rows = i, columns = j (Y, A, N):
    //   2 1 0
    //   0 1 0
    //   1 0 1      n = 6, row marginals (3, 1, 2)/6, column marginals (3, 2, 1)/6.
    let t = CrossTab::from_counts(3, &[2., 1., 0., 0., 1., 0., 1., 0., 1.]);
    // strict: diagonal 4/6.
    assert_close(agreement::strict(&t), 2.0 / 3.0, EXACT);
    // half-credit: Σ|d| = 1 (Y–A) + 2 (N–Y) = 3 → 1 − 3/(2·6) = 3/4.
    assert_close(agreement::half_credit(&t), 0.75, EXACT);
    // Yes/No only: YY 2 + NN 1 over 2 + 1 + YN 0 + NY 1 = 3/4.
    assert_close(agreement::yes_no_only(&t), 0.75, EXACT);
    // State Dept: Full 3, Half 1 (Y–A), A–A earns 0 but counts: 3.5/6 = 7/12.
    assert_close(agreement::state_dept(&t), 7.0 / 12.0, EXACT);
    // S_abs = 1 − 2·3/(6·2) = 1/2; S_sq: Σd² = 1 + 4 = 5 → 1 − 10/(6·4) = 7/12.
    assert_close(similarity::s_score(&t, Metric::Absolute), 0.5, EXACT);
    assert_close(similarity::s_score(&t, Metric::Squared), 7.0 / 12.0, EXACT);
    // κ nominal: p_o = 24/36, p_e = (3·3 + 1·2 + 2·1)/36 = 13/36 → 11/23.
    assert_close(
        chance::cohen_kappa(&t, Weighting::Nominal),
        11.0 / 23.0,
        EXACT,
    );
    // κ linear (w = 1/2, 1): Σw·O = (1/2 + 1)/6 = 9/36; Σw·E over ordered
    // off-diagonal cells, in 36ths: (0,1) 6·½ + (1,0) 3·½ + (1,2) 1·½ +
    // (2,1) 4·½ + (0,2) 3 + (2,0) 6 = 16 → 1 − 9/16 = 7/16.
    assert_close(
        chance::cohen_kappa(&t, Weighting::Linear),
        7.0 / 16.0,
        EXACT,
    );
    // κ quadratic (w = 1/4, 1): Σw·O = (1/4 + 1)/6 = 7.5/36; Σw·E = 1.5 + 0.75
    // + 0.25 + 1 + 3 + 6 = 12.5 (36ths) → 1 − 7.5/12.5 = 2/5.
    assert_close(chance::cohen_kappa(&t, Weighting::Quadratic), 0.4, EXACT);
    // π: pooled m = (3, 1.5, 1.5)/6. Nominal p_e = (9 + 2.25 + 2.25)/36 = 13.5/36
    // → (24 − 13.5)/(36 − 13.5) = 7/15.
    assert_close(chance::scott_pi(&t, Weighting::Nominal), 7.0 / 15.0, EXACT);
    // π linear: Σw·E = 2·4.5·½ + 2·2.25·½ + 2·4.5·1 = 15.75 (36ths) → 1 − 9/15.75 = 3/7.
    assert_close(chance::scott_pi(&t, Weighting::Linear), 3.0 / 7.0, EXACT);
    // π quadratic: Σw·E = 9·¼ + 4.5·¼ + 9 = 12.375 → 1 − 7.5/12.375 = 13/33.
    assert_close(
        chance::scott_pi(&t, Weighting::Quadratic),
        13.0 / 33.0,
        EXACT,
    );
}

#[test]
fn two_level_table_by_hand() {
    // Binary data:
    //   3 1
    //   2 4        n = 10, rows (4, 6)/10, columns (5, 5)/10.
    let t = CrossTab::from_counts(2, &[3., 1., 2., 4.]);
    // 7 agreements of 10; Σ|d| = 3, d_max = 1: half 1 − 3/10, S = 1 − 6/10.
    assert_close(agreement::strict(&t), 0.7, EXACT);
    assert_close(agreement::half_credit(&t), 0.7, EXACT);
    assert_close(similarity::s_score(&t, Metric::Absolute), 0.4, EXACT);
    assert_close(similarity::s_score(&t, Metric::Squared), 0.4, EXACT);
    // κ: p_e = 0.4·0.5 + 0.6·0.5 = 0.5 → (0.7 − 0.5)/0.5 = 0.4. With two
    // levels every weighting has w = 1 off the diagonal, so all agree.
    // π: m = (0.45, 0.55), p_e = 0.505 → 0.195/0.495 = 13/33.
    for w in [Weighting::Nominal, Weighting::Linear, Weighting::Quadratic] {
        assert_close(chance::cohen_kappa(&t, w), 0.4, EXACT);
        assert_close(chance::scott_pi(&t, w), 13.0 / 33.0, EXACT);
    }
    // Vote-only conventions are undefined off vote tables.
    assert_eq!(agreement::yes_no_only(&t), None);
    assert_eq!(agreement::state_dept(&t), None);
}

#[test]
fn identical_constant_votes_leave_kappa_and_pi_undefined() {
    // Both states voted Yes on all 5 roll calls: perfect agreement, but
    // p_e = 1 makes κ and π 0/0.
    let t = CrossTab::from_pairs(3, [(0, 0); 5]);
    for m in [
        Measure::Strict,
        Measure::HalfCredit,
        Measure::YesNo,
        Measure::StateDept,
        Measure::SAbs,
        Measure::SSq,
    ] {
        assert_eq!(m.compute(&t), Some(1.0), "{m}");
    }
    for m in [
        Measure::KappaNominal,
        Measure::KappaLinear,
        Measure::KappaQuad,
        Measure::PiNominal,
        Measure::PiLinear,
        Measure::PiQuad,
    ] {
        assert_eq!(m.compute(&t), None, "{m}");
    }
}

#[test]
fn abstain_abstain_only() {
    // 4 joint abstentions: State Dept counts them in n but credits nothing
    // (0/4); Yes/No-only has no Y/N pair (undefined); strict, half-credit and
    // S treat them as agreement.
    let t = CrossTab::from_pairs(3, [(1, 1); 4]);
    assert_eq!(Measure::StateDept.compute(&t), Some(0.0));
    assert_eq!(Measure::YesNo.compute(&t), None);
    assert_eq!(Measure::Strict.compute(&t), Some(1.0));
    assert_eq!(Measure::HalfCredit.compute(&t), Some(1.0));
    assert_eq!(Measure::SAbs.compute(&t), Some(1.0));
    assert_eq!(Measure::KappaQuad.compute(&t), None);
}

#[test]
fn no_joint_observations_is_undefined_everywhere() {
    for k in 2..=4 {
        let t = CrossTab::new(k);
        for m in Measure::ALL {
            assert_eq!(m.compute(&t), None, "{m}, k = {k}");
        }
    }
    assert_eq!(
        similarity::s_weighted(&[], &[], &[], 2, Metric::Absolute),
        Ok(None)
    );
}
