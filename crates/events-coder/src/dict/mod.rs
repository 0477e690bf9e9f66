//! Dictionary readers: PETRARCH-2 / TABARI verb patterns, actors, agents, discards and
//! issues, plus the CSV overlay. Every reader reports `file: line N: ...` errors.

mod actors;
mod issues;
mod overlay;
mod verbs;

use std::collections::HashMap;
use std::path::Path;

pub use actors::{Actor, ActorCode, Agent, DateRange, Discard};
pub use issues::Issue;
pub use verbs::{EventCode, Item, Pattern, VerbBlock, VerbForm};

use crate::error::{Error, Result};

/// A phrase's words and its value.
type Entry<T> = (Box<[String]>, T);

/// Index of multi-word phrases by their first word, longest first.
#[derive(Debug, Clone)]
pub struct PhraseIndex<T> {
    map: HashMap<String, Vec<Entry<T>>>,
}

impl<T> Default for PhraseIndex<T> {
    fn default() -> Self {
        PhraseIndex {
            map: HashMap::new(),
        }
    }
}

impl<T> PhraseIndex<T> {
    /// Adds a phrase (non-empty word list).
    pub fn insert(&mut self, words: Vec<String>, value: T) {
        if let Some(first) = words.first().cloned() {
            let v = self.map.entry(first).or_default();
            v.push((words.into_boxed_slice(), value));
            v.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
        }
    }

    /// The longest phrase starting at `words[i]`: its length and value.
    pub fn longest<'a, S: AsRef<str>>(&'a self, words: &[S], i: usize) -> Option<(usize, &'a T)> {
        let cands = self.map.get(words.get(i)?.as_ref())?;
        cands.iter().find_map(|(p, v)| {
            (i + p.len() <= words.len()
                && p[1..]
                    .iter()
                    .zip(&words[i + 1..])
                    .all(|(a, b)| a == b.as_ref()))
            .then_some((p.len(), v))
        })
    }

    /// Number of phrases.
    pub fn len(&self) -> usize {
        self.map.values().map(Vec::len).sum()
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

/// Everything the coder looks up.
#[derive(Debug, Clone, Default)]
pub struct Dictionaries {
    /// Verb blocks, verb forms and synsets.
    pub verbs: verbs::VerbDictionary,
    /// Actor phrases → actors (codes with date ranges).
    pub actors: PhraseIndex<usize>,
    /// The actors themselves.
    pub actor_list: Vec<Actor>,
    /// Agent phrases → role codes.
    pub agents: PhraseIndex<Agent>,
    /// Discard phrases.
    pub discards: PhraseIndex<Discard>,
    /// Issue phrases → issue codes.
    pub issues: PhraseIndex<Issue>,
    /// Malformed actor code blocks skipped in lenient mode (the shipped files have a
    /// few date typos); empty in strict mode, where they are errors.
    pub warnings: Vec<String>,
    /// Whether malformed actor code blocks are skipped (recorded in `warnings`).
    pub lenient: bool,
}

/// File label used in error messages.
fn label(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

fn read(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

impl Dictionaries {
    /// Adds a verb dictionary (PETRARCH-1/TABARI or PETRARCH-2 format).
    pub fn add_verbs(&mut self, file: &str, text: &str) -> Result<()> {
        self.verbs.read(file, text)
    }

    /// Adds an actor dictionary.
    pub fn add_actors(&mut self, file: &str, text: &str) -> Result<()> {
        let w = self.lenient.then_some(&mut self.warnings);
        actors::read_actors(file, text, &mut self.actor_list, &mut self.actors, w)
    }

    /// Adds an agent dictionary.
    pub fn add_agents(&mut self, file: &str, text: &str) -> Result<()> {
        let w = self.lenient.then_some(&mut self.warnings);
        actors::read_agents(file, text, &mut self.agents, w)
    }

    /// Adds a discard list.
    pub fn add_discards(&mut self, file: &str, text: &str) -> Result<()> {
        actors::read_discards(file, text, &mut self.discards)
    }

    /// Adds a Phoenix issue-coding dictionary.
    pub fn add_issues(&mut self, file: &str, text: &str) -> Result<()> {
        issues::read_issues(file, text, &mut self.issues)
    }

    /// Applies an overlay CSV (`kind,entry,code,from,to`): actors, agents, verbs and
    /// verb patterns added on top of the large dictionaries.
    pub fn add_overlay(&mut self, file: &str, text: &str) -> Result<()> {
        overlay::apply(self, file, text)
    }

    /// Reads a file of the given kind from disk.
    pub fn add_file(&mut self, kind: Kind, path: &Path) -> Result<()> {
        let text = read(path)?;
        let file = label(path);
        match kind {
            Kind::Verbs => self.add_verbs(&file, &text),
            Kind::Actors => self.add_actors(&file, &text),
            Kind::Agents => self.add_agents(&file, &text),
            Kind::Discards => self.add_discards(&file, &text),
            Kind::Issues => self.add_issues(&file, &text),
            Kind::Overlay => self.add_overlay(&file, &text),
        }
    }

    /// The dictionaries shipped with the crate: PETRARCH-2's CAMEO 2.0 verbs, Phoenix
    /// actors (countries, international, militant/non-state), agents, discards and
    /// issues (all MIT), plus this crate's overlay (`data/overlay.csv`).
    pub fn bundled() -> Result<Self> {
        let mut d = Dictionaries {
            lenient: true,
            ..Dictionaries::default()
        };
        for (kind, name, gz) in crate::bundled::DICTIONARIES {
            let text = crate::bundled::gunzip(name, gz)?;
            match kind {
                Kind::Verbs => d.add_verbs(name, &text)?,
                Kind::Actors => d.add_actors(name, &text)?,
                Kind::Agents => d.add_agents(name, &text)?,
                Kind::Discards => d.add_discards(name, &text)?,
                Kind::Issues => d.add_issues(name, &text)?,
                Kind::Overlay => d.add_overlay(name, &text)?,
            }
        }
        d.add_overlay("overlay.csv", crate::bundled::OVERLAY)?;
        Ok(d)
    }
}

/// Which reader a file goes through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Verb patterns.
    Verbs,
    /// Actors.
    Actors,
    /// Agents.
    Agents,
    /// Discards.
    Discards,
    /// Issues.
    Issues,
    /// CSV overlay.
    Overlay,
}

/// Removes `#` comments; `None` for blank and `<...>` comment lines.
pub(crate) fn strip(line: &str, in_comment: &mut bool) -> Option<String> {
    let t = line.trim();
    if *in_comment {
        if t.contains("-->") {
            *in_comment = false;
        }
        return None;
    }
    if t.starts_with("<!--") || t.starts_with("<!") {
        if !t.contains("-->") && !t.contains('>') {
            *in_comment = true;
        }
        return None;
    }
    // `#` starts a comment except inside `[...]` (TABARI's `[###]` code).
    let mut depth = 0i32;
    let cut = t.char_indices().find_map(|(k, c)| {
        match c {
            '[' => depth += 1,
            ']' => depth -= 1,
            '#' if depth <= 0 => return Some(k),
            _ => {}
        }
        None
    });
    let t = cut.map_or(t, |k| &t[..k]);
    let t = t.trim_end();
    (!t.is_empty()).then(|| t.to_string())
}

/// Dictionary phrase to words: upper case, `_` and spaces join words.
pub(crate) fn phrase_words(s: &str) -> Vec<String> {
    s.split(|c: char| c == '_' || c.is_whitespace())
        .filter(|w| !w.is_empty())
        .map(|w| w.to_uppercase())
        .collect()
}
