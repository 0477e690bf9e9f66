//! Hand-computed fixtures: a group's plurality vote, the UN channel's tables, the
//! exact split of a shift into behaviour and agenda, and the event channels.

use multipolar_countries::{CountryId, Date, Registry};
use multipolar_data::votes::VoteTableBuilder;
use multipolar_data::{Ballot, IssueSet, Origin, RollCall, Vote, VoteTable};
use multipolar_profile::channels::{ChannelId, Indexed, Partner, Sources};
use multipolar_profile::events::{EventCounts, EventDyads};
use multipolar_profile::movement::{Driver, vote_drivers};
use multipolar_profile::poles::{Groups, Pole};
use multipolar_profile::un::pole_vote;

fn id(q: &str) -> CountryId {
    Registry::global().resolve(q, Some(2000)).unwrap()
}

/// A roll call: `(rcid, year, title, [(country, vote)])`.
type Rc<'a> = (u32, i32, &'a str, &'a [(&'a str, Vote)]);

fn table(rcs: &[Rc]) -> VoteTable {
    let mut b = VoteTableBuilder::default();
    for (rcid, year, title, votes) in rcs {
        b.add_roll_call(RollCall {
            rcid: *rcid,
            session: (*year - 1945) as u16,
            session_label: None,
            date: Date::new(*year, 10, 1).unwrap(),
            resolution: format!("R/{rcid}"),
            amend: None,
            para: None,
            important: None,
            short: title.to_string(),
            descr: String::new(),
            issues: IssueSet::default(),
            origin: Origin::Unvotes,
        });
        for (c, v) in *votes {
            b.add_ballot(
                *rcid,
                Ballot {
                    country: id(c),
                    vote: *v,
                },
            )
            .unwrap();
        }
    }
    b.finish()
}

use Vote::{Abstain as A, No as N, Yes as Y};

#[test]
fn a_group_votes_its_plurality_without_the_state() {
    let eu = Groups::bundled().get("EU").unwrap().clone();
    let t = table(&[
        // 2005: FRA Y, DEU Y, ITA N, ESP A → plurality Y (2 of 4).
        (
            1,
            2005,
            "a",
            &[("FRA", Y), ("DEU", Y), ("ITA", N), ("ESP", A), ("MAR", N)],
        ),
        // A tie (Y 1, N 1) casts no vote.
        (2, 2005, "b", &[("FRA", Y), ("ITA", N), ("MAR", Y)]),
    ]);
    assert_eq!(pole_vote(&t, 0, &eu, None), Some(Y));
    assert_eq!(pole_vote(&t, 0, &eu, Some(id("MAR"))), Some(Y));
    // Without France: DEU Y, ITA N, ESP A — a three-way tie, no vote.
    assert_eq!(pole_vote(&t, 0, &eu, Some(id("FRA"))), None);
    assert_eq!(pole_vote(&t, 1, &eu, None), None);
    // Without Italy the tie is broken: FRA Y.
    assert_eq!(pole_vote(&t, 1, &eu, Some(id("ITA"))), Some(Y));
    // A single state is its own vote; it has none against itself.
    let usa = Pole::state(id("USA"));
    assert_eq!(pole_vote(&t, 0, &usa, None), None);
}

#[test]
fn un_channel_tables_and_values_by_hand() {
    let poles = vec![Pole::state(id("USA")), Pole::state(id("CHN"))];
    // MAR vs USA in 2010: (Y,Y), (Y,N), (A,N) and seven unanimous (Y,Y) — ten roll
    // calls, the fewest a yearly value needs → half-credit (1 + 0 + 0.5 + 7)/10 = 0.85.
    let unanimous: &[(&str, Vote)] = &[("MAR", Y), ("USA", Y), ("CHN", Y)];
    let mut rcs: Vec<Rc> = vec![
        (1, 2010, "a", unanimous),
        (2, 2010, "b", &[("MAR", Y), ("USA", N), ("CHN", Y)]),
        (3, 2010, "c", &[("MAR", A), ("USA", N), ("CHN", A)]),
    ];
    rcs.extend((4..=10).map(|k| (k, 2010, "u", unanimous)));
    let t = table(&rcs);
    let src = Sources {
        votes: &t,
        ideal: None,
        alliances: None,
        arms: None,
        trade: None,
        igo: None,
        events: None,
    };
    let ix = Indexed::new(&src, &poles, 2010, 2010);
    let mar = id("MAR");
    let v = ix
        .value(ChannelId::UnAgreement, mar, &poles, 0, 2010)
        .unwrap();
    assert!((v - 0.85).abs() < 1e-12);
    // With China: identical votes → agreement 1, κ 1.
    assert_eq!(
        ix.value(ChannelId::UnAgreement, mar, &poles, 1, 2010),
        Some(1.0)
    );
    assert_eq!(
        ix.value(ChannelId::UnKappa, mar, &poles, 1, 2010),
        Some(1.0)
    );
    assert_eq!(ix.value(ChannelId::UnAgreement, mar, &poles, 0, 2011), None);
}

#[test]
fn a_shift_splits_exactly_into_behaviour_and_agenda() {
    let poles = vec![Pole::state(id("USA")), Pole::state(id("CHN"))];
    // Before (2000): topic P twice, agreeing (Y,Y) and (Y,Y); topic Q once, (Y,N).
    //   a = 1, 1, 0 → m_b = 2/3.
    // After (2001): topic P twice, now (Y,N), (Y,Y); topic R once, (N,N).
    //   a = 0, 1, 1 → m_a = 2/3 … make it move: add a second R (Y,N).
    //   a = 0, 1, 1, 0 → m_a = 1/2; Δ = −1/6.
    // Behaviour: only P is on both sides: w̄ = (2/3 + 2/4)/2 = 7/12, Δā = 0.5 − 1 = −0.5
    //   → B_P = −7/24.
    // Agenda: P: Δw = 1/2 − 2/3 = −1/6, ā̄ = 0.75, minus m_b → (−1/6)(0.75 − 2/3) = −1/72;
    //   Q dropped: −(1/3)(0 − 2/3) = +2/9; R new: (2/4)(0.5 − 2/3) = −1/12.
    //   A = −1/72 + 16/72 − 6/72 = 9/72 = 1/8.
    // B + A = −21/72 + 9/72 = −12/72 = −1/6 = Δ.
    let t = table(&[
        (1, 2000, "P", &[("MAR", Y), ("USA", Y)]),
        (2, 2000, "P", &[("MAR", Y), ("USA", Y)]),
        (3, 2000, "Q", &[("MAR", Y), ("USA", N)]),
        (4, 2001, "P", &[("MAR", Y), ("USA", N)]),
        (5, 2001, "P", &[("MAR", Y), ("USA", Y)]),
        (6, 2001, "R", &[("MAR", N), ("USA", N)]),
        (7, 2001, "R", &[("MAR", Y), ("USA", N)]),
    ]);
    let src = Sources {
        votes: &t,
        ideal: None,
        alliances: None,
        arms: None,
        trade: None,
        igo: None,
        events: None,
    };
    let ix = Indexed::new(&src, &poles, 2000, 2001);
    let (drivers, agenda) = vote_drivers(
        &ix,
        id("MAR"),
        &poles,
        0,
        (2000, 2000),
        (2001, 2001),
        -1.0 / 6.0,
    );
    let agenda = agenda.unwrap();
    assert!((agenda - 1.0 / 8.0).abs() < 1e-12, "{agenda}");
    assert_eq!(drivers.len(), 1);
    let Driver::Votes(p) = &drivers[0] else {
        panic!()
    };
    assert_eq!(p.title, "P");
    assert!((p.contribution + 7.0 / 24.0).abs() < 1e-12);
    assert!((p.contribution + agenda + 1.0 / 6.0).abs() < 1e-12);
    assert_eq!(p.roll_calls, (2, 2));
    assert_eq!(p.state_votes, ("Y 2".to_string(), "Y 2".to_string()));
    assert_eq!(p.pole_votes, ("Y 2".to_string(), "Y 1 · N 1".to_string()));
    assert_eq!(p.agreement, (1.0, 0.5));
}

#[test]
fn shifts_report_the_step_its_segments_and_only_real_moves() {
    use multipolar_profile::movement::shifts;
    // Arms share from a pole: 0.2 for 1990–1995, 0.6 for 1996–2001, with a little noise.
    let noise = [0.01, -0.01, 0.0, 0.01, -0.005, 0.0];
    let series: Vec<(i32, f64)> = (0..12)
        .map(|k| {
            (
                1990 + k,
                if k < 6 { 0.2 } else { 0.6 } + noise[k as usize % 6],
            )
        })
        .collect();
    let mut seen = Vec::new();
    let s = shifts(ChannelId::Arms, "USA", &series, |b, a, size| {
        seen.push((b, a, size));
        (Vec::new(), None)
    });
    assert_eq!(s.len(), 1);
    assert_eq!(s[0].year, 1996);
    assert_eq!(
        (s[0].before_years, s[0].after_years),
        ((1990, 1995), (1996, 2001))
    );
    // Means by hand: 0.2 + 0.005/6 and 0.6 + 0.005/6.
    assert!((s[0].before - (0.2 + 0.005 / 6.0)).abs() < 1e-12);
    assert!((s[0].size - 0.4).abs() < 1e-12);
    assert_eq!(seen, vec![((1990, 1995), (1996, 2001), s[0].size)]);
    // The same shape at a tenth of the size is below the reporting threshold.
    let small: Vec<(i32, f64)> = series.iter().map(|&(y, v)| (y, v / 10.0)).collect();
    assert!(shifts(ChannelId::Arms, "USA", &small, |_, _, _| (Vec::new(), None)).is_empty());
    // Gaps in the years are fine: the segments name the years that have data.
    let gappy: Vec<(i32, f64)> = series.iter().filter(|s| s.0 != 1993).copied().collect();
    let s = shifts(ChannelId::Arms, "USA", &gappy, |_, _, _| (Vec::new(), None));
    assert_eq!((s[0].year, s[0].before_years), (1996, (1990, 1995)));
}

/// Event counts `(coop, conflict, security_coop)`.
fn ev(coop: u64, conflict: u64, security_coop: u64) -> EventCounts {
    EventCounts {
        coop,
        conflict,
        security_coop,
    }
}

/// Morocco's and France's events in 2018; 2019 has events, none of theirs.
fn event_fixture() -> EventDyads {
    let mut d = EventDyads::new();
    let mut add = |a: &str, b: &str, y: i32, c: EventCounts| d.add(id(a), id(b), y, c);
    // Morocco, 2018 (coop, conflict, security coop):
    add("MAR", "USA", 2018, ev(3, 1, 2));
    add("USA", "MAR", 2018, ev(1, 0, 1));
    add("MAR", "FRA", 2018, ev(2, 2, 1));
    add("DEU", "MAR", 2018, ev(1, 0, 0));
    add("CHN", "MAR", 2018, ev(0, 2, 0));
    add("MAR", "DZA", 2018, ev(1, 0, 4));
    // Domestic events are no tie between states: left out.
    add("MAR", "MAR", 2018, ev(5, 0, 5));
    // France, 2018 (besides Morocco above):
    add("FRA", "DEU", 2018, ev(2, 0, 2));
    add("ITA", "FRA", 2018, ev(0, 1, 0));
    add("FRA", "USA", 2018, ev(1, 0, 1));
    add("FRA", "FRA", 2018, ev(5, 0, 5));
    // A dyad without either: changes nothing for them.
    add("USA", "CHN", 2018, ev(7, 0, 7));
    add("USA", "CHN", 2019, ev(1, 1, 1));
    d
}

fn four_poles() -> Vec<Pole> {
    let g = Groups::bundled();
    ["USA", "EU", "CHN", "RUS"]
        .iter()
        .map(|q| g.pole(q, Some(2018)).unwrap())
        .collect()
}

fn close(got: Option<f64>, want: f64, what: &str) {
    let g = got.unwrap_or_else(|| panic!("{what}: no value"));
    assert!((g - want).abs() < 1e-12, "{what}: got {g}, expected {want}");
}

#[test]
fn event_channels_by_hand() {
    let t = table(&[(1, 2018, "a", &[("MAR", Y), ("USA", Y)])]);
    let events = event_fixture();
    let src = Sources {
        votes: &t,
        ideal: None,
        alliances: None,
        arms: None,
        trade: None,
        igo: None,
        events: Some(&events),
    };
    let poles = four_poles();
    let ix = Indexed::new(&src, &poles, 2018, 2019);
    assert!(ix.channels().contains(&ChannelId::EventsCoop));
    assert!(ix.channels().contains(&ChannelId::EventsSecurity));
    let (mar, fra) = (id("MAR"), id("FRA"));
    let coop = |s, p, y| ix.value(ChannelId::EventsCoop, s, &poles, p, y);
    let sec = |s, p, y| ix.value(ChannelId::EventsSecurity, s, &poles, p, y);
    let count = |ch, s, p, y| ix.event_count(ch, s, &poles, p, y);

    // Morocco 2018, net cooperation (both directions pooled):
    //   USA: coop 3 + 1 = 4, conflict 1 → (4 − 1)/5 = 0.6.
    //   EU (FRA and DEU, two members): coop 2 + 1 = 3, conflict 2 → (3 − 2)/5 = 0.2.
    //   CHN: coop 0, conflict 2 → −1.
    //   RUS: no events → None, not 0.
    close(coop(mar, 0, 2018), 0.6, "MAR–USA net cooperation");
    close(coop(mar, 1, 2018), 0.2, "MAR–EU net cooperation");
    close(coop(mar, 2, 2018), -1.0, "MAR–CHN net cooperation");
    assert_eq!(coop(mar, 3, 2018), None);
    assert_eq!(count(ChannelId::EventsCoop, mar, 0, 2018), Some(5));
    assert_eq!(count(ChannelId::EventsCoop, mar, 1, 2018), Some(5));
    assert_eq!(count(ChannelId::EventsCoop, mar, 3, 2018), Some(0));

    // Security cooperation with all states: USA 2 + 1, FRA 1, DEU 0, CHN 0, DZA 4 = 8
    // (MAR–MAR's 5 left out). Shares: USA 3/8, EU 1/8, CHN 0, RUS 0 (Morocco has
    // security ties that year, none with them).
    close(sec(mar, 0, 2018), 3.0 / 8.0, "MAR security share USA");
    close(sec(mar, 1, 2018), 1.0 / 8.0, "MAR security share EU");
    close(sec(mar, 2, 2018), 0.0, "MAR security share CHN");
    close(sec(mar, 3, 2018), 0.0, "MAR security share RUS");
    assert_eq!(count(ChannelId::EventsSecurity, mar, 0, 2018), Some(3));
    assert_eq!(count(ChannelId::EventsSecurity, mar, 1, 2018), Some(1));
    assert_eq!(count(ChannelId::EventsSecurity, mar, 3, 2018), Some(0));
    // Partners by share: DZA 4/8, USA 3/8, FRA 1/8.
    let partner = |p: &str, share: f64| Partner {
        partner: p.into(),
        share,
    };
    assert_eq!(
        ix.partners(ChannelId::EventsSecurity, mar, 2018),
        vec![
            partner("DZA", 0.5),
            partner("USA", 0.375),
            partner("FRA", 0.125)
        ]
    );

    // 2019 is covered (USA–CHN) but Morocco has no events: no values, no counts.
    for p in 0..4 {
        assert_eq!(coop(mar, p, 2019), None);
        assert_eq!(sec(mar, p, 2019), None);
        assert_eq!(count(ChannelId::EventsSecurity, mar, p, 2019), None);
    }
    assert!(ix.partners(ChannelId::EventsSecurity, mar, 2019).is_empty());

    // France in the EU pole: compared with the other members (DEU, ITA), never itself.
    //   EU: DEU coop 2, ITA conflict 1 → (2 − 1)/3 = 1/3.
    //   Security: MAR 1, DEU 2, ITA 0, USA 1 = 4 (FRA–FRA's 5 left out) → EU 2/4,
    //   USA 1/4.
    close(
        coop(fra, 1, 2018),
        1.0 / 3.0,
        "FRA–rest of EU net cooperation",
    );
    close(coop(fra, 0, 2018), 1.0, "FRA–USA net cooperation");
    close(sec(fra, 1, 2018), 0.5, "FRA security share EU");
    close(sec(fra, 0, 2018), 0.25, "FRA security share USA");

    // Peer candidates: every state with events that year.
    let mut with_security = ix.states(ChannelId::EventsSecurity, 2018);
    with_security.sort();
    let mut want: Vec<CountryId> = ["MAR", "USA", "FRA", "DEU", "DZA", "CHN"]
        .iter()
        .map(|q| id(q))
        .collect();
    want.sort();
    assert_eq!(with_security, want);
}

#[test]
fn event_channels_appear_only_with_events_in_the_years() {
    let t = table(&[
        (1, 2018, "a", &[("MAR", Y), ("USA", Y), ("CHN", N)]),
        (2, 2019, "a", &[("MAR", Y), ("USA", Y), ("CHN", N)]),
        (3, 2017, "a", &[("MAR", Y), ("USA", Y), ("CHN", N)]),
    ]);
    let events = event_fixture();
    let poles = four_poles();
    let src = |events| Sources {
        votes: &t,
        ideal: None,
        alliances: None,
        arms: None,
        trade: None,
        igo: None,
        events,
    };
    let mar = id("MAR");
    let channels = |p: &multipolar_profile::Profile| -> Vec<ChannelId> {
        p.channels.iter().map(|c| c.channel).collect()
    };
    let p = multipolar_profile::profile(&src(Some(&events)), mar, &poles, 2018, 2019).unwrap();
    let sec = p
        .channels
        .iter()
        .find(|c| c.channel == ChannelId::EventsSecurity)
        .unwrap();
    // The security-ties counts per pole (hand counts above), 2018 then 2019.
    assert_eq!(
        sec.counts,
        vec![
            vec![Some(3), None],
            vec![Some(1), None],
            vec![Some(0), None],
            vec![Some(0), None]
        ]
    );
    assert_eq!(
        sec.top_partner[0],
        Some(Partner {
            partner: "DZA".into(),
            share: 0.5
        })
    );
    let coop = p
        .channels
        .iter()
        .find(|c| c.channel == ChannelId::EventsCoop)
        .unwrap();
    assert_eq!(coop.values[0], vec![Some(0.6), None]);
    assert_eq!(coop.counts[1], vec![Some(5), None]);
    // No event data, or none in the profile's years: no event channels.
    for (events, from, to) in [(None, 2018, 2019), (Some(&events), 2016, 2017)] {
        let p = multipolar_profile::profile(&src(events), mar, &poles, from, to).unwrap();
        let ch = channels(&p);
        assert!(!ch.contains(&ChannelId::EventsCoop), "{ch:?}");
        assert!(!ch.contains(&ChannelId::EventsSecurity), "{ch:?}");
        assert!(ch.contains(&ChannelId::UnAgreement), "{ch:?}");
    }
}
