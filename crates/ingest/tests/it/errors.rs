//! Bad inputs become diagnostics naming the input and line; the rest goes on.

use ingest::{read_bytes, read_inputs, Input, ReadOptions};

use crate::{fixture, http_response, split, warc_record};

#[test]
fn invalid_utf8_text_file() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.txt");
    std::fs::write(&bad, b"Caf\xe9 owners protested.").unwrap();
    let good = dir.path().join("good.txt");
    std::fs::write(&good, "Owners protested.").unwrap();
    let (docs, diags) = split(read_inputs(
        &[Input::Path(bad.clone()), Input::Path(good)],
        &ReadOptions::default(),
    ));
    assert_eq!(docs.len(), 1);
    assert_eq!(diags.len(), 1);
    assert_eq!(diags[0].input, bad.display().to_string());
    assert!(diags[0].message.contains("UTF-8"), "{}", diags[0].message);
}

#[test]
fn binary_junk() {
    let junk: Vec<u8> = (0..2048u32).map(|i| (i * 7 % 256) as u8).collect();
    let (docs, diags) = split(read_bytes("junk.txt", &junk, &ReadOptions::default()));
    assert!(docs.is_empty());
    assert!(diags[0].message.contains("binary"), "{}", diags[0].message);
    let (docs, diags) = split(read_bytes("-", &junk, &ReadOptions::default()));
    assert!(docs.is_empty());
    assert_eq!(diags.len(), 1);
}

#[test]
fn malformed_jsonl_line_among_good_ones() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("in.jsonl");
    std::fs::write(
        &path,
        "{\"id\":\"1\",\"text\":\"One.\"}\n{\"id\":\"2\",\"text\":\"Two.\"\n{\"id\":\"3\",\"title\":\"no text\"}\n[1,2]\n{\"id\":\"5\",\"text\":\"Five.\"}\n",
    )
    .unwrap();
    let results: Vec<_> =
        read_inputs(&[Input::Path(path.clone())], &ReadOptions::default()).collect();
    let (docs, diags) = split(results);
    assert_eq!(
        docs.iter().map(|d| d.id.as_str()).collect::<Vec<_>>(),
        vec!["1", "5"]
    );
    let name = path.display().to_string();
    let lines: Vec<_> = diags.iter().map(|d| (d.input.as_str(), d.line)).collect();
    assert_eq!(
        lines,
        vec![
            (name.as_str(), Some(2)),
            (name.as_str(), Some(3)),
            (name.as_str(), Some(4))
        ]
    );
    assert!(diags[0].message.starts_with("invalid json"));
    assert!(diags[1].message.contains("text"));
    assert!(diags[0].to_string().starts_with(&format!("{name}:2: ")));
}

#[test]
fn huge_line_is_skipped() {
    let opts = ReadOptions {
        max_line_bytes: 100,
        ..ReadOptions::default()
    };
    let mut data = b"{\"id\":\"1\",\"text\":\"One.\"}\n{\"id\":\"2\",\"text\":\"".to_vec();
    data.extend(std::iter::repeat_n(b'x', 10_000));
    data.extend(b"\"}\n{\"id\":\"3\",\"text\":\"Three.\"}\n");
    let (docs, diags) = split(read_bytes("big.jsonl", &data, &opts));
    assert_eq!(
        docs.iter().map(|d| d.id.as_str()).collect::<Vec<_>>(),
        vec!["1", "3"]
    );
    assert_eq!(diags.len(), 1);
    assert_eq!(diags[0].line, Some(2));
    assert!(diags[0].message.contains("limit"));
    // The same through a file, streamed in small buffers.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.jsonl");
    std::fs::write(&path, &data).unwrap();
    let (docs, diags) = split(read_inputs(&[Input::Path(path)], &opts));
    assert_eq!(docs.len(), 2);
    assert_eq!(diags[0].line, Some(2));
}

#[test]
fn oversize_document() {
    let opts = ReadOptions {
        max_document_bytes: 10,
        ..ReadOptions::default()
    };
    let (docs, diags) = split(read_bytes(
        "long.txt",
        b"This text is longer than ten bytes.",
        &opts,
    ));
    assert!(docs.is_empty());
    assert!(diags[0].message.contains("limit"));
}

#[test]
fn truncated_warc() {
    let html = fixture("article.html");
    let mut warc = warc_record(
        "response",
        "https://example.invalid/a",
        &http_response(&html),
    );
    let second = warc_record(
        "response",
        "https://example.invalid/b",
        &http_response(&html),
    );
    warc.extend_from_slice(&second[..second.len() / 2]);
    let (docs, diags) = split(read_bytes("cut.warc", &warc, &ReadOptions::default()));
    assert_eq!(docs.len(), 1);
    assert_eq!(diags.len(), 1);
    assert_eq!(diags[0].line, Some(2));
    assert!(
        diags[0].message.contains("truncated"),
        "{}",
        diags[0].message
    );
    // Not WARC at all.
    let (_, diags) = split(read_bytes(
        "x.warc",
        b"hello world\r\n",
        &ReadOptions::default(),
    ));
    assert!(diags[0].message.contains("WARC"));
}

#[test]
fn malformed_xml_feed() {
    let (docs, diags) = split(read_bytes(
        "feed.xml",
        b"<rss><channel><item><title>x</ti",
        &ReadOptions::default(),
    ));
    assert!(docs.is_empty());
    assert_eq!(diags.len(), 1);
    assert!(
        diags[0].message.starts_with("invalid feed"),
        "{}",
        diags[0].message
    );
}

#[test]
fn empty_inputs() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["e.txt", "e.jsonl", "e.html", "e.warc"] {
        let path = dir.path().join(name);
        std::fs::write(&path, b"").unwrap();
        let (docs, diags) = split(read_inputs(&[Input::Path(path)], &ReadOptions::default()));
        assert!(docs.is_empty(), "{name}");
        assert_eq!(diags.len(), 1, "{name}");
        assert!(
            diags[0].message.contains("empty"),
            "{name}: {}",
            diags[0].message
        );
    }
}

#[test]
fn missing_file() {
    let (docs, diags) = split(read_inputs(
        &[Input::Path("/nonexistent/x.txt".into())],
        &ReadOptions::default(),
    ));
    assert!(docs.is_empty());
    assert_eq!(diags[0].input, "/nonexistent/x.txt");
}
