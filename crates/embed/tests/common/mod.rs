//! Finding the model for the tests.

use std::path::PathBuf;

/// The model directory (`$MULTIPOLAR_EMBED_MODEL`, else `$MULTIPOLAR_DATA/models/all-MiniLM-L6-v2`),
/// or `None` when it is absent: the test is then skipped with a note, unless
/// `MULTIPOLAR_REQUIRE_MODEL=1` (set by `.ci/run` after `scripts/setup-model`), where a
/// missing model is a failure.
pub fn model_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("MULTIPOLAR_EMBED_MODEL")
        .map(PathBuf::from)
        .unwrap_or_else(multipolar_embed::default_model_dir);
    if multipolar_embed::model_present(&dir) {
        return Some(dir);
    }
    if std::env::var("MULTIPOLAR_REQUIRE_MODEL").is_ok_and(|v| v == "1") {
        panic!(
            "model missing in {} with MULTIPOLAR_REQUIRE_MODEL=1: run scripts/setup-model first",
            dir.display()
        );
    }
    eprintln!(
        "skipped: no model in {} (run scripts/setup-model)",
        dir.display()
    );
    None
}
