//! `multipolar code`: text → CAMEO/PLOVER events (JSON Lines or CSV), or `--eval` on a
//! PETRARCH validation suite.

use std::io::{BufWriter, Read, Write};

use anyhow::{Context, Result, bail};
use multipolar_coder::suite::Suite;
use multipolar_coder::{Coder, Event, Story};
use multipolar_embed::{EventClassifier, Prediction, Review, Reviewer, Verdict};
use multipolar_query::{EVENT_COLUMNS, event_row, parse_date};

use crate::args::{CodeArgs, EventFormat};

/// Runs the command.
pub fn run(a: CodeArgs) -> Result<()> {
    if let Some(suite) = &a.eval {
        return eval(suite, a.dictionaries.as_deref());
    }
    let input = a.input.as_deref().unwrap_or("-");
    let mut text = String::new();
    if input == "-" {
        std::io::stdin()
            .read_to_string(&mut text)
            .context("reading standard input")?;
    } else {
        let bytes = std::fs::read(input).with_context(|| format!("reading {input}"))?;
        text = String::from_utf8_lossy(&bytes).into_owned();
    }
    let coder = Coder::bundled()?;
    // --embed: the all-MiniLM-L6-v2 classifiers (scripts/setup-model --train).
    let embed = match &a.embed {
        Some(dir) => {
            let ctx = || format!("--embed {}", dir.display());
            Some(Models {
                plover: EventClassifier::load(dir).with_context(ctx)?,
                reviewer: Reviewer::load(dir).with_context(ctx)?,
                keep_vetoed: a.keep_vetoed,
            })
        }
        None => None,
    };
    let embed = embed.as_ref();
    let stdout = std::io::stdout();
    let mut out = match a.format {
        EventFormat::Csv => {
            let mut w = csv::Writer::from_writer(stdout.lock());
            let extra = if embed.is_some() {
                &EMBED_HEADER[..]
            } else {
                &[]
            };
            w.write_record(EVENT_COLUMNS.iter().chain(extra))?;
            Sink::Csv(Box::new(w))
        }
        EventFormat::Jsonl => Sink::Json(BufWriter::new(stdout.lock())),
    };
    let jsonl = text.trim_start().starts_with('{');
    if jsonl {
        for (n, line) in text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
        {
            let v: serde_json::Value = serde_json::from_str(line)
                .with_context(|| format!("{input}: line {}: not a JSON object", n + 1))?;
            let field = |k: &str| {
                v.get(k).and_then(|x| {
                    x.as_str()
                        .map(str::to_string)
                        .or_else(|| x.as_u64().map(|u| u.to_string()))
                })
            };
            let Some(body) = field("text") else {
                bail!("{input}: line {}: missing \"text\"", n + 1)
            };
            let id = field("id").unwrap_or_else(|| (n + 1).to_string());
            let date = match field("date") {
                Some(d) => Some(parse_date(&d).with_context(|| {
                    format!(
                        "{input}: line {}: bad date \"{d}\" (expected YYYYMMDD or YYYY-MM-DD)",
                        n + 1
                    )
                })?),
                None => None,
            };
            out.write(
                coder
                    .code(Story {
                        id: &id,
                        date,
                        text: &body,
                    })
                    .events,
                &body,
                embed,
            )?;
        }
    } else {
        out.write(
            coder
                .code(Story {
                    id: input,
                    date: None,
                    text: &text,
                })
                .events,
            &text,
            embed,
        )?;
    }
    match out {
        Sink::Csv(mut w) => w.flush()?,
        Sink::Json(mut w) => w.flush()?,
    }
    Ok(())
}

/// The `--embed` classifiers.
struct Models {
    plover: EventClassifier,
    reviewer: Reviewer,
    keep_vetoed: bool,
}

/// Where events go.
enum Sink<W: Write> {
    Csv(Box<csv::Writer<W>>),
    Json(BufWriter<W>),
}

impl<W: Write> Sink<W> {
    fn write(&mut self, events: Vec<Event>, text: &str, embed: Option<&Models>) -> Result<()> {
        let preds = classify(&events, text, embed)?;
        for (e, (p, r)) in events.iter().zip(preds) {
            if r.as_ref().is_some_and(|r| {
                r.verdict == Verdict::Vetoed && !embed.is_some_and(|m| m.keep_vetoed)
            }) {
                continue;
            }
            let extra = || embed_row(e, p.as_ref(), r.as_ref());
            match (&mut *self, embed) {
                (Sink::Csv(w), None) => w.write_record(event_row(e))?,
                (Sink::Csv(w), Some(_)) => {
                    w.write_record(event_row(e).into_iter().chain(extra()))?
                }
                (Sink::Json(w), None) => writeln!(w, "{}", serde_json::to_string(e)?)?,
                (Sink::Json(w), Some(_)) => {
                    let mut v = serde_json::to_value(e)?;
                    if let Some(o) = v.as_object_mut() {
                        for (k, x) in EMBED_HEADER.iter().zip(extra()) {
                            let x = match *k {
                                "embed_confidence" | "review_confidence" => x
                                    .parse::<f64>()
                                    .map(serde_json::Value::from)
                                    .unwrap_or_default(),
                                "embed_agrees" => x
                                    .parse::<bool>()
                                    .map(serde_json::Value::from)
                                    .unwrap_or_default(),
                                _ if x.is_empty() => serde_json::Value::Null,
                                _ => serde_json::Value::from(x),
                            };
                            o.insert((*k).to_string(), x);
                        }
                    }
                    writeln!(w, "{v}")?
                }
            }
        }
        Ok(())
    }
}

/// `--embed` columns: the penta-class review of the event (confirmed, corrected or
/// vetoed, the classifier's class for the sentence and its probability), then the PLOVER
/// head's type and confidence for the sentence, its five-way quad class, and whether its
/// type equals the dictionary's PLOVER type.
const EMBED_HEADER: [&str; 7] = [
    "review",
    "review_class",
    "review_confidence",
    "embed_plover_event",
    "embed_confidence",
    "embed_quad",
    "embed_agrees",
];

fn embed_row(e: &Event, p: Option<&Prediction>, r: Option<&Review>) -> Vec<String> {
    let mut out = match r {
        None => vec![String::new(); 3],
        Some(r) => vec![
            format!("{:?}", r.verdict).to_lowercase(),
            multipolar_coder::eval::PENTA_LABELS[usize::from(r.class)].to_string(),
            format!("{:.3}", r.confidence),
        ],
    };
    match p {
        None => out.extend(vec![String::new(); 4]),
        Some(p) => out.extend([
            p.plover_type.clone(),
            format!("{:.3}", p.confidence),
            p.quad_label().to_string(),
            (e.plover_event.as_deref() == Some(p.plover_type.as_str())).to_string(),
        ]),
    }
    out
}

/// Per event, the PLOVER prediction and the penta review of its sentence (each
/// distinct sentence classified once, batched).
type Classified = (Option<Prediction>, Option<Review>);

/// Classifies the sentence of each event (each distinct sentence once, batched).
fn classify(events: &[Event], text: &str, embed: Option<&Models>) -> Result<Vec<Classified>> {
    let Some(embed) = embed else {
        return Ok(vec![(None, None); events.len()]);
    };
    let ranges = multipolar_coder::text::sentences(text);
    let which: Vec<Option<usize>> = events
        .iter()
        .map(|e| {
            ranges
                .iter()
                .position(|r| r.contains(&e.verb_span.start))
                .or((e.sentence < ranges.len()).then_some(e.sentence))
        })
        .collect();
    let mut wanted: Vec<usize> = which.iter().flatten().copied().collect();
    wanted.sort_unstable();
    wanted.dedup();
    let sentences: Vec<&str> = wanted
        .iter()
        .map(|&i| text.get(ranges[i].clone()).unwrap_or(""))
        .collect();
    let preds = embed.plover.classify(&sentences)?;
    // The penta head also reads each sentence's dictionary events.
    let per_sentence: Vec<Vec<Event>> = wanted
        .iter()
        .map(|&i| {
            events
                .iter()
                .zip(&which)
                .filter(|(_, w)| **w == Some(i))
                .map(|(e, _)| e.clone())
                .collect()
        })
        .collect();
    let refs: Vec<&[Event]> = per_sentence.iter().map(Vec::as_slice).collect();
    let penta = embed.reviewer.classify(&sentences, &refs)?;
    Ok(events
        .iter()
        .zip(&which)
        .map(|(e, w)| {
            let k = w.and_then(|i| wanted.binary_search(&i).ok());
            (k.map(|k| preds[k].clone()), k.map(|k| penta[k].review(e)))
        })
        .collect())
}

fn eval(path: &std::path::Path, dir: Option<&std::path::Path>) -> Result<()> {
    let suite = Suite::read(path)?;
    let dir = dir
        .map(|d| d.to_path_buf())
        .unwrap_or_else(|| path.parent().map(|p| p.to_path_buf()).unwrap_or_default());
    let coder = Coder::new(suite.dictionaries(&dir)?)?;
    let (scores, _) = suite.score(&coder);
    println!("category,records,correct,percent,missed,extra");
    for (cat, s) in scores
        .iter()
        .filter(|(c, _)| !c.is_empty())
        .chain(scores.get_key_value(""))
    {
        let name = if cat.is_empty() { "OVERALL" } else { cat };
        println!(
            "{name},{},{},{:.1},{},{}",
            s.records,
            s.correct,
            s.percent(),
            s.missed,
            s.extra
        );
    }
    Ok(())
}
