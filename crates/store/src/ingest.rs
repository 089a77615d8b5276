//! Writing documents: validation, the content hash, and the one-transaction
//! insert or replace.

use model::{ActorMention, Document, Event, Resolution, Span};
use rusqlite::{params, OptionalExtension, TransactionBehavior};
use sha2::{Digest, Sha256};

use crate::{Store, StoreError};

/// Which coder and dictionaries produced a document's events.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Versions {
    pub coder: String,
    pub dictionaries: String,
}

/// What [`Store::ingest`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IngestOutcome {
    /// A new document.
    Inserted,
    /// Same id, content and versions as stored: nothing written.
    Unchanged,
    /// Same id with new content or versions: its old rows were replaced.
    Replaced,
}

/// The SHA-256 (hex) of everything in a document that coding reads: title,
/// url, source, author, date and text. Comments are left out because they are
/// never coded. Each field is length-prefixed so no two documents collide by
/// shifting text between fields.
pub fn content_hash(doc: &Document) -> String {
    let mut h = Sha256::new();
    h.update(b"caspian-document-v1");
    let date = doc.date.map(|d| d.to_string());
    for field in [
        doc.title.as_deref(),
        doc.url.as_deref(),
        doc.source.as_deref(),
        doc.author.as_deref(),
        date.as_deref(),
        Some(doc.text.as_str()),
    ] {
        match field {
            None => h.update([0u8]),
            Some(s) => {
                h.update([1u8]);
                h.update((s.len() as u64).to_le_bytes());
                h.update(s.as_bytes());
            }
        }
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

fn check_span(doc: &Document, what: &'static str, s: Span) -> Result<(), StoreError> {
    let t = &doc.text;
    if s.start <= s.end
        && s.end <= t.len()
        && t.is_char_boundary(s.start)
        && t.is_char_boundary(s.end)
    {
        Ok(())
    } else {
        Err(StoreError::InvalidSpan {
            doc_id: doc.id.clone(),
            what,
            start: s.start,
            end: s.end,
            len: t.len(),
        })
    }
}

fn validate(
    doc: &Document,
    mentions: &[ActorMention],
    events: &[Event],
    sentences: &[Span],
) -> Result<(), StoreError> {
    for s in sentences {
        check_span(doc, "sentence", *s)?;
    }
    for m in mentions {
        check_span(doc, "actor mention", m.span)?;
    }
    for e in events {
        check_span(doc, "event sentence", e.sentence_span)?;
        if let Some(m) = &e.source {
            check_span(doc, "event source", m.span)?;
        }
        if let Some(m) = &e.target {
            check_span(doc, "event target", m.span)?;
        }
        if let Some(t) = e.trigger {
            check_span(doc, "event trigger", t)?;
        }
        if let Some(l) = &e.location {
            check_span(doc, "event location", l.span)?;
        }
    }
    Ok(())
}

fn resolution_name(r: Resolution) -> &'static str {
    match r {
        Resolution::Dictionary => "dictionary",
        Resolution::Composed => "composed",
        Resolution::Coreference => "coreference",
    }
}

fn key_of(m: &ActorMention) -> String {
    relations::ActorRef::new(m.actor.code.as_str(), m.actor.country.as_deref())
        .key()
        .to_owned()
}

fn i(x: usize) -> i64 {
    x as i64
}

impl Store {
    /// Whether a document with this id and content hash is stored, so the
    /// caller can skip coding it again.
    pub fn has_document(&self, id: &str, content_hash: &str) -> Result<bool, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT 1 FROM documents WHERE id = ?1 AND content_hash = ?2",
                params![id, content_hash],
                |_| Ok(()),
            )
            .optional()?
            .is_some())
    }

    /// Stores a coded document with its sentence spans, actor mentions and
    /// events in one transaction. Spans are validated first; a bad span
    /// rejects the document and writes nothing.
    pub fn ingest(
        &mut self,
        doc: &Document,
        mentions: &[ActorMention],
        events: &[Event],
        sentences: &[Span],
        versions: &Versions,
    ) -> Result<IngestOutcome, StoreError> {
        validate(doc, mentions, events, sentences)?;
        let abort_after = self.next_abort();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let outcome = write_document(&tx, doc, mentions, events, sentences, versions, abort_after)?;
        tx.commit()?;
        Ok(outcome)
    }

    /// Stores many coded documents in one transaction: all of them or none.
    /// Much faster than one [`Store::ingest`] per document for bulk loads;
    /// any invalid document rejects the batch before anything is written.
    pub fn ingest_batch(
        &mut self,
        docs: &[CodedDocument<'_>],
        versions: &Versions,
    ) -> Result<Vec<IngestOutcome>, StoreError> {
        for d in docs {
            validate(d.doc, d.mentions, d.events, d.sentences)?;
        }
        let aborts: Vec<Option<usize>> = docs.iter().map(|_| self.next_abort()).collect();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut out = Vec::with_capacity(docs.len());
        for (d, abort_after) in docs.iter().zip(aborts) {
            out.push(write_document(
                &tx,
                d.doc,
                d.mentions,
                d.events,
                d.sentences,
                versions,
                abort_after,
            )?);
        }
        tx.commit()?;
        Ok(out)
    }

    fn next_abort(&mut self) -> Option<usize> {
        let call = self.ingest_calls;
        self.ingest_calls += 1;
        self.abort_point
            .filter(|p| p.call == call)
            .map(|p| p.after_events)
    }
}

/// One document as [`Store::ingest_batch`] takes it.
#[derive(Debug, Clone, Copy)]
pub struct CodedDocument<'a> {
    pub doc: &'a Document,
    pub mentions: &'a [ActorMention],
    pub events: &'a [Event],
    pub sentences: &'a [Span],
}

/// Inserts or replaces one document inside the caller's transaction.
fn write_document(
    tx: &rusqlite::Transaction<'_>,
    doc: &Document,
    mentions: &[ActorMention],
    events: &[Event],
    sentences: &[Span],
    versions: &Versions,
    abort_after: Option<usize>,
) -> Result<IngestOutcome, StoreError> {
    let hash = content_hash(doc);
    let existing: Option<(i64, String, String, String)> = tx
        .query_row(
            "SELECT d.pk, d.content_hash, v.coder, v.dictionaries
                 FROM documents d JOIN versions v ON v.id = d.versions_id
                 WHERE d.id = ?1",
            params![doc.id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?;
    if let Some((_, h, coder, dicts)) = &existing {
        if *h == hash && *coder == versions.coder && *dicts == versions.dictionaries {
            return Ok(IngestOutcome::Unchanged);
        }
    }
    if let Some((pk, ..)) = existing {
        for sql in [
            "DELETE FROM events WHERE doc_pk = ?1",
            "DELETE FROM mentions WHERE doc_pk = ?1",
            "DELETE FROM sentences WHERE doc_pk = ?1",
            "DELETE FROM documents WHERE pk = ?1",
        ] {
            tx.prepare_cached(sql)?.execute(params![pk])?;
        }
    }
    tx.prepare_cached("INSERT OR IGNORE INTO versions (coder, dictionaries) VALUES (?1, ?2)")?
        .execute(params![versions.coder, versions.dictionaries])?;
    let versions_id: i64 = tx
        .prepare_cached("SELECT id FROM versions WHERE coder = ?1 AND dictionaries = ?2")?
        .query_row(params![versions.coder, versions.dictionaries], |r| r.get(0))?;
    tx.prepare_cached(
            "INSERT INTO documents (id, url, title, date, source, author, content_hash, text, versions_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )?
        .execute(params![
            doc.id,
            doc.url,
            doc.title,
            doc.date.map(|d| d.to_string()),
            doc.source,
            doc.author,
            hash,
            doc.text,
            versions_id
        ])?;
    let doc_pk = tx.last_insert_rowid();
    {
        let mut st = tx.prepare_cached(
            "INSERT INTO sentences (doc_pk, idx, start, end) VALUES (?1, ?2, ?3, ?4)",
        )?;
        for (k, s) in sentences.iter().enumerate() {
            st.execute(params![doc_pk, i(k), i(s.start), i(s.end)])?;
        }
        let mut st = tx.prepare_cached(
                "INSERT INTO mentions (doc_pk, sentence_index, start, end, code, country, sector, resolution)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?;
        for m in mentions {
            st.execute(params![
                doc_pk,
                i(m.sentence_index),
                i(m.span.start),
                i(m.span.end),
                m.actor.code.as_str(),
                m.actor.country,
                m.actor.sector,
                resolution_name(m.resolution)
            ])?;
        }
        let mut st = tx.prepare_cached(
                "INSERT INTO events (doc_pk, seq, sentence_index, sentence_start, sentence_end,
                    source_code, source_country, source_sector, source_key, source_start, source_end,
                    target_code, target_country, target_sector, target_key, target_start, target_end,
                    cameo, root, quad, goldstein, trigger_start, trigger_end, date,
                    location_name, location_country, location_start, location_end, confidence)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
                    ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29)",
            )?;
        for (k, e) in events.iter().enumerate() {
            if abort_after == Some(k) {
                std::process::abort();
            }
            let (s, t) = (e.source.as_ref(), e.target.as_ref());
            st.execute(rusqlite::params_from_iter::<[rusqlite::types::Value; 29]>(
                [
                    doc_pk.into(),
                    i(k).into(),
                    i(e.sentence_index).into(),
                    i(e.sentence_span.start).into(),
                    i(e.sentence_span.end).into(),
                    s.map(|m| m.actor.code.as_str().to_owned()).into(),
                    s.and_then(|m| m.actor.country.clone()).into(),
                    s.and_then(|m| m.actor.sector.clone()).into(),
                    s.map(key_of).into(),
                    s.map(|m| i(m.span.start)).into(),
                    s.map(|m| i(m.span.end)).into(),
                    t.map(|m| m.actor.code.as_str().to_owned()).into(),
                    t.and_then(|m| m.actor.country.clone()).into(),
                    t.and_then(|m| m.actor.sector.clone()).into(),
                    t.map(key_of).into(),
                    t.map(|m| i(m.span.start)).into(),
                    t.map(|m| i(m.span.end)).into(),
                    e.code.as_str().to_owned().into(),
                    i64::from(e.code.root_number()).into(),
                    i64::from(e.code.quad_class().number()).into(),
                    f64::from(e.code.goldstein().0).into(),
                    e.trigger.map(|t| i(t.start)).into(),
                    e.trigger.map(|t| i(t.end)).into(),
                    e.date.or(doc.date).map(|d| d.to_string()).into(),
                    e.location.as_ref().map(|l| l.name.clone()).into(),
                    e.location.as_ref().and_then(|l| l.country.clone()).into(),
                    e.location.as_ref().map(|l| i(l.span.start)).into(),
                    e.location.as_ref().map(|l| i(l.span.end)).into(),
                    f64::from(e.confidence).into(),
                ],
            ))?;
        }
        if abort_after.is_some_and(|k| k >= events.len()) {
            std::process::abort();
        }
    }
    Ok(if existing.is_some() {
        IngestOutcome::Replaced
    } else {
        IngestOutcome::Inserted
    })
}
