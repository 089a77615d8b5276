//! Rule-based sentence splitter: line structure first, then end punctuation
//! checked against an abbreviation list. Spans are byte offsets into the input.

use model::Span;

use crate::lexicon::{looks_like_abbreviation, AbbrKind, LEXICON};

/// Lines at most this long (in bytes) that lack final punctuation are taken as
/// headings when a capitalised line follows; longer ones look like hard-wrapped prose.
const HEADING_MAX_BYTES: usize = 90;

/// Splits `text` into sentence spans (trimmed of surrounding white space).
///
/// A blank line, a line starting with a bullet or list number, and a short
/// line without end punctuation followed by a capitalised line (a heading)
/// always end a sentence; bullet glyphs and list numbers at a line start are
/// left out of the sentence. Within a paragraph a sentence ends at ".", "!",
/// "?" or an ellipsis (plus closing quotes and brackets) followed by white
/// space and a character that is not lower case, except after the
/// abbreviations listed in `data/abbreviations.txt` (titles never end a
/// sentence, "Feb." does only before a non-number, "U.S." and initials only
/// before a common sentence starter such as "The").
pub fn split_sentences(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    for block in blocks(text) {
        split_block(text, block, &mut out);
    }
    out
}

pub(crate) fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}' || c == '\u{200b}'
}

fn trim_span(text: &str, start: usize, end: usize) -> (usize, usize) {
    let s = &text[start..end];
    let lead = s.len() - s.trim_start_matches(is_space).len();
    let trail = s.trim_end_matches(is_space).len();
    (start + lead, start + trail.max(lead))
}

/// Bullet glyphs that open a list item when followed by white space.
pub(crate) fn bullet_len(line: &str) -> usize {
    let mut chars = line.char_indices();
    let Some((_, c)) = chars.next() else {
        return 0;
    };
    if matches!(
        c,
        '•' | '·' | '▪' | '‣' | '◦' | '●' | '○' | '■' | '*' | '-' | '–' | '—' | '+'
    ) {
        let after = c.len_utf8();
        if line[after..].starts_with(is_space) {
            return after;
        }
    }
    0
}

/// A numbered list item such as "1." or "2)" followed by white space.
pub(crate) fn numbered_len(line: &str) -> usize {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 3 {
        return 0;
    }
    let rest = &line[digits..];
    if (rest.starts_with(". ") || rest.starts_with(") ")) && rest.len() > 2 {
        return digits + 1;
    }
    0
}

fn ends_with_terminal(line: &str) -> bool {
    let core = line.trim_end_matches(['"', '\'', '”', '’', ')', ']', '»']);
    core.ends_with(['.', '!', '?', '…', ':', ';', ','])
}

fn starts_capitalised(line: &str) -> bool {
    line.trim_start_matches(['"', '\'', '“', '‘', '(', '['])
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

/// Cuts the text into blocks that no sentence crosses: blank lines, list
/// items and heading lines always end a sentence.
fn blocks(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut block_start = 0;
    let mut prev: Option<(usize, usize)> = None;
    let mut blank_since_prev = false;
    let mut pos = 0;
    loop {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        let (ls, le) = trim_span(text, pos, end);
        if ls == le {
            blank_since_prev = true;
        } else {
            let line = &text[ls..le];
            let bullet = bullet_len(line);
            let numbered = numbered_len(line);
            let content_start = if bullet + numbered > 0 {
                trim_span(text, ls + bullet + numbered, le).0
            } else {
                ls
            };
            match prev {
                Some((ps, pe)) => {
                    let prev_line = &text[ps..pe];
                    let is_break = blank_since_prev
                        || bullet > 0
                        || numbered > 0
                        || (!ends_with_terminal(prev_line)
                            && prev_line.len() <= HEADING_MAX_BYTES
                            && starts_capitalised(line));
                    if is_break {
                        out.push(Span::new(block_start, pe));
                        block_start = content_start;
                    }
                }
                None => block_start = content_start,
            }
            prev = Some((ls, le));
            blank_since_prev = false;
        }
        if end >= text.len() {
            break;
        }
        pos = end + 1;
    }
    if let Some((_, pe)) = prev {
        if block_start < pe {
            out.push(Span::new(block_start, pe));
        }
    }
    out
}

fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…' | '‼' | '⁇')
}

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | ')' | ']' | '»' | '›')
}

fn is_opener(c: char) -> bool {
    matches!(c, '"' | '\'' | '“' | '‘' | '(' | '[' | '«' | '‹')
}

/// The word just before byte `at` (ending there), without leading openers.
fn word_before(text: &str, from: usize, at: usize) -> &str {
    let s = &text[from..at];
    let start = s
        .rfind(|c: char| is_space(c) || is_opener(c) || c == '/')
        .map_or(0, |i| i + s[i..].chars().next().map_or(1, char::len_utf8));
    &s[start..]
}

/// The alphabetic word starting at byte `at`.
fn word_after(text: &str, at: usize) -> &str {
    let s = &text[at..];
    let s = s.trim_start_matches(is_opener);
    let end = s.find(|c: char| !c.is_alphabetic()).unwrap_or(s.len());
    &s[..end]
}

fn split_block(text: &str, block: Span, out: &mut Vec<Span>) {
    let mut sentence_start = block.start;
    let bytes = text.as_bytes();
    let mut i = block.start;
    while i < block.end {
        let b = bytes[i];
        // Fast path: only '.', '!', '?' and multi-byte characters (for '…') matter.
        if b != b'.' && b != b'!' && b != b'?' && b < 0xC0 {
            i += 1;
            continue;
        }
        let Some(c) = text[i..block.end].chars().next() else {
            break;
        };
        if !is_terminal(c) {
            i += c.len_utf8();
            continue;
        }
        // The run of end punctuation, then closing quotes and brackets.
        let run_start = i;
        let mut j = i;
        let mut periods = 0;
        let mut other = false;
        for ch in text[i..block.end].chars() {
            if !is_terminal(ch) {
                break;
            }
            if ch == '.' {
                periods += 1;
            } else {
                other = true;
            }
            j += ch.len_utf8();
        }
        let mut k = j;
        for ch in text[j..block.end].chars() {
            if !is_closer(ch) {
                break;
            }
            k += ch.len_utf8();
        }
        i = k;
        if k >= block.end {
            break;
        }
        let Some(next) = text[k..block.end].chars().next() else {
            break;
        };
        if !is_space(next) {
            continue;
        }
        let m = trim_span(text, k, block.end).0;
        let Some(c_next) = text[m..block.end].chars().next() else {
            break;
        };
        if !ends_sentence(text, sentence_start, run_start, periods, other, m, c_next) {
            continue;
        }
        push_sentence(text, sentence_start, k, out);
        sentence_start = m;
        i = m;
    }
    push_sentence(text, sentence_start, block.end, out);
}

/// Adds a sentence; a piece with no letters or digits ("…", "”", a stray
/// "." on its own line) joins the previous sentence instead.
fn push_sentence(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let (s, e) = trim_span(text, start, end);
    if s >= e {
        return;
    }
    if !text[s..e].contains(char::is_alphanumeric) {
        if let Some(last) = out.last_mut() {
            last.end = e;
            return;
        }
    }
    out.push(Span::new(s, e));
}

/// Whether the punctuation run at `run_start` ends the sentence, given the
/// first character `c_next` of what follows (at byte `m`).
fn ends_sentence(
    text: &str,
    sentence_start: usize,
    run_start: usize,
    periods: usize,
    other: bool,
    m: usize,
    c_next: char,
) -> bool {
    if c_next.is_lowercase() || matches!(c_next, ',' | ';' | ':' | ')' | ']' | '%') {
        return false;
    }
    if other || periods != 1 {
        // "?", "!", "...", "…": a new sentence when something capitalised follows.
        return true;
    }
    let word = word_before(text, sentence_start, run_start);
    if word.is_empty() {
        return true;
    }
    // "1." opening a sentence numbers a list item inside a paragraph.
    let so_far = text[sentence_start..run_start].trim_matches(is_space);
    if so_far.len() <= 3 && !so_far.is_empty() && so_far.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let kind = LEXICON.abbreviation(word).or_else(|| {
        if looks_like_abbreviation(word) {
            Some(AbbrKind::Abbr)
        } else {
            None
        }
    });
    match kind {
        None => true,
        Some(AbbrKind::Title) => false,
        Some(AbbrKind::Num) => !c_next.is_ascii_digit(),
        Some(AbbrKind::Abbr) => {
            if c_next.is_alphabetic() {
                LEXICON.is_starter(word_after(text, m))
            } else {
                !c_next.is_ascii_digit()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        split_sentences(text)
            .into_iter()
            .map(|s| s.slice(text))
            .collect()
    }

    #[test]
    fn abbreviations_do_not_split() {
        assert_eq!(
            split("Mr. Aliyev met Gen. Smith in the U.S. capital. They talked."),
            vec![
                "Mr. Aliyev met Gen. Smith in the U.S. capital.",
                "They talked."
            ]
        );
    }

    #[test]
    fn abbreviation_before_starter_splits() {
        assert_eq!(
            split("He flew to the U.S. The talks began."),
            vec!["He flew to the U.S.", "The talks began."]
        );
    }

    #[test]
    fn closing_quote_stays_with_sentence() {
        assert_eq!(
            split("He said “Baku matters more than France.” Next came a vote."),
            vec![
                "He said “Baku matters more than France.”",
                "Next came a vote."
            ]
        );
    }

    #[test]
    fn heading_and_bullets_are_own_sentences() {
        assert_eq!(
            split("Iran’s reaction\nTehran protested.\n• Item one\n• Item two"),
            vec![
                "Iran’s reaction",
                "Tehran protested.",
                "Item one",
                "Item two"
            ]
        );
    }

    #[test]
    fn empty_and_blank_inputs() {
        assert!(split("").is_empty());
        assert!(split(" \n\n ").is_empty());
    }
}
