//! Deterministic synthetic documents for tests, the crash harness and the
//! benchmarks (not part of the API proper).

use model::cameo::CameoCode;
use model::{Actor, ActorCode, ActorMention, Document, Event, NaiveDate, Resolution, Span};

/// A small deterministic generator (SplitMix64), so no dependency is needed
/// and every run with the same seed yields the same documents.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
}

/// Countries used by the generator, with their names.
pub const COUNTRIES: [(&str, &str); 12] = [
    ("AZE", "Azerbaijan"),
    ("IRN", "Iran"),
    ("ISR", "Israel"),
    ("TUR", "Turkey"),
    ("RUS", "Russia"),
    ("ARM", "Armenia"),
    ("USA", "the United States"),
    ("GEO", "Georgia"),
    ("FRA", "France"),
    ("CHN", "China"),
    ("IRQ", "Iraq"),
    ("SYR", "Syria"),
];

const VERBS: [(&str, &str); 8] = [
    ("arrested agents of", "173"),
    ("threatened", "138"),
    ("signed an agreement with", "057"),
    ("met officials from", "040"),
    ("criticised", "111"),
    ("sent aid to", "070"),
    ("attacked", "190"),
    ("praised", "051"),
];

/// A coded document as the pipeline would hand it to the store.
#[derive(Debug, Clone)]
pub struct CodedDocument {
    pub doc: Document,
    pub mentions: Vec<ActorMention>,
    pub events: Vec<Event>,
    pub sentences: Vec<Span>,
}

fn mention(sentence_index: usize, start: usize, name: &str, iso: &str) -> ActorMention {
    ActorMention {
        sentence_index,
        span: Span::new(start, start + name.len()),
        actor: Actor {
            code: ActorCode::new(format!("{iso}GOV")),
            country: Some(iso.to_owned()),
            sector: Some("GOV".into()),
        },
        resolution: Resolution::Dictionary,
    }
}

/// Document `n` of the stream for `seed`, with `events` one-event sentences.
pub fn document(seed: u64, n: u64, events: usize) -> CodedDocument {
    let mut rng = Rng::new(seed.wrapping_mul(1_000_003).wrapping_add(n));
    let base = NaiveDate::from_ymd_opt(2020, 1, 1).expect("valid date");
    let date = base + chrono::Duration::days(rng.below(1500) as i64);
    let mut text = String::new();
    let mut out = CodedDocument {
        doc: Document::default(),
        mentions: Vec::new(),
        events: Vec::new(),
        sentences: Vec::new(),
    };
    for k in 0..events {
        let (a_iso, a_name) = COUNTRIES[rng.below(COUNTRIES.len())];
        let (mut b_iso, mut b_name) = COUNTRIES[rng.below(COUNTRIES.len())];
        if b_iso == a_iso {
            (b_iso, b_name) = COUNTRIES[(rng.below(COUNTRIES.len() - 1)
                + 1
                + COUNTRIES.iter().position(|c| c.0 == a_iso).unwrap_or(0))
                % COUNTRIES.len()];
        }
        let (verb, code) = VERBS[rng.below(VERBS.len())];
        let start = text.len();
        let src = mention(k, start, a_name, a_iso);
        let verb_start = start + a_name.len() + 1;
        let tgt = mention(k, verb_start + verb.len() + 1, b_name, b_iso);
        text.push_str(&format!("{a_name} {verb} {b_name} on «day {k}». "));
        let sentence = Span::new(start, text.len() - 1);
        out.sentences.push(sentence);
        out.mentions.push(src.clone());
        out.mentions.push(tgt.clone());
        out.events.push(Event {
            sentence_index: k,
            sentence_span: sentence,
            source: Some(src),
            target: Some(tgt),
            code: CameoCode::parse(code).expect("codebook code"),
            trigger: Some(Span::new(verb_start, verb_start + verb.len())),
            date: Some(date),
            location: None,
            confidence: 0.5 + rng.below(50) as f32 / 100.0,
        });
    }
    out.doc = Document {
        id: format!("synthetic-{seed}-{n}"),
        title: Some(format!("Synthetic report {n}")),
        url: Some(format!("https://example.invalid/{seed}/{n}")),
        source: Some(format!("publisher{}", n % 7)),
        author: None,
        date: Some(date),
        text,
        comments: Vec::new(),
    };
    out
}
