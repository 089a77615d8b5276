//! RSS and Atom feeds: one document per item.

use model::Document;

use crate::error::IngestError;
use crate::html::html_paragraphs;

/// One feed item: a document, or why the item (1-based number) failed.
pub(crate) type FeedItem = Result<Document, (u64, IngestError)>;

/// The items of a feed as documents (ids `name:N`), or why an item failed.
pub(crate) fn read_feed(name: &str, bytes: &[u8]) -> Result<Vec<FeedItem>, IngestError> {
    let feed = feed_rs::parser::parse(bytes).map_err(|e| IngestError::Feed(e.to_string()))?;
    let source = feed
        .title
        .as_ref()
        .map(|t| plain(&t.content))
        .filter(|s| !s.is_empty());
    let mut out = Vec::new();
    for (i, entry) in feed.entries.iter().enumerate() {
        let number = i as u64 + 1;
        let html = entry
            .content
            .as_ref()
            .and_then(|c| c.body.as_deref())
            .filter(|b| !b.trim().is_empty())
            .or_else(|| entry.summary.as_ref().map(|s| s.content.as_str()))
            .unwrap_or("");
        let text = html_paragraphs(html).join("\n\n");
        if text.trim().is_empty() {
            out.push(Err((number, IngestError::MissingText)));
            continue;
        }
        out.push(Ok(Document {
            id: format!("{name}:{number}"),
            title: entry
                .title
                .as_ref()
                .map(|t| plain(&t.content))
                .filter(|s| !s.is_empty()),
            url: entry.links.first().map(|l| l.href.clone()),
            source: source.clone(),
            author: entry
                .authors
                .first()
                .and_then(|a| a.name.clone())
                .filter(|s| !s.is_empty()),
            date: entry.published.or(entry.updated).map(|d| d.date_naive()),
            text,
            comments: Vec::new(),
        }));
    }
    Ok(out)
}

fn plain(s: &str) -> String {
    html_paragraphs(s).join(" ")
}
