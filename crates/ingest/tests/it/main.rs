//! Integration tests for the ingest crate.

mod errors;
mod formats;

use std::path::{Path, PathBuf};

use model::{Diagnostic, Document};

pub fn fixture_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

pub fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(fixture_path(name)).unwrap()
}

pub fn shared_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared"));
    dir.is_dir().then_some(dir)
}

/// Splits results into documents and diagnostics, keeping order within each.
pub fn split(
    results: impl IntoIterator<Item = Result<Document, Diagnostic>>,
) -> (Vec<Document>, Vec<Diagnostic>) {
    let mut docs = Vec::new();
    let mut diags = Vec::new();
    for r in results {
        match r {
            Ok(d) => docs.push(d),
            Err(d) => diags.push(d),
        }
    }
    (docs, diags)
}

/// A WARC record with the given type, target and block.
pub fn warc_record(kind: &str, uri: &str, block: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2023-03-06T00:00:00Z\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

pub fn http_response(html: &[u8]) -> Vec<u8> {
    let mut out = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n".to_vec();
    out.extend_from_slice(html);
    out
}
