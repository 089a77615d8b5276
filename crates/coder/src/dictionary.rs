//! Coding with a user dictionary's own semantics (PETRARCH/TABARI files
//! loaded without the bundled ones).
//!
//! A PETRARCH verb dictionary says everything about an event in its patterns:
//! negation and modality are pattern words (`- &NEGATVAUXVRB * OVER EFFORTS
//! [904]`, `- WILL NOT * [081]`), so the coder must not filter negated or
//! future verbs the way it does for the bundled dictionaries, and its codes
//! need not be CAMEO: the PETRARCH validation file still uses WEIS-era codes
//! (`345`, `901`..`915`, `174K`). Codes found in the CAMEO codebook become
//! ordinary [`model::Event`]s; the others are kept as [`DictionaryEvent`]s carrying
//! the dictionary's raw code, with no Goldstein score or class, so
//! `CameoCode` keeps its guarantee that every value is in the codebook.
//!
//! Roles follow PETRARCH: a pattern's `$`/`+` slots win, else the parse gives
//! the subject (the agent of a passive that names one; an agentless passive
//! keeps its subject as the source) and the object (or a prepositional
//! object); `%` is a compound source before the verb and a compound target
//! after it; a statement with no target gives way to the event of the clause
//! it reports;
//! compound actors ("Arnor and Gondor") give one event per member, and a
//! compound source with no target gives the event between its members both
//! ways ("Gondor and Osgiliath have delayed their meeting").
//!
//! With a [`PetrarchConfig`] (PETRARCH's own `PETR_config.ini` options) two
//! more PETRARCH rules apply instead of the statement rule:
//! `require_dyad` drops every event missing its source or its target, and
//! comma-delimited clauses of the configured lengths are taken out before
//! coding (TABARI's heuristic for appositions and trailing attributions,
//! ", a senior official said on Saturday").

use std::sync::Arc;

use model::cameo::CameoCode;
use model::{ActorCode, ActorMention, Span};
use verbs::SentenceView;

use crate::{
    mention_word_ranges, Candidate, Coder, Ctx, MentionRange, Role, SentenceCoding, SentenceInput,
};

/// An event whose code the user's dictionary defines but the CAMEO codebook
/// does not (e.g. PETRARCH's WEIS-era `901`): the raw code, no Goldstein.
#[derive(Debug, Clone, PartialEq)]
pub struct DictionaryEvent {
    pub sentence_index: usize,
    pub sentence_span: Span,
    pub source: Option<ActorMention>,
    pub target: Option<ActorMention>,
    /// The code exactly as the dictionary writes it.
    pub code: Arc<str>,
    pub trigger: Option<Span>,
    pub confidence: f32,
}

/// PETRARCH's coding options (`PETR_config.ini` `[Options]`, or a
/// validation file's `<Config option=... value=...>`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PetrarchConfig {
    /// Events need a source and a target (PETRARCH's default: true).
    pub require_dyad: bool,
    /// Lengths of the comma-delimited clauses taken out before coding.
    pub comma: CommaLimits,
}

/// Lengths in words of the comma-delimited clauses PETRARCH deletes before
/// coding: internal (`min..=max`), initial (`bmin..=bmax`) and terminal
/// (`emin..=emax`) clauses; a maximum of 0 switches that kind off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CommaLimits {
    pub min: usize,
    pub max: usize,
    pub bmin: usize,
    pub bmax: usize,
    pub emin: usize,
    pub emax: usize,
}

impl Default for PetrarchConfig {
    /// PETRARCH's defaults: dyads required; internal and terminal clauses of
    /// 2 to 8 words deleted, initial clauses kept.
    fn default() -> Self {
        Self {
            require_dyad: true,
            comma: CommaLimits {
                min: 2,
                max: 8,
                bmin: 0,
                bmax: 0,
                emin: 2,
                emax: 8,
            },
        }
    }
}

/// A PETRARCH option Caspian does not know or a value it cannot read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PetrarchConfigError {
    #[error("unknown PETRARCH option `{0}` (known: require_dyad, comma_min, comma_max, comma_bmin, comma_bmax, comma_emin, comma_emax)")]
    UnknownOption(String),
    #[error("PETRARCH option `{option}`: cannot read `{value}` (expected {expected})")]
    BadValue {
        option: String,
        value: String,
        expected: &'static str,
    },
}

impl PetrarchConfig {
    /// Sets one option by its `PETR_config.ini` name (`require_dyad`,
    /// `comma_emax` ...). Options that only concern PETRARCH's input and
    /// output (`new_actor_length`, `stop_on_error`, `write_*`) are not coding
    /// options here and are refused.
    pub fn set(&mut self, option: &str, value: &str) -> Result<(), PetrarchConfigError> {
        let option = option.trim().to_ascii_lowercase();
        let value = value.trim();
        if option == "require_dyad" {
            self.require_dyad = match value.to_ascii_lowercase().as_str() {
                "true" | "1" | "yes" => true,
                "false" | "0" | "no" => false,
                _ => {
                    return Err(PetrarchConfigError::BadValue {
                        option,
                        value: value.to_string(),
                        expected: "true or false",
                    })
                }
            };
            return Ok(());
        }
        let slot = match option.as_str() {
            "comma_min" => &mut self.comma.min,
            "comma_max" => &mut self.comma.max,
            "comma_bmin" => &mut self.comma.bmin,
            "comma_bmax" => &mut self.comma.bmax,
            "comma_emin" => &mut self.comma.emin,
            "comma_emax" => &mut self.comma.emax,
            _ => return Err(PetrarchConfigError::UnknownOption(option)),
        };
        *slot = value.parse().map_err(|_| PetrarchConfigError::BadValue {
            option: option.clone(),
            value: value.to_string(),
            expected: "a whole number of words",
        })?;
        Ok(())
    }
}

/// Prepositions whose object is an action's target in PETRARCH-style coding.
const TARGET_PREPS: &[&str] = &[
    "against", "on", "with", "to", "toward", "towards", "at", "into", "upon", "over", "from",
    "for", "of", "about", "between",
];

/// Prepositions of time: an actor in their phrase is no target by word order.
const TIME_PREPS: &[&str] = &["after", "before", "since", "during", "until", "despite"];

/// An event before the statement rule and deduplication.
struct Pending {
    verb: usize,
    trigger: (usize, usize),
    code: String,
    source: Option<Role>,
    target: Option<Role>,
    confidence: f32,
}

impl Coder {
    /// Codes a sentence with the dictionary's semantics (see the module docs).
    pub(crate) fn code_with_dictionary_semantics(
        &self,
        input: &SentenceInput<'_>,
    ) -> SentenceCoding {
        let sentence = input.sentence;
        let tree = input.tree;
        if tree.len() != sentence.tokens.len() || tree.is_empty() {
            return SentenceCoding::default();
        }
        let words: Vec<&str> = sentence.words(input.doc_text);
        let lemmas: Vec<String> = tree.nodes.iter().map(|n| n.lemma.to_lowercase()).collect();
        let lemma_refs: Vec<&str> = lemmas.iter().map(String::as_str).collect();
        let mut ranges = mention_word_ranges(sentence, input.mentions);
        let petrarch = self.options.petrarch;
        let deleted = match &petrarch {
            Some(cfg) => comma_clauses(tree, &cfg.comma),
            None => vec![false; words.len()],
        };
        ranges.retain(|r| !(r.start..r.end).any(|w| deleted[w]));
        // PETRARCH composes a noun phrase's actor with its agents ("Gondor's
        // government" is GONGOV) and carries an agent across the actors
        // it governs ("the ambassadors of Arnor, Osgiliath and Gondor").
        let mut composed: Vec<ActorMention> = input.mentions.to_vec();
        if petrarch.is_some() {
            compose_agents(tree, &mut ranges, &mut composed);
        }
        let composed_input = SentenceInput {
            mentions: &composed,
            ..*input
        };
        let input = &composed_input;
        let actor_ranges: Vec<(usize, usize)> = ranges.iter().map(|r| (r.start, r.end)).collect();
        let view = SentenceView {
            words: &words,
            lemmas: Some(&lemma_refs),
            actor_ranges: &actor_ranges,
        };
        // Pattern words match as written (PETRARCH lists "EFFORTS" and
        // "EFFORT" apart); synsets carry their own plurals.
        let literal = SentenceView {
            lemmas: None,
            ..view
        };
        let ctx = Ctx {
            input,
            tree,
            ranges: &ranges,
        };
        let mut out = SentenceCoding::default();
        let mut seen_hits: Vec<(usize, usize, u32)> = Vec::new();
        let mut pending: Vec<Pending> = Vec::new();
        // Triggers first: a word used as a verb heads a clause, not a noun
        // phrase another verb could take its actors from.
        let mut found: Vec<(usize, verbs::VerbHit)> = Vec::new();
        for i in 0..words.len() {
            if deleted.get(i).copied().unwrap_or(false) {
                continue;
            }
            let verbal = tree.is_verbal(i);
            if !verbal && !ctx.verb_tagged_as_noun(i) {
                continue;
            }
            // A verb inside an actor's name ("Barad-dur guard") is no trigger.
            if ranges.iter().any(|r| r.start <= i && i < r.end) {
                continue;
            }
            // PETRARCH looks verbs up by the forms the dictionary lists or
            // generates ("met" is the MET block, not MEET's); the lemma only
            // when no form matches. One verb per word: the longest phrase.
            let mut hits = self.verbs.verbs_at(&words, None, i);
            if hits.is_empty() && verbal {
                hits = self.verbs.verbs_at(&words, Some(&lemma_refs), i);
            }
            hits.truncate(1);
            found.extend(hits.into_iter().map(|h| (i, h)));
        }
        let triggers: Vec<usize> = found.iter().map(|(i, _)| *i).collect();
        for (i, hit) in found {
            {
                let key = (hit.start, hit.end, hit.verb.0);
                if seen_hits.contains(&key) {
                    continue;
                }
                seen_hits.push(key);
                let Some(m) = self.verbs.best_match(&hit, &literal) else {
                    continue;
                };
                if m.is_discard() {
                    continue;
                }
                // `%`: a compound source before the verb, a compound target after it.
                let compound = m
                    .compound
                    .and_then(|(a, b)| Some((*ranges.get(a)?, *ranges.get(b)?)));
                let (pattern_source, pattern_target) = match compound {
                    Some(_) => (None, None),
                    None => (
                        m.source.and_then(|k| ranges.get(k)).map(|r| r.mention),
                        m.target.and_then(|k| ranges.get(k)).map(|r| r.mention),
                    ),
                };
                let (mut sources, mut targets) =
                    ctx.dictionary_roles(i, pattern_source, pattern_target, &triggers);
                if let Some((a, b)) = compound {
                    let mut members = ctx.with_conjuncts(a.mention);
                    for x in ctx.with_conjuncts(b.mention) {
                        push_unique(&mut members, x);
                    }
                    let members: Vec<Role> = members
                        .into_iter()
                        .map(|mention| Role {
                            mention,
                            from_parse: false,
                        })
                        .collect();
                    if a.start > i {
                        targets = members;
                    } else {
                        sources = members;
                        targets.clear();
                    }
                }
                // "Gondor and Osgiliath delayed their meeting": a member of the
                // compound source is not also its target.
                targets.retain(|t| sources.iter().all(|s| s.mention != t.mention));
                if m.reversed {
                    std::mem::swap(&mut sources, &mut targets);
                }
                let mut pairs = ctx.dictionary_pairs(&sources, &targets);
                let reciprocal = targets.is_empty() && sources.len() >= 2;
                if reciprocal {
                    pairs.clear();
                    for a in &sources {
                        for b in &sources {
                            // Two members with one code ("President ... and
                            // President of the Commission", both `---GOV`)
                            // are one actor to the output: no relation.
                            let same_actor = input.mentions[a.mention].actor.code
                                == input.mentions[b.mention].actor.code;
                            if a.mention != b.mention && !same_actor {
                                pairs.push((Some(*a), Some(*b)));
                            }
                        }
                    }
                }
                let trigger = (m.span.0.min(i), (m.span.0.min(i) + 1).max(i + 1));
                let confidence = 0.5 + if m.specificity > 0 { 0.05 } else { 0.0 };
                for (s, t) in pairs {
                    let one = |code: &str, source, target| Pending {
                        verb: i,
                        trigger,
                        code: code.to_string(),
                        source,
                        target,
                        confidence,
                    };
                    pending.push(one(&m.code, s, t));
                    // `[a:b]` codes: the target does `b` back ("left for" / "hosted").
                    if let (Some(p), Some(s), Some(t)) = (m.paired_code.as_deref(), s, t) {
                        if !reciprocal {
                            pending.push(one(p, Some(t), Some(s)));
                        }
                    }
                }
            }
        }
        // "Arnor will restore ties with Gondor, an official said": the report
        // is coded as what it reports; a statement with no target of its own
        // gives way to an event in the clause it reports.
        // PETRARCH itself keeps such statements unless it requires dyads.
        match petrarch {
            None => {
                let reported: Vec<usize> = pending.iter().map(|p| p.verb).collect();
                pending.retain(|p| {
                    p.target.is_some()
                        || !reported
                            .iter()
                            .any(|&w| w != p.verb && ctx.reports(p.verb, w))
                });
            }
            Some(cfg) if cfg.require_dyad => {
                pending.retain(|p| p.source.is_some() && p.target.is_some());
            }
            Some(_) => {
                // PETRARCH nests a clause's event under the coded verb that
                // governs it: a targetless event there ("... after Calenardhon
                // crowds burned down its embassy" under "restore ties") is not
                // reported on its own. Conjoined verbs are siblings, not nested.
                let coded: Vec<usize> = pending.iter().map(|p| p.verb).collect();
                pending.retain(|p| p.target.is_some() || !ctx.nested_under_coded(p.verb, &coded));
            }
        }
        let mut emitted: Vec<(String, String, String)> = Vec::new();
        for p in pending {
            let confidence = p.confidence
                + if p.source.is_some() { 0.25 } else { 0.0 }
                + if p.target.is_some() { 0.15 } else { 0.0 };
            let sources = actors_named(p.source.map(|r| &input.mentions[r.mention]));
            let targets = actors_named(p.target.map(|r| &input.mentions[r.mention]));
            for source in &sources {
                for target in &targets {
                    let code_of = |m: &Option<ActorMention>| {
                        m.as_ref()
                            .map_or(String::new(), |m| m.actor.code.to_string())
                    };
                    let key = (p.code.clone(), code_of(source), code_of(target));
                    if emitted.contains(&key) {
                        continue;
                    }
                    emitted.push(key);
                    match CameoCode::parse(&p.code) {
                        Ok(c) => {
                            out.main_code.get_or_insert(c);
                            let mut event = ctx.finish(Candidate {
                                trigger: p.trigger.0,
                                trigger_end: p.trigger.1,
                                code: c,
                                source: p.source,
                                target: p.target,
                                confidence,
                            });
                            event.source = source.clone();
                            event.target = target.clone();
                            out.events.push(event);
                        }
                        Err(_) => {
                            let tokens = &sentence.tokens;
                            out.dictionary_events.push(DictionaryEvent {
                                sentence_index: sentence.index,
                                sentence_span: sentence.span,
                                source: source.clone(),
                                target: target.clone(),
                                code: p.code.as_str().into(),
                                trigger: Some(Span::new(
                                    tokens[p.trigger.0].span.start,
                                    tokens[p.trigger.1 - 1].span.end,
                                )),
                                confidence,
                            });
                        }
                    }
                }
            }
        }
        out
    }
}

impl Ctx<'_, '_> {
    /// The actors filling an argument headed by `head`, PETRARCH-style: the
    /// longest mention in the noun phrase up to its head (so "Bree Prime
    /// Minister Romendacil" is the minister, not the person), else the mention
    /// nearest the head inside the phrase; each conjunct likewise, and the
    /// conjuncts of a mention found inside the phrase ("ties with Mordor,
    /// Rohan and Bree").
    fn dictionary_actors(&self, head: usize) -> Vec<usize> {
        let mut out = Vec::new();
        let t = self.tree;
        let mut heads = vec![head];
        heads.extend(t.conjuncts(head));
        // "Mordor, the Shire, Fornost and Bree": a list of names the parser
        // read as a name with an apposition that has conjuncts of its own.
        if t.nodes[head].upos == "PROPN" {
            for &a in t.children(head) {
                let listed = t.conjuncts(a);
                if t.deprel(a) == "appos" && t.nodes[a].upos == "PROPN" && !listed.is_empty() {
                    heads.push(a);
                    heads.extend(listed);
                }
            }
        }
        for h in heads {
            let phrase = self.tree.phrase_words(h);
            let first = phrase.first().copied().unwrap_or(h);
            let core = self
                .ranges
                .iter()
                .filter(|r| r.start >= first && r.start <= h && r.end > h.saturating_sub(0))
                .filter(|r| (r.start..r.end).all(|w| phrase.contains(&w)) && r.end > h)
                .max_by_key(|r| (r.end - r.start, std::cmp::Reverse(r.start)))
                .or_else(|| self.ranges.iter().find(|r| r.start <= h && h < r.end));
            if let Some(r) = core {
                push_unique(&mut out, r.mention);
                // "the ambassadors of Arnor, Osgiliath and Gondor": the
                // conjuncts of an actor inside the mention.
                if r.end - 1 != h {
                    for c in self.tree.conjuncts(r.end - 1) {
                        if let Some(x) = self.ranges.iter().find(|x| x.start <= c && c < x.end) {
                            push_unique(&mut out, x.mention);
                        }
                    }
                }
                continue;
            }
            let Some(r) = self
                .ranges
                .iter()
                .filter(|r| phrase.contains(&r.start) && self.in_noun_phrase(r.start, h))
                .min_by_key(|r| (r.start < h, r.start.abs_diff(h)))
                .or_else(|| self.flat_noun_phrase_mention(first))
            else {
                continue;
            };
            push_unique(&mut out, r.mention);
            // The mention's conjuncts inside the same phrase.
            for c in self.name_conjuncts(r) {
                if let Some(x) = self.ranges.iter().find(|x| x.start <= c && c < x.end) {
                    push_unique(&mut out, x.mention);
                }
            }
        }
        out
    }

    /// A mention in the run of determiners, adjectives and nouns right before
    /// a name the parser cut off from its noun phrase ("the official news
    /// agency WFNA said": PETRARCH's noun phrase is the whole run).
    fn flat_noun_phrase_mention(&self, first: usize) -> Option<&MentionRange> {
        let t = self.tree;
        if t.nodes[first].upos != "PROPN" {
            return None;
        }
        let mut start = first;
        while start > 0
            && matches!(
                t.nodes[start - 1].upos.as_str(),
                "DET" | "ADJ" | "NOUN" | "PROPN" | "NUM"
            )
        {
            start -= 1;
        }
        self.ranges
            .iter()
            .filter(|r| r.start >= start && r.end <= first)
            .max_by_key(|r| r.end)
    }

    /// True for a word the tagger took for a noun that stands where a verb
    /// does in these stylised sentences ("Ethiopia departs from Libya", "the
    /// mayor left yesterday", "won't ever clash over"): a noun with no
    /// determiner right after an actor, an adverb, an auxiliary or a
    /// negation, or a noun the parse made its root. Only listed verb forms
    /// are looked up there, never lemmas.
    fn verb_tagged_as_noun(&self, i: usize) -> bool {
        let t = self.tree;
        if t.nodes[i].upos != "NOUN" || i == 0 {
            return false;
        }
        if t.children(i).iter().any(|&c| t.deprel(c) == "det") {
            return false;
        }
        // Right after an actor's name, an adverb, an auxiliary or a negation,
        // or heading a sentence the parser found no verb in; not inside a
        // noun compound ("daylight raids").
        let prev = &t.nodes[i - 1];
        let negation = matches!(prev.form.to_lowercase().as_str(), "n't" | "not" | "never");
        let after_actor = self.ranges.iter().any(|r| r.end == i);
        negation
            || after_actor
            || matches!(prev.upos.as_str(), "ADV" | "AUX")
            || t.nodes[i].head.is_none()
    }

    /// The actor right before a verb in the word sequence, when the parse
    /// gives the verb no subject: no other verb, comma or clause mark in
    /// between; of adjacent mentions ("Bree Prime Minister" "Romendacil") the
    /// longest.
    fn flat_source(&self, verb: usize) -> Option<usize> {
        let t = self.tree;
        let last = self.ranges.iter().rev().find(|r| r.end <= verb)?;
        let blocked = (last.end..verb).any(|w| {
            t.nodes[w].upos == "VERB" || matches!(t.nodes[w].form.as_str(), "," | ";" | ":")
        });
        if blocked {
            return None;
        }
        let mut run = vec![*last];
        while let Some(prev) = self
            .ranges
            .iter()
            .find(|r| r.end == run[run.len() - 1].start)
        {
            run.push(*prev);
        }
        run.iter()
            .max_by_key(|r| (r.end - r.start, std::cmp::Reverse(r.start)))
            .map(|r| r.mention)
    }

    /// The words conjoined with a mention: with its last word, or with its
    /// first where UD makes that the head of a multiword name ("between
    /// Minas Tirith and Osgiliath": "Osgiliath" hangs from "Minas").
    fn name_conjuncts(&self, r: &MentionRange) -> Vec<usize> {
        let t = self.tree;
        let mut out = t.conjuncts(r.end - 1);
        if r.end - r.start > 1 && t.nodes[r.start].upos == "PROPN" {
            for c in t.conjuncts(r.start) {
                if c >= r.end {
                    push_unique(&mut out, c);
                }
            }
        }
        out
    }

    /// A mention and the mentions conjoined with it ("Mordor, Rohan and Bree").
    fn with_conjuncts(&self, m: usize) -> Vec<usize> {
        let mut v = vec![m];
        if let Some(r) = self.ranges.iter().find(|r| r.mention == m) {
            for c in self.name_conjuncts(r) {
                if let Some(x) = self.ranges.iter().find(|x| x.start <= c && c < x.end) {
                    push_unique(&mut v, x.mention);
                }
            }
        }
        v
    }

    /// True when the clause of verb `v` reports the clause of verb `w`: `w`
    /// is in a complement of `v` ("said that Arnor restored ties"), or `v` is
    /// a parenthetical on `w`'s clause ("Arnor restored ties, an official said").
    fn reports(&self, v: usize, w: usize) -> bool {
        let t = self.tree;
        let mut x = w;
        for _ in 0..t.len() {
            let Some(h) = t.nodes[x].head else {
                break;
            };
            if h == v {
                return matches!(t.deprel(x), "ccomp" | "parataxis");
            }
            x = h;
        }
        t.deprel(v) == "parataxis"
            && t.nodes[v]
                .head
                .is_some_and(|h| h == w || t.ancestors(w).any(|a| a == h))
    }

    /// True when verb `v` sits in a clause governed by another verb in
    /// `coded` (a complement, adverbial or relative clause), reached without
    /// a conjunct or a parenthetical ("..., an official said") on the way.
    fn nested_under_coded(&self, v: usize, coded: &[usize]) -> bool {
        let t = self.tree;
        // A clause hung on a noun without a relative word is as often the
        // parser's reading of a trailing "the agency WFNA said" as a nested
        // clause: left alone.
        if t.deprel(v) == "acl:relcl" {
            return false;
        }
        let mut x = v;
        for _ in 0..t.len() {
            // The object a coded verb lost to the parser is still its own.
            if coded
                .iter()
                .any(|&c| self.object_after_adjective_list(c) == Some(x))
            {
                return true;
            }
            let Some(h) = t.nodes[x].head else {
                return false;
            };
            // Joined verbs are siblings; a trailing "..., an official said"
            // reports the clause it hangs on, however the parser attached it.
            if matches!(t.deprel(x), "conj" | "parataxis") || t.reporting_clause(h) == Some(x) {
                return false;
            }
            if coded.contains(&h) {
                return true;
            }
            x = h;
        }
        false
    }

    /// A verb the parser hung as a participle on the noun after it although a
    /// coordinator joins it to an earlier verb ("condemned an attack ... and
    /// promised aid to the villages": "promised" is an `amod` of "aid"):
    /// the earlier verb whose phrase holds the noun, and the noun, which is
    /// the verb's object. PETRARCH's parse has the two verbs conjoined.
    fn conjoined_participle(&self, verb: usize) -> Option<(usize, usize)> {
        let t = self.tree;
        if t.deprel(verb) != "amod" || !t.is_verbal(verb) {
            return None;
        }
        let object = t.nodes[verb].head.filter(|&h| h > verb)?;
        let cc = t.children(verb).iter().any(|&c| {
            t.deprel(c) == "cc" && matches!(t.nodes[c].form.to_lowercase().as_str(), "and" | "but")
        });
        if !cc {
            return None;
        }
        let governor = t
            .ancestors(object)
            .find(|&a| a < verb && t.nodes[a].upos == "VERB")?;
        Some((governor, object))
    }

    /// A passive verb's agent, also where the parser hung the "by" phrase on
    /// an adverb of the verb ("was opposed earlier by Osgiliath").
    fn passive_agent(&self, verb: usize) -> Option<usize> {
        let t = self.tree;
        t.passive_agent(verb).or_else(|| {
            if !t.is_passive(verb) {
                return None;
            }
            t.children(verb)
                .iter()
                .filter(|&&a| t.deprel(a) == "advmod" && t.nodes[a].upos == "ADV")
                .flat_map(|&a| t.children(a).iter().copied())
                .find(|&n| {
                    matches!(t.nodes[n].upos.as_str(), "PROPN" | "NOUN" | "PRON")
                        && t.children(n).iter().any(|&c| {
                            t.deprel(c) == "case" && t.nodes[c].form.eq_ignore_ascii_case("by")
                        })
                })
        })
    }

    /// The object of a verb the parser lost in a list of adjectives ("restore
    /// complete, full diplomatic ties": "complete" became a complement of the
    /// verb and "ties" a clause of its own after the comma).
    fn object_after_adjective_list(&self, verb: usize) -> Option<usize> {
        let t = self.tree;
        if t.nodes[verb].upos != "VERB" || !t.objects(verb).is_empty() {
            return None;
        }
        let adjective = t
            .children(verb)
            .iter()
            .copied()
            .find(|&c| c > verb && t.deprel(c) == "xcomp" && t.nodes[c].upos == "ADJ")?;
        if t.nodes.get(adjective + 1)?.form != "," {
            return None;
        }
        let mut j = adjective + 2;
        while j < t.len() && t.nodes[j].upos == "ADJ" {
            j += 1;
        }
        (j > adjective + 2 && j < t.len() && t.nodes[j].upos == "NOUN").then_some(j)
    }

    /// The adverb a verb was conjoined to when the parser read a coordination
    /// of adverbs before the verb as a coordination of the first adverb and
    /// the verb ("The Philippines was heavily and unjustly criticized":
    /// "heavily" heads the clause and holds the subject).
    fn adverb_conjunct_head(&self, verb: usize) -> Option<usize> {
        let t = self.tree;
        let has_subject = t
            .children(verb)
            .iter()
            .any(|&c| t.deprel(c).starts_with("nsubj"));
        if t.deprel(verb) != "conj" || has_subject {
            return None;
        }
        let head = t.nodes[verb].head.filter(|&h| h < verb)?;
        (t.nodes[head].upos == "ADV").then_some(head)
    }

    /// True when word `w` hangs from `head` through noun-phrase relations
    /// only: not through a subject ("Mordor" in "Mordor isn't a place to
    /// visit" is no part of "place").
    fn in_noun_phrase(&self, w: usize, head: usize) -> bool {
        let t = self.tree;
        std::iter::once(w)
            .chain(t.ancestors(w))
            .take_while(|&x| x != head)
            .all(|x| {
                let rel = t.deprel(x);
                !(rel.starts_with("nsubj") || rel.starts_with("csubj") || rel == "parataxis")
            })
    }

    /// The subject actors a verb borrows when its own subject is a pronoun or
    /// missing: "Ethiopia indicated it would act" (the governing clause's
    /// subject), "Gollum was seen to break" (the passive governor's subject).
    fn borrowed_subjects(&self, verb: usize) -> Vec<usize> {
        let t = self.tree;
        let mut v = verb;
        for _ in 0..3 {
            let Some(h) = t.nodes[v].head else {
                break;
            };
            let rel = t.deprel(v);
            if !(rel.starts_with("ccomp") || rel.starts_with("xcomp") || rel.starts_with("conj"))
                || !t.is_verbal(h) && rel.starts_with("conj")
            {
                break;
            }
            let heads = if t.is_passive(h) {
                t.passive_subjects(h)
            } else {
                t.subjects(h)
            };
            let found: Vec<usize> = heads
                .into_iter()
                .flat_map(|s| self.dictionary_actors(s))
                .collect();
            if !found.is_empty() {
                return found;
            }
            v = h;
        }
        Vec::new()
    }

    /// Sources and targets of the verb at `verb`: pattern slots first, then
    /// the parse, then word order within the clause.
    fn dictionary_roles(
        &self,
        verb: usize,
        pattern_source: Option<usize>,
        pattern_target: Option<usize>,
        triggers: &[usize],
    ) -> (Vec<Role>, Vec<Role>) {
        let t = self.tree;
        let role = |mention, from_parse| Role {
            mention,
            from_parse,
        };
        let expand = |m: usize| self.with_conjuncts(m);
        let mut sources: Vec<Role> = Vec::new();
        let mut targets: Vec<Role> = Vec::new();
        // PETRARCH reverses a passive only when it names its agent ("Eriador
        // was opposed by Osgiliath"); without one the grammatical subject
        // stays the source ("The Philippines was criticized over its dispute
        // with Eriador" is PHL against ERI).
        let agent = self.passive_agent(verb);
        let agentless = t.is_passive(verb) && agent.is_none();
        let passive = t.is_passive(verb) && !agentless;
        // "condemned an attack ... on Thursday and promised aid to ...": the
        // parser took the second verb for a participle on its object.
        let conjoined = self.conjoined_participle(verb);
        let objects_of = |v: usize| match conjoined {
            Some((_, object)) => vec![object],
            None => {
                let mut objects = t.objects(v);
                objects.extend(self.object_after_adjective_list(v));
                objects
            }
        };
        let raw_subjects = if agentless {
            t.passive_subjects(verb)
        } else if let Some((governor, _)) = conjoined {
            t.subjects(governor)
        } else if let Some(adverb) = self.adverb_conjunct_head(verb) {
            t.children(adverb)
                .iter()
                .copied()
                .filter(|&c| t.deprel(c).starts_with("nsubj"))
                .collect()
        } else {
            t.subjects(verb)
        };
        // A subject the parser found on a non-nominal word ("most" in "most
        // certainly won't clash") or on another verb is no subject.
        let subject_heads: Vec<usize> = raw_subjects
            .iter()
            .copied()
            .filter(|&h| {
                matches!(
                    t.nodes[h].upos.as_str(),
                    "NOUN" | "PROPN" | "PRON" | "NUM" | "X" | "SYM" | "DET"
                ) && !triggers.contains(&h)
            })
            .collect();
        match pattern_source {
            Some(m) => sources.extend(expand(m).into_iter().map(|m| role(m, false))),
            None => {
                let heads = if passive {
                    agent.into_iter().collect()
                } else {
                    subject_heads
                        .iter()
                        .copied()
                        .map(|s| match t.relativised_noun(verb) {
                            Some(noun) if t.is_relative_pronoun(s) => noun,
                            _ => s,
                        })
                        .collect::<Vec<_>>()
                };
                let pronoun_or_none = heads.iter().all(|&h| t.nodes[h].upos == "PRON");
                for h in heads {
                    for m in self.dictionary_actors(h) {
                        sources.push(role(m, true));
                    }
                }
                if sources.is_empty() && pronoun_or_none && !passive {
                    sources.extend(
                        self.borrowed_subjects(verb)
                            .into_iter()
                            .map(|m| role(m, true)),
                    );
                }
            }
        }
        match pattern_target {
            Some(m) => targets.extend(expand(m).into_iter().map(|m| role(m, false))),
            None => {
                let mut heads: Vec<usize> = if passive {
                    t.passive_subjects(verb)
                } else {
                    objects_of(verb)
                };
                heads.retain(|&h| !self.dictionary_actors(h).is_empty());
                if heads.is_empty() {
                    heads = t
                        .prep_objects(verb)
                        .into_iter()
                        .filter(|(p, _)| TARGET_PREPS.contains(&p.as_str()))
                        .map(|(_, o)| o)
                        .find(|&o| !self.dictionary_actors(o).is_empty())
                        .into_iter()
                        .collect();
                }
                if heads.is_empty() {
                    heads = objects_of(verb)
                        .into_iter()
                        .flat_map(|o| t.prep_objects(o))
                        .filter(|(p, _)| TARGET_PREPS.contains(&p.as_str()) && p != "of")
                        .map(|(_, o)| o)
                        .find(|&o| !self.dictionary_actors(o).is_empty())
                        .into_iter()
                        .collect();
                }
                for h in heads {
                    for m in self.dictionary_actors(h) {
                        targets.push(role(m, true));
                    }
                }
            }
        }
        // A pattern that puts the clause's own subject in the target slot
        // ("- NOTED + * [115]": "Falastur noted that Cirith Ungol regretted")
        // leaves the source to the clause that governs it.
        if pattern_source.is_none()
            && pattern_target.is_some()
            && !sources.is_empty()
            && sources
                .iter()
                .all(|s| targets.iter().any(|t| t.mention == s.mention))
        {
            let borrowed = self.borrowed_subjects(verb);
            if !borrowed.is_empty() {
                sources = borrowed.into_iter().map(|m| role(m, true)).collect();
            }
        }
        let source_slot = passive || !subject_heads.is_empty() || !sources.is_empty();
        if sources.is_empty() && !source_slot {
            let before = self
                .ranges
                .iter()
                .rev()
                .find(|r| r.end <= verb && self.same_clause(r.start, verb))
                .map(|r| r.mention)
                .or_else(|| {
                    // Word order only where the parse failed: the verb was
                    // tagged a noun, or its subject is not a nominal.
                    let failed =
                        !t.is_verbal(verb) || subject_heads.is_empty() && !raw_subjects.is_empty();
                    failed.then(|| self.flat_source(verb)).flatten()
                });
            if let Some(m) = before {
                sources.extend(expand(m).into_iter().map(|m| role(m, false)));
            }
        }
        if targets.is_empty() {
            // Not from a time adjunct ("after Calenardhon crowds burned ...").
            let adjunct = |w: usize| {
                std::iter::once(w)
                    .chain(t.ancestors(w))
                    .take_while(|&x| x != verb)
                    .any(|x| {
                        t.children(x).iter().any(|&c| {
                            t.deprel(c) == "case"
                                && TIME_PREPS.contains(&t.nodes[c].form.to_lowercase().as_str())
                        })
                    })
            };
            if let Some(r) = self.ranges.iter().find(|r| {
                r.start > verb
                    && (self.same_clause(r.start, verb) || t.ancestors(r.start).any(|a| a == verb))
                    && !adjunct(r.start)
            }) {
                if sources.iter().all(|s| s.mention != r.mention) {
                    targets.extend(expand(r.mention).into_iter().map(|m| role(m, false)));
                }
            }
        }
        (sources, targets)
    }

    /// (source, target) pairs: every source with every target; an event needs
    /// a source; an actor is not its own target.
    fn dictionary_pairs(
        &self,
        sources: &[Role],
        targets: &[Role],
    ) -> Vec<(Option<Role>, Option<Role>)> {
        let code_of = |r: &Role| &self.input.mentions[r.mention].actor.code;
        let mut out = Vec::new();
        let srcs: Vec<Option<Role>> = if sources.is_empty() {
            vec![None]
        } else {
            sources.iter().copied().map(Some).collect()
        };
        let tgts: Vec<Option<Role>> = if targets.is_empty() {
            vec![None]
        } else {
            targets.iter().copied().map(Some).collect()
        };
        for s in &srcs {
            for t in &tgts {
                let t = match (s, t) {
                    (Some(a), Some(b)) if code_of(a) == code_of(b) => {
                        if tgts.len() > 1 {
                            continue;
                        }
                        None
                    }
                    _ => *t,
                };
                if s.is_none() {
                    continue;
                }
                out.push((*s, t));
            }
        }
        out
    }
}

/// True for PETRARCH's anonymous agents (`---GOV`, prefixed `NGO---`).
fn is_anonymous(m: &ActorMention) -> bool {
    m.actor.code.as_str().contains("---")
}

/// An actor code with an anonymous agent's role added: `GON` + `---GOV` is
/// `GONGOV`, `ARN` + `NGO---` is `NGOARN`; a role the code already has is
/// not repeated.
fn with_agent(actor: &str, agent: &str) -> String {
    if let Some(prefix) = agent.strip_suffix("---") {
        return if actor.starts_with(prefix) {
            actor.to_string()
        } else {
            format!("{prefix}{actor}")
        };
    }
    let role = agent.trim_start_matches('-');
    if actor.ends_with(role) {
        actor.to_string()
    } else {
        format!("{actor}{role}")
    }
}

/// PETRARCH's noun-phrase composition on the parse: an anonymous agent
/// takes the first actor named before it in its noun phrase, and the phrase
/// becomes one mention ("Dagolath's first Deputy Prime Minister Telemar" is
/// DAGGOV); an agent composed over a prepositional actor ("ambassadors of
/// Arnor") carries to that actor's conjuncts ("..., Osgiliath and Gondor").
fn compose_agents(
    tree: &crate::Tree,
    ranges: &mut Vec<MentionRange>,
    mentions: &mut [ActorMention],
) {
    let mut i = 0;
    while i < ranges.len() {
        let a = ranges[i].mention;
        if !is_anonymous(&mentions[a]) {
            i += 1;
            continue;
        }
        let mut head = ranges[i].end - 1;
        // A title right before the name it governs ("minister Calimehtar",
        // "Prime Minister Telemar") heads one noun phrase with the name,
        // whatever relation the parser gave the title.
        while tree.nodes[head].head.is_some_and(|h| {
            h > head
                && (matches!(tree.deprel(head), "compound" | "flat" | "amod")
                    || h == head + 1 && tree.nodes[h].upos == "PROPN")
        }) {
            head = tree.nodes[head].head.unwrap_or(head);
        }
        let prefix = mentions[a].actor.code.as_str().ends_with("---");
        let (agent_start, agent_end) = (ranges[i].start, ranges[i].end);
        let mut phrase = tree.phrase_words(head);
        // A name running on after the head ("MSF Arnor") is part of it.
        let last = phrase
            .iter()
            .copied()
            .filter(|&w| w > head && matches!(tree.deprel(w), "flat" | "compound"))
            .max()
            .unwrap_or(head);
        // Where the parser cut a possessor off the phrase ("Dagolath's
        // first Deputy Prime Minister Telemar left"), the adjacent run of
        // nominal words before it is PETRARCH's noun phrase too.
        let mut first = phrase.first().copied().unwrap_or(head);
        while first > 0
            && (matches!(
                tree.nodes[first - 1].upos.as_str(),
                "ADJ" | "DET" | "PROPN" | "NOUN"
            ) || tree.nodes[first - 1].form == "'s")
        {
            first -= 1;
            push_unique(&mut phrase, first);
        }
        let within =
            |r: &MentionRange| (r.start..r.end).all(|w| phrase.contains(&w)) && r.end <= last + 1;
        let actor = ranges
            .iter()
            .filter(|r| {
                let m = &mentions[r.mention];
                // A suffixed agent composes with a bare actor, not with one
                // that already has its own agent ("Danish media and government").
                // No comma between them: "Gondor, a senior official" is
                // an apposition, not one actor.
                let (lo, hi) = (r.start.min(agent_start), r.end.max(agent_end));
                within(r)
                    && !(lo..hi).any(|w| tree.nodes[w].form == ",")
                    && !is_anonymous(m)
                    && (prefix || m.resolution != model::Resolution::Composed)
            })
            .min_by_key(|r| r.start)
            .map(|r| r.mention);
        let Some(actor) = actor else {
            i += 1;
            continue;
        };
        let code = with_agent(
            mentions[actor].actor.code.as_str(),
            mentions[a].actor.code.as_str(),
        );
        let absorbed: Vec<usize> = (0..ranges.len())
            .filter(|&k| k != i && within(&ranges[k]))
            .collect();
        let (start, end) = absorbed
            .iter()
            .map(|&k| &ranges[k])
            .fold((ranges[i].start, ranges[i].end), |(s, e), r| {
                (s.min(r.start), e.max(r.end))
            });
        let span_start = mentions[ranges
            .iter()
            .find(|r| r.start == start)
            .map_or(a, |r| r.mention)]
        .span
        .start;
        let span_end = mentions[ranges
            .iter()
            .find(|r| r.end == end)
            .map_or(a, |r| r.mention)]
        .span
        .end;
        let m = &mut mentions[a];
        m.actor.code = ActorCode::new(code);
        m.span = Span::new(span_start.min(m.span.start), span_end.max(m.span.end));
        ranges[i].start = start;
        ranges[i].end = end;
        let keep = ranges[i].mention;
        ranges.retain(|r| r.mention == keep || r.start < start || r.end > end);
        i = ranges
            .iter()
            .position(|r| r.mention == keep)
            .map_or(ranges.len(), |p| p + 1);
    }
    share_across_conjuncts(tree, ranges, mentions);
    // "the ambassadors of Arnor, Osgiliath and Gondor": the agent composed
    // over "Arnor" carries to its conjuncts.
    let carried: Vec<(usize, String)> = ranges
        .iter()
        .filter(|r| {
            mentions[r.mention].resolution == model::Resolution::Composed
                && (r.start..r.end)
                    .any(|w| matches!(tree.nodes[w].form.to_lowercase().as_str(), "of" | "in"))
        })
        .flat_map(|r| {
            let role = mentions[r.mention]
                .actor
                .code
                .as_str()
                .get(3..)
                .unwrap_or("")
                .to_string();
            tree.conjuncts(r.end - 1)
                .into_iter()
                .filter_map(|c| ranges.iter().find(|x| x.start <= c && c < x.end))
                .filter(|x| {
                    !is_anonymous(&mentions[x.mention])
                        && mentions[x.mention].actor.sector.is_none()
                })
                .map(|x| (x.mention, role.clone()))
                .collect::<Vec<_>>()
        })
        .collect();
    for (m, role) in carried {
        if role.is_empty() {
            continue;
        }
        let code = with_agent(mentions[m].actor.code.as_str(), &format!("---{role}"));
        mentions[m].actor.code = ActorCode::new(code);
    }
}

/// An agent with no actor conjoined with an agent that has one shares its
/// actors, the way PETRARCH distributes the modifiers of a flat compound
/// noun phrase: a prepositional actor after the last conjunct reaches back
/// ("Lawmakers and officials in Fornost and Gondor": FORLEG, GONLEG, FORGOV,
/// GONGOV), an actor before a first conjunct with no determiner reaches
/// forward ("Danish media and government": DNKMED, DNKGOV). CoreNLP brackets
/// "The Danish media" as a noun phrase of its own, so there the second
/// conjunct stays `---GOV`. Several actors are written as one `A/B` code,
/// which coding splits into one event each.
fn share_across_conjuncts(
    tree: &crate::Tree,
    ranges: &[MentionRange],
    mentions: &mut [ActorMention],
) {
    let range_at = |w: usize| ranges.iter().find(|r| r.start <= w && w < r.end);
    let bare = |m: &ActorMention| !is_anonymous(m) && m.resolution != model::Resolution::Composed;
    let mut shared: Vec<(usize, String)> = Vec::new();
    for r in ranges {
        let a = &mentions[r.mention];
        if !is_anonymous(a) {
            continue;
        }
        let h = r.end - 1;
        // The coordination: the first conjunct and the words conjoined with it.
        let first = if tree.deprel(h) == "conj" {
            match tree.nodes[h].head {
                Some(x) => x,
                None => continue,
            }
        } else {
            h
        };
        let group: Vec<usize> = std::iter::once(first)
            .chain(tree.conjuncts(first))
            .collect();
        if group.len() < 2 {
            continue;
        }
        let mut bases: Vec<String> = Vec::new();
        for &c in &group {
            if r.start <= c && c < r.end {
                continue;
            }
            let Some(other) = range_at(c) else {
                continue;
            };
            let m = &mentions[other.mention];
            if is_anonymous(m) || m.resolution != model::Resolution::Composed {
                continue;
            }
            let code = m.actor.code.as_str();
            let base = match m.actor.sector.as_deref() {
                Some(sector) if code.len() > sector.len() && code.ends_with(sector) => {
                    &code[..code.len() - sector.len()]
                }
                _ => code.get(..3).unwrap_or(code),
            };
            let actor_after = other.end - 1 > c;
            let actor_before = other.start < c;
            if c > h && actor_after {
                push_code(&mut bases, base);
                // "... in Fornost and Gondor": the prepositional actor's conjuncts.
                for x in tree.conjuncts(other.end - 1) {
                    if let Some(y) = range_at(x) {
                        if bare(&mentions[y.mention]) {
                            push_code(&mut bases, mentions[y.mention].actor.code.as_str());
                        }
                    }
                }
            } else if c < h
                && actor_before
                && c == first
                && !tree
                    .children(first)
                    .iter()
                    .any(|&d| tree.deprel(d) == "det")
            {
                push_code(&mut bases, base);
            }
        }
        if bases.is_empty() {
            continue;
        }
        let agent = a.actor.code.as_str();
        let codes: Vec<String> = bases.iter().map(|b| with_agent(b, agent)).collect();
        shared.push((r.mention, codes.join("/")));
    }
    for (m, code) in shared {
        mentions[m].actor.code = ActorCode::new(code);
        mentions[m].resolution = model::Resolution::Composed;
    }
}

fn push_code(v: &mut Vec<String>, code: &str) {
    if !v.iter().any(|c| c == code) {
        v.push(code.to_string());
    }
}

/// The words of the comma-delimited clauses PETRARCH deletes before coding.
/// A clause runs between two clause commas (internal), from the start to the
/// first one (initial) or from the last one to the end (terminal); its length
/// counts words that start with a letter, as PETRARCH does. Commas inside a noun phrase (a list of
/// actors, an apposition) delimit no clause: PETRARCH works on the parse,
/// where those are part of the noun phrase.
fn comma_clauses(tree: &crate::Tree, limits: &CommaLimits) -> Vec<bool> {
    let n = tree.len();
    let mut deleted = vec![false; n];
    let nominal = |i: usize| {
        matches!(
            tree.nodes[i].upos.as_str(),
            "NOUN" | "PROPN" | "PRON" | "NUM"
        )
    };
    let commas: Vec<usize> = (0..n)
        .filter(|&i| tree.nodes[i].form == ",")
        .filter(|&i| {
            // A comma hanging from a listed or apposed nominal is part of the
            // noun phrase ("Mordor, the Shire, Fornost and Bree"), unless a
            // verb follows before the next comma (a clause the parser took
            // for an apposition: ", several years after crowds burned ...").
            // A comma between adjectives ("complete, full diplomatic ties")
            // lists the modifiers of one noun phrase.
            if i > 0 && tree.nodes[i - 1].upos == "ADJ" && {
                let mut j = i + 1;
                while j < n && tree.nodes[j].upos == "ADJ" {
                    j += 1;
                }
                j > i + 1 && j < n && tree.nodes[j].upos == "NOUN"
            } {
                return false;
            }
            let next = (i + 1..n).find(|&j| tree.nodes[j].form == ",").unwrap_or(n);
            let has_verb = (i + 1..next).any(|j| tree.nodes[j].upos == "VERB");
            has_verb
                || !tree.nodes[i].head.is_some_and(|h| {
                    nominal(h)
                        && matches!(tree.deprel(h), "conj" | "appos")
                        && tree.nodes[h].head.is_some_and(nominal)
                })
        })
        .collect();
    if commas.is_empty() {
        return deleted;
    }
    // PETRARCH counts the words that start with a letter ("12-year" is none).
    let words = |a: usize, b: usize| {
        (a..b)
            .filter(|&i| tree.nodes[i].form.starts_with(char::is_alphabetic))
            .count()
    };
    let within = |len: usize, lo: usize, hi: usize| hi > 0 && len >= lo && len <= hi;
    let mut cut = |a: usize, b: usize| deleted[a..b].iter_mut().for_each(|d| *d = true);
    let first = commas[0];
    if within(words(0, first), limits.bmin, limits.bmax) {
        cut(0, first + 1);
    }
    let last = commas[commas.len() - 1];
    if within(words(last + 1, n), limits.emin, limits.emax) {
        cut(last, n);
    }
    for pair in commas.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        if within(words(a + 1, b), limits.min, limits.max) {
            cut(a + 1, b + 1);
        }
    }
    deleted
}

/// The actors a mention names: PETRARCH codes `[FRO/BIL/SAM]` ("the Shire")
/// name several actors at once, one event each.
fn actors_named(m: Option<&ActorMention>) -> Vec<Option<ActorMention>> {
    let Some(m) = m else {
        return vec![None];
    };
    let code = m.actor.code.as_str();
    if !code.contains('/') {
        return vec![Some(m.clone())];
    }
    code.split('/')
        .filter(|c| !c.is_empty())
        .map(|c| {
            let mut one = m.clone();
            one.actor.code = ActorCode::new(c);
            Some(one)
        })
        .collect()
}

fn push_unique(v: &mut Vec<usize>, x: usize) {
    if !v.contains(&x) {
        v.push(x);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn petrarch_options_read_as_petrarch_writes_them() {
        let mut c = PetrarchConfig::default();
        assert!(c.require_dyad && c.comma.max == 8 && c.comma.bmax == 0);
        c.set("require_dyad", "FALSE").unwrap();
        c.set(" comma_emax ", "0").unwrap();
        assert!(!c.require_dyad && c.comma.emax == 0);
        assert!(matches!(
            c.set("comma_min", "two"),
            Err(PetrarchConfigError::BadValue { .. })
        ));
        assert!(matches!(
            c.set("stop_on_error", "true"),
            Err(PetrarchConfigError::UnknownOption(_))
        ));
    }

    #[test]
    fn agents_compose_as_petrarch_codes_them() {
        assert_eq!(with_agent("GON", "---GOV"), "GONGOV");
        assert_eq!(with_agent("ARN", "NGO---"), "NGOARN");
        assert_eq!(with_agent("ARNGOV", "NGO---"), "NGOARNGOV");
        assert_eq!(with_agent("GONGOV", "---GOV"), "GONGOV");
    }
}
