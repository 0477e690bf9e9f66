//! The shallow parser and pattern matcher: sentences → actor groups and verbs → events.

use std::collections::{BTreeSet, HashMap};
use std::ops::Range;

use serde::Serialize;

use crate::dict::{Dictionaries, EventCode, Item, Pattern, VerbForm};
use crate::tables::{CONVENTION, CameoTable};
use crate::text::{Token, sentences, tokenize};

/// Determiners and possessives: a dictionary verb right after one is a noun.
const NOUN_MARKERS: &[&str] = &[
    "A", "AN", "THE", "'S", "ITS", "HIS", "HER", "THEIR", "OUR", "MY", "YOUR", "THIS", "THESE",
    "THOSE", "NO", "ANY", "EACH", "EVERY", "SOME", "OF", "IN", "ON", "FOR", "WITH", "BY", "AT",
    "AGAINST", "AFTER", "BEFORE", "DURING", "FROM", "BETWEEN", "INTO", "NEW", "FIRST", "SECOND",
];
/// Prepositions: an actor right after one is not a subject.
const PREPOSITIONS: &[&str] = &[
    "IN", "ON", "AT", "FROM", "WITH", "TO", "FOR", "BY", "OF", "AGAINST", "BETWEEN", "INTO",
    "TOWARD", "TOWARDS", "ABOUT", "OVER", "UNDER", "NEAR", "AMONG", "VIA", "AFTER", "BEFORE",
];
/// Adverbs allowed between an auxiliary and its verb (besides `-LY` words).
const ADVERBS: &[&str] = &[
    "NOT", "N'T", "NEVER", "EVER", "ALSO", "AGAIN", "JUST", "STILL", "ALREADY", "NOW", "EVEN",
    "SOON", "YET", "FINALLY",
];
const BE: &[&str] = &["IS", "ARE", "WAS", "WERE", "BEEN", "BE", "BEING"];
/// Auxiliaries that make the next verb finite.
const AUXILIARIES: &[&str] = &[
    "HAS", "HAVE", "HAD", "HAVING", "WILL", "WOULD", "SHALL", "DO", "DOES", "DID", "'S",
];
/// Negations in a verb's auxiliary chain: the act did not happen.
const NEGATIONS: &[&str] = &["NOT", "N'T", "NEVER"];
/// Modals of possibility: the act is hypothetical.
const MODALS: &[&str] = &["COULD", "MIGHT", "MAY", "SHOULD", "CAN", "CANNOT", "MUST"];
/// Words opening a conditional or hypothetical clause.
const CONDITIONALS: &[&str] = &["IF", "UNLESS", "WHETHER", "LEST"];
/// Words allowed inside an actor noun phrase between an actor and its agent.
const NP_GLUE: &[&str] = &["'S", "OF", "IN", "FROM", "THE", "FOR"];
/// Words that never sit inside a noun phrase.
const STOP: &[&str] = &[
    "AND", "OR", "BUT", ",", ";", ":", "(", ")", "\"", "--", "THAT", "WHICH", "WHO", "SAID",
    "WILL", "WOULD", "HAS", "HAVE", "HAD", "IS", "ARE", "WAS", "WERE", "TO", "ON", "AT", "WITH",
];

/// A dated input: what the coder reads.
#[derive(Debug, Clone, Copy)]
pub struct Story<'a> {
    /// Story identifier.
    pub id: &'a str,
    /// Date as `YYYYMMDD`, for date-restricted actor codes.
    pub date: Option<u32>,
    /// The text.
    pub text: &'a str,
}

/// One coded actor: full code, its country/sector split, and where it was found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActorRef {
    /// Full CAMEO actor code, e.g. `MARSPY`.
    pub code: String,
    /// The leading 3-letter part (country, IGO/NGO prefix), e.g. `MAR`.
    pub country: String,
    /// The rest, e.g. `SPY`.
    pub sector: String,
    /// Byte span in the story text.
    pub span: Range<usize>,
    /// The text of the span.
    pub text: String,
}

/// A coded event with everything the output carries.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Event {
    /// Story id.
    pub story: String,
    /// 0-based sentence index in the story.
    pub sentence: usize,
    /// Story date `YYYYMMDD`, if given.
    pub date: Option<u32>,
    /// Source actor.
    pub source: ActorRef,
    /// Target actor.
    pub target: ActorRef,
    /// CAMEO event code.
    pub cameo: String,
    /// CAMEO name (ICEWS wording).
    pub cameo_name: Option<String>,
    /// PLOVER event type.
    pub plover_event: Option<String>,
    /// PLOVER mode.
    pub plover_mode: Option<String>,
    /// Goldstein value.
    pub goldstein: Option<f64>,
    /// Quad class 1–4.
    pub quad_class: Option<u8>,
    /// Issue codes (Phoenix) and PLOVER contexts, sorted.
    pub topics: Vec<String>,
    /// The matched pattern (`- * DAYS IN +`) or `default` and the dictionary line.
    pub pattern: String,
    /// Verb span in the story text.
    pub verb_span: Range<usize>,
    /// Verb text.
    pub verb: String,
    /// Conventions of the Goldstein/quad/PLOVER columns.
    pub convention: &'static str,
}

/// The result of coding one story.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Coded {
    /// Events, in sentence order.
    pub events: Vec<Event>,
    /// Whether a story-level discard phrase matched (then `events` is empty).
    pub story_discarded: bool,
    /// Indices of sentences dropped by sentence-level discards.
    pub discarded_sentences: Vec<usize>,
    /// Number of sentences.
    pub sentences: usize,
}

/// Word limits for deleting comma-delimited clauses (TABARI / PETRARCH `comma_*`
/// options): a clause of `min..=max` words (tokens starting with a letter) is removed
/// before coding; `max == 0` turns a kind off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CommaLimits {
    /// Internal clause (between two commas): minimum words.
    pub min: usize,
    /// Internal clause: maximum words (0 = off).
    pub max: usize,
    /// Initial clause (start to the first comma): minimum words.
    pub bmin: usize,
    /// Initial clause: maximum words (0 = off).
    pub bmax: usize,
    /// Terminal clause (last comma to the end): minimum words.
    pub emin: usize,
    /// Terminal clause: maximum words (0 = off).
    pub emax: usize,
}

impl CommaLimits {
    /// PETRARCH's (and TABARI's) defaults: internal 2–8, terminal 2–8, initial off.
    pub const PETRARCH: CommaLimits = CommaLimits {
        min: 2,
        max: 8,
        bmin: 0,
        bmax: 0,
        emin: 2,
        emax: 8,
    };
    /// No clause deletion.
    pub const OFF: CommaLimits = CommaLimits {
        min: 0,
        max: 0,
        bmin: 0,
        bmax: 0,
        emin: 0,
        emax: 0,
    };
}

/// Coding options: PETRARCH's `PETR_config.ini` settings that validation suites
/// change with `<Config option="..." value="...">`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Events need a source and a target (`require_dyad`, default true). When false,
    /// a verb with only one of them is still coded, the missing actor as `---`
    /// (`a senior official said` → `---GOV --- 023`).
    pub require_dyad: bool,
    /// Comma-delimited clause deletion.
    pub comma: CommaLimits,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            require_dyad: true,
            comma: CommaLimits::OFF,
        }
    }
}

impl Options {
    /// PETRARCH's defaults (`require_dyad` on, comma clauses 2–8 words deleted).
    pub fn petrarch() -> Self {
        Options {
            require_dyad: true,
            comma: CommaLimits::PETRARCH,
        }
    }

    /// Applies one `<Config option value>` setting; unknown options and malformed
    /// values are ignored (PETRARCH warns and goes on). Returns whether it applied.
    pub fn set(&mut self, option: &str, value: &str) -> bool {
        let option = option.trim().to_ascii_lowercase();
        if option == "require_dyad" {
            self.require_dyad = !value.to_ascii_lowercase().contains("false");
            return true;
        }
        let Ok(n) = value.trim().parse::<usize>() else {
            return false;
        };
        let slot = match option.as_str() {
            "comma_min" => &mut self.comma.min,
            "comma_max" => &mut self.comma.max,
            "comma_bmin" => &mut self.comma.bmin,
            "comma_bmax" => &mut self.comma.bmax,
            "comma_emin" => &mut self.comma.emin,
            "comma_emax" => &mut self.comma.emax,
            _ => return false,
        };
        *slot = n;
        true
    }
}

/// What a pattern fixed: source group, target group, compound (`%`).
type PatternMatch = (Option<usize>, Option<usize>, bool);

/// The dictionary-mode coder.
#[derive(Debug, Clone)]
pub struct Coder {
    dict: Dictionaries,
    options: Options,
    table: CameoTable,
    prefilter: Prefilter,
}

/// Words a pattern needs, interned: most patterns of a verb block name a word the
/// sentence lacks, and checking that with an array lookup is far cheaper than scanning
/// the sentence for every element (the coding is unchanged: a pattern that fails the
/// check could not have matched).
#[derive(Debug, Clone, Default)]
struct Prefilter {
    /// Pattern and synset-member first words → id.
    ids: HashMap<String, u32>,
    /// Per block, per pattern: the words it requires (one of each inner list).
    needs: Vec<Vec<Vec<Vec<u32>>>>,
}

impl Prefilter {
    fn new(dict: &Dictionaries) -> Self {
        let mut ids: HashMap<String, u32> = HashMap::new();
        let mut id = |w: &str| {
            let n = ids.len() as u32;
            *ids.entry(w.to_string()).or_insert(n)
        };
        let needs = dict
            .verbs
            .blocks
            .iter()
            .map(|b| {
                b.patterns
                    .iter()
                    .map(|p| {
                        p.upper
                            .iter()
                            .chain(&p.lower)
                            .filter_map(|(item, _)| match item {
                                Item::Word(w) => Some(vec![id(w)]),
                                Item::Syn(name) => Some(
                                    dict.verbs
                                        .synsets
                                        .get(name)
                                        .map(|ms| {
                                            ms.iter()
                                                .filter_map(|m| m.first().map(|w| id(w)))
                                                .collect()
                                        })
                                        .unwrap_or_default(),
                                ),
                                _ => None,
                            })
                            .collect()
                    })
                    .collect()
            })
            .collect();
        Prefilter { ids, needs }
    }

    /// Marks the ids of every word a token could match: [`word_match`] only allows
    /// the pattern word to be the token minus at most four trailing bytes.
    fn present(&self, words: &[&str]) -> Vec<bool> {
        let mut seen = vec![false; self.ids.len()];
        for w in words {
            for cut in 0..=4.min(w.len().saturating_sub(1)) {
                if let Some(&k) = w.get(..w.len() - cut).and_then(|p| self.ids.get(p)) {
                    seen[k as usize] = true;
                }
            }
        }
        seen
    }
}

/// An actor noun phrase or compound of them.
#[derive(Debug, Clone)]
struct Group {
    codes: Vec<String>,
    tokens: Range<usize>,
    /// Several coordinated actors (`A and B`), for `%`.
    compound: bool,
}

#[derive(Debug, Clone)]
struct Verb {
    tokens: Range<usize>,
    form: VerbForm,
}

/// PLOVER context keywords (word prefixes) for topics the CAMEO code does not imply.
const CONTEXT_KEYWORDS: &[(&str, &str)] = &[
    ("TERROR", "terrorism"),
    ("COUNTER-TERROR", "terrorism"),
    ("COUNTERTERROR", "terrorism"),
    ("JIHAD", "terrorism"),
    ("CYBER", "cyber"),
    ("HACK", "cyber"),
    ("INTELLIGENCE", "intelligence"),
    ("ESPIONAGE", "intelligence"),
    ("SPY", "intelligence"),
    ("SPIES", "intelligence"),
    ("MILITARY", "military"),
    ("TROOPS", "military"),
    ("ELECTION", "election"),
    ("REFUGEE", "migration"),
    ("MIGRA", "migration"),
    ("NUCLEAR", "cbrn"),
    ("CORRUPTION", "corruption"),
    ("DRUG", "illegal_drugs"),
    ("TRAFFICKING", "trafficking"),
];

impl Coder {
    /// A coder over the given dictionaries and the shipped CAMEO table.
    pub fn new(dict: Dictionaries) -> crate::Result<Self> {
        Ok(Coder {
            prefilter: Prefilter::new(&dict),
            options: Options::default(),
            dict,
            table: CameoTable::bundled()?,
        })
    }

    /// A coder over the shipped dictionaries.
    pub fn bundled() -> crate::Result<Self> {
        Self::new(Dictionaries::bundled()?)
    }

    /// The dictionaries.
    pub fn dictionaries(&self) -> &Dictionaries {
        &self.dict
    }

    /// The same coder with other options.
    pub fn with_options(mut self, options: Options) -> Self {
        self.options = options;
        self
    }

    /// The options [`Coder::code`] uses.
    pub fn options(&self) -> &Options {
        &self.options
    }

    /// Codes one story: splits sentences, codes each.
    pub fn code(&self, story: Story<'_>) -> Coded {
        self.code_with(story, &self.options)
    }

    /// Codes one story with the given options.
    pub fn code_with(&self, story: Story<'_>, opts: &Options) -> Coded {
        let mut out = Coded::default();
        let sents = sentences(story.text);
        out.sentences = sents.len();
        for (si, r) in sents.into_iter().enumerate() {
            let toks = tokenize(&story.text[r.clone()], r.start);
            let words: Vec<&str> = toks.iter().map(|t| t.word.as_str()).collect();
            match self.discard(&words) {
                Some(true) => {
                    out.story_discarded = true;
                    out.events.clear();
                    out.discarded_sentences.clear();
                    return out;
                }
                Some(false) => {
                    out.discarded_sentences.push(si);
                    continue;
                }
                None => {}
            }
            let mut groups = self.groups(&words, story.date);
            if let Some(keep) = comma_clauses(&words, &groups, &opts.comma) {
                let toks: Vec<Token> = toks
                    .into_iter()
                    .zip(keep)
                    .filter_map(|(t, k)| k.then_some(t))
                    .collect();
                let words: Vec<&str> = toks.iter().map(|t| t.word.as_str()).collect();
                groups = self.groups(&words, story.date);
                self.code_sentence(story, si, &toks, &words, &groups, opts, &mut out.events);
            } else {
                self.code_sentence(story, si, &toks, &words, &groups, opts, &mut out.events);
            }
        }
        out
    }

    fn discard(&self, words: &[&str]) -> Option<bool> {
        let mut found = None;
        for i in 0..words.len() {
            if let Some((_, d)) = self.dict.discards.longest(words, i) {
                if d.story {
                    return Some(true);
                }
                found = Some(false);
            }
        }
        found
    }

    #[allow(clippy::too_many_arguments)]
    fn code_sentence(
        &self,
        story: Story<'_>,
        si: usize,
        toks: &[Token],
        words: &[&str],
        groups: &[Group],
        opts: &Options,
        events: &mut Vec<Event>,
    ) {
        let in_group = |k: usize| groups.iter().any(|g| g.tokens.contains(&k));
        let names = name_words(toks);
        // Verbs.
        let mut verbs = Vec::new();
        let mut i = 0;
        while i < words.len() {
            if !in_group(i)
                && !names[i]
                && (i == 0 || !NOUN_MARKERS.contains(&words[i - 1]))
                && !words[i].bytes().all(|b| b.is_ascii_digit())
            {
                if let Some((len, form)) = self.dict.verbs.forms.longest(words, i) {
                    verbs.push(Verb {
                        tokens: i..i + len,
                        form: form.clone(),
                    });
                    i += len;
                    continue;
                }
            }
            i += 1;
        }
        let mut topics: BTreeSet<String> = BTreeSet::new();
        for k in 0..words.len() {
            if let Some((_, iss)) = self.dict.issues.longest(words, k) {
                topics.insert(iss.code.clone());
            }
            for (kw, ctx) in CONTEXT_KEYWORDS {
                if words[k].starts_with(kw) {
                    topics.insert((*ctx).to_string());
                }
            }
        }
        // Best pattern per verb: all elements matched, most elements.
        let present = if verbs.is_empty() {
            Vec::new()
        } else {
            self.prefilter.present(words)
        };
        let bests: Vec<Option<(usize, &Pattern, PatternMatch)>> = verbs
            .iter()
            .map(|v| {
                let mut best: Option<(usize, &Pattern, PatternMatch)> = None;
                let needs = &self.prefilter.needs[v.form.block];
                for (p, need) in self.dict.verbs.blocks[v.form.block]
                    .patterns
                    .iter()
                    .zip(needs)
                {
                    if !need
                        .iter()
                        .all(|any| any.iter().any(|&k| present[k as usize]))
                    {
                        continue;
                    }
                    if let Some((score, m)) = self.match_pattern(p, v, words, groups) {
                        if best.as_ref().is_none_or(|b| score > b.0) {
                            best = Some((score, p, m));
                        }
                    }
                }
                best
            })
            .collect();
        // Auxiliaries (`has`, `will`, `is` before another verb, adverbs between) that
        // matched no pattern of their own belong to the next verb's phrase: they
        // neither end a clause nor separate a verb from its subject.
        let auxiliary: Vec<bool> = verbs
            .iter()
            .zip(&bests)
            .enumerate()
            .map(|(k, (v, b))| {
                b.is_none()
                    && verbs.get(k + 1).is_some_and(|n| {
                        words[v.tokens.end..n.tokens.start]
                            .iter()
                            .all(|w| ADVERBS.contains(w) || w.ends_with("LY"))
                    })
            })
            .collect();
        let mut seen: BTreeSet<(String, String, String)> = BTreeSet::new();
        let mut prev_source: Option<usize> = None;
        let mut prev_verb_end = 0;
        for (vi, v) in verbs.iter().enumerate() {
            if auxiliary[vi] {
                continue;
            }
            let block = &self.dict.verbs.blocks[v.form.block];
            let best = &bests[vi];
            let default = v.form.code.clone().unwrap_or_else(|| block.code.clone());
            let (code, pattern_text, ps, pt, compound) = match &best {
                Some((_, p, (s, t, c))) => (
                    p.code.clone(),
                    format!("{} [{}]", p.text, p.origin),
                    *s,
                    *t,
                    *c,
                ),
                None => (
                    default,
                    format!("default {} [{}]", block.name, "verb block"),
                    None,
                    None,
                    false,
                ),
            };
            // Subject: coordinated verb phrase inherits; else nearest non-prepositional group.
            let between_has_group = groups
                .iter()
                .any(|g| g.tokens.start >= prev_verb_end && g.tokens.end <= v.tokens.start);
            // `A condemned X in Y and promised Z`: a conjunction right before the verb
            // (adverbs aside) coordinates it with the previous verb phrase, whatever
            // objects lie between.
            let gap = &words[prev_verb_end..v.tokens.start];
            let before_verb = gap
                .iter()
                .rposition(|w| !(ADVERBS.contains(w) || w.ends_with("LY")));
            let coordinated = prev_source.is_some()
                && (before_verb.is_some_and(|k| matches!(gap[k], "AND" | "BUT" | "THEN"))
                    || (!between_has_group
                        && gap.iter().any(|w| matches!(*w, "AND" | "BUT" | "THEN"))));
            let subject = if coordinated {
                prev_source
            } else {
                groups
                    .iter()
                    .enumerate()
                    .rev()
                    .filter(|(_, g)| g.tokens.end <= v.tokens.start)
                    .filter(|(_, g)| {
                        !verbs.iter().zip(&auxiliary).any(|(o, &aux)| {
                            !aux && o.tokens.start >= g.tokens.end
                                && o.tokens.end <= v.tokens.start
                                && o.tokens.start != v.tokens.start
                                && self.is_real_verb(o)
                        })
                    })
                    .find(|(_, g)| {
                        !preceded_by_preposition(words, g.tokens.start)
                            || apposition(words, &g.tokens, v.tokens.start)
                    })
                    .map(|(k, _)| k)
            };
            prev_verb_end = v.tokens.end;
            if subject.is_some() {
                prev_source = subject;
            }
            let EventCode::Code(primary, reciprocal) = code else {
                continue;
            };
            if !self.is_act(toks, words, &verbs, &auxiliary, vi, &pattern_text)
                || against_an_issue(words, v, groups, &primary)
            {
                continue;
            }
            // A passive needs a participle: `is acting` / `will be renewing` are active.
            let passive = v.form.inflected
                && !words[v.tokens.end - 1].ends_with("ING")
                && v.tokens.start > 0
                && {
                    let mut k = v.tokens.start;
                    while k > 0 && words[k - 1].ends_with("LY") {
                        k -= 1;
                    }
                    k > 0 && BE.contains(&words[k - 1])
                };
            let after = |from: usize| groups.iter().position(|g| g.tokens.start >= from);
            // `X burned down its embassy, a senior official said`: a group after a
            // comma that is right before a verb of its own opens a new clause and is
            // no object of this verb. After a verb of speech no comma is needed:
            // `Ukraine said Russian forces attacked its ports` is no act of Ukraine's
            // on Russia (reported speech about other parties).
            let speech = self.reports_speech(v);
            let new_clause = |t: usize| {
                let g = &groups[t];
                (speech || words[v.tokens.end..g.tokens.start].contains(&","))
                    && verbs.iter().zip(&auxiliary).any(|(o, &aux)| {
                        o.tokens.start >= g.tokens.end
                            && words[g.tokens.end..o.tokens.start]
                                .iter()
                                .all(|w| ADVERBS.contains(w) || w.ends_with("LY"))
                            && (aux || self.is_real_verb(o))
                    })
            };
            let (src, tgt) = if compound {
                (ps, ps)
            } else if let Some(agent) = passive
                .then(|| {
                    (v.tokens.end..words.len().min(v.tokens.end + 8)).find(|&k| words[k] == "BY")
                })
                .flatten()
                .and_then(|b| after(b + 1))
                .filter(|_| ps.is_none() && pt.is_none())
            {
                // Passive with a `by` agent: the agent acts on the subject. Without
                // one the subject stays the source (`X was criticized over its
                // dispute with Y`).
                (Some(agent), subject)
            } else {
                (
                    ps.or(subject),
                    pt.or_else(|| after(v.tokens.end).filter(|&t| !new_clause(t))),
                )
            };
            // PETRARCH codes a missing actor as `---` and, with `require_dyad`, drops
            // the event; a symmetric code copies the present actor to the missing
            // side, which makes a self-reference and no event.
            let null = Group {
                codes: vec!["---".to_string()],
                tokens: v.tokens.start..v.tokens.start,
                compound: false,
            };
            // Without `require_dyad` a source with no target actor is still coded
            // when the verb has an object phrase (`said on Saturday`, `burned down
            // its embassy`): the phrase is the null target. `said today` has none.
            let (gs, gt) = match (src, tgt) {
                (Some(s), Some(t)) => (&groups[s], &groups[t]),
                (Some(s), None)
                    if !opts.require_dyad
                        && reciprocal.is_none()
                        && has_object(words, v.tokens.end, &verbs) =>
                {
                    (&groups[s], &null)
                }
                _ => continue,
            };
            let verb_span = toks[v.tokens.start].span.start..toks[v.tokens.end - 1].span.end;
            let mut emit = |a: &str, ga: &Group, b: &str, gb: &Group, code: &str| {
                if a == b || !seen.insert((a.to_string(), b.to_string(), code.to_string())) {
                    return;
                }
                events.push(self.event(
                    story,
                    si,
                    toks,
                    a,
                    ga,
                    b,
                    gb,
                    code,
                    &pattern_text,
                    verb_span.clone(),
                    &topics,
                ));
            };
            for a in &gs.codes {
                for b in &gt.codes {
                    emit(a, gs, b, gt, &primary);
                    if compound {
                        continue;
                    }
                    if let Some(r) = &reciprocal {
                        emit(b, gt, a, gs, r);
                    }
                }
            }
        }
    }

    /// Whether verb `vi` states an act that took place: not a participle or gerund
    /// (`Russia, facing challenges, ...`; an `-ing` form needs a form of *be*), not
    /// negated (`did not attack`), not hypothetical (`could attack`, `if X attacks`),
    /// and not a reduced relative or apposition participle (`a citizen suspected of`,
    /// `fishermen, held captive in Libya, have been freed`).
    fn is_act(
        &self,
        toks: &[Token],
        words: &[&str],
        verbs: &[Verb],
        auxiliary: &[bool],
        vi: usize,
        pattern: &str,
    ) -> bool {
        let v = &verbs[vi];
        let head = words[v.tokens.end - 1];
        // The auxiliary chain: adverbs, auxiliaries, modals and negations right before.
        // Dictionaries code some negations themselves (`- NOT * [112]`,
        // `&NEGATVAUXVRB`): the pattern then already says what the act is.
        let negation_coded = ["NOT", "N'T", "NEG", "NEVER"]
            .iter()
            .any(|n| pattern.contains(n));
        let mut k = v.tokens.start;
        let mut chain = Vec::new();
        while k > 0 {
            let w = words[k - 1];
            // `Theresa May`, `Will Smith`: a capitalised word inside the sentence is
            // a name, no modal.
            if k > 1 && toks[k - 1].capitalised {
                break;
            }
            let aux_verb = verbs
                .iter()
                .zip(auxiliary)
                .any(|(o, &a)| a && o.tokens.contains(&(k - 1)));
            if ADVERBS.contains(&w)
                || w.ends_with("LY")
                || BE.contains(&w)
                || AUXILIARIES.contains(&w)
                || MODALS.contains(&w)
                || NEGATIONS.contains(&w)
                || aux_verb
            {
                chain.push(w);
                k -= 1;
            } else {
                break;
            }
        }
        if chain
            .iter()
            .any(|w| (NEGATIONS.contains(w) && !negation_coded) || MODALS.contains(w))
        {
            return false;
        }
        let finite_aux = chain
            .iter()
            .any(|w| BE.contains(w) || AUXILIARIES.contains(w));
        let clause_start = words[..v.tokens.start]
            .iter()
            .rposition(|w| matches!(*w, "," | ";" | ":" | "--" | "\""))
            .map_or(0, |c| c + 1);
        if words[clause_start..v.tokens.start]
            .iter()
            .any(|w| CONDITIONALS.contains(w))
        {
            return false;
        }
        if head.ends_with("ING") && !finite_aux {
            return false;
        }
        // A past form: `-ed`, or an irregular inflection that is no `-s` form.
        let past = head.ends_with("ED") || (v.form.inflected && !head.ends_with('S'));
        if finite_aux || !past {
            return true;
        }
        // A bare past form is a participle in an apposition, or when an earlier verb
        // of the same clause precedes it (reduced relative: `extradited a citizen
        // suspected of`), unless that verb reports speech, or `that` or a conjunction
        // stands between.
        // Apposition: `fishermen, held in Libya for 100 days, were freed`, where a
        // later comma is followed by the clause's own verb.
        if k > 0 && words[k - 1] == "," {
            let later_verb = |c: usize| {
                verbs[vi + 1..]
                    .iter()
                    .any(|o| o.tokens.start > c && self.is_real_verb(o))
            };
            if (v.tokens.end..words.len()).any(|c| words[c] == "," && later_verb(c)) {
                return false;
            }
        }
        let earlier = verbs[..vi]
            .iter()
            .zip(auxiliary)
            .rev()
            .find(|(o, a)| !**a && o.tokens.end > clause_start && self.is_real_verb(o));
        match earlier {
            Some((o, _)) => {
                let between = &words[o.tokens.end..v.tokens.start];
                between
                    .iter()
                    .any(|w| matches!(*w, "THAT" | "AND" | "BUT" | "OR" | "THEN"))
                    || between.is_empty()
                    || self.reports_speech(o)
            }
            None => true,
        }
    }

    /// A verb whose block codes a statement (CAMEO 01–02): `said`, `told`, `announced`.
    fn reports_speech(&self, v: &Verb) -> bool {
        let b = &self.dict.verbs.blocks[v.form.block];
        match v.form.code.clone().unwrap_or_else(|| b.code.clone()) {
            EventCode::Code(c, _) => crate::eval::penta(&c) == Some(0),
            EventCode::Null => false,
        }
    }

    /// A verb that has a code of its own (not `---` with no patterns), used for clause limits.
    fn is_real_verb(&self, v: &Verb) -> bool {
        let b = &self.dict.verbs.blocks[v.form.block];
        !matches!(
            v.form.code.clone().unwrap_or_else(|| b.code.clone()),
            EventCode::Null
        ) || !b.patterns.is_empty()
    }

    #[allow(clippy::too_many_arguments)]
    fn event(
        &self,
        story: Story<'_>,
        si: usize,
        toks: &[Token],
        a: &str,
        ga: &Group,
        b: &str,
        gb: &Group,
        code: &str,
        pattern: &str,
        verb_span: Range<usize>,
        topics: &BTreeSet<String>,
    ) -> Event {
        let actor = |c: &str, g: &Group| {
            let span = if g.tokens.is_empty() {
                let at = toks.get(g.tokens.start).map_or(0, |t| t.span.start);
                at..at
            } else {
                toks[g.tokens.start].span.start..toks[g.tokens.end - 1].span.end
            };
            let (country, sector) = if c.len() > 3 && c.is_char_boundary(3) {
                (c[..3].to_string(), c[3..].to_string())
            } else {
                (c.to_string(), String::new())
            };
            ActorRef {
                code: c.to_string(),
                country,
                sector,
                text: story.text[span.clone()].to_string(),
                span,
            }
        };
        let info = self.table.get(code);
        let mut topics = topics.clone();
        if let Some(i) = info {
            topics.extend(i.plover_contexts.iter().cloned());
        }
        Event {
            story: story.id.to_string(),
            sentence: si,
            date: story.date,
            source: actor(a, ga),
            target: actor(b, gb),
            cameo: code.to_string(),
            cameo_name: info.map(|i| i.name.clone()),
            plover_event: info.and_then(|i| i.plover_event.clone()),
            plover_mode: info.and_then(|i| i.plover_mode.clone()),
            goldstein: info.and_then(|i| i.goldstein),
            quad_class: CameoTable::quad_class(code),
            topics: topics.into_iter().collect(),
            pattern: pattern.to_string(),
            verb: story.text[verb_span.clone()].to_string(),
            verb_span,
            convention: CONVENTION,
        }
    }

    /// Matches a pattern around verb `v`: (score, source group, target group, compound).
    fn match_pattern(
        &self,
        p: &Pattern,
        v: &Verb,
        words: &[&str],
        groups: &[Group],
    ) -> Option<(usize, PatternMatch)> {
        let mut score = 0;
        let (mut src, mut tgt, mut comp) = (None, None, false);
        // Upper: forward from the verb.
        let mut cur = v.tokens.end;
        for (item, joined) in &p.upper {
            let must = *joined;
            let (at, len, g) = (cur..if must {
                (cur + 1).min(words.len())
            } else {
                words.len()
            })
                .find_map(|k| self.item_at(item, words, k, groups).map(|(l, g)| (k, l, g)))?;
            assign(item, g, &mut src, &mut tgt, &mut comp);
            cur = at + len;
            score += 1;
        }
        // Lower: backward from the verb; `joined` = joined to the element on its right.
        let mut end = v.tokens.start;
        for (item, joined) in &p.lower {
            // A joined synset ends right before `end`; its member may span several
            // words (`&NEGATVAUXVRB_EVER` over `WO N'T EVER`): the longest that fits.
            if let (true, Item::Syn(name)) = (joined, item) {
                end = self
                    .dict
                    .verbs
                    .synsets
                    .get(name)?
                    .iter()
                    .filter_map(|m| {
                        let k = end.checked_sub(m.len())?;
                        m.iter()
                            .zip(&words[k..end])
                            .all(|(a, b)| word_match(a, b))
                            .then_some(k)
                    })
                    .min()?;
                score += 1;
                continue;
            }
            let lo = if *joined { end.saturating_sub(1) } else { 0 };
            let (at, g) = (lo..end).rev().find_map(|k| {
                self.item_at(item, words, k, groups).and_then(|(l, g)| {
                    (k + l <= end && (!*joined || k + l == end)).then_some((k, g))
                })
            })?;
            assign(item, g, &mut src, &mut tgt, &mut comp);
            end = at;
            score += 1;
        }
        Some((score, (src, tgt, comp)))
    }

    /// Whether `item` matches at token `k`: length consumed and group index (for actors).
    fn item_at(
        &self,
        item: &Item,
        words: &[&str],
        k: usize,
        groups: &[Group],
    ) -> Option<(usize, Option<usize>)> {
        let w = *words.get(k)?;
        match item {
            Item::Word(p) => word_match(p, w).then_some((1, None)),
            Item::Syn(name) => self.dict.verbs.synsets.get(name)?.iter().find_map(|m| {
                (k + m.len() <= words.len()
                    && m.iter().zip(&words[k..]).all(|(a, b)| word_match(a, b)))
                .then_some((m.len(), None))
            }),
            Item::Source | Item::Target => groups
                .iter()
                .position(|g| g.tokens.start == k)
                .map(|g| (groups[g].tokens.len(), Some(g))),
            Item::Compound => groups
                .iter()
                .position(|g| g.tokens.start == k && g.compound)
                .map(|g| (groups[g].tokens.len(), Some(g))),
        }
    }

    /// `... ties with Gondor, a senior official said`: after a bare comma, a phrase
    /// followed by a verb is the subject of a new clause, not a list member.
    fn comma_subject(&self, words: &[&str], run: &[Np], np: &Np) -> bool {
        let last = run.last().expect("non-empty");
        words[last.tokens.end..np.tokens.start]
            .iter()
            .all(|w| !matches!(*w, "AND" | "OR" | "NOR"))
            && {
                let mut k = np.tokens.end;
                while k < words.len() && (ADVERBS.contains(&words[k]) || words[k].ends_with("LY")) {
                    k += 1;
                }
                self.dict.verbs.forms.longest(words, k).is_some()
            }
    }

    /// Finds actor noun phrases and coordinates them into groups.
    fn groups(&self, words: &[&str], date: Option<u32>) -> Vec<Group> {
        // Mentions: (token range, actor codes or agent).
        enum M {
            Actor(Vec<String>),
            Agent(crate::dict::Agent),
        }
        let mut mentions: Vec<(Range<usize>, M)> = Vec::new();
        let mut i = 0;
        while i < words.len() {
            let actor = self.dict.actors.longest(words, i);
            let agent = self.dict.agents.longest(words, i);
            match (actor, agent) {
                (Some((la, &a)), ag) if ag.is_none_or(|(lg, _)| la >= lg) => {
                    let codes = self.dict.actor_list[a].resolve(date).to_vec();
                    mentions.push((i..i + la, M::Actor(codes)));
                    i += la;
                }
                (_, Some((lg, g))) => {
                    mentions.push((i..i + lg, M::Agent(g.clone())));
                    i += lg;
                }
                _ => i += 1,
            }
        }
        // Noun phrases: mentions linked by glue words or up to 3 free words.
        let mut nps: Vec<Np> = Vec::new();
        let mut last_end = usize::MAX;
        let mut last_agent = false;
        for (r, m) in mentions {
            let is_agent = matches!(m, M::Agent(_));
            let link = last_end != usize::MAX && {
                let gap = &words[last_end..r.start];
                // Free words (adjectives, titles) only between an actor and an agent;
                // after a possessive they may be coordinated (`Ithilen's awful and
                // evil minister`).
                let free_ok = is_agent || last_agent;
                let possessive = is_agent && gap.first() == Some(&"'S");
                gap.len() <= 3 + 2 * possessive as usize
                    && gap.iter().all(|w| {
                        NP_GLUE.contains(w)
                            || (possessive && *w == "AND")
                            || (free_ok
                                && !STOP.contains(w)
                                && self.dict.verbs.forms.longest(&[*w], 0).is_none())
                    })
            };
            last_agent = is_agent;
            if !link {
                nps.push(Np {
                    tokens: r.clone(),
                    actors: Vec::new(),
                    agents: Vec::new(),
                    agent_first: is_agent,
                });
            }
            let np = nps.last_mut().expect("pushed above");
            np.tokens.end = r.end;
            match m {
                M::Actor(c) => {
                    if np.actors.is_empty() {
                        np.actors = c;
                    }
                }
                M::Agent(a) => np.agents.push(a),
            }
            last_end = r.end;
        }
        // TABARI's `former` conversion: a former office holder is coded as an elite
        // (`ELI`) in place of the roles (`former Gondor prosecutors` → `GONELI`).
        for np in &mut nps {
            let s = np.tokens.start;
            if !np.agents.is_empty()
                && (words[s.saturating_sub(1)..np.tokens.end].contains(&"FORMER"))
            {
                np.agents = vec![crate::dict::Agent {
                    code: "ELI".to_string(),
                    prefix: false,
                }];
            }
        }
        // Runs of coordinated noun phrases become one group each.
        let mut runs: Vec<Vec<Np>> = Vec::new();
        for np in nps {
            match runs.last_mut() {
                Some(run)
                    if coordinating(
                        &words[run.last().expect("non-empty").tokens.end..np.tokens.start],
                        &self.dict,
                    ) && !self.comma_subject(words, run, &np) =>
                {
                    run.push(np)
                }
                _ => runs.push(vec![np]),
            }
        }
        let mut groups: Vec<Group> = Vec::new();
        for run in runs {
            let mut codes: Vec<String> = Vec::new();
            if let Some(shared) = shared_agents(&run) {
                // `Lawmakers and officials in A and B`, `the ambassadors of A, B and C`:
                // every role applies to every country.
                for np in run.iter().filter(|np| !np.actors.is_empty()) {
                    for base in &np.actors {
                        for agents in &shared {
                            codes.push(compose(base, agents));
                        }
                    }
                }
            } else {
                // Agent-only phrases coordinated after an actor share its country
                // (`Danish media and government`).
                let mut prev_country: Option<&[String]> = None;
                let dashes = ["---".to_string()];
                for np in &run {
                    let base: &[String] = if np.actors.is_empty() {
                        prev_country.unwrap_or(&dashes)
                    } else {
                        &np.actors
                    };
                    if !np.actors.is_empty() {
                        prev_country = Some(&np.actors);
                    }
                    codes.extend(base.iter().map(|b| compose(b, &np.agents)));
                }
            }
            codes.retain(|c| !c.is_empty());
            let mut seen = BTreeSet::new();
            codes.retain(|c| seen.insert(c.clone()));
            if codes.is_empty() {
                continue;
            }
            groups.push(Group {
                compound: codes.len() > 1,
                codes,
                tokens: run[0].tokens.start..run[run.len() - 1].tokens.end,
            });
        }
        groups
    }
}

/// A noun phrase: its actors' codes and agents, and whether it opens with an agent
/// (`the ambassadors of Arnor`).
struct Np {
    tokens: Range<usize>,
    actors: Vec<String>,
    agents: Vec<crate::dict::Agent>,
    agent_first: bool,
}

/// For a run `[agent-only phrases] agent-headed phrase [bare actors]` with at least two
/// phrases, the agent lists to distribute over all the run's actors.
fn shared_agents(run: &[Np]) -> Option<Vec<&[crate::dict::Agent]>> {
    let h = run
        .iter()
        .position(|np| np.agent_first && !np.actors.is_empty())?;
    let ok = run.len() > 1
        && run[..h]
            .iter()
            .all(|np| np.actors.is_empty() && !np.agents.is_empty())
        && run[h + 1..]
            .iter()
            .all(|np| np.agents.is_empty() && !np.actors.is_empty());
    ok.then(|| run[..=h].iter().map(|np| np.agents.as_slice()).collect())
}

/// An actor code with its agents: prefixes (`NGO~`) before, role suffixes after,
/// skipping a role the code already carries.
fn compose(base: &str, agents: &[crate::dict::Agent]) -> String {
    let mut c = String::new();
    for a in agents.iter().filter(|a| a.prefix) {
        c.push_str(&a.code);
    }
    c.push_str(base);
    for a in agents.iter().filter(|a| !a.prefix) {
        if !c.ends_with(&a.code) && !c[c.len().min(3)..].contains(&a.code) {
            c.push_str(&a.code);
        }
    }
    c
}

/// Gap words that coordinate two actor phrases (`,` / `and` / `, and the evil`):
/// a conjunction plus at most a few non-verb modifiers.
fn coordinating(gap: &[&str], dict: &Dictionaries) -> bool {
    !gap.is_empty()
        && gap.len() <= 4
        && gap.iter().any(|w| matches!(*w, "AND" | "," | "OR" | "NOR"))
        && gap.iter().all(|w| {
            matches!(*w, "AND" | "," | "OR" | "NOR")
                || (!STOP.contains(w) && dict.verbs.forms.longest(&[*w], 0).is_none())
        })
}

/// Comma-delimited clauses to delete (TABARI / PETRARCH `check_commas`): the initial
/// clause, the terminal clause, then each internal clause between two commas, when
/// their word counts are within `lim`. Commas inside an actor group (`Lions, tigers,
/// and Gondor`) coordinate and do not delimit clauses. Returns the tokens to keep,
/// or `None` when nothing is deleted.
fn comma_clauses(words: &[&str], groups: &[Group], lim: &CommaLimits) -> Option<Vec<bool>> {
    if lim.max == 0 && lim.bmax == 0 && lim.emax == 0 {
        return None;
    }
    let commas: Vec<usize> = words
        .iter()
        .enumerate()
        .filter(|&(k, w)| *w == "," && !groups.iter().any(|g| g.tokens.contains(&k)))
        .map(|(k, _)| k)
        .collect();
    let (&first, &last) = (commas.first()?, commas.last()?);
    let count = |r: Range<usize>| {
        words[r]
            .iter()
            .filter(|w| w.chars().next().is_some_and(char::is_alphabetic))
            .count()
    };
    let within = |n: usize, lo: usize, hi: usize| hi != 0 && n >= lo && n <= hi;
    let mut keep = vec![true; words.len()];
    let mut any = false;
    let mut drop = |r: Range<usize>, keep: &mut Vec<bool>| {
        for k in r {
            keep[k] = false;
        }
        any = true;
    };
    if within(count(0..first), lim.bmin, lim.bmax) {
        drop(0..first + 1, &mut keep);
    }
    if within(count(last + 1..words.len()), lim.emin, lim.emax) {
        drop(last..words.len(), &mut keep);
    }
    for pair in commas.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        if within(count(a + 1..b), lim.min, lim.max) {
            drop(a..b + 1, &mut keep);
        }
    }
    any.then_some(keep)
}

/// `Name, head of Morocco's security services, visited`: the group is an apposition
/// naming the subject (an unknown person resolved through it).
fn apposition(words: &[&str], g: &Range<usize>, verb: usize) -> bool {
    g.end < verb
        && words[g.end..verb] == [","]
        && words[g.start.saturating_sub(4)..g.start].contains(&",")
}

/// Tokens that are part of a proper name: capitalised words other than the first of
/// the sentence or of a quotation, in a sentence that is not in title case (`the
/// Islamic State`, `Plan of Action`). Title-case headlines mark nothing.
fn name_words(toks: &[Token]) -> Vec<bool> {
    let long: Vec<&Token> = toks.iter().filter(|t| t.word.len() > 3).collect();
    let caps = long.iter().filter(|t| t.capitalised).count();
    if caps * 2 > long.len() {
        return vec![false; toks.len()];
    }
    toks.iter()
        .enumerate()
        .map(|(k, t)| {
            t.capitalised && k > 0 && !matches!(toks[k - 1].word.as_str(), "\"" | ":" | "(" | "--")
        })
        .collect()
}

/// Problems that states act against together, not adversaries: a conflict verb whose
/// object is one of them (`fight terrorism`, `facing security challenges`, `combat
/// drug trafficking`) is no conflict between the actors of the sentence.
const ISSUES: &[&str] = &[
    "TERRORISM",
    "COUNTERTERRORISM",
    "COUNTER-TERRORISM",
    "EXTREMISM",
    "RADICALISM",
    "RADICALIZATION",
    "RADICALISATION",
    "CRIME",
    "CRIMINALITY",
    "TRAFFICKING",
    "SMUGGLING",
    "PIRACY",
    "CORRUPTION",
    "POVERTY",
    "PANDEMIC",
    "EPIDEMIC",
    "VIRUS",
    "CORONAVIRUS",
    "DISEASE",
    "CHALLENGE",
    "CHALLENGES",
    "THREAT",
    "THREATS",
    "RISKS",
    "CYBERCRIME",
    "CYBERATTACKS",
    "DISINFORMATION",
];

/// Whether a material-conflict code other than a protest comes from a verb whose object
/// phrase (to the next actor, clause boundary or verb, at most six words) names an
/// issue rather than an adversary: the polarity check between pattern and sentence.
fn against_an_issue(words: &[&str], v: &Verb, groups: &[Group], code: &str) -> bool {
    // Protests against an issue (`strike against corruption`) are still protests.
    if crate::eval::penta(code) != Some(4) || code.starts_with("14") {
        return false;
    }
    let start = v.tokens.end;
    let end = groups
        .iter()
        .map(|g| g.tokens.start)
        .filter(|&k| k >= start)
        .fold(words.len().min(start + 6), usize::min);
    words[start..end]
        .iter()
        .take_while(|w| !matches!(**w, "," | ";" | ":" | "AND" | "BUT" | "--"))
        .any(|w| ISSUES.contains(w))
}

/// Temporal adverbs that are no object phrase (`said today`).
const TIME_ADVERBS: &[&str] = &[
    "TODAY",
    "TONIGHT",
    "YESTERDAY",
    "TOMORROW",
    "NOW",
    "THEN",
    "LATER",
    "EARLIER",
    "AGAIN",
    "HERE",
    "THERE",
];

/// Whether the words after a verb (to the next comma, conjunction or verb) hold a
/// phrase that could be an object: anything but adverbs and particles.
fn has_object(words: &[&str], from: usize, verbs: &[Verb]) -> bool {
    let end = words[from..]
        .iter()
        .position(|w| matches!(*w, "," | ";" | ":" | "AND" | "BUT" | "--"))
        .map_or(words.len(), |k| from + k);
    let end = verbs
        .iter()
        .map(|v| v.tokens.start)
        .filter(|&k| k >= from)
        .fold(end, usize::min);
    words[from..end].iter().any(|w| {
        !(TIME_ADVERBS.contains(w)
            || ADVERBS.contains(w)
            || w.ends_with("LY")
            || matches!(*w, "DOWN" | "UP" | "OUT" | "OFF" | "AWAY" | "BACK" | "\"")
            || !w.chars().next().is_some_and(char::is_alphanumeric))
    })
}

fn preceded_by_preposition(words: &[&str], start: usize) -> bool {
    let mut k = start;
    while k > 0 && matches!(words[k - 1], "THE" | "A" | "AN") {
        k -= 1;
    }
    k > 0 && PREPOSITIONS.contains(&words[k - 1])
}

fn assign(
    item: &Item,
    g: Option<usize>,
    src: &mut Option<usize>,
    tgt: &mut Option<usize>,
    comp: &mut bool,
) {
    match item {
        Item::Source => *src = g,
        Item::Target => *tgt = g,
        Item::Compound => {
            *src = g;
            *comp = true;
        }
        _ => {}
    }
}

/// Pattern word against token: exact, or the token is the word plus an inflection.
fn word_match(p: &str, w: &str) -> bool {
    w == p
        || w.strip_prefix(p).is_some_and(|rest| {
            matches!(rest, "S" | "ES" | "ED" | "D" | "ING" | "'S")
                || (p.len() >= 5 && rest.len() <= 4)
        })
}
