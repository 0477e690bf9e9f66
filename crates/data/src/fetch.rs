//! Downloading published datasets over HTTP(S).

use std::io::Read;

use crate::error::{DataError, Result};

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
