//! The web dashboard in a real browser: `multipolar serve` on loopback, and
//! `crates/server/tests/browser/dashboard.mjs` driving headless Chromium over it
//! with Playwright — Morocco's profile with every chart drawn, a pole changed, the
//! shared URL reproduced, back/forward, the compare and system views, an error
//! state, and screenshots checked for drawn charts (left in the target's temporary
//! directory, `dashboard/`).
//!
//! Needs Chromium (`/usr/bin/chromium`, or `MULTIPOLAR_CHROMIUM`), Node and the
//! script's `node_modules` (`npm ci --prefix crates/server/tests/browser`).
//! `scripts/test` installs all three and sets `MULTIPOLAR_REQUIRE_CHROMIUM=1`, so in
//! CI anything missing fails the test instead of skipping it.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use crate::serve::{Server, fitted};

/// What is missing to run the browser test, if anything.
fn missing(script_dir: &Path) -> Option<String> {
    let chromium = std::env::var_os("MULTIPOLAR_CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    if !chromium.exists() {
        return Some(format!("no Chromium at {}", chromium.display()));
    }
    if !Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
    {
        return Some("no node on PATH".into());
    }
    if !script_dir.join("node_modules/playwright-core").exists() {
        return Some(format!(
            "no playwright-core (run npm ci --prefix {})",
            script_dir.display()
        ));
    }
    None
}

#[test]
fn dashboard_in_headless_chromium() {
    let script_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../server/tests/browser");
    if let Some(what) = missing(&script_dir) {
        if std::env::var("MULTIPOLAR_REQUIRE_CHROMIUM").is_ok_and(|v| v == "1") {
            panic!("MULTIPOLAR_REQUIRE_CHROMIUM=1 but {what} (run scripts/test)");
        }
        eprintln!("skipped: {what} (set MULTIPOLAR_REQUIRE_CHROMIUM=1 to require it)");
        return;
    }
    let env = fitted();
    let server = Server::start(&env, &[]);
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("dashboard");
    let _ = std::fs::remove_dir_all(&out);
    let start = Instant::now();
    let run = Command::new("node")
        .arg(script_dir.join("dashboard.mjs"))
        .arg(format!("http://{}/", server.addr))
        .arg(&out)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&run.stdout);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        run.status.success(),
        "the browser test failed ({:?}):\n{stdout}\n{stderr}",
        run.status
    );
    assert!(stdout.contains("passed in"), "{stdout}");
    eprintln!(
        "dashboard: browser test passed in {:.1} s; screenshots in {}",
        start.elapsed().as_secs_f64(),
        out.display()
    );
}
