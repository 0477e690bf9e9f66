//! Trade imports from the published BACI and DOTS layouts: values by hand, bad rows
//! with file, line and field, and atomic storage in the data directory.

use std::path::{Path, PathBuf};

use multipolar_data::csvsrc::Source;
use multipolar_data::store::Store;
use multipolar_data::store::trade::{self, DotsUnit, Flow, TradeKind};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/trade")
        .join(name)
}

fn flow(year: i32, exporter: u16, importer: u16, value: f64) -> Flow {
    Flow {
        year,
        exporter,
        importer,
        value,
    }
}

fn assert_flows(got: &[Flow], want: &[Flow]) {
    assert_eq!(got.len(), want.len(), "{got:?}");
    for (g, w) in got.iter().zip(want) {
        assert_eq!(
            (g.year, g.exporter, g.importer),
            (w.year, w.exporter, w.importer)
        );
        assert!((g.value - w.value).abs() < 1e-9, "{g:?} vs {w:?}");
    }
}

/// BACI 2015 by hand (thousands of USD → millions): France → Morocco two products
/// 1,500.5 + 2,499.5 = 4.0; Morocco → France 0.8; USA → Morocco 3.0; "Other Asia,
/// nes" (Taiwan, COW 713) → USA 5.0; Hong Kong → Morocco 0.07 left out (no COW state).
/// 2016: France → Morocco 1.0, China → Morocco 0.25025.
const BACI: [(i32, u16, u16, f64); 6] = [
    (2015, 2, 600, 3.0),
    (2015, 220, 600, 4.0),
    (2015, 600, 220, 0.8),
    (2015, 713, 2, 5.0),
    (2016, 220, 600, 1.0),
    (2016, 710, 600, 0.25025),
];

fn baci_files() -> Vec<PathBuf> {
    vec![
        fixture("BACI_HS92_Y2015_V202401.csv"),
        fixture("BACI_HS92_Y2016_V202401.csv"),
    ]
}

#[test]
fn baci_is_summed_over_products_per_exporter_importer_and_year() {
    let codes =
        trade::read_baci_codes(Source::open(&fixture("country_codes_V202401.csv")).unwrap())
            .unwrap();
    let files = baci_files()
        .iter()
        .map(|f| Source::open(f).unwrap())
        .collect();
    let t = trade::read_baci(&codes, files).unwrap();
    let want: Vec<Flow> = BACI.iter().map(|&(y, e, i, v)| flow(y, e, i, v)).collect();
    assert_flows(&t.flows, &want);
    assert_eq!(t.unmapped.len(), 1);
    let (rows, value) = t.unmapped["344 HKG China, Hong Kong SAR"];
    assert_eq!(rows, 1);
    assert!((value - 0.07).abs() < 1e-12);
}

fn baci(rows: &str) -> String {
    let codes =
        trade::read_baci_codes(Source::open(&fixture("country_codes_V202401.csv")).unwrap())
            .unwrap();
    let text = format!("t,i,j,k,v,q\n{rows}");
    trade::read_baci(
        &codes,
        vec![Source::from_bytes(
            "BACI_HS92_Y2015_V202401.csv",
            text.as_bytes(),
        )],
    )
    .unwrap_err()
    .to_string()
}

#[test]
fn bad_baci_rows_name_file_line_and_field() {
    assert_eq!(
        baci("2015,251,504,010121,1,1\n2015,999,504,010121,1,1\n"),
        "BACI_HS92_Y2015_V202401.csv:3: field \"i\": country code 999 is not in the country codes file"
    );
    assert_eq!(
        baci("2015,251,504,01012X,1,1\n"),
        "BACI_HS92_Y2015_V202401.csv:2: field \"k\": expected an HS6 product code, found \"01012X\""
    );
    assert_eq!(
        baci("2015,251,504,010121,-4,1\n"),
        "BACI_HS92_Y2015_V202401.csv:2: field \"v\": negative value \"-4\""
    );
    assert_eq!(
        baci("20x5,251,504,010121,4,1\n"),
        "BACI_HS92_Y2015_V202401.csv:2: field \"t\": expected a whole number, found \"20x5\""
    );
    // The same year in two files would be counted twice.
    let codes =
        trade::read_baci_codes(Source::open(&fixture("country_codes_V202401.csv")).unwrap())
            .unwrap();
    let f = fixture("BACI_HS92_Y2015_V202401.csv");
    let err = trade::read_baci(
        &codes,
        vec![
            Source::open(&f).unwrap(),
            Source::from_bytes("again.csv", b"t,i,j,k,v,q\n2015,251,504,010121,1,1\n"),
        ],
    )
    .unwrap_err()
    .to_string();
    assert_eq!(
        err,
        format!(
            "again.csv:2: field \"t\": year 2015 is also in {}",
            f.display()
        )
    );
}

#[test]
fn dots_prefers_the_importers_report_then_the_exporters() {
    // Time series, US dollars: Morocco reports imports from France in 2015 (4,500 m),
    // preferred to France's reported exports (4,000 m); in 2016 Morocco reports none,
    // so France's exports (4,200 m) stand. Morocco → World is left out; the trade
    // balance indicator and the Status row are not read.
    let t = trade::read_dots(&fixture("DOT_timeSeries.csv"), DotsUnit::Dollars).unwrap();
    assert_flows(
        &t.flows,
        &[flow(2015, 220, 600, 4500.0), flow(2016, 220, 600, 4200.0)],
    );
    assert_eq!(t.unmapped["IMF 1"], (1, 22_000.0));
    // Panel, millions: China → Morocco from Morocco's imports (2,100, not China's
    // 2,500); Morocco → China from Morocco's exports (300; China reports no imports).
    let t = trade::read_dots(&fixture("DOT_panel.csv"), DotsUnit::Millions).unwrap();
    assert_flows(
        &t.flows,
        &[flow(2016, 600, 710, 300.0), flow(2016, 710, 600, 2100.0)],
    );
}

fn dots(name: &str, text: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join(name);
    std::fs::write(&p, text).unwrap();
    trade::read_dots(&p, DotsUnit::Millions)
        .unwrap_err()
        .to_string()
        .replace(&format!("{}/", dir.path().display()), "")
}

#[test]
fn bad_dots_rows_name_file_line_and_field() {
    let panel = "\"Country Name\",\"Country Code\",\"Counterpart Country Name\",\"Counterpart Country Code\",\"Time Period\",\"Goods, Value of Imports, Cost, Insurance, Freight (CIF), US Dollars (TMG_CIF_USD)\"\n";
    assert_eq!(
        dots(
            "p.csv",
            &format!("{panel}Morocco,686,China,924,2016M01,5\n")
        ),
        "p.csv:2: field \"Time Period\": \"2016M01\" is not a year: export the annual (frequency A) series, not monthly or quarterly"
    );
    assert_eq!(
        dots("p.csv", &format!("{panel}Morocco,686,China,924,2016,-5\n")),
        "p.csv:2: field \"Goods, Value of Imports, Cost, Insurance, Freight (CIF), US Dollars (TMG_CIF_USD)\": negative value \"-5\""
    );
    assert_eq!(
        dots("p.csv", &format!("{panel}Morocco,MA,China,924,2016,5\n")),
        "p.csv:2: field \"Country Code\": expected an IMF country code, found \"MA\""
    );
    assert_eq!(
        dots(
            "p.csv",
            &format!("{panel}Morocco,686,China,924,2016,5\nMorocco,686,China,924,2016,6\n")
        ),
        "p.csv:3: field \"Goods, Value of Imports, Cost, Insurance, Freight (CIF), US Dollars (TMG_CIF_USD)\": TMG_CIF_USD of 686 with 924 in 2016 appears twice"
    );
    let series = "\"Country Name\",\"Country Code\",\"Indicator Name\",\"Indicator Code\",\"Counterpart Country Name\",\"Counterpart Country Code\",\"Attribute\",\"2016M01\"\n";
    assert_eq!(
        dots("s.csv", series),
        "s.csv: column \"2016M01\" is not a year: export the annual (frequency A) series, not monthly or quarterly"
    );
    assert!(dots("x.csv", "a,b\n1,2\n").starts_with("x.csv: missing column \"Country Code\""),);
}

/// Every file of the data directory with its bytes.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push((p.clone(), std::fs::read(&p).unwrap()));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn imports_are_stored_atomically_and_merge_by_year() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let codes = fixture("country_codes_V202401.csv");
    let r = store.import_baci(&codes, &baci_files()[..1]).unwrap();
    assert_eq!((r.years, r.flows), ((2015, 2015), 4));
    assert_eq!(r.entry.version, "V202401, 2015–2015");
    assert_eq!(r.entry.files[0].rows, Some(4));
    assert!(r.entry.files[0].path.starts_with("trade-baci-"));

    // A bad file changes nothing on disk.
    let before = snapshot(dir.path());
    let bad = dir.path().join("BACI_bad.csv");
    std::fs::write(&bad, "t,i,j,k,v,q\n2016,251,504,010121,oops,1\n").unwrap();
    let err = store
        .import_baci(&codes, std::slice::from_ref(&bad))
        .unwrap_err()
        .to_string();
    assert!(
        err.ends_with("BACI_bad.csv:2: field \"v\": expected a number, found \"oops\""),
        "{err}"
    );
    std::fs::remove_file(&bad).unwrap();
    assert_eq!(snapshot(dir.path()), before);

    // 2016 joins 2015; 2015 is kept from the first import.
    let r = store.import_baci(&codes, &baci_files()[1..]).unwrap();
    assert_eq!(
        (r.years, r.flows, r.kept_years.clone()),
        ((2016, 2016), 6, vec![2015])
    );
    let reopened = Store::open(dir.path()).unwrap();
    let t = reopened.trade_flows(TradeKind::Baci).unwrap().unwrap();
    let want: Vec<Flow> = BACI.iter().map(|&(y, e, i, v)| flow(y, e, i, v)).collect();
    assert_flows(&t.flows, &want);
    assert_eq!(reopened.trade_flows(TradeKind::Dots).unwrap(), None);
    assert!(reopened.verify().iter().all(|l| l.problem.is_none()));
    // Only the current version's directory is left.
    let dirs: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_dir())
        .collect();
    assert_eq!(dirs.len(), 1);

    // DOTS beside it, as its own dataset; a damaged file fails `verify`.
    let mut store = reopened;
    let r = store
        .import_dots(&fixture("DOT_panel.csv"), DotsUnit::Millions)
        .unwrap();
    assert_eq!(r.entry.first_date, "2016-01-01");
    let file = dir.path().join(&r.entry.files[0].path);
    std::fs::write(&file, b"not parquet").unwrap();
    let failed: Vec<String> = Store::open(dir.path())
        .unwrap()
        .verify()
        .into_iter()
        .filter_map(|l| l.problem.map(|p| format!("{}: {p}", l.what)))
        .collect();
    assert_eq!(failed.len(), 1, "{failed:?}");
    assert!(failed[0].starts_with("trade-dots: "), "{failed:?}");
}
