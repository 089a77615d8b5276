//! Integration tests of the store: ingest semantics, queries, migrations and
//! crash safety.

mod analysis;
mod crash;
mod ingest;

use std::path::Path;

/// Every table's rows, sorted, as text: two databases with the same dump
/// hold the same data.
pub fn canonical_dump(db: &Path) -> String {
    let conn = rusqlite::Connection::open(db).expect("open db");
    let mut out = String::new();
    for table in ["versions", "documents", "sentences", "mentions", "events"] {
        let mut st = conn
            .prepare(&format!("SELECT * FROM {table}"))
            .expect("prepare");
        let cols = st.column_count();
        let mut rows: Vec<String> = st
            .query_map([], |r| {
                let mut fields = Vec::new();
                for c in 0..cols {
                    let v: rusqlite::types::Value = r.get(c)?;
                    fields.push(format!("{v:?}"));
                }
                Ok(fields.join("|"))
            })
            .expect("query")
            .map(Result::unwrap)
            .collect();
        rows.sort();
        out.push_str(&format!("## {table} ({})\n", rows.len()));
        for r in rows {
            out.push_str(&r);
            out.push('\n');
        }
    }
    // The full-text index must agree with the documents too.
    let fts: i64 = conn
        .query_row(
            "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH 'synthetic'",
            [],
            |r| r.get(0),
        )
        .expect("fts");
    out.push_str(&format!("## fts matches {fts}\n"));
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("integrity");
    out.push_str(&format!("## integrity {check}\n"));
    out
}
