//! CSV and JSONL: the contract's event fields, flat (CSV) or nested (JSONL).

use std::io::Write;

use serde_json::{json, Value};

use crate::{io, ExportActor, ExportError, ExportEvent};

/// The CSV header, in column order.
pub const CSV_COLUMNS: [&str; 28] = [
    "id",
    "doc_id",
    "url",
    "publisher",
    "sentence_index",
    "sentence",
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
    "location",
    "location_country",
    "num_mentions",
    "num_sources",
    "num_articles",
    "source_start",
    "target_start",
];

fn actor_fields(a: Option<&ExportActor>) -> [String; 4] {
    match a {
        Some(a) => [
            a.code.clone(),
            a.country.clone().unwrap_or_default(),
            a.sector.clone().unwrap_or_default(),
            a.text.clone(),
        ],
        None => Default::default(),
    }
}

/// Writes a header and one row per event (RFC 4180 quoting).
pub fn write_csv<W: Write>(events: &[ExportEvent], out: W) -> Result<(), ExportError> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(CSV_COLUMNS)?;
    for e in events {
        w.write_record(csv_record(e))?;
    }
    w.flush().map_err(io("csv"))
}

/// One event's CSV fields, in [`CSV_COLUMNS`] order (for writers that stream
/// rows themselves).
pub fn csv_record(e: &ExportEvent) -> [String; 28] {
    let [sc, sn, ss, st] = actor_fields(e.source.as_ref());
    let [tc, tn, ts, tt] = actor_fields(e.target.as_ref());
    let opt = |v: Option<usize>| v.map(|x| x.to_string()).unwrap_or_default();
    [
        e.id.to_string(),
        e.doc_id.clone(),
        e.url.clone().unwrap_or_default(),
        e.publisher.clone().unwrap_or_default(),
        e.sentence_index.to_string(),
        e.sentence.clone(),
        e.date.map(|d| d.to_string()).unwrap_or_default(),
        sc,
        sn,
        ss,
        st,
        tc,
        tn,
        ts,
        tt,
        e.code.as_str().to_owned(),
        e.code.root().to_owned(),
        e.code.quad_class().number().to_string(),
        format!("{:.1}", e.code.goldstein().0),
        e.plover().unwrap_or("").to_owned(),
        format!("{:.3}", e.confidence),
        e.location
            .as_ref()
            .map(|l| l.name.clone())
            .unwrap_or_default(),
        e.location
            .as_ref()
            .and_then(|l| l.country.clone())
            .unwrap_or_default(),
        e.num_mentions.to_string(),
        e.num_sources.to_string(),
        e.num_articles.to_string(),
        opt(e.source.as_ref().map(|a| a.start)),
        opt(e.target.as_ref().map(|a| a.start)),
    ]
}

fn actor_json(a: Option<&ExportActor>) -> Value {
    match a {
        None => Value::Null,
        Some(a) => json!({
            "code": a.code,
            "country": a.country,
            "sector": a.sector,
            "text": a.text,
            "start": a.start,
            "end": a.end,
        }),
    }
}

/// The contract's event object (see the CLI contract), plus `id`, `url`,
/// `publisher`, `location` and the mention counts.
pub fn event_json(e: &ExportEvent) -> Value {
    json!({
        "id": e.id,
        "doc_id": e.doc_id,
        "url": e.url,
        "publisher": e.publisher,
        "sentence_index": e.sentence_index,
        "sentence": e.sentence,
        "date": e.date.map(|d| d.to_string()),
        "source": actor_json(e.source.as_ref()),
        "target": actor_json(e.target.as_ref()),
        "cameo": e.code.as_str(),
        "root": e.code.root(),
        "quad": e.code.quad_class().number(),
        "goldstein": e.code.goldstein().0,
        "plover": e.plover(),
        "confidence": (f64::from(e.confidence) * 1000.0).round() / 1000.0,
        "location": e.location.as_ref().map(|l| json!({"name": l.name, "country": l.country})),
        "num_mentions": e.num_mentions,
        "num_sources": e.num_sources,
        "num_articles": e.num_articles,
    })
}

/// One JSON object per line.
pub fn write_jsonl<W: Write>(events: &[ExportEvent], mut out: W) -> Result<(), ExportError> {
    for e in events {
        serde_json::to_writer(&mut out, &event_json(e))?;
        out.write_all(b"\n").map_err(io("jsonl"))?;
    }
    out.flush().map_err(io("jsonl"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::testing::sample;

    #[test]
    fn csv_round_trips_quotes_tabs_and_missing_target() {
        let mut buf = Vec::new();
        write_csv(&[sample(1), sample(2)], &mut buf).unwrap();
        let mut r = csv::Reader::from_reader(buf.as_slice());
        assert_eq!(r.headers().unwrap().len(), CSV_COLUMNS.len());
        let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), 2);
        assert_eq!(&rows[0][5], sample(1).sentence.as_str());
        assert_eq!(&rows[0][11], "");
        assert_eq!(&rows[1][11], "IRNSPY");
        assert_eq!(&rows[1][17], "4");
    }

    #[test]
    fn jsonl_has_contract_fields() {
        let mut buf = Vec::new();
        write_jsonl(&[sample(1), sample(2)], &mut buf).unwrap();
        let lines: Vec<Value> = std::str::from_utf8(&buf)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), 2);
        let e = &lines[1];
        for k in [
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
            assert!(e.get(k).is_some(), "{k}");
        }
        assert_eq!(e["target"]["code"], "IRNSPY");
        assert_eq!(e["root"], "17");
        assert_eq!(e["quad"], 4);
        assert_eq!(e["goldstein"], -5.0);
        assert_eq!(lines[0]["target"], Value::Null);
    }
}
