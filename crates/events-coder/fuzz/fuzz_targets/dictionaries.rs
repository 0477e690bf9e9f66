//! Any bytes as a dictionary file of every kind: an error or a dictionary, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use multipolar_coder::Dictionaries;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut d = Dictionaries::default();
    let _ = d.add_verbs("f", &text);
    let _ = d.add_actors("f", &text);
    let _ = d.add_agents("f", &text);
    let _ = d.add_discards("f", &text);
    let _ = d.add_issues("f", &text);
    let _ = d.add_overlay("f", &text);
});
