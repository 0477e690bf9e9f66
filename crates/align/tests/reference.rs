//! Published alignment values reproduced from the bundled Voeten data.
//!
//! Sources (all in `shared/research/alignment.md`):
//! * §2.8: South Korea (ROK) against five states, from `svmiller/stevedata`
//!   `rok_unga` — `agree` (strict agreement by calendar year), `kappa`
//!   (quadratic-weighted κ, levels 1:3, by calendar year), `v_agree` (Voeten's
//!   half-credit agreement by session) — and S_abs recomputed for the note.
//! * §7.1–7.2: session-level values computed for the note from the same data.
//!
//! DIFFERENCE: the note's 2022 rows lie beyond the bundled data (sessions 1–74), and
//! its calendar-year 2010 strict/κ values come from a later data release with 68
//! joint votes where this one has 66 (the note says so); they are not tested here.

use multipolar_align::{DyadPeriod, PeriodUnit, Selection, dyads};
use multipolar_countries::Registry;
use multipolar_data::VoteTable;
use multipolar_measures::Measure;

/// Published values have six decimals.
const TOL: f64 = 1e-6;

fn votes() -> &'static VoteTable {
    static V: std::sync::OnceLock<VoteTable> = std::sync::OnceLock::new();
    V.get_or_init(|| multipolar_data::unvotes::bundled().expect("bundled data load"))
}

fn dyad(a: &str, b: &str, unit: PeriodUnit, period: i32) -> DyadPeriod {
    let reg = Registry::global();
    let year = unit.year_of(period);
    let (a, b) = (
        reg.resolve(a, Some(year)).unwrap(),
        reg.resolve(b, Some(year)).unwrap(),
    );
    let sel = Selection {
        unit,
        from: Some(year),
        to: Some(year),
        ..Selection::default()
    };
    let rows = dyads(votes(), &sel, &[(a, b)]);
    assert_eq!(rows.len(), 1, "{a:?}–{b:?} {period}");
    rows[0]
}

fn close(got: Option<f64>, want: f64, what: &str) {
    let got = got.unwrap_or_else(|| panic!("{what}: undefined, expected {want}"));
    assert!(
        (got - want).abs() < TOL,
        "{what}: got {got:.6}, expected {want:.6}"
    );
}

#[test]
fn rok_unga_calendar_years_strict_kappa_and_s() {
    // (partner, year, strict, κ quad, S_abs)
    let table = [
        ("USA", 1991, 0.169014, 0.059160, -0.281690),
        ("USA", 2015, 0.441558, 0.304886, 0.207792),
        ("RUS", 1991, 0.605634, 0.238897, 0.605634),
        ("CHN", 1991, 0.735294, 0.060526, 0.720588),
        ("MAR", 1991, 0.742857, -0.025105, 0.728571),
    ];
    for (p, y, strict, kq, s) in table {
        let d = dyad("KOR", p, PeriodUnit::Year, y);
        close(
            d.value(Measure::Strict),
            strict,
            &format!("ROK–{p} {y} strict"),
        );
        close(
            d.value(Measure::KappaQuad),
            kq,
            &format!("ROK–{p} {y} kappa_quad"),
        );
        close(d.value(Measure::SAbs), s, &format!("ROK–{p} {y} s_abs"));
    }
}

#[test]
fn rok_unga_voeten_agreement_by_session() {
    // (partner, session, Voeten agree, n where the note gives it)
    let table = [
        ("USA", 46, 0.368056, Some(72)),
        ("USA", 70, 0.609589, Some(73)),
        ("RUS", 46, 0.802817, None),
        ("CHN", 46, 0.862319, None),
        ("MAR", 46, 0.866197, None),
        ("JPN", 65, 0.929412, None),
        ("PRK", 65, 0.633333, None),
    ];
    for (p, s, agree, n) in table {
        let d = dyad("KOR", p, PeriodUnit::Session, s);
        close(
            d.value(Measure::HalfCredit),
            agree,
            &format!("ROK–{p} s{s} half_credit"),
        );
        if let Some(n) = n {
            assert_eq!(d.n(), n, "ROK–{p} s{s} joint votes");
        }
    }
}

#[test]
fn usa_mexico_1946_fixture() {
    // §7.1: the 3×3 table and every value computed for the note.
    let d = dyad("USA", "MEX", PeriodUnit::Session, 1);
    assert_eq!(d.counts, [17, 2, 5, 0, 0, 2, 9, 1, 2]);
    let want = [
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
    for (m, v) in want {
        close(d.value(m), v, &format!("USA–MEX s1 {m}"));
    }
}

#[test]
fn session_values_of_section_7_2() {
    // (a, b, session, n, half-credit, S_abs, κ quad, π nominal)
    let table = [
        (
            "USA", "RUS", 1, 43, 0.279070, -0.441860, -0.436526, -0.423984,
        ),
        (
            "USA", "RUS", 74, 87, 0.287356, -0.425287, -0.191781, -0.351570,
        ),
        (
            "USA", "CHN", 74, 89, 0.202247, -0.595506, -0.179842, -0.530371,
        ),
        ("USA", "ISR", 74, 89, 0.960674, 0.921348, 0.910241, 0.877764),
        ("USA", "GBR", 46, 72, 0.701389, 0.402778, 0.423645, 0.309042),
        ("CHN", "RUS", 74, 87, 0.873563, 0.747126, 0.709613, 0.500399),
    ];
    for (a, b, s, n, half, sabs, kq, pi) in table {
        let d = dyad(a, b, PeriodUnit::Session, s);
        let what = format!("{a}–{b} s{s}");
        assert_eq!(d.n(), n, "{what} n");
        close(
            d.value(Measure::HalfCredit),
            half,
            &format!("{what} half_credit"),
        );
        close(d.value(Measure::SAbs), sabs, &format!("{what} s_abs"));
        close(
            d.value(Measure::KappaQuad),
            kq,
            &format!("{what} kappa_quad"),
        );
        close(
            d.value(Measure::PiNominal),
            pi,
            &format!("{what} pi_nominal"),
        );
        // The identity S_abs = 2·half − 1 holds on every three-category table.
        close(
            d.value(Measure::SAbs),
            2.0 * half - 1.0,
            &format!("{what} identity"),
        );
    }
}
