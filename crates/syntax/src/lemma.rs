//! Lemmatizer: a lemma table learned from the treebank, WordNet exception lists, then suffix rules.

use std::collections::{HashMap, HashSet};

use crate::hash::{f2, hash_str, IdBuild};
use crate::Upos;

static VERB_EXC: &str = include_str!("../../../data/syntax/wordnet/verb.exc");
static NOUN_EXC: &str = include_str!("../../../data/syntax/wordnet/noun.exc");
static ADJ_EXC: &str = include_str!("../../../data/syntax/wordnet/adj.exc");
static ADV_EXC: &str = include_str!("../../../data/syntax/wordnet/adv.exc");

fn parse_exc(text: &str) -> HashMap<String, String> {
    text.lines()
        .filter_map(|l| {
            let mut it = l.split_whitespace();
            let form = it.next()?;
            let lemma = it.next()?;
            // WordNet joins multiword entries with underscores; only single words are useful here.
            (!form.contains('_')).then(|| (form.to_string(), lemma.replace('_', " ")))
        })
        .collect()
}

fn key(form: &str, xpos: &str) -> u64 {
    f2(77, hash_str(form), hash_str(xpos))
}

pub struct Lemmatizer {
    /// Keyed by a hash of (form, xpos) so lookups do not allocate.
    table: HashMap<u64, String, IdBuild>,
    verb: HashMap<String, String>,
    noun: HashMap<String, String>,
    adj: HashMap<String, String>,
    adv: HashMap<String, String>,
    known: HashSet<String>,
}

impl Lemmatizer {
    /// `lemmas` are (form, xpos, lemma) triples, most frequent lemma per (form, xpos).
    pub fn new(lemmas: Vec<(String, String, String)>) -> Lemmatizer {
        let verb = parse_exc(VERB_EXC);
        let noun = parse_exc(NOUN_EXC);
        let adj = parse_exc(ADJ_EXC);
        let adv = parse_exc(ADV_EXC);
        let mut known: HashSet<String> = HashSet::new();
        for m in [&verb, &noun, &adj, &adv] {
            known.extend(m.values().cloned());
        }
        let mut table = HashMap::with_capacity_and_hasher(lemmas.len(), IdBuild::default());
        for (f, x, l) in lemmas {
            known.insert(l.to_lowercase());
            table.insert(key(&f, &x), l);
        }
        Lemmatizer {
            table,
            verb,
            noun,
            adj,
            adv,
            known,
        }
    }

    pub fn lemma(&self, form: &str, xpos: &str, upos: Upos) -> String {
        if let Some(l) = self.table.get(&key(form, xpos)) {
            return l.clone();
        }
        let lower = form.to_lowercase();
        if xpos == "NNP" || (upos == Upos::Propn && xpos != "NNPS") {
            return form.to_string();
        }
        if let Some(l) = self.table.get(&key(&lower, xpos)) {
            return l.clone();
        }
        let exc = match xpos {
            x if x.starts_with("VB") => Some(&self.verb),
            "NNS" | "NNPS" => Some(&self.noun),
            "JJR" | "JJS" => Some(&self.adj),
            "RBR" | "RBS" => Some(&self.adv),
            _ => None,
        };
        if let Some(l) = exc.and_then(|m| m.get(&lower)) {
            return l.clone();
        }
        let ruled = self.rules(&lower, xpos);
        // Keep the capitalisation of proper plurals ("Americans" -> "American"); only for ASCII,
        // where lowercasing keeps byte offsets.
        if xpos == "NNPS" && form.is_ascii() && lower.starts_with(&ruled) {
            return form[..ruled.len()].to_string();
        }
        ruled
    }

    fn pick(&self, candidates: &[String], fallback: &str) -> String {
        candidates
            .iter()
            .find(|c| self.known.contains(c.as_str()))
            .cloned()
            .unwrap_or_else(|| fallback.to_string())
    }

    /// A verb form unknown as a whole that is a productive prefix plus a known verb form
    /// ("reimposed", "overstated", "preapproved") takes the prefix plus that verb's lemma.
    fn prefixed(&self, w: &str, xpos: &str) -> Option<String> {
        const PREFIXES: [&str; 9] = ["re", "pre", "over", "under", "out", "mis", "un", "co", "de"];
        PREFIXES.iter().find_map(|p| {
            let rest = w.strip_prefix(p).filter(|r| r.len() >= 4)?;
            let base = self
                .verb
                .get(rest)
                .cloned()
                .or_else(|| self.table.get(&key(rest, xpos)).cloned())
                .or_else(|| {
                    let stem = rest.strip_suffix(if xpos == "VBG" { "ing" } else { "ed" })?;
                    [stem.to_string(), format!("{stem}e")]
                        .into_iter()
                        .find(|c| c.len() >= 3 && self.known.contains(c.as_str()))
                })?;
            Some(format!("{p}{base}"))
        })
    }

    fn rules(&self, w: &str, xpos: &str) -> String {
        let strip = |suf: &str, add: &str| -> Option<String> {
            w.strip_suffix(suf)
                .filter(|s| s.chars().count() >= 2)
                .map(|s| format!("{s}{add}"))
        };
        let undouble = |s: &str| -> Option<String> {
            let b = s.as_bytes();
            let n = b.len();
            (n >= 3 && b[n - 1] == b[n - 2] && !b"aeiouslz".contains(&b[n - 1]))
                .then(|| s[..n - 1].to_string())
        };
        match xpos {
            "NNS" | "NNPS" => {
                if w.ends_with("ss") || w.ends_with("us") || w.ends_with("is") || w.len() <= 3 {
                    return w.to_string();
                }
                let cands: Vec<String> = [
                    strip("ies", "y"),
                    strip("ches", "ch"),
                    strip("shes", "sh"),
                    strip("sses", "ss"),
                    strip("xes", "x"),
                    strip("men", "man"),
                    strip("s", ""),
                    strip("es", ""),
                ]
                .into_iter()
                .flatten()
                .collect();
                let fallback = cands.first().cloned().unwrap_or_else(|| w.to_string());
                self.pick(&cands, &fallback)
            }
            "VBZ" => {
                let cands: Vec<String> = [strip("ies", "y"), strip("es", ""), strip("s", "")]
                    .into_iter()
                    .flatten()
                    .collect();
                let fallback = strip("s", "").unwrap_or_else(|| w.to_string());
                self.pick(&cands, &fallback)
            }
            "VBD" | "VBN" | "VBG" => {
                let suf = if xpos == "VBG" { "ing" } else { "ed" };
                if xpos != "VBG" {
                    if let Some(s) = strip("ied", "y") {
                        return s;
                    }
                }
                let Some(stem) = strip(suf, "") else {
                    return w.to_string();
                };
                let mut cands = vec![stem.clone(), format!("{stem}e")];
                if let Some(u) = undouble(&stem) {
                    cands.insert(0, u);
                }
                if xpos != "VBG" {
                    cands.push(w.strip_suffix('d').unwrap_or(w).to_string());
                }
                if let Some(c) = cands.iter().find(|c| self.known.contains(c.as_str())) {
                    return c.clone();
                }
                if let Some(l) = self.prefixed(w, xpos) {
                    return l;
                }
                match undouble(&stem) {
                    Some(u) => u,
                    None if needs_final_e(&stem) => format!("{stem}e"),
                    None => stem,
                }
            }
            "JJR" | "RBR" | "JJS" | "RBS" => {
                let suf = if xpos.ends_with('R') { "er" } else { "est" };
                if let Some(s) = strip(&format!("i{suf}"), "y") {
                    return s;
                }
                let Some(stem) = strip(suf, "") else {
                    return w.to_string();
                };
                let mut cands = vec![stem.clone(), format!("{stem}e")];
                if let Some(u) = undouble(&stem) {
                    cands.insert(0, u);
                }
                self.pick(&cands, w)
            }
            _ => w.to_string(),
        }
    }
}

/// English words do not end in "v", "iz"/"yz", "dg" or a single vowel plus "s" (other than
/// "us"/"is"/"as"): a past or -ing stem ending so lost a final "e" ("resolv", "organiz",
/// "judg", "impos").
fn needs_final_e(stem: &str) -> bool {
    let b = stem.as_bytes();
    let n = b.len();
    if n < 3 {
        return false;
    }
    let vowel = |c: u8| b"aeiouy".contains(&c);
    match b[n - 1] {
        b'v' => true,
        b'z' => matches!(b[n - 2], b'i' | b'y'),
        b'g' => b[n - 2] == b'd',
        b's' => matches!(b[n - 2], b'o' | b'e') && !vowel(b[n - 3]),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lem() -> Lemmatizer {
        Lemmatizer::new(vec![("was".into(), "VBD".into(), "be".into())])
    }

    #[test]
    fn table_exceptions_and_rules() {
        let l = lem();
        assert_eq!(l.lemma("was", "VBD", Upos::Aux), "be");
        assert_eq!(l.lemma("went", "VBD", Upos::Verb), "go");
        assert_eq!(l.lemma("arrested", "VBD", Upos::Verb), "arrest");
        assert_eq!(l.lemma("stopped", "VBD", Upos::Verb), "stop");
        assert_eq!(l.lemma("agents", "NNS", Upos::Noun), "agent");
        assert_eq!(l.lemma("countries", "NNS", Upos::Noun), "country");
        assert_eq!(l.lemma("children", "NNS", Upos::Noun), "child");
        assert_eq!(l.lemma("Iran", "NNP", Upos::Propn), "Iran");
        assert_eq!(l.lemma("bigger", "JJR", Upos::Adj), "big");
        assert_eq!(l.lemma("Americans", "NNPS", Upos::Propn), "American");
        assert_eq!(l.lemma("İSTANBULS", "NNPS", Upos::Noun), "i̇stanbul");
    }

    #[test]
    fn prefixed_verbs_and_lost_final_e() {
        let l = lem();
        // "impose" is a lemma in WordNet's lists only via its exceptions, so go through the
        // table: a treebank lemma for the unprefixed form makes the prefixed one known.
        let l2 = Lemmatizer::new(vec![("imposed".into(), "VBN".into(), "impose".into())]);
        assert_eq!(l2.lemma("reimposed", "VBD", Upos::Verb), "reimpose");
        assert_eq!(l2.lemma("reimposing", "VBG", Upos::Verb), "reimpose");
        assert_eq!(l.lemma("zorbolved", "VBD", Upos::Verb), "zorbolve");
        assert_eq!(l.lemma("glorbized", "VBD", Upos::Verb), "glorbize");
        assert_eq!(l.lemma("blorposed", "VBN", Upos::Verb), "blorpose");
        assert_eq!(l.lemma("blorpassed", "VBN", Upos::Verb), "blorpass");
        assert_eq!(l.lemma("glorbed", "VBD", Upos::Verb), "glorb");
    }
}
