//! Accuracy of a model against gold CoNLL-U (gold tokenisation, predicted tags).

use crate::conllu::ConlluSentence;
use crate::{Analysis, Model};

/// Percentages (0-100) over all scored words, punctuation included.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Scores {
    pub upos: f64,
    pub xpos: f64,
    pub lemma: f64,
    pub uas: f64,
    /// Labelled attachment with the full label including subtypes (stricter than CoNLL 2018 LAS).
    pub las: f64,
    /// Labelled attachment on the universal part of the label (CoNLL 2018 style).
    pub las_universal: f64,
    pub tokens: usize,
}

pub fn score(model: &Model, gold: &[ConlluSentence]) -> Scores {
    score_with(gold, |forms| model.analyze(forms))
}

/// [`score`] of any analyser (e.g. an [`crate::ensemble::Ensemble`]).
pub fn score_with(gold: &[ConlluSentence], mut analyze: impl FnMut(&[&str]) -> Analysis) -> Scores {
    let mut c = [0usize; 6];
    let mut tokens = 0usize;
    for s in gold {
        let forms = s.forms();
        if forms.is_empty() {
            continue;
        }
        let a = analyze(&forms);
        for (g, p) in s.words.iter().zip(&a.words) {
            tokens += 1;
            let head_ok = g.head == Some(p.head);
            let guniv = g.deprel.split(':').next().unwrap_or("");
            c[0] += usize::from(g.upos == p.upos.as_str());
            c[1] += usize::from(g.xpos == p.xpos);
            c[2] += usize::from(g.lemma == p.lemma);
            c[3] += usize::from(head_ok);
            c[4] += usize::from(head_ok && g.deprel == p.deprel.as_str());
            c[5] += usize::from(head_ok && guniv == p.deprel.universal());
        }
    }
    let pct = |x: usize| 100.0 * x as f64 / tokens.max(1) as f64;
    Scores {
        upos: pct(c[0]),
        xpos: pct(c[1]),
        lemma: pct(c[2]),
        uas: pct(c[3]),
        las: pct(c[4]),
        las_universal: pct(c[5]),
        tokens,
    }
}
