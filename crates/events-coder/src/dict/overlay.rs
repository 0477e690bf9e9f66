//! The overlay: a small CSV to add or correct actors, agents, verbs and patterns without
//! editing the large dictionaries.
//!
//! Columns `kind,entry,code,from,to` (header required; `#` lines are comments):
//!
//! | kind | entry | code |
//! |---|---|---|
//! | `actor` | phrase, e.g. `ABDELLATIF_HAMMOUCHI` | `MARSPY` (with optional `from`/`to` as `YYYYMMDD`) |
//! | `agent` | phrase, e.g. `SECURITY_SERVICES` | `~SPY` or `NGO~` |
//! | `verb` | `BLOCK: WORD {IRREGULAR}` | default code of the verb (`---` for none) |
//! | `pattern` | `BLOCK: - * DAYS IN +` | the pattern's code |

use super::actors::{Actor, ActorCode, DateRange};
use super::verbs::{EventCode, parse_pattern};
use super::{Dictionaries, phrase_words};
use crate::error::{Error, Result};

pub(crate) fn apply(d: &mut Dictionaries, file: &str, text: &str) -> Result<()> {
    let mut rdr = csv::ReaderBuilder::new()
        .comment(Some(b'#'))
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers = rdr
        .headers()
        .map_err(|e| Error::line(file, 1, e.to_string()))?
        .clone();
    let want = ["kind", "entry", "code"];
    if headers.iter().take(3).ne(want) {
        return Err(Error::line(
            file,
            1,
            format!(
                "expected header \"kind,entry,code,from,to\", found \"{}\"",
                headers.iter().collect::<Vec<_>>().join(",")
            ),
        ));
    }
    for rec in rdr.records() {
        let rec = rec.map_err(|e| {
            Error::line(
                file,
                e.position().map_or(0, |p| p.line() as usize),
                e.to_string(),
            )
        })?;
        let line = rec.position().map_or(0, |p| p.line() as usize);
        let f = |k: usize| rec.get(k).unwrap_or("");
        let (kind, entry, code) = (f(0), f(1), f(2));
        let day = |s: &str| -> Result<Option<u32>> {
            if s.is_empty() {
                return Ok(None);
            }
            s.parse().map(Some).map_err(|_| {
                Error::line(file, line, format!("bad date \"{s}\" (expected YYYYMMDD)"))
            })
        };
        match kind {
            "actor" => {
                let range = DateRange {
                    from: day(f(3))?,
                    to: day(f(4))?,
                };
                let words = phrase_words(entry);
                if words.is_empty() || code.is_empty() {
                    return Err(Error::line(file, line, "actor needs an entry and a code"));
                }
                d.actor_list.push(Actor {
                    name: words.join(" "),
                    codes: vec![ActorCode {
                        codes: code.split('/').map(str::to_uppercase).collect(),
                        range,
                    }],
                });
                d.actors.insert(words, d.actor_list.len() - 1);
            }
            "agent" => {
                let text = format!("{entry} [{code}]");
                super::actors::read_agents(file, &text, &mut d.agents, None).map_err(|_| {
                    Error::line(
                        file,
                        line,
                        format!("bad agent \"{entry}\" / \"{code}\" (code must be ~XXX or XXX~)"),
                    )
                })?;
            }
            "verb" | "pattern" => {
                let Some((block, rest)) = entry.split_once(':') else {
                    return Err(Error::line(
                        file,
                        line,
                        format!("{kind} entry \"{entry}\" must be \"BLOCK: ...\""),
                    ));
                };
                let b = d.verbs.block(block.trim(), EventCode::Null);
                if kind == "verb" {
                    d.verbs
                        .add_verb(file, line, b, &format!("{} [{code}]", rest.trim()))?;
                } else {
                    let rest = rest.trim().trim_start_matches('-');
                    let p = parse_pattern(file, line, &format!("{rest} [{code}]"))?;
                    d.verbs.blocks[b].patterns.insert(0, p);
                }
            }
            other => {
                return Err(Error::line(
                    file,
                    line,
                    format!("unknown kind \"{other}\" (expected actor, agent, verb or pattern)"),
                ));
            }
        }
    }
    Ok(())
}
