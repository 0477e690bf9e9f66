//! A temporary data directory and a runner for the built binary.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A data directory per test, passed as `MULTIPOLAR_DATA`: fresh and removed
/// afterwards, or [`TestEnv::persistent`].
pub struct TestEnv {
    dir: PathBuf,
    _temp: Option<tempfile::TempDir>,
}

/// What a run printed and how it exited.
pub struct Run {
    pub stdout: String,
    pub stderr: String,
    pub code: i32,
}

impl TestEnv {
    pub fn new() -> Self {
        let t = tempfile::tempdir().unwrap();
        TestEnv {
            dir: t.path().to_path_buf(),
            _temp: Some(t),
        }
    }

    /// A data directory kept between runs under Cargo's per-target temporary
    /// directory, for tests that need the full ideal-point fit: the first run fits
    /// and caches, later tests and runs read the cache.
    pub fn persistent(name: &str) -> Self {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
        std::fs::create_dir_all(&dir).unwrap();
        TestEnv { dir, _temp: None }
    }

    pub fn data(&self) -> &Path {
        &self.dir
    }

    pub fn cmd(&self, args: &[&str]) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_multipolar"));
        c.args(args)
            .env("MULTIPOLAR_DATA", &self.dir)
            .env_remove("RUST_BACKTRACE");
        c
    }

    pub fn run(&self, args: &[&str]) -> Run {
        let out: Output = self.cmd(args).output().unwrap();
        Run {
            stdout: String::from_utf8(out.stdout).unwrap(),
            stderr: String::from_utf8(out.stderr).unwrap(),
            code: out.status.code().unwrap_or(-1),
        }
    }

    /// Runs, asserts success, returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let r = self.run(args);
        assert_eq!(r.code, 0, "{args:?} failed:\n{}", r.stderr);
        r.stdout
    }

    /// Runs, asserts exit code 1, returns stderr.
    pub fn fails(&self, args: &[&str]) -> String {
        let r = self.run(args);
        assert_eq!(
            r.code, 1,
            "{args:?} should fail with 1; stdout:\n{}\nstderr:\n{}",
            r.stdout, r.stderr
        );
        assert!(
            r.stdout.is_empty(),
            "nothing partial on stdout: {}",
            r.stdout
        );
        r.stderr
    }

    /// Runs, asserts exit code 2 (a request wrong as given), returns stderr.
    pub fn usage(&self, args: &[&str]) -> String {
        let r = self.run(args);
        assert_eq!(
            r.code, 2,
            "{args:?} should be a usage error (2); stdout:\n{}\nstderr:\n{}",
            r.stdout, r.stderr
        );
        assert!(r.stdout.is_empty(), "nothing on stdout: {}", r.stdout);
        r.stderr
    }

    /// Runs with `--format json` appended and parses the document.
    pub fn json(&self, args: &[&str]) -> serde_json::Value {
        let mut a = args.to_vec();
        a.extend(["--format", "json"]);
        serde_json::from_str(&self.ok(&a)).unwrap()
    }
}

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../data/tests/fixtures")
        .join(name)
}

/// Published values have six decimals.
pub const TOL: f64 = 1e-6;

pub fn close(got: &serde_json::Value, want: f64, what: &str) {
    let g = got
        .as_f64()
        .unwrap_or_else(|| panic!("{what}: not a number: {got}"));
    assert!(
        (g - want).abs() < TOL,
        "{what}: got {g:.6}, expected {want:.6}"
    );
}

/// BSV's April 2020 release as CSV text (read from the shared data folder).
pub fn bsv_release() -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/unga_bsv_idealpoints_all_apr2020.csv.gz");
    let mut text = String::new();
    std::io::Read::read_to_string(
        &mut flate2::read::GzDecoder::new(std::fs::File::open(path).unwrap()),
        &mut text,
    )
    .unwrap();
    text
}

/// BSV's April 2020 release: the ideal point of a COW state in a session.
pub fn bsv(ccode: u16, session: u16) -> f64 {
    bsv_release()
        .lines()
        .skip(1)
        .map(|l| l.split(',').collect::<Vec<_>>())
        .find(|f| f[0] == ccode.to_string() && f[1] == session.to_string())
        .map(|f| f[3].parse().unwrap())
        .unwrap()
}
