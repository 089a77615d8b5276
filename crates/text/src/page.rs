//! Cleanup of plain-text web pages: keeps the article, sets reader comments
//! apart and drops page furniture, using line-level features (bullets, length,
//! end punctuation, indentation, position relative to the comment markers).

use chrono::NaiveDate;

use crate::dates::find_publication_date;
use crate::lexicon::LEXICON;
use crate::sentences::{bullet_len, is_space, numbered_len};

/// A plain-text page split into its parts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CleanPage {
    /// The headline, when the page shows one.
    pub title: Option<String>,
    /// The article paragraphs, joined with blank lines.
    pub body: String,
    /// Reader comments, one entry per comment.
    pub comments: Vec<String>,
    /// The dateline's date, when the page's top shows one.
    pub date: Option<NaiveDate>,
    /// From a "By ..." line.
    pub author: Option<String>,
}

/// Lines with at most this many words and no end punctuation are not prose.
const SHORT_LINE_WORDS: usize = 3;
/// A line this long in words is prose even without final punctuation.
const PROSE_WORDS: usize = 8;
/// A "contains" boilerplate phrase counts on lines at most this long, or when
/// it appears within the first `BOILERPLATE_HEAD_BYTES` of a longer line.
const BOILERPLATE_MAX_WORDS: usize = 30;
const BOILERPLATE_HEAD_BYTES: usize = 80;
/// Headlines are short; a longer line without end punctuation is a broken sentence.
const HEADLINE_MAX_WORDS: usize = 16;
/// Comment header lines ("Jane Doe on May 2, 2012 at 3:10 pm said:") are short.
const COMMENT_HEADER_MAX_WORDS: usize = 14;

#[derive(Debug)]
struct Line<'a> {
    /// Trimmed, with any bullet or list number removed.
    content: &'a str,
    /// Trimmed, as on the page (what the body keeps).
    trimmed: &'a str,
    indent: usize,
    listed: bool,
    blank_before: bool,
    words: usize,
}

fn lines(raw: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut blank = false;
    for line in raw.lines() {
        let trimmed = line.trim_matches(is_space);
        if trimmed.is_empty() {
            blank = true;
            continue;
        }
        let indent = line.chars().take_while(|c| is_space(*c)).count();
        let marker = bullet_len(trimmed).max(numbered_len(trimmed));
        let content = trimmed[marker..].trim_matches(is_space);
        out.push(Line {
            content,
            trimmed,
            indent,
            listed: marker > 0,
            blank_before: blank,
            words: content.split_whitespace().count(),
        });
        blank = false;
    }
    out
}

fn ends_with_sentence_punct(s: &str) -> bool {
    s.trim_end_matches(['"', '\'', '”', '’', ')', ']'])
        .ends_with(['.', '!', '?', '…'])
}

fn is_prose(line: &Line) -> bool {
    line.words >= PROSE_WORDS && ends_with_sentence_punct(line.content)
        || line.words > 2 * PROSE_WORDS
}

fn is_boilerplate(line: &Line) -> bool {
    let lower = line.content.to_lowercase();
    if LEXICON
        .boilerplate_prefixes
        .iter()
        .any(|p| lower.starts_with(p.as_str()))
    {
        return line.words <= BOILERPLATE_MAX_WORDS;
    }
    LEXICON.boilerplate_contains.iter().any(|p| {
        lower
            .find(p.as_str())
            .is_some_and(|at| line.words <= BOILERPLATE_MAX_WORDS || at < BOILERPLATE_HEAD_BYTES)
    })
}

/// "5 Responses to <title>", "12 Comments", "Reader comments": returns the
/// title named after "to"/"on", if any.
fn comment_heading(line: &Line) -> Option<Option<String>> {
    let content = line.content;
    let lower = content.to_lowercase();
    let bare = lower.trim_end_matches([':', '.', '!']).trim();
    if LEXICON.comment_headings.contains(bare) {
        return Some(None);
    }
    let mut words = content.split_whitespace();
    let first = words.next()?;
    let noun = words.next()?;
    let is_count = first.bytes().all(|b| b.is_ascii_digit())
        || ["one", "two", "three", "four", "five", "no"].contains(&first.to_lowercase().as_str());
    if !is_count
        || !LEXICON
            .comment_nouns
            .contains(noun.trim_end_matches(':').to_lowercase().as_str())
    {
        return None;
    }
    // The title after "to"/"on" (case kept from the page).
    let rest: Vec<&str> = words.collect();
    match rest.first() {
        None => Some(None),
        Some(w) if w.eq_ignore_ascii_case("to") || w.eq_ignore_ascii_case("on") => {
            let title = rest[1..].join(" ");
            let title = title
                .trim_matches(['“', '”', '"', '‘', '’', '\''])
                .trim()
                .to_string();
            Some((!title.is_empty()).then_some(title))
        }
        Some(_) if line.words <= 4 => Some(None),
        Some(_) => None,
    }
}

/// "Mason says:", "@user said:", "Jane on May 2, 2012 at 3:10 pm wrote:".
fn is_comment_header(line: &Line) -> bool {
    if line.words > COMMENT_HEADER_MAX_WORDS || line.words < 2 {
        return false;
    }
    let Some(head) = line.content.strip_suffix(':') else {
        return false;
    };
    let last = head.rsplit(char::is_whitespace).next().unwrap_or("");
    LEXICON.comment_verbs.contains(last.to_lowercase().as_str())
        && !head.contains(['.', '!', '?', '“', '"'])
}

/// "Reply", "Report", "Like", or a time stamp line under a comment.
fn is_comment_furniture(line: &Line) -> bool {
    if line.words == 0 {
        return true;
    }
    let lower = line.content.to_lowercase();
    let lower = lower.trim_end_matches(['.', ':', '↓']);
    if matches!(
        lower,
        "reply" | "report" | "like" | "share" | "flag" | "report abuse" | "reply ↓"
    ) {
        return true;
    }
    line.words <= 10
        && !ends_with_sentence_punct(line.content)
        && find_publication_date(line.content).is_some()
}

/// A dateline: a short line that is mostly a date.
fn dateline(line: &Line) -> Option<NaiveDate> {
    if line.words > 10 {
        return None;
    }
    find_publication_date(line.content)
}

/// "By Jane Doe" (capitalised words after "By").
fn byline(line: &Line) -> Option<String> {
    let rest = line
        .content
        .strip_prefix("By ")
        .or_else(|| line.content.strip_prefix("BY "))?;
    let name = rest.split(['|', ',', '–', '—']).next().unwrap_or("").trim();
    let words: Vec<&str> = name.split_whitespace().collect();
    let names = (1..=5).contains(&words.len())
        && words.iter().all(|w| {
            w.starts_with(|c: char| c.is_uppercase())
                || ["and", "de", "van", "von", "al", "bin"].contains(w)
        });
    names.then(|| name.to_string())
}

/// A line cut mid-sentence ends with a function word; a headline does not.
fn ends_with_function_word(s: &str) -> bool {
    const FUNCTION_WORDS: &[&str] = &[
        "the", "a", "an", "of", "in", "on", "at", "to", "from", "for", "with", "by", "and", "or",
        "but", "as", "that", "its", "their", "his", "her",
    ];
    let last = s.split_whitespace().next_back().unwrap_or("");
    FUNCTION_WORDS.contains(&last)
}

fn starts_capitalised(s: &str) -> bool {
    s.trim_start_matches(['"', '\'', '“', '‘'])
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

fn normalise(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// No-break and other fixed-width spaces become plain spaces, and zero-width
/// characters go, so downstream matching sees ordinary words.
fn normalise_spaces(raw: &str) -> std::borrow::Cow<'_, str> {
    let odd = |c: char| {
        matches!(
            c,
            '\u{a0}'
                | '\u{2007}'
                | '\u{202f}'
                | '\u{2009}'
                | '\u{200a}'
                | '\u{200b}'
                | '\u{feff}'
                | '\r'
        )
    };
    if !raw.contains(odd) {
        return std::borrow::Cow::Borrowed(raw);
    }
    std::borrow::Cow::Owned(
        raw.chars()
            .filter_map(|c| match c {
                '\u{200b}' | '\u{feff}' | '\r' => None,
                c if odd(c) => Some(' '),
                c => Some(c),
            })
            .collect(),
    )
}

/// Splits a plain-text page into title, article body, comments, date and author.
/// White space is normalised (no-break spaces become spaces, CRs and
/// zero-width characters are dropped).
pub fn clean_plain_page(raw: &str) -> CleanPage {
    let raw = normalise_spaces(raw);
    let raw = raw.as_ref();
    let lines = lines(raw);
    let mut page = CleanPage::default();

    // Where the comments begin, and the title a "N Responses to <title>" line names.
    let mut comments_start = lines.len();
    let mut named_title = None;
    for (i, line) in lines.iter().enumerate() {
        if let Some(title) = comment_heading(line) {
            comments_start = i;
            named_title = title;
            break;
        }
        if is_comment_header(line) {
            comments_start = i;
            break;
        }
    }
    let article = &lines[..comments_start];

    let title_index = match &named_title {
        Some(title) => {
            let key = normalise(title);
            article.iter().position(|l| normalise(l.content) == key)
        }
        None => headline_index(article),
    };
    page.title = match (title_index, named_title) {
        (Some(i), _) => Some(article[i].content.to_string()),
        (None, named) => named,
    };

    // List items between the first and last prose lines belong to the article;
    // outside them they are menus and link lists.
    let is_text =
        |(i, l): (usize, &Line)| Some(i) != title_index && is_prose(l) && !is_boilerplate(l);
    let first_prose = article
        .iter()
        .enumerate()
        .position(is_text)
        .unwrap_or(article.len());
    let last_prose = article.iter().enumerate().rposition(is_text).unwrap_or(0);
    let mut paragraphs: Vec<String> = Vec::new();
    for (i, line) in article.iter().enumerate() {
        if Some(i) == title_index {
            continue;
        }
        let before_title = title_index.is_some_and(|t| i < t);
        if before_title && !is_prose(line) {
            continue;
        }
        if is_boilerplate(line) {
            continue;
        }
        let link_like = line.words <= SHORT_LINE_WORDS && !ends_with_sentence_punct(line.content);
        if line.listed && !is_prose(line) && (i < first_prose || i > last_prose || link_like) {
            continue;
        }
        if page.date.is_none() && paragraphs.len() < 3 {
            if let Some(date) = dateline(line) {
                page.date = Some(date);
                continue;
            }
        }
        if page.author.is_none() && paragraphs.len() < 3 {
            if let Some(author) = byline(line) {
                page.author = Some(author);
                continue;
            }
        }
        // One-word lines without punctuation are links ("Share", "Print",
        // "Donate"); lines without letters are leftovers of markup.
        if line.words <= 1 && !ends_with_sentence_punct(line.content)
            || !line.content.contains(char::is_alphanumeric)
        {
            continue;
        }
        if line.words <= SHORT_LINE_WORDS && line.content.contains(['|', '×']) {
            continue;
        }
        match paragraphs.last_mut() {
            Some(last) if !line.blank_before => {
                last.push('\n');
                last.push_str(line.trimmed);
            }
            _ => paragraphs.push(line.trimmed.to_string()),
        }
    }
    page.body = paragraphs.join("\n\n");
    page.comments = comments(&lines[comments_start..]);
    if page.date.is_none() {
        page.date = find_publication_date(raw);
    }
    page
}

/// The headline: the first short line without end punctuation that comes
/// before any prose, is not a list item and not furniture.
fn headline_index(article: &[Line]) -> Option<usize> {
    for (i, line) in article.iter().enumerate() {
        if is_prose(line) && ends_with_sentence_punct(line.content) {
            return None;
        }
        if line.listed || is_boilerplate(line) || dateline(line).is_some() || byline(line).is_some()
        {
            continue;
        }
        // A headline stands apart, and what follows starts a new sentence.
        let next_is_apart = article
            .get(i + 1)
            .is_some_and(|next| next.blank_before && starts_capitalised(next.content));
        let clean = starts_capitalised(line.content)
            && !line.content.contains(['*', '[', '|', '{', '<'])
            && !ends_with_function_word(line.content);
        if (2..=HEADLINE_MAX_WORDS).contains(&line.words)
            && !line.content.ends_with(['.', ':', ';', ','])
            && next_is_apart
            && clean
        {
            return Some(i);
        }
        // Only the first candidate line can be the headline.
        return None;
    }
    None
}

/// Reader comments: each header line ("X says:") opens one; a line indented
/// less than the comment text, or page furniture, closes the comment section.
fn comments(lines: &[Line]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut current: Option<(usize, Option<usize>, String)> = None;
    let flush = |current: &mut Option<(usize, Option<usize>, String)>, out: &mut Vec<String>| {
        if let Some((_, _, text)) = current.take() {
            if !text.is_empty() {
                out.push(text);
            }
        }
    };
    for line in lines {
        if is_comment_header(line) {
            flush(&mut current, &mut out);
            current = Some((line.indent, None, String::new()));
            continue;
        }
        if comment_heading(line).is_some() && current.is_none() {
            continue;
        }
        if is_boilerplate(line) {
            break;
        }
        let Some((header_indent, text_indent, text)) = current.as_mut() else {
            continue;
        };
        if is_comment_furniture(line) {
            continue;
        }
        match *text_indent {
            None => *text_indent = Some(line.indent),
            // Comment text is indented under its header: a line back at the
            // header's level is no longer part of it.
            Some(ti) if ti > *header_indent && line.indent <= *header_indent => break,
            Some(_) => {}
        }
        if !text.is_empty() {
            text.push('\n');
        }
        text.push_str(line.content);
    }
    flush(&mut current, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_article_passes_through() {
        let raw =
            "Ministers met in Baku on Monday. They signed a gas deal.\n\nThe deal runs to 2030.";
        let page = clean_plain_page(raw);
        assert_eq!(page.body, raw);
        assert!(page.comments.is_empty());
        assert_eq!(page.title, None);
    }

    #[test]
    fn comment_header_shapes() {
        let l = lines("1. Mason says:\n• @user2 said:\nHe says: no.");
        assert!(is_comment_header(&l[0]));
        assert!(is_comment_header(&l[1]));
        assert!(!is_comment_header(&l[2]));
    }
}
