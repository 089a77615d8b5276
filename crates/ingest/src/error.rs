//! Why an input or one of its documents could not be read.

use model::Diagnostic;

/// A problem with one input or one document in it; the batch goes on.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    #[error("cannot read input: {0}")]
    Io(#[from] std::io::Error),
    #[error("not valid UTF-8 (first bad byte at offset {0})")]
    NotUtf8(usize),
    #[error("binary content, not text")]
    Binary,
    #[error("empty input")]
    Empty,
    #[error("invalid json: {0}")]
    Json(String),
    #[error("json line is not an object")]
    NotObject,
    #[error("missing or empty \"text\" field")]
    MissingText,
    #[error("document is {size} bytes, over the limit of {limit}")]
    TooLarge { size: usize, limit: usize },
    #[error("line is over the limit of {limit} bytes")]
    LineTooLong { limit: usize },
    #[error("no article text found in html")]
    NoHtmlText,
    #[error("invalid warc: {0}")]
    Warc(String),
    #[error("invalid feed: {0}")]
    Feed(String),
}

impl IngestError {
    /// The diagnostic for this error in `input` at a 1-based line or record.
    pub fn at(&self, input: &str, line: Option<u64>) -> Diagnostic {
        Diagnostic {
            input: input.to_string(),
            line,
            message: self.to_string(),
        }
    }
}
