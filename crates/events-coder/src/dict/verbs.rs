//! Verb dictionaries: synsets, verb blocks, verb forms and patterns, in the TABARI /
//! PETRARCH-1 (`- SAID * TO +  [code]`) and PETRARCH-2 (`- * (TO BORDER) [code]`) forms.
//!
//! Pattern words separated by spaces may have other words between them; `_` requires
//! adjacency. `$` marks the source, `+` the target, `%` a compound actor acting on
//! itself, `&NAME` a synset, `^` is accepted and ignored. PETRARCH-2's phrase brackets
//! `( )` and `{ }` are read as plain word sequences.

use std::collections::HashMap;

use super::{PhraseIndex, strip};
use crate::error::{Error, Result};

/// An event code from a dictionary: `---` (no event) or a code with an optional
/// reciprocal (`[032:033]`: source→target 032 and target→source 033).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EventCode {
    /// `[---]`: matched, but no event.
    Null,
    /// A code and its optional reciprocal.
    Code(String, Option<String>),
}

impl EventCode {
    /// Parses the inside of `[...]`.
    pub fn parse(s: &str) -> EventCode {
        let s = s.trim();
        let (a, b) = match s.split_once(':') {
            Some((a, b)) => (a.trim(), Some(b.trim())),
            None => (s, None),
        };
        if a.is_empty() || !a.bytes().any(|b| b.is_ascii_alphanumeric()) {
            EventCode::Null
        } else {
            EventCode::Code(
                a.to_string(),
                b.filter(|b| !b.is_empty() && !b.starts_with("---"))
                    .map(str::to_string),
            )
        }
    }
}

/// One pattern element.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    /// A word (stem-matched: `RELATION` matches `RELATIONS`).
    Word(String),
    /// A synset, by name without `&`.
    Syn(String),
    /// `$`: the source actor.
    Source,
    /// `+`: the target actor.
    Target,
    /// `%`: a compound actor, coded in both directions.
    Compound,
}

/// A verb pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    /// The text as written in the dictionary.
    pub text: String,
    /// Elements before the verb, nearest first, with "joined to the element on its
    /// right by `_`" flags.
    pub lower: Vec<(Item, bool)>,
    /// Elements after the verb, in order, with "joined to the element on its left" flags.
    pub upper: Vec<(Item, bool)>,
    /// The code.
    pub code: EventCode,
    /// Where it was defined, `file:line`.
    pub origin: String,
}

/// A verb block: `--- NAME [code] ---`, its verbs and patterns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerbBlock {
    /// The block name.
    pub name: String,
    /// Default code.
    pub code: EventCode,
    /// Patterns, in file order.
    pub patterns: Vec<Pattern>,
}

/// One inflected form of a verb, pointing at its block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerbForm {
    /// Block index.
    pub block: usize,
    /// The verb's own default code (`DOWNPLAY [014]`), overriding the block's.
    pub code: Option<EventCode>,
    /// Whether the form differs from the base (a participle or inflection).
    pub inflected: bool,
}

/// Verb blocks and their indexes.
#[derive(Debug, Clone, Default)]
pub struct VerbDictionary {
    /// The blocks.
    pub blocks: Vec<VerbBlock>,
    /// Every verb form (multi-word forms too) → block.
    pub forms: PhraseIndex<VerbForm>,
    /// Synsets: name → member phrases (nested synsets expanded).
    pub synsets: HashMap<String, Vec<Vec<String>>>,
    /// Block index by name, so overlays can add to an existing block.
    pub by_name: HashMap<String, usize>,
}

/// Regular English inflections of `w` (over-generation is harmless: the forms are
/// only looked up).
pub(crate) fn inflections(w: &str) -> Vec<String> {
    let mut v = vec![format!("{w}S"), format!("{w}ED"), format!("{w}ING")];
    // `-ES` only after sibilants and `O` (`DEPARTES` is a typo, not a form).
    if w.ends_with(['S', 'X', 'Z', 'O']) || w.ends_with("CH") || w.ends_with("SH") {
        v.push(format!("{w}ES"));
    }
    if let Some(stem) = w.strip_suffix('E') {
        v.push(format!("{w}D"));
        v.push(format!("{stem}ING"));
    }
    if let Some(stem) = w.strip_suffix('Y') {
        v.push(format!("{stem}IES"));
        v.push(format!("{stem}IED"));
    }
    let b = w.as_bytes();
    let vowel = |c: u8| b"AEIOU".contains(&c);
    if b.len() >= 3
        && !vowel(b[b.len() - 1])
        && !b"WXY".contains(&b[b.len() - 1])
        && vowel(b[b.len() - 2])
        && !vowel(b[b.len() - 3])
    {
        let last = b[b.len() - 1] as char;
        v.push(format!("{w}{last}ED"));
        v.push(format!("{w}{last}ING"));
    }
    v
}

enum State {
    Top,
    Synset,
    Block(usize),
}

impl VerbDictionary {
    /// Reads one verb file, adding to what is there.
    pub fn read(&mut self, file: &str, text: &str) -> Result<()> {
        let mut in_comment = false;
        let mut state = State::Top;
        let mut last_block: Option<usize> = None;
        let mut raw_syn: Vec<(String, Vec<String>)> = Vec::new();
        for (n, raw) in text.lines().enumerate() {
            let line = n + 1;
            if raw.trim().is_empty() {
                if let State::Synset = state {
                    state = last_block.map_or(State::Top, State::Block);
                }
                continue;
            }
            let Some(l) = strip(raw, &mut in_comment) else {
                continue;
            };
            if l.starts_with("---") {
                let inner = l.trim_matches('-').trim();
                let (name, code) = match inner.find('[') {
                    Some(k) => {
                        let e = inner[k..].find(']').ok_or_else(|| {
                            Error::line(file, line, format!("unclosed \"[\" in \"{l}\""))
                        })?;
                        (inner[..k].trim(), EventCode::parse(&inner[k + 1..k + e]))
                    }
                    None => {
                        return Err(Error::line(
                            file,
                            line,
                            format!("verb block \"{l}\" has no [code]"),
                        ));
                    }
                };
                let b = self.block(name.trim_end_matches('_'), code);
                last_block = Some(b);
                state = State::Block(b);
            } else if let Some(name) = l.strip_prefix('&') {
                let name = name
                    .split_whitespace()
                    .next()
                    .unwrap_or("")
                    .trim_end_matches('_')
                    .to_uppercase();
                if name.is_empty() {
                    return Err(Error::line(file, line, "synset without a name"));
                }
                raw_syn.push((name.clone(), Vec::new()));
                state = State::Synset;
            } else if let Some(rest) = l.strip_prefix('-') {
                let State::Block(b) = state else {
                    return Err(Error::line(
                        file,
                        line,
                        format!("pattern \"{l}\" outside a verb block"),
                    ));
                };
                let p = parse_pattern(file, line, rest)?;
                self.blocks[b].patterns.push(p);
            } else {
                match &state {
                    State::Synset if l.starts_with('+') => {
                        let member = l[1..]
                            .split(['[', '{'])
                            .next()
                            .unwrap_or("")
                            .trim()
                            .to_string();
                        if let Some(last) = raw_syn.last_mut() {
                            last.1.push(member);
                        }
                    }
                    State::Block(_) | State::Synset if last_block.is_some() => {
                        let b = match &state {
                            State::Block(b) => *b,
                            _ => last_block.unwrap_or_default(),
                        };
                        self.add_verb(file, line, b, &l)?;
                        state = State::Block(b);
                    }
                    _ => {
                        return Err(Error::line(
                            file,
                            line,
                            format!("verb \"{l}\" outside a verb block"),
                        ));
                    }
                }
            }
        }
        // Expand synsets (nested ones too, to a fixed depth).
        let raw: HashMap<String, Vec<String>> = raw_syn.into_iter().collect();
        for name in raw.keys() {
            let mut out = Vec::new();
            expand(name, &raw, 0, &mut out);
            self.synsets.insert(name.clone(), out);
        }
        Ok(())
    }

    /// The block called `name`, created if missing.
    pub(crate) fn block(&mut self, name: &str, code: EventCode) -> usize {
        if let Some(&b) = self.by_name.get(name) {
            return b;
        }
        self.blocks.push(VerbBlock {
            name: name.to_string(),
            code,
            patterns: Vec::new(),
        });
        let b = self.blocks.len() - 1;
        self.by_name.insert(name.to_string(), b);
        b
    }

    /// Adds a verb line `WORD {IRREGULAR FORMS} [code]` to block `b`.
    pub(crate) fn add_verb(&mut self, file: &str, line: usize, b: usize, l: &str) -> Result<()> {
        let l = l.trim_start_matches('+');
        let mut main = l.to_string();
        let mut irregular = String::new();
        let mut code = None;
        if let Some(k) = l.find('{') {
            let e = l[k..]
                .find('}')
                .ok_or_else(|| Error::line(file, line, format!("unclosed \"{{\" in \"{l}\"")))?;
            irregular = l[k + 1..k + e].to_string();
            main = format!("{}{}", &l[..k], &l[k + e + 1..]);
        }
        if let Some(k) = main.find('[') {
            let e = main[k..]
                .find(']')
                .ok_or_else(|| Error::line(file, line, format!("unclosed \"[\" in \"{l}\"")))?;
            code = Some(EventCode::parse(&main[k + 1..k + e]));
            main.truncate(k);
        }
        let parts: Vec<&str> = main
            .split(|c: char| c == '_' || c.is_whitespace())
            .filter(|w| !w.is_empty())
            .collect();
        if parts.is_empty() {
            return Err(Error::line(file, line, format!("empty verb \"{l}\"")));
        }
        let marked = parts.iter().position(|p| p.starts_with('+')).unwrap_or(0);
        let words: Vec<String> = parts
            .iter()
            .map(|p| p.trim_start_matches('+').to_uppercase())
            .collect();
        let mut add = |w: Vec<String>, inflected: bool| {
            self.forms.insert(
                w,
                VerbForm {
                    block: b,
                    code: code.clone(),
                    inflected,
                },
            );
        };
        add(words.clone(), false);
        for f in inflections(&words[marked]) {
            let mut w = words.clone();
            w[marked] = f;
            add(w, true);
        }
        for f in irregular.split_whitespace() {
            let w: Vec<String> = f
                .split('_')
                .filter(|s| !s.is_empty())
                .map(|s| s.trim_start_matches('+').to_uppercase())
                .collect();
            if w.len() == 1 && words.len() > 1 {
                let mut ww = words.clone();
                ww[marked] = w[0].clone();
                add(ww, true);
            } else if !w.is_empty() {
                add(w, true);
            }
        }
        Ok(())
    }
}

fn expand(
    name: &str,
    raw: &HashMap<String, Vec<String>>,
    depth: usize,
    out: &mut Vec<Vec<String>>,
) {
    let Some(members) = raw.get(name) else { return };
    for m in members {
        if let Some(inner) = m.strip_prefix('&') {
            if depth < 4 {
                expand(inner.trim_end_matches('_'), raw, depth + 1, out);
            }
        } else {
            let w: Vec<String> = m
                .split(|c: char| c == '_' || c.is_whitespace())
                .filter(|s| !s.is_empty())
                .map(str::to_uppercase)
                .collect();
            if !w.is_empty() {
                out.push(w);
            }
        }
    }
}

/// Parses the text after the leading `-` of a pattern line.
pub(crate) fn parse_pattern(file: &str, line: usize, rest: &str) -> Result<Pattern> {
    let k = rest
        .rfind('[')
        .ok_or_else(|| Error::line(file, line, format!("pattern \"-{rest}\" has no [code]")))?;
    let e = rest[k..]
        .find(']')
        .ok_or_else(|| Error::line(file, line, format!("unclosed \"[\" in pattern \"-{rest}\"")))?;
    let code = EventCode::parse(&rest[k + 1..k + e]);
    // Brackets become spaces; `*` stands apart (`*SCEPTICAL`), adjacency kept by `_`.
    let body: String = rest[..k]
        .chars()
        .map(|c| {
            if matches!(c, '(' | ')' | '{' | '}') {
                ' '
            } else {
                c
            }
        })
        .collect::<String>()
        .replace('*', " * ");
    // Flatten into (item-or-verb, joined-to-left) pairs.
    let mut seq: Vec<(Option<Item>, bool)> = Vec::new();
    let mut carry = false;
    for tok in body.split_whitespace() {
        let mut first = true;
        for part in tok.split('_').filter(|p| !p.is_empty()) {
            let joined = if first {
                carry || tok.starts_with('_')
            } else {
                true
            };
            first = false;
            let item = match part {
                "*" => None,
                "$" => Some(Item::Source),
                "+" => Some(Item::Target),
                "%" => Some(Item::Compound),
                "^" => continue,
                p if p.starts_with('&') => Some(Item::Syn(p[1..].to_uppercase())),
                p => Some(Item::Word(p.to_uppercase())),
            };
            let joined = joined && !seq.is_empty();
            seq.push((item, joined));
        }
        carry = tok.ends_with('_');
    }
    let Some(star) = seq.iter().position(|(i, _)| i.is_none()) else {
        return Err(Error::line(
            file,
            line,
            format!("pattern \"-{rest}\" has no \"*\""),
        ));
    };
    let upper: Vec<(Item, bool)> = seq[star + 1..]
        .iter()
        .filter_map(|(i, j)| i.clone().map(|i| (i, *j)))
        .collect();
    // Lower: nearest first; flag = joined to the element on its right.
    let mut lower = Vec::new();
    for idx in (0..star).rev() {
        if let Some(item) = seq[idx].0.clone() {
            lower.push((item, seq[idx + 1].1));
        }
    }
    Ok(Pattern {
        text: format!("-{}", rest[..k].trim_end()),
        lower,
        upper,
        code,
        origin: format!("{file}:{line}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_keep_adjacency_and_markers() {
        let p = parse_pattern("v", 1, " SAID WOULD_*_TALKS + [102]").unwrap();
        assert_eq!(
            p.lower,
            vec![
                (Item::Word("WOULD".into()), true),
                (Item::Word("SAID".into()), false)
            ]
        );
        assert_eq!(
            p.upper,
            vec![(Item::Word("TALKS".into()), true), (Item::Target, false)]
        );
        assert_eq!(p.code, EventCode::Code("102".into(), None));
        let p = parse_pattern("v", 1, " * (TO BORDER) [042:043]").unwrap();
        assert_eq!(p.code, EventCode::Code("042".into(), Some("043".into())));
        assert_eq!(p.upper.len(), 2);
    }

    #[test]
    fn blocks_forms_and_synsets() {
        let text = "&TIES\n+MILITARY\n+&OTHER\n\n&OTHER\n+CULTURAL_LINKS\n\n--- BREAK [1717] ---\nBREAK { BROKE BROKEN }\n+BREAK_DOWN {+BROKE_DOWN}\n- * &TIES [161]\n";
        let mut d = VerbDictionary::default();
        d.read("v", text).unwrap();
        assert!(d.forms.longest(&["BROKE"], 0).is_some());
        assert!(d.forms.longest(&["BREAKING"], 0).is_some());
        assert_eq!(d.forms.longest(&["BROKE", "DOWN"], 0).unwrap().0, 2);
        assert_eq!(
            d.synsets["TIES"],
            vec![
                vec!["MILITARY".to_string()],
                vec!["CULTURAL".into(), "LINKS".into()]
            ]
        );
        let e = VerbDictionary::default()
            .read("v.txt", "\n- * X [010]\n")
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "v.txt: line 2: pattern \"- * X [010]\" outside a verb block"
        );
    }
}
