//! `average_models`: a model averaged with itself analyses like the model; bad input is an error.

use syntax::{average_models, embedded_model_bytes, Model};

const SENTENCES: &[&str] = &[
    "Police arrested three protesters outside the parliament in Tbilisi on Monday .",
    "The minister , who was accused of corruption by the opposition , resigned after two days .",
    "Rebels said they had not attacked the convoy and blamed government forces for the deaths .",
    "Talks between the two countries were postponed because the delegation failed to arrive .",
    "She told reporters that the agreement would be signed in Geneva next week .",
];

#[test]
fn a_model_averaged_with_itself_analyses_like_the_model() {
    let (t, p) = embedded_model_bytes();
    let model = Model::english();
    for average_tagger in [false, true] {
        let (t2, p2) = average_models(&[(t, p), (t, p)], average_tagger, 0.0).expect("averages");
        if !average_tagger {
            assert_eq!(t2, t, "the first tagger is kept byte for byte");
        }
        let avg = Model::from_bytes(&t2, &p2).expect("the averaged files load");
        assert_eq!(avg.feature_rows(), model.feature_rows());
        for s in SENTENCES {
            let words: Vec<&str> = s.split(' ').collect();
            let (a, b) = (model.analyze(&words), avg.analyze(&words));
            for (x, y) in a.words.iter().zip(&b.words) {
                assert_eq!(
                    (x.upos, x.head, x.deprel),
                    (y.upos, y.head, y.deprel),
                    "{s}"
                );
            }
        }
    }
}

#[test]
fn averaging_needs_valid_models() {
    let (t, p) = embedded_model_bytes();
    assert!(average_models(&[], false, 0.0).is_err());
    assert!(average_models(&[(t, p), (t, &p[..p.len() / 2])], false, 0.0).is_err());
    assert!(average_models(&[(t, p), (p, p)], true, 0.0).is_err());
}
