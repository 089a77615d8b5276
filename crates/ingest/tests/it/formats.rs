//! Each input format read into documents.

use std::fmt::Write;
use std::io::Write as _;

use ingest::{read_bytes, read_inputs, Input, ReadOptions};
use model::NaiveDate;

use crate::{fixture, fixture_path, http_response, shared_dir, split, warc_record};

fn render(doc: &model::Document) -> String {
    let mut out = String::new();
    writeln!(out, "id: {}", doc.id).unwrap();
    writeln!(out, "title: {:?}", doc.title).unwrap();
    writeln!(out, "author: {:?}", doc.author).unwrap();
    writeln!(out, "date: {:?}", doc.date).unwrap();
    writeln!(out, "url: {:?}", doc.url).unwrap();
    writeln!(out, "--- text\n{}", doc.text).unwrap();
    for c in &doc.comments {
        writeln!(out, "--- comment\n{c}").unwrap();
    }
    out
}

#[test]
fn html_extraction_golden() {
    let path = fixture_path("article.html");
    let (docs, diags) = split(read_inputs(&[Input::Path(path)], &ReadOptions::default()));
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(docs.len(), 1);
    let doc = &docs[0];
    assert_eq!(doc.date, NaiveDate::from_ymd_opt(2023, 3, 5));
    assert!(!doc.text.contains("Donate"));
    assert!(!doc.text.contains("Copyright"));
    assert!(!doc.text.contains("Finally some progress"));
    assert_eq!(doc.comments.len(), 2);
    let mut rendered = render(doc);
    // The id is the path as given, which depends on the checkout.
    rendered = rendered.replace(&fixture_path("").display().to_string(), "<fixtures>/");
    insta::assert_snapshot!(rendered);
}

#[test]
fn jsonl_documents() {
    let data = b"{\"id\":\"a\",\"text\":\"Iran protested. Baku replied.\",\"date\":\"20230206\",\"title\":\"T\",\"source\":\"S\",\"url\":\"u\"}\n\n{\"text\":\"No id here.\"}\n";
    let opts = ReadOptions {
        default_date: NaiveDate::from_ymd_opt(2020, 1, 1),
        ..ReadOptions::default()
    };
    let (docs, diags) = split(read_bytes("in.jsonl", data, &opts));
    assert!(diags.is_empty());
    assert_eq!(docs[0].id, "a");
    assert_eq!(docs[0].date, NaiveDate::from_ymd_opt(2023, 2, 6));
    assert_eq!(docs[0].title.as_deref(), Some("T"));
    assert_eq!(docs[0].source.as_deref(), Some("S"));
    assert_eq!(docs[1].id, "in.jsonl:3");
    assert_eq!(docs[1].date, NaiveDate::from_ymd_opt(2020, 1, 1));
}

#[test]
fn stdin_style_sniffing() {
    let (docs, _) = split(read_bytes(
        "-",
        b"{\"id\":\"x\",\"text\":\"Hello there.\"}",
        &ReadOptions::default(),
    ));
    assert_eq!(docs[0].id, "x");
    let (docs, _) = split(read_bytes(
        "-",
        &fixture("article.html"),
        &ReadOptions::default(),
    ));
    assert_eq!(
        docs[0].title.as_deref(),
        Some("Baku and Ankara agree gas deal")
    );
    let (docs, _) = split(read_bytes(
        "-",
        b"Plain text news. Second sentence.",
        &ReadOptions::default(),
    ));
    assert_eq!(docs[0].text, "Plain text news. Second sentence.");
}

#[test]
fn warc_html_records() {
    let html = fixture("article.html");
    let mut warc = warc_record("warcinfo", "", b"software: test\r\n");
    warc.extend(warc_record(
        "request",
        "https://example.invalid/a",
        b"GET /a HTTP/1.1\r\n\r\n",
    ));
    warc.extend(warc_record(
        "response",
        "https://example.invalid/a",
        &http_response(&html),
    ));
    let (docs, diags) = split(read_bytes("crawl.warc", &warc, &ReadOptions::default()));
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0].id, "crawl.warc:3");
    assert_eq!(docs[0].url.as_deref(), Some("https://example.invalid/a"));
    assert!(docs[0].text.contains("energy ministers from Azerbaijan"));

    // The same, gzip-compressed per record as crawlers write it.
    let mut gz = Vec::new();
    for record in [
        warc_record(
            "response",
            "https://example.invalid/a",
            &http_response(&html),
        ),
        warc_record(
            "response",
            "https://example.invalid/b",
            &http_response(&html),
        ),
    ] {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        enc.write_all(&record).unwrap();
        gz.extend(enc.finish().unwrap());
    }
    let (docs, diags) = split(read_bytes("crawl.warc.gz", &gz, &ReadOptions::default()));
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[1].id, "crawl.warc.gz:2");
}

#[test]
fn rss_items() {
    let path = fixture_path("feed.xml");
    let name = path.display().to_string();
    let (docs, diags) = split(read_inputs(&[Input::Path(path)], &ReadOptions::default()));
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0].id, format!("{name}:1"));
    assert_eq!(docs[0].text, "Energy ministers from Azerbaijan and Turkey signed an agreement on Friday.\n\nIran criticised the deal.");
    assert_eq!(docs[0].date, NaiveDate::from_ymd_opt(2023, 3, 5));
    assert_eq!(docs[0].source.as_deref(), Some("Caspian Monitor"));
    assert_eq!(docs[1].title.as_deref(), Some("Tehran recalls envoy"));
    assert_eq!(diags.len(), 1);
    assert_eq!(diags[0].line, Some(2));
}

#[test]
fn directory_walk_is_sorted_and_recursive() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir(root.join("b")).unwrap();
    std::fs::write(root.join("b/2.txt"), "Second file. It is in b.").unwrap();
    std::fs::write(root.join("a.txt"), "First file. It is at the top.").unwrap();
    std::fs::write(
        root.join("c.jsonl"),
        "{\"id\":\"c1\",\"text\":\"Third.\"}\n{\"id\":\"c2\",\"text\":\"Fourth.\"}\n",
    )
    .unwrap();
    std::fs::write(root.join("notes.csv"), "skipped,file").unwrap();
    std::fs::write(root.join(".hidden.txt"), "Skipped too.").unwrap();
    let (docs, diags) = split(read_inputs(
        &[Input::Path(root.to_path_buf())],
        &ReadOptions::default(),
    ));
    assert!(diags.is_empty(), "{diags:?}");
    let ids: Vec<String> = docs
        .iter()
        .map(|d| d.id.replace(&root.display().to_string(), ""))
        .collect();
    assert_eq!(ids, vec!["/a.txt", "/b/2.txt", "c1", "c2"]);
}

#[test]
fn seed_pages_as_text_files() {
    let Some(shared) = shared_dir() else {
        eprintln!("skipping: ../shared not found");
        return;
    };
    let (docs, diags) = split(read_inputs(
        &[Input::Path(shared.join("seeds"))],
        &ReadOptions::default(),
    ));
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(docs.len(), 2);
    assert!(docs[0].comments.len() >= 5);
    assert!(!docs[0].text.contains("Mason says"));
    assert_eq!(docs[1].date, NaiveDate::from_ymd_opt(2023, 2, 6));
    assert_eq!(
        docs[1].title.as_deref(),
        Some("Warming Israel-Azerbaijan ties and the Iranian ire they stoke")
    );
}

#[test]
fn html_meta_tags_without_json_ld() {
    let html = br#"<html><head><title>Site | Envoy recalled</title>
<meta property="og:title" content="Tehran recalls envoy from Baku">
<meta property="article:published_time" content="2012-02-22T08:00:00+00:00">
<meta name="author" content="Sam Writer"></head>
<body><div class="menu"><a href="/">Home</a> <a href="/news">News</a></div>
<div class="story"><p>Iran recalled its ambassador from Baku on Wednesday after Azerbaijani officials arrested a group accused of plotting attacks on foreign diplomats in the capital.</p>
<p>The foreign ministry in Tehran said the arrests were part of a campaign against Iran and demanded an explanation from the Azerbaijani government within days.</p></div></body></html>"#;
    let (docs, diags) = split(read_bytes("page.html", html, &ReadOptions::default()));
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(docs[0].date, NaiveDate::from_ymd_opt(2012, 2, 22));
    assert_eq!(
        docs[0].title.as_deref(),
        Some("Tehran recalls envoy from Baku")
    );
    assert_eq!(docs[0].author.as_deref(), Some("Sam Writer"));
    assert!(docs[0].text.starts_with("Iran recalled its ambassador"));
    assert!(!docs[0].text.contains("Home"));
}

#[test]
fn html_in_legacy_encoding() {
    let html = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\"><title>Caf\xe9</title></head><body><article><p>The caf\xe9 owners in Baku protested against new taxes on Monday, officials said, and the protest lasted for several hours in the centre.</p><p>Police did not intervene and the crowd dispersed peacefully in the evening after speeches by organisers.</p></article></body></html>";
    let (docs, diags) = split(read_bytes("old.htm", html, &ReadOptions::default()));
    assert!(diags.is_empty(), "{diags:?}");
    assert!(docs[0].text.contains("café owners"), "{}", docs[0].text);
}
