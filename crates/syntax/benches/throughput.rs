//! Tagging + parsing throughput over Wikinews sentences, and model load time.
//!
//! `cargo bench -p syntax` (reads ../shared/corpus/news_wikinews_toscadata/articles.jsonl; skips if absent).

use std::sync::LazyLock;

use divan::counter::ItemsCount;
use divan::Bencher;

fn main() {
    divan::main();
}

/// Naive Penn-like split: whitespace, then peel punctuation and clitics; sentences end at . ! ?
fn split_sentences(text: &str) -> Vec<Vec<String>> {
    let mut sents = Vec::new();
    let mut cur: Vec<String> = Vec::new();
    for raw in text.split_whitespace() {
        let mut lead = Vec::new();
        let mut w = raw;
        while let Some(c) = w.chars().next().filter(|c| "\"'([{".contains(*c)) {
            lead.push(c.to_string());
            w = &w[c.len_utf8()..];
        }
        let mut trail = Vec::new();
        while let Some(c) = w.chars().last().filter(|c| ".,;:!?\"')]}".contains(*c)) {
            trail.push(c.to_string());
            w = &w[..w.len() - c.len_utf8()];
        }
        cur.extend(lead);
        if let Some(stem) = w.strip_suffix("n't") {
            cur.extend([stem.to_string(), "n't".to_string()]);
        } else if let Some(stem) = w.strip_suffix("'s") {
            cur.extend([stem.to_string(), "'s".to_string()]);
        } else if !w.is_empty() {
            cur.push(w.to_string());
        }
        for t in trail.into_iter().rev() {
            let end = t == "." || t == "!" || t == "?";
            cur.push(t);
            if end || cur.len() >= 80 {
                sents.push(std::mem::take(&mut cur));
            }
        }
    }
    if !cur.is_empty() {
        sents.push(cur);
    }
    sents.retain(|s| !s.iter().all(|w| w.is_empty()));
    sents
}

static SENTENCES: LazyLock<Vec<Vec<String>>> = LazyLock::new(|| {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/corpus/news_wikinews_toscadata/articles.jsonl"
    );
    let Ok(text) = std::fs::read_to_string(path) else {
        eprintln!("skipping: ../shared not found");
        return Vec::new();
    };
    let mut out = Vec::new();
    for line in text.lines().take(150) {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        if let Some(t) = v.get("text").and_then(|t| t.as_str()) {
            out.extend(split_sentences(t));
        }
    }
    out
});

#[divan::bench(sample_count = 10, sample_size = 1)]
fn tag_and_parse_wikinews(bencher: Bencher) {
    let model = syntax::Model::english();
    let sents: Vec<Vec<&str>> = SENTENCES
        .iter()
        .map(|s| s.iter().map(String::as_str).collect())
        .collect();
    let tokens: usize = sents.iter().map(Vec::len).sum();
    if tokens == 0 {
        return;
    }
    bencher.counter(ItemsCount::new(tokens)).bench(|| {
        let mut heads = 0usize;
        for s in &sents {
            let a = model.analyze(divan::black_box(s));
            assert_eq!(a.words.len(), s.len());
            heads += a.words.iter().filter(|w| w.head == 0).count();
        }
        assert!(heads >= sents.len());
        heads
    });
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn load_model() -> syntax::Model {
    let (t, p) = syntax::embedded_model_bytes();
    syntax::Model::from_bytes(t, p).expect("embedded model loads")
}
