//! Hand-computed fixtures and edge cases.

use super::*;

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * (1.0 + b.abs())
}

fn mean_with_sigma(sigma: f64, penalty: Penalty) -> Options {
    Options {
        sigma: Some(sigma),
        penalty,
        ..Options::default()
    }
}

#[test]
fn one_clean_step_mbic() {
    // n = 10, σ = 1, MBIC for a change in mean: β = 3 ln 10 ≈ 6.908.
    // No change: mean 5, RSS = 10·5² = 250, objective 250 + ln 10 ≈ 252.3.
    // Change at 5: RSS 0 + 0, objective 0 + ln 5 + ln 5 + 3 ln 10 ≈ 10.13.
    // A second change only adds β (and ln terms), so one change at 5 wins.
    let x = [0.0, 0.0, 0.0, 0.0, 0.0, 10.0, 10.0, 10.0, 10.0, 10.0];
    for method in [Method::Pelt, Method::BinSeg { max_changes: None }] {
        let opts = Options {
            method,
            ..mean_with_sigma(1.0, Penalty::Mbic)
        };
        let seg = detect(&x, &opts).unwrap();
        assert_eq!(
            seg.change_points,
            vec![ChangePoint {
                index: 5,
                mean_before: 0.0,
                mean_after: 10.0
            }]
        );
        assert_eq!(seg.change_points[0].shift(), 10.0);
        assert!(close(seg.penalty, 3.0 * 10f64.ln()));
        assert!(close(seg.cost, 0.0));
        assert!(close(seg.objective, 2.0 * 5f64.ln() + 3.0 * 10f64.ln()));
        assert_eq!(seg.segments.len(), 2);
        assert_eq!((seg.segments[1].start, seg.segments[1].end), (5, 10));
    }
}

#[test]
fn one_noisy_step_bic() {
    // n = 8, BIC for a change in mean: β = 2 ln 8 ≈ 4.159.
    // Change at 4: [0,2,0,2] mean 1, RSS 4; [10,12,10,12] mean 11, RSS 4.
    // σ = 1: cost 8, objective 8 + 2 ln 8. No change: mean 6,
    // RSS = 4·36 + 4·16 + ... = 208. Splitting [0,2,0,2] further (only
    // [0,2][0,2] respects length 2) leaves its RSS at 2 + 2 = 4, so
    // every extra change costs β for nothing.
    let x = [0.0, 2.0, 0.0, 2.0, 10.0, 12.0, 10.0, 12.0];
    let seg = detect(&x, &mean_with_sigma(1.0, Penalty::Bic)).unwrap();
    let idx: Vec<usize> = seg.change_points.iter().map(|c| c.index).collect();
    assert_eq!(idx, vec![4]);
    assert!(close(seg.cost, 8.0));
    assert!(close(seg.penalty, 2.0 * 8f64.ln()));
    assert!(close(seg.objective, 8.0 + 2.0 * 8f64.ln()));
    assert_eq!(
        seg.segments,
        vec![
            Segment {
                start: 0,
                end: 4,
                mean: 1.0,
                variance: 1.0
            },
            Segment {
                start: 4,
                end: 8,
                mean: 11.0,
                variance: 1.0
            },
        ]
    );
    // σ = 2 divides the cost by 4: 8 / 4 = 2.
    let seg = detect(&x, &mean_with_sigma(2.0, Penalty::Bic)).unwrap();
    assert_eq!(seg.change_points.len(), 1);
    assert!(close(seg.cost, 2.0));
    assert!(close(seg.objective, 2.0 + 2.0 * 8f64.ln()));
}

#[test]
fn mean_and_variance_fixture() {
    // x: [0,2]×3 (mean 1, variance 1) then [10,14]×3 (mean 12, variance 4).
    // Whole series: mean 6.5, variance (3·(6.5² + 4.5²) + 3·(3.5² + 7.5²))/12
    // = (187.5 + 205.5)/12 = 32.75, so ε = 32.75e-8.
    // Change at 6: cost 6(ln 2π + ln(1 + ε) + 1) + 6(ln 2π + ln(4 + ε) + 1)
    // ≈ 6·2.838 + 6·4.225 ≈ 42.38; MBIC β = 4 ln 12 ≈ 9.94, objective adds
    // ln 6 + ln 6. No change: 12(ln 2π + ln 32.75 + 1) + ln 12 ≈ 76.7.
    // Splitting [0,2,0,2,0,2] into [0,2,0][2,0,2] (variance 8/9 each) saves
    // only 6 ln(9/8) ≈ 0.71, far below β.
    let x = [
        0.0, 2.0, 0.0, 2.0, 0.0, 2.0, 10.0, 14.0, 10.0, 14.0, 10.0, 14.0,
    ];
    let opts = Options {
        cost: Cost::MeanVar,
        ..Options::default()
    };
    let seg = detect(&x, &opts).unwrap();
    let idx: Vec<usize> = seg.change_points.iter().map(|c| c.index).collect();
    assert_eq!(idx, vec![6]);
    let eps: f64 = 32.75e-8;
    let ln2pi = std::f64::consts::TAU.ln();
    let cost = 6.0 * (ln2pi + (1.0 + eps).ln() + 1.0) + 6.0 * (ln2pi + (4.0 + eps).ln() + 1.0);
    assert!(close(seg.cost, cost));
    assert!(close(seg.penalty, 4.0 * 12f64.ln()));
    assert!(close(
        seg.objective,
        cost + 2.0 * 6f64.ln() + 4.0 * 12f64.ln()
    ));
    assert_eq!(seg.sigma, None);
    assert!(close(seg.segments[1].variance, 4.0));
}

#[test]
fn step_with_estimated_sigma() {
    // σ̂ = 10/(3√2) ≈ 2.357 (SD of differences, as Qn is 0): the step
    // of 10 is 4.2σ̂ over 5 + 5 points — RSS drop 250/σ̂² = 45, far above
    // MBIC's 3 ln 10 + 2 ln 5 − ln 10 ≈ 7.8.
    let x = [0.0, 0.0, 0.0, 0.0, 0.0, 10.0, 10.0, 10.0, 10.0, 10.0];
    let seg = detect(&x, &Options::default()).unwrap();
    assert_eq!(seg.change_points.len(), 1);
    assert_eq!(seg.change_points[0].index, 5);
    let sigma = seg.sigma.unwrap();
    assert_eq!(sigma.source, SigmaSource::SdOfDifferences);
    assert!(close(sigma.value, 10.0 / (3.0 * 2f64.sqrt())));
}

#[test]
fn penalty_values_follow_r_changepoint() {
    let ln = |n: f64| n.ln();
    assert!(close(Penalty::Bic.value(Cost::Mean, 30), 2.0 * ln(30.0)));
    assert!(close(Penalty::Bic.value(Cost::MeanVar, 30), 3.0 * ln(30.0)));
    assert!(close(Penalty::Mbic.value(Cost::Mean, 30), 3.0 * ln(30.0)));
    assert!(close(
        Penalty::Mbic.value(Cost::MeanVar, 30),
        4.0 * ln(30.0)
    ));
    assert_eq!(Penalty::Manual(7.5).value(Cost::Mean, 30), 7.5);
}

#[test]
fn empty_and_single_value() {
    let seg = detect(&[], &Options::default()).unwrap();
    assert!(seg.change_points.is_empty());
    assert!(seg.segments.is_empty());
    assert_eq!((seg.cost, seg.objective), (0.0, 0.0));
    assert_eq!(seg.sigma, None);

    for cost in [Cost::Mean, Cost::MeanVar] {
        let opts = Options {
            cost,
            ..Options::default()
        };
        let seg = detect(&[0.4], &opts).unwrap();
        assert!(seg.change_points.is_empty());
        assert_eq!(seg.segments.len(), 1);
        assert_eq!(seg.segments[0].mean, 0.4);
        assert!(seg.cost.is_finite() && seg.objective.is_finite());
    }
}

#[test]
fn constant_series_has_no_change_and_no_nan() {
    for cost in [Cost::Mean, Cost::MeanVar] {
        for penalty in [Penalty::Mbic, Penalty::Bic, Penalty::Manual(0.0)] {
            for method in [Method::Pelt, Method::BinSeg { max_changes: None }] {
                let opts = Options {
                    cost,
                    penalty,
                    method,
                    ..Options::default()
                };
                let seg = detect(&[0.3; 25], &opts).unwrap();
                assert!(seg.change_points.is_empty());
                assert_eq!(seg.segments.len(), 1);
                assert!((seg.segments[0].mean - 0.3).abs() < 1e-15);
                assert!(seg.cost.is_finite() && seg.objective.is_finite());
                assert_eq!(seg.sigma, None);
            }
        }
    }
    // A supplied σ is reported even when there is nothing to detect.
    let seg = detect(&[2.0; 5], &mean_with_sigma(0.5, Penalty::Mbic)).unwrap();
    assert_eq!(seg.sigma.unwrap().source, SigmaSource::Supplied);
    assert_eq!(seg.cost, 0.0);
}

#[test]
fn too_short_for_two_segments() {
    // Length 3 < 2 × minimum length 2: no split is allowed at all.
    let seg = detect(&[0.0, 100.0, 100.0], &mean_with_sigma(1.0, Penalty::Mbic)).unwrap();
    assert!(seg.change_points.is_empty());
    // With minimum length 1 the jump is found.
    let opts = Options {
        min_segment_len: Some(1),
        ..mean_with_sigma(1.0, Penalty::Mbic)
    };
    let seg = detect(&[0.0, 100.0, 100.0], &opts).unwrap();
    assert_eq!(seg.change_points[0].index, 1);
}

#[test]
fn binseg_respects_max_changes() {
    let x = [
        0.0, 0.1, 0.0, 0.1, 0.0, 5.0, 5.1, 5.0, 5.1, 5.0, 0.0, 0.1, 0.0, 0.1, 0.0,
    ];
    let base = mean_with_sigma(0.1, Penalty::Mbic);
    let index = |opts: &Options| -> Vec<usize> {
        let seg = detect(&x, opts).unwrap();
        seg.change_points.iter().map(|c| c.index).collect()
    };
    assert_eq!(index(&base), vec![5, 10]);
    let unlimited = Options {
        method: Method::BinSeg { max_changes: None },
        ..base
    };
    assert_eq!(index(&unlimited), vec![5, 10]);
    let one = Options {
        method: Method::BinSeg {
            max_changes: Some(1),
        },
        ..base
    };
    assert_eq!(index(&one).len(), 1);
}

#[test]
fn invalid_input_is_an_error() {
    let opts = Options::default();
    assert_eq!(
        detect(&[0.0, 1.0, f64::NAN], &opts),
        Err(Error::NonFinite { index: 2 })
    );
    assert_eq!(
        detect(&[f64::INFINITY], &opts),
        Err(Error::NonFinite { index: 0 })
    );
    for bad in [0.0, -1.0, f64::INFINITY] {
        let opts = Options {
            sigma: Some(bad),
            ..Options::default()
        };
        assert_eq!(detect(&[1.0, 2.0], &opts), Err(Error::InvalidSigma(bad)));
    }
    let opts = Options {
        sigma: Some(f64::NAN),
        ..Options::default()
    };
    assert!(matches!(
        detect(&[1.0], &opts),
        Err(Error::InvalidSigma(s)) if s.is_nan()
    ));
    let opts = Options {
        penalty: Penalty::Manual(-1.0),
        ..Options::default()
    };
    assert_eq!(detect(&[1.0], &opts), Err(Error::InvalidPenalty(-1.0)));
    let opts = Options {
        cost: Cost::MeanVar,
        min_segment_len: Some(1),
        ..Options::default()
    };
    let err = detect(&[1.0], &opts).unwrap_err();
    assert_eq!(
        err,
        Error::MinSegmentLenTooSmall {
            cost: Cost::MeanVar,
            given: 1
        }
    );
    assert!(err.to_string().contains("below 2"));
    let opts = Options {
        min_segment_len: Some(0),
        ..Options::default()
    };
    assert!(detect(&[1.0], &opts).is_err());
}

#[test]
fn conventions_are_printable() {
    assert_eq!(Method::default().to_string(), "PELT");
    assert!(Penalty::default().to_string().starts_with("MBIC"));
    assert!(Cost::default().to_string().contains("change in mean"));
    assert_eq!(
        SigmaSource::QnOfDifferences.to_string(),
        "Qn of first differences / sqrt(2)"
    );
}
