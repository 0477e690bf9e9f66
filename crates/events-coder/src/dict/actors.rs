//! Actors (with date-restricted codes), agents (role codes) and discards.

use std::collections::HashMap;

use super::{PhraseIndex, phrase_words, strip};
use crate::error::{Error, Result};

/// Inclusive range of dates as `YYYYMMDD` numbers; `None` ends are open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DateRange {
    /// First day, inclusive.
    pub from: Option<u32>,
    /// Last day, inclusive.
    pub to: Option<u32>,
}

impl DateRange {
    /// Whether `date` falls inside.
    pub fn contains(&self, date: u32) -> bool {
        self.from.is_none_or(|f| date >= f) && self.to.is_none_or(|t| date <= t)
    }

    /// Whether both ends are open.
    pub fn is_open(&self) -> bool {
        self.from.is_none() && self.to.is_none()
    }
}

/// One code of an actor, valid over a date range (TABARI `[USAGOV 991201-010114]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActorCode {
    /// CAMEO actor codes; several for a collective (`[FRO/BIL/SAM]`).
    pub codes: Vec<String>,
    /// When the code applies.
    pub range: DateRange,
}

/// An actor: its codes in dictionary order (the first restricted code that matches a
/// date wins; otherwise the unrestricted one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    /// Primary phrase.
    pub name: String,
    /// Codes, in file order.
    pub codes: Vec<ActorCode>,
}

impl Actor {
    /// The codes that apply on `date` (`YYYYMMDD`); without a date the unrestricted code.
    pub fn resolve(&self, date: Option<u32>) -> &[String] {
        let pick = match date {
            Some(d) => self
                .codes
                .iter()
                .find(|c| !c.range.is_open() && c.range.contains(d))
                .or_else(|| self.codes.iter().find(|c| c.range.is_open())),
            None => self
                .codes
                .iter()
                .find(|c| c.range.is_open())
                .or_else(|| self.codes.iter().rev().find(|c| c.range.to.is_none())),
        };
        pick.map(|c| c.codes.as_slice()).unwrap_or(&[])
    }
}

/// A role code from the agents dictionary: `[~GOV]` appends, `[NGO~]` prepends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Agent {
    /// The code without the `~`.
    pub code: String,
    /// True for `[CODE~]` (prefix).
    pub prefix: bool,
}

/// A discard phrase: story-level (`+`) or sentence-level.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Discard {
    /// Discards the whole story rather than the sentence.
    pub story: bool,
}

/// Parses a date `YYYYMMDD` or `YYMMDD` (years < 30 are 20xx).
fn date(file: &str, line: usize, s: &str) -> Result<u32> {
    let bad = || {
        Error::line(
            file,
            line,
            format!("bad date \"{s}\" (expected YYYYMMDD or YYMMDD)"),
        )
    };
    if !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    let v: u32 = s.parse().map_err(|_| bad())?;
    match s.len() {
        8 => Ok(v),
        6 => {
            let yy = v / 10_000;
            Ok(v + if yy < 30 { 20_000_000 } else { 19_000_000 })
        }
        _ => Err(bad()),
    }
}

/// Parses the inside of `[CODE range]`.
pub(crate) fn parse_code(file: &str, line: usize, inner: &str) -> Result<ActorCode> {
    let inner = inner.trim();
    let (code, rest) = match inner.find(char::is_whitespace) {
        Some(k) => (&inner[..k], inner[k..].trim()),
        None => (inner, ""),
    };
    if code.is_empty()
        || code.starts_with(['<', '>'])
        || code.bytes().next().is_some_and(|b| b.is_ascii_digit())
    {
        return Err(Error::line(
            file,
            line,
            format!("bad actor code block \"[{inner}]\""),
        ));
    }
    let rest: String = rest.chars().filter(|c| !c.is_whitespace()).collect();
    let range = if rest.is_empty() {
        DateRange::default()
    } else if let Some(d) = rest.strip_prefix('<') {
        // Before the date.
        DateRange {
            from: None,
            to: Some(date(file, line, d)?.saturating_sub(1)),
        }
    } else if let Some(d) = rest.strip_prefix('>') {
        DateRange {
            from: Some(date(file, line, d)? + 1),
            to: None,
        }
    } else if let Some((a, b)) = rest.split_once('-') {
        DateRange {
            from: Some(date(file, line, a)?),
            to: Some(date(file, line, b)?),
        }
    } else {
        return Err(Error::line(
            file,
            line,
            format!("bad date restriction \"{rest}\" in \"[{inner}]\""),
        ));
    };
    Ok(ActorCode {
        codes: code.split('/').map(|c| c.to_uppercase()).collect(),
        range,
    })
}

/// Splits `PHRASE [c1] [c2] {x}` into the phrase and bracket contents.
fn brackets(file: &str, line: usize, s: &str) -> Result<(String, Vec<String>, Option<String>)> {
    let mut phrase = String::new();
    let mut codes = Vec::new();
    let mut braces = None;
    let mut rest = s;
    while let Some(k) = rest.find(['[', '{']) {
        phrase.push_str(&rest[..k]);
        let (open, close) = if rest[k..].starts_with('[') {
            ('[', ']')
        } else {
            ('{', '}')
        };
        let Some(e) = rest[k..].find(close) else {
            return Err(Error::line(
                file,
                line,
                format!("unclosed \"{open}\" in \"{s}\""),
            ));
        };
        let inner = rest[k + 1..k + e].to_string();
        if open == '[' {
            codes.push(inner);
        } else {
            braces = Some(inner);
        }
        rest = &rest[k + e + 1..];
    }
    phrase.push_str(rest);
    Ok((phrase.trim().to_string(), codes, braces))
}

pub(crate) fn read_actors(
    file: &str,
    text: &str,
    list: &mut Vec<Actor>,
    index: &mut PhraseIndex<usize>,
    mut lenient: Option<&mut Vec<String>>,
) -> Result<()> {
    let mut in_comment = false;
    let mut current: Option<usize> = None;
    for (n, raw) in text.lines().enumerate() {
        let line = n + 1;
        let Some(l) = strip(raw, &mut in_comment) else {
            continue;
        };
        let (phrase, codes, _) = brackets(file, line, &l)?;
        let mut parsed = Vec::new();
        for c in &codes {
            match (parse_code(file, line, c), lenient.as_deref_mut()) {
                (Ok(c), _) => parsed.push(c),
                (Err(e), Some(w)) => w.push(e.to_string()),
                (Err(e), None) => return Err(e),
            }
        }
        let codes = parsed;
        if let Some(syn) = phrase.strip_prefix('+') {
            let Some(a) = current else {
                return Err(Error::line(
                    file,
                    line,
                    format!("synonym \"{l}\" before any actor"),
                ));
            };
            let w = phrase_words(syn);
            if !w.is_empty() {
                index.insert(w, a);
            }
            list[a].codes.extend(codes);
        } else if phrase.is_empty() {
            let Some(a) = current else {
                return Err(Error::line(
                    file,
                    line,
                    format!("code \"{l}\" before any actor"),
                ));
            };
            list[a].codes.extend(codes);
        } else {
            let w = phrase_words(&phrase);
            list.push(Actor {
                name: w.join(" "),
                codes,
            });
            let a = list.len() - 1;
            index.insert(w, a);
            current = Some(a);
        }
    }
    Ok(())
}

/// Regular plurals of an agent's last word.
fn plurals(w: &str) -> Vec<String> {
    let mut v = vec![format!("{w}S")];
    if w.ends_with(['S', 'X', 'H', 'Z']) {
        v.push(format!("{w}ES"));
    }
    if let Some(stem) = w.strip_suffix('Y') {
        v.push(format!("{stem}IES"));
    }
    if let Some(stem) = w.strip_suffix("MAN") {
        v.push(format!("{stem}MEN"));
    }
    v
}

pub(crate) fn read_agents(
    file: &str,
    text: &str,
    index: &mut PhraseIndex<Agent>,
    mut lenient: Option<&mut Vec<String>>,
) -> Result<()> {
    let mut in_comment = false;
    let mut macros: HashMap<String, Vec<String>> = HashMap::new();
    for (n, raw) in text.lines().enumerate() {
        let line = n + 1;
        let Some(l) = strip(raw, &mut in_comment) else {
            continue;
        };
        if l.starts_with('!') && l.contains('=') {
            let (name, vals) = l.split_once('=').unwrap_or_default();
            macros.insert(
                name.trim().to_uppercase(),
                vals.split(',')
                    .map(|v| v.trim().to_uppercase())
                    .filter(|v| !v.is_empty())
                    .collect(),
            );
            continue;
        }
        match (
            agent_line(file, line, &l, &macros, index),
            lenient.as_deref_mut(),
        ) {
            (Ok(()), _) => {}
            (Err(e), Some(w)) => w.push(e.to_string()),
            (Err(e), None) => return Err(e),
        }
    }
    Ok(())
}

fn agent_line(
    file: &str,
    line: usize,
    l: &str,
    macros: &HashMap<String, Vec<String>>,
    index: &mut PhraseIndex<Agent>,
) -> Result<()> {
    let (phrase, codes, braces) = brackets(file, line, l)?;
    let [code] = codes.as_slice() else {
        return Err(Error::line(
            file,
            line,
            format!("agent \"{l}\" needs exactly one [~CODE]"),
        ));
    };
    let code = code.trim();
    let agent = if let Some(c) = code.strip_prefix('~') {
        Agent {
            code: c.trim().to_uppercase(),
            prefix: false,
        }
    } else if let Some(c) = code.strip_suffix('~') {
        Agent {
            code: c.trim().to_uppercase(),
            prefix: true,
        }
    } else {
        return Err(Error::line(
            file,
            line,
            format!("agent code \"[{code}]\" has no \"~\""),
        ));
    };
    for p in expand_macros(&phrase.to_uppercase(), macros) {
        let w = phrase_words(&p);
        let Some(last) = w.last().cloned() else {
            continue;
        };
        index.insert(w.clone(), agent.clone());
        match &braces {
            // `{}`: no plural; `{A B}`: these plurals.
            Some(b) => {
                for f in b.split_whitespace() {
                    index.insert(phrase_words(f), agent.clone());
                }
            }
            None => {
                for pl in plurals(&last) {
                    let mut w2 = w.clone();
                    if let Some(x) = w2.last_mut() {
                        *x = pl;
                    }
                    index.insert(w2, agent.clone());
                }
            }
        }
    }
    Ok(())
}

/// Expands `!NAME!` substitution macros.
fn expand_macros(p: &str, macros: &HashMap<String, Vec<String>>) -> Vec<String> {
    for (name, vals) in macros {
        if p.contains(name.as_str()) {
            return vals
                .iter()
                .flat_map(|v| expand_macros(&p.replacen(name.as_str(), v, 1), macros))
                .collect();
        }
    }
    vec![p.to_string()]
}

pub(crate) fn read_discards(
    file: &str,
    text: &str,
    index: &mut PhraseIndex<Discard>,
) -> Result<()> {
    let mut in_comment = false;
    for (n, raw) in text.lines().enumerate() {
        let Some(l) = strip(raw, &mut in_comment) else {
            continue;
        };
        let (story, p) = match l.strip_prefix('+') {
            Some(p) => (true, p),
            None => (false, l.as_str()),
        };
        let p = p.split(['[', ';']).next().unwrap_or("");
        let w = phrase_words(p);
        if w.is_empty() {
            return Err(Error::line(
                file,
                n + 1,
                format!("empty discard phrase \"{l}\""),
            ));
        }
        index.insert(w, Discard { story });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_restricted_codes_follow_the_validation_dictionary() {
        // PETR.Validate.actors.txt, GOLLUM: [HOB < 950601] [HOBGOV 19950601 - 19990815] [HOBREB > 990816]
        let text = "GOLLUM\n+SMEAGOL\n\t[HOB < 950601]\n\t[HOBGOV 19950601 - 19990815]\n\t[HOBREB > 990816]\n";
        let mut list = Vec::new();
        let mut idx = PhraseIndex::default();
        read_actors("t", text, &mut list, &mut idx, None).unwrap();
        let a = &list[*idx.longest(&["SMEAGOL"], 0).unwrap().1];
        assert_eq!(a.resolve(Some(19950101)), ["HOB"]);
        assert_eq!(a.resolve(Some(19980101)), ["HOBGOV"]);
        assert_eq!(a.resolve(Some(20010101)), ["HOBREB"]);
    }

    #[test]
    fn malformed_lines_name_file_and_line() {
        let mut list = Vec::new();
        let mut idx = PhraseIndex::default();
        let e =
            read_actors("a.txt", "X [ABC]\nY [DEF 99x]\n", &mut list, &mut idx, None).unwrap_err();
        assert_eq!(
            e.to_string(),
            "a.txt: line 2: bad date restriction \"99x\" in \"[DEF 99x]\""
        );
        let mut ag = PhraseIndex::default();
        let e = read_agents("g.txt", "POLICE [COP]\n", &mut ag, None).unwrap_err();
        assert!(
            e.to_string().starts_with("g.txt: line 1: agent code"),
            "{e}"
        );
    }
}
