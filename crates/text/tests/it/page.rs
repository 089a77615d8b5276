//! clean_plain_page on a fixture page and, when present, the real seeds.

use model::NaiveDate;

use crate::{fixture, shared_dir};

#[test]
fn fixture_page_parts() {
    let page = text::clean_plain_page(&fixture("page.txt"));
    assert_eq!(
        page.title.as_deref(),
        Some("Pipeline Talks Stall Between Baku and Ankara")
    );
    assert_eq!(page.author.as_deref(), Some("Jane Example"));
    insta::assert_snapshot!("page_body", page.body);
    insta::assert_debug_snapshot!("page_comments", page.comments);
    assert_eq!(page.comments.len(), 3);
}

#[test]
fn seeds() {
    let Some(shared) = shared_dir() else {
        eprintln!("skipping: ../shared not found");
        return;
    };
    let seeds = shared.join("seeds");
    let mut files: Vec<_> = std::fs::read_dir(&seeds)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let read = |prefix: &str| {
        let path = files
            .iter()
            .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
            .unwrap();
        std::fs::read_to_string(path).unwrap()
    };

    let page = text::clean_plain_page(&read("000_"));
    assert!(page
        .body
        .contains("Azerbaijani counterintelligence services arrested Iranian agents"));
    for junk in [
        "Mason says",
        "we will annex",
        "Comments are subject to approval",
        "Get Heritage In Your Inbox",
        "Resize",
        "I Agree",
        "Posted in",
    ] {
        assert!(!page.body.contains(junk), "body contains {junk:?}");
    }
    assert!(page.body.contains("long-term friend of the U.S."));
    assert!(page.comments.len() >= 5, "{:?}", page.comments);
    assert!(page
        .comments
        .iter()
        .all(|c| !c.contains("Comments are subject to approval")));
    assert_eq!(
        page.title.as_deref(),
        Some("Iran’s Clandestine Operations Threaten Azerbaijan")
    );

    let page = text::clean_plain_page(&read("002_"));
    assert_eq!(page.date, NaiveDate::from_ymd_opt(2023, 2, 6));
    assert!(
        page.body.contains("On January 11, Azerbaijan appointed"),
        "{}",
        &page.body[..300.min(page.body.len())]
    );
    assert!(page.body.contains("Israel-Azerbaijan: Win-win"));
    assert!(!page.body.contains("FEB 6, 2023"));
    assert_eq!(
        page.title.as_deref(),
        Some("Warming Israel-Azerbaijan ties and the Iranian ire they stoke")
    );
    assert!(page.comments.is_empty());
}

#[test]
fn wikinews_articles_pass_through() {
    let Some(shared) = shared_dir() else {
        eprintln!("skipping: ../shared not found");
        return;
    };
    let path = shared.join("corpus/news_wikinews_toscadata/articles.jsonl");
    let Ok(data) = std::fs::read_to_string(path) else {
        eprintln!("skipping: wikinews corpus not found");
        return;
    };
    let mut changed = 0;
    let mut total = 0;
    for line in data.lines().take(300) {
        let Some(start) = line.find("\"text\": \"") else {
            continue;
        };
        // Only the first articles' raw text matters here; unescaping is not needed
        // because they contain no newlines.
        let rest = &line[start + 9..];
        let Some(end) = rest.find("\", \"") else {
            continue;
        };
        let body = &rest[..end];
        total += 1;
        if text::clean_plain_page(body).body != body.trim() {
            changed += 1;
        }
    }
    assert!(total > 100);
    assert!(
        changed * 50 <= total,
        "{changed} of {total} plain articles changed"
    );
}
