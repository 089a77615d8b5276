//! Test helpers: a naive sentence splitter and tokenizer, and the shared dir.

use std::path::PathBuf;

use model::{Sentence, Span, Token, TokenKind};

pub fn shared() -> Option<PathBuf> {
    let p = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared"));
    if p.is_dir() {
        Some(p)
    } else {
        eprintln!("skipping: ../shared not found");
        None
    }
}

/// Splits on `.`, `!`, `?` followed by whitespace, and on blank lines.
pub fn sentences(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    let push = |s: usize, e: usize, out: &mut Vec<Sentence>| {
        let seg = &text[s..e];
        let lead = seg.len() - seg.trim_start().len();
        let (s, e) = (s + lead, s + seg.trim_end().len());
        if s < e {
            let tokens = tokens(text, Span::new(s, e));
            out.push(Sentence {
                index: out.len(),
                span: Span::new(s, e),
                tokens,
            });
        }
    };
    while i < bytes.len() {
        let c = bytes[i];
        let end_punct = matches!(c, b'.' | b'!' | b'?')
            && bytes.get(i + 1).is_none_or(|b| b.is_ascii_whitespace());
        let blank = c == b'\n' && bytes.get(i + 1) == Some(&b'\n');
        // Do not split after single capitals or common abbreviations ("J.", "U.S.").
        let abbrev = c == b'.' && i >= 2 && (bytes[i - 2] == b' ' || bytes[i - 2] == b'.');
        if (end_punct && !abbrev) || blank {
            push(start, i + 1, &mut out);
            start = i + 1;
        }
        i += 1;
    }
    push(start, text.len(), &mut out);
    out
}

fn tokens(text: &str, span: Span) -> Vec<Token> {
    let mut out = Vec::new();
    let s = &text[span.start..span.end];
    let mut cur: Option<usize> = None;
    for (i, c) in s.char_indices() {
        if c.is_alphanumeric() {
            cur.get_or_insert(i);
        } else {
            if let Some(b) = cur.take() {
                out.push(Token {
                    span: Span::new(span.start + b, span.start + i),
                    kind: TokenKind::Word,
                });
            }
            if !c.is_whitespace() {
                out.push(Token {
                    span: Span::new(span.start + i, span.start + i + c.len_utf8()),
                    kind: TokenKind::Punct,
                });
            }
        }
    }
    if let Some(b) = cur {
        out.push(Token {
            span: Span::new(span.start + b, span.end),
            kind: TokenKind::Word,
        });
    }
    out
}

/// (mention text, code, resolution initial) for a whole text.
pub fn mentions(
    dict: &actors::ActorDictionary,
    text: &str,
    date: Option<model::NaiveDate>,
) -> Vec<String> {
    let sents = sentences(text);
    dict.find_mentions(text, &sents, date)
        .into_iter()
        .map(|m| {
            let r = match m.resolution {
                model::Resolution::Dictionary => "dict",
                model::Resolution::Composed => "composed",
                model::Resolution::Coreference => "coref",
            };
            format!("{} | {} | {}", m.span.slice(text), m.actor.code, r)
        })
        .collect()
}
