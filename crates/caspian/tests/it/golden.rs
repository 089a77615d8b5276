//! Golden tests: a handful of sentences written for these tests, coded end to
//! end (segmentation, parse, actors, coder); the snapshot lists each event as
//! `source code target`.

use pipeline::{Pipeline, PipelineConfig};

fn code(text: &str) -> String {
    let pipeline = Pipeline::new(PipelineConfig::default()).unwrap();
    let doc = model::Document {
        id: "golden".into(),
        text: text.into(),
        date: model::NaiveDate::from_ymd_opt(2023, 2, 6),
        ..Default::default()
    };
    let processed = pipeline.process(&doc);
    let actor = |m: &Option<model::ActorMention>| {
        m.as_ref()
            .map_or("-".to_string(), |m| m.actor.code.to_string())
    };
    processed
        .events
        .iter()
        .map(|e| {
            format!(
                "{} {} {} {}",
                actor(&e.source),
                e.code,
                actor(&e.target),
                e.date.map_or("-".into(), |d| d.to_string())
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn coded_sentences() {
    let cases = [
        "Turkish police arrested three Syrian smugglers on Monday.",
        "The embassy of Azerbaijan in Tehran was attacked by a gunman on January 7.",
        "Russia did not attack Georgia.",
        "France should impose sanctions on Iran.",
        "Iran threatened Azerbaijan with serious consequences.",
        "Israel and Azerbaijan signed an agreement on energy cooperation.",
        "Germany accused Russia of spying.",
        "Would Turkey recognise Armenia?",
        "The Iranian foreign ministry condemned the Israeli air strikes.",
        "China sent humanitarian aid to Pakistan last week.",
    ];
    let out: Vec<String> = cases
        .iter()
        .map(|s| format!("{s}\n  {}", code(s).replace('\n', "\n  ")))
        .collect();
    insta::assert_snapshot!(out.join("\n"));
}
