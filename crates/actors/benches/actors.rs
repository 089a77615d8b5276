//! Benchmarks: dictionary load time, its memory, and mentions/s over Wikinews.
//!
//! Run: `cargo bench -p actors` (needs ../shared for the corpus; the load
//! benchmark runs without it). Set `CASPIAN_BENCH_DOCS` to change the number of
//! articles (default 1000).

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::LazyLock;

use actors::ActorDictionary;
use divan::counter::{BytesCount, ItemsCount};
use model::{NaiveDate, Sentence, Span};

/// Counts live heap bytes so the dictionary's footprint can be reported.
struct Counting;
static LIVE: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE.fetch_add(layout.size(), Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

struct Doc {
    text: String,
    date: Option<NaiveDate>,
    sentences: Vec<Sentence>,
}

/// Naive sentence split on ". " / "! " / "? " (the text crate does this properly).
fn split(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut start = 0;
    let b = text.as_bytes();
    for i in 0..b.len() {
        if matches!(b[i], b'.' | b'!' | b'?') && b.get(i + 1) == Some(&b' ') {
            out.push(Sentence {
                index: out.len(),
                span: Span::new(start, i + 1),
                tokens: Vec::new(),
            });
            start = i + 2;
        }
    }
    if start < b.len() {
        out.push(Sentence {
            index: out.len(),
            span: Span::new(start, b.len()),
            tokens: Vec::new(),
        });
    }
    out
}

static DOCS: LazyLock<Vec<Doc>> = LazyLock::new(|| {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/corpus/news_wikinews_toscadata/articles.jsonl"
    );
    let n: usize = std::env::var("CASPIAN_BENCH_DOCS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000);
    let Ok(text) = std::fs::read_to_string(path) else {
        eprintln!("skipping corpus benchmark: ../shared not found");
        return Vec::new();
    };
    text.lines()
        .take(n)
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .map(|v| {
            let text = v["text"].as_str().unwrap_or_default().to_string();
            let date = v["date"]
                .as_str()
                .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
            let sentences = split(&text);
            Doc {
                text,
                date,
                sentences,
            }
        })
        .collect()
});

fn main() {
    let before = LIVE.load(Ordering::Relaxed);
    let t = std::time::Instant::now();
    let dict = ActorDictionary::builder().with_bundled().build();
    let load = t.elapsed();
    let bytes = LIVE.load(Ordering::Relaxed) - before;
    let (a, g, d) = dict.stats();
    println!("dictionary: {a} actor phrases, {g} agent phrases, {d} discards; load {load:.2?}; heap {:.1} MiB", bytes as f64 / 1048576.0);
    let docs = &*DOCS;
    let total: usize = docs
        .iter()
        .map(|d| dict.find_mentions(&d.text, &d.sentences, d.date).len())
        .sum();
    let bytes_total: usize = docs.iter().map(|d| d.text.len()).sum();
    println!(
        "corpus: {} articles, {:.1} MB, {total} mentions",
        docs.len(),
        bytes_total as f64 / 1e6
    );
    drop(dict);
    divan::main();
}

#[divan::bench(sample_count = 10)]
fn load_bundled() -> ActorDictionary {
    ActorDictionary::builder().with_bundled().build()
}

#[divan::bench(sample_count = 10)]
fn mentions_wikinews(bencher: divan::Bencher) {
    let dict = ActorDictionary::bundled();
    let docs = &*DOCS;
    let total: usize = docs
        .iter()
        .map(|d| dict.find_mentions(&d.text, &d.sentences, d.date).len())
        .sum();
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    bencher
        .counter(ItemsCount::new(total))
        .counter(BytesCount::new(bytes))
        .bench(|| {
            let n: usize = docs
                .iter()
                .map(|d| dict.find_mentions(&d.text, &d.sentences, d.date).len())
                .sum();
            assert_eq!(n, total);
            n
        });
}
