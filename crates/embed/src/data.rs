//! Training data readers: the NGEC synthetic PLOVER stories and the ConfliBERT CAMEO
//! five-class sentences (both in `shared/events`; see its README for sources and licences).

use std::io::Read;
use std::path::Path;

use crate::error::{EmbedError, Result};

/// PLOVER event types (v0.8) with their numeric quad class from the PLOVER manual's
/// "Quad categories" table (1 verbal cooperation, 2 material cooperation, 3 verbal conflict,
/// 4 material conflict; SANCTION = 3 as in that table), from
/// `shared/events/derived/plover_event_types.tsv`.
pub const PLOVER_TYPES: [(&str, u8); 16] = [
    ("AGREE", 1),
    ("CONSULT", 1),
    ("SUPPORT", 1),
    ("CONCEDE", 1),
    ("COOPERATE", 2),
    ("AID", 2),
    ("RETREAT", 2),
    ("REQUEST", 3),
    ("ACCUSE", 3),
    ("REJECT", 3),
    ("THREATEN", 3),
    ("PROTEST", 4),
    ("SANCTION", 3),
    ("MOBILIZE", 4),
    ("COERCE", 4),
    ("ASSAULT", 4),
];

/// The five classes of the ConfliBERT CAMEO set (undocumented upstream; inferred from its
/// examples, and matching the Phoenix pipeline's 5-way quad: 0 = CAMEO 01–02, 1 = 03–05,
/// 2 = 06–08, 3 = 09–13 and 16, 4 = 14, 15, 17–20).
pub const QUAD_LABELS: [&str; 5] = [
    "statement",
    "verbal cooperation",
    "material cooperation",
    "verbal conflict",
    "material conflict",
];

/// The quad class (1–4) of a PLOVER event type.
pub fn plover_quad(event: &str) -> Option<u8> {
    PLOVER_TYPES
        .iter()
        .find(|(e, _)| e.eq_ignore_ascii_case(event))
        .map(|&(_, q)| q)
}

/// One synthetic story: PLOVER label and mode, headline (with the country filled in) and lede.
#[derive(Debug, Clone)]
pub struct Story {
    pub label: String,
    pub mode: String,
    /// The headline template (`{country_1}` unfilled): stories sharing it are one group when
    /// splitting, so that held-out stories come from unseen headlines.
    pub template: String,
    pub headline: String,
    /// The story's first sentence.
    pub lede: String,
}

/// One ConfliBERT sentence with its five-way class (0–4, see [`QUAD_LABELS`]).
#[derive(Debug, Clone)]
pub struct QuadSentence {
    pub text: String,
    pub class: u8,
}

fn file_err(path: &Path, msg: impl std::fmt::Display) -> EmbedError {
    EmbedError::File {
        path: path.to_path_buf(),
        msg: msg.to_string(),
    }
}

/// Reads `gpt_synthetic_events_2023-10-19_19.csv.zip` (columns
/// `disclaimer,text,title,source,prompt,label,mode`).
pub fn read_synthetic(path: &Path) -> Result<Vec<Story>> {
    let file = std::fs::File::open(path).map_err(|e| file_err(path, e))?;
    let mut zip = zip::ZipArchive::new(file).map_err(|e| file_err(path, e))?;
    let name = zip
        .file_names()
        .find(|n| n.ends_with(".csv"))
        .map(str::to_owned)
        .ok_or_else(|| file_err(path, "no .csv inside the zip"))?;
    let mut csv_text = String::new();
    zip.by_name(&name)
        .map_err(|e| file_err(path, e))?
        .read_to_string(&mut csv_text)
        .map_err(|e| file_err(path, format!("{name}: {e}")))?;
    let mut rdr = csv::Reader::from_reader(csv_text.as_bytes());
    let headers = rdr.headers().map_err(|e| file_err(path, e))?.clone();
    let col = |want: &str| {
        headers
            .iter()
            .position(|h| h == want)
            .ok_or_else(|| file_err(path, format!("no column {want:?}")))
    };
    let (c_text, c_title, c_prompt, c_label, c_mode) = (
        col("text")?,
        col("title")?,
        col("prompt")?,
        col("label")?,
        col("mode")?,
    );
    let mut out = Vec::new();
    for (i, rec) in rdr.records().enumerate() {
        let rec = rec.map_err(|e| file_err(path, format!("record {}: {e}", i + 1)))?;
        let get = |c: usize| rec.get(c).unwrap_or("").trim();
        let label = get(c_label).to_ascii_uppercase();
        if plover_quad(&label).is_none() {
            continue;
        }
        let headline = get(c_prompt).lines().next().unwrap_or("").trim().to_owned();
        out.push(Story {
            label,
            mode: get(c_mode).to_owned(),
            template: get(c_title).to_owned(),
            headline,
            lede: first_sentence(get(c_text)).to_owned(),
        });
    }
    if out.is_empty() {
        return Err(file_err(path, "no labelled stories"));
    }
    Ok(out)
}

/// Reads `cameo_class_train.tsv` (`text<TAB>label`, label 0–4).
pub fn read_conflibert(path: &Path) -> Result<Vec<QuadSentence>> {
    let text = std::fs::read_to_string(path).map_err(|e| file_err(path, e))?;
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let (t, l) = line
            .rsplit_once('\t')
            .ok_or_else(|| file_err(path, format!("line {}: no tab", i + 1)))?;
        let class: u8 = l
            .trim()
            .parse()
            .ok()
            .filter(|&c: &u8| c < 5)
            .ok_or_else(|| file_err(path, format!("line {}: label {l:?} is not 0-4", i + 1)))?;
        out.push(QuadSentence {
            text: t.trim().to_owned(),
            class,
        });
    }
    Ok(out)
}

/// The first sentence of a story (up to the first `.`, `!` or `?` followed by a space and a
/// capital letter or quote), or the whole text.
pub fn first_sentence(text: &str) -> &str {
    let b = text.as_bytes();
    for (i, &c) in b.iter().enumerate() {
        if matches!(c, b'.' | b'!' | b'?')
            && i >= 20
            && b.get(i + 1) == Some(&b' ')
            && b.get(i + 2)
                .is_some_and(|n| n.is_ascii_uppercase() || *n == b'"')
        {
            return &text[..=i];
        }
    }
    text
}

/// Deterministic 1-in-5 held-out split by key (FNV-1a hash).
pub fn held_out(key: &str) -> bool {
    fnv1a(key) % 5 == 0
}

/// FNV-1a hash of a string (stable across runs and platforms).
pub fn fnv1a(key: &str) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in key.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_sentence_stops_at_capital() {
        assert_eq!(
            first_sentence(
                "Some 70 percent of Haitian teachers are on strike. The teachers protest."
            ),
            "Some 70 percent of Haitian teachers are on strike."
        );
        assert_eq!(
            first_sentence("U.S. troops left. Then"),
            "U.S. troops left. Then"
        );
        assert_eq!(first_sentence(""), "");
    }

    #[test]
    fn quads() {
        assert_eq!(plover_quad("assault"), Some(4));
        assert_eq!(plover_quad("SANCTION"), Some(3));
        assert_eq!(plover_quad("nope"), None);
    }
}
