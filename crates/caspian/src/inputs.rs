//! Reading what the command line names: input documents and dictionaries.

use std::path::{Path, PathBuf};

use anyhow::Context;
use chrono::NaiveDate;
use pipeline::DictSource;

use crate::cmd::UsageError;

/// Turns the INPUT arguments into ingest inputs (`-` or nothing is stdin).
pub fn inputs(paths: &[PathBuf]) -> Vec<ingest::Input> {
    if paths.is_empty() {
        return vec![ingest::Input::Stdin];
    }
    paths
        .iter()
        .map(|p| {
            if p.as_os_str() == "-" {
                ingest::Input::Stdin
            } else {
                ingest::Input::Path(p.clone())
            }
        })
        .collect()
}

/// Parses `--date` (`YYYY-MM-DD` or `YYYYMMDD`).
pub fn parse_date(s: &str) -> Result<NaiveDate, UsageError> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(s, "%Y%m%d"))
        .map_err(|_| UsageError(format!("--date '{s}' is not a date (YYYY-MM-DD)")))
}

/// Largest dictionary file read, so a wrong path cannot exhaust memory.
const MAX_DICT_BYTES: u64 = 64 << 20;

/// Reads the `--dict` arguments. A named file must be a dictionary; in a
/// directory, the `.txt` files recognised as dictionaries by their content are
/// taken and the rest are passed over.
pub fn dictionaries(paths: &[PathBuf]) -> anyhow::Result<Vec<DictSource>> {
    let mut out = Vec::new();
    for path in paths {
        let meta = std::fs::metadata(path)
            .map_err(|e| UsageError(format!("--dict {}: {e}", path.display())))?;
        if meta.is_dir() {
            let mut files = Vec::new();
            walk(path, &mut files)?;
            files.sort();
            // Dictionaries are `.txt` files by convention; READMEs, gold files
            // and parses that sit beside them are passed over.
            files.retain(|f| f.extension().is_some_and(|e| e.eq_ignore_ascii_case("txt")));
            for file in files {
                if let Some(text) = read_small_text(&file)? {
                    if pipeline::is_dictionary(&text) {
                        out.push(DictSource {
                            name: file.display().to_string(),
                            text,
                        });
                    }
                }
            }
        } else {
            let text = read_small_text(path)?.ok_or_else(|| {
                UsageError(format!(
                    "--dict {}: not a UTF-8 text file of at most {} MiB",
                    path.display(),
                    MAX_DICT_BYTES >> 20
                ))
            })?;
            out.push(DictSource {
                name: path.display().to_string(),
                text,
            });
        }
    }
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> anyhow::Result<()> {
    for entry in std::fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))? {
        let path = entry?.path();
        if path.is_dir() {
            walk(&path, out)?;
        } else {
            out.push(path);
        }
    }
    Ok(())
}

fn read_small_text(path: &Path) -> anyhow::Result<Option<String>> {
    let len = std::fs::metadata(path)
        .with_context(|| format!("reading {}", path.display()))?
        .len();
    if len > MAX_DICT_BYTES {
        return Ok(None);
    }
    let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    Ok(String::from_utf8(bytes).ok())
}
