//! Golden tests of sentence splitting and tokenisation.

use std::fmt::Write;

use model::Span;

use crate::fixture;

fn render_sentences(text: &str) -> String {
    let mut out = String::new();
    for sentence in text::segment(text) {
        // Spans must slice the original text on character boundaries.
        let s = sentence.text(text);
        writeln!(
            out,
            "{:>3} [{}..{}] {}",
            sentence.index,
            sentence.span.start,
            sentence.span.end,
            s.replace('\n', "⏎")
        )
        .unwrap();
    }
    out
}

#[test]
fn sentence_splitting_golden() {
    let text = fixture("sentences.txt");
    insta::assert_snapshot!(render_sentences(&text));
}

#[test]
fn tokenisation_golden() {
    let text = fixture("tokens.txt");
    let mut out = String::new();
    for line_span in text::split_sentences(&text) {
        let tokens = text::tokenize(&text, line_span);
        let words: Vec<String> = tokens
            .iter()
            .map(|t| format!("{}/{:?}", t.span.slice(&text), t.kind))
            .collect();
        writeln!(out, "{}", words.join(" ")).unwrap();
    }
    insta::assert_snapshot!(out);
}

#[test]
fn tokens_cover_only_non_space_text() {
    let text = fixture("sentences.txt");
    for sentence in text::segment(&text) {
        let mut last = sentence.span.start;
        for token in &sentence.tokens {
            assert!(token.span.start >= last, "tokens overlap or go backwards");
            assert!(
                text[last..token.span.start].trim().is_empty(),
                "text skipped: {:?}",
                &text[last..token.span.start]
            );
            assert!(sentence.span.contains(token.span));
            last = token.span.end;
        }
    }
}

#[test]
fn tokenize_respects_span() {
    let text = "Before. Iran’s envoy left. After.";
    let span = Span::new(8, text.find(" After").unwrap());
    let words: Vec<&str> = text::tokenize(text, span)
        .iter()
        .map(|t| t.span.slice(text))
        .collect();
    assert_eq!(words, vec!["Iran", "’s", "envoy", "left", "."]);
}
