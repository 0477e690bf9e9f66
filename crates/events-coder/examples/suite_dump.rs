//! Codes a PETRARCH validation suite and prints one line per record (id, pass/fail,
//! expected and coded triples, patterns), for diffing coder changes:
//! `cargo run -p multipolar-coder --example suite_dump -- SUITE.xml [ID...]`.
use std::collections::BTreeSet;
use std::path::Path;

use multipolar_coder::suite::Suite;
use multipolar_coder::{Coder, Story};

fn main() -> Result<(), multipolar_coder::Error> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let path = Path::new(args.first().map(String::as_str).unwrap_or(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/events/petrarch-unittest/PETR.UnitTest.records.xml"
    )));
    let only: Vec<&String> = args.iter().skip(1).collect();
    let suite = Suite::read(path)?;
    let coder = Coder::new(suite.dictionaries(path.parent().unwrap_or(Path::new(".")))?)?;
    let (_, per) = suite.score(&coder);
    for (r, (_, ok)) in suite.records.iter().zip(per) {
        if !only.is_empty() && !only.iter().any(|o| **o == r.id) {
            continue;
        }
        let coded = coder.code_with(
            Story {
                id: &r.id,
                date: r.date,
                text: &r.text,
            },
            &r.options,
        );
        let got: BTreeSet<String> = coded
            .events
            .iter()
            .map(|e| format!("{} {} {}", e.source.code, e.target.code, e.cameo))
            .collect();
        let want: Vec<String> = r
            .expected
            .iter()
            .map(|(s, t, c)| format!("{s} {t} {c}"))
            .collect();
        println!(
            "{} {} want={:?}{} got={:?}",
            if ok { "ok  " } else { "FAIL" },
            r.id,
            want,
            r.error
                .as_ref()
                .map(|e| format!(" error={e}"))
                .unwrap_or_default(),
            got
        );
        if !only.is_empty() {
            println!("  text: {}", r.text);
            for e in &coded.events {
                println!(
                    "  {} {} {} <- {} | verb={} src={:?} tgt={:?}",
                    e.source.code,
                    e.target.code,
                    e.cameo,
                    e.pattern,
                    e.verb,
                    e.source.text,
                    e.target.text
                );
            }
        }
    }
    Ok(())
}
