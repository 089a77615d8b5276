//! Crash safety: kill the ingest at several points, re-run it, and compare the
//! database with one written by an uninterrupted run.

use std::path::Path;
use std::process::Command;

use crate::canonical_dump;

const HARNESS: &str = env!("CARGO_BIN_EXE_store-crash-harness");
const DOCS: &str = "12";
const SEED: &str = "42";

fn run(db: &Path, abort: Option<(usize, usize)>) -> std::process::ExitStatus {
    let mut cmd = Command::new(HARNESS);
    cmd.arg(db).arg(DOCS).arg(SEED);
    if let Some((call, after)) = abort {
        cmd.arg(call.to_string()).arg(after.to_string());
    }
    cmd.status().expect("run harness")
}

#[test]
fn killed_ingest_then_rerun_equals_clean_run() {
    let dir = tempfile::tempdir().unwrap();
    let clean = dir.path().join("clean.db");
    assert!(run(&clean, None).success());
    let expected = canonical_dump(&clean);
    assert!(expected.contains("## documents (12)"), "{expected}");

    // (document, events written before the abort): the first document, one
    // in the middle before any event, mid-way through its events, after all
    // its events but before commit, and the last document.
    for (k, point) in [(0, 0), (5, 0), (6, 1), (7, 2), (11, 4)]
        .into_iter()
        .enumerate()
    {
        let db = dir.path().join(format!("crash{k}.db"));
        let status = run(&db, Some(point));
        assert!(
            !status.success(),
            "the harness should have aborted at {point:?}"
        );
        // Nothing of the interrupted document is visible.
        let partial = canonical_dump(&db);
        assert!(
            partial.contains(&format!("## documents ({})", point.0)),
            "after abort at {point:?}:\n{partial}"
        );
        assert!(run(&db, None).success());
        assert_eq!(canonical_dump(&db), expected, "abort at {point:?}");
    }
}

#[test]
fn sigkill_at_arbitrary_moments_then_rerun_equals_clean_run() {
    let dir = tempfile::tempdir().unwrap();
    let clean = dir.path().join("clean.db");
    assert!(run(&clean, None).success());
    let expected = canonical_dump(&clean);
    let db = dir.path().join("killed.db");
    for delay_ms in [5u64, 20, 45] {
        let mut child = Command::new(HARNESS)
            .arg(&db)
            .arg(DOCS)
            .arg(SEED)
            .env("SLOW_MS", "3")
            .spawn()
            .expect("spawn harness");
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        // Child::kill sends SIGKILL on Unix.
        let _ = child.kill();
        let _ = child.wait();
    }
    assert!(run(&db, None).success());
    assert_eq!(canonical_dump(&db), expected);
}
