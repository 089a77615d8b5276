//! Crash-safety harness: ingests synthetic documents into a database and can
//! abort the process at a chosen point, so tests can check that a killed
//! ingest followed by a re-run leaves the same database as a clean run.
//!
//! Usage: `store-crash-harness DB DOCS SEED [ABORT_CALL ABORT_AFTER_EVENTS]`
//! (with `SLOW_MS` in the environment it sleeps between documents, so a test
//! can kill it from outside at arbitrary moments).

use std::path::Path;
use std::process::ExitCode;

use store::{AbortPoint, Store, Versions};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let num = |i: usize| args.get(i).and_then(|s| s.parse::<u64>().ok());
    let (Some(db), Some(docs), Some(seed)) = (args.first(), num(1), num(2)) else {
        eprintln!("usage: store-crash-harness DB DOCS SEED [ABORT_CALL ABORT_AFTER_EVENTS]");
        return ExitCode::from(2);
    };
    let slow_ms: u64 = std::env::var("SLOW_MS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let mut store = match Store::open(Path::new(db)) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("store-crash-harness: {e}");
            return ExitCode::FAILURE;
        }
    };
    if let (Some(call), Some(after)) = (num(3), num(4)) {
        store.set_abort_point(Some(AbortPoint {
            call: call as usize,
            after_events: after as usize,
        }));
    }
    let versions = Versions {
        coder: "harness-coder".into(),
        dictionaries: "harness-dicts".into(),
    };
    for n in 0..docs {
        let c = store::synthetic::document(seed, n, 1 + (n % 5) as usize);
        if let Err(e) = store.ingest(&c.doc, &c.mentions, &c.events, &c.sentences, &versions) {
            eprintln!("store-crash-harness: document {}: {e}", c.doc.id);
            return ExitCode::FAILURE;
        }
        if slow_ms > 0 {
            std::thread::sleep(std::time::Duration::from_millis(slow_ms));
        }
    }
    ExitCode::SUCCESS
}
