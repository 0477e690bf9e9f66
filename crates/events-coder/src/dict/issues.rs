//! Phoenix issue coding (`<ISSUE CATEGORY="...">` blocks of `phrase [CODE]` lines).

use super::{PhraseIndex, strip};
use crate::error::{Error, Result};

/// An issue keyword's code and category.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    /// The issue code, e.g. `CYBER_SECURITY`.
    pub code: String,
    /// The enclosing category, e.g. `CYBER_ATTACK`.
    pub category: String,
}

/// Word variants for `+` (hyphen, joined, space) and `n:` (noun: add plural).
fn variants(phrase: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    for sep in ["-", "", " "] {
        let p = phrase.replace('+', sep);
        let mut words: Vec<String> = Vec::new();
        let mut plural_at = Vec::new();
        for w in p.split_whitespace() {
            let (w, noun) = match w.strip_prefix("n:") {
                Some(w) => (w, true),
                None => (w, w.contains("n:")),
            };
            let w = w.replace("n:", "").to_uppercase();
            if noun {
                plural_at.push(words.len());
            }
            words.push(w);
        }
        if words.is_empty() {
            continue;
        }
        for &k in &plural_at {
            let mut w2 = words.clone();
            w2[k] = if w2[k].ends_with('Y') {
                format!("{}IES", &w2[k][..w2[k].len() - 1])
            } else {
                format!("{}S", w2[k])
            };
            out.push(w2);
        }
        out.push(words);
    }
    out.dedup();
    out
}

pub(crate) fn read_issues(file: &str, text: &str, index: &mut PhraseIndex<Issue>) -> Result<()> {
    let mut category: Option<String> = None;
    let mut in_comment = false;
    for (n, raw) in text.lines().enumerate() {
        let line = n + 1;
        let t = raw.trim();
        if let Some(rest) = t.strip_prefix("<ISSUE") {
            let c = rest
                .split("CATEGORY=\"")
                .nth(1)
                .and_then(|s| s.split('"').next());
            category = Some(
                c.ok_or_else(|| {
                    Error::line(file, line, format!("issue block without CATEGORY: \"{t}\""))
                })?
                .to_string(),
            );
            continue;
        }
        if t.starts_with("</ISSUE") {
            category = None;
            continue;
        }
        let Some(l) = strip(raw, &mut in_comment) else {
            continue;
        };
        if l.starts_with('~') {
            continue; // Exclusion phrases: not used by this coder.
        }
        let Some(cat) = &category else {
            return Err(Error::line(
                file,
                line,
                format!("issue phrase \"{l}\" outside an <ISSUE> block"),
            ));
        };
        // A phrase without `[CODE]` takes its category's name.
        let (phrase, code) = match (l.find('['), l.find(']')) {
            (Some(k), Some(e)) if k < e => (&l[..k], l[k + 1..e].trim()),
            (None, None) => (l.as_str(), cat.as_str()),
            _ => {
                return Err(Error::line(
                    file,
                    line,
                    format!("unbalanced brackets in issue phrase \"{l}\""),
                ));
            }
        };
        let issue = Issue {
            code: code.to_string(),
            category: cat.clone(),
        };
        for w in variants(phrase.trim()) {
            index.insert(w, issue.clone());
        }
    }
    Ok(())
}
