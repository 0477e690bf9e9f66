//! Any text through the full coder with the bundled dictionaries: events or none,
//! never a panic.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use multipolar_coder::{Coder, Story};

fn coder() -> &'static Coder {
    static C: OnceLock<Coder> = OnceLock::new();
    C.get_or_init(|| Coder::bundled().expect("bundled dictionaries load"))
}

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = coder().code(Story {
            id: "fuzz",
            date: Some(20200101),
            text,
        });
    }
});
