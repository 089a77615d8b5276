//! Parquet through the `arrow` and `parquet` crates: strings as Utf8, the date
//! as Date32, quad as UInt8, Goldstein and confidence as Float32, counts as
//! Int64. Rows are written in batches so memory stays bounded.

use std::io::Write;
use std::sync::Arc;

use arrow_array::builder::{
    Date32Builder, Float32Builder, Int64Builder, StringBuilder, UInt32Builder, UInt8Builder,
};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use chrono::NaiveDate;
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;

use crate::{ExportActor, ExportError, ExportEvent};

const BATCH: usize = 65_536;

/// The schema of the exported file.
pub fn parquet_schema() -> SchemaRef {
    let utf8 = |n: &str, null: bool| Field::new(n, DataType::Utf8, null);
    let mut fields = vec![
        Field::new("id", DataType::Int64, false),
        utf8("doc_id", false),
        utf8("url", true),
        utf8("publisher", true),
        Field::new("sentence_index", DataType::UInt32, false),
        utf8("sentence", false),
        Field::new("date", DataType::Date32, true),
    ];
    for side in ["source", "target"] {
        for part in ["code", "country", "sector", "text"] {
            fields.push(utf8(&format!("{side}_{part}"), true));
        }
    }
    fields.extend([
        utf8("cameo", false),
        utf8("root", false),
        Field::new("quad", DataType::UInt8, false),
        Field::new("goldstein", DataType::Float32, false),
        utf8("plover", true),
        Field::new("confidence", DataType::Float32, false),
        utf8("location", true),
        utf8("location_country", true),
        Field::new("num_mentions", DataType::Int64, false),
        Field::new("num_sources", DataType::Int64, false),
        Field::new("num_articles", DataType::Int64, false),
    ]);
    Arc::new(Schema::new(fields))
}

fn days_since_epoch(d: NaiveDate) -> i32 {
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).expect("valid date");
    (d - epoch).num_days() as i32
}

fn batch(schema: &SchemaRef, events: &[ExportEvent]) -> Result<RecordBatch, ExportError> {
    let n = events.len();
    let mut id = Int64Builder::with_capacity(n);
    let mut doc = StringBuilder::new();
    let mut url = StringBuilder::new();
    let mut publisher = StringBuilder::new();
    let mut sidx = UInt32Builder::with_capacity(n);
    let mut sentence = StringBuilder::new();
    let mut date = Date32Builder::with_capacity(n);
    let mut actors: Vec<StringBuilder> = (0..8).map(|_| StringBuilder::new()).collect();
    let mut cameo = StringBuilder::new();
    let mut root = StringBuilder::new();
    let mut quad = UInt8Builder::with_capacity(n);
    let mut goldstein = Float32Builder::with_capacity(n);
    let mut plover = StringBuilder::new();
    let mut confidence = Float32Builder::with_capacity(n);
    let mut location = StringBuilder::new();
    let mut location_country = StringBuilder::new();
    let mut mentions = Int64Builder::with_capacity(n);
    let mut sources = Int64Builder::with_capacity(n);
    let mut articles = Int64Builder::with_capacity(n);
    for e in events {
        id.append_value(e.id);
        doc.append_value(&e.doc_id);
        url.append_option(e.url.as_deref());
        publisher.append_option(e.publisher.as_deref());
        sidx.append_value(e.sentence_index);
        sentence.append_value(&e.sentence);
        date.append_option(e.date.map(days_since_epoch));
        for (k, a) in [e.source.as_ref(), e.target.as_ref()]
            .into_iter()
            .enumerate()
        {
            let b = &mut actors[4 * k..4 * k + 4];
            let part = |f: fn(&ExportActor) -> Option<&str>| a.and_then(f);
            b[0].append_option(part(|a| Some(a.code.as_str())));
            b[1].append_option(part(|a| a.country.as_deref()));
            b[2].append_option(part(|a| a.sector.as_deref()));
            b[3].append_option(part(|a| Some(a.text.as_str())));
        }
        cameo.append_value(e.code.as_str());
        root.append_value(e.code.root());
        quad.append_value(e.code.quad_class().number());
        goldstein.append_value(e.code.goldstein().0);
        plover.append_option(e.plover());
        confidence.append_value(e.confidence);
        location.append_option(e.location.as_ref().map(|l| l.name.as_str()));
        location_country.append_option(e.location.as_ref().and_then(|l| l.country.as_deref()));
        mentions.append_value(i64::from(e.num_mentions));
        sources.append_value(i64::from(e.num_sources));
        articles.append_value(i64::from(e.num_articles));
    }
    let mut columns: Vec<ArrayRef> = vec![
        Arc::new(id.finish()),
        Arc::new(doc.finish()),
        Arc::new(url.finish()),
        Arc::new(publisher.finish()),
        Arc::new(sidx.finish()),
        Arc::new(sentence.finish()),
        Arc::new(date.finish()),
    ];
    columns.extend(actors.iter_mut().map(|b| Arc::new(b.finish()) as ArrayRef));
    columns.extend([
        Arc::new(cameo.finish()) as ArrayRef,
        Arc::new(root.finish()),
        Arc::new(quad.finish()),
        Arc::new(goldstein.finish()),
        Arc::new(plover.finish()),
        Arc::new(confidence.finish()),
        Arc::new(location.finish()),
        Arc::new(location_country.finish()),
        Arc::new(mentions.finish()),
        Arc::new(sources.finish()),
        Arc::new(articles.finish()),
    ]);
    Ok(RecordBatch::try_new(schema.clone(), columns)?)
}

/// Writes events as one Parquet file (Snappy-compressed).
pub fn write_parquet<W: Write + Send>(events: &[ExportEvent], out: W) -> Result<(), ExportError> {
    let schema = parquet_schema();
    let props = WriterProperties::builder()
        .set_compression(Compression::SNAPPY)
        .build();
    let mut writer = ArrowWriter::try_new(out, schema.clone(), Some(props))?;
    for chunk in events.chunks(BATCH) {
        writer.write(&batch(&schema, chunk)?)?;
    }
    if events.is_empty() {
        writer.write(&batch(&schema, &[])?)?;
    }
    writer.close()?;
    Ok(())
}
