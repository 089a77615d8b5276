//! JSON Lines: one document per line, `{"id","text","title"?,"date"?,"url"?,"source"?}`.

use std::io::BufRead;

use model::{Document, NaiveDate};
use serde_json::Value;

use crate::error::IngestError;

/// Parses one JSONL line into a document; `fallback_id` is used without an `id`.
pub(crate) fn parse_line(line: &[u8], fallback_id: String) -> Result<Document, IngestError> {
    let line = crate::decode::utf8(line)?;
    let value: Value = serde_json::from_str(line).map_err(|e| IngestError::Json(e.to_string()))?;
    let Value::Object(map) = value else {
        return Err(IngestError::NotObject);
    };
    let string = |key: &str| {
        map.get(key)
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };
    // An empty text is a document with nothing to code, not a malformed line
    // (corpora carry such records); a missing or non-string text is malformed.
    let text = match map.get("text") {
        Some(Value::String(s)) => s.trim().to_string(),
        _ => return Err(IngestError::MissingText),
    };
    let id = match map.get("id") {
        Some(Value::String(s)) if !s.trim().is_empty() => s.trim().to_string(),
        Some(Value::Number(n)) => n.to_string(),
        _ => fallback_id,
    };
    let comments = map
        .get("comments")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default();
    Ok(Document {
        id,
        title: string("title"),
        url: string("url"),
        source: string("source"),
        author: string("author"),
        date: string("date").as_deref().and_then(parse_date),
        text,
        comments,
    })
}

/// "YYYY-MM-DD", "YYYYMMDD", or an RFC 3339 time stamp's date.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if s.len() == 8 && s.bytes().all(|b| b.is_ascii_digit()) {
        return NaiveDate::parse_from_str(s, "%Y%m%d").ok();
    }
    NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d").ok()
}

/// Reads one line of at most `limit` bytes (without the newline) into `buf`.
/// Returns `None` at the end, `Some(false)` when the line was over the limit
/// (its bytes are skipped and `buf` is left empty).
pub(crate) fn read_line_bounded(
    reader: &mut impl BufRead,
    buf: &mut Vec<u8>,
    limit: usize,
) -> std::io::Result<Option<bool>> {
    buf.clear();
    let mut seen_any = false;
    let mut too_long = false;
    loop {
        let available = reader.fill_buf()?;
        if available.is_empty() {
            return Ok(seen_any.then_some(!too_long));
        }
        seen_any = true;
        let (chunk, found) = match available.iter().position(|&b| b == b'\n') {
            Some(i) => (&available[..i], Some(i + 1)),
            None => (available, None),
        };
        if !too_long {
            if buf.len() + chunk.len() > limit {
                too_long = true;
                buf.clear();
            } else {
                buf.extend_from_slice(chunk);
            }
        }
        let used = found.unwrap_or(available.len());
        reader.consume(used);
        if found.is_some() {
            if buf.ends_with(b"\r") {
                buf.pop();
            }
            return Ok(Some(!too_long));
        }
    }
}

/// Streams the documents of a JSONL input.
pub(crate) struct JsonlSource<R> {
    pub name: String,
    pub reader: R,
    pub line: u64,
    pub limit: usize,
    pub buf: Vec<u8>,
    pub done: bool,
}

impl<R: BufRead> Iterator for JsonlSource<R> {
    type Item = Result<Document, model::Diagnostic>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        loop {
            self.line += 1;
            let fits = match read_line_bounded(&mut self.reader, &mut self.buf, self.limit) {
                Ok(None) => return None,
                Ok(Some(fits)) => fits,
                Err(e) => {
                    let d = IngestError::Io(e).at(&self.name, Some(self.line));
                    // An IO error mid-file ends this input.
                    self.done = true;
                    return Some(Err(d));
                }
            };
            if !fits {
                return Some(Err(
                    IngestError::LineTooLong { limit: self.limit }.at(&self.name, Some(self.line))
                ));
            }
            if self.buf.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let fallback = format!("{}:{}", self.name, self.line);
            return Some(
                parse_line(&self.buf, fallback).map_err(|e| e.at(&self.name, Some(self.line))),
            );
        }
    }
}
