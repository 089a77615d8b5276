//! Actor knowledge: recognise and resolve who acts in news text.
//!
//! An [`ActorDictionary`] holds actor phrases (countries, capitals, IGOs, armed
//! groups, people with dated roles), agent phrases ("foreign ministry",
//! "intelligence services") and discard phrases, all in PETRARCH formats. The
//! bundled data under `data/actors/` (Phoenix dictionaries, world-countries,
//! curated additions; built by `scripts/build_actors.py`) is embedded and parsed
//! once. [`ActorDictionary::find_mentions`] matches longest phrases over
//! normalised word pieces with a token trie, composes country + agent
//! ("Azerbaijan's foreign ministry" -> `AZEGOV`), resolves dated codes by the
//! article date, disambiguates a few names by context and links pronouns,
//! surnames and definite descriptions to earlier mentions.
//!
//! Memory budget: the bundled dictionary (about 35k actor and 5k agent
//! phrases) must stay under 16 MiB of heap once built; it measures about
//! 8 MiB and loads in about 0.3 s (see RESULTS.md). It is built once per
//! process and shared through an `Arc`.

pub mod eval;
mod matcher;
pub mod normalize;
pub mod petrarch;

use std::collections::HashMap;
use std::sync::{Arc, LazyLock};

use model::{Actor, ActorCode, ActorMention, NaiveDate, Sentence};

pub use petrarch::{detect_kind, CodeRule, DictKind};

/// The version of the bundled data (year-month of the curated review).
pub const BUNDLED_VERSION: &str = "caspian-actors 2026-11";

const BUNDLED_ACTORS: &str = include_str!("../../../data/actors/actors.txt");
const BUNDLED_AGENTS: &str = include_str!("../../../data/actors/agents.txt");
const BUNDLED_DISCARDS: &str = include_str!("../../../data/actors/discards.txt");
const BUNDLED_COUNTRIES: &str = include_str!("../../../data/actors/countries.tsv");
const BUNDLED_COREF: &str = include_str!("../../../data/actors/coref.tsv");
const BUNDLED_AMBIGUOUS: &str = include_str!("../../../data/actors/ambiguous.tsv");

/// Errors from loading dictionary files.
#[derive(Debug, thiserror::Error)]
pub enum DictError {
    #[error("{file}:{line}: {message}")]
    Syntax {
        file: String,
        line: usize,
        message: String,
    },
    #[error("{file}: cannot tell what kind of dictionary this is (actors, agents or discards)")]
    UnknownKind { file: String },
}

/// Role (sector) codes: the first of these after the country code is the sector.
const ROLE_CODES: &[&str] = &[
    "GOV", "MIL", "REB", "OPP", "PTY", "COP", "JUD", "SPY", "MED", "EDU", "BUS", "CRM", "CVL",
    "ELI", "LEG", "LAB", "REF", "HLH", "AGR", "REL", "HRI", "ENV", "DEV", "UAF", "SOC", "MOD",
    "RAD", "INS", "SEP", "PRE", "NGO", "IGO", "JRN", "PRM", "ATH", "BUD",
];

/// Words that never end an agent phrase.
const PREPOSITIONS: &[&str] = &["TO", "IN", "AT", "OF", "FOR", "FROM", "ON", "WITH", "BY"];

/// Prefixes of actors without a country.
const TRANSNATIONAL: &[&str] = &["IGO", "NGO", "NGM", "IMG", "MNC", "INT", "UIS", "SOC"];

pub(crate) type FxMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<FxHasher>>;

/// A small, fast hasher for integer keys (the trie edges).
#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher(u64);

impl std::hash::Hasher for FxHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.write_u64(*b as u64);
        }
    }
    fn write_u32(&mut self, i: u32) {
        self.write_u64(i as u64);
    }
    fn write_u64(&mut self, i: u64) {
        self.0 = (self.0.rotate_left(5) ^ i).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    fn write_usize(&mut self, i: usize) {
        self.write_u64(i as u64);
    }
}

/// A trie over interned word ids.
#[derive(Debug, Default)]
pub(crate) struct Trie {
    edges: FxMap<(u32, u32), u32>,
    /// Per node: the entry that ends here, or `u32::MAX`.
    terminal: Vec<u32>,
}

impl Trie {
    fn new() -> Self {
        Self {
            edges: FxMap::default(),
            terminal: vec![u32::MAX],
        }
    }
    fn insert(&mut self, words: &[u32], entry: u32) {
        let mut node = 0u32;
        for &w in words {
            let next = self.terminal.len() as u32;
            node = *self.edges.entry((node, w)).or_insert_with(|| next);
            if node == next {
                self.terminal.push(u32::MAX);
            }
        }
        self.terminal[node as usize] = entry;
    }
    pub(crate) fn step(&self, node: u32, word: u32) -> Option<u32> {
        self.edges.get(&(node, word)).copied()
    }
    pub(crate) fn entry(&self, node: u32) -> Option<u32> {
        let e = self.terminal[node as usize];
        (e != u32::MAX).then_some(e)
    }
}

/// What an actor phrase denotes, for coreference.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum EntityKind {
    Country,
    Person,
    Other,
}

#[derive(Debug, Clone)]
pub(crate) struct ActorEntry {
    pub rules: Vec<CodeRule>,
    pub words: usize,
    pub person: bool,
    /// The phrase starts with "THE" and may be matched in lower case ("the clerical regime").
    pub lowercase_ok: bool,
}

impl ActorEntry {
    /// The code in force on `date`: the first dated rule that applies, else the
    /// undated default; without a date, the open-ended current rule
    /// (`>date`), else the default unless it is only "elite" (`XXXELI`, a
    /// person out of office), else the most recent dated role. `None` for the null code `---`.
    pub(crate) fn resolve(&self, date: Option<NaiveDate>) -> Option<&str> {
        let pick = match date {
            Some(d) => self
                .rules
                .iter()
                .find(|r| r.is_dated() && r.applies(d))
                .or_else(|| self.rules.iter().find(|r| !r.is_dated())),
            None => {
                let default = self.rules.iter().find(|r| !r.is_dated());
                let elite_default =
                    default.is_some_and(|r| r.code.len() > 3 && r.code.ends_with("ELI"));
                self.rules
                    .iter()
                    .rev()
                    .find(|r| r.from.is_some() && r.to.is_none())
                    .or(if elite_default { None } else { default })
                    .or_else(|| {
                        self.rules
                            .iter()
                            .filter(|r| r.is_dated())
                            .max_by_key(|r| r.to)
                    })
                    .or(default)
            }
        }?;
        let code = pick.code.as_str();
        (!code.starts_with("---") && !code.is_empty()).then_some(code)
    }
}

#[derive(Debug, Clone)]
pub(crate) struct AgentEntry {
    pub code: String,
    pub prefix: bool,
}

/// A coreference cue: what it may refer to and how the antecedent is chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CorefCue {
    pub class: CorefClass,
    /// Only antecedents whose country is one of these (empty: any).
    pub countries: Vec<String>,
    /// Pronouns prefer the first compatible mention of their own sentence
    /// (its subject); descriptions take the most recent one.
    pub subject_first: bool,
    /// The cue's last word ("EMBASSY" in "the embassy"), for same-head descriptions.
    pub head: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CorefClass {
    Country,
    Person,
    Group,
    Any,
    /// "the embassy": the most recent mention ending in the same word
    /// ("Azerbaijan's embassy").
    Head,
    /// "its northern neighbor": a country other than the owner (the country
    /// the possessive pronoun stands for), the most recent one named.
    Other,
    /// "its citizens": the owner's country with the cue's sector code.
    Owned,
    /// "a gunman": an actor of unknown affiliation, coded as the cue's code alone.
    Unnamed,
}

/// A context rule for an ambiguous one-word name ("Georgia", "Jordan", "Chad").
#[derive(Debug, Clone)]
pub(crate) struct Ambiguity {
    /// The code to use when a cue fires, or `None` for "not an actor".
    pub alternative: Option<String>,
    pub cues: Vec<Cue>,
}

#[derive(Debug, Clone)]
pub(crate) enum Cue {
    Next(String),
    Prev(String),
    Any(String),
    NextCap,
    PrevCap,
    PrevCommaCap,
}

/// The actor knowledge base. Immutable once built; share it through an `Arc`.
#[derive(Debug)]
pub struct ActorDictionary {
    pub(crate) words: FxMap<Box<str>, u32>,
    pub(crate) actor_trie: Trie,
    pub(crate) agent_trie: Trie,
    pub(crate) coref_trie: Trie,
    pub(crate) actors: Vec<ActorEntry>,
    pub(crate) agents: Vec<AgentEntry>,
    pub(crate) coref: Vec<CorefCue>,
    pub(crate) ambiguous: HashMap<u32, Ambiguity>,
    discards: Vec<(Vec<String>, petrarch::DiscardRecord)>,
    /// Discards by their first word (every phrase whose first word must match exactly), so a
    /// sentence is checked with one lookup per word instead of a scan of every discard.
    discards_by_first: FxMap<String, Vec<u32>>,
    /// One-word stem discards (no trailing `_`), which match any word they start, by their
    /// first two bytes (stems shorter than that under key 0).
    discard_stems: FxMap<u16, Vec<u32>>,
    /// CAMEO country code -> (ISO3, name).
    countries: HashMap<String, (String, String)>,
    iso_names: HashMap<String, String>,
    version: String,
    /// PETRARCH's anonymous agents: an agent phrase with no actor is a
    /// mention coded `---` plus the agent ("a senior official" is `---GOV`).
    pub(crate) anonymous_agents: bool,
}

/// Collects dictionaries before building an [`ActorDictionary`]. Later
/// definitions of the same phrase replace earlier ones, so added files
/// override the bundled data.
#[derive(Debug, Default)]
pub struct DictionaryBuilder {
    actors: HashMap<Vec<String>, ActorEntry>,
    agents: HashMap<Vec<String>, AgentEntry>,
    discards: Vec<petrarch::DiscardRecord>,
    countries: HashMap<String, (String, String)>,
    coref: Vec<(Vec<String>, CorefCue)>,
    ambiguous: Vec<(String, Ambiguity)>,
    bundled: bool,
    extra: Vec<String>,
    anonymous_agents: bool,
}

static BUNDLED: LazyLock<Arc<ActorDictionary>> =
    LazyLock::new(|| Arc::new(ActorDictionary::builder().with_bundled().build()));

impl ActorDictionary {
    /// The embedded default data, parsed once per process.
    pub fn bundled() -> Arc<ActorDictionary> {
        Arc::clone(&BUNDLED)
    }

    /// An empty builder (no bundled data).
    pub fn builder() -> DictionaryBuilder {
        DictionaryBuilder::default()
    }

    /// Which dictionary data produced codes, e.g. "caspian-actors 2026-11 + extra.actors.txt".
    pub fn version(&self) -> String {
        self.version.clone()
    }

    /// English short name of a country by ISO3 (or CAMEO) code.
    pub fn country_name(&self, iso3: &str) -> Option<&str> {
        let key = iso3.to_ascii_uppercase();
        self.iso_names
            .get(&key)
            .map(String::as_str)
            .or_else(|| self.countries.get(&key).map(|(_, n)| n.as_str()))
    }

    /// Number of actor phrases, agent phrases and discards loaded.
    pub fn stats(&self) -> (usize, usize, usize) {
        (self.actors.len(), self.agents.len(), self.discards.len())
    }

    /// Builds the domain [`Actor`] for a code: country from the first three
    /// letters when they are a country code, sector from the first role code.
    pub fn actor_for_code(&self, code: &str) -> Actor {
        let code = code.to_ascii_uppercase();
        let head = code.get(..3).unwrap_or(&code);
        let (country, rest_from) = if let Some((iso, _)) = self.countries.get(head) {
            (Some(iso.clone()), 3)
        } else {
            (None, if TRANSNATIONAL.contains(&head) { 3 } else { 0 })
        };
        let mut sector = None;
        let mut i = rest_from;
        while i + 3 <= code.len() {
            if let Some(chunk) = code.get(i..i + 3) {
                if ROLE_CODES.contains(&chunk) {
                    sector = Some(chunk.to_string());
                    break;
                }
            }
            i += 3;
        }
        // An NGO with no further role is itself the sector ("NGOIRC").
        if sector.is_none() && head == "NGO" {
            sector = Some("NGO".to_string());
        }
        Actor {
            code: ActorCode::new(code.clone()),
            country,
            sector,
        }
    }

    pub(crate) fn is_country_code(&self, code: &str) -> bool {
        code.len() == 3 && self.countries.contains_key(code)
    }

    pub(crate) fn word_id(&self, norm: &str) -> u32 {
        self.words.get(norm).copied().unwrap_or(u32::MAX)
    }

    /// All actor mentions in a document. Spans are byte offsets into
    /// `doc_text`; only the sentences' spans are used (the text is re-split
    /// into word pieces inside each sentence).
    pub fn find_mentions(
        &self,
        doc_text: &str,
        sentences: &[Sentence],
        date: Option<NaiveDate>,
    ) -> Vec<ActorMention> {
        matcher::find_mentions(self, doc_text, sentences, date)
    }

    /// Resolves a standalone phrase ("the Iranian foreign minister",
    /// "Hezbollah", "soldiers"), using `context` for a country when the phrase
    /// names none. Agent-only phrases give a code without country ("MIL").
    pub fn resolve_phrase(
        &self,
        phrase: &str,
        context: Option<&str>,
        date: Option<NaiveDate>,
    ) -> Option<Actor> {
        matcher::resolve_phrase(self, phrase, context, date)
    }

    /// True when the sentence contains a PETRARCH discard phrase (sentence- or
    /// story-level): sports results, chronologies and the like.
    pub fn is_discarded(&self, sentence: &str) -> bool {
        let words: Vec<String> = normalize::phrase_words(sentence);
        let matches_at = |i: usize, d: u32| {
            let (phrase, rec) = &self.discards[d as usize];
            let Some(w) = words.get(i..i + phrase.len()) else {
                return false;
            };
            let last = phrase.len() - 1;
            w[..last] == phrase[..last]
                && if rec.whole_word {
                    w[last] == phrase[last]
                } else {
                    w[last].starts_with(phrase[last].as_str())
                }
        };
        words.iter().enumerate().any(|(i, word)| {
            self.discards_by_first
                .get(word)
                .is_some_and(|ds| ds.iter().any(|&d| matches_at(i, d)))
                || [stem_key(word), 0].iter().any(|k| {
                    self.discard_stems
                        .get(k)
                        .is_some_and(|ds| ds.iter().any(|&d| matches_at(i, d)))
                })
        })
    }
}

/// First two bytes of a word as the key of the stem-discard index; 0 for shorter words.
fn stem_key(word: &str) -> u16 {
    match word.as_bytes() {
        [a, b, ..] => u16::from_le_bytes([*a, *b]),
        _ => 0,
    }
}

fn norm_key(phrase: &str) -> Vec<String> {
    normalize::phrase_words(phrase)
}

impl DictionaryBuilder {
    /// Adds the embedded default data.
    pub fn with_bundled(mut self) -> Self {
        // The bundled files are generated and tested; a failure here is a build bug.
        self.add_file("actors.txt", BUNDLED_ACTORS)
            .expect("bundled actors.txt parses");
        self.add_file("agents.txt", BUNDLED_AGENTS)
            .expect("bundled agents.txt parses");
        self.add_file("discards.txt", BUNDLED_DISCARDS)
            .expect("bundled discards.txt parses");
        self.extra.clear();
        self.add_countries(BUNDLED_COUNTRIES);
        self.add_coref(BUNDLED_COREF);
        self.add_ambiguous(BUNDLED_AMBIGUOUS);
        self.bundled = true;
        self
    }

    /// Codes an agent phrase with no actor the way PETRARCH does: as a
    /// mention of its own with the null actor `---` and the agent's code
    /// ("students" is `---EDU`). Off by default: the bundled coder reads such
    /// phrases through coreference instead.
    pub fn set_anonymous_agents(&mut self, on: bool) {
        self.anonymous_agents = on;
    }

    /// Adds a PETRARCH actors, agents or discards file, recognised by its
    /// content. Errors name the file and line.
    pub fn add_file(&mut self, name: &str, text: &str) -> Result<DictKind, DictError> {
        let kind = detect_kind(text).ok_or_else(|| DictError::UnknownKind {
            file: name.to_string(),
        })?;
        if kind == DictKind::Actors {
            petrarch::parse_actors(name, text)?;
        }
        self.add_file_lossy(name, text).map(|(kind, _)| kind)
    }

    /// Like [`add_file`](Self::add_file), but malformed lines of an actors
    /// file are skipped and returned as diagnostics instead of failing the
    /// whole file (useful for the original Phoenix files, which have a few
    /// mistyped dates).
    pub fn add_file_lossy(
        &mut self,
        name: &str,
        text: &str,
    ) -> Result<(DictKind, Vec<DictError>), DictError> {
        let kind = detect_kind(text).ok_or_else(|| DictError::UnknownKind {
            file: name.to_string(),
        })?;
        let mut skipped = Vec::new();
        match kind {
            DictKind::Actors => {
                let (records, errors) = petrarch::parse_actors_lossy(name, text);
                skipped = errors;
                for rec in records {
                    if rec.rules.is_empty() {
                        continue;
                    }
                    let person = rec.rules.iter().any(CodeRule::is_dated)
                        && norm_key(&rec.phrases[0]).len() >= 2;
                    for p in &rec.phrases {
                        let key = norm_key(p);
                        if key.is_empty() {
                            continue;
                        }
                        let entry = ActorEntry {
                            rules: rec.rules.clone(),
                            words: key.len(),
                            person,
                            lowercase_ok: key.len() >= 2 && key[0] == "THE",
                        };
                        self.actors.insert(key, entry);
                    }
                }
            }
            DictKind::Agents => {
                for rec in petrarch::parse_agents(name, text)? {
                    for f in &rec.forms {
                        let key = norm_key(f);
                        // "AMBASSADOR_TO", "EMBASSY_IN": the preposition belongs to the
                        // next phrase; the bare noun is its own entry.
                        if key.is_empty()
                            || key
                                .last()
                                .is_some_and(|w| PREPOSITIONS.contains(&w.as_str()))
                        {
                            continue;
                        }
                        self.agents.insert(
                            key,
                            AgentEntry {
                                code: rec.code.clone(),
                                prefix: rec.prefix,
                            },
                        );
                    }
                }
            }
            DictKind::Discards => self.discards.extend(petrarch::parse_discards(text)),
        }
        self.extra.push(name.to_string());
        Ok((kind, skipped))
    }

    fn add_countries(&mut self, tsv: &str) {
        for line in tsv.lines().skip(1) {
            let cols: Vec<&str> = line.split('\t').collect();
            if let [code, iso, name] = cols[..] {
                self.countries
                    .insert(code.to_string(), (iso.to_string(), name.to_string()));
            }
        }
    }

    fn add_coref(&mut self, tsv: &str) {
        for line in tsv
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        {
            let cols: Vec<&str> = line.split('\t').map(str::trim).collect();
            if cols.len() < 2 {
                continue;
            }
            let (class, countries) = match cols[1].split_once(':') {
                Some((c, list)) => (
                    c,
                    list.split(',')
                        .map(|x| x.trim().to_ascii_uppercase())
                        .collect(),
                ),
                None => (cols[1], Vec::new()),
            };
            let class = match class {
                "country" => CorefClass::Country,
                "person" => CorefClass::Person,
                "group" => CorefClass::Group,
                "head" => CorefClass::Head,
                "other" => CorefClass::Other,
                "owned" => CorefClass::Owned,
                "unnamed" => CorefClass::Unnamed,
                _ => CorefClass::Any,
            };
            let key = norm_key(cols[0]);
            let cue = CorefCue {
                class,
                countries,
                subject_first: cols.get(2) == Some(&"subject"),
                head: key.last().cloned().unwrap_or_default(),
            };
            self.coref.push((key, cue));
        }
    }

    fn add_ambiguous(&mut self, tsv: &str) {
        for line in tsv
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        {
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() < 3 {
                continue;
            }
            let cues = cols[2]
                .split_whitespace()
                .filter_map(|c| {
                    let (k, v) = c.split_once(':')?;
                    let v = v.replace('_', " ").to_ascii_uppercase();
                    Some(match (k, v.as_str()) {
                        ("next", "CAP") => Cue::NextCap,
                        ("prev", "CAP") => Cue::PrevCap,
                        ("prevcomma", _) => Cue::PrevCommaCap,
                        ("next", _) => Cue::Next(v),
                        ("prev", _) => Cue::Prev(v),
                        _ => Cue::Any(v),
                    })
                })
                .collect();
            let alternative = (cols[1] != "-").then(|| cols[1].to_string());
            self.ambiguous.push((
                cols[0].to_ascii_uppercase(),
                Ambiguity { alternative, cues },
            ));
        }
    }

    /// Builds the immutable dictionary (interns words, builds the tries).
    pub fn build(self) -> ActorDictionary {
        let mut words: FxMap<Box<str>, u32> = FxMap::default();
        let mut intern = |w: &str| -> u32 {
            if let Some(&id) = words.get(w) {
                return id;
            }
            let id = words.len() as u32;
            words.insert(w.into(), id);
            id
        };
        let mut actor_trie = Trie::new();
        let mut actors = Vec::with_capacity(self.actors.len());
        // Sorted for deterministic ids.
        let mut actor_items: Vec<_> = self.actors.into_iter().collect();
        actor_items.sort_by(|a, b| a.0.cmp(&b.0));
        for (key, entry) in actor_items {
            let ids: Vec<u32> = key.iter().map(|w| intern(w)).collect();
            actor_trie.insert(&ids, actors.len() as u32);
            actors.push(entry);
        }
        let mut agent_trie = Trie::new();
        let mut agents = Vec::with_capacity(self.agents.len());
        let mut agent_items: Vec<_> = self.agents.into_iter().collect();
        agent_items.sort_by(|a, b| a.0.cmp(&b.0));
        for (key, entry) in agent_items {
            let ids: Vec<u32> = key.iter().map(|w| intern(w)).collect();
            agent_trie.insert(&ids, agents.len() as u32);
            agents.push(entry);
        }
        let mut coref_trie = Trie::new();
        let mut coref = Vec::new();
        for (key, class) in self.coref {
            let ids: Vec<u32> = key.iter().map(|w| intern(w)).collect();
            coref_trie.insert(&ids, coref.len() as u32);
            coref.push(class);
        }
        let mut ambiguous = HashMap::new();
        for (w, a) in self.ambiguous {
            ambiguous.insert(intern(&w), a);
        }
        let discards: Vec<(Vec<String>, petrarch::DiscardRecord)> = self
            .discards
            .into_iter()
            .map(|d| (normalize::phrase_words(&d.phrase), d))
            .collect();
        let mut discards_by_first: FxMap<String, Vec<u32>> = FxMap::default();
        let mut discard_stems: FxMap<u16, Vec<u32>> = FxMap::default();
        for (i, (phrase, rec)) in discards.iter().enumerate() {
            if phrase.is_empty() {
                continue;
            } else if phrase.len() == 1 && !rec.whole_word {
                discard_stems
                    .entry(stem_key(&phrase[0]))
                    .or_default()
                    .push(i as u32);
            } else {
                discards_by_first
                    .entry(phrase[0].clone())
                    .or_default()
                    .push(i as u32);
            }
        }
        let iso_names = self
            .countries
            .values()
            .map(|(iso, name)| (iso.clone(), name.clone()))
            .collect();
        let mut version = if self.bundled {
            BUNDLED_VERSION.to_string()
        } else {
            "custom".to_string()
        };
        for e in &self.extra {
            version.push_str(" + ");
            version.push_str(e);
        }
        ActorDictionary {
            words,
            actor_trie,
            agent_trie,
            coref_trie,
            actors,
            agents,
            coref,
            ambiguous,
            discards,
            discards_by_first,
            discard_stems,
            countries: self.countries,
            iso_names,
            version,
            anonymous_agents: self.anonymous_agents,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dated_resolution() {
        let e = ActorEntry {
            rules: vec![
                CodeRule {
                    code: "AZEELI".into(),
                    from: None,
                    to: None,
                },
                CodeRule {
                    code: "AZEGOV".into(),
                    from: NaiveDate::from_ymd_opt(2003, 10, 31),
                    to: None,
                },
            ],
            words: 2,
            person: true,
            lowercase_ok: false,
        };
        assert_eq!(
            e.resolve(NaiveDate::from_ymd_opt(2012, 1, 1)),
            Some("AZEGOV")
        );
        assert_eq!(
            e.resolve(NaiveDate::from_ymd_opt(1999, 1, 1)),
            Some("AZEELI")
        );
    }
}
