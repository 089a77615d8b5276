//! Parsing the Phoenix and PETRARCH unit-test dictionaries.

use verbs::VerbDictionary;

fn load(rel: &str) -> Option<(verbs::DictStats, Vec<String>)> {
    let path = super::shared()?.join(rel);
    let text = std::fs::read_to_string(&path).expect("readable dictionary");
    assert!(
        VerbDictionary::is_verb_dictionary(&text),
        "{rel} not detected"
    );
    let mut b = VerbDictionary::builder();
    let n = b.add_file(rel, &text).unwrap_or_else(|e| panic!("{e}"));
    assert!(n > 0);
    let d = b.build();
    let warnings = d.warnings().iter().map(|w| w.to_string()).collect();
    Some((d.stats(), warnings))
}

#[test]
fn phoenix_cameo_2_0_loads() {
    let Some((stats, warnings)) = load("dictionaries/phoenix/CAMEO.2.0.txt") else {
        return;
    };
    eprintln!("CAMEO.2.0.txt: {stats:?}");
    for w in &warnings {
        eprintln!("  {w}");
    }
    assert_eq!(stats.blocks, 397);
    assert_eq!(stats.synsets, 40);
    assert!(stats.patterns > 4500, "{stats:?}");
    assert!(stats.skipped_patterns < 20, "{warnings:?}");
}

#[test]
fn phoenix_older_verbpatterns_load() {
    let Some((stats, _)) = load("dictionaries/phoenix/CAMEO.verbpatterns.150430.txt") else {
        return;
    };
    eprintln!("CAMEO.verbpatterns.150430.txt: {stats:?}");
    assert!(stats.blocks > 300 && stats.patterns > 4000, "{stats:?}");
}

#[test]
fn petrarch_unit_test_dictionary_loads() {
    let Some((stats, warnings)) = load("gold/petrarch2_unittest/PETR.Validate.verbs.txt") else {
        return;
    };
    eprintln!("PETR.Validate.verbs.txt: {stats:?}");
    for w in &warnings {
        eprintln!("  {w}");
    }
    assert!(stats.blocks > 100 && stats.synsets >= 14, "{stats:?}");
}

#[test]
fn other_petrarch_dictionaries_are_not_verb_dictionaries() {
    let Some(shared) = super::shared() else {
        return;
    };
    for rel in [
        "dictionaries/phoenix/Phoenix.Countries.actors.txt",
        "dictionaries/phoenix/Phoenix.International.actors.txt",
        "dictionaries/phoenix/Phoenix.MilNonState.actors.txt",
        "dictionaries/phoenix/Phoenix.agents.txt",
        "dictionaries/phoenix/Phoenix.discards.txt",
        "dictionaries/phoenix/Phoenix.IssueCoding.txt",
        "gold/petrarch2_unittest/PETR.Validate.actors.txt",
        "gold/petrarch2_unittest/PETR.Validate.agents.txt",
    ] {
        let bytes = std::fs::read(shared.join(rel)).expect("readable");
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !VerbDictionary::is_verb_dictionary(&text),
            "{rel} detected as verbs"
        );
        // Feeding one anyway is an error or an empty dictionary, never a panic.
        let mut b = VerbDictionary::builder();
        let _ = b.add_file(rel, &text);
    }
}

/// The bundled Phoenix file is the upstream file with only the remaps listed in
/// data/verbs/SOURCE.md (and applied by scripts/build_verbs.py).
#[test]
fn bundled_phoenix_file_is_upstream_plus_listed_remaps() {
    let Some(shared) = super::shared() else {
        return;
    };
    let upstream = std::fs::read_to_string(shared.join("dictionaries/phoenix/CAMEO.2.0.txt"))
        .expect("readable dictionary");
    let expected = upstream
        .replace("[176]", "[170]")
        .replace("[080!]", "[080]")
        .replace("[:1952]", "[:195]");
    let bundled = verbs::BUNDLED_FILES[0].1;
    assert!(
        expected == bundled,
        "data/verbs/CAMEO.2.0.txt drifted: rerun scripts/build_verbs.py"
    );
}
