//! Coverage per channel, the years left out as too thin, and the default period, on
//! hand-made data.

use std::collections::HashMap;

use multipolar_countries::{CountryId, Date, Registry};
use multipolar_data::csvsrc::Source;
use multipolar_data::votes::VoteTableBuilder;
use multipolar_data::{Ballot, IssueSet, Origin, RollCall, Vote, VoteTable};
use multipolar_dependence::arms::arms_dependence;
use multipolar_dependence::cow::{TradeDyad, TradeSource};
use multipolar_dependence::sipri::{self, TivSource};
use multipolar_dependence::trade::trade_dependence;
use multipolar_profile::channels::{ChannelId, Sources};
use multipolar_profile::coverage::{Coverage, Dropped};
use multipolar_profile::events::{EventCounts, EventDyads};
use multipolar_profile::poles::Pole;
use multipolar_profile::{Profile, default_period, last_complete_year, profile};

use Vote::{No as N, Yes as Y};

fn id(q: &str) -> CountryId {
    Registry::global().resolve(q, Some(2000)).unwrap()
}

/// Roll calls `(date, [(country, vote)])`, numbered in order; session = year − 1945.
fn table(rcs: &[(Date, Vec<(&str, Vote)>)]) -> VoteTable {
    let mut b = VoteTableBuilder::default();
    for (k, (date, votes)) in rcs.iter().enumerate() {
        let rcid = k as u32 + 1;
        b.add_roll_call(RollCall {
            rcid,
            session: (date.year - 1945) as u16,
            session_label: None,
            date: *date,
            resolution: format!("R/{rcid}"),
            amend: None,
            para: None,
            important: None,
            short: "t".into(),
            descr: String::new(),
            issues: IssueSet::default(),
            origin: Origin::Unvotes,
        });
        for (c, v) in votes {
            b.add_ballot(
                rcid,
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

fn date(y: i32, m: u8, d: u8) -> Date {
    Date::new(y, m, d).unwrap()
}

/// `n` roll calls in `year`, MAR and USA agreeing on the first `agree`, opposed on
/// the rest; CHN votes yes on all.
fn year_of(year: i32, n: usize, agree: usize) -> Vec<(Date, Vec<(&'static str, Vote)>)> {
    (0..n)
        .map(|k| {
            let usa = if k < agree { Y } else { N };
            (
                date(year, 10, 1),
                vec![("MAR", Y), ("USA", usa), ("CHN", Y)],
            )
        })
        .collect()
}

fn poles() -> Vec<Pole> {
    vec![Pole::state(id("USA")), Pole::state(id("CHN"))]
}

fn bare(votes: &VoteTable) -> Sources<'_> {
    Sources {
        votes,
        ideal: None,
        alliances: None,
        arms: None,
        trade: None,
        igo: None,
        events: None,
    }
}

fn series(p: &Profile, ch: ChannelId, pole: usize) -> Vec<Option<f64>> {
    p.channels.iter().find(|c| c.channel == ch).unwrap().values[pole].clone()
}

fn coverage(p: &Profile, ch: ChannelId) -> Vec<(i32, i32, String)> {
    p.coverage
        .iter()
        .filter(|c| c.channel == ch)
        .map(|c| (c.from, c.to, c.source.clone()))
        .collect()
}

#[test]
fn un_years_with_fewer_than_ten_roll_calls_are_left_out() {
    // MAR and USA: 2018 12 roll calls, 9 agreeing → (9 + 0)/12 = 0.75; 2019 exactly
    // 10, 6 agreeing → 0.6; 2020 3 roll calls (a partial year) → left out; CHN 2018
    // 12/12 → 1.
    let mut rcs = year_of(2018, 12, 9);
    rcs.extend(year_of(2019, 10, 6));
    rcs.extend(year_of(2020, 3, 3));
    let t = table(&rcs);
    let p = profile(&bare(&t), id("MAR"), &poles(), 2018, 2020).unwrap();
    assert_eq!(
        series(&p, ChannelId::UnAgreement, 0),
        [Some(0.75), Some(0.6), None]
    );
    assert_eq!(series(&p, ChannelId::UnAgreement, 1)[0], Some(1.0));
    assert_eq!(series(&p, ChannelId::UnKappa, 0)[2], None);
    let reason = "MAR voted in 3 roll calls in 2020, fewer than 10".to_string();
    assert_eq!(
        p.dropped,
        [
            Dropped {
                channel: ChannelId::UnAgreement,
                year: 2020,
                reason: reason.clone()
            },
            Dropped {
                channel: ChannelId::UnKappa,
                year: 2020,
                reason
            }
        ]
    );
    // The data cover 2018–2020 (2020 in part); the summary stands on 2018–2019.
    let unvotes = ChannelId::UnAgreement.source().to_string();
    assert_eq!(
        coverage(&p, ChannelId::UnAgreement),
        [(2018, 2020, unvotes)]
    );
    let recent = p
        .recent
        .iter()
        .find(|r| r.channel == ChannelId::UnKappa)
        .unwrap();
    assert_eq!(recent.years, Some((2018, 2019)));
    // With nine roll calls 2019 is left out too.
    let mut rcs = year_of(2018, 12, 9);
    rcs.extend(year_of(2019, 9, 6));
    let t = table(&rcs);
    let p = profile(&bare(&t), id("MAR"), &poles(), 2018, 2019).unwrap();
    assert_eq!(series(&p, ChannelId::UnAgreement, 0), [Some(0.75), None]);
    assert_eq!(
        p.dropped[0].reason,
        "MAR voted in 9 roll calls in 2019, fewer than 10"
    );
}

#[test]
fn the_default_period_ends_at_the_last_complete_year() {
    let ends = |d: Date| {
        let t = table(&[(d, vec![("MAR", Y)])]);
        (last_complete_year(&t), default_period(&t))
    };
    // The bundled data end on 2020-01-14: 2019 is the last complete year.
    assert_eq!(ends(date(2020, 1, 14)), (Some(2019), Some((1990, 2019))));
    // Data to December cover their year; to October they do not.
    assert_eq!(ends(date(2019, 12, 18)).0, Some(2019));
    assert_eq!(ends(date(2019, 10, 5)).0, Some(2018));
    assert_eq!(last_complete_year(&table(&[])), None);
    // And on the bundled votes themselves.
    let bundled = multipolar_data::unvotes::bundled().unwrap();
    assert_eq!(default_period(&bundled), Some((1990, 2019)));
}

#[test]
fn ideal_points_of_thin_sessions_are_left_out() {
    // Session 73 (2018): MAR votes 12 times; session 74 (2019): 3 times.
    let mut rcs = year_of(2018, 12, 12);
    rcs.extend(year_of(2019, 3, 3));
    let t = table(&rcs);
    let (mar, usa, chn) = (id("MAR"), id("USA"), id("CHN"));
    let mut ideal: HashMap<(CountryId, i32), f64> = HashMap::new();
    for y in [2018, 2019] {
        ideal.insert((mar, y), -0.5);
        ideal.insert((usa, y), 2.0);
        ideal.insert((chn, y), -1.0);
    }
    let src = Sources {
        ideal: Some(&ideal),
        ..bare(&t)
    };
    let p = profile(&src, mar, &poles(), 2018, 2019).unwrap();
    let c = p
        .channels
        .iter()
        .find(|c| c.channel == ChannelId::Ideal)
        .unwrap();
    assert_eq!(c.own, [Some(-0.5), None]);
    assert_eq!(c.values[0], [Some(2.0), None]);
    // λ(USA↔CHN) 2018 = (−0.5 + 1)/(2 + 1) = 1/6.
    assert!((p.between[0].lambda[0].unwrap() - 1.0 / 6.0).abs() < 1e-12);
    assert_eq!(p.between[0].lambda[1], None);
    assert!(p.dropped.contains(&Dropped {
        channel: ChannelId::Ideal,
        year: 2019,
        reason: "MAR cast 3 votes in session 74, fewer than 10".into()
    }));
    assert_eq!(
        coverage(&p, ChannelId::Ideal),
        [(2018, 2019, ChannelId::Ideal.source().to_string())]
    );
}

#[test]
fn arms_windows_reaching_before_the_data_are_left_out_and_sources_named() {
    // MAR imports from the USA every year 1950–1956 (TIV table) and from France in
    // 1957 (register-derived cell): 5-year windows ending 1950–1953 start before
    // 1950. USA's share: 1 for 1954–1956; 1957 window 1953–1957: USA 4 × 10 = 40,
    // France 10 → 0.8.
    let mut csv = String::from("supplier,recipient,year,tiv\n");
    for y in 1950..=1956 {
        csv += &format!("United States,Morocco,{y},10\n");
    }
    let mut t = sipri::read_tiv(Source::from_bytes("tiv.csv", csv.as_bytes())).unwrap();
    t.cells.push(sipri::TivCell {
        supplier: multipolar_dependence::sipri::Party::State(id("FRA")),
        recipient: multipolar_dependence::sipri::Party::State(id("MAR")),
        year: 1957,
        tiv: 10.0,
        source: TivSource::Register,
    });
    let d = arms_dependence(&t.cells, 5);
    let votes = year_of(1950, 10, 10)
        .into_iter()
        .chain((1951..=1957).flat_map(|y| year_of(y, 10, 10)))
        .collect::<Vec<_>>();
    let v = table(&votes);
    let src = Sources {
        arms: Some((&d, &t.parties)),
        ..bare(&v)
    };
    let p = profile(&src, id("MAR"), &poles(), 1950, 1957).unwrap();
    let arms = series(&p, ChannelId::Arms, 0);
    assert_eq!(arms[..4], [None, None, None, None]);
    assert_eq!(arms[4..7], [Some(1.0), Some(1.0), Some(1.0)]);
    assert!((arms[7].unwrap() - 0.8).abs() < 1e-12);
    let dropped: Vec<&Dropped> = p
        .dropped
        .iter()
        .filter(|d| d.channel == ChannelId::Arms)
        .collect();
    assert_eq!(dropped.len(), 4);
    assert_eq!(
        dropped[3].reason,
        "the 5-year window 1949–1953 starts before the data's first year (1950)"
    );
    assert_eq!(
        coverage(&p, ChannelId::Arms),
        [
            (1950, 1956, TivSource::Table.describe().to_string()),
            (1957, 1957, TivSource::Register.describe().to_string())
        ]
    );
    // A profile of 1955–1957 shows the sources within its years only, nothing left out.
    let p = profile(&src, id("MAR"), &poles(), 1955, 1957).unwrap();
    assert_eq!(
        coverage(&p, ChannelId::Arms)
            .iter()
            .map(|c| (c.0, c.1))
            .collect::<Vec<_>>(),
        [(1955, 1956), (1957, 1957)]
    );
    assert!(p.dropped.is_empty());
}

#[test]
fn trade_coverage_names_each_source() {
    // MAR–USA: 2014 from COW, 2015 imported from BACI; shares 1 (one partner each).
    let dyad = |year, source| TradeDyad {
        ccode1: 2,
        ccode2: 600,
        year,
        flow1: Some(1.0),
        flow2: Some(2.0),
        source,
    };
    let trade = trade_dependence(
        &[
            dyad(2014, TradeSource::CowV4),
            dyad(2015, TradeSource::Baci),
        ],
        &[],
    );
    let mut rcs = year_of(2014, 10, 10);
    rcs.extend(year_of(2015, 10, 10));
    let v = table(&rcs);
    let src = Sources {
        trade: Some(&trade),
        ..bare(&v)
    };
    let p = profile(&src, id("MAR"), &poles(), 2014, 2016).unwrap();
    assert_eq!(
        coverage(&p, ChannelId::Trade),
        [
            (2014, 2014, TradeSource::CowV4.describe().to_string()),
            (2015, 2015, TradeSource::Baci.describe().to_string())
        ]
    );
    assert_eq!(
        series(&p, ChannelId::Trade, 0),
        [Some(1.0), Some(1.0), None]
    );
    assert!(p.dropped.is_empty());
}

#[test]
fn event_years_covered_in_part_are_left_out() {
    // Events MAR→USA in 2018 (all 12 months recorded) and 2019 (March only).
    let mut ev = EventDyads::new();
    let c = EventCounts {
        coop: 3,
        conflict: 1,
        security_coop: 1,
    };
    ev.add(id("MAR"), id("USA"), 2018, c);
    ev.add(id("MAR"), id("USA"), 2019, c);
    for m in 1..=12 {
        ev.add_month(2018, m);
    }
    ev.add_month(2019, 3);
    let mut rcs = year_of(2018, 10, 10);
    rcs.extend(year_of(2019, 10, 10));
    let v = table(&rcs);
    let src = Sources {
        events: Some(&ev),
        ..bare(&v)
    };
    let p = profile(&src, id("MAR"), &poles(), 2018, 2019).unwrap();
    // 2018: (3 − 1)/4 = 0.5; 2019 left out.
    assert_eq!(series(&p, ChannelId::EventsCoop, 0), [Some(0.5), None]);
    assert_eq!(series(&p, ChannelId::EventsSecurity, 0), [Some(1.0), None]);
    let want = "the event data cover 1 of 12 months of 2019, fewer than 12";
    assert_eq!(
        p.dropped
            .iter()
            .map(|d| (d.channel, d.year, d.reason.as_str()))
            .collect::<Vec<_>>(),
        [
            (ChannelId::EventsCoop, 2019, want),
            (ChannelId::EventsSecurity, 2019, want)
        ]
    );
    let cov: Vec<&Coverage> = p
        .coverage
        .iter()
        .filter(|c| c.channel == ChannelId::EventsCoop)
        .collect();
    assert_eq!((cov[0].from, cov[0].to), (2018, 2019));
}
