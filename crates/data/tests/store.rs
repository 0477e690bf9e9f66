//! The data directory: imports land as Parquet with a manifest, atomically.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use multipolar_data::store::{MANIFEST, Store, UNGA_UNDL};

fn fx(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Every file under `dir` with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.insert(
                    p.strip_prefix(dir).unwrap().to_path_buf(),
                    std::fs::read(&p).unwrap(),
                );
            }
        }
    }
    out
}

#[test]
fn import_round_trips_and_merges_without_double_counting() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let bytes = std::fs::read(fx("undl_2026.csv")).unwrap();
    let r = store
        .import_undl(&bytes, "undl_2026.csv", "fixture")
        .unwrap();
    assert_eq!(r.entry.roll_calls, 3);
    assert_eq!(r.entry.ballots, 10);
    assert_eq!(r.entry.last_date, "2022-03-02");
    // The 2019 roll call is A/RES/74/56 of the bundled data: not added again.
    assert_eq!((r.merge.added, r.merge.duplicates), (2, 1));

    let reopened = Store::open(dir.path()).unwrap();
    assert_eq!(reopened.manifest(), store.manifest());
    let undl = reopened.undl_votes().unwrap().unwrap();
    let original =
        multipolar_data::undl::read_undl(multipolar_data::csvsrc::Source::from_bytes("x", &bytes))
            .unwrap();
    assert_eq!(undl.roll_calls(), original.roll_calls());
    for i in 0..undl.roll_calls().len() {
        assert_eq!(undl.ballots(i), original.ballots(i));
    }
    let all = reopened.votes().unwrap();
    assert_eq!(all.roll_calls().len(), 6203 + 2);
    assert!(reopened.verify().iter().all(|l| l.problem.is_none()));
}

#[test]
fn failed_import_leaves_previous_data_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    store
        .import_undl(&std::fs::read(fx("undl_2026.csv")).unwrap(), "a", "a")
        .unwrap();
    let before = snapshot(dir.path());
    assert!(before.contains_key(Path::new(MANIFEST)));
    for bad in [
        "undl_bad_vote.csv",
        "undl_unknown_country.csv",
        "undl_truncated_row.csv",
    ] {
        let e = store.import_undl(&std::fs::read(fx(bad)).unwrap(), bad, bad);
        assert!(e.is_err(), "{bad} must fail");
        assert_eq!(
            snapshot(dir.path()),
            before,
            "{bad} changed the data directory"
        );
    }
}

#[test]
fn verify_detects_a_modified_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    store
        .import_undl(&std::fs::read(fx("undl_2025.csv")).unwrap(), "a", "a")
        .unwrap();
    let f = &store.manifest().datasets[UNGA_UNDL].files[1];
    let p = dir.path().join(&f.path);
    let mut bytes = std::fs::read(&p).unwrap();
    let last = bytes.len() - 10;
    bytes[last] ^= 0xff;
    std::fs::write(&p, bytes).unwrap();
    let lines = Store::open(dir.path()).unwrap().verify();
    let bad: Vec<_> = lines.iter().filter(|l| l.problem.is_some()).collect();
    assert_eq!(bad.len(), 1, "{lines:?}");
    assert!(bad[0].problem.as_ref().unwrap().contains("sha256"));
}

#[test]
fn reimporting_replaces_the_previous_version() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    store
        .import_undl(&std::fs::read(fx("undl_2025.csv")).unwrap(), "a", "a")
        .unwrap();
    let old = store.manifest().datasets[UNGA_UNDL].files[0].path.clone();
    store
        .import_undl(&std::fs::read(fx("undl_2026.csv")).unwrap(), "b", "b")
        .unwrap();
    let new = store.manifest().datasets[UNGA_UNDL].files[0].path.clone();
    assert_ne!(old, new);
    assert!(!dir.path().join(&old).exists(), "old version removed");
    assert!(dir.path().join(&new).exists());
}
