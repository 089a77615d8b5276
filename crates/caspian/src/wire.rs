//! The output shapes of `caspian code` and `caspian actors`, fixed by the
//! command-line contract (`docs/cli-contract.md`). Internal types convert into
//! these explicitly so the pipeline can change without breaking users. Events
//! share the export crate's shape, so `code` and `export` print the same fields.

use export::{ExportActor, ExportEvent, ExportLocation};
use model::{ActorMention, Document, Event, Span};
use serde::Serialize;
use serde_json::{json, Value};

/// The export view of a freshly coded event (no database involved).
pub fn export_event(id: i64, doc: &Document, e: &Event) -> ExportEvent {
    let sentence = e.sentence_span;
    let actor = |m: &ActorMention| {
        let rel = clamp_to(m.span, sentence).relative_to(sentence);
        ExportActor {
            code: m.actor.code.to_string(),
            country: m.actor.country.clone(),
            sector: m.actor.sector.clone(),
            text: m.span.slice(&doc.text).to_string(),
            start: rel.start,
            end: rel.end,
        }
    };
    ExportEvent {
        id,
        doc_id: doc.id.clone(),
        url: doc.url.clone(),
        publisher: doc.source.clone(),
        sentence_index: e.sentence_index as u32,
        sentence: sentence.slice(&doc.text).to_string(),
        date: e.date,
        source: e.source.as_ref().map(actor),
        target: e.target.as_ref().map(actor),
        code: e.code,
        confidence: e.confidence,
        location: e.location.as_ref().map(|l| ExportLocation {
            name: l.name.clone(),
            country: l.country.clone(),
        }),
        num_mentions: 1,
        num_sources: 1,
        num_articles: 1,
    }
}

/// One `caspian code` JSON line: the export crate's event object plus what only
/// a fresh coding run knows (the trigger words and the versions that coded it).
pub fn event_line(doc: &Document, e: &Event, exported: &ExportEvent, coder_version: &str) -> Value {
    let mut v = export::event_json(exported);
    let sentence = e.sentence_span;
    v["cameo_name"] = json!(e.code.name());
    v["penta"] = json!(e.code.penta_class().number());
    v["plover_mode"] = json!(e.code.plover_mode());
    v["trigger"] = e.trigger.map_or(Value::Null, |t| {
        let rel = clamp_to(t, sentence).relative_to(sentence);
        json!({"text": t.slice(&doc.text), "start": rel.start, "end": rel.end})
    });
    v["coder_version"] = json!(coder_version);
    v
}

/// One `caspian code --dictionary-codes` JSON line for an event whose code
/// the user's dictionary defines outside the CAMEO codebook: the event
/// fields `cameo`, `root`, `quad`, `goldstein`, `plover` are null (they are
/// CAMEO's), and `dictionary_code` carries the dictionary's code as written.
pub fn dictionary_event_line(
    doc: &Document,
    e: &coder::DictionaryEvent,
    coder_version: &str,
) -> Value {
    let sentence = e.sentence_span;
    let actor = |m: &Option<ActorMention>| {
        m.as_ref().map_or(Value::Null, |m| {
            let rel = clamp_to(m.span, sentence).relative_to(sentence);
            json!({
                "code": m.actor.code.to_string(),
                "country": m.actor.country,
                "sector": m.actor.sector,
                "text": m.span.slice(&doc.text),
                "start": rel.start,
                "end": rel.end,
            })
        })
    };
    json!({
        "doc_id": doc.id,
        "sentence_index": e.sentence_index,
        "sentence": sentence.slice(&doc.text),
        "date": doc.date,
        "source": actor(&e.source),
        "target": actor(&e.target),
        "cameo": Value::Null,
        "root": Value::Null,
        "quad": Value::Null,
        "goldstein": Value::Null,
        "plover": Value::Null,
        "dictionary_code": &*e.code,
        "confidence": e.confidence,
        "trigger": e.trigger.map_or(Value::Null, |t| {
            let rel = clamp_to(t, sentence).relative_to(sentence);
            json!({"text": t.slice(&doc.text), "start": rel.start, "end": rel.end})
        }),
        "coder_version": coder_version,
    })
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

/// Coreferent mentions from another sentence keep their own span; events only
/// ever carry mentions of their own sentence, but stay safe.
fn clamp_to(span: Span, outer: Span) -> Span {
    let start = span.start.clamp(outer.start, outer.end);
    Span::new(start, span.end.clamp(start, outer.end))
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
