//! Normalisation of text and dictionary phrases into matchable word pieces.
//!
//! Both dictionary phrases and document text go through [`pieces`], so matching is
//! a plain comparison of upper-case, accent-folded word sequences. Dots, hyphens
//! and slashes separate words without breaking a phrase ("U.S." = `U S`,
//! "al-Qaeda" = `AL QAEDA`); other punctuation breaks it; a possessive `'s` is a
//! piece of its own so that "Iran's foreign ministry" can be composed.

/// What a piece is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PieceKind {
    /// A word or number.
    Word,
    /// A possessive `'s` / `’s` (or a bare trailing apostrophe after `s`).
    Possessive,
    /// Punctuation that no phrase may span (comma, colon, quote, bracket ...).
    Break,
}

/// A normalised piece of text with its byte span in the original.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    pub start: usize,
    pub end: usize,
    pub norm: String,
    pub kind: PieceKind,
    /// The original word started with an upper-case letter or a digit.
    pub capitalized: bool,
    /// The original word was entirely upper case (acronyms like "US", "UN").
    pub all_caps: bool,
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | '‘' | '`')
}

fn is_joiner(c: char) -> bool {
    matches!(c, '.' | '-' | '‐' | '‑' | '–' | '/' | '_' | '&')
}

/// Folds common Latin accented letters to ASCII and upper-cases.
pub fn fold_char(c: char, out: &mut String) {
    let base = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å'
        | 'Ā' => 'A',
        'æ' | 'Æ' => {
            out.push_str("AE");
            return;
        }
        'ç' | 'ć' | 'č' | 'Ç' | 'Ć' | 'Č' => 'C',
        'ď' | 'đ' | 'Ď' | 'Đ' | 'ð' => 'D',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' | 'ə' | 'È' | 'É' | 'Ê' | 'Ë' | 'Ē' | 'Ę' | 'Ě'
        | 'Ə' => 'E',
        'ğ' | 'Ğ' => 'G',
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'ı' | 'İ' | 'Ì' | 'Í' | 'Î' | 'Ï' | 'Ī' => 'I',
        'ł' | 'ľ' | 'Ł' | 'Ľ' => 'L',
        'ñ' | 'ń' | 'ň' | 'Ñ' | 'Ń' | 'Ň' => 'N',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' | 'Ō'
        | 'Ő' => 'O',
        'ř' | 'Ř' => 'R',
        'ś' | 'š' | 'ş' | 'ș' | 'Ś' | 'Š' | 'Ş' | 'Ș' => 'S',
        'ß' => {
            out.push_str("SS");
            return;
        }
        'ť' | 'ţ' | 'ț' | 'Ť' | 'Ţ' | 'Ț' => 'T',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'Ù' | 'Ú' | 'Û' | 'Ü' | 'Ū' | 'Ů' | 'Ű' => {
            'U'
        }
        'ý' | 'ÿ' | 'Ý' => 'Y',
        'ź' | 'ż' | 'ž' | 'Ź' | 'Ż' | 'Ž' => 'Z',
        _ => {
            out.extend(c.to_uppercase());
            return;
        }
    };
    out.push(base);
}

/// Splits `text` into pieces; spans are offset by `base`.
pub fn pieces(text: &str, base: usize) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut word_start = 0usize;
    let mut word_end = 0usize;
    let mut cap = false;
    let mut all_caps = true;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let flush = |out: &mut Vec<Piece>,
                 word: &mut String,
                 start: usize,
                 end: usize,
                 cap: bool,
                 all_caps: bool| {
        if !word.is_empty() {
            out.push(Piece {
                start: base + start,
                end: base + end,
                norm: std::mem::take(word),
                kind: PieceKind::Word,
                capitalized: cap,
                all_caps,
            });
        }
    };
    let mut i = 0;
    while i < chars.len() {
        let (pos, c) = chars[i];
        if c.is_alphanumeric() {
            if word.is_empty() {
                word_start = pos;
                cap = c.is_uppercase() || c.is_numeric();
                all_caps = true;
            }
            if c.is_lowercase() {
                all_caps = false;
            }
            fold_char(c, &mut word);
            word_end = pos + c.len_utf8();
        } else if is_apostrophe(c) {
            let next = chars.get(i + 1).map(|x| x.1);
            let after = chars.get(i + 2).map(|x| x.1);
            if !word.is_empty()
                && matches!(next, Some('s') | Some('S'))
                && !after.is_some_and(|a| a.is_alphanumeric())
            {
                flush(&mut out, &mut word, word_start, word_end, cap, all_caps);
                let end = chars[i + 1].0 + 1;
                out.push(Piece {
                    start: base + pos,
                    end: base + end,
                    norm: "'S".to_string(),
                    kind: PieceKind::Possessive,
                    capitalized: false,
                    all_caps: false,
                });
                i += 2;
                continue;
            } else if !word.is_empty() && next.is_some_and(|n| n.is_alphanumeric()) {
                // O'Brien, Shi'ite: the apostrophe joins.
            } else if word.ends_with('S') {
                // "the Azeris' leader": a plural possessive.
                flush(&mut out, &mut word, word_start, word_end, cap, all_caps);
                out.push(Piece {
                    start: base + pos,
                    end: base + pos + c.len_utf8(),
                    norm: "'S".to_string(),
                    kind: PieceKind::Possessive,
                    capitalized: false,
                    all_caps: false,
                });
            } else {
                flush(&mut out, &mut word, word_start, word_end, cap, all_caps);
            }
        } else if is_joiner(c) || c.is_whitespace() {
            // An initial's dot belongs to it ("U.S.", "J."), so spans show it.
            if c == '.' && word.chars().count() == 1 && word_end == pos {
                word_end = pos + 1;
            }
            flush(&mut out, &mut word, word_start, word_end, cap, all_caps);
        } else {
            flush(&mut out, &mut word, word_start, word_end, cap, all_caps);
            out.push(Piece {
                start: base + pos,
                end: base + pos + c.len_utf8(),
                norm: c.to_string(),
                kind: PieceKind::Break,
                capitalized: false,
                all_caps: false,
            });
        }
        i += 1;
    }
    flush(&mut out, &mut word, word_start, word_end, cap, all_caps);
    out
}

/// The words of a dictionary phrase (underscores and blanks separate words).
/// Punctuation inside a phrase such as "(AAIA)" or "EDUCATIONAL," is dropped.
pub fn phrase_words(phrase: &str) -> Vec<String> {
    pieces(phrase, 0)
        .into_iter()
        .filter(|p| p.kind != PieceKind::Break)
        .map(|p| p.norm)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norms(s: &str) -> Vec<String> {
        pieces(s, 0).into_iter().map(|p| p.norm).collect()
    }

    #[test]
    fn possessive_and_abbreviations() {
        assert_eq!(
            norms("Iran’s U.S./NATO ties,"),
            ["IRAN", "'S", "U", "S", "NATO", "TIES", ","]
        );
        assert_eq!(
            phrase_words("U.S._STATE_DEPARTMENT_"),
            ["U", "S", "STATE", "DEPARTMENT"]
        );
        assert_eq!(norms("Benítez O'Brien"), ["BENITEZ", "OBRIEN"]);
    }

    #[test]
    fn spans_are_byte_offsets() {
        let text = "Azerbaijan’s foreign ministry";
        let p = pieces(text, 10);
        assert_eq!(p[0].start, 10);
        assert_eq!(&text[p[1].start - 10..p[1].end - 10], "’s");
        assert_eq!(&text[p[3].start - 10..p[3].end - 10], "ministry");
    }
}
