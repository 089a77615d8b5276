//! HTML pages: main text, comments and metadata through `trafilatura`, then
//! its cleaned HTML turned into paragraphs of plain text.

use model::NaiveDate;

use crate::error::IngestError;

/// What an HTML page yields before it becomes a document.
#[derive(Debug, Default, Clone, PartialEq)]
pub(crate) struct HtmlPage {
    pub title: Option<String>,
    pub author: Option<String>,
    pub url: Option<String>,
    pub source: Option<String>,
    pub date: Option<NaiveDate>,
    pub body: String,
    pub comments: Vec<String>,
}

fn non_empty(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_string())
}

/// Extracts a page; an error when no article text is found.
pub(crate) fn extract(html: &str) -> Result<HtmlPage, IngestError> {
    let options = trafilatura::Options::default();
    // A panic inside the extractor on hostile markup must not end the batch.
    let result = std::panic::catch_unwind(|| trafilatura::extract(html, &options))
        .map_err(|_| IngestError::NoHtmlText)?
        .map_err(|_| IngestError::NoHtmlText)?;
    let meta = &result.metadata;
    let title = non_empty(&meta.title);
    let mut paragraphs = html_paragraphs(&result.content_html);
    // The headline usually opens the extracted HTML; the title is kept apart.
    if let (Some(first), Some(title)) = (paragraphs.first(), &title) {
        if first.trim() == title.trim() {
            paragraphs.remove(0);
        }
    }
    let body = paragraphs.join("\n\n");
    if body.trim().is_empty() {
        return Err(IngestError::NoHtmlText);
    }
    let comments = html_paragraphs(&result.comments_html);
    Ok(HtmlPage {
        title,
        author: non_empty(&meta.author),
        url: non_empty(&meta.url),
        source: non_empty(&meta.sitename).or_else(|| non_empty(&meta.hostname)),
        date: meta.date,
        body,
        comments,
    })
}

/// Elements whose start or end separates paragraphs.
const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "blockquote",
    "section",
    "article",
    "table",
    "tr",
    "td",
    "th",
    "dd",
    "dt",
    "pre",
    "figure",
    "figcaption",
    "header",
    "footer",
    "main",
    "aside",
    "hr",
    "head",
    "body",
    "html",
];

/// Plain-text paragraphs of an HTML fragment: block elements separate
/// paragraphs, `<br>` breaks a line, entities are decoded, runs of white
/// space collapse, `<script>`/`<style>` content is dropped.
pub(crate) fn html_paragraphs(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut rest = html;
    let flush = |current: &mut String, out: &mut Vec<String>| {
        let p = current.trim();
        if !p.is_empty() {
            out.push(p.to_string());
        }
        current.clear();
    };
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            push_text(&mut current, rest);
            break;
        };
        push_text(&mut current, &rest[..lt]);
        rest = &rest[lt..];
        let Some(gt) = rest.find('>') else {
            // A stray "<" in text.
            push_text(&mut current, rest);
            break;
        };
        let tag = &rest[1..gt];
        rest = &rest[gt + 1..];
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .map(|c| c.to_ascii_lowercase())
            .collect();
        if (name == "script" || name == "style") && !tag.starts_with('/') {
            let close = format!("</{name}");
            let end = rest.to_ascii_lowercase().find(&close).unwrap_or(rest.len());
            rest = &rest[end..];
            continue;
        }
        if name == "br" {
            let trimmed = current.trim_end().len();
            current.truncate(trimmed);
            current.push('\n');
        } else if BLOCK_TAGS.contains(&name.as_str()) {
            flush(&mut current, &mut out);
        } else if !current.ends_with([' ', '\n']) && !current.is_empty() && inline_gap(&name) {
            current.push(' ');
        }
    }
    flush(&mut current, &mut out);
    out
}

/// Inline elements that imply a space when they open or close.
fn inline_gap(name: &str) -> bool {
    matches!(name, "img" | "input" | "button" | "select" | "textarea")
}

fn push_text(current: &mut String, raw: &str) {
    let decoded = decode_entities(raw);
    for (i, word) in decoded
        .split(|c: char| c.is_whitespace() && c != '\u{a0}')
        .enumerate()
    {
        if i > 0 && !current.is_empty() && !current.ends_with([' ', '\n']) {
            current.push(' ');
        }
        current.push_str(&word.replace('\u{a0}', " "));
    }
}

/// Decodes numeric and common named character references.
pub(crate) fn decode_entities(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains('&') {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest[1..].find(';').map(|i| i + 1).filter(|&i| i <= 10);
        let decoded = end.and_then(|end| {
            let name = &rest[1..end];
            let c = if let Some(num) = name.strip_prefix('#') {
                let code = match num.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok(),
                    None => num.parse().ok(),
                };
                code.and_then(char::from_u32)
            } else {
                named_entity(name)
            };
            c.map(|c| (c, end + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

fn named_entity(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "mdash" => '—',
        "ndash" => '–',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "hellip" => '…',
        "laquo" => '«',
        "raquo" => '»',
        "copy" => '©',
        "eacute" => 'é',
        "euro" => '€',
        "pound" => '£',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_from_html() {
        let p = html_paragraphs(
            "<h1>Title</h1><p>One &amp; <b>two</b>.</p><p>Three<br/>four &#8212; five</p>",
        );
        assert_eq!(p, vec!["Title", "One & two.", "Three\nfour — five"]);
    }
}
