//! Integration tests of the analyses: deduplication measured on a hand-labelled
//! set of real event mentions.

use std::collections::BTreeSet;

use relations::dedup::{cluster_labels, score_clusters, ActorLevel, CodeLevel};
use relations::{deduplicate, ActorRef, DedupOptions, EventRecord};
use serde_json::Value;

const GOLD: &str = include_str!("../data/dedup_gold/mentions.jsonl");

fn actor(v: &Value) -> Option<ActorRef> {
    let code = v.get("code")?.as_str()?;
    Some(ActorRef::new(
        code,
        v.get("country").and_then(Value::as_str),
    ))
}

fn gold_set() -> (Vec<EventRecord>, Vec<String>) {
    let mut recs = Vec::new();
    let mut gold = Vec::new();
    for (n, line) in GOLD.lines().enumerate() {
        let v: Value = serde_json::from_str(line).unwrap_or_else(|e| panic!("line {}: {e}", n + 1));
        let s = |k: &str| {
            v[k].as_str()
                .unwrap_or_else(|| panic!("line {}: {k}", n + 1))
        };
        recs.push(EventRecord {
            id: v["id"].as_i64().expect("id"),
            doc_id: s("doc_id").to_owned(),
            publisher: v["publisher"].as_str().map(str::to_owned),
            date: chrono::NaiveDate::parse_from_str(s("date"), "%Y-%m-%d").ok(),
            source: actor(&v["source"]),
            target: actor(&v["target"]),
            code: cameo::CameoCode::parse(s("cameo")).expect("cameo code"),
        });
        gold.push(s("gold").to_owned());
    }
    (recs, gold)
}

#[test]
fn dedup_scores_on_the_gold_set() {
    let (recs, gold) = gold_set();
    assert_eq!(recs.len(), 24);
    let gold_clusters: BTreeSet<&String> = gold.iter().collect();
    println!(
        "{} mentions, {} gold events",
        recs.len(),
        gold_clusters.len()
    );
    println!("window actor code    clusters  pair-P pair-R pair-F1  B3-P  B3-R  B3-F1");
    let mut default_f1 = 0.0;
    for window in [0, 1, 3, 7] {
        for (al, cl) in [
            (ActorLevel::Country, CodeLevel::Root),
            (ActorLevel::Country, CodeLevel::Full),
            (ActorLevel::Code, CodeLevel::Root),
        ] {
            let opts = DedupOptions {
                window_days: window,
                actor_level: al,
                code_level: cl,
            };
            let events = deduplicate(&recs, &opts);
            let s = score_clusters(&cluster_labels(&recs, &events), &gold);
            println!(
                "{window:>6} {:<7} {:<5} {:>8} {:>7.3} {:>6.3} {:>7.3} {:>5.3} {:>5.3} {:>6.3}",
                format!("{al:?}"),
                format!("{cl:?}"),
                events.len(),
                s.pairwise_precision,
                s.pairwise_recall,
                s.pairwise_f1,
                s.bcubed_precision,
                s.bcubed_recall,
                s.bcubed_f1
            );
            if opts == DedupOptions::default() {
                default_f1 = s.bcubed_f1;
            }
        }
    }
    // Floor: the default options' B-cubed F1 measured when this test was
    // written (see RESULTS.md), less a small margin.
    assert!(
        default_f1 >= 0.85,
        "B-cubed F1 {default_f1} fell below its floor"
    );
}
