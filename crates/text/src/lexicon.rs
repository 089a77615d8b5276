//! Word lists the splitter and page cleaner consult, embedded from `data/`.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// How an abbreviation behaves when its period might end a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AbbrKind {
    /// Always followed by a name ("Mr.", "Gen."): never ends a sentence.
    Title,
    /// Usually followed by a number ("Feb. 6", "No. 5").
    Num,
    /// Ends a sentence only before a common sentence starter ("U.S.", "Inc.").
    Abbr,
}

pub(crate) struct Lexicon {
    abbreviations: HashMap<String, AbbrKind>,
    starters: HashSet<String>,
    pub(crate) boilerplate_prefixes: Vec<String>,
    pub(crate) boilerplate_contains: Vec<String>,
    pub(crate) comment_nouns: HashSet<String>,
    pub(crate) comment_headings: HashSet<String>,
    pub(crate) comment_verbs: HashSet<String>,
}

const ABBREVIATIONS: &str = include_str!("../data/abbreviations.txt");
const STARTERS: &str = include_str!("../data/sentence_starters.txt");
const BOILERPLATE: &str = include_str!("../data/boilerplate.txt");

fn data_lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

pub(crate) static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    let mut abbreviations = HashMap::new();
    for line in data_lines(ABBREVIATIONS) {
        let Some((kind, word)) = line.split_once(' ') else {
            continue;
        };
        let kind = match kind {
            "title" => AbbrKind::Title,
            "num" => AbbrKind::Num,
            _ => AbbrKind::Abbr,
        };
        abbreviations.insert(word.trim().to_string(), kind);
    }
    let starters = data_lines(STARTERS).map(str::to_string).collect();
    let mut boilerplate_prefixes = Vec::new();
    let mut boilerplate_contains = Vec::new();
    let mut comment_nouns = HashSet::new();
    let mut comment_headings = HashSet::new();
    let mut comment_verbs = HashSet::new();
    for line in data_lines(BOILERPLATE) {
        match line.split_once(' ') {
            Some(("prefix", p)) => boilerplate_prefixes.push(p.trim().to_string()),
            Some(("contains", p)) => boilerplate_contains.push(p.trim().to_string()),
            Some(("commentnoun", p)) => {
                comment_nouns.insert(p.trim().to_string());
            }
            Some(("commentheading", p)) => {
                comment_headings.insert(p.trim().to_string());
            }
            Some(("commentverb", p)) => {
                comment_verbs.insert(p.trim().to_string());
            }
            _ => {}
        }
    }
    Lexicon {
        abbreviations,
        starters,
        boilerplate_prefixes,
        boilerplate_contains,
        comment_nouns,
        comment_headings,
        comment_verbs,
    }
});

/// Lower-cases a short ASCII-ish word into a stack buffer so lookups do not allocate.
fn with_lower<R>(word: &str, f: impl FnOnce(&str) -> R) -> Option<R> {
    let mut buf = [0u8; 24];
    let bytes = word.as_bytes();
    if bytes.len() > buf.len() {
        return None;
    }
    for (d, s) in buf.iter_mut().zip(bytes) {
        *d = s.to_ascii_lowercase();
    }
    // Lower-casing ASCII bytes keeps UTF-8 valid.
    let lower = std::str::from_utf8(&buf[..bytes.len()]).ok()?;
    Some(f(lower))
}

impl Lexicon {
    /// The kind of a known abbreviation, given without its final period.
    pub(crate) fn abbreviation(&self, word: &str) -> Option<AbbrKind> {
        with_lower(word, |w| self.abbreviations.get(w).copied()).flatten()
    }

    pub(crate) fn is_starter(&self, word: &str) -> bool {
        with_lower(word, |w| self.starters.contains(w)).unwrap_or(false)
    }
}

/// An abbreviation-like word by shape: a single capital initial ("J") or
/// short letter groups joined by periods ("U.S", "N.Y", "a.m").
pub(crate) fn looks_like_abbreviation(word: &str) -> bool {
    let mut chars = word.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return c.is_uppercase();
    }
    word.contains('.')
        && word.split('.').all(|part| {
            !part.is_empty() && part.len() <= 3 && part.chars().all(char::is_alphabetic)
        })
}

/// Any word the tokenizer keeps together with its final period.
pub(crate) fn keeps_period(word: &str) -> bool {
    LEXICON.abbreviation(word).is_some() || looks_like_abbreviation(word)
}
