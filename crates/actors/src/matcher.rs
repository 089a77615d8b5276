//! Finding actor mentions: longest dictionary match, country + agent
//! composition, title + name merging, context disambiguation and a small
//! salience-based coreference resolver (most recent compatible mention).

use std::collections::HashMap;

use model::{Actor, ActorMention, NaiveDate, Resolution, Sentence, Span};

use crate::normalize::{pieces, Piece, PieceKind};
use crate::{ActorDictionary, AgentEntry, CorefClass, CorefCue, Cue, EntityKind};

/// Words allowed between a country and its agent ("Azerbaijan's *current* interior minister").
const MODIFIERS: &[&str] = &[
    "SENIOR", "TOP", "HIGH", "RANKING", "FORMER", "THEN", "ACTING", "LOCAL", "NEW", "OWN",
    "CURRENT", "RETIRED", "INTERIM", "OUTGOING", "INCOMING", "LEADING", "POWERFUL", "ELITE",
];
/// Words that make a role a former one (coded ELI, as Phoenix does).
const FORMER: &[&str] = &["FORMER", "EX", "ONETIME", "ERSTWHILE", "RETIRED", "LATE"];
/// Prepositions linking an agent to its country ("the president of Azerbaijan").
const LINKS: &[&str] = &["OF", "IN", "FROM", "FOR"];
/// Verbs after which "it" is usually expletive ("it is time", "it seems").
const EXPLETIVE_NEXT: &[&str] = &[
    "IS", "WAS", "'S", "SEEMS", "SEEMED", "APPEARS", "TAKES", "REMAINS", "MAKES",
];
/// Agent words that are often adjectives before another noun.
const ADJECTIVAL_AGENTS: &[&str] = &[
    "MILITARY",
    "TERRORIST",
    "MILITIA",
    "SECURITY",
    "INTELLIGENCE",
    "POLICE",
    "GOVERNMENT",
    "ARMY",
    "NAVAL",
    "NUCLEAR",
    "OPPOSITION",
    "REBEL",
    "OFFICIAL",
    "STATE",
    "BUSINESS",
    "MEDIA",
    "NATIONAL",
];
/// Words after which an agent is still a noun ("the military said", "police and").
const FUNCTION_WORDS: &[&str] = &[
    "AND", "OR", "BUT", "OF", "IN", "ON", "AT", "TO", "FOR", "FROM", "WITH", "BY", "AS", "THAT",
    "WHICH", "WHO", "SAID", "SAYS", "SAY", "HAS", "HAVE", "HAD", "IS", "ARE", "WAS", "WERE",
    "WILL", "WOULD", "CAN", "COULD", "MAY", "MIGHT", "SHOULD", "MUST", "ALSO", "THEN", "NOW",
    "THE", "A", "AN", "CLAIMS", "DENIES", "ACCUSED", "TOLD", "STRIKES",
];
/// Words that open a clause, for finding a pronoun's local subject.
const CLAUSE_WORDS: &[&str] = &[
    "AFTER", "BEFORE", "WHILE", "WHEN", "BECAUSE", "SINCE", "THAT", "WHICH", "WHO", "ALTHOUGH",
    "THOUGH", "BUT", "WHEREAS", "UNLESS", "IF",
];
/// Agents that belong to the sending country, so "X in/at COUNTRY" is not that country's.
const SENDING_AGENTS: &[&str] = &[
    "EMBASSY",
    "EMBASSIES",
    "AMBASSADOR",
    "AMBASSADORS",
    "ENVOY",
    "ENVOYS",
    "CONSULATE",
    "CONSUL",
    "MISSION",
    "DELEGATION",
];
/// How many sentences back an antecedent may be.
const COREF_WINDOW: usize = 3;

#[derive(Debug, Clone)]
struct Found {
    start: usize,
    end: usize,
    code: String,
    resolution: Resolution,
    kind: EntityKind,
}

struct SentenceCtx<'a> {
    dict: &'a ActorDictionary,
    ps: Vec<Piece>,
    ids: Vec<u32>,
    date: Option<NaiveDate>,
}

impl<'a> SentenceCtx<'a> {
    fn word(&self, i: usize) -> &str {
        self.ps.get(i).map_or("", |p| p.norm.as_str())
    }
    fn is_word(&self, i: usize) -> bool {
        self.ps.get(i).is_some_and(|p| p.kind == PieceKind::Word)
    }

    /// Longest actor match starting at `i` that passes the case checks.
    fn actor_match(&self, i: usize) -> Option<(usize, usize)> {
        let trie = &self.dict.actor_trie;
        let mut node = 0u32;
        let mut best = None;
        for j in i..self.ps.len() {
            if self.ps[j].kind == PieceKind::Break {
                break;
            }
            match trie.step(node, self.ids[j]) {
                Some(n) => node = n,
                None => break,
            }
            if let Some(e) = trie.entry(node) {
                if self.case_ok(i, j + 1, e as usize) {
                    best = Some((j + 1, e as usize));
                }
            }
        }
        best
    }

    fn case_ok(&self, start: usize, end: usize, entry: usize) -> bool {
        let e = &self.dict.actors[entry];
        let span = &self.ps[start..end];
        if e.words == 1 && span[0].norm.len() <= 3 && !span[0].all_caps {
            // Short one-word names are acronyms ("US", "UN", "EU"): never "us", "un".
            return false;
        }
        e.lowercase_ok || span.iter().any(|p| p.capitalized)
    }

    fn agent_match(&self, i: usize) -> Option<(usize, &'a AgentEntry)> {
        let trie = &self.dict.agent_trie;
        let mut node = 0u32;
        let mut best = None;
        for j in i..self.ps.len() {
            if self.ps[j].kind != PieceKind::Word {
                break;
            }
            match trie.step(node, self.ids[j]) {
                Some(n) => node = n,
                None => break,
            }
            if let Some(e) = trie.entry(node) {
                best = Some((j + 1, &self.dict.agents[e as usize]));
            }
        }
        best
    }

    fn known(&self, i: usize) -> bool {
        self.actor_match(i).is_some() || self.agent_match(i).is_some()
    }

    fn is_cap_unknown(&self, i: usize) -> bool {
        self.is_word(i) && self.ps[i].capitalized && !self.ps[i].all_caps && !self.known(i)
    }

    /// Context rules for ambiguous one-word names: the code to use, or `None`
    /// when the word is not an actor here.
    fn disambiguate(&self, i: usize, end: usize, code: &str) -> Option<String> {
        if end != i + 1 {
            return Some(code.to_string());
        }
        let Some(amb) = self.dict.ambiguous.get(&self.ids[i]) else {
            return Some(code.to_string());
        };
        let fired = amb.cues.iter().any(|cue| match cue {
            Cue::Next(w) => self.word(i + 1) == w,
            Cue::Prev(w) => i > 0 && self.word(i - 1) == w,
            Cue::Any(w) => self.ps.iter().any(|p| p.norm == *w),
            Cue::NextCap => self.is_cap_unknown(i + 1),
            Cue::PrevCap => {
                i >= 1
                    && self.is_cap_unknown(i - 1)
                    && (i > 1
                        || !(FUNCTION_WORDS.contains(&self.word(0))
                            || CLAUSE_WORDS.contains(&self.word(0))))
            }
            Cue::PrevCommaCap => {
                // "Atlanta, Georgia": a place of another country (or an unknown one) before the comma.
                i >= 2
                    && self.word(i - 1) == ","
                    && (self.is_cap_unknown(i - 2)
                        || self.actor_match(i - 2).is_some_and(|(end, e)| {
                            end == i - 1
                                && self.dict.actors[e]
                                    .resolve(self.date)
                                    .is_some_and(|c| self.country_of(c) != self.country_of(code))
                        }))
            }
        });
        if fired {
            amb.alternative.clone()
        } else {
            Some(code.to_string())
        }
    }

    /// Where the clause containing piece `i` starts (after the last comma,
    /// semicolon or subordinating word before it).
    fn clause_start(&self, i: usize) -> usize {
        (0..i)
            .rev()
            .find(|&k| {
                matches!(self.word(k), "," | ";" | ":" | "(")
                    || CLAUSE_WORDS.contains(&self.word(k))
            })
            .map_or(0, |k| k + 1)
    }

    /// A one-word agent used as an adjective ("Tehran's terrorist activity",
    /// "Israeli military technology"): followed by a lower-case word that is
    /// neither a function word nor a verb form the agent could be subject of.
    fn adjectival(&self, start: usize, end: usize) -> bool {
        if end != start + 1 || !ADJECTIVAL_AGENTS.contains(&self.word(start)) {
            return false;
        }
        let Some(next) = self.ps.get(end) else {
            return false;
        };
        next.kind == PieceKind::Word
            && !next.capitalized
            && !FUNCTION_WORDS.contains(&next.norm.as_str())
            && !next.norm.ends_with("ED")
    }

    fn former_before(&self, i: usize) -> bool {
        (1..=2).any(|k| i >= k && FORMER.contains(&self.word(i - k)))
    }

    fn country_of(&self, code: &str) -> Option<String> {
        self.dict.actor_for_code(code).country
    }

    /// A person named right after `i` (a title's name): (end, code).
    fn person_at(&self, i: usize, aliases: &HashMap<String, String>) -> Option<(usize, String)> {
        if let Some((end, e)) = self.actor_match(i) {
            let entry = &self.dict.actors[e];
            if entry.person {
                return entry.resolve(self.date).map(|c| (end, c.to_string()));
            }
            return None;
        }
        if self.is_word(i) && self.ps[i].capitalized {
            if let Some(code) = aliases.get(&self.ps[i].norm) {
                return Some((i + 1, code.clone()));
            }
        }
        None
    }

    fn eli(&self, code: &str) -> String {
        match self.country_of(code) {
            Some(_) => format!("{}ELI", &code[..3]),
            None => code.to_string(),
        }
    }

    /// All dictionary and composed mentions of the sentence, left to right.
    fn scan(&self, aliases: &HashMap<String, String>) -> Vec<Found> {
        let n = self.ps.len();
        let mut out = Vec::new();
        let mut i = 0;
        while i < n {
            if self.ps[i].kind != PieceKind::Word {
                i += 1;
                continue;
            }
            let former = self.former_before(i);
            let actor = self.actor_match(i);
            // A known surname beats a one-word dictionary entry ("Aliyev").
            let alias = if self.ps[i].capitalized && actor.is_none_or(|(end, _)| end == i + 1) {
                aliases.get(&self.ps[i].norm)
            } else {
                None
            };
            if let Some(code) = alias {
                out.push(Found {
                    start: i,
                    end: i + 1,
                    code: code.clone(),
                    resolution: Resolution::Coreference,
                    kind: EntityKind::Person,
                });
                i += 1;
                continue;
            }
            if let Some((end, e)) = actor {
                let entry = &self.dict.actors[e];
                let Some(code) = entry
                    .resolve(self.date)
                    .and_then(|c| self.disambiguate(i, end, c))
                else {
                    i = end;
                    continue;
                };
                let kind = if entry.person {
                    EntityKind::Person
                } else if self.dict.is_country_code(&code) {
                    EntityKind::Country
                } else {
                    EntityKind::Other
                };
                let mut found = Found {
                    start: i,
                    end,
                    code,
                    resolution: Resolution::Dictionary,
                    kind,
                };
                // Country (or organisation) + agent: "Azerbaijan's foreign ministry".
                let mut j = end;
                if self
                    .ps
                    .get(j)
                    .is_some_and(|p| p.kind == PieceKind::Possessive)
                {
                    j += 1;
                }
                let mut agent_former = former;
                while j < n && MODIFIERS.contains(&self.word(j)) {
                    agent_former |= FORMER.contains(&self.word(j));
                    j += 1;
                }
                let then = (1..=2).any(|k| i >= k && self.word(i - k) == "THEN");
                if let Some((gend, agent)) = self
                    .agent_match(j)
                    .filter(|(gend, _)| !self.adjectival(j, *gend))
                {
                    if kind != EntityKind::Person || j == end {
                        found.code = compose(&found.code, agent);
                        found.end = gend;
                        found.resolution = Resolution::Composed;
                        found.kind = EntityKind::Other;
                        if let Some((pend, pcode)) = self.person_at(gend, aliases) {
                            // "the then foreign minister X": the title says the role at the time.
                            let same = self.country_of(&pcode) == self.country_of(&found.code);
                            let is_eli =
                                self.dict.actor_for_code(&pcode).sector.as_deref() == Some("ELI");
                            if !then && !is_eli && (same || self.country_of(&found.code).is_none())
                            {
                                found.code = pcode;
                            }
                            found.end = pend;
                            found.kind = EntityKind::Person;
                        }
                        if agent_former {
                            found.code = self.eli(&found.code);
                        }
                    }
                }
                if former && found.kind == EntityKind::Person {
                    found.code = self.eli(&found.code);
                }
                i = found.end;
                out.push(found);
                continue;
            }
            if let Some((gend, agent)) = self.agent_match(i) {
                // Title + name: "President Ilham Aliyev", "former premier Naftali Bennett".
                if let Some((pend, pcode)) = self.person_at(gend, aliases) {
                    // A present title asserts the role at the time of writing: it
                    // beats a person's default "elite" code ("Foreign Minister Park Jin").
                    let is_eli = self.dict.actor_for_code(&pcode).sector.as_deref() == Some("ELI");
                    let code = if former {
                        self.eli(&pcode)
                    } else if is_eli && self.country_of(&pcode).is_some() {
                        compose(&pcode[..3], agent)
                    } else {
                        pcode
                    };
                    out.push(Found {
                        start: i,
                        end: pend,
                        code,
                        resolution: Resolution::Dictionary,
                        kind: EntityKind::Person,
                    });
                    i = pend;
                    continue;
                }
                // Agent + of/in + actor: "the president of Azerbaijan", "the government in Baku".
                let sending =
                    SENDING_AGENTS.contains(&self.word(gend - 1)) && self.word(gend) != "OF";
                if LINKS.contains(&self.word(gend)) && !sending {
                    let mut j = gend + 1;
                    if self.word(j) == "THE" {
                        j += 1;
                    }
                    if let Some((aend, e)) = self.actor_match(j) {
                        if let Some(code) = self.dict.actors[e].resolve(self.date) {
                            let mut code = compose(code, agent);
                            if former {
                                code = self.eli(&code);
                            }
                            out.push(Found {
                                start: i,
                                end: aend,
                                code,
                                resolution: Resolution::Composed,
                                kind: EntityKind::Other,
                            });
                            i = aend;
                            continue;
                        }
                    }
                }
                // PETRARCH reads every agent in a noun phrase, adjectival or not
                // ("the official news agency" is `---GOV`).
                if self.dict.anonymous_agents {
                    out.push(Found {
                        start: i,
                        end: gend,
                        code: compose("---", agent),
                        resolution: Resolution::Composed,
                        kind: EntityKind::Other,
                    });
                }
                i = gend;
                continue;
            }
            i += 1;
        }
        out
    }

    /// Coreference cues in the sentence not covered by `found`.
    fn coref_cues(&self, found: &[Found]) -> Vec<(usize, usize, CorefCue)> {
        let mut out = Vec::new();
        let trie = &self.dict.coref_trie;
        let mut i = 0;
        while i < self.ps.len() {
            if found.iter().any(|f| f.start <= i && i < f.end) || self.ps[i].kind != PieceKind::Word
            {
                i += 1;
                continue;
            }
            let mut node = 0u32;
            let mut best = None;
            for j in i..self.ps.len() {
                match trie.step(node, self.ids[j]) {
                    Some(nd) => node = nd,
                    None => break,
                }
                if let Some(e) = trie.entry(node) {
                    best = Some((j + 1, &self.dict.coref[e as usize]));
                }
            }
            match best {
                Some((end, _)) if found.iter().any(|f| f.start < end && i < f.end) => i += 1,
                Some((end, cue)) => {
                    let expletive =
                        self.word(i) == "IT" && EXPLETIVE_NEXT.contains(&self.word(end));
                    // "the state of Maine" names something else.
                    let restricted = end - i > 1 && self.word(end) == "OF";
                    if !expletive && !restricted {
                        out.push((i, end, cue.clone()));
                    }
                    i = end;
                }
                None => i += 1,
            }
        }
        out
    }
}

/// Appends an agent's codes to an actor code (without repeating a role the
/// code already has), or prefixes it for `NGO~`-style agents.
pub(crate) fn compose(base: &str, agent: &AgentEntry) -> String {
    if agent.prefix {
        return if base.starts_with(&agent.code) {
            base.to_string()
        } else {
            format!("{}{}", agent.code, base)
        };
    }
    let mut out = base.to_string();
    let mut k = 0;
    while let Some(chunk) = agent.code.get(k..k + 3) {
        let has = (3..out.len())
            .step_by(3)
            .any(|p| out.get(p..p + 3) == Some(chunk));
        if !has {
            out.push_str(chunk);
        }
        k += 3;
    }
    out
}

/// A mention or a coreference cue, ordered by position in the sentence.
type Event<'f> = (usize, Option<&'f Found>, Option<(usize, usize, CorefCue)>);

struct Antecedent {
    sentence: usize,
    /// First piece of the mention in its sentence.
    start: usize,
    actor: Actor,
    kind: EntityKind,
    /// The country code a composed mention starts with ("AZE" for "AZEGOV").
    country_base: Option<String>,
    plural: bool,
    /// The mention's last word ("EMBASSY").
    head: String,
}

impl Antecedent {
    /// The actor a cue of this class refers to, if this mention fits it.
    fn fits(&self, dict: &ActorDictionary, cue: &CorefCue) -> Option<Actor> {
        let actor = match cue.class {
            CorefClass::Country => match self.kind {
                EntityKind::Country => Some(self.actor.clone()),
                EntityKind::Other => self.country_base.as_deref().map(|c| dict.actor_for_code(c)),
                EntityKind::Person => None,
            },
            CorefClass::Person => (self.kind == EntityKind::Person).then(|| self.actor.clone()),
            CorefClass::Group => self.plural.then(|| self.actor.clone()),
            CorefClass::Any => (self.kind != EntityKind::Person).then(|| self.actor.clone()),
            CorefClass::Head => (self.kind != EntityKind::Person && self.head == cue.head)
                .then(|| self.actor.clone()),
            // Resolved in `find_mentions`: they depend on the owner or on nothing.
            CorefClass::Other | CorefClass::Owned | CorefClass::Unnamed => None,
        }?;
        if !cue.countries.is_empty()
            && !actor
                .country
                .as_ref()
                .is_some_and(|c| cue.countries.contains(c))
        {
            return None;
        }
        Some(actor)
    }
}

pub(crate) fn find_mentions(
    dict: &ActorDictionary,
    doc_text: &str,
    sentences: &[Sentence],
    date: Option<NaiveDate>,
) -> Vec<ActorMention> {
    let mut out = Vec::new();
    let mut history: Vec<Antecedent> = Vec::new();
    let mut aliases: HashMap<String, String> = HashMap::new();
    for s in sentences {
        let Some(text) = doc_text.get(s.span.start..s.span.end) else {
            continue;
        };
        let ps = pieces(text, s.span.start);
        let ids = ps.iter().map(|p| dict.word_id(&p.norm)).collect();
        let ctx = SentenceCtx {
            dict,
            ps,
            ids,
            date,
        };
        let found = ctx.scan(&aliases);
        let cues = ctx.coref_cues(&found);
        // Merge mentions and cues in text order so cues see earlier mentions.
        let mut events: Vec<Event<'_>> = found
            .iter()
            .map(|f| (f.start, Some(f), None))
            .chain(cues.into_iter().map(|c| (c.0, None, Some(c))))
            .collect();
        events.sort_by_key(|e| e.0);
        let sentence_start = history.len();
        for (_, f, cue) in events {
            if let Some(f) = f {
                let actor = dict.actor_for_code(&f.code);
                let span = Span::new(ctx.ps[f.start].start, ctx.ps[f.end - 1].end);
                if f.kind == EntityKind::Person && f.end - f.start >= 2 {
                    aliases.insert(ctx.ps[f.end - 1].norm.clone(), f.code.clone());
                }
                let base = f
                    .code
                    .get(..3)
                    .filter(|b| dict.is_country_code(b))
                    .map(str::to_string);
                history.push(Antecedent {
                    sentence: s.index,
                    start: f.start,
                    actor: actor.clone(),
                    kind: f.kind,
                    country_base: base,
                    plural: ctx.ps[f.end - 1].norm.ends_with('S') && f.kind == EntityKind::Other,
                    head: ctx.ps[f.end - 1].norm.clone(),
                });
                out.push(ActorMention {
                    sentence_index: s.index,
                    span,
                    actor,
                    resolution: f.resolution,
                });
            } else if let Some((start, end, cue)) = cue {
                // Pronouns look one sentence back at most; descriptions further.
                let window = if cue.subject_first { 1 } else { COREF_WINDOW };
                let in_window = |a: &&Antecedent| a.sentence + window >= s.index;
                // The country a possessive pronoun stands for ("its" in "its citizens").
                let owner = || {
                    let as_country = CorefCue {
                        class: CorefClass::Country,
                        countries: Vec::new(),
                        subject_first: true,
                        head: String::new(),
                    };
                    let boundary = ctx.clause_start(start);
                    let here = &history[sentence_start..];
                    here.iter()
                        .filter(|a| a.start >= boundary)
                        .find_map(|a| a.fits(dict, &as_country))
                        .or_else(|| here.iter().find_map(|a| a.fits(dict, &as_country)))
                        .or_else(|| {
                            history
                                .iter()
                                .rev()
                                .take_while(|a| a.sentence + 1 >= s.index)
                                .find_map(|a| a.fits(dict, &as_country))
                        })
                };
                let special = match cue.class {
                    CorefClass::Unnamed => cue.countries.first().map(|c| dict.actor_for_code(c)),
                    CorefClass::Owned => owner().and_then(|o| {
                        let code = cue.countries.first()?;
                        Some(dict.actor_for_code(&format!("{}{code}", o.code.as_str())))
                    }),
                    // A neighbour is never its owner: the most recent other country.
                    CorefClass::Other => {
                        let own = owner().and_then(|o| o.country);
                        let country = CorefCue {
                            class: CorefClass::Country,
                            countries: cue.countries.clone(),
                            subject_first: false,
                            head: String::new(),
                        };
                        history
                            .iter()
                            .rev()
                            .take_while(in_window)
                            .filter_map(|a| a.fits(dict, &country))
                            .find(|a| own.is_none() || a.country != own)
                    }
                    _ => None,
                };
                let subject = if special.is_some() {
                    special
                } else if matches!(
                    cue.class,
                    CorefClass::Unnamed | CorefClass::Owned | CorefClass::Other
                ) {
                    None
                } else if cue.subject_first {
                    // The subject of the pronoun's own clause, else of its sentence.
                    let boundary = ctx.clause_start(start);
                    let here = &history[sentence_start..];
                    here.iter()
                        .filter(|a| a.start >= boundary)
                        .find_map(|a| a.fits(dict, &cue))
                        .or_else(|| here.iter().find_map(|a| a.fits(dict, &cue)))
                } else {
                    None
                };
                let actor = subject.or_else(|| {
                    history
                        .iter()
                        .rev()
                        .take_while(in_window)
                        .find_map(|a| a.fits(dict, &cue))
                });
                if let Some(actor) = actor {
                    let kind = match cue.class {
                        CorefClass::Person => EntityKind::Person,
                        _ if dict.is_country_code(actor.code.as_str()) => EntityKind::Country,
                        _ => EntityKind::Other,
                    };
                    let base = actor
                        .code
                        .as_str()
                        .get(..3)
                        .filter(|b| dict.is_country_code(b))
                        .map(str::to_string);
                    history.push(Antecedent {
                        sentence: s.index,
                        start,
                        actor: actor.clone(),
                        kind,
                        country_base: base,
                        plural: false,
                        head: ctx.ps[end - 1].norm.clone(),
                    });
                    out.push(ActorMention {
                        sentence_index: s.index,
                        span: Span::new(ctx.ps[start].start, ctx.ps[end - 1].end),
                        actor,
                        resolution: Resolution::Coreference,
                    });
                }
            }
        }
    }
    out
}

fn rank(m: &ActorMention) -> u8 {
    match (m.resolution, m.actor.sector.is_some()) {
        (Resolution::Composed, _) => 3,
        (_, true) => 2,
        _ => 1,
    }
}

pub(crate) fn resolve_phrase(
    dict: &ActorDictionary,
    phrase: &str,
    context: Option<&str>,
    date: Option<NaiveDate>,
) -> Option<Actor> {
    let mentions = mentions_of(dict, phrase, date);
    let best = mentions
        .iter()
        .filter(|m| m.resolution != Resolution::Coreference || m.actor.country.is_some())
        .max_by_key(|m| (rank(m), std::cmp::Reverse(m.span.start)))
        .map(|m| m.actor.clone());
    let agent = best.is_none().then(|| first_agent(dict, phrase)).flatten();
    let needs_country = best
        .as_ref()
        .is_none_or(|a| a.country.is_none() && !is_transnational(a));
    if needs_country {
        if let Some(ctx) = context {
            let country = mentions_of(dict, ctx, date)
                .into_iter()
                .find_map(|m| m.actor.country.map(|_| m.actor.code));
            if let Some(c) = country {
                let base = &c.as_str()[..3.min(c.as_str().len())];
                return Some(match (&best, &agent) {
                    (_, Some(a)) => dict.actor_for_code(&compose(base, a)),
                    (Some(b), None) => {
                        let role = b.sector.clone().unwrap_or_default();
                        dict.actor_for_code(&format!("{base}{role}"))
                    }
                    (None, None) => dict.actor_for_code(base),
                });
            }
        }
    }
    let former = crate::normalize::phrase_words(phrase)
        .iter()
        .any(|w| FORMER.contains(&w.as_str()));
    best.or_else(|| agent.map(|a| dict.actor_for_code(if former { "ELI" } else { &a.code })))
}

fn is_transnational(a: &Actor) -> bool {
    crate::TRANSNATIONAL
        .iter()
        .any(|p| a.code.as_str().starts_with(p))
}

fn mentions_of(dict: &ActorDictionary, text: &str, date: Option<NaiveDate>) -> Vec<ActorMention> {
    let sentence = Sentence {
        index: 0,
        span: Span::new(0, text.len()),
        tokens: Vec::new(),
    };
    find_mentions(dict, text, std::slice::from_ref(&sentence), date)
}

fn first_agent<'a>(dict: &'a ActorDictionary, text: &str) -> Option<&'a AgentEntry> {
    let ps = pieces(text, 0);
    let ids = ps.iter().map(|p| dict.word_id(&p.norm)).collect();
    let ctx = SentenceCtx {
        dict,
        ps,
        ids,
        date: None,
    };
    (0..ctx.ps.len())
        .filter_map(|i| ctx.agent_match(i))
        .max_by_key(|(end, _)| *end)
        .map(|(_, a)| a)
}
