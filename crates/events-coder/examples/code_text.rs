//! Codes text given on the command line with the bundled dictionaries, printing events.
fn main() -> Result<(), multipolar_coder::Error> {
    let coder = multipolar_coder::Coder::bundled()?;
    let text = std::env::args().skip(1).collect::<Vec<_>>().join(" ");
    let coded = coder.code(multipolar_coder::Story {
        id: "cli",
        date: Some(20240101),
        text: &text,
    });
    eprintln!(
        "discarded={:?} story={}",
        coded.discarded_sentences, coded.story_discarded
    );
    for e in coded.events {
        println!(
            "{} -> {} {} {:?}/{:?} topics={:?} pattern={} verb={}",
            e.source.code,
            e.target.code,
            e.cameo,
            e.plover_event,
            e.plover_mode,
            e.topics,
            e.pattern,
            e.verb
        );
    }
    Ok(())
}
