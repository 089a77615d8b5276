//! The schema and its ordered migrations. `PRAGMA user_version` records how
//! many migrations a database has seen; opening applies the rest, each in its
//! own transaction, so a database is never left between two versions.

use rusqlite::Connection;

use crate::StoreError;

/// Migration `i` takes the schema from version `i` to `i + 1`. Append only:
/// a released migration is never edited.
pub(crate) const MIGRATIONS: &[&str] = &[
    // 1: documents, sentences, actor mentions, events, versions, FTS.
    r#"
    CREATE TABLE versions (
        id INTEGER PRIMARY KEY,
        coder TEXT NOT NULL,
        dictionaries TEXT NOT NULL,
        UNIQUE (coder, dictionaries)
    );
    CREATE TABLE documents (
        pk INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        url TEXT,
        title TEXT,
        date TEXT,
        source TEXT,
        author TEXT,
        content_hash TEXT NOT NULL,
        text TEXT NOT NULL,
        versions_id INTEGER NOT NULL REFERENCES versions(id)
    );
    CREATE INDEX documents_hash ON documents (content_hash);
    CREATE TABLE sentences (
        doc_pk INTEGER NOT NULL REFERENCES documents(pk),
        idx INTEGER NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        PRIMARY KEY (doc_pk, idx)
    ) WITHOUT ROWID;
    CREATE TABLE mentions (
        id INTEGER PRIMARY KEY,
        doc_pk INTEGER NOT NULL REFERENCES documents(pk),
        sentence_index INTEGER NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        code TEXT NOT NULL,
        country TEXT,
        sector TEXT,
        resolution TEXT NOT NULL
    );
    CREATE INDEX mentions_doc ON mentions (doc_pk);
    CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        doc_pk INTEGER NOT NULL REFERENCES documents(pk),
        seq INTEGER NOT NULL,
        sentence_index INTEGER NOT NULL,
        sentence_start INTEGER NOT NULL,
        sentence_end INTEGER NOT NULL,
        source_code TEXT,
        source_country TEXT,
        source_sector TEXT,
        source_key TEXT,
        source_start INTEGER,
        source_end INTEGER,
        target_code TEXT,
        target_country TEXT,
        target_sector TEXT,
        target_key TEXT,
        target_start INTEGER,
        target_end INTEGER,
        cameo TEXT NOT NULL,
        root INTEGER NOT NULL,
        quad INTEGER NOT NULL,
        goldstein REAL NOT NULL,
        trigger_start INTEGER,
        trigger_end INTEGER,
        date TEXT,
        location_name TEXT,
        location_country TEXT,
        location_start INTEGER,
        location_end INTEGER,
        confidence REAL NOT NULL
    );
    CREATE INDEX events_dyad ON events (source_key, target_key, date);
    CREATE INDEX events_target ON events (target_key, date);
    CREATE INDEX events_date ON events (date);
    CREATE INDEX events_root ON events (root);
    CREATE INDEX events_doc ON events (doc_pk);
    CREATE VIRTUAL TABLE documents_fts USING fts5 (
        title, text, content = 'documents', content_rowid = 'pk'
    );
    CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
        INSERT INTO documents_fts (rowid, title, text) VALUES (new.pk, new.title, new.text);
    END;
    CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
        INSERT INTO documents_fts (documents_fts, rowid, title, text)
            VALUES ('delete', old.pk, old.title, old.text);
    END;
    CREATE TRIGGER documents_fts_update AFTER UPDATE ON documents BEGIN
        INSERT INTO documents_fts (documents_fts, rowid, title, text)
            VALUES ('delete', old.pk, old.title, old.text);
        INSERT INTO documents_fts (rowid, title, text) VALUES (new.pk, new.title, new.text);
    END;
    "#,
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

pub(crate) fn migrate(conn: &mut Connection) -> Result<(), StoreError> {
    let current: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if current > SCHEMA_VERSION {
        return Err(StoreError::SchemaTooNew {
            found: current,
            supported: SCHEMA_VERSION,
        });
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(current as usize) {
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        tx.execute_batch(sql)
            .map_err(|source| StoreError::Migration {
                version: i as i64 + 1,
                source,
            })?;
        // PRAGMA takes no bound parameters; the value is our own integer.
        tx.execute_batch(&format!("PRAGMA user_version = {}", i + 1))?;
        tx.commit()?;
    }
    Ok(())
}
