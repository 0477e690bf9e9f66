//! Downloading published datasets over HTTP(S).
//!
//! [`get`] reads a small file into memory; [`open`] streams a large one (GDELT's
//! file list); [`download_verified`] writes an archive to disk while checking its
//! size and MD5 against the publisher's list, retrying a broken transfer.

use std::io::{BufReader, Read, Write};
use std::path::Path;
use std::time::Duration;

use md5::{Digest, Md5};

use crate::error::{DataError, Result};

pub use ureq::Agent;

/// The UN Digital Library record of the General Assembly voting data.
pub const UNDL_RECORD: &str = "https://digitallibrary.un.org/record/4060887";

/// Largest download accepted (the 2026 file is about 350 MB).
const MAX_BYTES: u64 = 4 << 30;

/// GETs a URL into memory. Redirects are followed; any status other than 200 is an
/// error naming the URL and status.
pub fn get(url: &str) -> Result<Vec<u8>> {
    let fail = |msg: String| DataError::File {
        path: url.to_string(),
        msg,
    };
    let resp = ureq::get(url)
        .call()
        .map_err(|e| fail(format!("download failed: {e}")))?;
    let mut body = Vec::new();
    resp.into_body()
        .into_reader()
        .take(MAX_BYTES)
        .read_to_end(&mut body)
        .map_err(|e| fail(format!("download interrupted: {e}")))?;
    Ok(body)
}

/// An HTTP client for bulk downloads: connections are reused between files; a
/// server that does not answer, or stalls, fails the transfer instead of hanging.
pub fn agent() -> Agent {
    ureq::Agent::config_builder()
        .timeout_connect(Some(Duration::from_secs(30)))
        .timeout_recv_response(Some(Duration::from_secs(60)))
        .timeout_per_read(Some(Duration::from_secs(120)))
        .build()
        .new_agent()
}

/// Streams a URL's body (redirects followed; a status other than 200 is an error
/// naming the URL), for lists too large to hold.
pub fn open(agent: &Agent, url: &str) -> Result<BufReader<ureq::BodyReader<'static>>> {
    let resp = agent.get(url).call().map_err(|e| DataError::File {
        path: url.to_string(),
        msg: format!("download failed: {e}"),
    })?;
    Ok(BufReader::with_capacity(
        1 << 16,
        resp.into_body().into_reader(),
    ))
}

/// What a published list says a file is.
#[derive(Clone, Debug)]
pub struct Expected<'a> {
    /// Exact size in bytes, when the list gives it.
    pub size: Option<u64>,
    /// MD5, lower-case hex.
    pub md5: &'a str,
}

/// What [`download_verified`] reports as it goes.
#[derive(Clone, Copy, Debug)]
pub enum Transfer<'a> {
    /// This many more bytes arrived.
    Bytes(u64),
    /// The transfer broke and starts again; the `lost` bytes reported for it so far
    /// will come again.
    Retry {
        /// Bytes of the broken attempt.
        lost: u64,
        /// What went wrong.
        why: &'a str,
    },
}

/// Attempts per file: a transfer cut short (connection reset, fewer bytes than the
/// server announced, a 5xx answer) is retried twice, after 1 s and 2 s.
const ATTEMPTS: u32 = 3;

/// Downloads `url` into `dest` (created or replaced), computing the MD5 as the bytes
/// arrive, and checks the size and MD5 against `expect`; `progress` hears of the
/// bytes and of retries. Every failure names the URL; `dest` then holds no trusted
/// data. Returns the size.
pub fn download_verified(
    agent: &Agent,
    url: &str,
    dest: &Path,
    expect: &Expected,
    progress: &mut dyn FnMut(Transfer),
) -> Result<u64> {
    let mut attempt = 1;
    loop {
        let mut got = 0;
        let mut count = |n: u64| {
            got += n;
            progress(Transfer::Bytes(n));
        };
        match try_download(agent, url, dest, &mut count) {
            Ok((bytes, md5)) => {
                let fail = |msg: String| DataError::File {
                    path: url.to_string(),
                    msg,
                };
                if let Some(size) = expect.size.filter(|&s| s != bytes) {
                    return Err(fail(format!(
                        "truncated or changed: {bytes} bytes, the list says {size}; nothing of it was imported"
                    )));
                }
                if md5 != expect.md5 {
                    return Err(fail(format!(
                        "corrupt or changed: MD5 {md5}, the list says {}; nothing of it was imported",
                        expect.md5
                    )));
                }
                return Ok(bytes);
            }
            Err(Failure::Retry(why)) if attempt < ATTEMPTS => {
                progress(Transfer::Retry {
                    lost: got,
                    why: &why,
                });
                std::thread::sleep(Duration::from_secs(u64::from(attempt)));
                attempt += 1;
            }
            Err(Failure::Retry(msg)) => {
                return Err(DataError::File {
                    path: url.to_string(),
                    msg: format!("{msg} (after {ATTEMPTS} attempts); nothing of it was imported"),
                });
            }
            Err(Failure::Fatal(e)) => return Err(e),
        }
    }
}

/// Why a transfer failed: worth another attempt, or not.
enum Failure {
    Retry(String),
    Fatal(DataError),
}

fn try_download(
    agent: &Agent,
    url: &str,
    dest: &Path,
    progress: &mut dyn FnMut(u64),
) -> std::result::Result<(u64, String), Failure> {
    let resp = match agent.get(url).call() {
        Ok(r) => r,
        Err(ureq::Error::StatusCode(code)) if code < 500 => {
            return Err(Failure::Fatal(DataError::File {
                path: url.to_string(),
                msg: format!("download failed: HTTP status {code}"),
            }));
        }
        Err(e) => return Err(Failure::Retry(format!("download failed: {e}"))),
    };
    let io = |e: std::io::Error| Failure::Fatal(DataError::io(dest, e));
    let mut out = std::io::BufWriter::new(std::fs::File::create(dest).map_err(io)?);
    let mut body = resp.into_body().into_reader();
    let mut md5 = Md5::new();
    let mut buf = vec![0u8; 1 << 16];
    let mut bytes = 0u64;
    loop {
        let n = match body.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => {
                return Err(Failure::Retry(format!(
                    "download interrupted after {bytes} bytes: {e}"
                )));
            }
        };
        md5.update(&buf[..n]);
        out.write_all(&buf[..n]).map_err(io)?;
        bytes += n as u64;
        progress(n as u64);
    }
    out.into_inner()
        .map_err(|e| io(e.into_error()))?
        .sync_all()
        .map_err(io)?;
    let hex = md5.finalize().iter().map(|b| format!("{b:02x}")).collect();
    Ok((bytes, hex))
}

/// Finds the voting CSV's address in a UN Digital Library record export (MARCXML,
/// `RECORD/export/xm`): the first `…/files/….csv` link, preferring one whose name
/// mentions `voting`. Relative links are resolved against `base`.
pub fn find_csv_link(xml: &str, base: &str) -> Option<String> {
    let mut links: Vec<String> = Vec::new();
    for part in xml.split(['<', '>', '"', '\'', ' ', '\n']) {
        let p = part.trim();
        if p.to_ascii_lowercase().ends_with(".csv") && p.contains("/files/") {
            links.push(p.replace("&amp;", "&"));
        }
    }
    let pick = links
        .iter()
        .find(|l| l.to_ascii_lowercase().contains("voting"))
        .or(links.first())?
        .clone();
    if pick.starts_with("http://") || pick.starts_with("https://") {
        Some(pick)
    } else {
        let origin = base.splitn(4, '/').take(3).collect::<Vec<_>>().join("/");
        Some(format!("{origin}/{}", pick.trim_start_matches('/')))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_voting_csv_among_files() {
        let xml = r#"<datafield tag="856"><subfield code="u">https://digitallibrary.un.org/record/4060887/files/README.pdf</subfield></datafield>
<datafield tag="856"><subfield code="u">https://digitallibrary.un.org/record/4060887/files/2026_2_6_ga_voting.csv</subfield></datafield>"#;
        assert_eq!(
            find_csv_link(xml, UNDL_RECORD).as_deref(),
            Some("https://digitallibrary.un.org/record/4060887/files/2026_2_6_ga_voting.csv")
        );
    }

    #[test]
    fn resolves_relative_links() {
        let xml = "<u>/record/1/files/ga_voting.csv</u>";
        assert_eq!(
            find_csv_link(xml, "http://127.0.0.1:8080/record/1").as_deref(),
            Some("http://127.0.0.1:8080/record/1/files/ga_voting.csv")
        );
        assert_eq!(find_csv_link("<u>nothing</u>", "http://x/"), None);
    }
}
