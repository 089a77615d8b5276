//! The database commands end to end: ingest the seeds, find the camps they
//! describe, export.

use crate::{caspian, shared};

fn temp_db(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("caspian-db-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join("caspian.db")
}

#[test]
fn seeds_split_into_the_camps_they_describe() {
    let Some(shared) = shared() else { return };
    let db = temp_db("blocs");
    let db_arg = db.to_str().unwrap();
    let seeds = shared.join("seeds");
    let out = caspian(&["ingest", "--db", db_arg, seeds.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // A second ingest stores nothing new.
    let again = caspian(&["ingest", "--db", db_arg, seeds.to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&again.stderr).contains("0 documents stored"));

    let out = caspian(&["blocs", "--db", db_arg, "--format", "json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let blocs: Vec<Vec<String>> = json["blocs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            b["members"]
                .as_array()
                .unwrap()
                .iter()
                .map(|m| m.as_str().unwrap().to_string())
                .collect()
        })
        .collect();
    let bloc_of = |c: &str| blocs.iter().position(|b| b.iter().any(|m| m == c));
    let west = bloc_of("AZE").expect("AZE in a bloc");
    let axis = bloc_of("IRN").expect("IRN in a bloc");
    assert_ne!(west, axis, "{blocs:?}");
    for c in ["ISR", "TUR"] {
        assert_eq!(bloc_of(c), Some(west), "{c}: {blocs:?}");
    }
    for c in ["RUS", "ARM"] {
        assert_eq!(bloc_of(c), Some(axis), "{c}: {blocs:?}");
    }

    let tsv = db.with_file_name("events.tsv");
    let out = caspian(&[
        "export",
        "--db",
        db_arg,
        "--format",
        "gdelt",
        "--out",
        tsv.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&tsv).unwrap();
    assert!(text.lines().count() > 5);
    assert!(text.lines().all(|l| l.split('\t').count() == 61));

    for args in [
        vec![
            "relations",
            "AZE",
            "IRN",
            "--db",
            db_arg,
            "--format",
            "json",
        ],
        vec!["dyads", "--db", db_arg],
        vec!["profile", "AZE", "--db", db_arg],
        vec!["escalations", "--db", db_arg],
    ] {
        let out = caspian(&args);
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice::<serde_json::Value>(&out.stdout).expect("JSON out");
    }
    std::fs::remove_dir_all(db.parent().unwrap()).ok();
}

#[test]
fn reading_commands_need_an_existing_database() {
    let out = caspian(&["blocs", "--db", "/nonexistent/caspian.db"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not found"));
}
