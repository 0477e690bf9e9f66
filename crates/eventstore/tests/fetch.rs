//! `fetch_gdelt` against a loopback HTTP server serving GDELT's layout: the fixtures
//! in `tests/fixtures/gdelt{1,2}` (real sample rows, see `make_gdelt.py`), and broken
//! copies of them.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use multipolar_countries::Date;
use multipolar_eventstore::EventStore;
use multipolar_eventstore::fetch::{FetchOptions, FetchReport, Gdelt, Selection, fetch_gdelt};
use multipolar_eventstore::import::fetched_sources;

/// How the server answers a path.
#[derive(Clone)]
enum Answer {
    /// 200 with the body.
    Body(Vec<u8>),
    /// Announces the whole body, sends `n` bytes and closes (a broken transfer).
    Cut(Vec<u8>, usize),
}

/// A loopback server: paths → answers, changeable while it runs; records every path
/// asked for.
struct Server {
    base: String,
    routes: Arc<Mutex<HashMap<String, Answer>>>,
    log: Arc<Mutex<Vec<String>>>,
}

impl Server {
    fn start() -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let routes: Arc<Mutex<HashMap<String, Answer>>> = Arc::default();
        let log: Arc<Mutex<Vec<String>>> = Arc::default();
        let (r, l) = (routes.clone(), log.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let mut s = stream.unwrap();
                let mut reader = BufReader::new(s.try_clone().unwrap());
                let mut line = String::new();
                reader.read_line(&mut line).unwrap();
                loop {
                    let mut h = String::new();
                    if reader.read_line(&mut h).unwrap() == 0 || h == "\r\n" {
                        break;
                    }
                }
                let path = line.split_whitespace().nth(1).unwrap_or("/").to_string();
                l.lock().unwrap().push(path.clone());
                let answer = r.lock().unwrap().get(&path).cloned();
                let head = |n: usize| {
                    format!("HTTP/1.1 200 OK\r\nContent-Length: {n}\r\nConnection: close\r\n\r\n")
                };
                let _ = match answer {
                    Some(Answer::Body(b)) => s
                        .write_all(head(b.len()).as_bytes())
                        .and_then(|_| s.write_all(&b)),
                    Some(Answer::Cut(b, n)) => s
                        .write_all(head(b.len()).as_bytes())
                        .and_then(|_| s.write_all(&b[..n])),
                    None => s.write_all(
                        b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                    ),
                };
            }
        });
        Server { base, routes, log }
    }

    fn set(&self, path: &str, a: Answer) {
        self.routes.lock().unwrap().insert(path.to_string(), a);
    }

    /// Serves every file of a fixture directory under `/{at}/`.
    fn serve_dir(&self, dir: &str, at: &str) {
        for e in std::fs::read_dir(fixtures().join(dir)).unwrap() {
            let p = e.unwrap().path();
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            self.set(
                &format!("/{at}/{name}"),
                Answer::Body(std::fs::read(&p).unwrap()),
            );
        }
    }

    fn taken(&self) -> Vec<String> {
        std::mem::take(&mut *self.log.lock().unwrap())
    }
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn day(y: i32, m: u8, d: u8) -> Date {
    Date::new(y, m, d).unwrap()
}

fn options(base: String, gdelt: Gdelt) -> FetchOptions {
    FetchOptions {
        gdelt,
        base_url: base,
        selection: Selection::Days(day(2024, 3, 1)..=day(2024, 3, 1)),
        commit_bytes: 20_000,
        strict: false,
    }
}

fn run(dir: &Path, o: &FetchOptions) -> FetchReport {
    fetch_gdelt(dir, o, &|_| {}).unwrap()
}

/// Both directions of MAR–RUS as `source target events goldstein_sum`.
fn mar_rus(dir: &Path) -> String {
    let store = EventStore::open(dir).unwrap();
    let b = store
        .sql(
            "SELECT source_country, target_country, COUNT(*) AS n, ROUND(SUM(goldstein), 6) AS g FROM events \
             WHERE (source_country = 'MAR' AND target_country = 'RUS') OR (source_country = 'RUS' AND target_country = 'MAR') \
             GROUP BY 1, 2 ORDER BY 1",
        )
        .unwrap();
    let f = multipolar_eventstore::to_frame(&b).unwrap();
    let mut out = Vec::new();
    f.write(multipolar_output::Format::Csv, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

fn file(name: &str) -> Vec<u8> {
    std::fs::read(fixtures().join("gdelt2").join(name)).unwrap()
}

const F: [&str; 5] = [
    "20240301000000.export.CSV.zip",
    "20240301001500.export.CSV.zip",
    "20240301003000.export.CSV.zip",
    "20240301004500.export.CSV.zip",
    "20240301010000.export.CSV.zip",
];

/// Five exports, one corrupt (a flipped byte: MD5 mismatch), one truncated by the
/// server (fewer bytes than listed), one whose transfer breaks once (retried); then a
/// resumed run once the server is repaired. Expected MAR–RUS rows from
/// `make_gdelt.py`: MAR→RUS 051 (3.4) in 000000, 163 (−8) in 001500, 020 (3.0) in
/// 003000, 080 (5) in 004500; RUS→MAR 042 (1.9) in 000000, 020 (3.0) in 003000, 030
/// (4) in 010000.
#[test]
fn gdelt2_fetch_verifies_skips_bad_files_and_resumes() {
    let server = Server::start();
    server.serve_dir("gdelt2", "gdeltv2");
    let mut corrupt = file(F[2]);
    corrupt[100] ^= 0xff;
    server.set(&format!("/gdeltv2/{}", F[2]), Answer::Body(corrupt));
    let cut = file(F[3]);
    server.set(
        &format!("/gdeltv2/{}", F[3]),
        Answer::Body(cut[..cut.len() - 700].to_vec()),
    );
    let broken = file(F[4]);
    server.set(
        &format!("/gdeltv2/{}", F[4]),
        Answer::Cut(broken.clone(), 3000),
    );

    let dir = tempfile::tempdir().unwrap();
    let base = format!("{}/gdeltv2/", server.base);
    let o = options(base.clone(), Gdelt::V2);
    let retries = Mutex::new(Vec::new());
    // The broken transfer is repaired once the first attempt has happened.
    let serve_whole = Mutex::new(Some(broken));
    let r = fetch_gdelt(dir.path(), &o, &|e| {
        if let multipolar_eventstore::fetch::FetchEvent::Retry { url, .. } = e {
            retries.lock().unwrap().push(url.to_string());
            if let Some(b) = serve_whole.lock().unwrap().take() {
                server.set(&format!("/gdeltv2/{}", F[4]), Answer::Body(b));
            }
        }
    })
    .unwrap();
    assert_eq!((r.listed, r.skipped, r.imported), (5, 0, 3));
    assert_eq!(*retries.lock().unwrap(), [format!("{base}{}", F[4])]);
    let failed: Vec<(&str, &str)> = r
        .failed
        .iter()
        .map(|(u, e)| (u.as_str(), e.as_str()))
        .collect();
    assert_eq!(failed.len(), 2, "{failed:?}");
    assert_eq!(failed[0].0, format!("{base}{}", F[2]));
    assert!(
        failed[0]
            .1
            .starts_with(&format!("{base}{}: corrupt or changed: MD5 ", F[2]))
            && failed[0].1.ends_with(
                "the list says b6bb387d712f9fd510b769d28eb7ae7d; nothing of it was imported"
            ),
        "{}",
        failed[0].1
    );
    assert_eq!(
        failed[1].1,
        format!(
            "{base}{}: truncated or changed: {} bytes, the list says {}; nothing of it was imported",
            F[3],
            cut.len() - 700,
            cut.len()
        )
    );
    // 20 kB per commit: 000000 + 001500 (32 kB), then 010000 (the bad ones do not count).
    assert_eq!(r.commits, 2);
    assert_eq!((r.read, r.rejected), (142 * 3 + 4, 0));
    assert_eq!(
        mar_rus(dir.path()),
        "source_country,target_country,n,g\nMAR,RUS,2,-4.6\nRUS,MAR,2,5.9\n"
    );
    // Nothing of the bad files: none of their rows (ids 900000483, 900000622…).
    let store = EventStore::open(dir.path()).unwrap();
    let b = store
        .sql("SELECT COUNT(*) AS n FROM events WHERE id IN ('900000483', '900000446', '900000622')")
        .unwrap();
    assert_eq!(
        b[0].column(0)
            .as_any()
            .downcast_ref::<arrow::array::Int64Array>()
            .unwrap()
            .value(0),
        0
    );
    let fetched: Vec<String> = fetched_sources(dir.path())
        .unwrap()
        .into_iter()
        .map(|s| s.name)
        .collect();
    assert_eq!(fetched, [0, 1, 4].map(|k| format!("{base}{}", F[k])));

    // Repaired: a second run fetches only the two that failed.
    server.serve_dir("gdelt2", "gdeltv2");
    server.taken();
    let r = run(dir.path(), &o);
    assert_eq!(
        (r.listed, r.skipped, r.imported, r.failed.len()),
        (5, 3, 2, 0)
    );
    let asked = server.taken();
    assert_eq!(
        asked,
        ["/gdeltv2/masterfilelist.txt".to_string()]
            .into_iter()
            .chain([2, 3].map(|k| format!("/gdeltv2/{}", F[k])))
            .collect::<Vec<_>>()
    );
    assert_eq!(
        mar_rus(dir.path()),
        "source_country,target_country,n,g\nMAR,RUS,4,3.4\nRUS,MAR,3,8.9\n"
    );
    // And a third has nothing to do.
    let r = run(dir.path(), &o);
    assert_eq!((r.listed, r.skipped, r.imported), (5, 5, 0));
    assert_eq!(server.taken(), ["/gdeltv2/masterfilelist.txt"]);
}

/// A verified file the importer refuses (its last line cut: the publisher's MD5 is of
/// the cut file) is left out, and its batch imported without it.
#[test]
fn a_refused_file_leaves_its_batch_importable() {
    let server = Server::start();
    server.serve_dir("gdelt2", "gdeltv2");
    // Re-zip file 001500 with its last line cut short, and list it with its own MD5.
    let text = unzip(&file(F[1]));
    let cut = &text[..text.len() - 20];
    let z = zip_stored("20240301001500.export.CSV", cut.as_bytes());
    server.set(&format!("/gdeltv2/{}", F[1]), Answer::Body(z.clone()));
    let list = String::from_utf8(file("masterfilelist.txt")).unwrap();
    let line = list.lines().find(|l| l.contains(F[1])).unwrap().to_string();
    let fixed = list.replace(
        &line,
        &format!(
            "{} {} http://data.gdeltproject.org/gdeltv2/{}",
            z.len(),
            md5_hex(&z),
            F[1]
        ),
    );
    server.set(
        "/gdeltv2/masterfilelist.txt",
        Answer::Body(fixed.into_bytes()),
    );

    let dir = tempfile::tempdir().unwrap();
    let mut o = options(format!("{}/gdeltv2", server.base), Gdelt::V2);
    o.commit_bytes = 1 << 30;
    let r = run(dir.path(), &o);
    assert_eq!((r.imported, r.commits, r.failed.len()), (4, 1, 1));
    assert!(
        r.failed[0].1.ends_with(&format!(
            "gdeltv2/{}: truncated: the last line (line 143) has no newline",
            F[1]
        )),
        "{}",
        r.failed[0].1
    );
    assert_eq!(r.read, 142 * 4 + 6);
}

/// GDELT 1.0: `index.html` names the daily files with their MD5 (sizes rounded, so
/// not checked); a range of one day takes one file.
#[test]
fn gdelt1_fetch_by_day() {
    let server = Server::start();
    server.serve_dir("gdelt1", "events");
    let dir = tempfile::tempdir().unwrap();
    let mut o = options(format!("{}/events/", server.base), Gdelt::V1);
    o.selection = Selection::Days(day(2024, 3, 2)..=day(2024, 3, 31));
    let r = run(dir.path(), &o);
    assert_eq!((r.listed, r.imported, r.read), (1, 1, 355));
    assert_eq!(
        server.taken(),
        ["/events/index.html", "/events/20240302.export.CSV.zip"]
    );
    o.selection = Selection::Days(day(2024, 2, 1)..=day(2024, 3, 31));
    let r = run(dir.path(), &o);
    assert_eq!((r.listed, r.skipped, r.imported, r.read), (2, 1, 1, 355));
    o.selection = Selection::Latest;
    let e = fetch_gdelt(dir.path(), &o, &|_| {}).unwrap_err();
    assert!(
        e.to_string()
            .contains("GDELT 1.0 publishes no list of its newest file"),
        "{e}"
    );
}

/// The text of a zip's only entry (stored or deflated, as `make_gdelt.py` writes).
fn unzip(z: &[u8]) -> String {
    let name_len = u16::from_le_bytes([z[26], z[27]]) as usize;
    let extra = u16::from_le_bytes([z[28], z[29]]) as usize;
    let size = u32::from_le_bytes(z[18..22].try_into().unwrap()) as usize;
    let data = &z[30 + name_len + extra..30 + name_len + extra + size];
    let mut s = String::new();
    std::io::Read::read_to_string(&mut flate2::read::DeflateDecoder::new(data), &mut s).unwrap();
    s
}

/// A one-entry zip, stored (no compression): local header, data, central directory.
fn zip_stored(name: &str, data: &[u8]) -> Vec<u8> {
    let mut crc = flate2::Crc::new();
    crc.update(data);
    let (crc, n, len) = (crc.sum(), data.len() as u32, name.len() as u16);
    let mut z = Vec::new();
    let common = |z: &mut Vec<u8>| {
        z.extend_from_slice(&[20, 0, 0, 0, 0, 0, 0, 0, 0x21, 0]);
        z.extend_from_slice(&crc.to_le_bytes());
        z.extend_from_slice(&n.to_le_bytes());
        z.extend_from_slice(&n.to_le_bytes());
        z.extend_from_slice(&len.to_le_bytes());
        z.extend_from_slice(&0u16.to_le_bytes());
    };
    z.extend_from_slice(b"PK\x03\x04");
    common(&mut z);
    z.extend_from_slice(name.as_bytes());
    z.extend_from_slice(data);
    let dir_at = z.len() as u32;
    z.extend_from_slice(b"PK\x01\x02\x14\x00");
    common(&mut z);
    z.extend_from_slice(&[0; 14]);
    z.extend_from_slice(name.as_bytes());
    let dir_len = z.len() as u32 - dir_at;
    z.extend_from_slice(b"PK\x05\x06\x00\x00\x00\x00\x01\x00\x01\x00");
    z.extend_from_slice(&dir_len.to_le_bytes());
    z.extend_from_slice(&dir_at.to_le_bytes());
    z.extend_from_slice(&[0, 0]);
    z
}

fn md5_hex(b: &[u8]) -> String {
    use md5::Digest;
    md5::Md5::digest(b)
        .iter()
        .map(|x| format!("{x:02x}"))
        .collect()
}
