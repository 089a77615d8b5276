//! Penn-Treebank-like tokenizer producing byte spans; nothing is copied.

use model::{Span, Token, TokenKind};

use crate::lexicon::keeps_period;
use crate::sentences::is_space;

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

fn is_hyphen(c: char) -> bool {
    c == '-' || c == '\u{2010}' || c == '\u{2011}'
}

/// Length in bytes of a clitic starting at the apostrophe, if `rest` (the text
/// from the apostrophe) is one and ends there ("'s", "'re", "'ve", "'ll", "'d", "'m").
fn clitic_len(rest: &str) -> Option<usize> {
    let mut chars = rest.chars();
    let apostrophe = chars.next()?;
    let after = &rest[apostrophe.len_utf8()..];
    let letters = after
        .find(|c: char| !c.is_alphanumeric())
        .unwrap_or(after.len());
    let word = &after[..letters];
    let is_clitic = ["s", "re", "ve", "ll", "d", "m"]
        .iter()
        .any(|c| word.eq_ignore_ascii_case(c));
    is_clitic.then_some(apostrophe.len_utf8() + letters)
}

/// Tokenizes the part of `text` covered by `span`; token spans index `text`.
///
/// Penn-Treebank-like choices: clitics split off ("Iran's" -> "Iran" "'s",
/// "don't" -> "do" "n't", "can't" -> "ca" "n't", the curly apostrophe ’
/// likewise); abbreviations keep their period ("U.S.", "Mr.", "J."); "$40" ->
/// "$" "40" and "40%" -> "40" "%"; hyphenated compounds stay one token
/// ("pro-Western", "Iran-Israel", "44-day": splitting a compound of two names
/// is left to the stage that knows names); en and em dashes, quotes and
/// brackets are tokens of their own; numbers keep inner separators ("1,000",
/// "3.5", "2:20"); "@handle" and "#tag" are one word; a run of the same
/// punctuation ("...", "--") is one token.
pub fn tokenize(text: &str, span: Span) -> Vec<Token> {
    let mut out = Vec::with_capacity(span.len() / 5 + 1);
    tokenize_into(text, span, &mut out);
    out
}

pub(crate) fn tokenize_into(text: &str, span: Span, out: &mut Vec<Token>) {
    let end = span.end.min(text.len());
    let mut i = span.start;
    while i < end {
        let Some(c) = text[i..end].chars().next() else {
            break;
        };
        if is_space(c) {
            i += c.len_utf8();
            continue;
        }
        if c.is_alphanumeric() || ((c == '@' || c == '#') && next_is_alnum(text, i + 1, end)) {
            i = word(text, i, end, out);
            continue;
        }
        let len = c.len_utf8();
        // Runs of the same punctuation ("...", "--", "!!") make one token.
        let mut j = i + len;
        if matches!(c, '.' | '-' | '!' | '?' | '*' | '=') {
            while text[j..end].starts_with(c) {
                j += len;
            }
        }
        let kind = match c {
            '$' | '%' | '&' | '#' | '@' | '+' | '=' | '<' | '>' | '/' | '\\' | '|' | '~' | '^'
            | '*' | '°' | '§' | '©' | '®' | '€' | '£' | '¥' | '×' | '•' => {
                TokenKind::Symbol
            }
            _ if c.is_alphanumeric() => TokenKind::Word,
            _ => {
                if matches!(
                    c,
                    '.' | ','
                        | ';'
                        | ':'
                        | '!'
                        | '?'
                        | '"'
                        | '\''
                        | '“'
                        | '”'
                        | '‘'
                        | '’'
                        | '('
                        | ')'
                        | '['
                        | ']'
                        | '{'
                        | '}'
                        | '-'
                        | '–'
                        | '—'
                        | '…'
                        | '«'
                        | '»'
                ) {
                    TokenKind::Punct
                } else {
                    TokenKind::Symbol
                }
            }
        };
        out.push(Token {
            span: Span::new(i, j),
            kind,
        });
        i = j;
    }
}

fn next_is_alnum(text: &str, at: usize, end: usize) -> bool {
    text[at.min(end)..end]
        .chars()
        .next()
        .is_some_and(char::is_alphanumeric)
}

/// Scans one word starting at `start`, pushes it (and any clitic) and returns
/// the byte after it.
fn word(text: &str, start: usize, end: usize, out: &mut Vec<Token>) -> usize {
    let s = &text[start..end];
    let mut pos = 0; // end of the word so far, relative to `start`
    let mut prev: Option<char> = None;
    let mut has_alpha = false;
    let mut iter = s.char_indices().peekable();
    while let Some((at, c)) = iter.next() {
        let next = iter.peek().map(|&(_, n)| n);
        let joins = if c.is_alphanumeric() || (at == 0 && (c == '@' || c == '#')) {
            // "don't": stop before "n't" so it becomes its own token.
            if (c == 'n' || c == 'N') && at > 0 {
                let rest = &s[at + 1..];
                let mut r = rest.chars();
                if let (Some(a), Some(t)) = (r.next(), r.next()) {
                    if is_apostrophe(a)
                        && (t == 't' || t == 'T')
                        && !r.next().is_some_and(char::is_alphanumeric)
                    {
                        break;
                    }
                }
            }
            true
        } else {
            let between =
                prev.is_some_and(char::is_alphanumeric) && next.is_some_and(char::is_alphanumeric);
            if !between {
                false
            } else if is_hyphen(c) || c == '.' {
                true
            } else if c == ',' || c == ':' {
                // "1,000" and "2:20" but not "Iran,Iraq".
                prev.is_some_and(|p| p.is_ascii_digit()) && next.is_some_and(|n| n.is_ascii_digit())
            } else if is_apostrophe(c) {
                clitic_len(&s[at..]).is_none()
            } else {
                c == '&'
            }
        };
        if !joins {
            break;
        }
        has_alpha |= c.is_alphabetic();
        pos = at + c.len_utf8();
        prev = Some(c);
    }
    let mut word_end = start + pos;
    let word_text = &text[start..word_end];
    // Abbreviations keep their period: "U.S.", "Mr.", "J.".
    if text[word_end..end].starts_with('.')
        && !text[word_end + 1..end].starts_with('.')
        && has_alpha
        && keeps_period(word_text)
    {
        word_end += 1;
    }
    let all_numeric = word_text
        .bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b',' | b':'));
    let kind = if all_numeric && !has_alpha {
        TokenKind::Number
    } else {
        TokenKind::Word
    };
    out.push(Token {
        span: Span::new(start, word_end),
        kind,
    });
    let rest = &text[word_end..end];
    // Clitics directly after the word.
    let mut r = rest.chars();
    if let Some(c) = r.next() {
        if c == 'n' || c == 'N' {
            if let (Some(a), Some(t)) = (r.next(), r.next()) {
                if is_apostrophe(a) && (t == 't' || t == 'T') {
                    let len = 1 + a.len_utf8() + 1;
                    out.push(Token {
                        span: Span::new(word_end, word_end + len),
                        kind: TokenKind::Word,
                    });
                    return word_end + len;
                }
            }
        } else if is_apostrophe(c) {
            if let Some(len) = clitic_len(rest) {
                out.push(Token {
                    span: Span::new(word_end, word_end + len),
                    kind: TokenKind::Word,
                });
                return word_end + len;
            }
        }
    }
    word_end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str) -> Vec<&str> {
        tokenize(text, Span::new(0, text.len()))
            .into_iter()
            .map(|t| t.span.slice(text))
            .collect()
    }

    #[test]
    fn clitics_split() {
        assert_eq!(toks("Iran's"), vec!["Iran", "'s"]);
        assert_eq!(toks("Iran’s"), vec!["Iran", "’s"]);
        assert_eq!(toks("don't"), vec!["do", "n't"]);
        assert_eq!(toks("can’t"), vec!["ca", "n’t"]);
        assert_eq!(toks("O'Brien"), vec!["O'Brien"]);
    }

    #[test]
    fn abbreviations_and_numbers() {
        assert_eq!(toks("the U.S./NATO"), vec!["the", "U.S.", "/", "NATO"]);
        assert_eq!(
            toks("$40 and 40% of 1,000.5"),
            vec!["$", "40", "and", "40", "%", "of", "1,000.5"]
        );
        assert_eq!(toks("Mr. Bryza."), vec!["Mr.", "Bryza", "."]);
    }

    #[test]
    fn hyphens_and_dashes() {
        assert_eq!(
            toks("pro-Western Iran–Hezbollah war—and"),
            vec!["pro-Western", "Iran", "–", "Hezbollah", "war", "—", "and"]
        );
    }
}
