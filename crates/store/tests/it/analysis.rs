//! From stored events to blocs and exports: the path `caspian blocs` and
//! `caspian export` take.

use model::cameo::CameoCode;
use model::{Actor, ActorCode, ActorMention, Document, Event, NaiveDate, Resolution, Span};
use store::{EventFilter, Store, Versions};

/// One document per sentence "A <verb> B." with the given code.
fn doc(n: usize, src: &str, tgt: &str, code: &str) -> (Document, Vec<Event>) {
    let text = format!("{src} officials acted towards {tgt} today.");
    let mention = |start: usize, iso: &str, sector: &str| ActorMention {
        sentence_index: 0,
        span: Span::new(start, start + 3),
        actor: Actor {
            code: ActorCode::new(format!("{iso}{sector}")),
            country: Some(iso.to_owned()),
            sector: Some(sector.to_owned()),
        },
        resolution: Resolution::Dictionary,
    };
    let tgt_start = text.find(tgt).unwrap_or(0);
    let event = Event {
        sentence_index: 0,
        sentence_span: Span::new(0, text.len()),
        source: Some(mention(0, src, "GOV")),
        target: Some(mention(tgt_start, tgt, ["MIL", "SPY"][n % 2])),
        code: CameoCode::parse(code).unwrap(),
        trigger: None,
        date: None,
        location: None,
        confidence: 0.8,
    };
    let d = Document {
        id: format!("doc-{n}"),
        source: Some(format!("pub{}", n % 3)),
        date: NaiveDate::from_ymd_opt(2023, 9, 1 + (n % 28) as u32),
        text,
        ..Document::default()
    };
    (d, vec![event])
}

#[test]
fn stored_caucasus_events_split_into_the_expected_blocs() {
    let spec: &[(&str, &str, &str, usize)] = &[
        ("AZE", "ISR", "057", 3),
        ("ISR", "AZE", "062", 2),
        ("TUR", "AZE", "051", 3),
        ("TUR", "ISR", "040", 1),
        ("IRN", "RUS", "057", 2),
        ("RUS", "ARM", "070", 2),
        ("IRN", "ARM", "042", 2),
        ("AZE", "IRN", "173", 3),
        ("IRN", "AZE", "138", 2),
        ("AZE", "ARM", "190", 4),
        ("ARM", "AZE", "190", 3),
        ("TUR", "ARM", "112", 1),
        ("IRN", "AZE", "042", 1), // noise: a visit despite tensions
        ("USA", "AZE", "040", 1), // weak third party
    ];
    let mut s = Store::open_in_memory().unwrap();
    let mut n = 0;
    for (a, b, code, count) in spec {
        for _ in 0..*count {
            let (d, events) = doc(n, a, b, code);
            let mentions: Vec<ActorMention> = events
                .iter()
                .flat_map(|e| [e.source.clone(), e.target.clone()])
                .flatten()
                .collect();
            s.ingest(
                &d,
                &mentions,
                &events,
                &[Span::new(0, d.text.len())],
                &Versions::default(),
            )
            .unwrap();
            n += 1;
        }
    }
    let records = s.all_events_for_analysis(None, None).unwrap();
    assert_eq!(records.len(), n);
    let report = relations::blocs(&records, &relations::BlocOptions::default());
    let json = relations::wire::blocs_json(&report);
    let members: Vec<Vec<String>> = json["blocs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| serde_json::from_value(b["members"].clone()).unwrap())
        .collect();
    assert_eq!(members.len(), 2, "{json}");
    assert!(
        members.contains(&vec![
            "AZE".into(),
            "ISR".into(),
            "TUR".into(),
            "USA".into()
        ]),
        "{json}"
    );
    assert!(
        members.contains(&vec!["ARM".into(), "IRN".into(), "RUS".into()]),
        "{json}"
    );

    // The GDELT export of the same events: one 61-field row per event, with
    // the deduplicated counts after collapsing.
    let events = s.export_events(&EventFilter::default()).unwrap();
    let clusters = relations::deduplicate(&records, &relations::DedupOptions::default());
    let collapsed = export::collapse(events.clone(), &clusters);
    assert!(collapsed.len() < events.len());
    let total: u32 = collapsed.iter().map(|e| e.num_mentions).sum();
    assert_eq!(total as usize, events.len());
    let mut buf = Vec::new();
    export::write_gdelt(&collapsed, false, &mut buf).unwrap();
    let text = String::from_utf8(buf).unwrap();
    assert_eq!(text.lines().count(), collapsed.len());
    assert!(text.lines().all(|l| l.split('\t').count() == 61));
}
