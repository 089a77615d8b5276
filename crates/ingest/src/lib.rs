//! Caspian's input stage: the only crate that reads input documents. Files,
//! directories (walked in sorted order) and stdin become [`model::Document`]s;
//! a bad document becomes a [`model::Diagnostic`] and reading goes on.
//!
//! Formats, by extension and then by content: plain text (`.txt`, cleaned
//! with [`text::clean_plain_page`]), HTML (`.html`, `.htm`; main text, title,
//! author and date through `trafilatura`, reader comments kept apart), JSON
//! Lines (`.jsonl`, `.ndjson`), WARC (`.warc`, `.warc.gz`) and RSS/Atom
//! (`.xml`, `.rss`, `.atom`).

mod decode;
mod error;
mod feed;
mod html;
mod jsonl;
mod warc;

use std::collections::VecDeque;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use model::{Diagnostic, Document, NaiveDate};

pub use error::IngestError;
pub use jsonl::parse_date;

/// One input named on the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Path(PathBuf),
    Stdin,
}

/// Limits and defaults for reading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadOptions {
    /// The date of documents whose input and text give none.
    pub default_date: Option<NaiveDate>,
    /// The largest document (a whole text or HTML file, a WARC record).
    pub max_document_bytes: usize,
    /// The longest JSONL line.
    pub max_line_bytes: usize,
}

impl Default for ReadOptions {
    fn default() -> Self {
        Self {
            default_date: None,
            max_document_bytes: 16 << 20,
            max_line_bytes: 16 << 20,
        }
    }
}

/// What an input holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Text,
    Html,
    Jsonl,
    Warc,
    Feed,
}

fn format_from_name(name: &str) -> Option<Format> {
    let lower = name.to_ascii_lowercase();
    if lower.ends_with(".warc.gz") || lower.ends_with(".warc") {
        return Some(Format::Warc);
    }
    let ext = Path::new(&lower).extension()?.to_str()?.to_string();
    Some(match ext.as_str() {
        "txt" | "text" => Format::Text,
        "html" | "htm" | "xhtml" => Format::Html,
        "jsonl" | "ndjson" => Format::Jsonl,
        "xml" | "rss" | "atom" => Format::Feed,
        _ => return None,
    })
}

/// Guesses the format from the first bytes.
fn sniff(bytes: &[u8]) -> Format {
    if bytes.starts_with(&[0x1f, 0x8b]) {
        return Format::Warc;
    }
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    let head: Vec<u8> = bytes[start..bytes.len().min(start + 1024)]
        .iter()
        .map(u8::to_ascii_lowercase)
        .collect();
    let has = |needle: &[u8]| head.windows(needle.len()).any(|w| w == needle);
    if head.starts_with(b"warc/") {
        Format::Warc
    } else if head.starts_with(b"{") {
        Format::Jsonl
    } else if head.starts_with(b"<") {
        if has(b"<rss") || has(b"<feed") || has(b"<rdf:rdf") {
            Format::Feed
        } else if has(b"<html")
            || has(b"<!doctype html")
            || has(b"<body")
            || has(b"<head")
            || !head.starts_with(b"<?xml")
        {
            Format::Html
        } else {
            Format::Feed
        }
    } else {
        Format::Text
    }
}

/// Fills a document's date from its text, then the default.
fn finish(mut doc: Document, opts: &ReadOptions) -> Document {
    if doc.date.is_none() {
        doc.date = text::dates::find_publication_date(&doc.text).or(opts.default_date);
    }
    doc
}

fn plain_document(name: &str, bytes: &[u8], opts: &ReadOptions) -> Result<Document, IngestError> {
    let raw = decode::utf8(bytes)?;
    let page = text::clean_plain_page(raw);
    if page.body.trim().is_empty() {
        return Err(IngestError::Empty);
    }
    Ok(finish(
        Document {
            id: name.to_string(),
            title: page.title,
            author: page.author,
            date: page.date,
            text: page.body,
            comments: page.comments,
            ..Document::default()
        },
        opts,
    ))
}

fn html_document(
    id: String,
    bytes: &[u8],
    url: Option<String>,
    opts: &ReadOptions,
) -> Result<Document, IngestError> {
    let html = decode::html(bytes)?;
    let page = html::extract(&html)?;
    Ok(finish(
        Document {
            id,
            title: page.title,
            url: page.url.or(url),
            source: page.source,
            author: page.author,
            date: page.date,
            text: page.body,
            comments: page.comments,
        },
        opts,
    ))
}

/// The documents of a WARC stream's HTML records.
fn warc_documents<R: BufRead>(
    name: String,
    reader: R,
    opts: ReadOptions,
) -> impl Iterator<Item = Result<Document, Diagnostic>> {
    warc::WarcReader::new(reader, opts.max_document_bytes).filter_map(move |record| match record {
        Err((n, e)) => Some(Err(e.at(&name, Some(n)))),
        Ok(record) => {
            let payload = record.html_payload()?;
            let url = record.header("WARC-Target-URI").map(str::to_string);
            let id = format!("{name}:{}", record.number);
            Some(
                html_document(id, payload, url, &opts)
                    .map_err(|e| e.at(&name, Some(record.number))),
            )
        }
    })
}

fn warc_reader<'a>(bytes: &'a [u8]) -> Box<dyn BufRead + 'a> {
    if bytes.starts_with(&[0x1f, 0x8b]) {
        Box::new(BufReader::new(flate2::bufread::MultiGzDecoder::new(bytes)))
    } else {
        Box::new(bytes)
    }
}

/// Reads an in-memory input named `name` (used for stdin and uploads).
pub fn read_bytes(
    name: &str,
    bytes: &[u8],
    opts: &ReadOptions,
) -> Vec<Result<Document, Diagnostic>> {
    let format = format_from_name(name).unwrap_or_else(|| sniff(bytes));
    read_with_format(name, bytes, format, opts)
}

fn read_with_format(
    name: &str,
    bytes: &[u8],
    format: Format,
    opts: &ReadOptions,
) -> Vec<Result<Document, Diagnostic>> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return vec![Err(IngestError::Empty.at(name, None))];
    }
    let whole_limit = |bytes: &[u8]| -> Result<(), Diagnostic> {
        if bytes.len() > opts.max_document_bytes {
            return Err(IngestError::TooLarge {
                size: bytes.len(),
                limit: opts.max_document_bytes,
            }
            .at(name, None));
        }
        Ok(())
    };
    match format {
        Format::Text => vec![whole_limit(bytes)
            .and_then(|()| plain_document(name, bytes, opts).map_err(|e| e.at(name, None)))],
        Format::Html => vec![whole_limit(bytes).and_then(|()| {
            html_document(name.to_string(), bytes, None, opts).map_err(|e| e.at(name, None))
        })],
        Format::Jsonl => jsonl::JsonlSource {
            name: name.to_string(),
            reader: bytes,
            line: 0,
            limit: opts.max_line_bytes,
            buf: Vec::new(),
            done: false,
        }
        .map(|r| r.map(|d| finish(d, opts)))
        .collect(),
        Format::Warc => {
            if decode::looks_binary(bytes) && !bytes.starts_with(&[0x1f, 0x8b]) {
                return vec![Err(IngestError::Binary.at(name, None))];
            }
            warc_documents(name.to_string(), warc_reader(bytes), opts.clone()).collect()
        }
        Format::Feed => {
            if let Err(d) = whole_limit(bytes) {
                return vec![Err(d)];
            }
            match feed::read_feed(name, bytes) {
                Err(e) => vec![Err(e.at(name, None))],
                Ok(items) => items
                    .into_iter()
                    .map(|r| {
                        r.map(|d| finish(d, opts))
                            .map_err(|(n, e)| e.at(name, Some(n)))
                    })
                    .collect(),
            }
        }
    }
}

/// Reads every input in order: files, directories (walked recursively in
/// sorted order, keeping files with a known extension) and stdin.
pub fn read_inputs(
    inputs: &[Input],
    opts: &ReadOptions,
) -> impl Iterator<Item = Result<Document, Diagnostic>> {
    Reader {
        pending: inputs.iter().cloned().map(Pending::Input).collect(),
        current: None,
        opts: opts.clone(),
    }
}

enum Pending {
    Input(Input),
    /// A file found by walking a directory.
    Found(PathBuf),
}

type Source = Box<dyn Iterator<Item = Result<Document, Diagnostic>>>;

struct Reader {
    pending: VecDeque<Pending>,
    current: Option<Source>,
    opts: ReadOptions,
}

impl Iterator for Reader {
    type Item = Result<Document, Diagnostic>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(source) = &mut self.current {
                if let Some(item) = source.next() {
                    return Some(item);
                }
                self.current = None;
            }
            let next = self.pending.pop_front()?;
            match self.open(next) {
                Ok(source) => self.current = Some(source),
                Err(d) => return Some(Err(d)),
            }
        }
    }
}

impl Reader {
    fn open(&mut self, pending: Pending) -> Result<Source, Diagnostic> {
        let (path, walked) = match pending {
            Pending::Input(Input::Stdin) => {
                let io_error = |e| IngestError::Io(e).at("-", None);
                let mut reader = BufReader::with_capacity(64 * 1024, std::io::stdin().lock());
                let format = sniff(reader.fill_buf().map_err(io_error)?);
                let opts = self.opts.clone();
                if format == Format::Jsonl {
                    // Streamed, so a long JSONL pipe is not held in memory.
                    return Ok(Box::new(
                        jsonl::JsonlSource {
                            name: "-".to_string(),
                            reader,
                            line: 0,
                            limit: opts.max_line_bytes,
                            buf: Vec::new(),
                            done: false,
                        }
                        .map(move |r| r.map(|d| finish(d, &opts))),
                    ));
                }
                let mut bytes = Vec::new();
                reader.read_to_end(&mut bytes).map_err(io_error)?;
                return Ok(Box::new(
                    read_with_format("-", &bytes, format, &opts).into_iter(),
                ));
            }
            Pending::Input(Input::Path(p)) => (p, false),
            Pending::Found(p) => (p, true),
        };
        let name = path.display().to_string();
        let meta = std::fs::metadata(&path).map_err(|e| IngestError::Io(e).at(&name, None))?;
        if meta.is_dir() {
            let files = walk(&path).map_err(|e| IngestError::Io(e).at(&name, None))?;
            for file in files.into_iter().rev() {
                self.pending.push_front(Pending::Found(file));
            }
            return Ok(Box::new(std::iter::empty()));
        }
        let _ = walked;
        let file = File::open(&path).map_err(|e| IngestError::Io(e).at(&name, None))?;
        let mut reader = BufReader::with_capacity(64 * 1024, file);
        let format = match format_from_name(&name) {
            Some(f) => f,
            None => sniff(
                reader
                    .fill_buf()
                    .map_err(|e| IngestError::Io(e).at(&name, None))?,
            ),
        };
        let opts = self.opts.clone();
        match format {
            // Streamed: these files can be far larger than one document.
            Format::Jsonl => {
                if meta.len() == 0 {
                    return Err(IngestError::Empty.at(&name, None));
                }
                let limit = opts.max_line_bytes;
                Ok(Box::new(
                    jsonl::JsonlSource {
                        name,
                        reader,
                        line: 0,
                        limit,
                        buf: Vec::new(),
                        done: false,
                    }
                    .map(move |r| r.map(|d| finish(d, &opts))),
                ))
            }
            Format::Warc => {
                if meta.len() == 0 {
                    return Err(IngestError::Empty.at(&name, None));
                }
                let head = reader
                    .fill_buf()
                    .map_err(|e| IngestError::Io(e).at(&name, None))?;
                if head.starts_with(&[0x1f, 0x8b]) {
                    let gz = BufReader::new(flate2::bufread::MultiGzDecoder::new(reader));
                    Ok(Box::new(warc_documents(name, gz, opts)))
                } else {
                    Ok(Box::new(warc_documents(name, reader, opts)))
                }
            }
            Format::Text | Format::Html | Format::Feed => {
                if meta.len() > opts.max_document_bytes as u64 {
                    return Err(IngestError::TooLarge {
                        size: usize::try_from(meta.len()).unwrap_or(usize::MAX),
                        limit: opts.max_document_bytes,
                    }
                    .at(&name, None));
                }
                let mut bytes = Vec::with_capacity(meta.len() as usize);
                reader
                    .read_to_end(&mut bytes)
                    .map_err(|e| IngestError::Io(e).at(&name, None))?;
                Ok(Box::new(
                    read_with_format(&name, &bytes, format, &opts).into_iter(),
                ))
            }
        }
    }
}

/// Files under `dir` with a known extension, recursively, in sorted order
/// (directories and files sorted together by name); hidden entries skipped.
fn walk(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            !p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with('.'))
        })
        .collect();
    entries.sort();
    let mut out = Vec::new();
    for path in entries {
        if path.is_dir() {
            out.extend(walk(&path)?);
        } else if format_from_name(&path.to_string_lossy()).is_some() {
            out.push(path);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_by_name_and_content() {
        assert_eq!(format_from_name("a/b.WARC.GZ"), Some(Format::Warc));
        assert_eq!(format_from_name("x.ndjson"), Some(Format::Jsonl));
        assert_eq!(format_from_name("x.csv"), None);
        assert_eq!(sniff(b"  {\"id\":1}"), Format::Jsonl);
        assert_eq!(sniff(b"<!DOCTYPE html><html>"), Format::Html);
        assert_eq!(sniff(b"<?xml version=\"1.0\"?><rss>"), Format::Feed);
        assert_eq!(sniff(b"Plain words."), Format::Text);
    }

    #[test]
    fn jsonl_dates() {
        assert_eq!(parse_date("20230206"), NaiveDate::from_ymd_opt(2023, 2, 6));
        assert_eq!(
            parse_date("2023-02-06T10:00:00Z"),
            NaiveDate::from_ymd_opt(2023, 2, 6)
        );
        assert_eq!(parse_date("soon"), None);
    }
}
