//! Pure geometry for the charts: axis ticks, data extents and clipping.

/// Smallest "nice" step (1, 2 or 5 times a power of ten) of at least `raw`.
fn nice_step(raw: f64) -> f64 {
    let magnitude = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|step| *step >= raw * (1.0 - 1e-9))
        .unwrap_or(10.0 * magnitude)
}

/// Tick positions on `[lo, hi]` with at most about `max_ticks` ticks, the
/// step being at least `min_step`, and the decimals needed to print them.
pub fn ticks(lo: f64, hi: f64, max_ticks: usize, min_step: f64) -> (Vec<f64>, usize) {
    let step = nice_step(((hi - lo) / max_ticks.max(1) as f64).max(min_step));
    let first = (lo / step - 1e-9).ceil() as i64;
    let last = (hi / step + 1e-9).floor() as i64;
    // `+ 0.0` turns -0.0 into 0.0 so the label never reads "-0".
    let values = (first..=last).map(|k| k as f64 * step + 0.0).collect();
    let decimals = (-(step.log10() + 1e-9).floor()).max(0.0) as usize;
    (values, decimals)
}

/// Min and max of the finite values, or `None` if there are none.
pub fn extent(values: impl IntoIterator<Item = f64>) -> Option<(f64, f64)> {
    values
        .into_iter()
        .filter(|v| v.is_finite())
        .fold(None, |acc, v| match acc {
            None => Some((v, v)),
            Some((lo, hi)) => Some((lo.min(v), hi.max(v))),
        })
}

/// Widens `(lo, hi)` by `fraction` of its span on each side, or by `fallback`
/// when it is a single value, so that data never sits on the frame.
pub fn pad(lo: f64, hi: f64, fraction: f64, fallback: f64) -> (f64, f64) {
    if hi > lo {
        let margin = (hi - lo) * fraction;
        (lo - margin, hi + margin)
    } else {
        (lo - fallback, hi + fallback)
    }
}

/// Splits `points` (finite x, sorted) into drawable runs: a non-finite y ends a
/// run, and segments are clipped to `lo..=hi` in y. Runs of one point are dots.
pub fn line_runs(points: &[(f64, f64)], lo: f64, hi: f64) -> Vec<Vec<(f64, f64)>> {
    let mut runs = Vec::new();
    for finite in points.split(|p| !p.1.is_finite()) {
        if let [only] = finite {
            if (lo..=hi).contains(&only.1) {
                runs.push(vec![*only]);
            }
            continue;
        }
        let mut current: Vec<(f64, f64)> = Vec::new();
        for pair in finite.windows(2) {
            match clip_segment(pair[0], pair[1], lo, hi) {
                Some((start, end)) => {
                    if current.last() != Some(&start) && !current.is_empty() {
                        runs.push(std::mem::take(&mut current));
                    }
                    if current.is_empty() {
                        current.push(start);
                    }
                    current.push(end);
                }
                None if !current.is_empty() => runs.push(std::mem::take(&mut current)),
                None => {}
            }
        }
        if !current.is_empty() {
            runs.push(current);
        }
    }
    runs
}

/// The part of segment `a`–`b` with y in `lo..=hi`; unclipped ends are
/// returned exactly, so consecutive segments still join.
fn clip_segment(
    a: (f64, f64),
    b: (f64, f64),
    lo: f64,
    hi: f64,
) -> Option<((f64, f64), (f64, f64))> {
    let dy = b.1 - a.1;
    if dy == 0.0 {
        return (lo..=hi).contains(&a.1).then_some((a, b));
    }
    let (t_lo, t_hi) = ((lo - a.1) / dy, (hi - a.1) / dy);
    let t0 = t_lo.min(t_hi).max(0.0);
    let t1 = t_lo.max(t_hi).min(1.0);
    // `t0 == t1` only touches the range at one point: nothing to draw.
    if t0 >= t1 {
        return None;
    }
    let at = |t: f64| {
        if t <= 0.0 {
            a
        } else if t >= 1.0 {
            b
        } else {
            (a.0 + t * (b.0 - a.0), a.1 + t * dy)
        }
    };
    Some((at(t0), at(t1)))
}

/// Splits a band (sorted by x) into runs of finite entries, with low and high
/// clamped to `lo..=hi`.
pub fn band_runs(band: &[(f64, f64, f64)], lo: f64, hi: f64) -> Vec<Vec<(f64, f64, f64)>> {
    band.split(|b| !(b.1.is_finite() && b.2.is_finite()))
        .filter(|run| !run.is_empty())
        .map(|run| {
            run.iter()
                .map(|&(x, l, h)| (x, l.clamp(lo, hi), h.clamp(lo, hi)))
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn year_ticks_are_integers_with_a_nice_step() {
        let (t, d) = ticks(1946.0, 2020.0, 8, 1.0);
        assert_eq!(d, 0);
        assert_eq!(t.first(), Some(&1950.0));
        assert_eq!(t.last(), Some(&2020.0));
        assert!(t.windows(2).all(|w| w[1] - w[0] == 10.0));
        // A short span never gets fractional years.
        let (t, _) = ticks(1999.8, 2001.2, 10, 1.0);
        assert_eq!(t, vec![2000.0, 2001.0]);
    }

    #[test]
    fn fractional_ticks_carry_their_decimals() {
        let (t, d) = ticks(0.0, 1.0, 6, 0.0);
        assert_eq!(d, 1);
        assert_eq!(t.len(), 6);
        let (t, d) = ticks(-0.13, 0.12, 5, 0.0);
        assert_eq!(d, 2);
        assert!(t.contains(&0.0) && t.iter().all(|v| (-0.13..=0.12).contains(v)));
        assert!(!format!("{:.2}", t[2]).starts_with('-'));
    }

    #[test]
    fn extent_skips_non_finite() {
        assert_eq!(
            extent([f64::NAN, 2.0, -1.0, f64::INFINITY]),
            Some((-1.0, 2.0))
        );
        assert_eq!(extent([f64::NAN]), None);
    }

    #[test]
    fn nan_breaks_runs_and_isolated_points_stay() {
        let pts = [
            (1.0, 0.1),
            (2.0, 0.2),
            (3.0, f64::NAN),
            (4.0, 0.4),
            (5.0, f64::NAN),
        ];
        let runs = line_runs(&pts, 0.0, 1.0);
        assert_eq!(runs, vec![vec![(1.0, 0.1), (2.0, 0.2)], vec![(4.0, 0.4)]]);
    }

    #[test]
    fn lines_are_clipped_to_the_range() {
        // Goes above 1 between x=2 and x=4: split in two runs at y=1.
        let pts = [(1.0, 0.5), (2.0, 1.0), (3.0, 2.0), (4.0, 1.0), (5.0, 0.5)];
        let runs = line_runs(&pts, 0.0, 1.0);
        assert_eq!(runs.len(), 2);
        assert_eq!(runs[0], vec![(1.0, 0.5), (2.0, 1.0)]);
        assert_eq!(runs[1], vec![(4.0, 1.0), (5.0, 0.5)]);
        let crossing = line_runs(&[(0.0, 0.0), (1.0, 2.0)], 0.0, 1.0);
        assert_eq!(crossing, vec![vec![(0.0, 0.0), (0.5, 1.0)]]);
    }

    #[test]
    fn bands_split_on_nan_and_clamp() {
        let band = [(1.0, -0.5, 0.5), (2.0, f64::NAN, 1.0), (3.0, 0.2, 1.5)];
        let runs = band_runs(&band, 0.0, 1.0);
        assert_eq!(runs, vec![vec![(1.0, 0.0, 0.5)], vec![(3.0, 0.2, 1.0)]]);
    }
}
