//! CAMEO verb-pattern and event-noun dictionaries (PETRARCH/TABARI format) and their matcher.
//!
//! A dictionary is built once from text files (the bundled Phoenix CAMEO 2.0 file plus Caspian's
//! additions, and any user files) and is immutable afterwards. Verb forms are inflected at load
//! time so that [`VerbDictionary::verbs_at`] is a hash lookup; [`VerbDictionary::best_match`] runs
//! the verb block's patterns over the words around the verb, aligning `$`/`+` slots with the
//! caller's actor ranges. Codes are kept as text: the unit-test dictionary uses WEIS-style codes,
//! so validating them (`cameo::CameoCode::parse`) is the caller's job.
//!
//! Pattern semantics over a flat token sequence (no constituency parse):
//! - elements after `*` must appear in order after the verb, elements before it in order before
//!   it; up to 6 words may be skipped between elements, but never a comma or a clause boundary
//!   (`.`, `;`, `:`, `!`, `?`, quotes); `_` joins demand adjacency (`IN_*`, `*_OUT`);
//! - words match the word or its lemma, case-insensitively; `&SYNSET` matches any member phrase
//!   (regular plurals generated unless the label or phrase ends in `_`);
//! - PETRARCH 2 groups are flattened: `{FINANCIAL AID}` and `(FOR AID)` are words in order; a
//!   lone preposition `(WITH)` matches the preposition and takes the actor right after it (within
//!   3 words) as the target when one is there;
//! - `$` and `+` match an actor range that starts (after the verb) or ends (before it) at that
//!   point and fill source/target; `^` skips one actor range or one word; `%` matches two actor
//!   ranges joined by `and`/`,`, fills source and target and reports both as
//!   [`PatternMatch::compound`];
//! - the most specific match wins (words and synsets weigh 3, slots and target prepositions 2,
//!   adjacency 1), then the one skipping fewer words, then the later file; with no match the
//!   verb's own code is used with specificity 0. `[---]` patterns yield the code `---`
//!   ([`PatternMatch::is_discard`]); `[a:b]` codes give `paired_code` for the reverse event.

mod forms;
mod parse;
mod pattern;

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, LazyLock};

use parse::RawFile;
use pattern::{Ctx, Pattern, Phrase, State};

/// The Phoenix CAMEO 2.0 verb dictionary, as distributed (MIT, Open Event Data Alliance).
const BUNDLED_PHOENIX: &str = include_str!("../../../data/verbs/CAMEO.2.0.txt");
/// Caspian's curated verb blocks for modern news wording.
const BUNDLED_ADDITIONS: &str = include_str!("../../../data/verbs/caspian.additions.txt");
/// Caspian's event nouns (`@` lines).
const BUNDLED_NOUNS: &str = include_str!("../../../data/verbs/caspian.nouns.txt");

/// The bundled files, in load order, with their names.
pub const BUNDLED_FILES: [(&str, &str); 3] = [
    ("CAMEO.2.0.txt", BUNDLED_PHOENIX),
    ("caspian.additions.txt", BUNDLED_ADDITIONS),
    ("caspian.nouns.txt", BUNDLED_NOUNS),
];

/// A dictionary file that cannot be read, naming the file and line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VerbDictError {
    #[error("{file}:{line}: {message}")]
    Syntax {
        file: String,
        line: usize,
        message: String,
    },
}

impl VerbDictError {
    fn syntax(file: &str, line: usize, message: &str) -> Self {
        VerbDictError::Syntax {
            file: file.to_string(),
            line,
            message: message.to_string(),
        }
    }
}

/// A skipped entry (for example a pattern using an undefined synset, which PETRARCH also ignores).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerbDictWarning {
    pub file: String,
    pub line: usize,
    pub message: String,
}

impl fmt::Display for VerbDictWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

/// Counts of what a dictionary holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DictStats {
    /// `--- NAME [code] ---` synonym blocks.
    pub blocks: usize,
    /// Verb entries (lines), before inflection.
    pub verbs: usize,
    /// Inflected verb forms indexed.
    pub verb_forms: usize,
    pub patterns: usize,
    pub synsets: usize,
    pub nouns: usize,
    /// Patterns not compiled (undefined synset, no `*`); see [`VerbDictionary::warnings`].
    pub skipped_patterns: usize,
    /// `~` transformation lines, read but not applied.
    pub transformations: usize,
}

/// A verb synonym block (all its verbs share its patterns).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct VerbId(pub u32);

/// Identifies one pattern, for explanations ([`VerbDictionary::describe_pattern`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PatternRef {
    pub verb: VerbId,
    pub index: u32,
}

/// A verb (or multiword verb) found in a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerbHit {
    /// Word range of the verb including its particles (`start..end`).
    pub start: usize,
    pub end: usize,
    pub verb: VerbId,
    /// Which verb of the block (spelling variants such as HONOR/HONOUR are one entry).
    pub entry: u32,
    /// The code of the isolated verb; `None` when the dictionary says `---`.
    pub default_code: Option<String>,
    /// For `[a:b]` verb codes, `b` (the event from target to source, e.g. 043 for "visit").
    pub default_paired_code: Option<String>,
}

/// An event noun found in a sentence ("the arrest of", "sanctions against").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NounHit {
    pub start: usize,
    pub end: usize,
    pub code: String,
    /// The preposition that introduces the target: the first listed one found within a few
    /// words after the noun, else the first listed one; `None` when the entry lists none.
    pub preposition: Option<String>,
    /// Word index of that preposition when it was found in the sentence.
    pub preposition_at: Option<usize>,
}

/// A sentence as the matcher sees it.
#[derive(Debug, Clone, Copy)]
pub struct SentenceView<'a> {
    pub words: &'a [&'a str],
    /// Lowercase lemmas, parallel to `words`, when a lemmatizer ran.
    pub lemmas: Option<&'a [&'a str]>,
    /// Word ranges (`start..end`) of actor mentions, sorted.
    pub actor_ranges: &'a [(usize, usize)],
}

/// The outcome of [`VerbDictionary::best_match`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternMatch {
    /// The event code, or `---` when the matched pattern discards the event.
    pub code: String,
    /// For `[a:b]` codes, `b`: the event in the opposite direction (target to source).
    pub paired_code: Option<String>,
    /// The pattern gave only `[:b]`: `code` is `b` and applies from target to source.
    pub reversed: bool,
    /// Index into `actor_ranges` fixed by a `$` (or `%`) slot; `None` when the pattern says nothing.
    pub source: Option<usize>,
    /// Index into `actor_ranges` fixed by a `+` slot, a `%` compound or a target preposition.
    pub target: Option<usize>,
    /// The two `actor_ranges` indices a `%` matched ("Gondor and Osgiliath"), for callers that
    /// read `%` as PETRARCH does: a compound source before the verb, a compound target after it.
    pub compound: Option<(usize, usize)>,
    /// Words the pattern consumed, verb included (`start..end`).
    pub span: (usize, usize),
    /// 0 for the verb's default code; larger for longer, more specific patterns.
    pub specificity: u32,
    pub pattern: Option<PatternRef>,
}

impl PatternMatch {
    /// Whether the matched pattern says "no event" (`[---]`).
    pub fn is_discard(&self) -> bool {
        self.code == "---"
    }
}

#[derive(Debug)]
struct Block {
    name: String,
    file: String,
    file_no: u32,
    patterns: Vec<Pattern>,
    /// [`spelling_key`]s of the block's verbs; a verb's index here is its entry number.
    entries: Vec<String>,
}

#[derive(Debug)]
struct Form {
    verb: VerbId,
    entry: u32,
    pre: Phrase,
    post: Phrase,
    code: Option<String>,
    paired: Option<String>,
}

#[derive(Debug)]
struct Noun {
    pre: Phrase,
    post: Phrase,
    code: String,
    prepositions: Vec<String>,
}

/// Words that end a clause: patterns never reach across them.
fn is_boundary(w: &str) -> bool {
    matches!(w, "." | ";" | ":" | "!" | "?" | "\"" | "``" | "''")
}

fn lower(w: &str) -> Cow<'_, str> {
    if w.chars().any(char::is_uppercase) {
        Cow::Owned(w.to_lowercase())
    } else {
        Cow::Borrowed(w)
    }
}

/// FNV-1a, to name dictionary contents in the version string.
fn fnv(text: &str) -> u32 {
    text.bytes().fold(0x811c_9dc5_u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    })
}

/// A parsed verb/noun dictionary; immutable.
#[derive(Debug, Default)]
pub struct VerbDictionary {
    blocks: Vec<Block>,
    forms: Vec<Form>,
    form_index: HashMap<Box<str>, Vec<u32>>,
    lemma_index: HashMap<Box<str>, Vec<u32>>,
    synsets: Vec<Vec<Phrase>>,
    /// Per synset, the sorted [`pattern::word_key`]s of its members' first words.
    synset_first: Vec<Box<[u64]>>,
    synset_names: HashMap<String, u32>,
    nouns: Vec<Noun>,
    noun_index: HashMap<Box<str>, Vec<u32>>,
    noun_lemma_index: HashMap<Box<str>, Vec<u32>>,
    files: Vec<String>,
    stats: DictStats,
    warnings: Vec<VerbDictWarning>,
    author_rule: AuthorRule,
}

/// How a pattern written for one verb of a block (its comment names the verb) treats the other
/// verbs of the block.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
enum AuthorRule {
    /// Every pattern applies to every verb of its block (PETRARCH).
    #[default]
    Block,
    /// A pattern written for another verb of the block applies unless it gives an event of a
    /// different root than the hit verb's own code ("praised X to ..." is not WELCOME's visit):
    /// discards and same-root refinements still apply, and so does everything when the verb
    /// has no code of its own.
    NoCrossRoot,
}

/// The spelling of a verb name that its variants share: lowercase, no head marker, British
/// `-ise`/`-our` as American (`RECOGNISE` = `RECOGNIZE`, `HONOUR` = `HONOR`).
fn spelling_key(name: &str) -> String {
    name.split(['_', ' '])
        .filter(|w| !w.is_empty())
        .map(|w| {
            let w = w.trim_start_matches('+').to_lowercase();
            if let Some(stem) = w.strip_suffix("ise") {
                format!("{stem}ize")
            } else if let Some(stem) = w.strip_suffix("our") {
                format!("{stem}or")
            } else {
                w
            }
        })
        .collect::<Vec<_>>()
        .join("_")
}

/// Collects dictionary files; [`VerbDictionaryBuilder::build`] freezes them.
#[derive(Debug, Default)]
pub struct VerbDictionaryBuilder {
    dict: VerbDictionary,
    /// Set while the bundled files load: only their pattern comments name authors.
    bundled: bool,
}

static BUNDLED: LazyLock<Arc<VerbDictionary>> =
    LazyLock::new(|| Arc::new(VerbDictionary::builder().with_bundled().build()));

impl VerbDictionary {
    /// The embedded default dictionary (Phoenix CAMEO 2.0 + Caspian additions), parsed once.
    pub fn bundled() -> Arc<VerbDictionary> {
        Arc::clone(&BUNDLED)
    }

    pub fn builder() -> VerbDictionaryBuilder {
        VerbDictionaryBuilder::default()
    }

    /// Names the loaded files and their content hashes, e.g. `CAMEO.2.0.txt#1a2b3c4d+...`.
    pub fn version(&self) -> String {
        if self.files.is_empty() {
            "empty".to_string()
        } else {
            self.files.join("+")
        }
    }

    pub fn stats(&self) -> DictStats {
        self.stats
    }

    /// Entries skipped while loading, with file and line.
    pub fn warnings(&self) -> &[VerbDictWarning] {
        &self.warnings
    }

    /// The block name (`--- NAME [..] ---`) of a verb.
    pub fn verb_name(&self, verb: VerbId) -> Option<&str> {
        self.blocks.get(verb.0 as usize).map(|b| b.name.as_str())
    }

    /// `file:line NAME` of a pattern, for explanations.
    pub fn describe_pattern(&self, p: PatternRef) -> Option<String> {
        let block = self.blocks.get(p.verb.0 as usize)?;
        let pat = block.patterns.get(p.index as usize)?;
        let file = self
            .files
            .get(pat.file_no as usize)
            .map_or(block.file.as_str(), |f| {
                f.split_once('#').map_or(f.as_str(), |(n, _)| n)
            });
        Some(format!("{}:{} {}", file, pat.line, block.name))
    }

    /// Every code the dictionary can emit (verb defaults, pattern codes, noun codes).
    pub fn codes(&self) -> Vec<String> {
        let mut out: Vec<String> = self
            .forms
            .iter()
            .flat_map(|f| [f.code.clone(), f.paired.clone()])
            .flatten()
            .chain(
                self.blocks
                    .iter()
                    .flat_map(|b| &b.patterns)
                    .flat_map(|p| [p.code.clone(), p.paired.clone()])
                    .flatten(),
            )
            .chain(self.nouns.iter().map(|n| n.code.clone()))
            .collect();
        out.sort();
        out.dedup();
        out
    }

    /// Whether `text` looks like a PETRARCH/TABARI verb dictionary (or a Caspian noun list).
    pub fn is_verb_dictionary(text: &str) -> bool {
        text.lines().any(|l| {
            let t = l.trim();
            parse::header(t).is_some() || (t.starts_with('@') && t.contains('[') && t.contains(']'))
        })
    }

    /// Verb entries whose forms match with their verb word at index `i`; for multiword verbs the
    /// hit covers the particles. Longest hit per verb block; longer hits first.
    pub fn verbs_at(&self, words: &[&str], lemmas: Option<&[&str]>, i: usize) -> Vec<VerbHit> {
        let mut hits: Vec<VerbHit> = Vec::new();
        let Some(word) = words.get(i) else {
            return hits;
        };
        let by_form = self.form_index.get(lower(word).as_ref());
        let by_lemma = lemmas
            .and_then(|l| l.get(i))
            .and_then(|l| self.lemma_index.get(lower(l).as_ref()));
        for &id in by_form.into_iter().chain(by_lemma).flatten() {
            let form = &self.forms[id as usize];
            let Some((start, end)) = phrase_fits(words, i, &form.pre, &form.post) else {
                continue;
            };
            let hit = VerbHit {
                start,
                end,
                verb: form.verb,
                entry: form.entry,
                default_code: form.code.clone(),
                default_paired_code: form.paired.clone(),
            };
            match hits.iter_mut().find(|h| h.verb == hit.verb) {
                Some(h) if h.end - h.start < end - start => *h = hit,
                Some(_) => {}
                None => hits.push(hit),
            }
        }
        hits.sort_by_key(|h| (std::cmp::Reverse(h.end - h.start), h.verb));
        hits
    }

    /// The most specific pattern of the hit's verb block that matches the sentence, else the
    /// verb's default code (specificity 0); `None` when neither gives a code.
    pub fn best_match(&self, hit: &VerbHit, sentence: &SentenceView) -> Option<PatternMatch> {
        let block = self.blocks.get(hit.verb.0 as usize)?;
        let words = sentence.words;
        // A hit from another sentence (or a hand-made one) must not index out of bounds.
        if hit.start >= hit.end || hit.end > words.len() {
            return None;
        }
        let lo_limit = (0..hit.start.min(words.len()))
            .rev()
            .find(|&k| is_boundary(words[k]))
            .map_or(0, |k| k + 1);
        let hi_limit = (hit.end..words.len())
            .find(|&k| is_boundary(words[k]))
            .unwrap_or(words.len());
        let ctx = Ctx {
            view: sentence,
            synsets: &self.synsets,
            lo_limit,
            hi_limit,
        };
        let start = State {
            source: None,
            target: None,
            compound: None,
            lo: hit.start,
            hi: hit.end,
            gaps: 0,
        };
        // Ranking: more specific, then fewer skipped words, then the later file (so additions
        // override Phoenix on ties), then the earlier pattern in the file.
        // Literal words (and lemmas) of the clause, for skipping patterns that need a word the
        // clause lacks without running the matcher (most patterns of a common verb).
        let mut present: Vec<u64> = Vec::with_capacity(2 * (hi_limit - lo_limit));
        present.extend(
            words[lo_limit..hi_limit]
                .iter()
                .map(|w| pattern::word_key(w)),
        );
        if let Some(lemmas) = sentence.lemmas {
            let hi = hi_limit.min(lemmas.len());
            if lo_limit < hi {
                present.extend(lemmas[lo_limit..hi].iter().map(|w| pattern::word_key(w)));
            }
        }
        present.sort_unstable();
        // A pattern written for another verb of the block may be ruled out (see `AuthorRule`).
        let root = |c: &Option<String>| c.as_ref().map(|c| c.get(..2).unwrap_or(c).to_string());
        let own_root = root(&hit.default_code);
        let applies = |p: &Pattern| {
            let foreign = p
                .author_verb
                .as_ref()
                .is_some_and(|a| !a.contains(&hit.entry));
            match (self.author_rule, foreign) {
                (_, false) | (AuthorRule::Block, true) => true,
                (AuthorRule::NoCrossRoot, true) => {
                    let discard = p.code.is_none() && p.paired.is_none();
                    discard || own_root.is_none() || root(&p.code) == own_root
                }
            }
        };
        let mut best: Option<(u32, usize, usize, State)> = None;
        for (k, p) in block.patterns.iter().enumerate() {
            if best.as_ref().is_some_and(|b| b.0 > p.specificity) || !applies(p) {
                continue;
            }
            if !p.required.iter().all(|r| present.binary_search(r).is_ok()) {
                continue;
            }
            let member_present = |id: &u32| {
                self.synset_first[*id as usize]
                    .iter()
                    .any(|k| present.binary_search(k).is_ok())
            };
            if !p.synsets.iter().all(member_present) {
                continue;
            }
            let Some(st) = ctx
                .after(&p.after, hit.end, start)
                .and_then(|st| ctx.before(&p.before, hit.start, st))
            else {
                continue;
            };
            let better = match &best {
                None => true,
                Some((spec, gaps, bk, _)) => {
                    let held = block.patterns[*bk].file_no;
                    (p.specificity, std::cmp::Reverse(st.gaps), p.file_no)
                        > (*spec, std::cmp::Reverse(*gaps), held)
                }
            };
            if better {
                best = Some((p.specificity, st.gaps, k, st));
            }
        }
        if let Some((spec, _, k, st)) = best {
            let p = &block.patterns[k];
            let (code, paired, reversed) = match (&p.code, &p.paired) {
                (Some(c), paired) => (c.clone(), paired.clone(), false),
                (None, Some(b)) => (b.clone(), None, true),
                (None, None) => ("---".to_string(), None, false),
            };
            return Some(PatternMatch {
                code,
                paired_code: paired,
                reversed,
                source: st.source,
                target: st.target,
                compound: st.compound,
                span: (st.lo, st.hi),
                specificity: spec,
                pattern: Some(PatternRef {
                    verb: hit.verb,
                    index: k as u32,
                }),
            });
        }
        let (code, paired_code, reversed) = match (&hit.default_code, &hit.default_paired_code) {
            (Some(c), p) => (c.clone(), p.clone(), false),
            (None, Some(b)) => (b.clone(), None, true),
            (None, None) => return None,
        };
        Some(PatternMatch {
            code,
            paired_code,
            reversed,
            source: None,
            target: None,
            compound: None,
            span: (hit.start, hit.end),
            specificity: 0,
            pattern: None,
        })
    }

    /// Event nouns whose head word is at index `i` ("arrest" in "the arrest of").
    pub fn nouns_at(&self, words: &[&str], lemmas: Option<&[&str]>, i: usize) -> Vec<NounHit> {
        let mut hits: Vec<NounHit> = Vec::new();
        let Some(word) = words.get(i) else {
            return hits;
        };
        let by_form = self.noun_index.get(lower(word).as_ref());
        let by_lemma = lemmas
            .and_then(|l| l.get(i))
            .and_then(|l| self.noun_lemma_index.get(lower(l).as_ref()));
        let mut seen: Vec<u32> = Vec::new();
        for &id in by_form.into_iter().chain(by_lemma).flatten() {
            if seen.contains(&id) {
                continue;
            }
            seen.push(id);
            let noun = &self.nouns[id as usize];
            let Some((start, end)) = phrase_fits(words, i, &noun.pre, &noun.post) else {
                continue;
            };
            let limit = (end + 4).min(words.len());
            let found = (end..limit)
                .take_while(|&k| !is_boundary(words[k]))
                .find_map(|k| {
                    noun.prepositions
                        .iter()
                        .find(|p| words[k].eq_ignore_ascii_case(p))
                        .map(|p| (p.clone(), k))
                });
            let (preposition, preposition_at) = match found {
                Some((p, k)) => (Some(p), Some(k)),
                None => (noun.prepositions.first().cloned(), None),
            };
            hits.push(NounHit {
                start,
                end,
                code: noun.code.clone(),
                preposition,
                preposition_at,
            });
        }
        // Longest phrase first, so "supplier of weapons" beats "supplier".
        hits.sort_by_key(|h| std::cmp::Reverse(h.end - h.start));
        hits
    }
}

/// The first code of a pair that is not an event code: two to four digits
/// with an optional capital letter (`173`, `0871`, PETRARCH's `174K`).
fn malformed_code(pair: &parse::CodePair) -> Option<&str> {
    let ok = |c: &str| {
        let digits = c.chars().take_while(char::is_ascii_digit).count();
        let rest = &c[digits..];
        (2..=4).contains(&digits)
            && (rest.is_empty() || rest.len() == 1 && rest.chars().all(|x| x.is_ascii_uppercase()))
    };
    [pair.primary.as_deref(), pair.paired.as_deref()]
        .into_iter()
        .flatten()
        .find(|c| !ok(c))
}

/// The word range of a phrase whose head is at `i`, if the surrounding words match.
fn phrase_fits(
    words: &[&str],
    i: usize,
    pre: &[Box<str>],
    post: &[Box<str>],
) -> Option<(usize, usize)> {
    let start = i.checked_sub(pre.len())?;
    let end = i + 1 + post.len();
    if end > words.len() {
        return None;
    }
    let ok = pre
        .iter()
        .enumerate()
        .all(|(k, w)| words[start + k].eq_ignore_ascii_case(w))
        && post
            .iter()
            .enumerate()
            .all(|(k, w)| words[i + 1 + k].eq_ignore_ascii_case(w));
    ok.then_some((start, end))
}

/// A `_`-joined phrase with an optional `+` head marker, as (words, head index).
fn split_phrase(phrase: &str, default_head_last: bool) -> (Vec<String>, usize) {
    let mut head = None;
    let words: Vec<String> = phrase
        .split(['_', ' '])
        .filter(|w| !w.is_empty())
        .enumerate()
        .map(|(k, w)| match w.strip_prefix('+') {
            Some(rest) => {
                head = Some(k);
                rest.to_lowercase()
            }
            None => w.to_lowercase(),
        })
        .collect();
    let head = head.unwrap_or(if default_head_last {
        words.len().saturating_sub(1)
    } else {
        0
    });
    (words, head)
}

fn to_phrase(words: &[String]) -> Phrase {
    words.iter().map(|w| w.as_str().into()).collect()
}

impl VerbDictionaryBuilder {
    /// Adds the bundled files (Phoenix CAMEO 2.0, Caspian additions and nouns).
    pub fn with_bundled(mut self) -> Self {
        self.bundled = true;
        // Measured against strict and fallback variants (crates/coder/RESULTS.md, session 4).
        self.dict.author_rule = AuthorRule::NoCrossRoot;
        for (name, text) in BUNDLED_FILES {
            if let Err(e) = self.add_file(name, text) {
                // The bundled files are tested; reaching this is a build defect, not user input.
                panic!("bundled verb dictionary is malformed: {e}");
            }
        }
        self.bundled = false;
        self
    }

    /// Parses one dictionary file; returns how many entries (verbs, patterns, nouns) it added.
    pub fn add_file(&mut self, name: &str, text: &str) -> Result<usize, VerbDictError> {
        let raw = parse::read(name, text)?;
        let d = &mut self.dict;
        let before = d.stats;
        d.stats.transformations += raw.transformations;
        let RawFile {
            synsets,
            blocks,
            nouns,
            ..
        } = raw;
        // Synsets: file-local definitions shadow earlier files' ones of the same name.
        let mut local: HashMap<String, u32> = HashMap::new();
        for s in synsets {
            let no_plural_label = s.name.ends_with('_');
            let mut phrases: Vec<Phrase> = Vec::new();
            for (member, line) in &s.members {
                if let Some(inner) = member.strip_prefix('&') {
                    let inner = inner.split_whitespace().next().unwrap_or_default();
                    let id = local
                        .get(inner)
                        .or_else(|| d.synset_names.get(inner))
                        .copied();
                    match id {
                        Some(id) => phrases.extend(d.synsets[id as usize].clone()),
                        None => d.warnings.push(VerbDictWarning {
                            file: name.to_string(),
                            line: *line,
                            message: format!("synset &{} uses undefined synset &{inner}", s.name),
                        }),
                    }
                    continue;
                }
                let no_plural = no_plural_label || member.ends_with('_');
                let (words, _) = split_phrase(member, true);
                if words.is_empty() {
                    continue;
                }
                if !no_plural {
                    let mut pl = words.clone();
                    if let Some(last) = pl.last_mut() {
                        *last = forms::plural(last);
                    }
                    phrases.push(to_phrase(&pl));
                }
                phrases.push(to_phrase(&words));
            }
            // Longer phrases first, so "economic sanctions" is preferred over a one-word member.
            phrases.sort_by_key(|p| std::cmp::Reverse(p.len()));
            let id = d.synsets.len() as u32;
            let mut first: Vec<u64> = phrases.iter().map(|p| pattern::word_key(&p[0])).collect();
            first.sort_unstable();
            first.dedup();
            d.synset_first.push(first.into_boxed_slice());
            d.synsets.push(phrases);
            d.stats.synsets += 1;
            let trimmed = s.name.trim_end_matches('_').to_string();
            local.insert(s.name.clone(), id);
            local.insert(trimmed, id);
        }
        // Patterns see this file's synsets, then those of earlier files.
        for (k, v) in &local {
            d.synset_names.insert(k.clone(), *v);
        }
        let scope = d.synset_names.clone();
        let resolve = |n: &str| -> Option<u32> {
            scope
                .get(n)
                .or_else(|| scope.get(n.trim_end_matches('_')))
                .copied()
        };
        let file_no = d.files.len() as u32;
        for b in blocks {
            // A block named like one of an earlier file extends it (Caspian's additions add
            // patterns to Phoenix blocks this way); otherwise it is a new block.
            let existing = d
                .blocks
                .iter()
                .position(|x| x.name == b.name && x.file_no < file_no);
            let verb = VerbId(existing.unwrap_or(d.blocks.len()) as u32);
            if existing.is_none() {
                d.blocks.push(Block {
                    name: b.name.clone(),
                    file: name.to_string(),
                    file_no,
                    patterns: Vec::new(),
                    entries: Vec::new(),
                });
                d.stats.blocks += 1;
            }
            for v in &b.verbs {
                let own = v.code.as_ref().unwrap_or(&b.code);
                // A malformed verb code (`[025?]`, `[+++]`) codes nothing, as in PETRARCH.
                let (code, paired) = match malformed_code(own) {
                    Some(_) => (None, None),
                    None => (own.primary.clone(), own.paired.clone()),
                };
                let (base, head) = split_phrase(&v.phrase, false);
                if base.is_empty() {
                    continue;
                }
                d.stats.verbs += 1;
                let entries = &mut d.blocks[verb.0 as usize].entries;
                let key = spelling_key(&v.phrase);
                let entry = match entries.iter().position(|e| *e == key) {
                    Some(k) => k,
                    None => {
                        entries.push(key);
                        entries.len() - 1
                    }
                } as u32;
                let mut variants: Vec<(Vec<String>, usize)> = vec![(base.clone(), head)];
                match &v.forms {
                    Some(list) => {
                        for f in list {
                            let (w, h) = split_phrase(f, false);
                            let h = if f.contains('+') {
                                h
                            } else {
                                head.min(w.len().saturating_sub(1))
                            };
                            if !w.is_empty() {
                                variants.push((w, h));
                            }
                        }
                    }
                    None => {
                        for f in forms::verb_forms(&base[head]).into_iter().skip(1) {
                            let mut w = base.clone();
                            w[head] = f;
                            variants.push((w, head));
                        }
                    }
                }
                for (k, (w, h)) in variants.iter().enumerate() {
                    let id = d.forms.len() as u32;
                    let form = Form {
                        verb,
                        entry,
                        pre: to_phrase(&w[..*h]),
                        post: to_phrase(&w[h + 1..]),
                        code: code.clone(),
                        paired: paired.clone(),
                    };
                    // A verb phrase defined again shadows the earlier entry, as in PETRARCH where
                    // the last definition of a verb wins; across files this lets additions
                    // re-code a Phoenix verb ("condemn" 112 -> 111).
                    let forms = &d.forms;
                    let shadow = |ids: &mut Vec<u32>| {
                        ids.retain(|&o| {
                            let old = &forms[o as usize];
                            !(old.pre == form.pre && old.post == form.post)
                        });
                        ids.push(id);
                    };
                    shadow(d.form_index.entry(w[*h].as_str().into()).or_default());
                    if k == 0 {
                        shadow(d.lemma_index.entry(w[*h].as_str().into()).or_default());
                    }
                    d.forms.push(form);
                    d.stats.verb_forms += 1;
                }
            }
            let mut patterns = Vec::with_capacity(b.patterns.len());
            for p in &b.patterns {
                if let Some(bad) = p.code.as_ref().and_then(malformed_code) {
                    d.stats.skipped_patterns += 1;
                    d.warnings.push(VerbDictWarning {
                        file: name.to_string(),
                        line: p.line,
                        message: format!("malformed event code `{bad}`: pattern ignored"),
                    });
                    continue;
                }
                let Some(code) = &p.code else {
                    d.stats.skipped_patterns += 1;
                    d.warnings.push(VerbDictWarning {
                        file: name.to_string(),
                        line: p.line,
                        message: "pattern without `[code]`".to_string(),
                    });
                    continue;
                };
                let entries = &d.blocks[verb.0 as usize].entries;
                let author_verb: Option<Box<[u32]>> = if self.bundled {
                    let ids: Vec<u32> = p
                        .authors
                        .iter()
                        .filter_map(|a| {
                            let key = spelling_key(a);
                            entries.iter().position(|e| *e == key).map(|k| k as u32)
                        })
                        .collect();
                    (!ids.is_empty()).then(|| ids.into_boxed_slice())
                } else {
                    None
                };
                match pattern::compile(&p.body, &resolve) {
                    Ok((before, after, specificity)) => patterns.push(Pattern {
                        required: pattern::required_words(&before, &after),
                        synsets: pattern::required_synsets(&before, &after),
                        before,
                        after,
                        code: code.primary.clone(),
                        paired: code.paired.clone(),
                        specificity,
                        line: p.line as u32,
                        file_no,
                        author_verb,
                    }),
                    Err(message) => {
                        d.stats.skipped_patterns += 1;
                        d.warnings.push(VerbDictWarning {
                            file: name.to_string(),
                            line: p.line,
                            message,
                        });
                    }
                }
            }
            d.stats.patterns += patterns.len();
            d.blocks[verb.0 as usize].patterns.extend(patterns);
        }
        for n in nouns {
            let Some(code) = n.code.primary.clone() else {
                continue;
            };
            let (words, head) = split_phrase(&n.phrase, true);
            if words.is_empty() {
                continue;
            }
            let id = d.nouns.len() as u32;
            let _ = n.line;
            d.nouns.push(Noun {
                pre: to_phrase(&words[..head]),
                post: to_phrase(&words[head + 1..]),
                code,
                prepositions: n.prepositions,
            });
            let singular = words[head].clone();
            let plural = forms::plural(&singular);
            d.noun_lemma_index
                .entry(singular.as_str().into())
                .or_default()
                .push(id);
            d.noun_index.entry(singular.into()).or_default().push(id);
            d.noun_index.entry(plural.into()).or_default().push(id);
            d.stats.nouns += 1;
        }
        d.files.push(format!("{name}#{:08x}", fnv(text)));
        let after = d.stats;
        Ok((after.verbs - before.verbs)
            + (after.patterns - before.patterns)
            + (after.nouns - before.nouns))
    }

    /// Entries skipped so far.
    pub fn warnings(&self) -> &[VerbDictWarning] {
        &self.dict.warnings
    }

    pub fn build(self) -> VerbDictionary {
        self.dict
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dict(text: &str) -> VerbDictionary {
        let mut b = VerbDictionary::builder();
        b.add_file("t.txt", text).expect("test dictionary parses");
        b.build()
    }

    const TEXT: &str = "--- SURROUND [---] ---\n+CORDON_OFF {+CORDONED_OFF +CORDONS_OFF +CORDONING_OFF} [191]\nWIRE_+TAP [091]\nSPEED {SPEEDING SPEEDS SPED}\nARREST [173]\n@ARREST [173] OF\n@+SUPPLIER_OF_WEAPONS [072] TO\n";

    #[test]
    fn verb_forms_are_inflected_and_multiword_hits_cover_particles() {
        let d = dict(TEXT);
        let words = ["Police", "cordoned", "off", "the", "square"];
        let hits = d.verbs_at(&words, None, 1);
        assert_eq!(hits.len(), 1);
        assert_eq!((hits[0].start, hits[0].end), (1, 3));
        assert_eq!(hits[0].default_code.as_deref(), Some("191"));
        // Regular forms generated, irregular ones as listed only.
        assert_eq!(d.verbs_at(&["ARRESTING"], None, 0).len(), 1);
        assert_eq!(d.verbs_at(&["sped"], None, 0).len(), 1);
        assert!(d.verbs_at(&["speeded"], None, 0).is_empty());
        // The verb word may come after its partner word.
        let hits = d.verbs_at(&["they", "wire", "tapped", "phones"], None, 2);
        assert_eq!((hits[0].start, hits[0].end), (1, 3));
        // A lemma finds forms the generator does not know.
        let hits = d.verbs_at(&["arrestin'"], Some(&["arrest"]), 0);
        assert_eq!(hits.len(), 1);
        assert!(d.verbs_at(&["cordoned"], None, 0).is_empty());
    }

    #[test]
    fn nouns_find_their_target_preposition() {
        let d = dict(TEXT);
        let words = ["the", "arrests", "last", "week", "of", "activists"];
        let hits = d.nouns_at(&words, None, 1);
        assert_eq!(hits[0].preposition.as_deref(), Some("of"));
        assert_eq!(hits[0].preposition_at, Some(4));
        let words = ["largest", "suppliers", "of", "weapons", "to", "Baku"];
        let hits = d.nouns_at(&words, None, 1);
        assert_eq!(
            (hits[0].start, hits[0].end, hits[0].code.as_str()),
            (1, 4, "072")
        );
        assert_eq!(hits[0].preposition_at, Some(4));
    }

    #[test]
    fn default_code_when_no_pattern_matches_and_none_for_null_verbs() {
        let d = dict("--- VISIT [042:043] ---\nVISIT\n- * HOSPITAL [---]\n--- SAY [---] ---\nSAY {SAID SAYS SAYING}\n");
        let words = ["A", "visited", "B", "and", "said", "so"];
        let view = SentenceView {
            words: &words,
            lemmas: None,
            actor_ranges: &[(0, 1), (2, 3)],
        };
        let hit = &d.verbs_at(&words, None, 1)[0];
        let m = d.best_match(hit, &view).expect("default code");
        assert_eq!(
            (m.code.as_str(), m.paired_code.as_deref(), m.specificity),
            ("042", Some("043"), 0)
        );
        let said = &d.verbs_at(&words, None, 4)[0];
        assert_eq!(d.best_match(said, &view), None);
        let words = ["A", "visited", "a", "hospital"];
        let view = SentenceView {
            words: &words,
            lemmas: None,
            actor_ranges: &[(0, 1)],
        };
        let hit = &d.verbs_at(&words, None, 1)[0];
        assert!(d.best_match(hit, &view).is_some_and(|m| m.is_discard()));
    }

    #[test]
    fn foreign_hits_and_odd_ranges_do_not_panic() {
        let d = dict("--- VISIT [042] ---\nVISIT\n- $ ^ * + (TO) % [043]\n");
        let words = ["visited"];
        let hit = VerbHit {
            start: 3,
            end: 5,
            verb: VerbId(0),
            entry: 0,
            default_code: None,
            default_paired_code: None,
        };
        let ranges = [(0, 9), (2, 1)];
        let view = SentenceView {
            words: &words,
            lemmas: Some(&[]),
            actor_ranges: &ranges,
        };
        assert_eq!(d.best_match(&hit, &view), None);
        let hit = &d.verbs_at(&words, Some(&[]), 0)[0];
        assert_eq!(
            d.best_match(hit, &view).map(|m| m.code),
            Some("042".to_string())
        );
        assert!(d.verbs_at(&words, None, 7).is_empty());
        assert!(d.nouns_at(&words, None, 7).is_empty());
    }

    #[test]
    fn detects_verb_dictionaries_only() {
        assert!(VerbDictionary::is_verb_dictionary(
            "# x\n---  ARREST  [173] ---\nARREST\n"
        ));
        assert!(VerbDictionary::is_verb_dictionary("@ARREST [173] OF\n"));
        assert!(!VerbDictionary::is_verb_dictionary(
            "AZERBAIJAN [AZE]\n+AZERI_GOVERNMENT [AZEGOV]\n"
        ));
        assert!(!VerbDictionary::is_verb_dictionary(
            "<!-- ---- -->\nWORLD CUP\n"
        ));
    }

    #[test]
    fn malformed_codes_are_ignored_with_a_warning() {
        let d = dict(
            "--- RESTORE [064] ---\nRESTORE\n- * FXLL TIES [+++]\n--- REPORT [025?] ---\nREPORT\n",
        );
        assert_eq!(d.stats().skipped_patterns, 1);
        assert!(d.warnings()[0].message.contains("`+++`"));
        let words = ["A", "restored", "fxll", "ties"];
        let view = SentenceView {
            words: &words,
            lemmas: None,
            actor_ranges: &[(0, 1)],
        };
        let hit = &d.verbs_at(&words, None, 1)[0];
        let m = d.best_match(hit, &view).expect("the verb's own code");
        assert_eq!((m.code.as_str(), m.specificity), ("064", 0));
        let reported = &d.verbs_at(&["reported"], None, 0)[0];
        assert_eq!(reported.default_code, None);
    }

    #[test]
    fn bundled_patterns_written_for_another_verb_keep_to_its_root() {
        let code = |d: &VerbDictionary, verb: &str| {
            let words = ["A", verb, "B", "to", "the", "summit"];
            let view = SentenceView {
                words: &words,
                lemmas: None,
                actor_ranges: &[(0, 1), (2, 3)],
            };
            let hit = &d.verbs_at(&words, None, 1)[0];
            d.best_match(hit, &view).map(|m| m.code)
        };
        // ACCLAIM's `- * (TO SUMMIT) [042:043] # WELCOME` is not a visit when one "praised".
        let bundled = VerbDictionary::bundled();
        assert_eq!(code(&bundled, "praised").as_deref(), Some("051"));
        assert_eq!(code(&bundled, "welcomed").as_deref(), Some("042"));
        // A user's file keeps PETRARCH's block semantics.
        let user =
            dict("--- ACCLAIM [051] ---\nPRAISE\nWELCOME\n- * (TO SUMMIT) [042:043] # WELCOME\n");
        assert_eq!(code(&user, "praised").as_deref(), Some("042"));
    }

    #[test]
    fn spelling_variants_are_one_entry() {
        assert_eq!(spelling_key("RECOGNISE"), spelling_key("recognize"));
        assert_eq!(spelling_key("HONOUR"), spelling_key("+HONOR"));
        assert_eq!(spelling_key("SET_UP"), "set_up");
    }

    #[test]
    fn errors_name_file_and_line() {
        let mut b = VerbDictionary::builder();
        let e = b
            .add_file("mine.txt", "--- A [010] ---\nA {AS AED\n")
            .unwrap_err();
        assert_eq!(e.to_string(), "mine.txt:2: unterminated `{` verb forms");
    }
}
