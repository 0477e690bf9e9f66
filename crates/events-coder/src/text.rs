//! Sentence splitting and tokenisation: the first half of the shallow parser.
//!
//! Tokens are upper-cased words (the dictionaries are upper case) that keep their byte
//! span in the original text, so every coded event can point back at the words it came
//! from. Possessive `'s` and `n't` become tokens of their own, as in the Treebank
//! conventions the PETRARCH dictionaries were written for; curly quotes and apostrophes
//! are treated as straight ones.

use std::ops::Range;

/// Longest sentence, in bytes, before a split is forced at the next space: keeps the
/// per-sentence work bounded on text without punctuation (a 10 MB run-on "sentence").
pub const MAX_SENTENCE_BYTES: usize = 2_000;

/// One word or punctuation mark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Upper-cased text; punctuation as itself (`,` `;` `:` `(` `)` `"`).
    pub word: String,
    /// Byte span in the text that was tokenised (including its offset).
    pub span: Range<usize>,
    /// Whether the original began with an upper-case letter (a proper-noun hint).
    pub capitalised: bool,
}

impl Token {
    /// True for punctuation tokens.
    pub fn is_punct(&self) -> bool {
        matches!(
            self.word.as_str(),
            "," | ";" | ":" | "(" | ")" | "\"" | "--"
        )
    }
}

/// Abbreviations after which a full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "capt", "cmdr", "adm", "gov",
    "sen", "rep", "rev", "st", "jr", "sr", "inc", "co", "corp", "ltd", "no", "vs", "jan", "feb",
    "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mt", "ft", "maj",
    "brig", "pres", "gov't", "etc", "approx", "est",
];

/// Byte ranges of the sentences of `text`, trimmed.
///
/// A sentence ends at `.`, `!` or `?` (optionally followed by a closing quote or
/// bracket) followed by white space and an upper-case letter, digit or quote, unless
/// the word before is a known abbreviation, a single letter (an initial) or dotted
/// (`U.S.`); a blank line always ends one; see [`MAX_SENTENCE_BYTES`].
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let mut end = None;
        if c == '\n' && text[i + 1..].starts_with('\n') {
            end = Some(i);
        } else if matches!(c, '.' | '!' | '?') {
            // Include closing quotes/brackets.
            let mut j = i + 1;
            while let Some(ch) = text[j..].chars().next() {
                if matches!(ch, '"' | '\'' | '”' | '’' | ')' | ']') {
                    j += ch.len_utf8();
                } else {
                    break;
                }
            }
            let rest = &text[j..];
            let ws = rest.len() - rest.trim_start().len();
            let next = rest.trim_start().chars().next();
            let boundary = match next {
                None => true,
                Some(n) if ws > 0 => {
                    (n.is_uppercase() || n.is_numeric() || matches!(n, '"' | '“' | '\''))
                        && !(c == '.' && is_abbreviation(&text[start..i]))
                }
                _ => false,
            };
            if boundary {
                end = Some(j);
            }
        } else if i - start > MAX_SENTENCE_BYTES && c.is_whitespace() {
            end = Some(i);
        }
        if let Some(e) = end {
            push_trimmed(text, start..e, &mut out);
            start = e;
            // Skip ahead past what was consumed.
            while let Some(&(k, _)) = iter.peek() {
                if k < e {
                    iter.next();
                } else {
                    break;
                }
            }
        }
    }
    push_trimmed(text, start..bytes.len(), &mut out);
    out
}

fn push_trimmed(text: &str, r: Range<usize>, out: &mut Vec<Range<usize>>) {
    let s = &text[r.clone()];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead + trail < s.len() {
        out.push(r.start + lead..r.end - trail);
    }
}

/// Whether the last word of `before` is an abbreviation, initial or dotted acronym.
fn is_abbreviation(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"')
        .next()
        .unwrap_or("");
    let lower = word.to_lowercase();
    word.chars().count() == 1 || word.contains('.') || ABBREVIATIONS.contains(&lower.as_str())
}

/// Tokenises `text`; spans are offset by `offset` (the sentence's start in its article).
pub fn tokenize(text: &str, offset: usize) -> Vec<Token> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let n = chars.len();
    let byte_at = |k: usize| if k < n { chars[k].0 } else { text.len() };
    let is_apos = |c: char| c == '\'' || c == '’';
    let mut k = 0;
    while k < n {
        let (i, c) = chars[k];
        if c.is_alphanumeric() {
            let mut e = k + 1;
            while e < n {
                let ch = chars[e].1;
                let next_alnum = e + 1 < n && chars[e + 1].1.is_alphanumeric();
                if ch.is_alphanumeric()
                    || (matches!(ch, '-' | '.' | '&' | ',') && next_alnum && {
                        // A comma only inside a number (50,000).
                        ch != ','
                            || (chars[e - 1].1.is_ascii_digit() && chars[e + 1].1.is_ascii_digit())
                    })
                    || (is_apos(ch) && next_alnum && !is_possessive(&chars, e))
                {
                    e += 1;
                } else {
                    break;
                }
            }
            // Dotted acronyms keep their final stop (U.S.).
            if e < n && chars[e].1 == '.' && chars[k..e].iter().any(|&(_, ch)| ch == '.') {
                e += 1;
            }
            let raw = &text[i..byte_at(e)];
            let mut word = raw.to_uppercase().replace('’', "'");
            let mut end = byte_at(e);
            // "didn't" -> "DID" "N'T".
            if word.ends_with("N'T") && word.len() > 3 {
                let cut = raw.len() - 3;
                word.truncate(word.len() - 3);
                end = i + cut;
                out.push(tok(word, offset + i..offset + end, c));
                out.push(Token {
                    word: "N'T".into(),
                    span: offset + end..offset + byte_at(e),
                    capitalised: false,
                });
            } else {
                out.push(tok(word, offset + i..offset + end, c));
            }
            k = e;
        } else if is_apos(c) && is_possessive(&chars, k) {
            let e = k + 2;
            out.push(Token {
                word: "'S".into(),
                span: offset + i..offset + byte_at(e),
                capitalised: false,
            });
            k = e;
        } else {
            let p = match c {
                ',' | ';' | ':' | '(' | ')' => Some(c.to_string()),
                '"' | '“' | '”' | '«' | '»' => Some("\"".to_string()),
                '—' | '–' => Some("--".to_string()),
                _ => None,
            };
            if let Some(p) = p {
                out.push(Token {
                    word: p,
                    span: offset + i..offset + byte_at(k + 1),
                    capitalised: false,
                });
            }
            k += 1;
        }
    }
    out
}

fn tok(word: String, span: Range<usize>, first: char) -> Token {
    Token {
        word,
        span,
        capitalised: first.is_uppercase(),
    }
}

/// An apostrophe at `k` followed by `s` and then a non-letter: a possessive.
fn is_possessive(chars: &[(usize, char)], k: usize) -> bool {
    k + 1 < chars.len()
        && matches!(chars[k + 1].1, 's' | 'S')
        && chars.get(k + 2).is_none_or(|&(_, c)| !c.is_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<String> {
        tokenize(s, 0).into_iter().map(|t| t.word).collect()
    }

    #[test]
    fn possessives_acronyms_and_numbers() {
        assert_eq!(
            words("Morocco's chief met U.S. envoys, 50,000 strong."),
            [
                "MOROCCO", "'S", "CHIEF", "MET", "U.S.", "ENVOYS", ",", "50,000", "STRONG"
            ]
        );
        assert_eq!(words("They didn't go"), ["THEY", "DID", "N'T", "GO"]);
        assert_eq!(
            words("Morocco’s “chief”"),
            ["MOROCCO", "'S", "\"", "CHIEF", "\""]
        );
    }

    #[test]
    fn spans_point_into_the_text() {
        let s = "Élysée: Macron’s visit";
        for t in tokenize(s, 0) {
            assert!(s.is_char_boundary(t.span.start) && s.is_char_boundary(t.span.end));
        }
        assert_eq!(words(s)[0], "ÉLYSÉE");
    }

    #[test]
    fn sentence_boundaries() {
        let s = "Mr. Smith went to the U.S. embassy. He left! \"Why?\" asked Gen. Lee.\n\nNext";
        let got: Vec<&str> = sentences(s).into_iter().map(|r| &s[r]).collect();
        assert_eq!(
            got,
            [
                "Mr. Smith went to the U.S. embassy.",
                "He left!",
                "\"Why?\" asked Gen. Lee.",
                "Next"
            ]
        );
        assert!(sentences("").is_empty());
        assert!(sentences("   \n ").is_empty());
    }
}
