//! The output shapes of `caspian code` and `caspian actors`, fixed by the
//! command-line contract (`spec/cli-contract.md`). Internal types convert into
//! these explicitly so the pipeline can change without breaking users.

use model::{ActorMention, Event, Span};
use serde::Serialize;

/// An actor as it appears in an event line.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ActorOut {
    pub code: String,
    pub country: Option<String>,
    pub sector: Option<String>,
    pub text: String,
    /// Byte offsets of the actor's words in `sentence`.
    pub start: usize,
    pub end: usize,
}

/// One coded event (one JSON line).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct EventOut {
    pub doc_id: String,
    pub sentence_index: usize,
    pub sentence: String,
    pub date: Option<String>,
    pub source: Option<ActorOut>,
    pub target: Option<ActorOut>,
    pub cameo: String,
    pub root: String,
    pub quad: u8,
    pub goldstein: f32,
    pub plover: Option<String>,
    pub confidence: f32,
    // Fields beyond the contract.
    pub cameo_name: String,
    pub penta: u8,
    pub plover_mode: Option<String>,
    /// The trigger words (verb or event noun), with offsets in `sentence`.
    pub trigger: Option<TextSpan>,
    pub location: Option<LocationOut>,
    /// Which dictionaries and models produced the event.
    pub coder_version: String,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct TextSpan {
    pub text: String,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct LocationOut {
    pub name: String,
    pub country: Option<String>,
}

/// One actor mention (`caspian actors`).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct MentionOut {
    pub doc_id: String,
    pub sentence_index: usize,
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub code: String,
    pub country: Option<String>,
    pub sector: Option<String>,
    pub resolution: &'static str,
}

fn actor_out(m: &ActorMention, doc_text: &str, sentence: Span) -> ActorOut {
    let rel = clamp_to(m.span, sentence).relative_to(sentence);
    ActorOut {
        code: m.actor.code.to_string(),
        country: m.actor.country.clone(),
        sector: m.actor.sector.clone(),
        text: m.span.slice(doc_text).to_string(),
        start: rel.start,
        end: rel.end,
    }
}

/// Coreferent mentions from another sentence keep their own span; events only
/// ever carry mentions of their own sentence, but stay safe.
fn clamp_to(span: Span, outer: Span) -> Span {
    let start = span.start.clamp(outer.start, outer.end);
    Span::new(start, span.end.clamp(start, outer.end))
}

impl EventOut {
    pub fn new(doc_id: &str, doc_text: &str, e: &Event, coder_version: &str) -> Self {
        let sentence = e.sentence_span;
        EventOut {
            doc_id: doc_id.to_string(),
            sentence_index: e.sentence_index,
            sentence: sentence.slice(doc_text).to_string(),
            date: e.date.map(|d| d.format("%Y-%m-%d").to_string()),
            source: e.source.as_ref().map(|m| actor_out(m, doc_text, sentence)),
            target: e.target.as_ref().map(|m| actor_out(m, doc_text, sentence)),
            cameo: e.code.as_str().to_string(),
            root: e.code.root().to_string(),
            quad: e.code.quad_class().number(),
            goldstein: e.code.goldstein().0,
            plover: e.code.plover().map(|p| p.as_str().to_string()),
            confidence: (e.confidence * 100.0).round() / 100.0,
            cameo_name: e.code.name().to_string(),
            penta: e.code.penta_class().number(),
            plover_mode: e.code.plover_mode().map(str::to_string),
            trigger: e.trigger.map(|t| {
                let rel = clamp_to(t, sentence).relative_to(sentence);
                TextSpan {
                    text: t.slice(doc_text).to_string(),
                    start: rel.start,
                    end: rel.end,
                }
            }),
            location: e.location.as_ref().map(|l| LocationOut {
                name: l.name.clone(),
                country: l.country.clone(),
            }),
            coder_version: coder_version.to_string(),
        }
    }
}

impl MentionOut {
    pub fn new(doc_id: &str, doc_text: &str, sentence: Span, m: &ActorMention) -> Self {
        let rel = clamp_to(m.span, sentence).relative_to(sentence);
        MentionOut {
            doc_id: doc_id.to_string(),
            sentence_index: m.sentence_index,
            text: m.span.slice(doc_text).to_string(),
            start: rel.start,
            end: rel.end,
            code: m.actor.code.to_string(),
            country: m.actor.country.clone(),
            sector: m.actor.sector.clone(),
            resolution: match m.resolution {
                model::Resolution::Dictionary => "dictionary",
                model::Resolution::Composed => "composed",
                model::Resolution::Coreference => "coreference",
            },
        }
    }
}

/// CSV columns for `--format csv` of `caspian code`.
pub const EVENT_CSV_HEADER: &[&str] = &[
    "doc_id",
    "sentence_index",
    "date",
    "source_code",
    "source_country",
    "source_sector",
    "source_text",
    "target_code",
    "target_country",
    "target_sector",
    "target_text",
    "cameo",
    "root",
    "quad",
    "goldstein",
    "plover",
    "confidence",
    "sentence",
];

impl EventOut {
    pub fn csv_row(&self) -> Vec<String> {
        let actor = |a: &Option<ActorOut>| -> [String; 4] {
            match a {
                Some(a) => [
                    a.code.clone(),
                    a.country.clone().unwrap_or_default(),
                    a.sector.clone().unwrap_or_default(),
                    a.text.clone(),
                ],
                None => Default::default(),
            }
        };
        let mut row = vec![
            self.doc_id.clone(),
            self.sentence_index.to_string(),
            self.date.clone().unwrap_or_default(),
        ];
        row.extend(actor(&self.source));
        row.extend(actor(&self.target));
        row.extend([
            self.cameo.clone(),
            self.root.clone(),
            self.quad.to_string(),
            self.goldstein.to_string(),
            self.plover.clone().unwrap_or_default(),
            self.confidence.to_string(),
            self.sentence.clone(),
        ]);
        row
    }
}
