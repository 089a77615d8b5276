//! WARC files (plain or gzip-compressed): HTML response and resource records.

use std::io::{BufRead, Read};

use crate::error::IngestError;

/// One WARC record: its 1-based number, headers and content block.
pub(crate) struct WarcRecord {
    pub number: u64,
    pub headers: Vec<(String, String)>,
    pub block: Vec<u8>,
}

impl WarcRecord {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The HTML payload of a response or resource record, if it carries one.
    pub fn html_payload(&self) -> Option<&[u8]> {
        let kind = self.header("WARC-Type").unwrap_or("");
        match kind.to_ascii_lowercase().as_str() {
            "response" => {
                let block = &self.block;
                let split = block
                    .windows(4)
                    .position(|w| w == b"\r\n\r\n")
                    .map(|i| (i, 4))
                    .or_else(|| block.windows(2).position(|w| w == b"\n\n").map(|i| (i, 2)))?;
                let head = String::from_utf8_lossy(&block[..split.0]).to_ascii_lowercase();
                let body = &block[split.0 + split.1..];
                let content_type = head.lines().find_map(|l| l.strip_prefix("content-type:"));
                let is_html = match content_type {
                    Some(ct) => ct.contains("html"),
                    None => sniff_html(body),
                };
                is_html.then_some(body)
            }
            "resource" => {
                let ct = self.header("Content-Type").unwrap_or("");
                (ct.contains("html") || sniff_html(&self.block)).then_some(self.block.as_slice())
            }
            _ => None,
        }
    }
}

fn sniff_html(body: &[u8]) -> bool {
    let head: Vec<u8> = body.iter().take(512).map(u8::to_ascii_lowercase).collect();
    head.windows(5).any(|w| w == b"<html") || head.windows(9).any(|w| w == b"<!doctype")
}

/// Reads records one by one; stops after the first structural error.
pub(crate) struct WarcReader<R> {
    reader: R,
    number: u64,
    done: bool,
    limit: usize,
}

impl<R: BufRead> WarcReader<R> {
    pub fn new(reader: R, limit: usize) -> Self {
        Self {
            reader,
            number: 0,
            done: false,
            limit,
        }
    }

    fn read_line(&mut self) -> Result<Option<String>, IngestError> {
        let mut line = Vec::new();
        let n = (&mut self.reader)
            .take(64 * 1024)
            .read_until(b'\n', &mut line)?;
        if n == 0 {
            return Ok(None);
        }
        if !line.ends_with(b"\n") && n >= 64 * 1024 {
            return Err(IngestError::Warc("header line too long".into()));
        }
        Ok(Some(String::from_utf8_lossy(&line).trim_end().to_string()))
    }

    fn next_record(&mut self) -> Result<Option<WarcRecord>, IngestError> {
        // Records are separated by blank lines.
        let version = loop {
            match self.read_line()? {
                None => return Ok(None),
                Some(l) if l.is_empty() => continue,
                Some(l) => break l,
            }
        };
        self.number += 1;
        if !version.starts_with("WARC/") {
            return Err(IngestError::Warc(format!(
                "expected a WARC/ version line, found {:?}",
                truncate(&version)
            )));
        }
        let mut headers = Vec::new();
        loop {
            match self.read_line()? {
                None => return Err(IngestError::Warc("truncated record headers".into())),
                Some(l) if l.is_empty() => break,
                Some(l) => {
                    if let Some((k, v)) = l.split_once(':') {
                        headers.push((k.trim().to_string(), v.trim().to_string()));
                    }
                }
            }
        }
        let length: usize = headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case("Content-Length"))
            .and_then(|(_, v)| v.parse().ok())
            .ok_or_else(|| IngestError::Warc("missing or invalid Content-Length".into()))?;
        if length > self.limit {
            let skipped = std::io::copy(
                &mut (&mut self.reader).take(length as u64),
                &mut std::io::sink(),
            )?;
            if (skipped as usize) < length {
                return Err(IngestError::Warc("truncated record".into()));
            }
            return Err(IngestError::TooLarge {
                size: length,
                limit: self.limit,
            });
        }
        let mut block = Vec::with_capacity(length);
        let read = (&mut self.reader)
            .take(length as u64)
            .read_to_end(&mut block)?;
        if read < length {
            return Err(IngestError::Warc(format!(
                "truncated record: {read} of {length} bytes"
            )));
        }
        Ok(Some(WarcRecord {
            number: self.number,
            headers,
            block,
        }))
    }
}

fn truncate(s: &str) -> &str {
    let mut end = s.len().min(40);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

impl<R: BufRead> Iterator for WarcReader<R> {
    /// A record, or an error with the number of the record it concerns.
    type Item = Result<WarcRecord, (u64, IngestError)>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        match self.next_record() {
            Ok(Some(r)) => Some(Ok(r)),
            Ok(None) => {
                self.done = true;
                None
            }
            Err(e) => {
                // Over-size records were skipped whole, so reading can go on.
                if !matches!(e, IngestError::TooLarge { .. }) {
                    self.done = true;
                }
                Some(Err((self.number.max(1), e)))
            }
        }
    }
}
