//! Scoring coded events against labelled sentences: CAMEO penta-class, polarity,
//! actors and spurious events, with the fixed held-out split the README figures use.
//!
//! The penta-class is the five-way class of the ConfliBERT CAMEO set (and of the
//! Phoenix pipeline): 0 make statement / appeal (CAMEO 01–02), 1 verbal cooperation
//! (03–05), 2 material cooperation (06–08), 3 verbal conflict (09–13 and 16),
//! 4 material conflict (14, 15, 17–20). Polarity groups 1–2 as cooperation and 3–4 as
//! conflict.
//!
//! The split is the one-in-five [`held_out`] hash of each record's key (the sentence
//! text for ConfliBERT), so it does not depend on file order and every tool that
//! scores or trains on the same file holds out the same records.

use std::collections::HashSet;

use crate::coder::Event;
use crate::error::{Error, Result};

/// Names of the five classes, by index.
pub const PENTA_LABELS: [&str; 5] = [
    "statement",
    "verbal cooperation",
    "material cooperation",
    "verbal conflict",
    "material conflict",
];

/// Penta-class of a CAMEO code (its first two digits), `None` for a malformed code.
pub fn penta(cameo: &str) -> Option<u8> {
    let root: u8 = cameo.get(..2)?.parse().ok()?;
    Some(match root {
        1 | 2 => 0,
        3..=5 => 1,
        6..=8 => 2,
        9..=13 | 16 => 3,
        14 | 15 | 17..=20 => 4,
        _ => return None,
    })
}

/// Cooperation versus conflict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Polarity {
    /// Statements and appeals (class 0).
    Neutral,
    /// Verbal or material cooperation (classes 1, 2).
    Cooperation,
    /// Verbal or material conflict (classes 3, 4).
    Conflict,
}

impl Polarity {
    /// Polarity of a penta-class.
    pub fn of(class: u8) -> Polarity {
        match class {
            1 | 2 => Polarity::Cooperation,
            3 | 4 => Polarity::Conflict,
            _ => Polarity::Neutral,
        }
    }
}

/// FNV-1a 64-bit hash of a string (stable across runs and platforms).
pub fn fnv1a(key: &str) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in key.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}

/// The fixed 20 % test side: `fnv1a(key) % 5 == 0`.
pub fn held_out(key: &str) -> bool {
    fnv1a(key) % 5 == 0
}

/// One labelled record: its penta-class and, where known, the words of the source and
/// target actor spans.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Labelled {
    /// The sentence.
    pub text: String,
    /// Gold penta-class 0–4.
    pub class: u8,
    /// Gold CAMEO code, where the source gives one (the CAMEO manual's examples).
    pub cameo: Option<String>,
    /// Upper-cased words of the gold source span (empty when unknown).
    pub source: Vec<String>,
    /// Upper-cased words of the gold target span (empty when unknown).
    pub target: Vec<String>,
}

/// Reads the ConfliBERT CAMEO class file (`text<TAB>label`, label 0–4).
pub fn read_conflibert_class(file: &str, text: &str) -> Result<Vec<Labelled>> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let (t, l) = line
            .rsplit_once('\t')
            .ok_or_else(|| Error::line(file, n + 1, "no tab"))?;
        let class = l
            .trim()
            .parse::<u8>()
            .ok()
            .filter(|&c| c < 5)
            .ok_or_else(|| Error::line(file, n + 1, format!("label {l:?} is not 0-4")))?;
        out.push(Labelled {
            text: t.trim().to_string(),
            class,
            cameo: None,
            source: Vec::new(),
            target: Vec::new(),
        });
    }
    Ok(out)
}

/// Key that identifies a sentence across the ConfliBERT class and NER files (which
/// tokenise differently): its lower-cased letters and digits.
pub fn sentence_key(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Adds the source (`S`) and target (`T`) spans of the ConfliBERT NER file (CoNLL, one
/// `word TAG` per line, BIO tags, blank line between sentences) to the records with the
/// same [`sentence_key`]. Returns how many records got spans.
pub fn add_conflibert_actors(records: &mut [Labelled], file: &str, text: &str) -> Result<usize> {
    let mut spans = std::collections::HashMap::new();
    let (mut words, mut s, mut t) = (String::new(), Vec::new(), Vec::new());
    let mut flush = |words: &mut String, s: &mut Vec<String>, t: &mut Vec<String>| {
        if !words.is_empty() {
            spans.insert(sentence_key(words), (std::mem::take(s), std::mem::take(t)));
            words.clear();
        }
    };
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end();
        if line.is_empty() {
            flush(&mut words, &mut s, &mut t);
            continue;
        }
        let (w, tag) = line
            .rsplit_once(' ')
            .ok_or_else(|| Error::line(file, n + 1, "expected `word TAG`"))?;
        words.push_str(w);
        words.push(' ');
        let upper = w.to_uppercase();
        match tag.get(1..) {
            Some("-S") => s.push(upper),
            Some("-T") => t.push(upper),
            _ => {}
        }
    }
    flush(&mut words, &mut s, &mut t);
    let mut joined = 0;
    for r in records.iter_mut() {
        if let Some((s, t)) = spans.get(&sentence_key(&r.text)) {
            r.source = s.clone();
            r.target = t.clone();
            joined += 1;
        }
    }
    Ok(joined)
}

/// Reads the example sentences of the CAMEO codebook as tabulated in andybega/icews
/// `cameo-codes.csv` (columns `code` and `example`; codes without an example, `NA`,
/// are skipped). The gold class is the code's penta-class.
pub fn read_cameo_examples(file: &str, text: &str) -> Result<Vec<Labelled>> {
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    let headers = rdr
        .headers()
        .map_err(|e| Error::Format(format!("{file}: {e}")))?
        .clone();
    let col = |want: &str| {
        headers
            .iter()
            .position(|h| h == want)
            .ok_or_else(|| Error::Format(format!("{file}: no column {want:?}")))
    };
    let (c_code, c_ex) = (col("code")?, col("example")?);
    let mut out = Vec::new();
    for (n, rec) in rdr.records().enumerate() {
        let rec = rec.map_err(|e| Error::line(file, n + 2, e.to_string()))?;
        let code = rec.get(c_code).unwrap_or("").trim();
        let ex = rec.get(c_ex).unwrap_or("").trim();
        if ex.is_empty() || ex == "NA" {
            continue;
        }
        let class =
            penta(code).ok_or_else(|| Error::line(file, n + 2, format!("bad code {code:?}")))?;
        out.push(Labelled {
            text: ex.to_string(),
            class,
            cameo: Some(code.to_string()),
            source: Vec::new(),
            target: Vec::new(),
        });
    }
    Ok(out)
}

/// Words that say nothing about which actor a span names.
const SPAN_STOP: &[&str] = &["THE", "A", "AN", "OF", "'S", "AND", "IN", "ITS", "THEIR"];

/// Whether an actor's text and a gold span share a content word.
fn overlaps(actor_text: &str, gold: &[String]) -> bool {
    let gold: HashSet<&str> = gold
        .iter()
        .map(String::as_str)
        .filter(|w| !SPAN_STOP.contains(w))
        .collect();
    crate::text::tokenize(actor_text, 0)
        .iter()
        .any(|t| gold.contains(t.word.as_str()))
}

/// Counts over a set of records, for one coding mode.
///
/// A record's *main* event is its first coded event (sentence order, then verb order):
/// `type_right` counts records whose main event has the gold class, `polarity_right`
/// those (among records whose gold class is cooperation or conflict) whose main event
/// has the gold polarity, `actors_right` those (among records with gold source and
/// target spans) whose main event's source and target texts each share a content word
/// with the gold spans. Every coded event whose class differs from the gold class is
/// `spurious` (each record describes one event); `opposite` counts events of the
/// opposite polarity (a conflict event in a cooperation sentence, or the reverse).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Records scored.
    pub records: usize,
    /// Records with at least one event.
    pub coded: usize,
    /// Records whose main event has the gold class.
    pub type_right: usize,
    /// Records whose gold class is cooperation or conflict.
    pub polar: usize,
    /// Of those, records coded.
    pub polar_coded: usize,
    /// Of those, records whose main event has the gold polarity.
    pub polarity_right: usize,
    /// Records with gold source and target spans that were coded.
    pub actor_coded: usize,
    /// Of those, records whose main event's actors match both spans.
    pub actors_right: usize,
    /// Records whose main event has the gold CAMEO root (first two digits), where known.
    pub root_right: usize,
    /// Events coded.
    pub events: usize,
    /// Events whose class is not the gold class.
    pub spurious: usize,
    /// Events of the opposite polarity to the gold class.
    pub opposite: usize,
}

impl Tally {
    /// Adds one record with the events coded for it.
    pub fn add(&mut self, gold: &Labelled, events: &[Event]) {
        let classes: Vec<Option<u8>> = events.iter().map(|e| penta(&e.cameo)).collect();
        let main = events.first().map(|e| (e, classes[0]));
        self.add_classes(gold, &classes, main.map(|(_, c)| c));
        if let Some((e, _)) = main {
            if !gold.source.is_empty() && !gold.target.is_empty() {
                self.actor_coded += 1;
                self.actors_right += usize::from(
                    overlaps(&e.source.text, &gold.source)
                        && overlaps(&e.target.text, &gold.target),
                );
            }
            if let Some(code) = &gold.cameo {
                self.root_right += usize::from(code.get(..2) == e.cameo.get(..2));
            }
        }
    }

    /// Adds one record from event classes alone: `main` is the record's class (from
    /// its main event, or a sentence classifier), `events` every event's class.
    pub fn add_classes(
        &mut self,
        gold: &Labelled,
        events: &[Option<u8>],
        main: Option<Option<u8>>,
    ) {
        self.records += 1;
        let gold_pol = Polarity::of(gold.class);
        let polar = gold_pol != Polarity::Neutral;
        self.polar += usize::from(polar);
        self.events += events.len();
        for c in events {
            self.spurious += usize::from(*c != Some(gold.class));
            self.opposite += usize::from(c.is_some_and(|c| {
                let p = Polarity::of(c);
                polar && p != Polarity::Neutral && p != gold_pol
            }));
        }
        let Some(class) = main else {
            return;
        };
        self.coded += 1;
        self.type_right += usize::from(class == Some(gold.class));
        if polar {
            self.polar_coded += 1;
            self.polarity_right += usize::from(class.map(Polarity::of) == Some(gold_pol));
        }
    }

    /// `a / b`, 0 when `b` is 0.
    pub fn ratio(a: usize, b: usize) -> f64 {
        if b == 0 { 0.0 } else { a as f64 / b as f64 }
    }

    /// Share of records with an event (recall of "there is an event here").
    pub fn coverage(&self) -> f64 {
        Self::ratio(self.coded, self.records)
    }

    /// Class accuracy over coded records (precision of the main event's class).
    pub fn type_precision(&self) -> f64 {
        Self::ratio(self.type_right, self.coded)
    }

    /// Class accuracy over all records (an uncoded record counts as wrong).
    pub fn type_accuracy(&self) -> f64 {
        Self::ratio(self.type_right, self.records)
    }

    /// Polarity accuracy over coded cooperation/conflict records.
    pub fn polarity_precision(&self) -> f64 {
        Self::ratio(self.polarity_right, self.polar_coded)
    }

    /// Actor accuracy over coded records with gold spans.
    pub fn actor_precision(&self) -> f64 {
        Self::ratio(self.actors_right, self.actor_coded)
    }

    /// Spurious events per record.
    pub fn spurious_per_record(&self) -> f64 {
        Self::ratio(self.spurious, self.records)
    }

    /// Events of the opposite polarity per cooperation/conflict record.
    pub fn opposite_per_record(&self) -> f64 {
        Self::ratio(self.opposite, self.polar)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn penta_follows_the_phoenix_five_way_quad() {
        // derived/cameo_codes_consolidated.tsv, column quad_phoenix.
        for (code, class) in [
            ("010", 0),
            ("0211", 0),
            ("036", 1),
            ("042", 1),
            ("057", 1),
            ("061", 2),
            ("0874", 2),
            ("090", 3),
            ("112", 3),
            ("138", 3),
            ("160", 3),
            ("145", 4),
            ("150", 4),
            ("173", 4),
            ("190", 4),
            ("204", 4),
        ] {
            assert_eq!(penta(code), Some(class), "{code}");
        }
        assert_eq!(penta("21"), None);
        assert_eq!(penta("x"), None);
    }

    #[test]
    fn split_is_a_fixed_hash() {
        // FNV-1a 64 of "a" is 0xaf63dc4c8601ec8c (the published test vector).
        assert_eq!(fnv1a("a"), 0xaf63dc4c8601ec8c);
        assert_eq!(fnv1a(""), 0xcbf29ce484222325);
        assert_eq!(held_out("a"), 0xaf63dc4c8601ec8c_u64 % 5 == 0);
    }

    #[test]
    fn ner_spans_join_on_letters_and_digits() {
        let mut r = read_conflibert_class(
            "c",
            "Iraqi troops attacked the town’s militia.\t4\r\nA statement.\t0\n",
        )
        .unwrap();
        let ner =
            "Iraqi B-S\ntroops I-S\nattacked O\nthe B-T\ntown I-T\n's I-T\nmilitia I-T\n. O\n\n";
        assert_eq!(add_conflibert_actors(&mut r, "n", ner).unwrap(), 1);
        assert_eq!(r[0].source, ["IRAQI", "TROOPS"]);
        assert_eq!(r[0].target, ["THE", "TOWN", "'S", "MILITIA"]);
        assert!(r[1].source.is_empty());
        assert!(overlaps("the militia", &r[0].target));
        assert!(!overlaps("the town's", &["THE".into(), "'S".into()]));
    }

    #[test]
    fn tally_counts_by_hand() {
        let gold = |class| Labelled {
            text: String::new(),
            class,
            cameo: None,
            source: Vec::new(),
            target: Vec::new(),
        };
        let mut t = Tally::default();
        // Conflict sentence coded as conflict (right), with one cooperation event extra.
        t.add_classes(&gold(4), &[Some(4), Some(1)], Some(Some(4)));
        // Cooperation sentence coded as verbal conflict: wrong class and polarity.
        t.add_classes(&gold(2), &[Some(3)], Some(Some(3)));
        // Statement not coded.
        t.add_classes(&gold(0), &[], None);
        assert_eq!((t.records, t.coded, t.type_right), (3, 2, 1));
        assert_eq!((t.polar, t.polar_coded, t.polarity_right), (2, 2, 1));
        assert_eq!((t.events, t.spurious, t.opposite), (3, 2, 2));
        assert_eq!(t.type_precision(), 0.5);
        assert!((t.type_accuracy() - 1.0 / 3.0).abs() < 1e-12);
        assert_eq!(t.opposite_per_record(), 1.0);
    }
}
