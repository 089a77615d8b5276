//! Invariants over real news text: no panics, spans on character boundaries,
//! tokens inside their sentence and in order, nothing but white space skipped.

use crate::shared_dir;

/// White space as the splitter sees it (zero-width spaces and BOMs included).
fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{200b}' || c == '\u{feff}'
}

fn check_text(text: &str) {
    let mut previous_end = 0;
    for sentence in text::segment(text) {
        assert!(sentence.span.start >= previous_end, "sentences overlap");
        assert!(!sentence.span.is_empty());
        let s = sentence.text(text);
        assert_eq!(s, s.trim_matches(is_space), "sentence not trimmed");
        previous_end = sentence.span.end;
        let mut last = sentence.span.start;
        for token in &sentence.tokens {
            assert!(token.span.start >= last && !token.span.is_empty());
            let gap = &text[last..token.span.start];
            assert!(gap.chars().all(is_space), "skipped {gap:?}");
            last = token.span.end;
            let _ = token.span.slice(text);
        }
        assert!(text[last..sentence.span.end].chars().all(is_space));
        for mention in text::dates::find_dates(s, model::NaiveDate::from_ymd_opt(2010, 6, 15)) {
            let _ = mention.span.slice(s);
        }
    }
    let page = text::clean_plain_page(text);
    let _ = text::segment(&page.body);
}

#[test]
fn corpus_invariants() {
    let Some(shared) = shared_dir() else {
        eprintln!("skipping: ../shared not found");
        return;
    };
    // The whole corpora with CASPIAN_SLOW_TESTS=1, else a sample of each.
    let limit = if std::env::var_os("CASPIAN_SLOW_TESTS").is_some() {
        usize::MAX
    } else {
        150
    };
    let mut checked = 0;
    for corpus in [
        "news_wikinews_toscadata",
        "news_bbc_2095",
        "news_guardian_ngec_sample",
    ] {
        let path = shared.join("corpus").join(corpus).join("articles.jsonl");
        let Ok(data) = std::fs::read_to_string(&path) else {
            eprintln!("skipping {corpus}: not found");
            continue;
        };
        for line in data.lines().take(limit) {
            let value: serde_json::Value = serde_json::from_str(line).unwrap();
            if let Some(text) = value["text"].as_str() {
                check_text(text);
                checked += 1;
            }
        }
    }
    assert!(checked > 0);
}

#[test]
fn tricky_strings_do_not_panic() {
    for text in [
        "",
        ".",
        "…",
        "U.S.",
        "“”",
        "a.\u{a0}B",
        "Mr.",
        "1.",
        "• ",
        "•\n•",
        "é.É",
        "x’",
        "’s",
        "n't",
        "don’t…",
        "$",
        "Iran’s.\n\n\n",
        "A.B.C. D",
        "...\nThe",
        "ü.Ü.ü",
        "2023-02-",
        "Feb. 30, 2023",
        "on February 29",
        "3 days ago",
        "last Friday",
        "\u{feff}Iran.",
        "e.g. The",
        "O’Neill’s",
    ] {
        check_text(text);
    }
}
