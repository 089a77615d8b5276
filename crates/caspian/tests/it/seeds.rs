//! The two seed articles (in ../shared/seeds, copyrighted: read, never copied):
//! the events they report are found; reader comments and recommendations are not coded.

use crate::{caspian, json_lines, shared};

fn coded_seeds() -> Option<Vec<serde_json::Value>> {
    let seeds = shared()?.join("seeds");
    let out = caspian(&["code", "--format", "jsonl", seeds.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(json_lines(&out))
}

fn country(e: &serde_json::Value, role: &str) -> String {
    e[role]["country"].as_str().unwrap_or("").to_string()
}

#[test]
fn azerbaijan_arrests_iranian_agents() {
    let Some(events) = coded_seeds() else { return };
    let arrests: Vec<&serde_json::Value> = events
        .iter()
        .filter(|e| {
            e["root"] == "17" && country(e, "source") == "AZE" && country(e, "target") == "IRN"
        })
        .collect();
    assert!(!arrests.is_empty(), "no AZE->IRN arrest among {events:#?}");
}

#[test]
fn reader_comments_and_recommendations_are_not_coded() {
    let Some(events) = coded_seeds() else { return };
    for e in &events {
        let s = e["sentence"].as_str().unwrap();
        for comment_words in [
            "annex",
            "Saddam",
            "Ahmadinejad",
            "Mossad and CIA agents",
            "invador",
            "bad neighbour",
        ] {
            assert!(!s.contains(comment_words), "coded a reader comment: {s}");
        }
        assert!(
            !s.contains("should boost cooperation"),
            "coded a recommendation: {s}"
        );
    }
}

#[test]
fn the_page_date_is_the_publication_date() {
    let Some(events) = coded_seeds() else { return };
    let dated_2023: Vec<_> = events
        .iter()
        .filter(|e| e["doc_id"].as_str().unwrap().contains("002_"))
        .filter(|e| {
            e["date"].as_str().is_some_and(|d| {
                d.starts_with("2023") || d.starts_with("2022") || d.starts_with("2020")
            })
        })
        .collect();
    assert!(
        !dated_2023.is_empty(),
        "seed 002 events carry no 2020-2023 dates"
    );
}
