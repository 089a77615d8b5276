//! Accuracy floors: `caspian eval`'s scores on the visible gold sets must not
//! drop below `eval/floors.json` (floors only rise; EVAL.md records the scores).

use crate::{shared, workspace};

#[test]
fn scores_stay_above_floors() {
    let Some(shared) = shared() else { return };
    let floors: eval::Floors = serde_json::from_str(
        &std::fs::read_to_string(workspace().join("eval/floors.json")).unwrap(),
    )
    .unwrap();
    let out = crate::caspian(&[
        "eval",
        "--format",
        "json",
        "--gold",
        shared.join("gold").to_str().unwrap(),
        "--treebanks",
        shared.join("treebanks").to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let reports: Vec<eval::Report> = json
        .as_object()
        .unwrap()
        .iter()
        .map(|(suite, v)| eval::Report {
            suite: suite.clone(),
            n: v["n"].as_u64().unwrap() as usize,
            metrics: v["metrics"]
                .as_object()
                .unwrap()
                .iter()
                .map(|(k, v)| (k.clone(), v.as_f64().unwrap()))
                .collect(),
        })
        .collect();
    let failures = eval::below_floors(&reports, &floors);
    assert!(
        failures.is_empty(),
        "below floors:\n{}",
        failures.join("\n")
    );
}
