//! Integration tests for the verbs crate: loading real dictionaries, golden matches, bundled codes.

mod codes;
mod eval;
mod golden;
mod load;

use std::path::PathBuf;

/// `../shared` next to the workspace, when present.
fn shared() -> Option<PathBuf> {
    let p = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared"));
    if p.is_dir() {
        Some(p)
    } else {
        eprintln!("skipping: ../shared not found");
        None
    }
}
