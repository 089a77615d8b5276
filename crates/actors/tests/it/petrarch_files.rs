//! Loading the PETRARCH2 unit-test suite's fictional world through add_file.

use actors::{detect_kind, ActorDictionary, DictKind};
use model::NaiveDate;

use crate::helpers::shared;

#[test]
fn validation_suite_loads_alone() {
    let Some(dir) = shared() else { return };
    let dir = dir.join("gold/petrarch2_unittest");
    let mut b = ActorDictionary::builder();
    for (name, kind) in [
        ("PETR.Validate.actors.txt", Some(DictKind::Actors)),
        ("PETR.Validate.agents.txt", Some(DictKind::Agents)),
        ("PETR.Validate.discards.txt", Some(DictKind::Discards)),
        ("PETR.Validate.verbs.txt", None),
    ] {
        let text = std::fs::read_to_string(dir.join(name)).unwrap();
        assert_eq!(detect_kind(&text), kind, "{name}");
        if let Some(kind) = kind {
            assert_eq!(b.add_file(name, &text).unwrap(), kind);
        }
    }
    let dict = b.build();
    let r = |p: &str, date: Option<NaiveDate>| {
        dict.resolve_phrase(p, None, date)
            .map(|a| a.code.to_string())
    };
    assert_eq!(r("Gondor", None).as_deref(), Some("GON"));
    assert_eq!(r("Minas Tirith", None).as_deref(), Some("GON"));
    assert_eq!(r("Arnor", None).as_deref(), Some("ARN"));
    // Dated codes: Smeagol is HOBGOV 1995-06-01..1999-08-15 and HOBREB after.
    assert_eq!(
        r("Smeagol", NaiveDate::from_ymd_opt(1997, 1, 1)).as_deref(),
        Some("HOBGOV")
    );
    assert_eq!(
        r("Smeagol", NaiveDate::from_ymd_opt(2001, 1, 1)).as_deref(),
        Some("HOBREB")
    );
    assert_eq!(
        r("Smeagol", NaiveDate::from_ymd_opt(1990, 1, 1)).as_deref(),
        Some("HOB")
    );
    assert_eq!(
        r("Sam Gamgee", NaiveDate::from_ymd_opt(2010, 1, 10)).as_deref(),
        Some("ORCHOB")
    );
    // Agents compose with actors; substitution sets expand.
    assert_eq!(
        r("Gondor's foreign minister", None).as_deref(),
        Some("GONGOVFRM")
    );
    assert_eq!(
        r("Mordor ministry of silly walks", None).as_deref(),
        Some("MORGOV")
    );
    assert_eq!(r("Ithilen congressmen", None).as_deref(), Some("ITHLEG"));
    // Real-world names are absent in the fictional world.
    assert_eq!(r("Azerbaijan", None), None);
    assert!(dict.is_discarded("The Manchester United coach left."));
    assert!(dict.version().contains("PETR.Validate.actors.txt"));
}

#[test]
fn errors_name_file_and_line() {
    let mut b = ActorDictionary::builder();
    let err = b
        .add_file("bad.actors.txt", "IRAN [IRN]\n+TEHRAN\nFOO [IRN >2012]\n")
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "bad.actors.txt:3: bad date restriction `>2012` for code IRN"
    );
    let err = b
        .add_file("bad.agents.txt", "POLICE [~COP]\nSOLDIER [~MIL\n")
        .unwrap_err();
    assert!(err.to_string().starts_with("bad.agents.txt:2:"), "{err}");
}

#[test]
fn phoenix_files_are_recognised_and_load_lossily() {
    let Some(dir) = shared() else { return };
    let dir = dir.join("dictionaries/phoenix");
    let read = |n: &str| std::fs::read_to_string(dir.join(n)).unwrap();
    assert_eq!(
        detect_kind(&read("Phoenix.agents.txt")),
        Some(DictKind::Agents)
    );
    assert_eq!(
        detect_kind(&read("Phoenix.discards.txt")),
        Some(DictKind::Discards)
    );
    assert_eq!(detect_kind(&read("CAMEO.2.0.txt")), None);
    assert_eq!(detect_kind(&read("CAMEO.verbpatterns.150430.txt")), None);
    assert_eq!(detect_kind(&read("Phoenix.IssueCoding.txt")), None);
    assert_eq!(detect_kind(&read("Phoenix.prepositions.txt")), None);
    assert_eq!(
        detect_kind(&read("Phoenix.International.actors.txt")),
        Some(DictKind::Actors)
    );
    assert_eq!(
        detect_kind(&read("Phoenix.MilNonState.actors.txt")),
        Some(DictKind::Actors)
    );
    let countries = read("Phoenix.Countries.actors.txt");
    assert_eq!(detect_kind(&countries), Some(DictKind::Actors));
    let mut b = ActorDictionary::builder();
    // The original file has mistyped dates: strict loading names the line...
    let err = b
        .add_file("Phoenix.Countries.actors.txt", &countries)
        .unwrap_err();
    assert!(
        err.to_string().starts_with("Phoenix.Countries.actors.txt:"),
        "{err}"
    );
    // ...and lossy loading skips those lines and reports them.
    let (kind, skipped) = b
        .add_file_lossy("Phoenix.Countries.actors.txt", &countries)
        .unwrap();
    assert_eq!(kind, DictKind::Actors);
    assert!(
        !skipped.is_empty() && skipped.len() < 20,
        "{}",
        skipped.len()
    );
    let dict = b.build();
    assert_eq!(
        dict.resolve_phrase("Azerbaijan", None, None)
            .map(|a| a.code.to_string())
            .as_deref(),
        Some("AZE")
    );
}

/// Regenerates data/actors with the committed script and compares (slow; needs
/// python3, ../shared and world-countries installed in /tmp/wc).
#[test]
fn bundled_data_is_up_to_date() {
    if std::env::var("CASPIAN_SLOW_TESTS").as_deref() != Ok("1") {
        eprintln!("skipping: set CASPIAN_SLOW_TESTS=1");
        return;
    }
    let Some(shared) = shared() else { return };
    let wc = std::path::Path::new("/tmp/wc/node_modules/world-countries/countries.json");
    if !wc.exists() {
        eprintln!("skipping: npm install --prefix /tmp/wc world-countries@5.1.0 first");
        return;
    }
    let root = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."));
    let out = std::env::temp_dir().join(format!("actors-regen-{}", std::process::id()));
    let status = std::process::Command::new("python3")
        .arg(root.join("scripts/build_actors.py"))
        .arg(&shared)
        .arg("--world-countries")
        .arg(wc)
        .arg("--out")
        .arg(&out)
        .status()
        .expect("python3 runs");
    assert!(status.success());
    for f in ["actors.txt", "agents.txt", "discards.txt", "countries.tsv"] {
        let a = std::fs::read_to_string(out.join(f)).unwrap();
        let b = std::fs::read_to_string(root.join("data/actors").join(f)).unwrap();
        assert!(
            a == b,
            "data/actors/{f} is stale: re-run scripts/build_actors.py"
        );
    }
    let _ = std::fs::remove_dir_all(&out);
}
