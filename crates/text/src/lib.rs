//! Caspian's sans-IO text stage: plain-page cleanup, sentence splitting,
//! tokenisation and date expressions. Every span is a byte offset into the
//! text the caller passed in.

pub mod dates;
mod lexicon;
mod page;
mod sentences;
mod tokens;

use model::Sentence;

pub use page::{clean_plain_page, CleanPage};
pub use sentences::split_sentences;
pub use tokens::tokenize;

/// Splits `text` into sentences and tokenizes each; `index` is the position.
pub fn segment(text: &str) -> Vec<Sentence> {
    split_sentences(text)
        .into_iter()
        .enumerate()
        .map(|(index, span)| Sentence {
            index,
            span,
            tokens: tokenize(text, span),
        })
        .collect()
}
