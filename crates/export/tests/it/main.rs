//! Integration tests of the writers: files read back with independent
//! readers.

use arrow_array::cast::AsArray;
use arrow_array::types::{Date32Type, Float32Type, Int64Type, UInt8Type};
use arrow_schema::DataType;
use chrono::NaiveDate;
use export::{write_gdelt, write_graphml, write_parquet, ExportActor, ExportEvent, GDELT_COLUMNS};
use model_free::{event, records};
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

mod model_free {
    //! Test values built without the pipeline.
    use super::*;
    use relations::{ActorRef, EventRecord};

    pub fn event(id: i64, src: &str, tgt: Option<&str>, code: &str) -> ExportEvent {
        let actor = |c: &str, text: &str| ExportActor {
            code: format!("{c}GOV"),
            country: Some(c.to_owned()),
            sector: Some("GOV".into()),
            text: text.into(),
            start: 0,
            end: text.len(),
        };
        ExportEvent {
            id,
            doc_id: format!("d{id}"),
            url: None,
            publisher: Some("p".into()),
            sentence_index: id as u32,
            sentence: format!("sentence {id} with\ttab and \"quotes\""),
            date: NaiveDate::from_ymd_opt(2023, 9, 19),
            source: Some(actor(src, "Baku")),
            target: tgt.map(|t| actor(t, "Yerevan")),
            code: cameo::CameoCode::parse(code).unwrap(),
            confidence: 0.9,
            location: None,
            num_mentions: 1,
            num_sources: 1,
            num_articles: 1,
        }
    }

    pub fn records(spec: &[(&str, &str, &str)]) -> Vec<EventRecord> {
        spec.iter()
            .enumerate()
            .map(|(i, (a, b, c))| EventRecord {
                id: i as i64 + 1,
                doc_id: format!("d{i}"),
                publisher: None,
                date: NaiveDate::from_ymd_opt(2023, 1, 1),
                source: Some(ActorRef::new(*a, Some(a))),
                target: Some(ActorRef::new(*b, Some(b))),
                code: cameo::CameoCode::parse(c).unwrap(),
            })
            .collect()
    }
}

#[test]
fn parquet_reads_back_with_the_right_types() {
    let events = vec![
        event(1, "AZE", Some("ARM"), "190"),
        event(2, "ISR", None, "057"),
    ];
    let mut buf = Vec::new();
    write_parquet(&events, &mut buf).unwrap();
    let reader = ParquetRecordBatchReaderBuilder::try_new(bytes::Bytes::from(buf))
        .unwrap()
        .build()
        .unwrap();
    let batches: Vec<_> = reader.map(Result::unwrap).collect();
    let batch = &batches[0];
    assert_eq!(batch.num_rows(), 2);
    let schema = batch.schema();
    let ty = |n: &str| schema.field_with_name(n).unwrap().data_type().clone();
    assert_eq!(ty("doc_id"), DataType::Utf8);
    assert_eq!(ty("date"), DataType::Date32);
    assert_eq!(ty("quad"), DataType::UInt8);
    assert_eq!(ty("goldstein"), DataType::Float32);
    assert_eq!(ty("num_mentions"), DataType::Int64);
    let col = |n: &str| batch.column(schema.index_of(n).unwrap()).clone();
    assert_eq!(col("quad").as_primitive::<UInt8Type>().values(), &[4, 1]);
    assert_eq!(
        col("goldstein").as_primitive::<Float32Type>().value(0),
        -10.0
    );
    assert_eq!(col("id").as_primitive::<Int64Type>().values(), &[1, 2]);
    let d = col("date").as_primitive::<Date32Type>().value(0);
    assert_eq!(
        NaiveDate::from_ymd_opt(1970, 1, 1).unwrap() + chrono::Duration::days(d.into()),
        NaiveDate::from_ymd_opt(2023, 9, 19).unwrap()
    );
    let target = col("target_code");
    let target = target.as_string::<i32>();
    assert_eq!(target.value(0), "ARMGOV");
    assert!(arrow_array::Array::is_null(target, 1));
    assert_eq!(col("cameo").as_string::<i32>().value(1), "057");
}

#[test]
fn empty_parquet_is_still_a_valid_file() {
    let mut buf = Vec::new();
    write_parquet(&[], &mut buf).unwrap();
    let b = ParquetRecordBatchReaderBuilder::try_new(bytes::Bytes::from(buf)).unwrap();
    assert_eq!(
        b.schema().fields().len(),
        export::parquet_schema().fields().len()
    );
}

#[test]
fn gdelt_rows_have_61_fields_even_with_tabs_in_text() {
    let mut events = vec![
        event(1, "AZE", Some("ARM"), "190"),
        event(2, "ISR", None, "0871"),
    ];
    events[0].source.as_mut().unwrap().text = "Baku\tand\nmore".into();
    let mut buf = Vec::new();
    write_gdelt(&events, false, &mut buf).unwrap();
    let text = String::from_utf8(buf).unwrap();
    assert_eq!(text.lines().count(), 2);
    for l in text.lines() {
        assert_eq!(l.split('\t').count(), GDELT_COLUMNS.len());
    }
    let row: Vec<&str> = text.lines().nth(1).unwrap().split('\t').collect();
    assert_eq!(&row[26..30], &["0871", "087", "08", "2"]);
}

#[test]
fn graphml_is_well_formed_and_carries_blocs() {
    let recs = records(&[
        ("AZE", "ISR", "057"),
        ("AZE", "ARM", "190"),
        ("ARM", "RUS", "057"),
        ("R&D<", "AZE", "057"),
    ]);
    let net = relations::signed_network(&recs, &Default::default());
    let report = relations::blocs::blocs_of_network(&net, &Default::default());
    let mut buf = Vec::new();
    write_graphml(&net, Some(&report), &mut buf).unwrap();
    let mut reader = quick_xml::Reader::from_reader(buf.as_slice());
    let (mut nodes, mut edges, mut depth) = (Vec::new(), 0, 0i32);
    let mut scratch = Vec::new();
    loop {
        match reader
            .read_event_into(&mut scratch)
            .expect("well-formed xml")
        {
            quick_xml::events::Event::Start(e) => {
                depth += 1;
                if e.name().as_ref() == "node" {
                    let id = e.try_get_attribute("id").unwrap().unwrap();
                    nodes.push(
                        id.normalized_value(quick_xml::XmlVersion::Explicit1_0)
                            .unwrap()
                            .into_owned(),
                    );
                }
                if e.name().as_ref() == "edge" {
                    edges += 1;
                }
            }
            quick_xml::events::Event::End(_) => depth -= 1,
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
        scratch.clear();
    }
    assert_eq!(depth, 0);
    assert_eq!(nodes.len(), net.actors.len());
    assert!(nodes.contains(&"R&D<".to_string()));
    assert_eq!(edges, net.edges.len());
}
