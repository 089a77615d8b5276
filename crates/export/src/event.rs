//! The export view of an event and the collapse of mentions into
//! deduplicated events.

use std::collections::HashMap;

use cameo::CameoCode;
use chrono::NaiveDate;
use relations::{DedupEvent, EventId};

/// An actor as exported: the contract's `source`/`target` object.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportActor {
    pub code: String,
    pub country: Option<String>,
    pub sector: Option<String>,
    /// The words naming the actor.
    pub text: String,
    /// Byte offsets of `text` in the event's sentence.
    pub start: usize,
    pub end: usize,
}

impl ExportActor {
    /// The role codes after the country prefix (`AZEGOVMIL` -> `GOV`, `MIL`),
    /// GDELT's Actor*Type*Code columns.
    pub fn role_codes(&self) -> Vec<&str> {
        let rest = match self.country.as_deref() {
            Some(c) if self.code.starts_with(c) => &self.code[c.len()..],
            Some(_) => "",
            // Without a country the leading three letters name the group
            // (`IGOUNO`, `NGOAMN`); roles follow.
            None => self.code.get(6..).unwrap_or(""),
        };
        (0..rest.len() / 3)
            .filter_map(|i| rest.get(3 * i..3 * i + 3))
            .collect()
    }
}

/// Where an event happened, as named in the text.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportLocation {
    pub name: String,
    pub country: Option<String>,
}

/// One event ready for export.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportEvent {
    pub id: EventId,
    pub doc_id: String,
    pub url: Option<String>,
    pub publisher: Option<String>,
    pub sentence_index: u32,
    pub sentence: String,
    pub date: Option<NaiveDate>,
    pub source: Option<ExportActor>,
    pub target: Option<ExportActor>,
    pub code: CameoCode,
    pub confidence: f32,
    pub location: Option<ExportLocation>,
    /// GDELT NumMentions / NumSources / NumArticles: 1 for a single mention,
    /// the cluster's counts after [`collapse`].
    pub num_mentions: u32,
    pub num_sources: u32,
    pub num_articles: u32,
}

impl ExportEvent {
    pub fn plover(&self) -> Option<&'static str> {
        self.code.plover().map(|p| p.as_str())
    }
}

/// Keeps one row per deduplicated event (its representative mention) with
/// the cluster's counts. Mentions in no cluster are kept as they are.
pub fn collapse(events: Vec<ExportEvent>, clusters: &[DedupEvent]) -> Vec<ExportEvent> {
    let mut cluster_of: HashMap<EventId, &DedupEvent> = HashMap::new();
    for c in clusters {
        for m in &c.mention_ids {
            cluster_of.insert(*m, c);
        }
    }
    events
        .into_iter()
        .filter_map(|mut e| match cluster_of.get(&e.id) {
            Some(c) if c.id != e.id => None,
            Some(c) => {
                e.num_mentions = c.num_mentions;
                e.num_sources = c.num_sources;
                e.num_articles = c.num_articles;
                Some(e)
            }
            None => Some(e),
        })
        .collect()
}

#[cfg(test)]
pub(crate) mod testing {
    use super::*;

    pub fn sample(id: EventId) -> ExportEvent {
        let sentence =
            "Azerbaijan arrested Iranian agents in Baku, \"officials\" said.\tTab".to_string();
        ExportEvent {
            id,
            doc_id: format!("doc-{id}"),
            url: Some(format!("https://example.org/{id}")),
            publisher: Some("Example <News> & Co".into()),
            sentence_index: 0,
            sentence,
            date: NaiveDate::from_ymd_opt(2023, 3, 1 + (id % 27) as u32),
            source: Some(ExportActor {
                code: "AZEGOVMIL".into(),
                country: Some("AZE".into()),
                sector: Some("GOV".into()),
                text: "Azerbaijan".into(),
                start: 0,
                end: 10,
            }),
            target: (id % 2 == 0).then(|| ExportActor {
                code: "IRNSPY".into(),
                country: Some("IRN".into()),
                sector: Some("SPY".into()),
                text: "Iranian agents".into(),
                start: 20,
                end: 34,
            }),
            code: CameoCode::parse("173").expect("codebook"),
            confidence: 0.75,
            location: Some(ExportLocation {
                name: "Baku".into(),
                country: Some("AZE".into()),
            }),
            num_mentions: 1,
            num_sources: 1,
            num_articles: 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::testing::sample;
    use super::*;

    #[test]
    fn role_codes() {
        let e = sample(1);
        assert_eq!(e.source.unwrap().role_codes(), vec!["GOV", "MIL"]);
        let igo = ExportActor {
            code: "IGOUNOKID".into(),
            country: None,
            sector: None,
            text: String::new(),
            start: 0,
            end: 0,
        };
        assert_eq!(igo.role_codes(), vec!["KID"]);
    }

    #[test]
    fn collapse_keeps_representatives_with_counts() {
        let events = vec![sample(1), sample(2), sample(3)];
        let clusters = vec![DedupEvent {
            id: 1,
            mention_ids: vec![1, 2],
            date: None,
            num_mentions: 2,
            num_sources: 1,
            num_articles: 2,
        }];
        let out = collapse(events, &clusters);
        assert_eq!(out.iter().map(|e| e.id).collect::<Vec<_>>(), vec![1, 3]);
        assert_eq!(out[0].num_articles, 2);
        assert_eq!(out[1].num_mentions, 1);
    }
}
