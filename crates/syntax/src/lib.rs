//! Fast English part-of-speech tagger, lemmatizer and labelled dependency parser (UD English-EWT).
//!
//! The tagger is a greedy averaged perceptron predicting a joint PTB XPOS + UPOS tag; the parser
//! is a greedy arc-hybrid transition system trained with a dynamic oracle, with a second
//! perceptron that labels each arc once its dependent is complete. A parser trained with
//! `train-syntax --beam K` is instead a globally trained beam-search parser (its width is stored
//! in the model; [`Model::set_beam_width`] changes it). Models are embedded in the binary and
//! parsed once on first use.

pub mod conllu;
pub mod ensemble;
pub mod eval;
#[doc(hidden)]
pub mod glove;
mod hash;
mod lemma;
mod parser;
mod perceptron;
mod tagger;
#[doc(hidden)]
pub mod train;

use std::sync::LazyLock;

pub use lemma::Lemmatizer;

/// Errors from model loading and CoNLL-U reading.
#[derive(Debug, thiserror::Error)]
pub enum SyntaxError {
    #[error("{what} model: {msg} (at byte {offset})")]
    Model {
        what: &'static str,
        offset: usize,
        msg: String,
    },
    #[error("conll-u line {line}: {msg}")]
    Conllu { line: usize, msg: String },
    #[error("cannot average models: {0}")]
    Average(String),
}

/// Universal part-of-speech tags.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Upos {
    Adj,
    Adp,
    Adv,
    Aux,
    Cconj,
    Det,
    Intj,
    Noun,
    Num,
    Part,
    Pron,
    Propn,
    Punct,
    Sconj,
    Sym,
    Verb,
    X,
}

impl Upos {
    pub const ALL: [Upos; 17] = [
        Upos::Adj,
        Upos::Adp,
        Upos::Adv,
        Upos::Aux,
        Upos::Cconj,
        Upos::Det,
        Upos::Intj,
        Upos::Noun,
        Upos::Num,
        Upos::Part,
        Upos::Pron,
        Upos::Propn,
        Upos::Punct,
        Upos::Sconj,
        Upos::Sym,
        Upos::Verb,
        Upos::X,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Upos::Adj => "ADJ",
            Upos::Adp => "ADP",
            Upos::Adv => "ADV",
            Upos::Aux => "AUX",
            Upos::Cconj => "CCONJ",
            Upos::Det => "DET",
            Upos::Intj => "INTJ",
            Upos::Noun => "NOUN",
            Upos::Num => "NUM",
            Upos::Part => "PART",
            Upos::Pron => "PRON",
            Upos::Propn => "PROPN",
            Upos::Punct => "PUNCT",
            Upos::Sconj => "SCONJ",
            Upos::Sym => "SYM",
            Upos::Verb => "VERB",
            Upos::X => "X",
        }
    }

    pub fn parse(s: &str) -> Option<Upos> {
        Upos::ALL.iter().copied().find(|u| u.as_str() == s)
    }

    pub fn is_verbal(self) -> bool {
        matches!(self, Upos::Verb | Upos::Aux)
    }
}

/// Universal dependency relations with the subtypes used in English-EWT.
pub const DEPRELS: &[&str] = &[
    "dep",
    "root",
    "acl",
    "acl:relcl",
    "advcl",
    "advcl:relcl",
    "advmod",
    "amod",
    "appos",
    "aux",
    "aux:pass",
    "case",
    "cc",
    "cc:preconj",
    "ccomp",
    "clf",
    "compound",
    "compound:prt",
    "conj",
    "cop",
    "csubj",
    "csubj:outer",
    "csubj:pass",
    "det",
    "det:predet",
    "discourse",
    "dislocated",
    "expl",
    "fixed",
    "flat",
    "goeswith",
    "iobj",
    "list",
    "mark",
    "nmod",
    "nmod:desc",
    "nmod:poss",
    "nmod:unmarked",
    "nsubj",
    "nsubj:outer",
    "nsubj:pass",
    "nummod",
    "obj",
    "obl",
    "obl:agent",
    "obl:unmarked",
    "orphan",
    "parataxis",
    "punct",
    "reparandum",
    "vocative",
    "xcomp",
    "nmod:tmod",
    "nmod:npmod",
    "obl:tmod",
    "obl:npmod",
    "flat:foreign",
    "det:poss",
];

/// A dependency relation label (an index into [`DEPRELS`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DepRel(u8);

impl DepRel {
    pub const DEP: DepRel = DepRel(0);
    pub const ROOT: DepRel = DepRel(1);

    /// Maps a label string to a relation; unknown labels become `dep`.
    pub fn parse(s: &str) -> DepRel {
        DEPRELS
            .iter()
            .position(|d| *d == s)
            .map_or(DepRel::DEP, |i| DepRel(i as u8))
    }

    pub fn as_str(self) -> &'static str {
        DEPRELS[self.0 as usize]
    }

    /// The universal part before any `:subtype`.
    pub fn universal(self) -> &'static str {
        let s = self.as_str();
        s.split(':').next().unwrap_or(s)
    }

    pub fn is(self, label: &str) -> bool {
        self.as_str() == label
    }
}

/// Analysis of one word.
#[derive(Debug, Clone, PartialEq)]
pub struct WordAnalysis {
    pub upos: Upos,
    pub xpos: &'static str,
    pub lemma: String,
    /// 0 = root, else the 1-based index of the head word.
    pub head: usize,
    pub deprel: DepRel,
}

/// Tags, lemmas and dependency tree of one sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Analysis {
    pub words: Vec<WordAnalysis>,
}

/// Tagger + lemmatizer + parser.
pub struct Model {
    tagger: tagger::Tagger,
    parser: parser::Parser,
    lemmatizer: Lemmatizer,
}

static TAGGER_BYTES: &[u8] = include_bytes!("../../../data/syntax/tagger.bin");
static PARSER_BYTES: &[u8] = include_bytes!("../../../data/syntax/parser.bin");

static ENGLISH: LazyLock<Model> =
    LazyLock::new(|| match Model::from_bytes(TAGGER_BYTES, PARSER_BYTES) {
        Ok(m) => m,
        // The embedded model is checked by tests; failing here means a corrupted build.
        Err(e) => panic!("embedded syntax model is invalid: {e}"),
    });

/// The embedded model files (tagger, parser), e.g. to measure load time.
pub fn embedded_model_bytes() -> (&'static [u8], &'static [u8]) {
    (TAGGER_BYTES, PARSER_BYTES)
}

/// Averages the weights of models trained with different seeds (same data, feature templates
/// and keyless table size): returns the `(tagger.bin, parser.bin)` bytes of a model whose
/// parser scores with the mean of the parsers' scores. With `average_tagger` the taggers are
/// averaged the same way, otherwise the first model's tagger file is kept byte for byte.
/// `prune` drops rows whose largest averaged weight is below it (perceptron update units, as
/// in training). Deterministic.
pub fn average_models(
    models: &[(&[u8], &[u8])],
    average_tagger: bool,
    prune: f32,
) -> Result<(Vec<u8>, Vec<u8>), SyntaxError> {
    let Some(&(first_tagger, _)) = models.first() else {
        return Err(SyntaxError::Average("no models to average".to_string()));
    };
    let parsers = models
        .iter()
        .map(|(_, p)| parser::Parser::read(p))
        .collect::<Result<Vec<_>, _>>()?;
    let parser = parser::Parser::average(&parsers.iter().collect::<Vec<_>>())?;
    let tagger = if average_tagger {
        let read = models
            .iter()
            .map(|(t, _)| tagger::Tagger::read(t))
            .collect::<Result<Vec<_>, _>>()?;
        let taggers: Vec<&tagger::Tagger> = read.iter().map(|(t, _)| t).collect();
        tagger::Tagger::average(&taggers)?.write(&read[0].1, prune)
    } else {
        first_tagger.to_vec()
    };
    Ok((tagger, parser.write(prune)))
}

impl Model {
    /// The embedded English model (UD English-EWT), parsed once on first use.
    pub fn english() -> &'static Model {
        &ENGLISH
    }

    /// Loads a model from the two files written by `train-syntax` (`tagger.bin`, which also
    /// holds the training lemma table, and `parser.bin`).
    pub fn from_bytes(tagger: &[u8], parser: &[u8]) -> Result<Model, SyntaxError> {
        let (tagger, lemmas) = tagger::Tagger::read(tagger)?;
        let parser = parser::Parser::read(parser)?;
        Ok(Model {
            tagger,
            parser,
            lemmatizer: Lemmatizer::new(lemmas),
        })
    }

    /// Beam width of the parser: the width the model was trained with unless changed by
    /// [`Model::set_beam_width`] (1 = greedy).
    pub fn beam_width(&self) -> usize {
        self.parser.beam()
    }

    /// Sets the parser's beam width (1 = greedy, fastest; wider is slower and, for a model
    /// trained with a beam, more accurate up to about its training width).
    pub fn set_beam_width(&mut self, width: usize) {
        self.parser.set_beam(width);
    }

    /// Tags, lemmatizes and parses one sentence of word forms.
    pub fn analyze(&self, words: &[&str]) -> Analysis {
        let mut lex = Vec::with_capacity(words.len());
        self.tagger.lexify(words, &mut lex);
        let mut tags = self.tagger.tag_lex(&lex);
        let mut keys: Vec<u64> = tags.iter().map(|t| self.tagger.key(*t)).collect();
        let (mut heads, mut labels) = self.parser.parse(&lex, &keys);
        // News clauses like "Police arrested two men" are often tagged as reduced relatives
        // (VBN), leaving a nominal root; retry with the past tense and keep it if the verb
        // becomes the root.
        if let Some((cand, vbd)) = self.reduced_relative(&tags, &heads, &labels) {
            let old = tags[cand];
            tags[cand] = vbd;
            keys[cand] = self.tagger.key(vbd);
            let (h2, l2) = self.parser.parse(&lex, &keys);
            if h2.get(cand) == Some(&0) {
                heads = h2;
                labels = l2;
            } else {
                tags[cand] = old;
            }
        }
        // "Police arrested and charged two men": a VBN root with a subject (passive or
        // active), no auxiliary and an object is an active past tense mis-tagged as a
        // participle.
        if let Some((cand, vbd)) = self.bare_participle_with_object(&tags, &heads, &labels) {
            let old = tags[cand];
            tags[cand] = vbd;
            keys[cand] = self.tagger.key(vbd);
            let (h2, l2) = self.parser.parse(&lex, &keys);
            let passive = |heads: &[usize], labels: &[DepRel]| {
                heads
                    .iter()
                    .zip(labels)
                    .any(|(&h, l)| h == cand + 1 && l.is("nsubj:pass"))
            };
            if h2.get(cand) == Some(&0) && !passive(&h2, &l2) {
                heads = h2;
                labels = l2;
            } else {
                tags[cand] = old;
            }
        }
        let words = words
            .iter()
            .enumerate()
            .map(|(i, w)| {
                let upos = self.tagger.upos(tags[i]);
                let xpos = self.tagger.xpos(tags[i]);
                WordAnalysis {
                    upos,
                    xpos,
                    lemma: self.lemmatizer.lemma(w, xpos, upos),
                    head: heads[i],
                    deprel: labels[i],
                }
            })
            .collect();
        Analysis { words }
    }

    /// A VBN verb without auxiliaries in a sentence whose root is a non-copular nominal.
    fn reduced_relative(
        &self,
        tags: &[usize],
        heads: &[usize],
        labels: &[DepRel],
    ) -> Option<(usize, usize)> {
        let root = heads.iter().position(|&h| h == 0)?;
        if self.tagger.upos(tags[root]).is_verbal() {
            return None;
        }
        let has_child = |i: usize, rels: &[&str]| {
            heads
                .iter()
                .zip(labels)
                .any(|(&h, l)| h == i + 1 && rels.contains(&l.as_str()))
        };
        if has_child(root, &["cop", "aux", "nsubj"]) {
            return None;
        }
        let cand = (0..tags.len()).find(|&i| {
            self.tagger.xpos(tags[i]) == "VBN"
                && i > 0
                && !self.tagger.upos(tags[i - 1]).is_verbal()
                && !has_child(i, &["aux", "aux:pass", "cop"])
        })?;
        let vbd = self.tagger.class("VBD", Upos::Verb)?;
        Some((cand, vbd))
    }

    /// A VBN root without auxiliaries that has a subject (passive or active) and an object
    /// (its own or that of a conjunct verb).
    fn bare_participle_with_object(
        &self,
        tags: &[usize],
        heads: &[usize],
        labels: &[DepRel],
    ) -> Option<(usize, usize)> {
        let root = heads.iter().position(|&h| h == 0)?;
        if self.tagger.xpos(tags[root]) != "VBN" {
            return None;
        }
        let children = |i: usize| {
            heads
                .iter()
                .zip(labels)
                .enumerate()
                .filter(move |(_, (&h, _))| h == i + 1)
                .map(|(j, (_, l))| (j, *l))
        };
        let has = |i: usize, rels: &[&str]| children(i).any(|(_, l)| rels.contains(&l.as_str()));
        if has(root, &["aux", "aux:pass", "cop"]) || !has(root, &["nsubj:pass", "nsubj"]) {
            return None;
        }
        let object = has(root, &["obj", "iobj"])
            || children(root).any(|(c, l)| {
                l.is("conj") && has(c, &["obj", "iobj"]) && !has(c, &["nsubj", "nsubj:pass"])
            });
        if !object {
            return None;
        }
        let vbd = self.tagger.class("VBD", Upos::Verb)?;
        Some((root, vbd))
    }

    /// Tags only (XPOS, UPOS) without parsing.
    pub fn tag(&self, words: &[&str]) -> Vec<(&'static str, Upos)> {
        self.tagger
            .tag(words)
            .into_iter()
            .map(|t| (self.tagger.xpos(t), self.tagger.upos(t)))
            .collect()
    }

    /// Approximate heap memory of the weight tables in bytes (excluding the lemma tables).
    pub fn weight_bytes(&self) -> usize {
        self.tagger.heap_bytes() + self.parser.heap_bytes()
    }

    /// Number of feature rows in the tagger, transition and label tables (for reporting size).
    pub fn feature_rows(&self) -> (usize, usize, usize) {
        let (t, l) = self.parser.rows();
        (self.tagger.rows(), t, l)
    }
}

const NEGATORS: &[&str] = &["not", "never", "n't", "no", "nt", "neither", "nor"];

impl Analysis {
    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Head of word `i` as a 0-based index, `None` for the root.
    pub fn head(&self, i: usize) -> Option<usize> {
        self.words.get(i).and_then(|w| w.head.checked_sub(1))
    }

    /// 0-based indices of the dependents of word `i`, left to right.
    pub fn children(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        self.words
            .iter()
            .enumerate()
            .filter(move |(_, w)| w.head == i + 1)
            .map(|(j, _)| j)
    }

    fn children_with<'a>(
        &'a self,
        i: usize,
        labels: &'a [&str],
    ) -> impl Iterator<Item = usize> + 'a {
        self.children(i)
            .filter(move |&c| labels.contains(&self.words[c].deprel.as_str()))
    }

    /// Verbs whose subject is shared with `verb`: the xcomp governor ("wanted to leave") and
    /// the first conjunct ("arrested and charged") when `verb` has no subject of its own.
    fn subject_donor(&self, verb: usize) -> Option<usize> {
        let w = self.words.get(verb)?;
        let rel = w.deprel.as_str();
        if rel == "xcomp" || rel == "conj" {
            self.head(verb)
        } else {
            None
        }
    }

    fn subjects_by(&self, verb: usize, labels: &[&str]) -> Vec<usize> {
        let mut v = verb;
        for _ in 0..4 {
            let own: Vec<usize> = self.children_with(v, labels).collect();
            if !own.is_empty() {
                return self.expand_conj(own);
            }
            // Only borrow through xcomp/conj when the donor clause has no subject of another kind.
            if self
                .children_with(v, &["nsubj", "nsubj:pass", "csubj", "csubj:pass", "expl"])
                .next()
                .is_some()
            {
                return Vec::new();
            }
            match self.subject_donor(v) {
                Some(d) => v = d,
                None => return Vec::new(),
            }
        }
        Vec::new()
    }

    fn expand_conj(&self, heads: Vec<usize>) -> Vec<usize> {
        let mut out = Vec::new();
        for h in heads {
            out.push(h);
            out.extend(self.conjuncts(h));
        }
        out
    }

    /// Active subjects (nsubj) of `verb`, including coordinated subjects and subjects shared
    /// through xcomp/conj.
    pub fn subjects(&self, verb: usize) -> Vec<usize> {
        self.subjects_by(verb, &["nsubj"])
    }

    /// Passive subjects (nsubj:pass) of `verb`.
    pub fn passive_subjects(&self, verb: usize) -> Vec<usize> {
        self.subjects_by(verb, &["nsubj:pass"])
    }

    /// Direct and indirect objects of `verb` (with coordinated objects). A verb without objects
    /// shares those of a later conjunct verb without its own subject ("arrested and charged two
    /// men": UD attaches "men" to "charged").
    pub fn objects(&self, verb: usize) -> Vec<usize> {
        let own: Vec<usize> = self.children_with(verb, &["obj", "iobj"]).collect();
        if !own.is_empty() {
            return self.expand_conj(own);
        }
        for c in self.children_with(verb, &["conj"]) {
            let verbal = self.words[c].upos.is_verbal();
            let has_subj = self
                .children_with(c, &["nsubj", "nsubj:pass", "csubj", "expl"])
                .next()
                .is_some();
            if verbal && !has_subj {
                let theirs: Vec<usize> = self.children_with(c, &["obj", "iobj"]).collect();
                if !theirs.is_empty() {
                    return self.expand_conj(theirs);
                }
            }
        }
        Vec::new()
    }

    /// True if `verb` has a passive auxiliary or passive subject.
    pub fn is_passive(&self, verb: usize) -> bool {
        self.children_with(verb, &["aux:pass", "nsubj:pass", "csubj:pass"])
            .next()
            .is_some()
    }

    /// The agent of a passive verb: `obl:agent`, or an `obl` introduced by "by".
    pub fn passive_agent(&self, verb: usize) -> Option<usize> {
        if let Some(a) = self.children_with(verb, &["obl:agent"]).next() {
            return Some(a);
        }
        if !self.is_passive(verb) && self.words.get(verb).is_none_or(|w| w.xpos != "VBN") {
            return None;
        }
        self.children_with(verb, &["obl"])
            .find(|&o| self.case_marker(o).is_some_and(|c| c == "by"))
    }

    /// Lowercased case/mark word attached to a nominal.
    fn case_marker(&self, i: usize) -> Option<String> {
        let c = self.children_with(i, &["case"]).next()?;
        Some(self.words[c].lemma.to_lowercase())
    }

    /// Prepositional objects of `verb` (obl/nmod dependents with a case marker), as
    /// (lowercased preposition, 0-based index of the nominal).
    pub fn prep_objects(&self, verb: usize) -> Vec<(String, usize)> {
        let mut out = Vec::new();
        for o in self.children_with(verb, &["obl", "obl:agent", "nmod", "obl:unmarked"]) {
            let prep = match self
                .children_with(o, &["case"])
                .collect::<Vec<_>>()
                .as_slice()
            {
                [] => continue,
                // Multiword prepositions ("out of", "because of") are joined with a space.
                cases => cases
                    .iter()
                    .map(|&c| self.form_or_lemma(c))
                    .collect::<Vec<_>>()
                    .join(" "),
            };
            out.push((prep.clone(), o));
            for c in self.conjuncts(o) {
                out.push((prep.clone(), c));
            }
        }
        out
    }

    fn form_or_lemma(&self, i: usize) -> String {
        self.words[i].lemma.to_lowercase()
    }

    /// Words coordinated with `i` (its `conj` dependents, or its siblings if `i` is itself a conjunct).
    pub fn conjuncts(&self, i: usize) -> Vec<usize> {
        let first = if self.words.get(i).is_some_and(|w| w.deprel.is("conj")) {
            self.head(i).unwrap_or(i)
        } else {
            i
        };
        let mut out: Vec<usize> = if first != i { vec![first] } else { Vec::new() };
        out.extend(self.children_with(first, &["conj"]).filter(|&c| c != i));
        out
    }

    /// True if `verb` is negated ("not", "never", "n't") or its object has determiner "no".
    pub fn is_negated(&self, verb: usize) -> bool {
        let neg = |j: usize| NEGATORS.contains(&self.words[j].lemma.to_lowercase().as_str());
        if self
            .children_with(verb, &["advmod", "neg", "det", "cc:preconj"])
            .any(|c| neg(c) && !self.words[c].deprel.is("cc:preconj"))
        {
            return true;
        }
        self.objects(verb)
            .into_iter()
            .chain(self.children_with(verb, &["nsubj", "nsubj:pass"]))
            .any(|o| {
                self.children_with(o, &["det"])
                    .any(|d| self.words[d].lemma.eq_ignore_ascii_case("no"))
            })
    }

    /// Inclusive 0-based range (first, last) of the words in the subtree of `i`.
    pub fn subtree_span(&self, i: usize) -> (usize, usize) {
        let (mut lo, mut hi) = (i, i);
        let mut stack = vec![i];
        let mut seen = vec![false; self.words.len()];
        while let Some(n) = stack.pop() {
            if n >= seen.len() || seen[n] {
                continue;
            }
            seen[n] = true;
            lo = lo.min(n);
            hi = hi.max(n);
            stack.extend(self.children(n));
        }
        (lo, hi)
    }
}
