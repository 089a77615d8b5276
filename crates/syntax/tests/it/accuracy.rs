//! Accuracy floors on UD English-EWT (skipped when ../shared is absent). Floors only rise;
//! the measured values are in crates/syntax/RESULTS.md and the floors in FLOORS.md.

use syntax::{conllu, eval, Model};

const SHARED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared");

/// Floors on the first 500 sentences of EWT test (predicted tags, gold tokenisation).
const FLOOR_TEST500_UPOS: f64 = 96.3;
const FLOOR_TEST500_UAS: f64 = 86.1;
const FLOOR_TEST500_LAS: f64 = 82.0;
const FLOOR_TEST500_LEMMA: f64 = 97.5;

#[test]
fn ewt_test_first_500_sentences_above_floors() {
    let path = format!("{SHARED}/treebanks/ud_english_ewt/en_ewt-ud-test.conllu");
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("skipping: ../shared not found");
        return;
    };
    let gold = conllu::read(&text).expect("EWT test parses");
    let s = eval::score(Model::english(), &gold[..500.min(gold.len())]);
    eprintln!("EWT test[..500]: {s:?}");
    assert!(s.tokens > 5000);
    assert!(
        s.upos >= FLOOR_TEST500_UPOS,
        "upos {} < {FLOOR_TEST500_UPOS}",
        s.upos
    );
    assert!(
        s.uas >= FLOOR_TEST500_UAS,
        "uas {} < {FLOOR_TEST500_UAS}",
        s.uas
    );
    assert!(
        s.las >= FLOOR_TEST500_LAS,
        "las {} < {FLOOR_TEST500_LAS}",
        s.las
    );
    assert!(
        s.lemma >= FLOOR_TEST500_LEMMA,
        "lemma {} < {FLOOR_TEST500_LEMMA}",
        s.lemma
    );
}
