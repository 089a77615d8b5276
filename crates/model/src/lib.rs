//! Domain types shared by every stage of the Caspian pipeline.
//!
//! These are internal types: they are deliberately not `Serialize`. The wire
//! formats (JSONL, CSV, HTTP) live in their own types at the edges (the CLI,
//! the store, the server) with explicit conversions, so the internals can change
//! without breaking users.
//!
//! Offsets are byte offsets into [`Document::text`] unless a field says
//! otherwise, and no stage rewrites them.

use std::fmt;

pub use cameo;
pub use chrono::NaiveDate;

/// A half-open byte range `[start, end)` into a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        Self { start, end }
    }
    pub const fn len(self) -> usize {
        self.end - self.start
    }
    pub const fn is_empty(self) -> bool {
        self.end <= self.start
    }
    /// The text this span covers. Panics if the span is out of bounds or not on
    /// character boundaries, which would be a bug in the stage that made it.
    pub fn slice(self, text: &str) -> &str {
        &text[self.start..self.end]
    }
    pub fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
    pub fn overlaps(self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
    /// This span made relative to `base` (for example an actor span relative to
    /// its sentence).
    pub fn relative_to(self, base: Span) -> Span {
        Span::new(self.start - base.start, self.end - base.start)
    }
}

/// Which part of a page a piece of text belongs to. Only the article body is
/// coded as the publisher's own reporting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Region {
    /// The article itself (title, standfirst, body).
    Body,
    /// Reader comments under the article.
    Comment,
    /// Navigation, newsletter boxes, polls, moderation notices, bylines.
    Boilerplate,
}

/// A document as the pipeline sees it: already decoded, with the main text
/// extracted. `text` is what every span points into.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Document {
    /// Stable identifier: the JSONL `id`, else the file path (plus line or record).
    pub id: String,
    pub title: Option<String>,
    pub url: Option<String>,
    /// Publisher or feed name.
    pub source: Option<String>,
    pub author: Option<String>,
    /// Publication date, if known.
    pub date: Option<NaiveDate>,
    /// The article's main text (title excluded) that is coded.
    pub text: String,
    /// Reader comments kept apart from `text`; never coded as the article's events.
    pub comments: Vec<String>,
}

/// What kind of token this is; lets later stages skip punctuation cheaply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenKind {
    Word,
    Number,
    Punct,
    Symbol,
}

/// A token: a span of the document text. The token text is always
/// `span.slice(&doc.text)`; nothing is normalised in place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Token {
    pub span: Span,
    pub kind: TokenKind,
}

/// A sentence: its span in the document and its tokens (spans in the document).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub index: usize,
    pub span: Span,
    pub tokens: Vec<Token>,
}

impl Sentence {
    pub fn text<'a>(&self, doc_text: &'a str) -> &'a str {
        self.span.slice(doc_text)
    }
    /// The token strings, in order.
    pub fn words<'a>(&self, doc_text: &'a str) -> Vec<&'a str> {
        self.tokens.iter().map(|t| t.span.slice(doc_text)).collect()
    }
}

/// A CAMEO actor code such as `IRNSPY`, `AZEGOV`, `NATO` or `IGOUNO`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ActorCode(String);

impl ActorCode {
    /// Builds a code from its text; codes are upper-case ASCII letters/digits.
    pub fn new(code: impl Into<String>) -> Self {
        Self(code.into().to_ascii_uppercase())
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ActorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A resolved actor: its code and the pieces users filter on.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Actor {
    pub code: ActorCode,
    /// ISO 3166 alpha-3, or `None` for actors with no country (IGOs, NGOs).
    pub country: Option<String>,
    /// The first role (sector) code, e.g. `GOV`, `MIL`, `SPY`.
    pub sector: Option<String>,
}

/// One mention of an actor in the document.
#[derive(Debug, Clone, PartialEq)]
pub struct ActorMention {
    pub sentence_index: usize,
    /// The words that name the actor (byte offsets in the document text).
    pub span: Span,
    pub actor: Actor,
    /// How the mention was resolved: a dictionary phrase, a composition
    /// (country + agent), or coreference to an earlier mention.
    pub resolution: Resolution,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Resolution {
    Dictionary,
    Composed,
    Coreference,
}

/// A coded event: who did what to whom, with its evidence.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub sentence_index: usize,
    /// The evidence sentence's span in the document text.
    pub sentence_span: Span,
    pub source: Option<ActorMention>,
    pub target: Option<ActorMention>,
    pub code: cameo::CameoCode,
    /// The words that triggered the code (verb or nominal), if known.
    pub trigger: Option<Span>,
    /// The event's own date, when the text states one; else the document date.
    pub date: Option<NaiveDate>,
    /// Where it happened, when the text says.
    pub location: Option<Location>,
    /// 0..=1; higher means the coder is more sure.
    pub confidence: f32,
}

/// A place named as an event's location.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub name: String,
    /// ISO 3166 alpha-3 of the place's country, when known.
    pub country: Option<String>,
    pub span: Span,
}

/// A problem found while processing input that did not stop the batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The input it concerns (a path, `-`, or a document id).
    pub input: String,
    /// 1-based line or record number, when there is one.
    pub line: Option<u64>,
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.input, line, self.message),
            None => write!(f, "{}: {}", self.input, self.message),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn span_relative_and_slice() {
        let text = "Iran threatened Azerbaijan.";
        let sentence = Span::new(0, text.len());
        let actor = Span::new(16, 26);
        assert_eq!(actor.slice(text), "Azerbaijan");
        assert_eq!(actor.relative_to(sentence), actor);
        assert!(sentence.contains(actor));
        assert!(!actor.overlaps(Span::new(0, 4)));
    }

    #[test]
    fn diagnostic_names_input_and_line() {
        let d = Diagnostic {
            input: "a.jsonl".into(),
            line: Some(3),
            message: "invalid json".into(),
        };
        assert_eq!(d.to_string(), "a.jsonl:3: invalid json");
    }
}
