//! Golden analyses of short news sentences and the grammar queries the event coder uses.

use std::fmt::Write as _;

use syntax::{conllu, Analysis, Model};

fn analyze(text: &str) -> (Vec<&str>, Analysis) {
    let words: Vec<&str> = text.split(' ').collect();
    let a = Model::english().analyze(&words);
    (words, a)
}

fn render(words: &[&str], a: &Analysis) -> String {
    let mut out = String::new();
    for (i, (w, x)) in words.iter().zip(&a.words).enumerate() {
        let head = if x.head == 0 {
            "ROOT"
        } else {
            words[x.head - 1]
        };
        let _ = writeln!(
            out,
            "{:>2} {:<16} {:<14} {:<5} {:<5} {:<11} <- {}",
            i + 1,
            w,
            x.lemma,
            x.upos.as_str(),
            x.xpos,
            x.deprel.as_str(),
            head
        );
    }
    out
}

fn idx(words: &[&str], w: &str) -> usize {
    words
        .iter()
        .position(|x| *x == w)
        .expect("word in sentence")
}

#[test]
fn active_arrest() {
    let (w, a) = analyze("Azerbaijani counterintelligence services arrested Iranian agents .");
    insta::assert_snapshot!(render(&w, &a));
    let v = idx(&w, "arrested");
    assert_eq!(a.subjects(v), vec![idx(&w, "services")]);
    assert_eq!(a.objects(v), vec![idx(&w, "agents")]);
    assert!(a.passive_subjects(v).is_empty());
    assert_eq!(a.passive_agent(v), None);
    assert!(!a.is_negated(v));
    assert_eq!(a.subtree_span(idx(&w, "agents")), (4, 5));
}

#[test]
fn passive_with_agent() {
    let (w, a) = analyze("The embassy was attacked by a gunman .");
    insta::assert_snapshot!(render(&w, &a));
    let v = idx(&w, "attacked");
    assert_eq!(a.passive_subjects(v), vec![idx(&w, "embassy")]);
    assert!(a.subjects(v).is_empty());
    assert_eq!(a.passive_agent(v), Some(idx(&w, "gunman")));
    assert!(a.is_passive(v));
}

#[test]
fn negation_and_prepositions() {
    // "in Geneva" may attach to the verb or to "envoy" (both are defensible), so only
    // the unambiguous temporal obl is asserted.
    let (w, a) =
        analyze("Iran 's foreign minister did n't meet the Saudi envoy in Geneva on Monday .");
    insta::assert_snapshot!(render(&w, &a));
    let v = idx(&w, "meet");
    assert_eq!(a.subjects(v), vec![idx(&w, "minister")]);
    assert_eq!(a.objects(v), vec![idx(&w, "envoy")]);
    assert!(a.is_negated(v));
    let preps = a.prep_objects(v);
    assert!(
        preps.contains(&("on".to_string(), idx(&w, "Monday"))),
        "{preps:?}"
    );
}

#[test]
fn coordinated_verbs_share_subject() {
    let (w, a) = analyze("Police arrested and charged two men in Baku .");
    insta::assert_snapshot!(render(&w, &a));
    let first = idx(&w, "arrested");
    let second = idx(&w, "charged");
    assert_eq!(a.conjuncts(first), vec![second]);
    assert_eq!(a.subjects(second), vec![idx(&w, "Police")]);
    assert_eq!(a.objects(first), vec![idx(&w, "men")]);
    assert_eq!(a.objects(second), vec![idx(&w, "men")]);
    let children: Vec<usize> = a.children(first).collect();
    assert!(children.contains(&idx(&w, "Police")));
}

#[test]
fn conllu_output_roundtrips() {
    let (w, a) = analyze("The embassy was attacked by a gunman .");
    let text = conllu::write(
        &w,
        &a,
        conllu::WriteOptions {
            sent_id: Some("s1"),
            text: Some("The embassy was attacked by a gunman."),
        },
    );
    let back = conllu::read(&text).expect("valid conll-u");
    assert_eq!(back.len(), 1);
    assert_eq!(back[0].comment("sent_id"), Some("s1"));
    assert_eq!(back[0].forms(), w);
    for (g, p) in back[0].words.iter().zip(&a.words) {
        assert_eq!(g.head, Some(p.head));
        assert_eq!(g.deprel, p.deprel.as_str());
        assert_eq!(g.upos, p.upos.as_str());
    }
}

#[test]
fn empty_and_odd_input_do_not_panic() {
    let m = Model::english();
    assert!(m.analyze(&[]).is_empty());
    let a = m.analyze(&["", "\u{1F600}", "x"]);
    assert_eq!(a.words.iter().filter(|w| w.head == 0).count(), 1);
    assert!(Model::from_bytes(b"garbage", b"CSPP").is_err());
}
