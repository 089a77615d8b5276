//! Accuracy measurement on the public gold sets.
//!
//! Every scorer takes the gold file's text and a configured pipeline and
//! returns a [`Report`] of named metrics; the command line reads the files and
//! prints the reports, and the floor test compares them with `eval/floors.json`.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use model::cameo::{CameoCode, Plover};
use model::{Document, Event, NaiveDate};
use pipeline::Pipeline;
use rayon::prelude::*;
use serde::Deserialize;

/// A gold file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    #[error("{file}:{line}: {message}")]
    Malformed {
        file: String,
        line: usize,
        message: String,
    },
}

/// Named scores of one gold set, in a stable order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Report {
    pub suite: String,
    /// What was scored (records, sentences, tokens).
    pub n: usize,
    pub metrics: BTreeMap<String, f64>,
}

impl Report {
    fn new(suite: &str, n: usize) -> Self {
        Self {
            suite: suite.to_string(),
            n,
            metrics: BTreeMap::new(),
        }
    }
    fn set(&mut self, name: &str, value: f64) {
        self.metrics.insert(name.to_string(), round4(value));
    }
}

fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

/// Precision, recall, F1 from counts.
pub fn prf(tp: usize, predicted: usize, gold: usize) -> (f64, f64, f64) {
    let p = if predicted == 0 {
        0.0
    } else {
        tp as f64 / predicted as f64
    };
    let r = if gold == 0 {
        0.0
    } else {
        tp as f64 / gold as f64
    };
    let f = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    (p, r, f)
}

fn parse_lines<T: for<'de> Deserialize<'de>>(file: &str, text: &str) -> Result<Vec<T>, EvalError> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            serde_json::from_str(l).map_err(|e| EvalError::Malformed {
                file: file.to_string(),
                line: i + 1,
                message: e.to_string(),
            })
        })
        .collect()
}

fn sentence_doc(id: &str, text: &str, date: Option<NaiveDate>) -> Document {
    Document {
        id: id.to_string(),
        text: text.to_string(),
        date,
        ..Default::default()
    }
}

/// The event a single-sentence gold record is compared with: the most
/// confident one (ties: the first).
fn top_event(events: &[Event]) -> Option<&Event> {
    events
        .iter()
        .fold(None, |best: Option<&Event>, e| match best {
            Some(b) if b.confidence >= e.confidence => Some(b),
            _ => Some(e),
        })
}

/// The event class a one-sentence record reports: the most confident event,
/// else the sentence's main asserted trigger when its actors are unknown.
pub fn record_code(p: &pipeline::Processed) -> Option<CameoCode> {
    top_event(&p.events)
        .map(|e| e.code)
        .or_else(|| p.sentence_codes.iter().flatten().next().copied())
}

/// The country an actor counts for in the GSR: its country, else the first
/// three letters of its code (IGO/NGO prefixes).
pub fn country_of(m: &Option<model::ActorMention>) -> Option<String> {
    m.as_ref().and_then(|m| {
        m.actor
            .country
            .clone()
            .or_else(|| Some(m.actor.code.as_str().chars().take(3).collect()))
    })
}

/// PLOVER 0.5 (the GSR's version) had FIGHT for conventional military force,
/// INVESTIGATE (later folded into ACCUSE) and DEMAND for requests; map our 2021 types onto it for comparison.
/// PLOVER 0.5 also kept a few sub-codes with their CAMEO root that the 2021
/// table moved (its "21.09.17" notes): easing a curfew or a state of emergency
/// (0813/0814) is CONCEDE like the rest of 081, sanctions (163) are SANCTION
/// like the rest of 16, destroying property (1712) is COERCE like 171; its
/// FIGHT also held CAMEO 20's mass violence (the manual's 201 and 203
/// examples are FIGHT records in the GSR).
pub fn gsr_category(code: CameoCode) -> Option<&'static str> {
    match code.as_str() {
        "0813" | "0814" => return Some("CONCEDE"),
        "163" => return Some("SANCTION"),
        "1712" => return Some("COERCE"),
        _ => {}
    }
    match code.root() {
        "19" | "20" => Some("FIGHT"),
        "09" => Some("INVESTIGATE"),
        "10" | "02" => Some("DEMAND"),
        "11" => Some("DISAPPROVE"),
        _ => code.plover().map(Plover::as_str),
    }
}

#[derive(Deserialize)]
struct GsrRecord {
    id: String,
    text: String,
    events: Vec<GsrEvent>,
}

#[derive(Deserialize)]
struct GsrEvent {
    source: Option<String>,
    target: Option<String>,
    code: String,
}

/// PLOVER gold-standard records (CAMEO manual sentences): event type accuracy,
/// source/target country P/R/F1 and event triple P/R/F1.
pub fn plover_gsr(pipeline: &Pipeline, text: &str) -> Result<Report, EvalError> {
    let records: Vec<GsrRecord> = parse_lines("plover_gsr_cameo/normalized.jsonl", text)?;
    let processed: Vec<pipeline::Processed> = records
        .par_iter()
        .map(|r| pipeline.process(&sentence_doc(&r.id, &r.text, None)))
        .collect();
    let (mut type_ok, mut any_type_ok) = (0, 0);
    let (mut actor_tp, mut actor_pred, mut actor_gold) = (0, 0, 0);
    let (mut triple_tp, mut triple_pred, mut triple_gold) = (0, 0, 0);
    for (rec, p) in records.iter().zip(&processed) {
        let events = &p.events;
        let gold_types: BTreeSet<&str> = rec.events.iter().map(|e| e.code.as_str()).collect();
        if let Some(top) = record_code(p).and_then(gsr_category) {
            if gold_types.contains(top) {
                type_ok += 1;
            }
        }
        if events
            .iter()
            .filter_map(|e| gsr_category(e.code))
            .any(|t| gold_types.contains(t))
        {
            any_type_ok += 1;
        }
        let gold_actors: BTreeSet<(char, String)> = rec
            .events
            .iter()
            .flat_map(|e| {
                [('s', e.source.clone()), ('t', e.target.clone())]
                    .into_iter()
                    .filter_map(|(r, c)| c.map(|c| (r, c)))
            })
            .collect();
        let pred_actors: BTreeSet<(char, String)> = events
            .iter()
            .flat_map(|e| {
                [('s', country_of(&e.source)), ('t', country_of(&e.target))]
                    .into_iter()
                    .filter_map(|(r, c)| c.map(|c| (r, c)))
            })
            .collect();
        actor_tp += gold_actors.intersection(&pred_actors).count();
        actor_pred += pred_actors.len();
        actor_gold += gold_actors.len();
        let gold_triples: BTreeSet<(Option<String>, Option<String>, String)> = rec
            .events
            .iter()
            .map(|e| (e.source.clone(), e.target.clone(), e.code.clone()))
            .collect();
        let pred_triples: BTreeSet<(Option<String>, Option<String>, String)> = events
            .iter()
            .filter_map(|e| {
                gsr_category(e.code)
                    .map(|t| (country_of(&e.source), country_of(&e.target), t.to_string()))
            })
            .collect();
        triple_tp += gold_triples.intersection(&pred_triples).count();
        triple_pred += pred_triples.len();
        triple_gold += gold_triples.len();
    }
    let n = records.len();
    let mut report = Report::new("plover_gsr", n);
    report.set("event_type_accuracy", type_ok as f64 / n.max(1) as f64);
    report.set(
        "event_type_any_accuracy",
        any_type_ok as f64 / n.max(1) as f64,
    );
    let (p, r, f) = prf(actor_tp, actor_pred, actor_gold);
    report.set("actor_country_precision", p);
    report.set("actor_country_recall", r);
    report.set("actor_country_f1", f);
    let (p, r, f) = prf(triple_tp, triple_pred, triple_gold);
    report.set("triple_precision", p);
    report.set("triple_recall", r);
    report.set("triple_f1", f);
    Ok(report)
}

#[derive(Debug, Deserialize)]
struct ManualRecord {
    id: String,
    text: String,
    events: Vec<ManualEvent>,
}

#[derive(Debug, Deserialize)]
struct ManualEvent {
    code: String,
}

/// The CAMEO manual's example sentences: root and full-code accuracy of the
/// most confident event.
pub fn cameo_manual(pipeline: &Pipeline, text: &str) -> Result<Report, EvalError> {
    let records: Vec<ManualRecord> = parse_lines("cameo/manual_examples.jsonl", text)?;
    let predicted: Vec<Option<CameoCode>> = records
        .par_iter()
        .map(|r| record_code(&pipeline.process(&sentence_doc(&r.id, &r.text, None))))
        .collect();
    let (mut root_ok, mut code_ok, mut coded) = (0, 0, 0);
    for (rec, pred) in records.iter().zip(&predicted) {
        let Some(gold) = rec.events.first() else {
            continue;
        };
        let Some(pred) = pred else { continue };
        coded += 1;
        if gold.code.get(..2) == Some(pred.root()) {
            root_ok += 1;
        }
        if gold.code == pred.as_str() {
            code_ok += 1;
        }
    }
    let n = records.len();
    let mut report = Report::new("cameo_manual", n);
    report.set("root_accuracy", root_ok as f64 / n.max(1) as f64);
    report.set("code_accuracy", code_ok as f64 / n.max(1) as f64);
    report.set("coverage", coded as f64 / n.max(1) as f64);
    Ok(report)
}

#[derive(Deserialize)]
struct PentaRecord {
    id: String,
    text: String,
    events: Vec<PentaEvent>,
}

#[derive(Deserialize)]
struct PentaEvent {
    /// The class 0-4; NER-only records carry none.
    code: Option<String>,
}

/// ConfliBERT's penta-class sentences: accuracy and macro-F1 of the class of the
/// most confident event; a sentence with no event counts as a statement (0).
pub fn conflibert_penta(pipeline: &Pipeline, text: &str) -> Result<Report, EvalError> {
    let records: Vec<PentaRecord> = parse_lines("conflibert_penta_train/normalized.jsonl", text)?;
    let labelled: Vec<(&PentaRecord, u8)> = records
        .iter()
        .filter_map(|r| {
            r.events
                .first()
                .and_then(|e| e.code.as_deref()?.parse::<u8>().ok())
                .filter(|c| *c <= 4)
                .map(|c| (r, c))
        })
        .collect();
    let predicted: Vec<u8> = labelled
        .par_iter()
        .map(|(r, _)| {
            record_code(&pipeline.process(&sentence_doc(&r.id, &r.text, None)))
                .map_or(0, |c| c.penta_class().number())
        })
        .collect();
    let mut confusion = [[0usize; 5]; 5];
    for ((_, gold), pred) in labelled.iter().zip(&predicted) {
        confusion[*gold as usize][*pred as usize] += 1;
    }
    let n = labelled.len();
    let correct: usize = (0..5).map(|c| confusion[c][c]).sum();
    let mut report = Report::new("conflibert_penta", n);
    report.set("accuracy", correct as f64 / n.max(1) as f64);
    let mut f1s = Vec::new();
    for (c, row) in confusion.iter().enumerate() {
        let tp = row[c];
        let pred: usize = confusion.iter().map(|g| g[c]).sum();
        let gold: usize = row.iter().sum();
        let (_, _, f) = prf(tp, pred, gold);
        report.set(&format!("f1_class{c}"), f);
        f1s.push(f);
    }
    report.set("macro_f1", f1s.iter().sum::<f64>() / 5.0);
    Ok(report)
}

#[derive(Deserialize)]
struct PetrarchRecord {
    id: String,
    text: String,
    date: Option<String>,
    events: Vec<PetrarchEvent>,
    #[serde(default)]
    category: Option<String>,
    /// Why PETRARCH must reject the record (`dateline`, `storydiscard`,
    /// `sentencediscard`, `bad_input_parse`).
    #[serde(default)]
    expect_error: Option<String>,
}

#[derive(Deserialize)]
struct PetrarchEvent {
    source: String,
    target: String,
    code: String,
}

/// An event as the PETRARCH suite writes it: (source, target, code).
pub type PetrarchTriple = (String, String, String);

/// A PETRARCH unit-test record coded wrongly, for error analysis.
#[derive(Debug, Clone)]
pub struct PetrarchMiss {
    pub id: String,
    pub category: String,
    pub text: String,
    pub expected: BTreeSet<PetrarchTriple>,
    pub got: BTreeSet<PetrarchTriple>,
    /// The actor mentions found, as `words=CODE`.
    pub mentions: Vec<String>,
}

/// PETRARCH2's unit-test suite, coded from the raw text with its own
/// dictionaries: the share of records whose set of (source, target, code)
/// events is exactly right, plus event P/R/F1. Records the suite expects to be
/// rejected (`error`: dateline, story or sentence discard) count as right when
/// nothing is coded; `bad_input_parse` records, which test PETRARCH's reading
/// of the supplied parse trees, are left out since those are never read.
pub fn petrarch_unit(pipeline: &Pipeline, text: &str) -> Result<Report, EvalError> {
    petrarch_unit_detailed(pipeline, text).map(|(report, _)| report)
}

/// [`petrarch_unit`] plus every record it got wrong.
pub fn petrarch_unit_detailed(
    pipeline: &Pipeline,
    text: &str,
) -> Result<(Report, Vec<PetrarchMiss>), EvalError> {
    petrarch_unit_configured(pipeline, text, &HashMap::new())
}

/// The PETRARCH coding options in force for each record of a PETRARCH
/// validation file (`PETR.UnitTest.records.xml`): the file's `<Config
/// option=... value=...>` elements change PETRARCH's options for every
/// record after them, starting from PETRARCH's defaults. Options that are
/// not coding options here (`stop_on_error`, `new_actor_length`) are skipped.
pub fn petrarch_record_configs(xml: &str) -> HashMap<String, coder::PetrarchConfig> {
    let attr = |tag: &str, name: &str| -> Option<String> {
        let at = tag.find(name)?;
        let rest = &tag[at + name.len()..];
        let rest = rest.trim_start().strip_prefix('=')?.trim_start();
        let quote = rest.chars().next()?;
        let rest = &rest[1..];
        Some(rest[..rest.find(quote)?].to_string())
    };
    let mut config = coder::PetrarchConfig::default();
    let mut out = HashMap::new();
    let mut rest = xml;
    while let Some(at) = rest.find('<') {
        rest = &rest[at..];
        let end = rest.find('>').unwrap_or(rest.len());
        let tag = &rest[..end];
        if tag.starts_with("<Config ") {
            if let (Some(option), Some(value)) = (attr(tag, "option"), attr(tag, "value")) {
                // Unknown or non-coding options are PETRARCH's business.
                let _ = config.set(&option, &value);
            }
        } else if tag.starts_with("<Sentence ") {
            if let Some(id) = attr(tag, " id") {
                out.entry(id).or_insert(config);
            }
        }
        rest = &rest[end.min(rest.len())..];
        if rest.len() <= 1 {
            break;
        }
        rest = &rest[1..];
    }
    out
}

/// [`petrarch_unit_detailed`] with PETRARCH's options per record (from
/// [`petrarch_record_configs`]); records not named there are coded with the
/// pipeline's own options.
pub fn petrarch_unit_configured(
    pipeline: &Pipeline,
    text: &str,
    configs: &HashMap<String, coder::PetrarchConfig>,
) -> Result<(Report, Vec<PetrarchMiss>), EvalError> {
    let mut records: Vec<PetrarchRecord> =
        parse_lines("petrarch2_unittest/normalized.jsonl", text)?;
    let mut variants: Vec<(coder::PetrarchConfig, Pipeline)> = Vec::new();
    for config in configs.values() {
        if variants.iter().all(|(c, _)| c != config) {
            let mut options = pipeline.coder_options().clone();
            options.petrarch = Some(*config);
            variants.push((*config, pipeline.with_coder_options(options)));
        }
    }
    let pipeline_for = |id: &str| -> &Pipeline {
        configs
            .get(id)
            .and_then(|c| variants.iter().find(|(v, _)| v == c))
            .map_or(pipeline, |(_, p)| p)
    };
    // `bad_input_parse` records test PETRARCH's reader of the supplied parse
    // trees; Caspian codes the raw text and never reads them, so these records
    // do not apply and are left out (the other error records are scored: right
    // when nothing is coded).
    records.retain(|r| r.expect_error.as_deref() != Some("bad_input_parse"));
    let coded: Vec<(BTreeSet<PetrarchTriple>, Vec<String>)> = records
        .par_iter()
        .map(|r| {
            let date = r
                .date
                .as_deref()
                .and_then(|d| NaiveDate::parse_from_str(d, "%Y%m%d").ok());
            let processed = pipeline_for(&r.id).process(&sentence_doc(&r.id, &r.text, date));
            let actor = |m: &Option<model::ActorMention>| {
                m.as_ref()
                    .map_or("---".to_string(), |m| m.actor.code.to_string())
            };
            // Codes outside the CAMEO codebook (the suite's WEIS-era ones)
            // come as dictionary events with the dictionary's raw code.
            let triples = processed
                .events
                .iter()
                .map(|e| (actor(&e.source), actor(&e.target), e.code.to_string()))
                .chain(
                    processed
                        .dictionary_events
                        .iter()
                        .map(|e| (actor(&e.source), actor(&e.target), e.code.to_string())),
                )
                .collect();
            let mentions = processed
                .mentions
                .iter()
                .map(|m| format!("{}={}", m.span.slice(&r.text), m.actor.code))
                .collect();
            (triples, mentions)
        })
        .collect();
    let (mut exact, mut tp, mut n_pred, mut n_gold) = (0, 0, 0, 0);
    let mut misses = Vec::new();
    for (rec, (pred, mentions)) in records.iter().zip(coded) {
        let gold: BTreeSet<PetrarchTriple> = rec
            .events
            .iter()
            .map(|e| (e.source.clone(), e.target.clone(), e.code.clone()))
            .collect();
        tp += gold.intersection(&pred).count();
        n_pred += pred.len();
        n_gold += gold.len();
        if gold == pred {
            exact += 1;
        } else {
            misses.push(PetrarchMiss {
                id: rec.id.clone(),
                category: rec.category.clone().unwrap_or_default(),
                text: rec.text.clone(),
                expected: gold,
                got: pred,
                mentions,
            });
        }
    }
    let n = records.len();
    let mut report = Report::new("petrarch2_unittest", n);
    report.set("exact_record_accuracy", exact as f64 / n.max(1) as f64);
    let (p, r, f) = prf(tp, n_pred, n_gold);
    report.set("event_precision", p);
    report.set("event_recall", r);
    report.set("event_f1", f);
    Ok((report, misses))
}

/// NGEC/POLECAT actor-resolution cases: country and sector accuracy.
pub fn ngec_actors(dict: &actors::ActorDictionary, text: &str) -> Report {
    let scores = actors::eval::score_ngec(dict, text);
    let mut report = Report::new("ngec_actors", scores.n_country);
    report.set("country_accuracy", scores.country_accuracy);
    report.set("sector_accuracy", scores.sector_accuracy);
    report
}

/// A treebank in CoNLL-U: UPOS, XPOS, lemma accuracy and UAS/LAS with
/// predicted tags.
pub fn treebank(suite: &str, file: &str, text: &str) -> Result<Report, EvalError> {
    let sentences = syntax::conllu::read(text).map_err(|e| EvalError::Malformed {
        file: file.to_string(),
        line: 0,
        message: e.to_string(),
    })?;
    let scores = syntax::eval::score(syntax::Model::english(), &sentences);
    let mut report = Report::new(suite, scores.tokens);
    report.set("upos", scores.upos);
    report.set("xpos", scores.xpos);
    report.set("lemma", scores.lemma);
    report.set("uas", scores.uas);
    report.set("las", scores.las);
    Ok(report)
}

/// Recorded floors: `suite -> metric -> minimum`. A score below its floor is a
/// regression.
pub type Floors = HashMap<String, HashMap<String, f64>>;

/// The metrics of `reports` that fall below their floors, as messages.
pub fn below_floors(reports: &[Report], floors: &Floors) -> Vec<String> {
    let mut out = Vec::new();
    for r in reports {
        let Some(fl) = floors.get(&r.suite) else {
            continue;
        };
        for (metric, floor) in fl {
            match r.metrics.get(metric) {
                Some(v) if *v + 1e-9 >= *floor => {}
                Some(v) => out.push(format!("{}.{metric} = {v:.4} < floor {floor:.4}", r.suite)),
                None => out.push(format!("{}.{metric} missing (floor {floor:.4})", r.suite)),
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prf_counts() {
        assert_eq!(prf(0, 0, 0), (0.0, 0.0, 0.0));
        let (p, r, f) = prf(2, 4, 2);
        assert_eq!((p, r), (0.5, 1.0));
        assert!((f - 2.0 / 3.0).abs() < 1e-12);
    }

    #[test]
    fn floors_flag_regressions_only() {
        let mut r = Report::new("s", 10);
        r.set("a", 0.8);
        r.set("b", 0.5);
        let floors: Floors =
            serde_json::from_str(r#"{"s": {"a": 0.7, "b": 0.6, "c": 0.1}}"#).unwrap();
        let msgs = below_floors(&[r], &floors);
        assert_eq!(msgs.len(), 2, "{msgs:?}");
        assert!(msgs.iter().any(|m| m.starts_with("s.b = 0.5000 < floor")));
        assert!(msgs.iter().any(|m| m.contains("s.c missing")));
    }

    #[test]
    fn malformed_gold_line_is_named() {
        let err = parse_lines::<ManualRecord>("f.jsonl", "{}\n{oops").unwrap_err();
        assert!(err.to_string().starts_with("f.jsonl:1:"), "{err}");
    }
}

#[cfg(test)]
mod petrarch_tests {
    use super::*;
    use pipeline::{DictSource, PipelineConfig};

    const ACTORS: &str = "ARNOR_  [ARN]\nGONDOR [GON]\nOSGILIATH  [OSG]\n";
    const VERBS: &str = "&TIETYPES\n+ECONOMIC\n+CULTURAL\n\n\
--- ABANDON  [345]  ---\nABANDON\n- * &TIETYPES TIES [902]\n- * FXLL TIES [+++]\n\n\
--- DELAY [031:031] ---\nDELAY\n\n\
--- AGREE [081] ---\nAGREE\n- * WITH % [031]\n\n--- SAID [023] ---\nSAID\n";

    fn petrarch_pipeline() -> Pipeline {
        let dict = |name: &str, text: &str| DictSource {
            name: name.to_string(),
            text: text.to_string(),
        };
        Pipeline::new(PipelineConfig {
            no_default_dicts: true,
            dicts: vec![dict("actors.txt", ACTORS), dict("verbs.txt", VERBS)],
            ..Default::default()
        })
        .expect("test dictionaries load")
    }

    fn record(id: &str, text: &str, events: &[(&str, &str, &str)], error: Option<&str>) -> String {
        let events: Vec<serde_json::Value> = events
            .iter()
            .map(|(s, t, c)| serde_json::json!({"source": s, "target": t, "code": c}))
            .collect();
        serde_json::json!({"id": id, "text": text, "date": "19950101", "events": events,
            "category": "TEST", "expect_error": error})
        .to_string()
    }

    #[test]
    fn user_codes_outside_cameo_are_coded_and_counted() {
        let jsonl = [
            // A WEIS-era pattern code (not in CAMEO), future tense not filtered.
            record(
                "A",
                "Arnor will abandon cultural ties with Gondor.",
                &[("ARN", "GON", "902")],
                None,
            ),
            // A malformed pattern code is ignored: the verb's own code applies.
            record(
                "B",
                "Arnor abandoned fxll ties with Gondor.",
                &[("ARN", "GON", "345")],
                None,
            ),
            // A compound source with no other target: both directions.
            record(
                "C",
                "Gondor and Osgiliath have delayed their meeting.",
                &[("GON", "OSG", "031"), ("OSG", "GON", "031")],
                None,
            ),
            // `%` after the verb is a compound target.
            record(
                "E",
                "Arnor agrees with Gondor and Osgiliath.",
                &[("ARN", "GON", "031"), ("ARN", "OSG", "031")],
                None,
            ),
            // A statement gives way to the event it reports.
            record(
                "F",
                "Arnor abandoned cultural ties with Gondor, Osgiliath said.",
                &[("ARN", "GON", "902")],
                None,
            ),
            // Parse-reader errors do not apply to raw-text coding.
            record(
                "D",
                "Arnor abandoned cultural ties with Gondor.",
                &[],
                Some("bad_input_parse"),
            ),
        ]
        .join("\n");
        let (report, misses) =
            petrarch_unit_detailed(&petrarch_pipeline(), &jsonl).expect("records parse");
        let listed: Vec<String> = misses
            .iter()
            .map(|m| format!("{}: {:?} != {:?}", m.id, m.got, m.expected))
            .collect();
        assert!(misses.is_empty(), "{listed:#?}");
        assert_eq!(report.n, 5);
        assert_eq!(report.metrics["exact_record_accuracy"], 1.0);
    }

    #[test]
    fn record_configs_follow_the_config_elements() {
        let xml = r#"<Sentence date="1" id="A"></Sentence>
<Config option="require_dyad" value="false"></Config>
<Config option="comma_emax" value="0"></Config>
<Sentence date = "1" id ="B"></Sentence>
<Config option="require_dyad" value="True"></Config>
<Config option="new_actor_length" value="4"></Config>
<Sentence id="C"></Sentence>"#;
        let c = petrarch_record_configs(xml);
        assert!(c["A"].require_dyad && c["A"].comma.emax == 8);
        assert!(!c["B"].require_dyad && c["B"].comma.emax == 0);
        assert!(c["C"].require_dyad && c["C"].comma.emax == 0);
    }

    #[test]
    fn require_dyad_drops_targetless_events_per_record() {
        let jsonl = [
            record(
                "K",
                "Arnor abandoned cultural ties with Gondor. Osgiliath said so.",
                &[("ARN", "GON", "902")],
                None,
            ),
            record(
                "L",
                "Arnor abandoned cultural ties with Gondor. Osgiliath said so.",
                &[("ARN", "GON", "902"), ("OSG", "---", "023")],
                None,
            ),
        ]
        .join("\n");
        let mut keep = coder::PetrarchConfig::default();
        keep.set("require_dyad", "false").unwrap();
        keep.set("comma_emax", "0").unwrap();
        let configs = HashMap::from([
            ("K".to_string(), coder::PetrarchConfig::default()),
            ("L".to_string(), keep),
        ]);
        let (report, misses) =
            petrarch_unit_configured(&petrarch_pipeline(), &jsonl, &configs).unwrap();
        let listed: Vec<String> = misses
            .iter()
            .map(|m| format!("{}: {:?} != {:?}", m.id, m.got, m.expected))
            .collect();
        assert_eq!(report.metrics["exact_record_accuracy"], 1.0, "{listed:#?}");
    }

    #[test]
    fn a_wrong_record_is_listed() {
        let jsonl = record(
            "W",
            "Arnor will abandon cultural ties with Gondor.",
            &[("GON", "ARN", "902")],
            None,
        );
        let (report, misses) =
            petrarch_unit_detailed(&petrarch_pipeline(), &jsonl).expect("records parse");
        assert_eq!(report.metrics["exact_record_accuracy"], 0.0);
        assert_eq!(misses.len(), 1);
        assert!(misses[0].mentions.iter().any(|m| m == "Arnor=ARN"));
    }
}
