//! Greedy left-to-right averaged-perceptron tagger predicting a joint (PTB XPOS, UPOS) tag.

use std::collections::HashMap;

use crate::hash::{f1, f2, f3, hash_chars, hash_str, write_keys, IdBuild};
use crate::perceptron::{put_str, put_u32, Reader, Trainer, Weights};
use crate::{SyntaxError, Upos};

/// Hashed lexical properties of one word, computed once per sentence.
#[derive(Clone, Copy, Default)]
pub(crate) struct Lex {
    pub form: u64,
    pub lower: u64,
    pub suf: [u64; 4],
    pub pre: [u64; 3],
    pub shape: u64,
    pub flags: u64,
    /// Ambiguity class: the set of tags the word had in training (frequent words only).
    pub amb: u64,
    /// Brown cluster path (first bit least significant), 0 if the word has none.
    pub clu: u64,
    /// Second cluster source (GloVe, `data/syntax/glove/`), same encoding, 0 if none.
    pub clu2: u64,
}

impl Lex {
    /// The first `bits` bits of the cluster path.
    #[inline]
    pub fn clu_prefix(&self, bits: u32) -> u64 {
        self.clu & ((1u64 << bits) - 1)
    }

    /// The first `bits` bits of the second cluster source's path.
    #[inline]
    pub fn clu2_prefix(&self, bits: u32) -> u64 {
        self.clu2 & ((1u64 << bits) - 1)
    }
}

/// Form hash -> Brown cluster path (see `data/syntax/clusters/clusters.tsv`).
pub(crate) type Clusters = HashMap<u64, u32, IdBuild>;

/// Builds the cluster table from (word, cluster) pairs.
pub(crate) fn build_clusters(pairs: &[(String, u32)]) -> Clusters {
    let mut c = Clusters::default();
    for (w, id) in pairs {
        c.entry(hash_str(w)).or_insert(*id);
    }
    c
}

/// Exact form -> tag of frequent words that (almost) always had that tag in training; the
/// tagger assigns these without scoring.
pub(crate) type TagDict = HashMap<u64, u8, IdBuild>;

/// Words seen at least `min` times whose most frequent tag covers at least `purity` of them.
pub(crate) fn build_tag_dict(
    sents: &[(Vec<&str>, Vec<usize>)],
    min: usize,
    purity: f64,
) -> TagDict {
    let mut counts: HashMap<u64, HashMap<usize, usize>, IdBuild> = HashMap::default();
    for (words, tags) in sents {
        for (w, &t) in words.iter().zip(tags) {
            *counts.entry(hash_str(w)).or_default().entry(t).or_default() += 1;
        }
    }
    let mut dict = TagDict::default();
    for (k, tags) in counts {
        let total: usize = tags.values().sum();
        let (best, n) = tags
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
            .map(|(t, n)| (*t, *n))
            .unwrap_or((0, 0));
        if total >= min && n as f64 >= purity * total as f64 && best < 256 {
            dict.insert(k, best as u8);
        }
    }
    dict
}

/// Lowercased-form hash -> ambiguity class hash.
pub(crate) type Lexicon = HashMap<u64, u64, IdBuild>;

/// Builds the ambiguity-class lexicon from tagged sentences (words seen at least `min` times).
pub(crate) fn build_lexicon(sents: &[(Vec<&str>, Vec<usize>)], min: usize) -> Lexicon {
    let mut counts: HashMap<u64, (usize, u128), IdBuild> = HashMap::default();
    let mut lex = Vec::new();
    for (words, tags) in sents {
        let none = Clusters::default();
        lexify(words, &Lexicon::default(), [&none, &none], &mut lex);
        for (l, &t) in lex.iter().zip(tags) {
            let e = counts.entry(l.lower).or_default();
            e.0 += 1;
            e.1 |= 1u128 << (t % 128);
        }
    }
    counts
        .into_iter()
        .filter(|(_, (n, _))| *n >= min)
        .map(|(k, (_, set))| (k, f2(901, set as u64, (set >> 64) as u64)))
        .collect()
}

const START: u64 = 0x0053_5441_5254;
const END: u64 = 0x0045_4e44;

/// `clusters`: the Brown clusters and the second source (either may be empty).
pub(crate) fn lexify(
    words: &[&str],
    lexicon: &Lexicon,
    clusters: [&Clusters; 2],
    out: &mut Vec<Lex>,
) {
    out.clear();
    let mut chars: Vec<char> = Vec::with_capacity(32);
    let mut shape: Vec<char> = Vec::with_capacity(32);
    for w in words {
        chars.clear();
        shape.clear();
        let (mut digit, mut upper, mut lower, mut hyphen) = (false, false, false, false);
        for c in w.chars() {
            let class = if c.is_uppercase() {
                upper = true;
                'X'
            } else if c.is_lowercase() {
                lower = true;
                'x'
            } else if c.is_ascii_digit() {
                digit = true;
                'd'
            } else {
                hyphen |= c == '-';
                c
            };
            if shape.last() != Some(&class) {
                shape.push(class);
            }
            if c.is_ascii() {
                chars.push(c.to_ascii_lowercase());
            } else {
                chars.extend(c.to_lowercase());
            }
        }
        let n = chars.len();
        let suf = |k: usize| hash_chars(&chars[n.saturating_sub(k)..]);
        let pre = |k: usize| hash_chars(&chars[..k.min(n)]);
        let first_upper = w.chars().next().is_some_and(char::is_uppercase);
        let flags = u64::from(digit)
            | u64::from(upper) << 1
            | u64::from(lower) << 2
            | u64::from(hyphen) << 3
            | u64::from(first_upper) << 4
            | u64::from(upper && !lower) << 5;
        let lower = hash_chars(&chars);
        let form = hash_str(w);
        let find = |c: &Clusters| {
            if c.is_empty() {
                return 0;
            }
            c.get(&form)
                .or_else(|| c.get(&lower))
                .map_or(0, |&c| u64::from(c))
        };
        out.push(Lex {
            form,
            clu: find(clusters[0]),
            clu2: find(clusters[1]),
            lower,
            amb: lexicon.get(&lower).copied().unwrap_or(0),
            suf: [suf(1), suf(2), suf(3), suf(4)],
            pre: [pre(1), pre(2), pre(3)],
            shape: hash_chars(&shape),
            flags,
        });
    }
}

fn tag_key(t: Option<usize>) -> u64 {
    t.map_or(START, |t| t as u64 + 1)
}

/// Which templates of the second cluster source the tagger uses (stored in the model).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Clu2Templates {
    None,
    /// The word's path, its 6- and 4-bit prefixes, the previous tag with the path.
    Word,
    /// `Word` plus the paths of the previous and the next word.
    WordAndNeighbours,
}

impl Clu2Templates {
    fn code(self) -> u32 {
        match self {
            Clu2Templates::None => 0,
            Clu2Templates::WordAndNeighbours => 1,
            Clu2Templates::Word => 2,
        }
    }

    fn from_code(c: u32) -> Option<Self> {
        [
            Clu2Templates::None,
            Clu2Templates::WordAndNeighbours,
            Clu2Templates::Word,
        ]
        .into_iter()
        .find(|t| t.code() == c)
    }
}

/// Feature keys for position `i` given the two previous predicted tags; `clu2` selects the
/// templates of the second cluster source.
pub(crate) fn features(
    lex: &[Lex],
    i: usize,
    p1: Option<usize>,
    p2: Option<usize>,
    clu2: Clu2Templates,
    out: &mut Vec<u64>,
) {
    let w = &lex[i];
    let at = |j: isize| -> Option<&Lex> {
        if j < 0 {
            None
        } else {
            lex.get(j as usize)
        }
    };
    let ii = i as isize;
    let low = |j: isize| at(j).map_or(if j < 0 { START } else { END }, |l| l.lower);
    let suf3 = |j: isize| at(j).map_or(if j < 0 { START } else { END }, |l| l.suf[2]);
    let shape = |j: isize| at(j).map_or(if j < 0 { START } else { END }, |l| l.shape);
    let amb = |j: isize| at(j).map_or(if j < 0 { START } else { END }, |l| l.amb);
    let clu = |j: isize| at(j).map_or(if j < 0 { START } else { END }, |l| l.clu);
    let clu6 = |j: isize| at(j).map_or(if j < 0 { START } else { END }, |l| l.clu_prefix(6));
    let t1 = tag_key(p1);
    let t2 = tag_key(p2);
    write_keys!(out;
        f1(0, 0),
        f1(1, w.lower),
        f1(2, w.form),
        f1(3, w.suf[0]),
        f1(4, w.suf[1]),
        f1(5, w.suf[2]),
        f1(6, w.suf[3]),
        f1(7, w.pre[0]),
        f1(8, w.pre[1]),
        f1(9, w.pre[2]),
        f1(10, w.shape),
        f2(11, w.flags, u64::from(i == 0)),
        f1(12, t1),
        f2(13, t1, t2),
        f2(14, t1, w.lower),
        f1(15, low(ii - 1)),
        f1(16, suf3(ii - 1)),
        f1(17, low(ii - 2)),
        f1(18, low(ii + 1)),
        f1(19, suf3(ii + 1)),
        f1(20, low(ii + 2)),
        f2(21, low(ii - 1), w.lower),
        f2(22, w.lower, low(ii + 1)),
        f1(23, shape(ii + 1)),
        f2(24, t1, w.suf[2]),
        f1(25, shape(ii - 1)),
        f2(26, low(ii + 1), low(ii + 2)),
        f3(27, t1, w.lower, low(ii + 1)),
        f2(28, w.suf[2], low(ii + 1)),
        f2(29, w.shape, u64::from(i == 0)),
        f1(30, w.amb),
        f1(31, amb(ii + 1)),
        f2(32, w.amb, amb(ii + 1)),
        f2(33, t1, amb(ii + 1)),
        f1(34, amb(ii + 2)),
        f2(35, t1, w.amb),
        f3(36, amb(ii - 1), w.amb, amb(ii + 1)),
        f2(37, w.lower, amb(ii + 1)),
        // Brown clusters (Koo et al. 2008 style prefixes)
        f1(40, w.clu),
        f1(41, w.clu_prefix(6)),
        f1(42, w.clu_prefix(4)),
        f1(43, clu(ii - 1)),
        f1(44, clu(ii + 1)),
        f2(45, t1, w.clu),
        f1(46, clu6(ii + 2)),
        f2(47, w.clu, clu6(ii + 1)),
    );
    if clu2 == Clu2Templates::None {
        return;
    }
    out.extend_from_slice(&[
        f1(50, w.clu2),
        f1(51, w.clu2_prefix(6)),
        f1(52, w.clu2_prefix(4)),
    ]);
    if clu2 == Clu2Templates::WordAndNeighbours {
        let c2 = |j: isize| at(j).map_or(if j < 0 { START } else { END }, |l| l.clu2);
        out.extend_from_slice(&[f1(53, c2(ii - 1)), f1(54, c2(ii + 1))]);
    }
    out.push(f2(55, t1, w.clu2));
}

pub(crate) fn argmax(v: &[f32]) -> usize {
    let mut best = 0;
    for i in 1..v.len() {
        if v[i] > v[best] {
            best = i;
        }
    }
    best
}

/// Interns an XPOS string as `&'static str` (known PTB tags are not allocated).
fn intern(s: &str) -> &'static str {
    const KNOWN: &[&str] = &[
        "NN", "IN", "DT", "NNP", "PRP", "JJ", "RB", ".", "VB", "NNS", ",", "CC", "VBD", "VBP",
        "VBZ", "CD", "VBN", "VBG", "MD", "TO", "PRP$", "-RRB-", "-LRB-", "WDT", ":", "WRB", "``",
        "''", "WP", "RP", "UH", "POS", "HYPH", "NNPS", "JJR", "JJS", "EX", "NFP", "RBR", "ADD",
        "GW", "$", "SYM", "PDT", "LS", "FW", "RBS", "AFX", "WP$", "XX", "_",
    ];
    match KNOWN.iter().find(|k| **k == s) {
        Some(k) => k,
        // Unknown tag sets are only possible with a custom model; the leak is bounded by its tag count.
        None => Box::leak(s.to_string().into_boxed_str()),
    }
}

pub(crate) struct Tagger {
    classes: Vec<(&'static str, Upos)>,
    keys: Vec<u64>,
    weights: Weights,
    lexicon: Lexicon,
    clusters: Clusters,
    /// Second cluster source (empty in models without one).
    clusters2: Clusters,
    /// Whether the tagger's own features use `clusters2` (the parser may use it alone).
    clu2_features: Clu2Templates,
    dict: TagDict,
}

fn class_keys(classes: &[(&'static str, Upos)]) -> Vec<u64> {
    classes
        .iter()
        .map(|(x, u)| f2(900, hash_str(x), *u as u64))
        .collect()
}

impl Tagger {
    pub fn xpos(&self, t: usize) -> &'static str {
        self.classes[t].0
    }

    /// Key of a joint tag for the parser's features (XPOS plus UPOS, so AUX and VERB differ).
    pub fn key(&self, t: usize) -> u64 {
        self.keys[t]
    }

    /// Index of the joint tag (xpos, upos), if the model has it.
    pub fn class(&self, xpos: &str, upos: Upos) -> Option<usize> {
        self.classes.iter().position(|c| c.0 == xpos && c.1 == upos)
    }

    pub fn upos(&self, t: usize) -> Upos {
        self.classes[t].1
    }

    pub fn rows(&self) -> usize {
        self.weights.rows()
    }

    pub fn heap_bytes(&self) -> usize {
        self.weights.heap_bytes()
            + self.lexicon.capacity() * 17
            + (self.clusters.capacity() + self.clusters2.capacity()) * 13
            + self.dict.capacity() * 10
    }

    pub fn tag(&self, words: &[&str]) -> Vec<usize> {
        let mut lex = Vec::with_capacity(words.len());
        self.lexify(words, &mut lex);
        self.tag_lex(&lex)
    }

    /// Per-word lexical keys (shared with the parser).
    pub fn lexify(&self, words: &[&str], out: &mut Vec<Lex>) {
        lexify(words, &self.lexicon, [&self.clusters, &self.clusters2], out);
    }

    pub fn tag_lex(&self, lex: &[Lex]) -> Vec<usize> {
        let mut feats = Vec::with_capacity(48);
        let mut tags: Vec<usize> = Vec::with_capacity(lex.len());
        for i in 0..lex.len() {
            if let Some(&t) = self.dict.get(&lex[i].form) {
                tags.push(usize::from(t));
                continue;
            }
            let p1 = i.checked_sub(1).map(|j| tags[j]);
            let p2 = i.checked_sub(2).map(|j| tags[j]);
            features(lex, i, p1, p2, self.clu2_features, &mut feats);
            tags.push(self.weights.best(&feats));
        }
        tags
    }

    pub fn write(&self, lemmas: &[(String, String, String)], prune: f32) -> Vec<u8> {
        // Models without a second cluster source keep the version-2 format byte for byte.
        let v3 = !self.clusters2.is_empty();
        let mut out = if v3 { MAGIC3 } else { MAGIC }.to_vec();
        put_u32(&mut out, self.classes.len() as u32);
        for (x, u) in &self.classes {
            put_str(&mut out, x);
            put_str(&mut out, u.as_str());
        }
        self.weights.write(&mut out, prune);
        let mut lexicon: Vec<(u64, u64)> = self.lexicon.iter().map(|(k, v)| (*k, *v)).collect();
        lexicon.sort_unstable();
        put_u32(&mut out, lexicon.len() as u32);
        for (k, v) in lexicon {
            out.extend_from_slice(&k.to_le_bytes());
            out.extend_from_slice(&v.to_le_bytes());
        }
        put_map(&mut out, &self.clusters, |v| u64::from(*v));
        if v3 {
            put_u32(&mut out, self.clu2_features.code());
            put_map(&mut out, &self.clusters2, |v| u64::from(*v));
        }
        put_map(&mut out, &self.dict, |v| u64::from(*v));
        put_u32(&mut out, lemmas.len() as u32);
        for (f, x, l) in lemmas {
            put_str(&mut out, f);
            put_str(&mut out, x);
            put_str(&mut out, l);
        }
        out
    }

    /// The tagger whose weights are the mean of `taggers`' weights; the lexicon, cluster
    /// tables and tag dictionary are the first tagger's (they come from the training data, not
    /// the seed). Tags are matched by (XPOS, UPOS); tags only later taggers know are appended.
    pub fn average(taggers: &[&Tagger]) -> Result<Tagger, SyntaxError> {
        let err = |msg: String| SyntaxError::Average(msg);
        let Some(first) = taggers.first() else {
            return Err(err("no taggers to average".to_string()));
        };
        if taggers.iter().any(|t| {
            t.clu2_features.code() != first.clu2_features.code()
                || t.clusters2.is_empty() != first.clusters2.is_empty()
        }) {
            return Err(err("taggers differ in feature templates".to_string()));
        }
        let class_lists: Vec<&[(&'static str, Upos)]> =
            taggers.iter().map(|t| t.classes.as_slice()).collect();
        let (classes, maps) = crate::perceptron::union_classes(&class_lists);
        if classes.len() > 255 {
            return Err(err("too many tags".to_string()));
        }
        let tables: Vec<&Weights> = taggers.iter().map(|t| &t.weights).collect();
        let weights = Weights::average(&tables, &maps, classes.len()).map_err(err)?;
        Ok(Tagger {
            keys: class_keys(&classes),
            classes,
            weights,
            lexicon: first.lexicon.clone(),
            clusters: first.clusters.clone(),
            clusters2: first.clusters2.clone(),
            clu2_features: first.clu2_features,
            dict: first.dict.clone(),
        })
    }

    #[allow(clippy::type_complexity)]
    pub fn read(data: &[u8]) -> Result<(Tagger, Vec<(String, String, String)>), SyntaxError> {
        let mut r = Reader::new("tagger", data);
        let v3 = match r.bytes(4)? {
            m if m == MAGIC => false,
            m if m == MAGIC3 => true,
            _ => return Err(r.err("bad magic number (not a syntax model file)")),
        };
        let n = r.u32()? as usize;
        let mut classes = Vec::with_capacity(n.min(1024));
        for _ in 0..n {
            let x = r.string()?;
            let u = r.string()?;
            let upos = Upos::parse(&u).ok_or_else(|| r.err(&format!("unknown upos {u:?}")))?;
            classes.push((intern(&x), upos));
        }
        let weights = Weights::read(&mut r)?;
        if weights.classes() != n {
            return Err(r.err("weight table class count differs from tag count"));
        }
        let nlex = r.u32()? as usize;
        let mut lexicon = Lexicon::default();
        for _ in 0..nlex {
            let k = r.u64()?;
            let v = r.u64()?;
            lexicon.insert(k, v);
        }
        let clusters: Clusters = read_map(&mut r, |v| u32::try_from(v).ok())?;
        let (clu2_features, clusters2) = if v3 {
            let code = r.u32()?;
            let t = Clu2Templates::from_code(code)
                .ok_or_else(|| r.err(&format!("unknown cluster template set {code}")))?;
            (t, read_map(&mut r, |v| u32::try_from(v).ok())?)
        } else {
            (Clu2Templates::None, Clusters::default())
        };
        let dict: TagDict = read_map(&mut r, |v| {
            u8::try_from(v).ok().filter(|&t| usize::from(t) < n)
        })?;
        let nl = r.u32()? as usize;
        let mut lemmas = Vec::with_capacity(nl.min(1 << 20));
        for _ in 0..nl {
            lemmas.push((r.string()?, r.string()?, r.string()?));
        }
        let keys = class_keys(&classes);
        Ok((
            Tagger {
                classes,
                keys,
                weights,
                lexicon,
                clusters,
                clusters2,
                clu2_features,
                dict,
            },
            lemmas,
        ))
    }
}

/// Tagger file magic (version 2: cluster table and tag dictionary).
const MAGIC: &[u8; 4] = b"CST2";
/// Version 3: a second cluster source and whether the tagger's features use it.
const MAGIC3: &[u8; 4] = b"CST3";

/// Writes a hash map with u64 keys sorted (so files are byte-identical for identical maps).
fn put_map<V>(out: &mut Vec<u8>, m: &HashMap<u64, V, IdBuild>, val: impl Fn(&V) -> u64) {
    let mut items: Vec<(u64, u64)> = m.iter().map(|(k, v)| (*k, val(v))).collect();
    items.sort_unstable();
    put_u32(out, items.len() as u32);
    for (k, v) in items {
        out.extend_from_slice(&k.to_le_bytes());
        out.extend_from_slice(&(v as u32).to_le_bytes());
    }
}

fn read_map<V>(
    r: &mut Reader<'_>,
    val: impl Fn(u64) -> Option<V>,
) -> Result<HashMap<u64, V, IdBuild>, SyntaxError> {
    let n = r.u32()? as usize;
    let mut m = HashMap::with_capacity_and_hasher(n.min(1 << 22), IdBuild::default());
    for _ in 0..n {
        let k = r.u64()?;
        let v = val(u64::from(r.u32()?)).ok_or_else(|| r.err("value out of range"))?;
        m.insert(k, v);
    }
    Ok(m)
}

/// Lexical resources shared by the tagger's training runs (jackknife folds and the final model).
pub(crate) struct Resources<'a> {
    pub lexicon: &'a Lexicon,
    pub clusters: &'a Clusters,
    pub clusters2: &'a Clusters,
    pub clu2_features: Clu2Templates,
    pub dict: &'a TagDict,
}

/// Trains the tagger on (words, joint-tag-index) sentences.
pub(crate) fn train(
    classes: Vec<(&'static str, Upos)>,
    sents: &[(Vec<&str>, Vec<usize>)],
    res: &Resources<'_>,
    epochs: usize,
    rng: &mut crate::hash::Rng,
    mut log: impl FnMut(usize, f64),
) -> Tagger {
    let mut t = Trainer::new(classes.len());
    let mut order: Vec<usize> = (0..sents.len()).collect();
    let mut lex = Vec::new();
    let mut feats = Vec::new();
    let mut scores = vec![0.0; classes.len()];
    for epoch in 0..epochs {
        rng.shuffle(&mut order);
        let (mut right, mut total) = (0usize, 0usize);
        for &s in &order {
            let (words, gold) = &sents[s];
            lexify(words, res.lexicon, [res.clusters, res.clusters2], &mut lex);
            let mut pred: Vec<usize> = Vec::with_capacity(words.len());
            for (i, &g) in gold.iter().enumerate().take(words.len()) {
                if let Some(&t) = res.dict.get(&lex[i].form) {
                    pred.push(usize::from(t));
                    continue;
                }
                let p1 = i.checked_sub(1).map(|j| pred[j]);
                let p2 = i.checked_sub(2).map(|j| pred[j]);
                features(&lex, i, p1, p2, res.clu2_features, &mut feats);
                t.score(&feats, &mut scores);
                let guess = argmax(&scores);
                t.update(&feats, g, guess);
                t.tick();
                right += usize::from(guess == g);
                total += 1;
                pred.push(guess);
            }
        }
        log(epoch, right as f64 / total.max(1) as f64);
    }
    Tagger {
        keys: class_keys(&classes),
        classes,
        weights: t.finish(),
        lexicon: res.lexicon.clone(),
        clusters: res.clusters.clone(),
        clusters2: res.clusters2.clone(),
        clu2_features: res.clu2_features,
        dict: res.dict.clone(),
    }
}

pub(crate) fn intern_xpos(s: &str) -> &'static str {
    intern(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cluster_lookup_tries_the_form_then_the_lowercased_form() {
        let brown = build_clusters(&[("Hamas".to_string(), 0b101), ("the".to_string(), 0b11)]);
        let glove = build_clusters(&[("hamas".to_string(), 0b1_0110)]);
        let mut lex = Vec::new();
        lexify(
            &["Hamas", "HAMAS", "The", "said"],
            &Lexicon::default(),
            [&brown, &glove],
            &mut lex,
        );
        let got: Vec<(u64, u64)> = lex.iter().map(|l| (l.clu, l.clu2)).collect();
        assert_eq!(got, [(0b101, 0b1_0110), (0, 0b1_0110), (0b11, 0), (0, 0)]);
        assert_eq!(lex[0].clu2_prefix(2), 0b10);
    }
}
