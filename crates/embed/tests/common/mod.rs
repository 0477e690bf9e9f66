//! Finding the model for the tests.

use std::path::PathBuf;

/// The model directory (`$MULTIPOLAR_EMBED_MODEL`, else `$MULTIPOLAR_DATA/models/all-MiniLM-L6-v2`),
/// or `None` when it is absent. CI (`CI` set) installs it with `scripts/setup-model`, so
/// there a missing model is a failure; elsewhere the test is skipped with a note.
pub fn model_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("MULTIPOLAR_EMBED_MODEL")
        .map(PathBuf::from)
        .unwrap_or_else(multipolar_embed::default_model_dir);
    if multipolar_embed::model_present(&dir) {
        return Some(dir);
    }
    if std::env::var_os("CI").is_some() {
        panic!(
            "model missing in {} under CI: .ci/run must run scripts/setup-model first",
            dir.display()
        );
    }
    eprintln!(
        "skipped: no model in {} (run scripts/setup-model)",
        dir.display()
    );
    None
}
