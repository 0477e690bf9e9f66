//! The HTML report in a real browser: headless Chromium loads the page, the charts
//! are in the DOM, and a screenshot shows them drawn.
//!
//! Needs Chromium (`/usr/bin/chromium`, or `MULTIPOLAR_CHROMIUM`). `scripts/test`
//! installs it and sets `MULTIPOLAR_REQUIRE_CHROMIUM=1`, so in CI a missing browser
//! fails the test instead of skipping it.

use std::path::PathBuf;
use std::process::Command;

use crate::util::TestEnv;

fn chromium() -> Option<PathBuf> {
    let candidates = [
        std::env::var_os("MULTIPOLAR_CHROMIUM").map(PathBuf::from),
        Some(PathBuf::from("/usr/bin/chromium")),
        Some(PathBuf::from("/usr/bin/chromium-browser")),
    ];
    let found = candidates.into_iter().flatten().find(|p| p.exists());
    if found.is_none() && std::env::var("MULTIPOLAR_REQUIRE_CHROMIUM").is_ok_and(|v| v == "1") {
        panic!("MULTIPOLAR_REQUIRE_CHROMIUM=1 but no Chromium found (run scripts/test)");
    }
    found
}

/// Flags for a headless run on a machine without network or GPU.
fn browser(bin: &PathBuf, profile_dir: &std::path::Path) -> Command {
    let mut c = Command::new(bin);
    c.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
    ])
    .arg(format!("--user-data-dir={}", profile_dir.display()));
    c
}

#[test]
fn html_report_renders_in_headless_chromium() {
    let Some(bin) = chromium() else {
        eprintln!("skipped: no Chromium (set MULTIPOLAR_REQUIRE_CHROMIUM=1 to require it)");
        return;
    };
    let env = TestEnv::new();
    let html = env.data().join("mar.html");
    env.ok(&[
        "profile",
        "MAR",
        "--from",
        "1990",
        "--to",
        "2019",
        "--no-ideal",
        "--html",
        html.to_str().unwrap(),
    ]);
    let url = format!("file://{}", html.display());

    // The page loads and its DOM holds the title, the tables and every chart.
    let out = browser(&bin, &env.data().join("chrome-dom"))
        .args(["--dump-dom", &url])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let dom = String::from_utf8(out.stdout).unwrap();
    assert!(dom.contains("Morocco (MAR) between USA, EU, CHN, RUS · 1990–2019"));
    assert!(dom.contains("id=\"stance\"") && dom.contains("id=\"shifts\""));
    let charts = dom.matches("<figure class=\"chart\"").count();
    assert!(charts >= 6, "{charts} charts in the DOM");
    assert!(dom.matches("<svg").count() >= charts);
    assert!(
        dom.contains("<path") || dom.contains("<polyline"),
        "charts have no lines"
    );

    // A screenshot of the top of the page: drawn, not blank.
    let shot = env.data().join("shot.png");
    let out = browser(&bin, &env.data().join("chrome-shot"))
        .arg(format!("--screenshot={}", shot.display()))
        .args(["--window-size=1000,2600", &url])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(&shot).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    assert_eq!((info.width, info.height), (1000, 2600));
    let px = info.color_type.samples();
    let pixels: Vec<&[u8]> = buf[..info.buffer_size()].chunks(px).collect();
    let non_white = pixels
        .iter()
        .filter(|p| p[..3].iter().any(|&c| c < 240))
        .count();
    assert!(
        non_white > pixels.len() / 50,
        "page nearly blank: {non_white} drawn pixels"
    );
    // The first series colour (Okabe–Ito blue, the USA) is on screen: a chart was
    // drawn, not only text.
    let blue = pixels
        .iter()
        .filter(|p| p[0].abs_diff(0) < 30 && p[1].abs_diff(114) < 30 && p[2].abs_diff(178) < 30)
        .count();
    assert!(blue > 200, "no chart line pixels ({blue})");
}
