//! The bundled dictionary emits only valid CAMEO codes.

use verbs::VerbDictionary;

#[test]
fn every_bundled_code_is_a_cameo_code() {
    let dict = VerbDictionary::bundled();
    let codes = dict.codes();
    assert!(codes.len() > 200, "{}", codes.len());
    let invalid: Vec<&String> = codes
        .iter()
        .filter(|c| cameo::CameoCode::parse(c).is_err())
        .collect();
    assert!(invalid.is_empty(), "invalid bundled codes: {invalid:?}");
}

#[test]
fn bundled_loads_cleanly_and_names_its_files() {
    let dict = VerbDictionary::bundled();
    let stats = dict.stats();
    eprintln!("bundled: {stats:?}");
    for w in dict.warnings() {
        eprintln!("  {w}");
    }
    assert!(stats.nouns > 50 && stats.patterns > 4700, "{stats:?}");
    // Phoenix's two patterns with undefined synsets are the only skipped entries.
    assert_eq!(stats.skipped_patterns, 2, "{:?}", dict.warnings());
    let v = dict.version();
    assert!(
        v.starts_with("CAMEO.2.0.txt#") && v.contains("caspian.additions.txt#"),
        "{v}"
    );
}
