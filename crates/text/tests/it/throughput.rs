//! Throughput of segment() on the Wikinews corpus; run with
//! `cargo test -p text --release -- --ignored --nocapture throughput`.

use crate::shared_dir;

#[test]
#[ignore = "benchmark: run in release with --ignored"]
fn segment_throughput() {
    let Some(shared) = shared_dir() else {
        eprintln!("skipping: ../shared not found");
        return;
    };
    let data =
        std::fs::read_to_string(shared.join("corpus/news_wikinews_toscadata/articles.jsonl"))
            .unwrap();
    let start = std::time::Instant::now();
    let mut sentences = 0;
    let mut tokens = 0;
    for _ in 0..3 {
        let out = text::segment(&data);
        sentences += out.len();
        tokens += out.iter().map(|s| s.tokens.len()).sum::<usize>();
    }
    let secs = start.elapsed().as_secs_f64();
    assert!(tokens > sentences);
    eprintln!(
        "segment: {:.1} MB/s ({} bytes x3, {} sentences, {} tokens, {:.2}s)",
        3.0 * data.len() as f64 / secs / 1e6,
        data.len(),
        sentences / 3,
        tokens / 3,
        secs
    );
}
