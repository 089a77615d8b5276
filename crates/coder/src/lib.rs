//! The event coder: turns one parsed sentence with its actor mentions into
//! CAMEO events (who did what to whom, when and where).
//!
//! Triggers (verbs and event nouns) and their codes come from the verb
//! dictionary; the roles come from the dependency parse: subject, object,
//! passive agent, prepositional objects, possessors. When the parse finds no
//! actor for a role the coder falls back to word order (source before the
//! trigger, target after), at lower confidence. Negated, hypothetical,
//! conditional and recommended actions and questions are not events.

mod dictionary;
mod shape;
pub mod tree;

use std::sync::Arc;

use model::cameo::CameoCode;
use model::{ActorMention, Event, Location, NaiveDate, Sentence, Span};
pub use tree::{Modality, Node, Tree};
use verbs::{SentenceView, VerbDictionary};

pub use dictionary::{CommaLimits, DictionaryEvent, PetrarchConfig, PetrarchConfigError};

/// A date expression found in the sentence, already resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DatedSpan {
    /// Byte offsets in the document text.
    pub span: Span,
    pub date: NaiveDate,
}

/// Everything the coder needs to know about one sentence.
pub struct SentenceInput<'a> {
    pub doc_text: &'a str,
    pub sentence: &'a Sentence,
    /// The parse; one node per token of `sentence`.
    pub tree: &'a Tree,
    /// Actor mentions inside this sentence (document offsets).
    pub mentions: &'a [ActorMention],
    /// Resolved date expressions inside this sentence.
    pub dates: &'a [DatedSpan],
    /// The document's publication date.
    pub doc_date: Option<NaiveDate>,
}

/// What the coder found in one sentence.
#[derive(Debug, Clone, Default)]
pub struct SentenceCoding {
    pub events: Vec<Event>,
    /// The code of the sentence's main trigger that is asserted (not negated
    /// or hypothetical), with or without known actors.
    pub main_code: Option<CameoCode>,
    /// Events whose code a user dictionary defines outside the CAMEO codebook
    /// (only with [`CoderOptions::dictionary_semantics`]).
    pub dictionary_events: Vec<DictionaryEvent>,
}

/// Tunables of the coder.
#[derive(Debug, Clone)]
pub struct CoderOptions {
    /// Events below this confidence are not emitted.
    pub min_confidence: f32,
    /// Fall back to word order when the parse finds no actor for a role.
    pub word_order_fallback: bool,
    /// Code with the verb dictionary's own (PETRARCH) semantics: no negation
    /// or modality filters (the patterns say those), raw non-CAMEO codes kept
    /// as [`DictionaryEvent`]s. Meant for user dictionaries loaded without the
    /// bundled ones; see `dictionary.rs`.
    pub dictionary_semantics: bool,
    /// PETRARCH's own coding options (`require_dyad`, comma-delimited clause
    /// deletion) on top of the dictionary semantics; `None` keeps Caspian's
    /// reading of them (see `dictionary.rs`).
    pub petrarch: Option<PetrarchConfig>,
}

impl Default for CoderOptions {
    fn default() -> Self {
        Self {
            min_confidence: 0.0,
            word_order_fallback: true,
            dictionary_semantics: false,
            petrarch: None,
        }
    }
}

/// The coder: immutable, shareable across threads.
pub struct Coder {
    verbs: Arc<VerbDictionary>,
    options: CoderOptions,
}

/// Prepositions that introduce the target of an action ("attack on", "war with").
const TARGET_PREPS: &[&str] = &[
    "against", "on", "with", "to", "toward", "towards", "at", "into", "upon", "over", "from",
    "for", "of",
];

/// Names that make "called X a Y" a criticism or accusation.
const PEJORATIVE: &[&str] = &[
    "terrorist",
    "terrorism",
    "threat",
    "aggression",
    "aggressor",
    "crime",
    "criminal",
    "occupation",
    "occupier",
    "enemy",
    "provocation",
    "violation",
    "illegal",
    "puppet",
    "dictator",
    "murderer",
    "liar",
    "racist",
    "fascist",
    "genocide",
    "massacre",
    "invasion",
    "unacceptable",
];

/// Verbs of aspect: they intensify, continue or resume the act their object
/// names ("stepped up its attacks", "resumed shelling").
const ASPECT_VERBS: &[&str] = &[
    "step",
    "intensify",
    "escalate",
    "continue",
    "resume",
    "increase",
    "expand",
    "renew",
    "boost",
    "redouble",
];

/// Light verbs: the act is the one their object names ("staged a hunger
/// strike", "organized a general strike", "held a rally").
const LIGHT_VERBS: &[&str] = &["stage", "organize", "organise", "hold", "mount", "conduct"];

/// Pronouns that stand for an actor named elsewhere.
const PRONOUNS: &[&str] = &[
    "it",
    "its",
    "itself",
    "they",
    "their",
    "them",
    "themselves",
    "he",
    "his",
    "him",
    "she",
    "her",
];

/// Prepositions that introduce where something happened.
const PLACE_PREPS: &[&str] = &["in", "at", "inside", "near"];

impl Coder {
    pub fn new(verbs: Arc<VerbDictionary>, options: CoderOptions) -> Self {
        Self { verbs, options }
    }

    /// The same dictionaries coded with other options.
    pub fn with_options(&self, options: CoderOptions) -> Self {
        Self {
            verbs: Arc::clone(&self.verbs),
            options,
        }
    }

    pub fn options(&self) -> &CoderOptions {
        &self.options
    }

    pub fn verbs(&self) -> &VerbDictionary {
        &self.verbs
    }

    /// True when word `i` is a verb the dictionary codes (a pattern or a
    /// default code that is not a discard).
    fn coded_verb(&self, words: &[&str], lemmas: &[&str], view: &SentenceView, i: usize) -> bool {
        self.verbs
            .verbs_at(words, Some(lemmas), i)
            .iter()
            .filter(|h| h.start == i)
            .any(|h| {
                self.verbs
                    .best_match(h, view)
                    .map(|m| m.code)
                    .or_else(|| h.default_code.clone())
                    .is_some_and(|c| CameoCode::parse(&c).is_ok())
            })
    }

    /// Codes one sentence.
    pub fn code_sentence(&self, input: &SentenceInput<'_>) -> Vec<Event> {
        self.code_sentence_full(input).events
    }

    /// Codes one sentence and also names the event class the sentence reports
    /// even when its actors are unknown ("a car bomb killed a Chechen").
    pub fn code_sentence_full(&self, input: &SentenceInput<'_>) -> SentenceCoding {
        if self.options.dictionary_semantics {
            return self.code_with_dictionary_semantics(input);
        }
        let sentence = input.sentence;
        let tree = input.tree;
        if tree.len() != sentence.tokens.len() || tree.is_empty() {
            return SentenceCoding::default();
        }
        let text = sentence.text(input.doc_text).trim_end();
        if text.ends_with('?') {
            return SentenceCoding::default(); // questions report nothing
        }
        let words: Vec<&str> = sentence.words(input.doc_text);
        let lemmas: Vec<String> = tree.nodes.iter().map(|n| n.lemma.to_lowercase()).collect();
        let lemma_refs: Vec<&str> = lemmas.iter().map(String::as_str).collect();
        let ranges = mention_word_ranges(sentence, input.mentions);
        let actor_ranges: Vec<(usize, usize)> = ranges.iter().map(|r| (r.start, r.end)).collect();
        let view = SentenceView {
            words: &words,
            lemmas: Some(&lemma_refs),
            actor_ranges: &actor_ranges,
        };
        let ctx = Ctx {
            input,
            tree,
            ranges: &ranges,
        };

        // Event nouns first: a verb of generic violence takes the more specific
        // code of the means named with it ("killed in a car bomb explosion").
        let noun_codes: Vec<Option<CameoCode>> = (0..words.len())
            .map(|i| {
                if !matches!(tree.nodes[i].upos.as_str(), "NOUN" | "PROPN") {
                    return None;
                }
                self.verbs
                    .nouns_at(&words, Some(&lemma_refs), i)
                    .first()
                    .and_then(|h| CameoCode::parse(&h.code).ok())
            })
            .collect();
        let mut candidates: Vec<Candidate> = Vec::new();
        let mut triggers: Vec<(usize, CameoCode)> = Vec::new();
        for i in 0..words.len() {
            let upos = tree.nodes[i].upos.as_str();
            if matches!(upos, "VERB" | "AUX") {
                let hits = self.verbs.verbs_at(&words, Some(&lemma_refs), i);
                let voiced = (tree.modality(i) == Modality::Obligation && upos == "VERB")
                    .then(|| code("100"));
                let mut coded = false;
                for hit in hits {
                    if hit.start != i {
                        continue;
                    }
                    let matched = self.verbs.best_match(&hit, &view);
                    let code_text = matched
                        .as_ref()
                        .map(|m| m.code.clone())
                        .or_else(|| hit.default_code.clone());
                    coded |= code_text.is_some();
                    let Some(code) = code_text.and_then(|c| CameoCode::parse(&c).ok()) else {
                        continue;
                    };
                    // "said they will release the prime minister": a speech
                    // verb's pattern naming an act codes what was said, so the
                    // act takes the modality of the reported clause.
                    let pattern_code = code;
                    let act =
                        !matches!(code.root(), "01" | "02" | "09" | "10" | "11" | "12" | "13");
                    // A demand verb's pattern names what is demanded: 10x.
                    let modality = tree.reported_modality(i);
                    let demanded = modality == Some(Modality::Obligation)
                        && !matches!(code.root(), "02" | "10");
                    // "have sworn to fight": a governor of intent whose own code
                    // is another sense (SWEAR as cursing, 110) gives way to the
                    // intended act it governs, which carries the intent.
                    let governs_coded = |rel: &str| {
                        tree.children(i)
                            .iter()
                            .filter(|&&c| tree.deprel(c) == rel)
                            .any(|&c| self.coded_verb(&words, &lemma_refs, &view, c))
                    };
                    if !matches!(code.root(), "03" | "13")
                        && tree.is_intent_governor(i)
                        && governs_coded("xcomp")
                    {
                        continue;
                    }
                    // "announced that he will withdraw weapons inspectors": when
                    // the reported verb is coded itself, its own (more specific)
                    // reading is the act; the speech verb's pattern gives way.
                    if act
                        && modality.is_some()
                        && specific_pattern(&matched)
                        && governs_coded("ccomp")
                    {
                        continue;
                    }
                    let code = match modality.filter(|_| act || demanded) {
                        Some(Modality::Intent) => intent_code(code),
                        Some(Modality::Obligation) => demand_code(code),
                        Some(Modality::Refusal) => match refusal_code(code) {
                            Some(c) => c,
                            None => continue,
                        },
                        Some(Modality::None) => continue,
                        _ => code,
                    };
                    let code = ctx.means_code(i, code, &noun_codes).unwrap_or(code);
                    // "called the attack a terrorist act": naming, not a phone
                    // call; a pejorative name is a criticism (111), else a comment.
                    let code = match tree.naming_predicate(i) {
                        Some(p) => {
                            let words = tree.phrase_words(p);
                            let pejorative = words
                                .iter()
                                .any(|&w| PEJORATIVE.contains(&lemmas[w].as_str()));
                            crate::code(if pejorative { "111" } else { "010" })
                        }
                        None => code,
                    };
                    // "stepped up its attacks on Baku": a verb of aspect takes
                    // the code of the act it intensifies or continues.
                    // "staged a hunger strike", "organized a general strike":
                    // a light verb names the act its object noun does.
                    let code = if ASPECT_VERBS.contains(&lemmas[i].as_str())
                        || LIGHT_VERBS.contains(&lemmas[i].as_str())
                    {
                        // ("riots are still continuing": an intransitive
                        // aspect verb continues what its subject names.)
                        let subjects = if ASPECT_VERBS.contains(&lemmas[i].as_str()) {
                            tree.subjects(i)
                        } else {
                            Vec::new()
                        };
                        tree.objects(i)
                            .iter()
                            .chain(&subjects)
                            .find_map(|&o| noun_codes[o])
                            .unwrap_or(code)
                    } else {
                        code
                    };
                    // "resigned in protest", "staged a sit-in in protest against
                    // the violations": what is done in protest is a protest.
                    let code = if code.root() != "14" && tree.in_protest(i) {
                        crate::code("140")
                    } else {
                        code
                    };
                    let specific = matched.as_ref().is_some_and(|m| m.specificity > 0);
                    let pattern_roles = matched.as_ref().map(|m| (m.source, m.target));
                    // `[a:b]` codes: the target does `b` back ("visited" / "hosted").
                    let paired = matched
                        .as_ref()
                        .map_or(hit.default_paired_code.as_deref(), |m| {
                            m.paired_code.as_deref()
                        })
                        .and_then(|c| CameoCode::parse(c).ok());
                    let reversed = matched.as_ref().is_some_and(|m| m.reversed);
                    for mut c in ctx.verb_event(
                        &mut triggers,
                        i,
                        code,
                        specific,
                        pattern_roles,
                        &self.options,
                    ) {
                        let both = c.source.is_some() && c.target.is_some();
                        if reversed && both {
                            std::mem::swap(&mut c.source, &mut c.target);
                        }
                        // `[a:a]` codes are reciprocal acts ("shared evidence
                        // with", "signed a ceasefire"): the target does the same
                        // back. An `[a:b]` pair ("visited" / "hosted") names the
                        // other side's part in a one-sided act, which the act
                        // already records: it is coded once.
                        let reciprocal = paired == Some(pattern_code) && c.code == pattern_code;
                        let reverse = (reciprocal && both).then(|| Candidate {
                            source: c.target,
                            target: c.source,
                            ..c.clone()
                        });
                        candidates.push(c);
                        candidates.extend(reverse);
                    }
                }
                // "declared that China must drop barriers": whatever the act
                // (coded or not in the dictionary), an actor saying another
                // must do it makes a demand (100).
                if let Some(voiced) = voiced.filter(|_| !coded) {
                    candidates.extend(ctx.verb_event(
                        &mut triggers,
                        i,
                        voiced,
                        false,
                        None,
                        &self.options,
                    ));
                }
            }
            if matches!(upos, "NOUN" | "PROPN") {
                for hit in self.verbs.nouns_at(&words, Some(&lemma_refs), i) {
                    let Ok(code) = CameoCode::parse(&hit.code) else {
                        continue;
                    };
                    candidates.extend(ctx.noun_event(
                        &mut triggers,
                        (i, hit.end.max(i + 1)),
                        code,
                        hit.preposition.as_deref(),
                    ));
                }
            }
        }
        // "X said Y did Z" codes what was said; a bare statement (010) is the
        // event only when the sentence reports nothing else, even when the
        // act's own actors are unknown ("forces shelled the camps, Thai
        // sources said" reports shelling, not a Thai statement).
        if triggers.iter().any(|(_, c)| !is_bare_statement(*c)) {
            candidates.retain(|c| !is_bare_statement(c.code));
        }
        let mut events: Vec<Event> = Vec::new();
        for c in candidates {
            if c.confidence < self.options.min_confidence {
                continue;
            }
            let event = ctx.finish(c);
            // The same act found twice (a verb and an event noun, "suicide
            // bombers killed") is reported once, with its better evidence.
            let duplicate = events.iter_mut().find(|e| {
                e.code == event.code
                    && same_actor(&e.source, &event.source)
                    && same_actor(&e.target, &event.target)
            });
            match duplicate {
                Some(e) if e.confidence < event.confidence => *e = event,
                Some(_) => {}
                None => events.push(event),
            }
        }
        // The main clause's trigger names what the sentence reports.
        let main_code = triggers
            .iter()
            .min_by_key(|(i, c)| (is_bare_statement(*c), tree.ancestors(*i).count(), *i))
            .map(|&(_, c)| c);
        SentenceCoding {
            events,
            main_code,
            dictionary_events: Vec::new(),
        }
    }
}

fn specific_pattern(m: &Option<verbs::PatternMatch>) -> bool {
    m.as_ref().is_some_and(|m| m.specificity > 0)
}

fn same_actor(a: &Option<ActorMention>, b: &Option<ActorMention>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) => a.actor.code == b.actor.code,
        _ => false,
    }
}

/// An actor mention as a word range of the sentence.
#[derive(Debug, Clone, Copy)]
struct MentionRange {
    start: usize,
    end: usize,
    mention: usize,
}

fn mention_word_ranges(sentence: &Sentence, mentions: &[ActorMention]) -> Vec<MentionRange> {
    let mut out = Vec::new();
    for (m, mention) in mentions.iter().enumerate() {
        let words: Vec<usize> = sentence
            .tokens
            .iter()
            .enumerate()
            .filter(|(_, t)| t.span.overlaps(mention.span))
            .map(|(i, _)| i)
            .collect();
        if let (Some(&s), Some(&e)) = (words.first(), words.last()) {
            out.push(MentionRange {
                start: s,
                end: e + 1,
                mention: m,
            });
        }
    }
    out.sort_by_key(|r| (r.start, r.end));
    out
}

/// A role filler: which mention, and how it was found.
#[derive(Debug, Clone, Copy)]
struct Role {
    mention: usize,
    from_parse: bool,
}

#[derive(Debug, Clone)]
struct Candidate {
    trigger: usize,
    trigger_end: usize,
    code: CameoCode,
    source: Option<Role>,
    target: Option<Role>,
    confidence: f32,
}

struct Ctx<'a, 'b> {
    input: &'a SentenceInput<'b>,
    tree: &'a Tree,
    ranges: &'a [MentionRange],
}

impl Ctx<'_, '_> {
    /// The mentions that fill an argument headed by word `head`: the mention
    /// covering the head, else the mentions inside its noun phrase (not inside
    /// its clauses), then the same for each conjunct.
    fn actors_of(&self, head: usize) -> Vec<usize> {
        let mut out = Vec::new();
        for h in std::iter::once(head).chain(self.tree.conjuncts(head)) {
            if let Some(r) = self.ranges.iter().find(|r| r.start <= h && h < r.end) {
                push_unique(&mut out, r.mention);
                continue;
            }
            let phrase = self.tree.phrase_words(h);
            // "a group of 19 of its citizens": the nearest mention inside; a
            // possessor ("its ambassador to Israel") only when nothing else is.
            let possessor =
                |r: &&MentionRange| (r.start..r.end).any(|w| self.tree.deprel(w) == "nmod:poss");
            if let Some(r) = self
                .ranges
                .iter()
                .filter(|r| (r.start..r.end).any(|w| phrase.contains(&w)))
                .min_by_key(|r| (possessor(r), r.start.abs_diff(h)))
            {
                push_unique(&mut out, r.mention);
            }
        }
        out
    }

    #[allow(clippy::too_many_arguments)]
    fn verb_event(
        &self,
        triggers: &mut Vec<(usize, CameoCode)>,
        verb: usize,
        code: CameoCode,
        specific: bool,
        pattern_roles: Option<(Option<usize>, Option<usize>)>,
        options: &CoderOptions,
    ) -> Vec<Candidate> {
        let t = self.tree;
        let modality = t.modality(verb);
        if modality == Modality::None {
            return Vec::new();
        }
        let mut sources: Vec<Role> = Vec::new();
        let mut targets: Vec<Role> = Vec::new();
        let parsed = |ms: Vec<usize>| -> Vec<Role> {
            ms.into_iter()
                .map(|mention| Role {
                    mention,
                    from_parse: true,
                })
                .collect()
        };
        // Whether grammar names a slot for the source at all: when it does and
        // the words there are no known actor ("attacked by a gunman"), word
        // order must not guess another one; a passive without an agent has an
        // unknown source.
        let source_slot = t.is_passive(verb) || !t.subjects(verb).is_empty();
        if t.is_passive(verb) {
            if let Some(agent) = t.passive_agent(verb) {
                sources = parsed(self.actors_of(agent));
            }
            for s in t.passive_subjects(verb) {
                targets.extend(parsed(self.actors_of(s)));
            }
        } else {
            for s in t.subjects(verb) {
                // "the ministry, which accused Baku": the pronoun stands for the noun.
                let s = match t.relativised_noun(verb) {
                    Some(noun) if t.is_relative_pronoun(s) => noun,
                    _ => s,
                };
                sources.extend(parsed(self.actors_of(s)));
            }
            for o in t.objects(verb) {
                targets.extend(parsed(self.actors_of(o)));
            }
        }
        if targets.is_empty() {
            for (prep, obj) in t.prep_objects(verb) {
                if TARGET_PREPS.contains(&prep.as_str()) {
                    targets.extend(parsed(self.actors_of(obj)));
                    if !targets.is_empty() {
                        break;
                    }
                }
            }
        }
        // "Iran's attack on": the object noun's own prepositional target.
        if targets.is_empty() {
            for o in t.objects(verb) {
                for (prep, obj) in t.prep_objects(o) {
                    if TARGET_PREPS.contains(&prep.as_str()) && prep != "of" {
                        targets.extend(parsed(self.actors_of(obj)));
                    }
                }
            }
        }
        // "close its embassy and evacuate its staff from Tehran": when the
        // object is the source's own, a prepositional phrase of the verb or of a
        // verb conjoined with it names the other side; without one the act has
        // no target (an actor is not the target of its own act).
        if !targets.is_empty()
            && !sources.is_empty()
            && targets
                .iter()
                .all(|tg| sources.iter().any(|s| self.is_self(s.mention, tg.mention)))
        {
            let other: Vec<Role> = std::iter::once(verb)
                .chain(t.conjuncts(verb))
                .flat_map(|v| t.prep_objects(v))
                .filter(|(p, _)| TARGET_PREPS.contains(&p.as_str()))
                .flat_map(|(_, obj)| parsed(self.actors_of(obj)))
                .filter(|tg| sources.iter().all(|s| !self.is_self(s.mention, tg.mention)))
                .collect();
            targets = other;
        }
        // What the dictionary pattern aligned, when the parse gave nothing.
        if let Some((ps, pt)) = pattern_roles {
            if sources.is_empty() {
                if let Some(r) = ps.and_then(|i| self.ranges.get(i)) {
                    sources.push(Role {
                        mention: r.mention,
                        from_parse: false,
                    });
                }
            }
            if targets.is_empty() {
                if let Some(r) = pt.and_then(|i| self.ranges.get(i)) {
                    targets.push(Role {
                        mention: r.mention,
                        from_parse: false,
                    });
                }
            }
        }
        if options.word_order_fallback {
            if sources.is_empty() && !source_slot {
                if let Some(r) = self
                    .ranges
                    .iter()
                    .rev()
                    .find(|r| r.end <= verb && self.same_clause(r.start, verb))
                {
                    sources.push(Role {
                        mention: r.mention,
                        from_parse: false,
                    });
                }
            }
            if targets.is_empty() {
                // Not the speaker of a reporting clause ("..., a Jordanian
                // official confirmed").
                if let Some(r) = self.ranges.iter().find(|r| {
                    r.start > verb
                        && (self.same_clause(r.start, verb)
                            || self.tree.ancestors(r.start).any(|a| a == verb))
                        && !self.tree.in_parenthetical(r.start, verb)
                }) {
                    if sources.iter().all(|s| s.mention != r.mention) {
                        targets.push(Role {
                            mention: r.mention,
                            from_parse: false,
                        });
                    }
                }
            }
        }
        let speakers = || -> Vec<Role> {
            t.speech_verb_of(verb)
                .map(|sv| {
                    t.subjects(sv)
                        .into_iter()
                        .flat_map(|s| self.actors_of(s))
                        .map(|mention| Role {
                            mention,
                            from_parse: true,
                        })
                        .collect()
                })
                .unwrap_or_default()
        };
        let code = match modality {
            // "Britain said Libya must hand over the suspects": Britain demands of Libya.
            Modality::Obligation => {
                let obliged = if sources.is_empty() {
                    targets.clone()
                } else {
                    sources.clone()
                };
                sources = speakers();
                targets = obliged;
                demand_code(code)
            }
            // "Nigeria said it will withdraw its force": Nigeria's intent or threat.
            // ... "unless Chad arranges a ceasefire": a conditional intent is a threat.
            Modality::Intent => {
                if sources.is_empty() {
                    sources = speakers();
                }
                let intent = intent_code(code);
                if t.has_condition(verb) && intent.root() == "03" {
                    crate::code("130")
                } else {
                    intent
                }
            }
            // "Britain says it will not accept the proposal": Britain rejects it.
            Modality::Refusal => {
                let Some(refused) = refusal_code(code) else {
                    return Vec::new();
                };
                if sources.is_empty() {
                    sources = speakers();
                }
                refused
            }
            Modality::Factual | Modality::None => code,
        };
        triggers.push((verb, code));
        // An act with no known actor is not a usable event; a passive with a
        // known target and no agent ("the embassy was attacked") still is.
        let passive_with_target = t.is_passive(verb) && !targets.is_empty();
        if sources.is_empty() && !passive_with_target {
            return Vec::new();
        }
        self.pairs(
            verb,
            verb + 1,
            code,
            sources,
            targets,
            if specific { 0.15 } else { 0.0 },
        )
    }

    /// The code of the violent means named with a verb of generic violence:
    /// its subject, agent or prepositional phrases ("a roadside bombing
    /// killed", "killed by an improvised explosive device", "wounded in a
    /// bomb attack"), when that code is more specific.
    fn means_code(
        &self,
        verb: usize,
        code: CameoCode,
        noun_codes: &[Option<CameoCode>],
    ) -> Option<CameoCode> {
        let violent = |c: CameoCode| matches!(c.root(), "18" | "19" | "20");
        let generic = |c: CameoCode| c.as_str().len() <= 2 || c.as_str().ends_with('0');
        if !(violent(code) && generic(code)) {
            return None;
        }
        let t = self.tree;
        t.children(verb)
            .iter()
            .copied()
            .filter(|&c| matches!(t.deprel(c).split(':').next(), Some("obl" | "nsubj")))
            .flat_map(|c| t.phrase_words(c))
            .filter_map(|w| noun_codes.get(w).copied().flatten())
            .find(|&n| violent(n) && !generic(n) && n != code)
    }

    /// True when mention `target` is the same actor as mention `source`: the
    /// same code, or a pronoun standing for the source's country ("Azerbaijan's
    /// foreign ministry ... its embassy").
    fn is_self(&self, source: usize, target: usize) -> bool {
        let (s, t) = (&self.input.mentions[source], &self.input.mentions[target]);
        if s.actor.code == t.actor.code {
            return true;
        }
        let text = t.span.slice(self.input.doc_text).to_lowercase();
        PRONOUNS.contains(&text.as_str())
            && s.actor.country.is_some()
            && s.actor.country == t.actor.country
    }

    /// True when word `a` is in the same clause as the verb: no other finite
    /// verb's clause boundary separates them in the tree.
    fn same_clause(&self, a: usize, verb: usize) -> bool {
        let clause_of = |i: usize| -> Option<usize> {
            std::iter::once(i)
                .chain(self.tree.ancestors(i))
                .find(|&x| self.tree.is_verbal(x) || self.tree.nodes[x].head.is_none())
        };
        let ca = clause_of(a);
        ca == Some(verb) || ca == clause_of(verb)
    }

    fn noun_event(
        &self,
        triggers: &mut Vec<(usize, CameoCode)>,
        (noun, hit_end): (usize, usize),
        code: CameoCode,
        prep: Option<&str>,
    ) -> Vec<Candidate> {
        let t = self.tree;
        // A noun under a negated or hypothetical verb did not happen either
        // ("did not launch an attack", "should impose sanctions").
        if t.under_irrealis_verb(noun) {
            return Vec::new();
        }
        // "an espionage network", "attack helicopters": an event noun that only
        // modifies another noun names a kind of thing, not an event.
        let node = &t.nodes[noun];
        if node.deprel == "compound" && node.head.is_some_and(|h| h < noun || h >= hit_end) {
            return Vec::new();
        }
        // "NATO would tighten the blockade", "will impose sanctions": the act a
        // noun names takes the modality of the verb it is an argument of.
        let code = match node.head.filter(|&h| t.is_verbal(h)).map(|h| t.modality(h)) {
            Some(Modality::Intent) => intent_code(code),
            Some(Modality::Obligation) => demand_code(code),
            Some(Modality::Refusal) => match refusal_code(code) {
                Some(c) => c,
                None => return Vec::new(),
            },
            _ => code,
        };
        triggers.push((noun, code));
        let mut sources = Vec::new();
        let mut targets = Vec::new();
        let role = |mention| Role {
            mention,
            from_parse: true,
        };
        if let Some(p) = t.possessor(noun) {
            sources.extend(self.actors_of(p).into_iter().map(role));
        }
        // "Iranian attack", "the Israeli strike": a modifier inside the noun phrase.
        if sources.is_empty() {
            if let Some(r) = self
                .ranges
                .iter()
                .find(|r| r.end == noun && r.start < noun || (r.start <= noun && noun < r.end))
            {
                sources.push(role(r.mention));
            }
        }
        // "X is the largest supplier of weapons to Y": the subject of a
        // nominal predicate.
        if sources.is_empty() && t.is_copular(noun) {
            for s in t.subjects(noun) {
                sources.extend(self.actors_of(s).into_iter().map(role));
            }
        }
        // The phrase's own words carry its prepositions ("supplier of weapons to").
        let preps = (noun..hit_end).flat_map(|w| t.prep_objects(w));
        for (p, obj) in preps {
            let wanted = match prep {
                Some(w) => p == w,
                None => TARGET_PREPS.contains(&p.as_str()),
            };
            if wanted {
                targets.extend(self.actors_of(obj).into_iter().map(role));
            }
        }
        // "the attack by a gunman"
        if let Some((_, obj)) = t.prep_objects(noun).into_iter().find(|(p, _)| p == "by") {
            sources = self.actors_of(obj).into_iter().map(role).collect();
        }
        // "the assassination of a scientist" names no perpetrator: not a usable event.
        if sources.is_empty() {
            return Vec::new();
        }
        self.pairs(noun, noun + 1, code, sources, targets, -0.1)
    }

    /// CAMEO 19 is conventional military force; violence by rebels, militias
    /// or gunmen against people who are not armed forces is unconventional
    /// (18: "attacked by militiamen armed with machetes", "guerrillas killed
    /// the deputy chief"): a generic 190, or any 19x against civilians or
    /// refugees, becomes 180 when the source is a non-state armed group.
    fn violence_by_actors(
        &self,
        code: CameoCode,
        source: Option<Role>,
        target: Option<Role>,
    ) -> CameoCode {
        if code.root() != "19" {
            return code;
        }
        let mentions = self.input.mentions;
        let sector = |r: Role| -> String {
            let a = &mentions[r.mention].actor;
            if a.code.as_str().starts_with("IMG") {
                return "IMG".to_string();
            }
            a.sector.clone().unwrap_or_default()
        };
        let (Some(s), Some(tg)) = (source, target) else {
            return code;
        };
        let (ss, ts) = (sector(s), sector(tg));
        let non_state = matches!(ss.as_str(), "REB" | "UAF" | "INS" | "SEP" | "IMG");
        let armed = matches!(
            ts.as_str(),
            "MIL" | "COP" | "REB" | "UAF" | "INS" | "SEP" | "IMG" | "SPY"
        );
        let unarmed_people = matches!(ts.as_str(), "CVL" | "REF");
        if non_state && !armed && (code.as_str() == "190" || unarmed_people) {
            crate::code("180")
        } else {
            code
        }
    }

    /// One candidate per (source, target) pair: conjoined actors give one event each.
    fn pairs(
        &self,
        trigger: usize,
        trigger_end: usize,
        code: CameoCode,
        sources: Vec<Role>,
        targets: Vec<Role>,
        bonus: f32,
    ) -> Vec<Candidate> {
        let mentions = self.input.mentions;
        let mut out = Vec::new();
        let opt = |v: &[Role]| -> Vec<Option<Role>> {
            if v.is_empty() {
                vec![None]
            } else {
                v.iter().copied().map(Some).collect()
            }
        };
        let (srcs, tgts) = (opt(&sources), opt(&targets));
        for s in &srcs {
            for tg in &tgts {
                if s.is_none() && tg.is_none() {
                    continue;
                }
                // An actor acting on itself ("Iran threatened its neighbour" with
                // "its" resolved to Iran) is not a relation: keep the act, drop
                // the target.
                let tg = match (s, tg) {
                    (Some(a), Some(b))
                        if mentions[a.mention].actor.code == mentions[b.mention].actor.code =>
                    {
                        if tgts.len() > 1 {
                            continue;
                        }
                        &None
                    }
                    _ => tg,
                };
                // Embedded clauses are less likely to be what the sentence
                // reports: a level of embedding costs more than a target found
                // by the parse adds, so the main clause's act outranks a
                // subordinate one ("has refused to deploy peacekeepers and has
                // urged its citizens to avoid coming").
                let depth = self.tree.ancestors(trigger).count().min(5) as f32;
                let mut confidence = 0.45 + bonus - 0.12 * depth;
                if let Some(s) = s {
                    confidence += if s.from_parse { 0.25 } else { 0.1 };
                }
                if let Some(tg) = tg {
                    confidence += if tg.from_parse { 0.15 } else { 0.05 };
                }
                out.push(Candidate {
                    trigger,
                    trigger_end,
                    code: self.violence_by_actors(code, *s, *tg),
                    source: *s,
                    target: *tg,
                    confidence: confidence.clamp(0.05, 0.99),
                });
            }
        }
        // Reciprocal acts ("X and Y met", "signed an agreement"): both directions.
        if targets.is_empty() && sources.len() >= 2 && is_reciprocal(code) {
            out.clear();
            for a in &sources {
                for b in &sources {
                    if a.mention != b.mention
                        && mentions[a.mention].actor.code != mentions[b.mention].actor.code
                    {
                        out.push(Candidate {
                            trigger,
                            trigger_end,
                            code,
                            source: Some(*a),
                            target: Some(*b),
                            confidence: (0.7 + bonus).clamp(0.05, 0.99),
                        });
                    }
                }
            }
        }
        out
    }

    fn finish(&self, c: Candidate) -> Event {
        let input = self.input;
        let sentence = input.sentence;
        let tokens = &sentence.tokens;
        let trigger = Span::new(
            tokens[c.trigger].span.start,
            tokens[c.trigger_end - 1].span.end,
        );
        Event {
            sentence_index: sentence.index,
            sentence_span: sentence.span,
            source: c.source.map(|r| input.mentions[r.mention].clone()),
            target: c.target.map(|r| input.mentions[r.mention].clone()),
            code: c.code,
            trigger: Some(trigger),
            date: self.event_date(c.trigger).or(input.doc_date),
            location: self.location(&c),
            confidence: c.confidence,
        }
    }

    /// The date attached to the trigger's clause, else the sentence's only date.
    fn event_date(&self, trigger: usize) -> Option<NaiveDate> {
        let dates = self.input.dates;
        if dates.is_empty() {
            return None;
        }
        let tokens = &self.input.sentence.tokens;
        let clause_words: Vec<usize> = (0..tokens.len())
            .filter(|&i| i == trigger || self.tree.ancestors(i).any(|a| a == trigger))
            .collect();
        let in_clause = dates.iter().find(|d| {
            clause_words
                .iter()
                .any(|&i| tokens[i].span.overlaps(d.span))
        });
        in_clause
            .or(if dates.len() == 1 {
                dates.first()
            } else {
                None
            })
            .map(|d| d.date)
    }

    /// "in Tehran", "in the Iranian capital": a place named by a locative
    /// prepositional object of the trigger that is not one of the actors.
    fn location(&self, c: &Candidate) -> Option<Location> {
        let t = self.tree;
        let used: Vec<usize> = [c.source, c.target]
            .into_iter()
            .flatten()
            .map(|r| r.mention)
            .collect();
        let mut heads = vec![c.trigger];
        heads.extend(t.objects(c.trigger));
        for h in heads {
            for (p, obj) in t.prep_objects(h) {
                if !PLACE_PREPS.contains(&p.as_str()) {
                    continue;
                }
                for m in self.actors_of(obj) {
                    if used.contains(&m) {
                        continue;
                    }
                    let mention = &self.input.mentions[m];
                    let sector = mention.actor.sector.as_deref();
                    if sector.is_none() && mention.actor.country.is_some() {
                        return Some(Location {
                            name: mention.span.slice(self.input.doc_text).to_string(),
                            country: mention.actor.country.clone(),
                            span: mention.span,
                        });
                    }
                }
            }
        }
        None
    }
}

fn code(c: &str) -> CameoCode {
    CameoCode::parse(c).expect("the coder's own codes are in the codebook")
}

/// What an actor demands when it says another must do `act` (CAMEO 10).
fn demand_code(act: CameoCode) -> CameoCode {
    code(match act.root() {
        "04" => "106",
        "05" => "102",
        "06" => "101",
        "07" => "103",
        "08" => match act.as_str() {
            "0871" | "0872" | "0873" | "0874" => "1056",
            "083" => "104",
            _ => "105",
        },
        "17" | "18" | "19" | "20" => "100",
        _ => "100",
    })
}

/// What an actor expresses when it says it will do `act`: intent to cooperate
/// (CAMEO 03) for cooperative acts, a threat (CAMEO 13) for hostile ones.
fn intent_code(act: CameoCode) -> CameoCode {
    code(match act.root() {
        "01" | "02" | "03" | "13" => return act,
        "04" => "036",
        "05" => "032",
        "06" => "031",
        "07" => "033",
        "08" => "035",
        "09" | "10" | "11" | "12" => return act,
        "14" => "133",
        "15" => "137",
        "16" => match act.as_str() {
            "161" => "1313",
            "163" => "1312",
            _ => "131",
        },
        "17" => "137",
        "20" => "1385",
        _ => "138",
    })
}

/// What an actor does when it says it will not do `act`: a refusal (CAMEO
/// 12) for cooperative acts and concessions; `None` for the rest ("will not
/// attack" is no refusal, and no attack either).
fn refusal_code(act: CameoCode) -> Option<CameoCode> {
    let c = match act.root() {
        "02" | "03" | "05" => "120",
        "04" => "125",
        "06" => match act.as_str() {
            "061" => "1211",
            "062" => "1212",
            "063" => "1213",
            _ => "121",
        },
        "07" => "122",
        "08" => match act.as_str() {
            "081" | "0811" | "0812" | "0813" | "0814" => "1241",
            "082" => "1242",
            "083" | "0831" | "0832" | "0833" | "0834" => "123",
            "084" | "0841" | "0842" => "1243",
            "085" => "1244",
            "086" | "0861" | "0862" | "0863" => "1245",
            "087" | "0871" | "0872" | "0873" | "0874" => "1246",
            _ => "124",
        },
        _ => return None,
    };
    Some(code(c))
}

fn push_unique(v: &mut Vec<usize>, x: usize) {
    if !v.contains(&x) {
        v.push(x);
    }
}

/// "said", "announced": a statement with no more specific content (the 01x
/// codes below 010 — claiming responsibility, condolences, denials — are acts).
fn is_bare_statement(code: CameoCode) -> bool {
    matches!(code.as_str(), "01" | "010")
}

/// Meetings, negotiations, agreements and cooperation are done together.
fn is_reciprocal(code: CameoCode) -> bool {
    matches!(code.root(), "03" | "04" | "05" | "06")
}
