//! Compiled PETRARCH/TABARI patterns and the matcher over a flat token sequence with actor ranges.
//!
//! Without a constituency parse, PETRARCH 2's noun-phrase and prepositional-phrase structure is
//! flattened: `{FINANCIAL AID}` and `(FOR AID)` become words that must appear in order, with small
//! gaps allowed between elements (TABARI semantics); `_` demands adjacency. A prepositional group
//! with no noun, `(WITH)`, means "this preposition, then the target actor if one follows".

use crate::SentenceView;

/// Largest number of words skipped between two pattern elements.
const MAX_GAP: usize = 6;

/// Largest number of words skipped before a `$`/`+` slot after the verb.
const MAX_SLOT_GAP: usize = 3;

/// Words that end a noun phrase: an actor behind one of them is not the verb's object.
const PREPOSITIONS: &[&str] = &[
    "of", "on", "in", "at", "to", "for", "with", "against", "from", "by", "about", "over", "into",
    "after", "before", "during", "under", "near", "that", "which", "who",
];

#[derive(Debug, Clone)]
pub enum Elem {
    Word(Box<str>),
    Synset(u32),
    Source,
    Target,
    Skip,
    Compound,
    PrepTarget(Box<str>),
}

#[derive(Debug, Clone)]
pub struct Item {
    pub elem: Elem,
    /// Must touch the previous element (or the verb): joined with `_` in the dictionary.
    pub adjacent: bool,
}

#[derive(Debug, Clone)]
pub struct Pattern {
    /// Elements before the verb, nearest to the verb first.
    pub before: Vec<Item>,
    pub after: Vec<Item>,
    pub code: Option<String>,
    pub paired: Option<String>,
    pub specificity: u32,
    pub line: u32,
    /// Which loaded file the pattern came from (blocks can span files).
    pub file_no: u32,
    /// [`word_key`]s of the literal words the pattern needs (`Word` and preposition elements):
    /// a sentence lacking one of them cannot match, which is checked before matching.
    pub required: Box<[u64]>,
    /// Synsets the pattern needs (one of their members must be in the sentence).
    pub synsets: Box<[u32]>,
    /// The block entries (verbs) the pattern was written for, from its trailing comment in a
    /// bundled file; `None` when it names no verb of the block (or the file is a user's).
    pub author_verb: Option<Box<[u32]>>,
}

/// Case-insensitive (ASCII, as [`str::eq_ignore_ascii_case`]) hash of a word, for the
/// required-word prefilter; a collision only costs a full match attempt.
pub fn word_key(w: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in w.bytes() {
        h ^= u64::from(b.to_ascii_lowercase());
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// The synset ids used in `before` and `after`, deduplicated.
pub fn required_synsets(before: &[Item], after: &[Item]) -> Box<[u32]> {
    let mut ids: Vec<u32> = before
        .iter()
        .chain(after)
        .filter_map(|it| match it.elem {
            Elem::Synset(id) => Some(id),
            _ => None,
        })
        .collect();
    ids.sort_unstable();
    ids.dedup();
    ids.into_boxed_slice()
}

/// The sorted, deduplicated [`word_key`]s of the literal words in `before` and `after`.
pub fn required_words(before: &[Item], after: &[Item]) -> Box<[u64]> {
    let mut keys: Vec<u64> = before
        .iter()
        .chain(after)
        .filter_map(|it| match &it.elem {
            Elem::Word(w) | Elem::PrepTarget(w) => Some(word_key(w)),
            _ => None,
        })
        .collect();
    keys.sort_unstable();
    keys.dedup();
    keys.into_boxed_slice()
}

/// A token of a pattern body before element resolution.
#[derive(Debug)]
enum Tok {
    Verb,
    Elem(Elem),
}

/// Compiles a pattern body; `Err` carries a reason (for example an undefined synset).
pub fn compile(
    body: &str,
    resolve_synset: &dyn Fn(&str) -> Option<u32>,
) -> Result<(Vec<Item>, Vec<Item>, u32), String> {
    // Pad grouping characters so they become their own whitespace tokens.
    let mut padded = String::with_capacity(body.len() + 8);
    for c in body.chars() {
        if matches!(c, '(' | ')' | '{' | '}' | '*') {
            padded.push(' ');
            padded.push(c);
            padded.push(' ');
        } else {
            padded.push(c);
        }
    }
    let raw: Vec<&str> = padded.split_whitespace().collect();
    let mut toks: Vec<(Tok, bool)> = Vec::new();
    let mut join_next = false;
    let mut i = 0;
    while i < raw.len() {
        let t = raw[i];
        match t {
            "{" | "}" | ")" => {
                i += 1;
                continue;
            }
            "(" => {
                // A lone preposition in parentheses introduces the target.
                if i + 2 < raw.len() && raw[i + 2] == ")" && is_plain_word(raw[i + 1]) {
                    toks.push((
                        Tok::Elem(Elem::PrepTarget(raw[i + 1].to_lowercase().into())),
                        join_next,
                    ));
                    join_next = false;
                    i += 3;
                    continue;
                }
                i += 1;
                continue;
            }
            _ => {}
        }
        let parts = join_synset_names(t.split('_').collect(), resolve_synset);
        let n = parts.len();
        for (k, p) in parts.iter().enumerate() {
            if p.is_empty() {
                // A trailing `_` ties this token to the next one.
                if k == n - 1 {
                    join_next = true;
                }
                continue;
            }
            let adjacent = if k == 0 { join_next } else { true };
            join_next = false;
            let tok = match p.as_str() {
                "*" => Tok::Verb,
                "$" => Tok::Elem(Elem::Source),
                "+" => Tok::Elem(Elem::Target),
                "^" => Tok::Elem(Elem::Skip),
                "%" => Tok::Elem(Elem::Compound),
                s if s.starts_with('&') => {
                    let name = &s[1..];
                    let id =
                        resolve_synset(name).ok_or_else(|| format!("undefined synset &{name}"))?;
                    Tok::Elem(Elem::Synset(id))
                }
                s => Tok::Elem(Elem::Word(s.to_lowercase().into())),
            };
            toks.push((tok, adjacent));
        }
        i += 1;
    }
    let verb_at = toks
        .iter()
        .position(|(t, _)| matches!(t, Tok::Verb))
        .ok_or_else(|| "pattern without `*`".to_string())?;
    if toks.iter().filter(|(t, _)| matches!(t, Tok::Verb)).count() > 1 {
        return Err("pattern with more than one `*`".to_string());
    }
    let mut before = Vec::new();
    // Walking leftwards from the verb, an element's adjacency is the joint on its right.
    for k in (0..verb_at).rev() {
        if let Tok::Elem(e) = &toks[k].0 {
            before.push(Item {
                elem: e.clone(),
                adjacent: toks[k + 1].1,
            });
        }
    }
    let mut after = Vec::new();
    for (t, adj) in &toks[verb_at + 1..] {
        if let Tok::Elem(e) = t {
            after.push(Item {
                elem: e.clone(),
                adjacent: *adj,
            });
        }
    }
    let specificity = before.iter().chain(&after).map(weight).sum::<u32>() + 1;
    Ok((before, after, specificity))
}

/// Re-joins `&FIGHT`, `OF`, `WORDS` into `&FIGHT_OF_WORDS` when that synset exists (longest first).
fn join_synset_names(parts: Vec<&str>, resolve: &dyn Fn(&str) -> Option<u32>) -> Vec<String> {
    let mut out = Vec::with_capacity(parts.len());
    let mut k = 0;
    while k < parts.len() {
        let mut taken = 1;
        if parts[k].starts_with('&') {
            for j in (k + 1..parts.len()).rev() {
                let name = parts[k..=j].join("_");
                if resolve(&name[1..]).is_some() {
                    taken = j - k + 1;
                    break;
                }
            }
        }
        out.push(parts[k..k + taken].join("_"));
        k += taken;
    }
    out
}

fn is_plain_word(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_alphabetic() || c == '\'' || c == '-')
}

fn weight(item: &Item) -> u32 {
    let base = match item.elem {
        Elem::Word(_) | Elem::Synset(_) => 3,
        Elem::PrepTarget(_) | Elem::Compound => 2,
        Elem::Source | Elem::Target => 2,
        Elem::Skip => 0,
    };
    base + u32::from(item.adjacent)
}

/// A synset member phrase, lowercase words.
pub type Phrase = Box<[Box<str>]>;

/// Matching context for one sentence and verb span.
pub struct Ctx<'a, 'b> {
    pub view: &'a SentenceView<'b>,
    pub synsets: &'a [Vec<Phrase>],
    /// First word index that may be used before the verb (clause start).
    pub lo_limit: usize,
    /// One past the last word usable after the verb (clause end).
    pub hi_limit: usize,
}

#[derive(Debug, Clone, Copy)]
pub struct State {
    pub source: Option<usize>,
    pub target: Option<usize>,
    /// The two actor ranges a `%` matched.
    pub compound: Option<(usize, usize)>,
    pub lo: usize,
    pub hi: usize,
    pub gaps: usize,
}

impl Ctx<'_, '_> {
    fn word_is(&self, i: usize, w: &str) -> bool {
        self.view.words[i].eq_ignore_ascii_case(w)
            || self
                .view
                .lemmas
                .is_some_and(|l| l.get(i).is_some_and(|x| x.eq_ignore_ascii_case(w)))
    }

    fn phrase_at(&self, start: usize, p: &[Box<str>], lo: usize, hi: usize) -> bool {
        start >= lo
            && start + p.len() <= hi
            && p.iter()
                .enumerate()
                .all(|(k, w)| self.word_is(start + k, w))
    }

    fn actor_starting(&self, i: usize) -> Option<usize> {
        if i >= self.hi_limit {
            return None;
        }
        self.view.actor_ranges.iter().position(|r| r.0 == i)
    }

    fn actor_ending(&self, e: usize) -> Option<usize> {
        self.view
            .actor_ranges
            .iter()
            .position(|r| r.1 == e && r.0 >= self.lo_limit)
    }

    fn is_conj(&self, i: usize) -> bool {
        let w = self.view.words[i];
        w == "," || w == "&" || w.eq_ignore_ascii_case("and")
    }

    /// Matches `items[k..]` rightwards from `pos`.
    pub fn after(&self, items: &[Item], pos: usize, st: State) -> Option<State> {
        let Some(item) = items.first() else {
            return Some(State {
                hi: st.hi.max(pos),
                ..st
            });
        };
        let rest = &items[1..];
        let max_start = if item.adjacent {
            pos
        } else {
            (pos + MAX_GAP).min(self.hi_limit)
        };
        for c in pos..=max_start {
            // Gaps never swallow a comma: it usually ends the verb's phrase.
            if c > pos && self.view.words.get(c - 1).is_some_and(|w| *w == ",") {
                break;
            }
            let st = State {
                gaps: st.gaps + (c - pos),
                ..st
            };
            let found = match &item.elem {
                Elem::Word(w) => {
                    if c < self.hi_limit && self.word_is(c, w) {
                        self.after(rest, c + 1, st)
                    } else {
                        None
                    }
                }
                Elem::Synset(id) => self.synsets[*id as usize]
                    .iter()
                    .filter(|p| self.phrase_at(c, p, 0, self.hi_limit))
                    .find_map(|p| self.after(rest, c + p.len(), st)),
                // Only the verb's direct object slot (`* +`) is held to the strict gap rule;
                // after other elements TABARI lets the slot float ("* MONEY $": "money from X").
                Elem::Source | Elem::Target if pos != st.hi || self.slot_gap_ok(pos, c) => {
                    self.actor_starting(c).and_then(|a| {
                        let st = assign(st, &item.elem, a)?;
                        self.after(rest, self.view.actor_ranges[a].1, st)
                    })
                }
                Elem::Source | Elem::Target => None,
                Elem::Skip => {
                    // `^` skips a noun phrase: an actor with its article ("at ^ +" over
                    // "at the Gondor of the Prince" skips "the Gondor").
                    let start = if c + 1 < self.hi_limit && is_article(self.view.words[c]) {
                        c + 1
                    } else {
                        c
                    };
                    let by_actor = self
                        .actor_starting(start)
                        .and_then(|a| self.after(rest, self.view.actor_ranges[a].1, st));
                    by_actor.or_else(|| {
                        if c < self.hi_limit {
                            self.after(rest, c + 1, st)
                        } else {
                            None
                        }
                    })
                }
                Elem::Compound => self.compound_from(c).and_then(|(a, b)| {
                    let st = compound_state(st, a, b);
                    self.after(rest, self.view.actor_ranges[b].1, st)
                }),
                Elem::PrepTarget(p) => {
                    if c < self.hi_limit && self.word_is(c, p) {
                        let with_target = (c + 1..(c + 4).min(self.hi_limit)).find_map(|s| {
                            let a = self.actor_starting(s)?;
                            let st = if st.target.is_none() {
                                State {
                                    target: Some(a),
                                    ..st
                                }
                            } else {
                                st
                            };
                            self.after(rest, self.view.actor_ranges[a].1, st)
                        });
                        with_target.or_else(|| self.after(rest, c + 1, st))
                    } else {
                        None
                    }
                }
            };
            if found.is_some() {
                return found;
            }
        }
        None
    }

    /// Matches `items[k..]` leftwards: the element must end at `end` (exclusive) or up to a gap before.
    pub fn before(&self, items: &[Item], end: usize, st: State) -> Option<State> {
        let Some(item) = items.first() else {
            return Some(State {
                lo: st.lo.min(end),
                ..st
            });
        };
        let rest = &items[1..];
        let min_end = if item.adjacent {
            end
        } else {
            end.saturating_sub(MAX_GAP).max(self.lo_limit)
        };
        let mut e = end;
        loop {
            if e < end && self.view.words.get(e).is_some_and(|w| *w == ",") {
                break;
            }
            let st2 = State {
                gaps: st.gaps + (end - e),
                ..st
            };
            let found = match &item.elem {
                Elem::Word(w) => {
                    if e > self.lo_limit && self.word_is(e - 1, w) {
                        self.before(rest, e - 1, st2)
                    } else {
                        None
                    }
                }
                Elem::Synset(id) => self.synsets[*id as usize]
                    .iter()
                    .filter(|p| e >= p.len() && self.phrase_at(e - p.len(), p, self.lo_limit, e))
                    .find_map(|p| self.before(rest, e - p.len(), st2)),
                Elem::Source | Elem::Target => self.actor_ending(e).and_then(|a| {
                    let st3 = assign(st2, &item.elem, a)?;
                    self.before(rest, self.view.actor_ranges[a].0, st3)
                }),
                Elem::Skip => {
                    let by_actor = self
                        .actor_ending(e)
                        .and_then(|a| self.before(rest, self.view.actor_ranges[a].0, st2));
                    by_actor.or_else(|| {
                        if e > self.lo_limit {
                            self.before(rest, e - 1, st2)
                        } else {
                            None
                        }
                    })
                }
                Elem::Compound => self.compound_to(e).and_then(|(a, b)| {
                    let st3 = compound_state(st2, a, b);
                    self.before(rest, self.view.actor_ranges[a].0, st3)
                }),
                Elem::PrepTarget(p) => {
                    let with_target = self.actor_ending(e).and_then(|a| {
                        let s = self.view.actor_ranges[a].0;
                        (s.saturating_sub(3).max(self.lo_limit)..s)
                            .rev()
                            .find(|&k| self.word_is(k, p))
                            .and_then(|k| {
                                let st3 = if st2.target.is_none() {
                                    State {
                                        target: Some(a),
                                        ..st2
                                    }
                                } else {
                                    st2
                                };
                                self.before(rest, k, st3)
                            })
                    });
                    with_target.or_else(|| {
                        if e > self.lo_limit && self.word_is(e - 1, p) {
                            self.before(rest, e - 1, st2)
                        } else {
                            None
                        }
                    })
                }
            };
            if found.is_some() {
                return found;
            }
            if e <= min_end || e == 0 {
                break;
            }
            e -= 1;
        }
        None
    }

    /// Words skipped before an actor slot after the verb: at most a short modifier run such as
    /// "the" or "four Iranian", never a preposition ("condemned the attack on X" is not "condemned
    /// X"); prepositions that introduce a slot are written in the pattern.
    fn slot_gap_ok(&self, from: usize, to: usize) -> bool {
        to - from <= MAX_SLOT_GAP
            && self.view.words[from.min(to)..to.min(self.view.words.len())]
                .iter()
                .all(|w| !PREPOSITIONS.iter().any(|p| w.eq_ignore_ascii_case(p)))
    }

    /// Two actors joined by a conjunction, the first starting at `c`.
    fn compound_from(&self, c: usize) -> Option<(usize, usize)> {
        let a = self.actor_starting(c)?;
        let mut k = self.view.actor_ranges[a].1;
        let mut joined = false;
        while k < self.view.words.len() && self.is_conj(k) {
            k += 1;
            joined = true;
        }
        if !joined {
            return None;
        }
        // "Armenia and the European Union": an article may precede the second actor.
        if self.view.words.get(k).is_some_and(|w| is_article(w)) {
            k += 1;
        }
        Some((a, self.actor_starting(k)?))
    }

    /// Two actors joined by a conjunction, the second ending at `e`.
    fn compound_to(&self, e: usize) -> Option<(usize, usize)> {
        let b = self.actor_ending(e)?;
        let mut k = self.view.actor_ranges[b].0;
        if k > 0 && is_article(self.view.words[k - 1]) {
            k -= 1;
        }
        let mut joined = false;
        while k > 0 && self.is_conj(k - 1) {
            k -= 1;
            joined = true;
        }
        if !joined {
            return None;
        }
        Some((self.actor_ending(k)?, b))
    }
}

fn is_article(w: &str) -> bool {
    w.eq_ignore_ascii_case("the") || w.eq_ignore_ascii_case("a") || w.eq_ignore_ascii_case("an")
}

fn assign(st: State, slot: &Elem, actor: usize) -> Option<State> {
    match slot {
        Elem::Source if st.source.is_none() && st.target != Some(actor) => Some(State {
            source: Some(actor),
            ..st
        }),
        Elem::Target if st.target.is_none() && st.source != Some(actor) => Some(State {
            target: Some(actor),
            ..st
        }),
        _ => None,
    }
}

fn compound_state(st: State, a: usize, b: usize) -> State {
    State {
        source: st.source.or(Some(a)),
        target: st.target.or(Some(b)),
        compound: st.compound.or(Some((a, b))),
        ..st
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn synsets(name: &str) -> Option<u32> {
        match name {
            "FIGHT" => Some(0),
            "FIGHT_OF_WORDS" => Some(1),
            _ => None,
        }
    }

    fn shape(items: &[Item]) -> Vec<String> {
        items
            .iter()
            .map(|i| {
                let e = match &i.elem {
                    Elem::Word(w) => w.to_string(),
                    Elem::Synset(id) => format!("&{id}"),
                    Elem::Source => "$".into(),
                    Elem::Target => "+".into(),
                    Elem::Skip => "^".into(),
                    Elem::Compound => "%".into(),
                    Elem::PrepTarget(p) => format!("({p})"),
                };
                if i.adjacent {
                    format!("_{e}")
                } else {
                    e
                }
            })
            .collect()
    }

    #[test]
    fn underscores_make_elements_adjacent_on_both_sides_of_the_verb() {
        let (before, after, _) = compile("SO IN_AND_*_OUT_AGAIN NOW", &synsets).unwrap();
        // Before the verb, nearest first: AND touches the verb, IN touches AND.
        assert_eq!(shape(&before), ["_and", "_in", "so"]);
        assert_eq!(shape(&after), ["_out", "_again", "now"]);
    }

    #[test]
    fn petrarch_groups_flatten_and_lone_prepositions_take_the_target() {
        let (before, after, spec) =
            compile("&FIGHT * (FOR {FINANCIAL AID}) (WITH) $ ^", &synsets).unwrap();
        assert_eq!(shape(&before), ["&0"]);
        assert_eq!(
            shape(&after),
            ["for", "financial", "aid", "(with)", "$", "^"]
        );
        assert!(spec > 10);
        let (_, after, _) = compile("*SCEPTICAL", &synsets).unwrap();
        assert_eq!(shape(&after), ["sceptical"]);
    }

    #[test]
    fn synset_names_may_contain_underscores() {
        let (_, after, _) = compile("* &FIGHT_OF_WORDS", &synsets).unwrap();
        assert_eq!(shape(&after), ["&1"]);
        let (_, after, _) = compile("* NEW_&FIGHT_RELATIONS", &synsets).unwrap();
        assert_eq!(shape(&after), ["new", "_&0", "_relations"]);
    }

    #[test]
    fn bad_patterns_are_reported() {
        assert_eq!(
            compile("* &NOPE", &synsets).unwrap_err(),
            "undefined synset &NOPE"
        );
        assert!(compile("AID", &synsets).is_err());
        assert!(compile("* AID *", &synsets).is_err());
    }
}
