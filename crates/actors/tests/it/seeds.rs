//! Golden test: every actor mention in the two seed articles.

use actors::ActorDictionary;
use model::NaiveDate;

use crate::helpers::{mentions, shared};

fn seed(name: &str, date: NaiveDate) -> Option<Vec<String>> {
    let dir = shared()?.join("seeds");
    let text = std::fs::read_to_string(dir.join(name)).ok()?;
    Some(mentions(&ActorDictionary::bundled(), &text, Some(date)))
}

#[test]
fn seed_2012_heritage() {
    let Some(m) = seed(
        "000_68df218f8a89fa44.txt",
        NaiveDate::from_ymd_opt(2012, 2, 27).unwrap(),
    ) else {
        return;
    };
    insta::assert_snapshot!(m.join("\n"));
}

#[test]
fn seed_2023_azerbaijan_israel() {
    let Some(m) = seed(
        "002_08e9a4866d14a726.txt",
        NaiveDate::from_ymd_opt(2023, 2, 6).unwrap(),
    ) else {
        return;
    };
    insta::assert_snapshot!(m.join("\n"));
}
