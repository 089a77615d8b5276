//! The command-line contract: fields, formats, exit codes, messages.

use crate::{caspian, caspian_stdin, json_lines};

#[test]
fn codes_the_bundled_samples_with_contract_fields() {
    let out = caspian(&[
        "code",
        "--format",
        "jsonl",
        "data/samples/wikinews-sample.jsonl",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let events = json_lines(&out);
    assert!(events.len() >= 10, "only {} events", events.len());
    for e in &events {
        for field in [
            "doc_id",
            "sentence_index",
            "sentence",
            "date",
            "source",
            "target",
            "cameo",
            "root",
            "quad",
            "goldstein",
            "plover",
            "confidence",
        ] {
            assert!(e.get(field).is_some(), "missing {field} in {e}");
        }
        let cameo = e["cameo"].as_str().unwrap();
        assert_eq!(&cameo[..2], e["root"].as_str().unwrap());
        assert!((1..=4).contains(&e["quad"].as_u64().unwrap()));
        let sentence = e["sentence"].as_str().unwrap();
        for role in ["source", "target"] {
            if let Some(a) = e[role].as_object() {
                let (s, t) = (
                    a["start"].as_u64().unwrap() as usize,
                    a["end"].as_u64().unwrap() as usize,
                );
                assert_eq!(&sentence[s..t], a["text"].as_str().unwrap(), "{e}");
            }
        }
        assert!(e["doc_id"].as_str().unwrap().starts_with("wikinews-"));
    }
}

#[test]
fn stdin_jsonl_and_date_option() {
    let line = br#"{"id": "x1", "text": "Iran threatened Azerbaijan with military retaliation."}"#;
    let out = caspian_stdin(&["code", "--format", "jsonl", "--date", "2023-02-06"], line);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let events = json_lines(&out);
    let e = events.first().expect("an event");
    assert_eq!(e["doc_id"], "x1");
    assert_eq!(e["date"], "2023-02-06");
    assert_eq!(e["root"], "13");
    assert_eq!(e["source"]["country"], "IRN");
    assert_eq!(e["target"]["country"], "AZE");
}

#[test]
fn bad_documents_are_named_and_the_rest_is_coded() {
    let dir = std::env::temp_dir().join(format!("caspian-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let good = dir.join("good.jsonl");
    std::fs::write(
        &good,
        "{\"id\": \"a\", \"text\": \"Azerbaijan arrested Iranian agents.\"}\n{not json\n{\"id\": \"b\", \"text\": \"Israel condemned Iran.\"}\n",
    )
    .unwrap();
    let bad = dir.join("bad.txt");
    std::fs::write(&bad, b"Iran \xff\xfe attacked\n").unwrap();
    let out = caspian(&[
        "code",
        "--format",
        "jsonl",
        bad.to_str().unwrap(),
        good.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("bad.txt"), "{stderr}");
    assert!(stderr.contains("good.jsonl:2"), "{stderr}");
    let ids: Vec<String> = json_lines(&out)
        .iter()
        .map(|e| e["doc_id"].as_str().unwrap().to_string())
        .collect();
    assert!(
        ids.contains(&"a".to_string()) && ids.contains(&"b".to_string()),
        "{ids:?}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(
        caspian(&["code", "--date", "yesterday", "-"]).status.code(),
        Some(2)
    );
    assert_eq!(caspian(&["code", "--no-such-flag"]).status.code(), Some(2));
    assert_eq!(
        caspian(&["code", "--no-default-dicts"]).status.code(),
        Some(2)
    );
}

#[test]
fn csv_and_table_formats() {
    let line = br#"{"id": "x1", "text": "Azerbaijan arrested Iranian agents."}"#;
    let out = caspian_stdin(&["code", "--format", "csv"], line);
    let text = String::from_utf8_lossy(&out.stdout);
    let mut rows = text.lines();
    // The same columns as `caspian export --format csv`.
    let header = rows.next().unwrap();
    assert!(
        header.starts_with("id,doc_id,url,publisher,sentence_index,sentence,date,source_code"),
        "{header}"
    );
    let row = rows.next().expect("a row");
    assert!(row.starts_with("1,x1,,,0,"), "{text}");
    assert!(row.contains(",AZE") && row.contains(",173,17,4,"), "{row}");
    let out = caspian_stdin(&["code", "--format", "table"], line);
    assert!(String::from_utf8_lossy(&out.stdout).contains("173"));
}

#[test]
fn actors_lists_mentions_with_offsets() {
    let line = br#"{"id": "x1", "text": "Azerbaijani counterintelligence services arrested Iranian agents."}"#;
    let out = caspian_stdin(&["actors", "--format", "jsonl"], line);
    assert!(out.status.success());
    let mentions = json_lines(&out);
    let codes: Vec<&str> = mentions
        .iter()
        .map(|m| m["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["AZESPY", "IRNSPY"], "{mentions:?}");
    assert_eq!(mentions[0]["start"], 0);
    assert_eq!(mentions[0]["country"], "AZE");
    assert_eq!(mentions[0]["sector"], "SPY");
}

#[test]
fn parse_writes_conllu() {
    let out = caspian_stdin(&["parse"], b"Iran attacked the embassy.");
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    let rows: Vec<Vec<&str>> = text
        .lines()
        .filter(|l| l.starts_with(|c: char| c.is_ascii_digit()))
        .map(|l| l.split('\t').collect())
        .collect();
    assert_eq!(rows.len(), 5, "{text}");
    assert!(rows.iter().all(|r| r.len() == 10));
    assert_eq!(rows[1][1], "attacked");
    assert_eq!(rows[1][2], "attack");
    assert_eq!(rows[1][6], "0");
    // Pretokenized input keeps its words.
    let conllu =
        "# sent_id = 1\n1\tIran\t_\t_\t_\t_\t_\t_\t_\t_\n2\tprotested\t_\t_\t_\t_\t_\t_\t_\t_\n\n";
    let out = caspian_stdin(&["parse", "--pretokenized"], conllu.as_bytes());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("1\tIran\t") && text.contains("2\tprotested\tprotest\tVERB"),
        "{text}"
    );
}

/// `caspian code` with the PETRARCH-format fixture dictionaries only.
fn code_with_fixture_dicts(extra: &[&str], text: &str) -> std::process::Output {
    let format = if extra.contains(&"--format") {
        vec![]
    } else {
        vec!["--format", "jsonl"]
    };
    let mut args = vec!["code"];
    args.extend(format);
    args.extend([
        "--no-default-dicts",
        "--dict",
        "crates/caspian/tests/fixtures/petrarch",
    ]);
    args.extend_from_slice(extra);
    args.push("-");
    let line = serde_json::json!({"id": "p1", "text": text}).to_string();
    caspian_stdin(&args, line.as_bytes())
}

#[test]
fn dictionary_codes_are_opt_in_and_never_in_the_cameo_field() {
    let text = "Arnor will abandon cultural ties with Gondor and restore ties with Gondor.";
    let out = code_with_fixture_dicts(&[], text);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let events = json_lines(&out);
    // Without the flag only CAMEO-coded events are written.
    assert!(events.iter().all(|e| e["cameo"].is_string()), "{events:?}");
    assert!(events.iter().any(|e| e["cameo"] == "064"), "{events:?}");
    assert!(events.iter().all(|e| e.get("dictionary_code").is_none()));

    let out = code_with_fixture_dicts(&["--dictionary-codes"], text);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let events = json_lines(&out);
    let raw: Vec<&serde_json::Value> = events
        .iter()
        .filter(|e| e.get("dictionary_code").is_some())
        .collect();
    assert_eq!(raw.len(), 1, "{events:?}");
    let e = raw[0];
    assert_eq!(e["dictionary_code"], "902");
    for field in ["cameo", "root", "quad", "goldstein", "plover"] {
        assert!(e[field].is_null(), "{field} must be null: {e}");
    }
    assert_eq!(e["source"]["code"], "ARN");
    assert_eq!(e["target"]["code"], "GON");
    assert_eq!(e["trigger"]["text"], "abandon");
    let sentence = e["sentence"].as_str().unwrap();
    let (s, t) = (
        e["target"]["start"].as_u64().unwrap() as usize,
        e["target"]["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&sentence[s..t], "Gondor");
    // The CAMEO-coded event is still written as before.
    assert!(events.iter().any(|e| e["cameo"] == "064"), "{events:?}");

    let out = code_with_fixture_dicts(&["--dictionary-codes", "--format", "table"], text);
    assert!(String::from_utf8_lossy(&out.stdout).contains("902*"));
}

/// Sorted (source code, target code, quoted CAMEO code) of each event `caspian code` writes for
/// `text` with the fixture dictionaries and the `extra` flags; "---" for a missing actor.
fn fixture_triples(extra: &[&str], text: &str) -> Vec<(String, String, String)> {
    let out = code_with_fixture_dicts(extra, text);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let code = |v: &serde_json::Value| v["code"].as_str().unwrap_or("---").to_string();
    let mut v: Vec<_> = json_lines(&out)
        .iter()
        .map(|e| {
            (
                code(&e["source"]),
                code(&e["target"]),
                e["cameo"].to_string(),
            )
        })
        .collect();
    v.sort();
    v
}

#[test]
fn petrarch_options_switch_petrarchs_own_rules() {
    let text = "Arnor restored ties with Gondor, a senior official said on Saturday.";
    let codes = |extra: &[&str]| fixture_triples(extra, text);
    let restore = ("ARN".to_string(), "GON".to_string(), "\"064\"".to_string());
    let statement = (
        "---GOV".to_string(),
        "---".to_string(),
        "\"010\"".to_string(),
    );
    // PETRARCH's defaults: the trailing attribution is deleted, dyads required.
    assert_eq!(codes(&["--petrarch"]), vec![restore.clone()]);
    // Keep the clause and allow null targets: the anonymous official speaks.
    assert_eq!(
        codes(&[
            "--petrarch-option",
            "comma_emax=0",
            "--petrarch-option",
            "require_dyad=false"
        ]),
        vec![statement, restore]
    );
}

#[test]
fn petrarch_shares_an_actor_across_conjoined_agents() {
    let codes = |text: &str| -> Vec<(String, String)> {
        fixture_triples(&["--petrarch"], text)
            .into_iter()
            .map(|(s, t, _)| (s, t))
            .collect()
    };
    let pair = |s: &str| (s.to_string(), "GON".to_string());
    // A flat compound distributes its modifier ...
    assert_eq!(
        codes("Arnorian media and government restored ties with Gondor."),
        vec![pair("ARNGOV"), pair("ARNMED")]
    );
    // ... a first conjunct with its own determiner keeps it (CoreNLP
    // brackets "The Arnorian media" alone).
    assert_eq!(
        codes("The Arnorian media and government restored ties with Gondor."),
        vec![pair("---GOV"), pair("ARNMED")]
    );
}

#[test]
fn dictionary_flags_are_checked() {
    let fixture = "crates/caspian/tests/fixtures/petrarch";
    for args in [
        vec!["code", "--dictionary-codes", "-"],
        vec!["code", "--petrarch", "-"],
        vec![
            "code",
            "--no-default-dicts",
            "--dict",
            fixture,
            "--petrarch-option",
            "comma_max",
            "-",
        ],
        vec![
            "code",
            "--no-default-dicts",
            "--dict",
            fixture,
            "--petrarch-option",
            "bogus=1",
            "-",
        ],
        vec![
            "code",
            "--no-default-dicts",
            "--dict",
            fixture,
            "--dictionary-codes",
            "--format",
            "csv",
            "-",
        ],
    ] {
        // Usage errors come before any input is read.
        let out = caspian(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(!out.stderr.is_empty(), "{args:?}");
    }
}
