//! Bundled COW trade merged with imported BACI and DOTS years (fixtures in the
//! published layouts, shared with `multipolar-data`'s tests).

use std::path::{Path, PathBuf};

use multipolar_data::store::Store;
use multipolar_data::store::trade::DotsUnit;
use multipolar_dependence::cow::{TradeSource, bundled_trade_dyads, trade_dyads};
use multipolar_dependence::trade::trade_dependence;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../data/tests/fixtures/trade")
        .join(name)
}

#[test]
fn imported_years_follow_cow_and_name_their_source() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    // Nothing imported: the bundled table alone.
    let cow = bundled_trade_dyads().unwrap();
    assert_eq!(trade_dyads(&store).unwrap(), cow);

    // BACI 2015 (thousands → millions, summed over products): France → Morocco 4.0,
    // Morocco → France 0.8, USA → Morocco 3.0, nothing Morocco → USA (0 in BACI).
    store
        .import_baci(
            &fixture("country_codes_V202401.csv"),
            &[fixture("BACI_HS92_Y2015_V202401.csv")],
        )
        .unwrap();
    // DOTS panel 2016 (millions): Morocco's imports from China 2,100, its exports to
    // China 300. DOTS time series 2015–2016 would give France → Morocco too, but 2015
    // is BACI's.
    store
        .import_dots(&fixture("DOT_panel.csv"), DotsUnit::Millions)
        .unwrap();
    let all = trade_dyads(&store).unwrap();
    assert_eq!(all[..cow.len()], cow[..]);
    let new = &all[cow.len()..];
    let get = |a: u16, b: u16, y: i32| {
        new.iter()
            .find(|d| (d.ccode1, d.ccode2, d.year) == (a, b, y))
            .map(|d| (d.flow1, d.flow2, d.source))
            .unwrap()
    };
    // (2, 600): flow1 = USA's imports from Morocco, flow2 = Morocco's from the USA.
    assert_eq!(get(2, 600, 2015), (Some(0.0), Some(3.0), TradeSource::Baci));
    let (f1, f2, s) = get(220, 600, 2015);
    assert!((f1.unwrap() - 0.8).abs() < 1e-12 && (f2.unwrap() - 4.0).abs() < 1e-12);
    assert_eq!(s, TradeSource::Baci);
    assert_eq!(
        get(600, 710, 2016),
        (Some(2100.0), Some(300.0), TradeSource::Dots)
    );
    assert_eq!(new.len(), 4);

    // Shares: Morocco 2015 trades 0.8 + 4.0 with France and 3.0 with the USA:
    // France 4.8/7.8 = 0.615385.
    let d = trade_dependence(&all, &[]);
    let r = d
        .dyads
        .iter()
        .find(|r| (r.ccode1, r.ccode2, r.year) == (220, 600, 2015))
        .unwrap();
    assert!((r.share2.unwrap() - 4.8 / 7.8).abs() < 1e-12);
    let sources: Vec<(i32, i32, &str)> = d
        .sources
        .iter()
        .map(|s| (s.from, s.to, s.source.as_str()))
        .collect();
    assert_eq!(
        sources,
        [
            (1870, 2014, TradeSource::CowV4.describe()),
            (2015, 2015, TradeSource::Baci.describe()),
            (2016, 2016, TradeSource::Dots.describe()),
        ]
    );
}

#[test]
fn a_direction_nobody_reported_is_missing_in_dots() {
    // DOTS alone, time series: France → Morocco 2015 and 2016 (4,500 and 4,200 m);
    // France's imports from Morocco are reported by neither: missing, so the dyad has
    // no total (COW's convention) rather than a share built on half the trade.
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    store
        .import_dots(&fixture("DOT_timeSeries.csv"), DotsUnit::Dollars)
        .unwrap();
    let all = trade_dyads(&store).unwrap();
    let new: Vec<_> = all.iter().filter(|d| d.year > 2014).collect();
    assert_eq!(new.len(), 2);
    assert_eq!(
        (new[0].ccode1, new[0].ccode2, new[0].flow1, new[0].flow2),
        (220, 600, None, Some(4500.0))
    );
    assert_eq!(new[0].total(), None);
    assert_eq!(new[1].flow2, Some(4200.0));
}
