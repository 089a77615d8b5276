//! Store benchmarks: dyad-series query latency on a large synthetic database
//! and ingest throughput. Run with `cargo bench -p store`;
//! `CASPIAN_BENCH_EVENTS` sets the database size (default 1,000,000 events).
//!
//! A custom harness because the numbers wanted are latency percentiles;
//! every measured call checks its result so nothing is optimised away.

use std::time::{Duration, Instant};

use relations::{dyad_series, Interval};
use store::synthetic::{document, Rng, COUNTRIES};
use store::{CodedDocument, EventFilter, Store, Versions};

const EVENTS_PER_DOC: usize = 10;

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i].as_secs_f64() * 1000.0
}

fn main() {
    let target: usize = std::env::var("CASPIAN_BENCH_EVENTS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1_000_000);
    let dir = tempfile::tempdir().expect("temp dir");
    let versions = Versions {
        coder: "bench".into(),
        dictionaries: "bench".into(),
    };

    // Build: documents of ten events, 2,000 documents per transaction.
    let path = dir.path().join("bench.db");
    let mut s = Store::open(&path).expect("open");
    let docs = target / EVENTS_PER_DOC;
    let t = Instant::now();
    let mut n = 0u64;
    while (n as usize) < docs {
        let chunk: Vec<_> = (n..(n + 2000).min(docs as u64))
            .map(|k| document(1, k, EVENTS_PER_DOC))
            .collect();
        let refs: Vec<CodedDocument<'_>> = chunk
            .iter()
            .map(|c| CodedDocument {
                doc: &c.doc,
                mentions: &c.mentions,
                events: &c.events,
                sentences: &c.sentences,
            })
            .collect();
        s.ingest_batch(&refs, &versions).expect("ingest");
        n += chunk.len() as u64;
    }
    let build = t.elapsed();
    let stats = s.stats().expect("stats");
    assert_eq!(stats.events as usize, docs * EVENTS_PER_DOC);
    println!(
        "build: {} documents, {} events in {:.1} s ({:.0} events/s, batched)",
        stats.documents,
        stats.events,
        build.as_secs_f64(),
        stats.events as f64 / build.as_secs_f64()
    );

    // Dyad series: read the dyad's records through the index, bucket by month.
    let mut rng = Rng::new(9);
    let mut times = Vec::new();
    let mut total_events = 0usize;
    for _ in 0..200 {
        let a = COUNTRIES[rng.below(COUNTRIES.len())].0;
        let b = COUNTRIES[(COUNTRIES.iter().position(|c| c.0 == a).unwrap_or(0)
            + 1
            + rng.below(COUNTRIES.len() - 1))
            % COUNTRIES.len()]
        .0;
        let t = Instant::now();
        let recs = s
            .records(&EventFilter {
                dyad: Some((a.into(), b.into())),
                ..Default::default()
            })
            .expect("query");
        let series = dyad_series(&recs, a, b, Interval::Month, false);
        times.push(t.elapsed());
        let counted: u64 = series.iter().map(|b| b.tally.events).sum();
        assert_eq!(counted as usize, recs.len());
        assert!(!recs.is_empty());
        total_events += recs.len();
    }
    times.sort();
    println!(
        "dyad series (month, both directions, {} events per dyad on average): p50 {:.1} ms, p99 {:.1} ms",
        total_events / times.len(),
        percentile(&times, 0.5),
        percentile(&times, 0.99)
    );

    // Ingest: one transaction per document, as `caspian ingest` writes.
    let path = dir.path().join("ingest.db");
    let mut s = Store::open(&path).expect("open");
    let docs: Vec<_> = (0..5000).map(|k| document(2, k, 5)).collect();
    let t = Instant::now();
    for c in &docs {
        s.ingest(&c.doc, &c.mentions, &c.events, &c.sentences, &versions)
            .expect("ingest");
    }
    let el = t.elapsed().as_secs_f64();
    assert_eq!(s.stats().expect("stats").documents, 5000);
    println!(
        "ingest: 5000 synthetic documents (5 events, ~{} bytes each), one transaction each: {:.0} docs/s",
        docs[0].doc.text.len(),
        5000.0 / el
    );
}
