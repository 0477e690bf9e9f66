//! Reading the real samples and every kind of bad input.

use std::io::Write;
use std::path::Path;

use multipolar_countries::Registry;
use multipolar_events::{Channel, Event, EventError, EventReader, Origin};

const SHARED: &str = "../../../shared/data";

fn read_all(path: &Path) -> (Vec<Event>, Vec<EventError>) {
    let mut ok = Vec::new();
    let mut bad = Vec::new();
    for r in EventReader::open(path).unwrap() {
        match r {
            Ok(e) => ok.push(e),
            Err(e) => bad.push(e),
        }
    }
    (ok, bad)
}

fn label(e: &multipolar_events::Actor) -> &str {
    e.country.map_or("", |c| Registry::global().get(c).label())
}

fn dyad<'a>(evs: &'a [Event], a: &str, b: &str) -> Vec<&'a Event> {
    evs.iter()
        .filter(|e| label(&e.source) == a && label(&e.target) == b)
        .collect()
}

/// Hand counts: `python3 -c` with `csv.DictReader` over the gzip sample, selecting rows
/// by `Actor1CountryCode`/`Actor2CountryCode` and listing SQLDATE, EventCode, QuadClass,
/// GoldsteinScale, NumMentions:
/// ISR→EGY 3 rows (19820102 0353 q1 7 m4; 19820103 042 q1 1.9 m2; 19820103 160 q4 −4 m2),
/// EGY→ISR 1 (19820103 043 q1 2.8 m2), USA→CHN 2 (20160728 043 q1; 19820102 110 q3),
/// CHN→USA 1 (20160727 112 q3). 710 rows in all, none malformed.
#[test]
fn gdelt1_sample_matches_hand_count() {
    let (evs, bad) = read_all(&Path::new(SHARED).join("gdelt_v1_events_sample.csv.gz"));
    assert!(bad.is_empty(), "{bad:?}");
    assert_eq!(evs.len(), 710);
    assert!(evs.iter().all(|e| e.origin == Origin::Gdelt1));
    let ie = dyad(&evs, "ISR", "EGY");
    assert_eq!(ie.len(), 3);
    assert_eq!(ie.iter().filter(|e| e.quad == 1).count(), 2);
    assert_eq!(ie.iter().filter(|e| e.quad == 4).count(), 1);
    assert!((ie.iter().map(|e| e.goldstein).sum::<f64>() - 4.9).abs() < 1e-4);
    assert_eq!(ie.iter().map(|e| e.mentions.unwrap()).sum::<u32>(), 8);
    assert_eq!(dyad(&evs, "EGY", "ISR").len(), 1);
    assert_eq!(dyad(&evs, "USA", "CHN").len(), 2);
    assert_eq!(dyad(&evs, "CHN", "USA").len(), 1);
    assert_eq!(
        dyad(&evs, "USA", "CHN")[0]
            .url
            .as_deref()
            .map(|u| u.starts_with("http")),
        Some(true)
    );
}

/// Hand counts: `csv.DictReader` over the gzip sample, rows by `source_country` and
/// `target_country`, CAMEO root = first two digits of `cameo_code`:
/// United States→China 88 (roots 01:13 02:2 03:17 04:30 05:3 → quad 1 = 65; 07:1 08:1 →
/// quad 2 = 2; 10:4 11:15 12:1 13:1 → quad 3 = 21; Intensity sum 98.2);
/// China→United States 50 (quad 1 = 6+1+30+2 = 39, quad 2 = 1, quad 3 = 1+1+8 = 10;
/// sum 52.4). 4,993 rows, none malformed.
#[test]
fn icews_sample_matches_hand_count() {
    let (evs, bad) = read_all(&Path::new(SHARED).join("icews_events_sample_2018-06-01_03.csv.gz"));
    assert!(bad.is_empty(), "{bad:?}");
    assert_eq!(evs.len(), 4993);
    let uc = dyad(&evs, "USA", "CHN");
    let quads = |v: &[&Event]| [1, 2, 3, 4].map(|q| v.iter().filter(|e| e.quad == q).count());
    assert_eq!(quads(&uc), [65, 2, 21, 0]);
    assert!((uc.iter().map(|e| e.goldstein).sum::<f64>() - 98.2).abs() < 1e-3);
    let cu = dyad(&evs, "CHN", "USA");
    assert_eq!(quads(&cu), [39, 1, 10, 0]);
    assert!((cu.iter().map(|e| e.goldstein).sum::<f64>() - 52.4).abs() < 1e-3);
    assert!(
        uc.iter()
            .all(|e| e.source.code.starts_with("USA") && e.mentions.is_none())
    );
}

/// The raw Dataverse layout (20 tab-separated columns, `NA` for missing) reads too.
#[test]
fn icews_dataverse_layout() {
    let (evs, bad) = read_all(Path::new(
        "../../../shared/events/icews/events.2018.sample.tab",
    ));
    assert!(bad.is_empty(), "{:?}", &bad[..bad.len().min(3)]);
    assert_eq!(evs.len(), 3705);
    let first = &evs[0];
    assert_eq!((label(&first.source), label(&first.target)), ("BGD", "VNM"));
    // Vietnamese "High Ranking Military Personnel": a security tie.
    assert_eq!(first.channel, Channel::Security);
}

fn gdelt_row(fields: usize, date: &str, code: &str) -> String {
    let mut f = vec![String::new(); fields];
    f[0] = "1".into();
    f[1] = date.into();
    f[5] = "USAGOV".into();
    f[7] = "USA".into();
    f[12] = "GOV".into();
    f[15] = "RUSMIL".into();
    f[17] = "RUS".into();
    f[22] = "MIL".into();
    f[26] = code.into();
    f[29] = "1".into();
    f[30] = "1.9".into();
    f[31] = "10".into();
    f[32] = "2".into();
    f[fields - 1] = "http://example.org/a".into();
    f.join("\t")
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

#[test]
fn bad_rows_are_reported_with_line_and_reading_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let text = [
        gdelt_row(61, "20240105", "042"),
        gdelt_row(60, "20240105", "042"),
        gdelt_row(61, "20241305", "042"),
        gdelt_row(61, "20240105", "999"),
        gdelt_row(61, "20240106", "190"),
    ]
    .join("\n");
    let p = write(dir.path(), "v2.export.CSV", text.as_bytes());
    let (evs, bad) = read_all(&p);
    assert_eq!(evs.len(), 2);
    assert_eq!(evs[0].origin, Origin::Gdelt2);
    assert_eq!(
        evs[0].channel,
        Channel::Security,
        "RUSMIL is a security actor"
    );
    assert_eq!(evs[0].url.as_deref(), Some("http://example.org/a"));
    let msgs: Vec<String> = bad.iter().map(|e| e.to_string()).collect();
    assert_eq!(msgs.len(), 3, "{msgs:?}");
    assert!(
        msgs[0].ends_with("v2.export.CSV:2: 60 fields, expected 61 (GDELT 2.0)"),
        "{}",
        msgs[0]
    );
    assert!(msgs[1].contains(":3: bad date \"20241305\""), "{}", msgs[1]);
    assert!(
        msgs[2].contains(":4: unknown CAMEO event code \"999\""),
        "{}",
        msgs[2]
    );
    assert!(bad.iter().all(EventError::is_row));
}

#[test]
fn zip_and_gzip_as_published_and_truncated() {
    let dir = tempfile::tempdir().unwrap();
    let text = (0..2000)
        .map(|i| gdelt_row(58, &format!("2016{:02}01", 1 + i % 12), "043"))
        .collect::<Vec<_>>()
        .join("\n");
    let mut zbytes = Vec::new();
    {
        let mut z = zip::ZipWriter::new(std::io::Cursor::new(&mut zbytes));
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        z.start_file("20160728.export.CSV", opts).unwrap();
        z.write_all(text.as_bytes()).unwrap();
        z.finish().unwrap();
    }
    let p = write(dir.path(), "20160728.export.CSV.zip", &zbytes);
    let (evs, bad) = read_all(&p);
    assert!(bad.is_empty());
    assert_eq!(evs.len(), 2000);

    let cut = write(dir.path(), "cut.zip", &zbytes[..zbytes.len() / 2]);
    let err = EventReader::open(&cut)
        .err()
        .expect("a truncated zip is refused");
    assert!(
        err.to_string().contains("truncated or corrupt zip archive"),
        "{err}"
    );

    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(text.as_bytes()).unwrap();
    let gz = gz.finish().unwrap();
    let (evs, bad) = read_all(&write(dir.path(), "ok.gz", &gz));
    assert_eq!((evs.len(), bad.len()), (2000, 0));
    let (evs, bad) = read_all(&write(dir.path(), "cut.gz", &gz[..gz.len() * 2 / 3]));
    assert!(evs.len() < 2000);
    assert_eq!(bad.len(), 1);
    assert!(!bad[0].is_row());
    assert!(
        bad[0].to_string().contains("cut.gz: truncated or corrupt"),
        "{}",
        bad[0]
    );
}

#[test]
fn unknown_layouts_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "x.tsv", b"a\tb\tc\n1\t2\t3\n");
    let err = EventReader::open(&p).err().unwrap().to_string();
    assert!(err.contains("the first row has 3 fields"), "{err}");
    let p = write(dir.path(), "empty.tsv", b"");
    assert!(
        EventReader::open(&p)
            .err()
            .unwrap()
            .to_string()
            .ends_with("empty.tsv: empty file")
    );
}

#[test]
fn coder_json_lines_are_events_with_stable_ids() {
    let rec = |story: &str, sentence: u32, date: &str, cameo: &str| {
        format!(
            r#"{{"story":"{story}","sentence":{sentence},"date":{date},"source":{{"code":"MARSPY","country":"MAR","sector":"SPY"}},"target":{{"code":"RUS","country":"RUS","sector":""}},"cameo":"{cameo}","goldstein":1.9,"quad_class":1}}"#
        )
    };
    let text = [
        rec("a", 0, "20190305", "042"),
        rec("a", 0, "20190305", "043"),
        rec("a", 1, "20190305", "042"),
        "{not json".to_string(),
        rec("b", 0, "20191332", "042"),
        rec("b", 1, "null", "042"),
        rec("b", 2, "20190101", "0999"),
    ]
    .join("\n");
    let r =
        EventReader::from_reader("coded.jsonl", std::io::Cursor::new(text.into_bytes())).unwrap();
    let (ok, bad): (Vec<_>, Vec<_>) = r.partition(Result::is_ok);
    let ok: Vec<Event> = ok.into_iter().map(Result::unwrap).collect();
    let ids: Vec<&str> = ok.iter().map(|e| e.id.as_str()).collect();
    // Two events of one sentence are numbered; the next sentence starts again.
    assert_eq!(ids, ["a:0:0", "a:0:1", "a:1:0"]);
    assert_eq!(ok[0].origin, Origin::Coded);
    assert_eq!(ok[0].channel, Channel::Security);
    assert_eq!(label(&ok[0].source), "MAR");
    assert_eq!(ok[0].date.to_string(), "2019-03-05");
    let msgs: Vec<String> = bad
        .into_iter()
        .map(|e| e.unwrap_err().to_string())
        .collect();
    assert_eq!(msgs.len(), 4);
    assert!(
        msgs[0].starts_with("coded.jsonl:4: not a coder record"),
        "{}",
        msgs[0]
    );
    assert_eq!(
        msgs[1],
        "coded.jsonl:5: bad date 20191332 (expected YYYYMMDD)"
    );
    assert!(
        msgs[2].starts_with("coded.jsonl:6: story \"b\" has no date"),
        "{}",
        msgs[2]
    );
    assert_eq!(msgs[3], "coded.jsonl:7: unknown CAMEO event code \"0999\"");
}

/// Files longer than one 1 MiB block: rows and line numbers carry across blocks,
/// including quoted ICEWS fields that hold a newline.
#[test]
fn rows_and_lines_carry_across_blocks() {
    let mut rows: Vec<String> = (0..12_000)
        .map(|i| gdelt_row(61, &format!("2024{:02}05", 1 + i % 12), "042"))
        .collect();
    rows[9999] = gdelt_row(61, "20241305", "042");
    let text = rows.join("\n");
    assert!(text.len() > 1 << 20);
    let (evs, bad) = read_all_from("big.tsv", text.into_bytes());
    assert_eq!(evs.len(), 11_999);
    assert_eq!(bad.len(), 1);
    assert!(
        bad[0].to_string().starts_with("big.tsv:10000: bad date"),
        "{}",
        bad[0]
    );

    let head = "event_id,event_date,source_name,source_sectors,source_country,event_text,cameo_code,intensity,target_name,target_sectors,target_country,story_id";
    let mut csv = String::from(head);
    for i in 0..12_000 {
        // Every row's text spans two lines; row 11,000 has an unknown code.
        let code = if i == 10_999 { "999" } else { "042" };
        csv += &format!(
            "\n{i},2018-06-01,Mattis,\"Defense,Military\",United States,\"Visit\nto Hanoi\",{code},1.9,Vietnam,Government,Vietnam,{i}"
        );
    }
    assert!(csv.len() > 1 << 20);
    let (evs, bad) = read_all_from("big.csv", csv.into_bytes());
    assert_eq!(evs.len(), 11_999);
    // Header on line 1, row k (1-based) starts on line 2k.
    assert_eq!(bad.len(), 1, "{bad:?}");
    assert!(
        bad[0]
            .to_string()
            .starts_with("big.csv:22000: unknown CAMEO event code \"999\""),
        "{}",
        bad[0]
    );
}

fn read_all_from(name: &str, bytes: Vec<u8>) -> (Vec<Event>, Vec<EventError>) {
    let (mut evs, mut bad) = (Vec::new(), Vec::new());
    for ev in EventReader::from_reader(name, std::io::Cursor::new(bytes)).unwrap() {
        match ev {
            Ok(e) => evs.push(e),
            Err(e) => bad.push(e),
        }
    }
    (evs, bad)
}

mod never_panics {
    use super::*;
    use proptest::prelude::*;

    /// Any bytes after a valid first row (which fixes the layout) give events or
    /// errors naming a line within the file, never a panic.
    fn check(head: &str, tail: &[u8]) -> Result<(), TestCaseError> {
        let mut bytes = head.as_bytes().to_vec();
        bytes.push(b'\n');
        bytes.extend_from_slice(tail);
        let lines = bytes.iter().filter(|&&b| b == b'\n').count() as u64 + 1;
        let reader = EventReader::from_reader("fuzz.tsv", std::io::Cursor::new(bytes))
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        for ev in reader {
            if let Err(EventError::Row { line, .. }) = ev {
                prop_assert!((1..=lines).contains(&line), "line {line} of {lines}");
            }
        }
        Ok(())
    }

    proptest! {
        #[test]
        fn gdelt_rows(tail in proptest::collection::vec(
            prop_oneof![Just(b'\t'), Just(b'\n'), Just(b'"'), Just(b'\r'), any::<u8>()], 0..400)) {
            check(&gdelt_row(61, "20240105", "042"), &tail)?;
        }

        #[test]
        fn gdelt_rows_mutated(cut in 0usize..300, byte in any::<u8>(), n in 1usize..5) {
            let row = gdelt_row(61, "20240105", "042");
            let mut tail = Vec::new();
            for _ in 0..n {
                let mut r = row.clone().into_bytes();
                let at = cut.min(r.len() - 1);
                r[at] = byte;
                tail.extend_from_slice(&r);
                tail.push(b'\n');
            }
            check(&row, &tail)?;
        }

        #[test]
        fn icews_csv_rows(tail in proptest::collection::vec(
            prop_oneof![Just(b','), Just(b'\n'), Just(b'"'), any::<u8>()], 0..400)) {
            let head = "event_id,event_date,source_name,source_sectors,source_country,event_text,cameo_code,intensity,target_name,target_sectors,target_country,story_id";
            check(head, &tail)?;
        }
    }
}

const POLECAT: &str = "tests/fixtures/ngecEvents.20190607000000.Release001.DV.txt";

/// One event as `source target type mode quad goldstein channel`.
fn brief(e: &Event) -> String {
    format!(
        "{} {} {} {} {} {} {}",
        or_dash(label(&e.source)),
        or_dash(label(&e.target)),
        e.plover_event.unwrap_or("-"),
        e.plover_mode.as_deref().unwrap_or("-"),
        e.quad,
        e.goldstein,
        e.channel.as_str()
    )
}

fn or_dash(s: &str) -> &str {
    if s.is_empty() { "-" } else { s }
}

/// The fixture is written from the PLOVER codebook (types, modes, PLOVER scores from
/// the manual's table, quad categories from its sections) in POLECAT's published
/// 40-column layout. Expected by hand, row by row (see the comments in the list):
/// compound actors give one event per state, a meeting with two actor states and no
/// recipient one per direction, an empty quad code the type's category.
#[test]
fn polecat_rows_by_hand() {
    let (evs, bad) = read_all(Path::new(POLECAT));
    let got: Vec<String> = evs.iter().map(brief).collect();
    assert_eq!(
        got,
        [
            "MAR RUS CONSULT visit 1 4 diplomatic",
            // MIL sectors and a military context.
            "MAR USA COOPERATE - 2 9.5 security",
            // "United States;France" accuse Russia.
            "USA RUS ACCUSE disapprove 3 -2 diplomatic",
            "FRA RUS ACCUSE disapprove 3 -2 diplomatic",
            // Morocco, Russia (and Gazprom, no state) meet: each state towards the other;
            // the economic context comes before the diplomatic one.
            "MAR RUS CONSULT multilateral 1 4 economic",
            "RUS MAR CONSULT multilateral 1 4 economic",
            // No quad code: AID is material cooperation.
            "USA MAR AID - 2 10 economic",
            // Gunmen (no state) attack civilians.
            "- MAR ASSAULT firearms 4 -9 security",
            "MAR CHN CONSULT visit 1 4 security",
            "CHN MAR SUPPORT - 1 5 diplomatic",
            "RUS MAR THREATEN restrict 3 -3 diplomatic",
            "MAR FRA REQUEST assist 3 0.5 diplomatic",
        ]
    );
    assert!(evs.iter().all(|e| e.origin == Origin::Polecat
        && e.cameo.is_empty()
        && e.root == 0
        && e.mentions.is_none()));
    assert_eq!(evs[2].id, "20190310-0003");
    assert_eq!(
        evs[3].id, "20190310-0003",
        "one id for the pairs of one row"
    );
    assert_eq!(
        (evs[0].source.code.as_str(), evs[0].source.sector.as_str()),
        ("MARGOV", "GOV")
    );
    assert_eq!(
        evs[0].date,
        multipolar_countries::Date::new(2019, 3, 6).unwrap()
    );
    let msgs: Vec<String> = bad.iter().map(|e| e.to_string()).collect();
    assert_eq!(
        msgs,
        [
            format!("{POLECAT}:12: field \"Event Type\": unknown PLOVER event type \"DEMAND\""),
            format!(
                "{POLECAT}:13: field \"Event Date\": bad date \"2019-06-31\" (expected YYYY-MM-DD)"
            ),
            format!("{POLECAT}:14: field \"Intensity\": bad score \"12\" (expected −10…10)"),
            format!("{POLECAT}:15: 39 fields, expected 40 as in the header"),
        ]
    );
}

/// The variant that names `Intensity` `Event Intensity`, with a `Story ID` added; and a
/// header without a needed column.
#[test]
fn polecat_header_variants() {
    let text = std::fs::read_to_string(POLECAT).unwrap();
    let (head, rows) = text.split_once('\n').unwrap();
    let first = rows.lines().next().unwrap();
    let variant = format!(
        "{}\tStory ID\n{first}\tstory-42\n",
        head.replace("\tIntensity\t", "\tEvent Intensity\t")
    );
    let (evs, bad) = read_all_from("v.txt", variant.into_bytes());
    assert!(bad.is_empty(), "{bad:?}");
    assert_eq!(brief(&evs[0]), "MAR RUS CONSULT visit 1 4 diplomatic");
    assert_eq!(evs[0].url.as_deref(), Some("story-42"));
    let (evs, bad) = read_all_from(
        "e.txt",
        format!(
            "{}\n{}\n",
            head,
            first.replace("\t4\tVERBAL", "\tNone\tVERBAL")
        )
        .into_bytes(),
    );
    assert!(evs.is_empty());
    assert_eq!(bad[0].to_string(), "e.txt:2: field \"Intensity\": empty");

    let cut = head.replace("\tQuad Code", "\tQuad");
    let err = EventReader::from_reader("h.txt", std::io::Cursor::new(format!("{cut}\n{first}\n")))
        .err()
        .map(|e| e.to_string());
    assert_eq!(
        err.as_deref().and_then(|e| e.split(" (it has").next()),
        Some("h.txt: POLECAT header lacks \"quad_code\"")
    );
    let cut = head.replace("\tActor Country", "\tActor Land");
    let err = EventReader::from_reader("h.txt", std::io::Cursor::new(format!("{cut}\n{first}\n")))
        .err()
        .unwrap()
        .to_string();
    assert!(
        err.starts_with("h.txt: POLECAT header lacks \"actor_country\""),
        "{err}"
    );
}

/// A last line without a newline: accepted by default, refused when asked (a
/// download cut inside the last field still parses as a row).
#[test]
fn missing_final_newline_is_an_error_when_required() {
    let text = [
        gdelt_row(61, "20240105", "042"),
        gdelt_row(61, "20240106", "042"),
    ]
    .join("\n");
    let (evs, bad) = read_all_from("cut.tsv", text.clone().into_bytes());
    assert_eq!((evs.len(), bad.len()), (2, 0));
    let mut r = EventReader::from_reader("cut.tsv", std::io::Cursor::new(text.clone())).unwrap();
    r.require_final_newline();
    let out: Vec<_> = r.collect();
    let e = out.last().unwrap().as_ref().unwrap_err().to_string();
    assert_eq!(
        e,
        "cut.tsv: truncated: the last line (line 2) has no newline"
    );
    assert!(out[..out.len() - 1].iter().all(Result::is_ok));
    // With the newline it reads whole; a trailing blank line is fine too.
    for tail in ["\n", "\n\n", "\r\n"] {
        let mut r =
            EventReader::from_reader("ok.tsv", std::io::Cursor::new(format!("{text}{tail}")))
                .unwrap();
        r.require_final_newline();
        assert!(r.all(|e| e.is_ok()), "{tail:?}");
    }
}
