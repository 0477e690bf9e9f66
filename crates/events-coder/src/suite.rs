//! PETRARCH validation suites (`<Sentence>` records with `<EventCoding>` triples) and
//! scoring: a record is fully correct when the set of coded (source, target, event)
//! triples equals the expected set.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::coder::{Coder, Options, Story};
use crate::dict::{Dictionaries, Kind};
use crate::error::{Error, Result};

/// One validation record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// Record id.
    pub id: String,
    /// Category (DEMO, ACTOR, COMPOUND...).
    pub category: String,
    /// Date `YYYYMMDD`.
    pub date: Option<u32>,
    /// Raw text.
    pub text: String,
    /// Expected triples (source, target, event).
    pub expected: BTreeSet<(String, String, String)>,
    /// Expected error kind (`storydiscard`, `sentencediscard`, ...), if any.
    pub error: Option<String>,
    /// Coding options in effect: PETRARCH's defaults changed by the `<Config
    /// option="..." value="...">` tags met so far in the file (they persist, as in
    /// PETRARCH's validation runs).
    pub options: Options,
}

/// A suite: its records and the dictionary files its `<Environment>` names.
#[derive(Debug, Clone, Default)]
pub struct Suite {
    /// Records in file order.
    pub records: Vec<Record>,
    /// `(kind, file name)` from `<Verbfile>`, `<Actorfile>`, `<Agentfile>`, `<Discardfile>`.
    pub dictionaries: Vec<(Kind, String)>,
}

/// Counts for one category (or overall).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Score {
    /// Records.
    pub records: usize,
    /// Records fully correct.
    pub correct: usize,
    /// Expected triples not coded.
    pub missed: usize,
    /// Coded triples not expected.
    pub extra: usize,
}

impl Score {
    /// Percentage of records fully correct.
    pub fn percent(&self) -> f64 {
        if self.records == 0 {
            0.0
        } else {
            100.0 * self.correct as f64 / self.records as f64
        }
    }
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let mut rest = tag;
    while let Some(k) = rest.find(name) {
        let after = rest[k + name.len()..].trim_start();
        let boundary = k == 0 || rest.as_bytes()[k - 1].is_ascii_whitespace();
        if boundary && let Some(v) = after.strip_prefix('=') {
            let v = v.trim_start();
            let q = v.chars().next()?;
            if q == '"' || q == '\'' {
                let e = v[1..].find(q)?;
                return Some(v[1..1 + e].to_string());
            }
        }
        rest = &rest[k + name.len()..];
    }
    None
}

fn between<'a>(s: &'a str, open: &str, close: &str) -> Option<&'a str> {
    let a = s.find(open)? + open.len();
    let b = s[a..].find(close)? + a;
    Some(&s[a..b])
}

impl Suite {
    /// Parses a suite.
    pub fn parse(xml: &str) -> Result<Self> {
        let mut suite = Suite::default();
        if let Some(env) = between(xml, "<Environment>", "</Environment>") {
            for (tag, kind) in [
                ("Verbfile", Kind::Verbs),
                ("Actorfile", Kind::Actors),
                ("Agentfile", Kind::Agents),
                ("Discardfile", Kind::Discards),
            ] {
                if let Some(f) = between(env, &format!("<{tag}>"), &format!("</{tag}>")) {
                    suite.dictionaries.push((kind, f.trim().to_string()));
                }
            }
        }
        let mut rest = xml;
        let mut options = Options::petrarch();
        while let Some(k) = rest.find("<Sentence ") {
            let line = xml.len() - rest.len() + k;
            let line = xml[..line].matches('\n').count() + 1;
            let body_end = rest[k..]
                .find("</Sentence>")
                .ok_or_else(|| Error::line("suite", line, "<Sentence> without </Sentence>"))?
                + k;
            // `<Config>` tags before this record's end (between records or inside it).
            let mut c = &rest[..body_end];
            while let Some(e) = c.find("<Config") {
                let end = c[e..].find('>').map_or(c.len(), |x| x + e);
                if let (Some(o), Some(v)) = (attr(&c[e..end], "option"), attr(&c[e..end], "value"))
                {
                    options.set(&o, &v);
                }
                c = &c[end..];
            }
            let rec = &rest[k..body_end];
            let tag_end = rec
                .find('>')
                .ok_or_else(|| Error::line("suite", line, "unterminated <Sentence> tag"))?;
            let tag = &rec[..tag_end];
            let id = attr(tag, "id")
                .ok_or_else(|| Error::line("suite", line, "<Sentence> without id"))?;
            let date = attr(tag, "date").and_then(|d| d.parse().ok());
            let category = attr(tag, "category").unwrap_or_default();
            let text = between(rec, "<Text>", "</Text>")
                .ok_or_else(|| Error::line("suite", line, format!("record {id} has no <Text>")))?;
            let mut expected = BTreeSet::new();
            let mut error = None;
            let mut r = rec;
            while let Some(e) = r.find("<EventCoding") {
                let end = r[e..].find('>').map_or(r.len(), |x| x + e);
                let t = &r[e..end];
                if let Some(err) = attr(t, "error") {
                    error = Some(err);
                } else if let (Some(s), Some(tg), Some(c)) = (
                    attr(t, "sourcecode"),
                    attr(t, "targetcode"),
                    attr(t, "eventcode"),
                ) {
                    expected.insert((s, tg, c));
                }
                r = &r[end..];
            }
            suite.records.push(Record {
                id,
                category,
                date,
                text: text.split_whitespace().collect::<Vec<_>>().join(" "),
                expected,
                error,
                options,
            });
            rest = &rest[body_end..];
        }
        if suite.records.is_empty() {
            return Err(Error::Format(
                "no <Sentence> records found; is this a PETRARCH validation XML file?".into(),
            ));
        }
        Ok(suite)
    }

    /// Reads a suite file.
    pub fn read(path: &Path) -> Result<Self> {
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        Self::parse(&String::from_utf8_lossy(&bytes))
    }

    /// Loads the dictionaries the suite names, from `dir`.
    pub fn dictionaries(&self, dir: &Path) -> Result<Dictionaries> {
        let mut d = Dictionaries::default();
        for (kind, f) in &self.dictionaries {
            d.add_file(*kind, &dir.join(f))?;
        }
        Ok(d)
    }

    /// Codes every record and scores it, per category and overall (`""`).
    pub fn score(&self, coder: &Coder) -> (BTreeMap<String, Score>, Vec<(String, bool)>) {
        let mut scores: BTreeMap<String, Score> = BTreeMap::new();
        let mut per_record = Vec::new();
        for r in &self.records {
            let coded = coder.code_with(
                Story {
                    id: &r.id,
                    date: r.date,
                    text: &r.text,
                },
                &r.options,
            );
            let got: BTreeSet<(String, String, String)> = coded
                .events
                .iter()
                .map(|e| {
                    (
                        e.source.code.clone(),
                        e.target.code.clone(),
                        e.cameo.clone(),
                    )
                })
                .collect();
            let (ok, missed, extra) = match &r.error {
                Some(kind) => {
                    let hit = match kind.as_str() {
                        "storydiscard" => coded.story_discarded,
                        "sentencediscard" => !coded.discarded_sentences.is_empty(),
                        _ => got.is_empty(),
                    };
                    (hit, 0, if hit { 0 } else { got.len() })
                }
                None => (
                    got == r.expected,
                    r.expected.difference(&got).count(),
                    got.difference(&r.expected).count(),
                ),
            };
            for key in [r.category.clone(), String::new()] {
                let s = scores.entry(key).or_default();
                s.records += 1;
                s.correct += ok as usize;
                s.missed += missed;
                s.extra += extra;
            }
            per_record.push((r.id.clone(), ok));
        }
        (scores, per_record)
    }
}
