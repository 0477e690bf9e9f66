//! The bit-set engine against a plain loop over ballots, on the real data.

use multipolar_align::explain::joint_votes;
use multipolar_align::{PeriodUnit, Selection, all_dyads};
use multipolar_data::VoteTable;

fn votes() -> VoteTable {
    multipolar_data::unvotes::bundled().expect("bundled data load")
}

#[test]
fn crosstabs_match_a_plain_loop() {
    let t = votes();
    for unit in [PeriodUnit::Session, PeriodUnit::Year] {
        let sel = Selection {
            unit,
            ..Selection::default()
        };
        let periods = sel.periods(&t);
        let rows = all_dyads(&t, &sel);
        // Every 97th dyad-period: a few thousand checks spread over all periods.
        for r in rows.iter().step_by(97) {
            let set = periods.iter().find(|p| p.period == r.period).unwrap();
            let mut want = [0u32; 9];
            for v in joint_votes(&t, set, r.a, r.b) {
                want[usize::from(v.a.level()) * 3 + usize::from(v.b.level())] += 1;
            }
            assert_eq!(
                r.counts, want,
                "{:?} {} {:?}–{:?}",
                unit, r.period, r.a, r.b
            );
        }
    }
}

#[test]
fn every_dyad_session_is_present_once() {
    let t = votes();
    let sel = Selection::default();
    let rows = all_dyads(&t, &sel);
    for set in sel.periods(&t) {
        let mut voters: Vec<_> = set
            .roll_calls
            .iter()
            .flat_map(|&i| t.ballots(i).iter().map(|b| b.country))
            .collect();
        voters.sort_unstable();
        voters.dedup();
        let k = voters.len();
        let n = rows.iter().filter(|r| r.period == set.period).count();
        assert_eq!(n, k * (k - 1) / 2, "session {}", set.period);
    }
    // The peer's count of dyad-sessions with at least one joint vote
    // (shared/bench/README.md: 826,638).
    assert_eq!(rows.iter().filter(|r| r.n() > 0).count(), 826_638);
}

#[test]
fn filters_select_what_they_say() {
    let t = votes();
    let base = Selection::default();
    let no_amend = Selection {
        amendments: false,
        ..base.clone()
    };
    let no_unan = Selection {
        unanimous: false,
        ..base.clone()
    };
    let imp = Selection {
        important_only: true,
        ..base.clone()
    };
    for i in 0..t.roll_calls().len() {
        let rc = &t.roll_calls()[i];
        assert_eq!(
            no_amend.keeps(&t, i),
            rc.amend != Some(true) && rc.para != Some(true)
        );
        let b = t.ballots(i);
        assert_eq!(no_unan.keeps(&t, i), b.iter().any(|x| x.vote != b[0].vote));
        assert_eq!(imp.keeps(&t, i), rc.important == Some(true));
    }
    // Years map to sessions by year = session + 1945.
    let s = Selection {
        from: Some(1991),
        to: Some(1991),
        ..base
    };
    assert!(s.periods(&t).iter().all(|p| p.period == 46));
}
