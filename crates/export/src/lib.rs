//! Writers for stored events and the relation network: GDELT 2.0 event-table
//! TSV, CSV, JSONL, Parquet and GraphML, each to any [`std::io::Write`].
//!
//! The input is [`ExportEvent`], an export-shaped view of a stored event that
//! the store produces; nothing here knows SQL.

mod event;
mod gdelt;
mod graphml;
mod parquet_out;
mod text;

pub use event::{collapse, ExportActor, ExportEvent, ExportLocation};
pub use gdelt::{write_gdelt, GDELT_COLUMNS};
pub use graphml::write_graphml;
pub use parquet_out::{parquet_schema, write_parquet};
pub use text::{csv_record, event_json, write_csv, write_jsonl, CSV_COLUMNS};

/// Why an export failed.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("writing {format} output: {source}")]
    Io {
        format: &'static str,
        #[source]
        source: std::io::Error,
    },
    #[error("writing csv output: {0}")]
    Csv(#[from] csv::Error),
    #[error("writing parquet output: {0}")]
    Parquet(#[from] parquet::errors::ParquetError),
    #[error("building parquet columns: {0}")]
    Arrow(#[from] arrow_schema::ArrowError),
    #[error("writing jsonl output: {0}")]
    Json(#[from] serde_json::Error),
}

pub(crate) fn io(format: &'static str) -> impl Fn(std::io::Error) -> ExportError {
    move |source| ExportError::Io { format, source }
}
