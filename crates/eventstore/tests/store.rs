//! Importing the real samples, the dyadic series against hand counts, and failed
//! imports leaving the data directory as it was.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use arrow::record_batch::RecordBatch;
use multipolar_countries::Date;
use multipolar_eventstore::import::{ImportOptions, import};
use multipolar_eventstore::{DyadQuery, EventStore, Period, Weight, to_frame};
use multipolar_output::Format;

const SHARED: &str = "../../../shared/data";

fn samples() -> Vec<PathBuf> {
    [
        "gdelt_v1_events_sample.csv.gz",
        "icews_events_sample_2018-06-01_03.csv.gz",
    ]
    .map(|f| Path::new(SHARED).join(f))
    .to_vec()
}

fn query(a: &str, b: &str, by: Period) -> DyadQuery {
    DyadQuery {
        a: a.into(),
        b: b.into(),
        from: None,
        to: None,
        by,
        channel: None,
        weight: Weight::Events,
    }
}

/// The series as CSV text, for exact comparison with the hand counts.
fn csv(store: &EventStore, q: &DyadQuery, cols: &str) -> String {
    let batches = store.dyad_series(q).unwrap();
    let sel: Vec<&str> = cols.split(',').collect();
    let frame = to_frame(&batches).unwrap();
    let mut out = Vec::new();
    frame.write(Format::Csv, &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let idx: Vec<usize> = sel
        .iter()
        .map(|c| header.iter().position(|h| h == c).unwrap())
        .collect();
    lines
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            idx.iter().map(|&i| f[i]).collect::<Vec<_>>().join(",")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Hand counts (python `csv.DictReader` over the two gzip samples, selecting rows by
/// actor country; quad by GDELT's roots 01–05/06–09/10–14/15–20 for ICEWS):
/// GDELT 1.0: USA→CHN 19820102 code 110 (quad 3, Goldstein −2), 20160728 code 043
/// (quad 1, 2.8, 4 mentions); CHN→USA 20160727 code 112 (quad 3, −2, 2 mentions).
/// ICEWS: USA→CHN 88 (quad 65/2/21/0, Intensity sum 98.2; by day 06-01 21, 06-02 50,
/// 06-03 17); CHN→USA 50 (39/1/10/0, sum 52.4).
#[test]
fn samples_import_and_match_hand_counts() {
    let dir = tempfile::tempdir().unwrap();
    let r = import(
        dir.path(),
        &samples(),
        ImportOptions::default(),
        &mut |_| {},
    )
    .unwrap();
    assert_eq!((r.read, r.kept, r.rejected), (5703, 5703, 0));
    let store = EventStore::open(dir.path()).unwrap();
    assert_eq!(
        csv(
            &store,
            &query("USA", "CHN", Period::Month),
            "period,source,target,events,verbal_coop,material_coop,verbal_conflict,material_conflict,goldstein_sum"
        ),
        "1982-01-01,USA,CHN,1,0,0,1,0,-2\n\
         2016-07-01,CHN,USA,1,0,0,1,0,-2\n\
         2016-07-01,USA,CHN,1,1,0,0,0,2.8\n\
         2018-06-01,CHN,USA,50,39,1,10,0,52.4\n\
         2018-06-01,USA,CHN,88,65,2,21,0,98.2"
    );
    // Argument order does not matter; days split the ICEWS month.
    let mut q = query("CHN", "USA", Period::Day);
    q.from = Date::new(2018, 1, 1);
    assert_eq!(
        csv(&store, &q, "period,source,target,events"),
        "2018-06-01,CHN,USA,12\n2018-06-01,USA,CHN,21\n\
         2018-06-02,CHN,USA,18\n2018-06-02,USA,CHN,50\n\
         2018-06-03,CHN,USA,20\n2018-06-03,USA,CHN,17"
    );
    // Mentions as weights: GDELT rows count their NumMentions, ICEWS rows 1.
    let mut q = query("USA", "CHN", Period::Month);
    q.to = Date::new(2016, 12, 31);
    q.weight = Weight::Mentions;
    assert_eq!(
        csv(&store, &q, "period,source,target,events,goldstein_sum"),
        "1982-01-01,USA,CHN,1,-2\n2016-07-01,CHN,USA,2,-4\n2016-07-01,USA,CHN,4,11.2"
    );
    let n = store.sql("SELECT COUNT(*) AS n FROM events").unwrap();
    assert_eq!(csv_of(&n), "n\n5703");
    // The manifest stays readable by the rest of the workspace.
    let s = multipolar_data::store::Store::open(dir.path()).unwrap();
    assert!(s.manifest().datasets.contains_key("events"));
}

fn csv_of(b: &[RecordBatch]) -> String {
    let mut out = Vec::new();
    to_frame(b).unwrap().write(Format::Csv, &mut out).unwrap();
    String::from_utf8(out).unwrap().trim_end().to_string()
}

fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.insert(p.clone(), std::fs::read(&p).unwrap());
            }
        }
    }
    out
}

#[test]
fn failed_imports_leave_previous_data_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    import(
        &data,
        &samples()[..1],
        ImportOptions::default(),
        &mut |_| {},
    )
    .unwrap();
    let before = snapshot(&data);

    // A truncated gzip: fatal whatever the strictness.
    let gz = std::fs::read(&samples()[1]).unwrap();
    let cut = dir.path().join("cut.csv.gz");
    std::fs::write(&cut, &gz[..gz.len() / 2]).unwrap();
    let err = import(
        &data,
        &[samples()[1].clone(), cut],
        ImportOptions::default(),
        &mut |_| {},
    )
    .unwrap_err();
    assert!(
        err.to_string().contains("cut.csv.gz: truncated or corrupt"),
        "{err}"
    );
    assert_eq!(snapshot(&data), before);

    // A bad row: counted by default, fatal with strict.
    let bad = dir.path().join("bad.tsv");
    let mut f = std::fs::File::create(&bad).unwrap();
    let row = |date: &str| {
        let mut v = vec![""; 58];
        v[0] = "9";
        v[1] = date;
        v[7] = "USA";
        v[17] = "RUS";
        v[26] = "042";
        v[29] = "1";
        v[30] = "1.9";
        v[31] = "1";
        v[32] = "1";
        v.join("\t")
    };
    writeln!(f, "{}\n{}", row("20200101"), row("2020010")).unwrap();
    drop(f);
    let strict = ImportOptions {
        strict: true,
        ..ImportOptions::default()
    };
    let err = import(&data, std::slice::from_ref(&bad), strict, &mut |_| {}).unwrap_err();
    assert!(
        err.to_string()
            .ends_with("bad.tsv:2: bad date \"2020010\" (expected YYYYMMDD)"),
        "{err}"
    );
    assert_eq!(snapshot(&data), before);
    // Missing file.
    assert!(import(&data, &[dir.path().join("nope.zip")], strict, &mut |_| {}).is_err());
    assert_eq!(snapshot(&data), before);

    // The same file without --strict: one kept, one rejected, and the import adds.
    let r = import(&data, &[bad], ImportOptions::default(), &mut |_| {}).unwrap();
    assert_eq!((r.read, r.kept, r.rejected), (2, 1, 1));
    assert_eq!(r.messages.len(), 1);
    let store = EventStore::open(&data).unwrap();
    assert_eq!(
        csv_of(&store.sql("SELECT COUNT(*) AS n FROM events").unwrap()),
        "n\n711"
    );
}

/// With `--strict` a file whose last line has no newline is refused (a download cut
/// inside its last field would otherwise give a valid-looking last row); without,
/// it imports.
#[test]
fn strict_import_refuses_a_file_without_a_final_newline() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let gz = std::fs::read(&samples()[0]).unwrap();
    let mut text = String::new();
    std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(&gz[..]), &mut text).unwrap();
    let cut = dir.path().join("cut.csv");
    // Cut inside the last row's URL, the last field.
    let end = text.trim_end().len() - 5;
    std::fs::write(&cut, &text[..end]).unwrap();
    let strict = ImportOptions {
        strict: true,
        ..ImportOptions::default()
    };
    let err = import(&data, std::slice::from_ref(&cut), strict, &mut |_| {}).unwrap_err();
    assert!(
        err.to_string()
            .ends_with("cut.csv: truncated: the last line (line 711) has no newline"),
        "{err}"
    );
    assert!(!data.join("manifest.json").exists());
    let r = import(&data, &[cut], ImportOptions::default(), &mut |_| {}).unwrap();
    assert_eq!((r.read, r.kept), (710, 710));
}

/// POLECAT rows import with their PLOVER types; a compound actor's row counts once as
/// a row and once per pair as events (see `crates/events/tests/read.rs`).
#[test]
fn polecat_imports_and_queries() {
    let dir = tempfile::tempdir().unwrap();
    let file = Path::new("../events/tests/fixtures/ngecEvents.20190607000000.Release001.DV.txt");
    let r = import(
        dir.path(),
        &[file.to_path_buf()],
        ImportOptions::default(),
        &mut |_| {},
    )
    .unwrap();
    assert_eq!((r.read, r.kept, r.rejected, r.events), (14, 10, 4, 12));
    let store = EventStore::open(dir.path()).unwrap();
    let mut q = query("MAR", "RUS", Period::Month);
    q.from = Date::new(2019, 1, 1);
    assert_eq!(
        csv(
            &store,
            &q,
            "period,source,target,events,verbal_coop,verbal_conflict,consult,threaten,goldstein_sum"
        ),
        "2019-03-01,MAR,RUS,2,2,0,2,0,8\n\
         2019-03-01,RUS,MAR,1,1,0,1,0,4\n\
         2019-05-01,RUS,MAR,1,0,1,0,1,-3"
    );
    let n = store
        .sql("SELECT origin, COUNT(*) AS n, COUNT(DISTINCT id) AS ids, MIN(cameo) AS cameo, MAX(root) AS root FROM events GROUP BY origin")
        .unwrap();
    assert_eq!(csv_of(&n), "origin,n,ids,cameo,root\npolecat,12,10,,0");
}
