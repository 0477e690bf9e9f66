//! `multipolar code`: text → CAMEO/PLOVER events (JSON Lines or CSV), or `--eval` on a
//! PETRARCH validation suite.

use std::io::{BufWriter, Read, Write};

use anyhow::{Context, Result, bail};
use multipolar_coder::suite::Suite;
use multipolar_coder::{Coder, Event, Story};

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
    let stdout = std::io::stdout();
    let mut out = match a.format {
        EventFormat::Csv => {
            let mut w = csv::Writer::from_writer(stdout.lock());
            w.write_record(HEADER)?;
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
                Some(d) => Some(d.replace('-', "").parse::<u32>().ok().filter(|d| *d >= 10_000_000).with_context(|| format!("{input}: line {}: bad date \"{d}\" (expected YYYYMMDD or YYYY-MM-DD)", n + 1))?),
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
        )?;
    }
    match out {
        Sink::Csv(mut w) => w.flush()?,
        Sink::Json(mut w) => w.flush()?,
    }
    Ok(())
}

/// Where events go.
enum Sink<W: Write> {
    Csv(Box<csv::Writer<W>>),
    Json(BufWriter<W>),
}

impl<W: Write> Sink<W> {
    fn write(&mut self, events: Vec<Event>) -> Result<()> {
        for e in events {
            match self {
                Sink::Csv(w) => w.write_record(row(&e))?,
                Sink::Json(w) => writeln!(w, "{}", serde_json::to_string(&e)?)?,
            }
        }
        Ok(())
    }
}

const HEADER: [&str; 20] = [
    "story",
    "sentence",
    "date",
    "source",
    "source_country",
    "source_sector",
    "target",
    "target_country",
    "target_sector",
    "cameo",
    "plover_event",
    "plover_mode",
    "goldstein",
    "quad_class",
    "topics",
    "pattern",
    "verb",
    "source_text",
    "target_text",
    "convention",
];

fn row(e: &Event) -> Vec<String> {
    let o = |x: &Option<String>| x.clone().unwrap_or_default();
    vec![
        e.story.clone(),
        e.sentence.to_string(),
        e.date.map(|d| d.to_string()).unwrap_or_default(),
        e.source.code.clone(),
        e.source.country.clone(),
        e.source.sector.clone(),
        e.target.code.clone(),
        e.target.country.clone(),
        e.target.sector.clone(),
        e.cameo.clone(),
        o(&e.plover_event),
        o(&e.plover_mode),
        e.goldstein.map(|g| g.to_string()).unwrap_or_default(),
        e.quad_class.map(|q| q.to_string()).unwrap_or_default(),
        e.topics.join(";"),
        e.pattern.clone(),
        e.verb.clone(),
        e.source.text.clone(),
        e.target.text.clone(),
        e.convention.to_string(),
    ]
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
