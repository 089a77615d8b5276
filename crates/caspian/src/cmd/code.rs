//! `caspian code`, `caspian actors` and `caspian parse`: documents in, lines out.

use std::io::{BufWriter, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Args, ValueEnum};
use model::Document;
use pipeline::{Pipeline, PipelineConfig, Processed};
use rayon::prelude::*;

use crate::inputs;
use crate::wire::{dictionary_event_line, event_line, export_event, MentionOut};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Jsonl,
    Table,
    Csv,
    Gdelt,
}

/// Options shared by the commands that read documents and code them.
#[derive(Debug, Args)]
pub struct CodeArgs {
    /// Files or directories (walked); `-` or nothing reads stdin.
    pub inputs: Vec<PathBuf>,
    /// Publication date for documents that carry none (YYYY-MM-DD).
    #[arg(long)]
    pub date: Option<String>,
    /// Output format (default: jsonl when stdout is not a terminal, else table).
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// More dictionaries: a file or a directory (repeatable). PETRARCH/TABARI/
    /// Phoenix actors, agents, verbs and discards are recognised by content.
    #[arg(long = "dict")]
    pub dicts: Vec<PathBuf>,
    /// Use only the dictionaries given with --dict.
    #[arg(long)]
    pub no_default_dicts: bool,
    /// Leave out events below this confidence (0..1).
    #[arg(long, default_value_t = 0.0)]
    pub min_confidence: f32,
    /// Worker threads (default: all cores).
    #[arg(long)]
    pub threads: Option<usize>,
    /// Also write the events whose code a user dictionary defines outside
    /// the CAMEO codebook (WEIS-era codes such as `901`), with the raw code in
    /// `dictionary_code` and `cameo` null (jsonl and table formats; needs
    /// --no-default-dicts).
    #[arg(long)]
    pub dictionary_codes: bool,
    /// Code with PETRARCH's own options and their PETRARCH defaults: events
    /// need a source and a target (`require_dyad`), comma-delimited clauses
    /// of 2 to 8 words are taken out before coding. Needs --no-default-dicts.
    #[arg(long)]
    pub petrarch: bool,
    /// Set one PETRARCH option, as in `PETR_config.ini` (repeatable; implies
    /// --petrarch): `require_dyad=false`, `comma_emax=0`, `comma_min=2` ...
    #[arg(long = "petrarch-option", value_name = "KEY=VALUE")]
    pub petrarch_options: Vec<String>,
}

#[derive(Debug, Args)]
pub struct ParseArgs {
    /// Files or directories; `-` or nothing reads stdin.
    pub inputs: Vec<PathBuf>,
    /// The input is CoNLL-U: keep its sentences and word forms, predict the rest.
    #[arg(long)]
    pub pretokenized: bool,
    /// Publication date for documents that carry none (YYYY-MM-DD).
    #[arg(long)]
    pub date: Option<String>,
}

/// Documents coded per parallel batch; output stays in input order.
const BATCH: usize = 64;

fn build_pipeline(args: &CodeArgs) -> anyhow::Result<Pipeline> {
    let dicts = inputs::dictionaries(&args.dicts)?;
    if args.no_default_dicts && dicts.is_empty() {
        return Err(
            crate::cmd::UsageError("--no-default-dicts needs at least one --dict".into()).into(),
        );
    }
    let usage = |m: &str| -> anyhow::Error { crate::cmd::UsageError(m.to_string()).into() };
    let petrarch = if args.petrarch || !args.petrarch_options.is_empty() {
        if !args.no_default_dicts {
            return Err(usage(
                "--petrarch and --petrarch-option apply to user dictionaries: add --no-default-dicts",
            ));
        }
        let mut config = coder::PetrarchConfig::default();
        for kv in &args.petrarch_options {
            let (key, value) = kv
                .split_once('=')
                .ok_or_else(|| usage(&format!("--petrarch-option {kv}: expected KEY=VALUE")))?;
            config
                .set(key, value)
                .map_err(|e| usage(&format!("--petrarch-option {kv}: {e}")))?;
        }
        Some(config)
    } else {
        None
    };
    if args.dictionary_codes && !args.no_default_dicts {
        return Err(usage(
            "--dictionary-codes lists codes of user dictionaries: add --no-default-dicts",
        ));
    }
    let coder = coder::CoderOptions {
        min_confidence: args.min_confidence,
        petrarch,
        ..Default::default()
    };
    Ok(Pipeline::new(PipelineConfig {
        no_default_dicts: args.no_default_dicts,
        dicts,
        coder,
    })?)
}

fn read_options(date: &Option<String>) -> anyhow::Result<ingest::ReadOptions> {
    let mut opts = ingest::ReadOptions::default();
    if let Some(d) = date {
        opts.default_date = Some(inputs::parse_date(d)?);
    }
    Ok(opts)
}

fn configure_threads(threads: Option<usize>) {
    if let Some(n) = threads {
        // Fails only when a pool already exists, which keeps the first setting.
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global();
    }
}

/// Reads every input, processes documents in parallel batches and hands each
/// result, in input order, to `emit`. Returns the exit status: 1 when some
/// input was skipped.
pub fn for_each_document(
    input_paths: &[PathBuf],
    opts: &ingest::ReadOptions,
    pipeline: &Pipeline,
    mut emit: impl FnMut(&Document, &Processed) -> anyhow::Result<()>,
) -> anyhow::Result<ExitCode> {
    let inputs = inputs::inputs(input_paths);
    let mut skipped = false;
    let mut batch: Vec<Document> = Vec::with_capacity(BATCH);
    let mut flush = |batch: &mut Vec<Document>| -> anyhow::Result<()> {
        let processed: Vec<Processed> = batch.par_iter().map(|d| pipeline.process(d)).collect();
        for (doc, p) in batch.iter().zip(&processed) {
            emit(doc, p)?;
        }
        batch.clear();
        Ok(())
    };
    for item in ingest::read_inputs(&inputs, opts) {
        match item {
            Ok(doc) => {
                batch.push(doc);
                if batch.len() == BATCH {
                    flush(&mut batch)?;
                }
            }
            Err(diagnostic) => {
                skipped = true;
                eprintln!("caspian: {diagnostic}");
            }
        }
    }
    flush(&mut batch)?;
    Ok(if skipped {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// One CSV record (RFC 4180 quoting), with its line end.
fn csv_line(fields: impl IntoIterator<Item = String>) -> anyhow::Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(fields)?;
    Ok(w.into_inner().map_err(|e| e.into_error())?)
}

fn output_format(f: Option<Format>) -> Format {
    f.unwrap_or(if std::io::stdout().is_terminal() {
        Format::Table
    } else {
        Format::Jsonl
    })
}

pub fn run_code(args: CodeArgs) -> anyhow::Result<ExitCode> {
    configure_threads(args.threads);
    let pipeline = build_pipeline(&args)?;
    let opts = read_options(&args.date)?;
    let version = pipeline.versions().summary();
    let format = output_format(args.format);
    if args.dictionary_codes && matches!(format, Format::Csv | Format::Gdelt) {
        return Err(crate::cmd::UsageError(
            "--dictionary-codes writes jsonl or table: CSV and GDELT columns hold CAMEO codes only"
                .into(),
        )
        .into());
    }
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    if format == Format::Csv {
        out.write_all(&csv_line(
            export::CSV_COLUMNS.iter().map(|s| s.to_string()),
        )?)?;
    }
    if format == Format::Table {
        writeln!(
            out,
            "{:<24} {:<10} {:<12} {:<5} {:<12} {:<11} {:>5}  sentence",
            "doc", "date", "source", "cameo", "target", "plover", "gold"
        )?;
    }
    let mut next_id: i64 = 0;
    let status = for_each_document(&args.inputs, &opts, &pipeline, |doc, processed| {
        for e in &processed.events {
            next_id += 1;
            let exported = export_event(next_id, doc, e);
            match format {
                Format::Jsonl => {
                    serde_json::to_writer(&mut out, &event_line(doc, e, &exported, &version))?;
                    out.write_all(b"\n")?;
                }
                Format::Csv => out.write_all(&csv_line(export::csv_record(&exported))?)?,
                Format::Table => write_table_row(&mut out, &exported)?,
                Format::Gdelt => {
                    export::write_gdelt(std::slice::from_ref(&exported), false, &mut out)?
                }
            }
        }
        if args.dictionary_codes {
            for e in &processed.dictionary_events {
                let line = dictionary_event_line(doc, e, &version);
                match format {
                    Format::Table => write_dictionary_table_row(&mut out, &line)?,
                    _ => {
                        serde_json::to_writer(&mut out, &line)?;
                        out.write_all(b"\n")?;
                    }
                }
            }
        }
        Ok(())
    })?;
    out.flush()?;
    Ok(status)
}

fn write_table_row(out: &mut impl Write, e: &export::ExportEvent) -> std::io::Result<()> {
    let actor =
        |a: &Option<export::ExportActor>| a.as_ref().map_or("-".to_string(), |a| a.code.clone());
    let mut sentence: String = e.sentence.chars().take(80).collect();
    if sentence.len() < e.sentence.len() {
        sentence.push('…');
    }
    writeln!(
        out,
        "{:<24} {:<10} {:<12} {:<5} {:<12} {:<11} {:>5.1}  {}",
        truncate(&e.doc_id, 24),
        e.date.map_or("-".to_string(), |d| d.to_string()),
        actor(&e.source),
        e.code.as_str(),
        actor(&e.target),
        e.plover().unwrap_or("-"),
        e.code.goldstein().0,
        sentence.replace('\n', " ")
    )
}

/// A dictionary event in the table: its raw code where the CAMEO code goes,
/// marked `*`, and no PLOVER type or Goldstein score.
fn write_dictionary_table_row(
    out: &mut impl Write,
    line: &serde_json::Value,
) -> std::io::Result<()> {
    let actor = |v: &serde_json::Value| v["code"].as_str().unwrap_or("-").to_string();
    let text = |v: &serde_json::Value| v.as_str().unwrap_or("-").to_string();
    let sentence: String = line["sentence"]
        .as_str()
        .unwrap_or("")
        .chars()
        .take(80)
        .collect();
    writeln!(
        out,
        "{:<24} {:<10} {:<12} {:<5} {:<12} {:<11} {:>5}  {}",
        truncate(&text(&line["doc_id"]), 24),
        text(&line["date"]),
        actor(&line["source"]),
        format!("{}*", text(&line["dictionary_code"])),
        actor(&line["target"]),
        "-",
        "-",
        sentence.replace('\n', " ")
    )
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let keep: String = s
            .chars()
            .rev()
            .take(n - 1)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        format!("…{keep}")
    }
}

pub fn run_actors(args: CodeArgs) -> anyhow::Result<ExitCode> {
    configure_threads(args.threads);
    let pipeline = build_pipeline(&args)?;
    let opts = read_options(&args.date)?;
    let format = output_format(args.format);
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    if format == Format::Csv {
        let header = [
            "doc_id",
            "sentence_index",
            "text",
            "start",
            "end",
            "code",
            "country",
            "sector",
        ];
        out.write_all(&csv_line(header.iter().map(|s| s.to_string()))?)?;
    }
    let status = for_each_document(&args.inputs, &opts, &pipeline, |doc, processed| {
        for m in &processed.mentions {
            let sentence = processed
                .sentences
                .get(m.sentence_index)
                .map(|s| s.span)
                .context("actor mention outside any sentence")?;
            let line = MentionOut::new(&doc.id, &doc.text, sentence, m);
            match format {
                Format::Csv => out.write_all(&csv_line([
                    line.doc_id.clone(),
                    line.sentence_index.to_string(),
                    line.text.clone(),
                    line.start.to_string(),
                    line.end.to_string(),
                    line.code.clone(),
                    line.country.clone().unwrap_or_default(),
                    line.sector.clone().unwrap_or_default(),
                ])?)?,
                Format::Table => writeln!(
                    out,
                    "{:<24} {:>3} {:<12} {:<4} {:<4} {}",
                    truncate(&line.doc_id, 24),
                    line.sentence_index,
                    line.code,
                    line.country.as_deref().unwrap_or("-"),
                    line.sector.as_deref().unwrap_or("-"),
                    line.text
                )?,
                Format::Jsonl | Format::Gdelt => {
                    serde_json::to_writer(&mut out, &line)?;
                    out.write_all(b"\n")?;
                }
            }
        }
        Ok(())
    })?;
    out.flush()?;
    Ok(status)
}

pub fn run_parse(args: ParseArgs) -> anyhow::Result<ExitCode> {
    let model = syntax::Model::english();
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut status = ExitCode::SUCCESS;
    if args.pretokenized {
        for input in inputs::inputs(&args.inputs) {
            let (name, text) = match &input {
                ingest::Input::Stdin => {
                    let mut s = String::new();
                    std::io::Read::read_to_string(&mut std::io::stdin(), &mut s)
                        .context("reading stdin as UTF-8")?;
                    ("-".to_string(), s)
                }
                ingest::Input::Path(p) => match std::fs::read_to_string(p) {
                    Ok(s) => (p.display().to_string(), s),
                    Err(e) => {
                        eprintln!("caspian: {}: {e}", p.display());
                        status = ExitCode::from(1);
                        continue;
                    }
                },
            };
            let sentences = match syntax::conllu::read(&text) {
                Ok(s) => s,
                Err(e) => {
                    eprintln!("caspian: {name}: {e}");
                    status = ExitCode::from(1);
                    continue;
                }
            };
            for s in &sentences {
                let words = s.forms();
                let analysis = model.analyze(&words);
                let opts = syntax::conllu::WriteOptions {
                    sent_id: s.comment("sent_id"),
                    text: s.comment("text"),
                };
                out.write_all(syntax::conllu::write(&words, &analysis, opts).as_bytes())?;
            }
        }
        out.flush()?;
        return Ok(status);
    }
    let opts = read_options(&args.date)?;
    for item in ingest::read_inputs(&inputs::inputs(&args.inputs), &opts) {
        let doc = match item {
            Ok(doc) => doc,
            Err(diagnostic) => {
                eprintln!("caspian: {diagnostic}");
                status = ExitCode::from(1);
                continue;
            }
        };
        for s in text::segment(&doc.text) {
            let words = s.words(&doc.text);
            let analysis = model.analyze(&words);
            let sent_id = format!("{}-{}", doc.id, s.index);
            let sentence_text = s.text(&doc.text).replace(['\n', '\r'], " ");
            let opts = syntax::conllu::WriteOptions {
                sent_id: Some(&sent_id),
                text: Some(&sentence_text),
            };
            out.write_all(syntax::conllu::write(&words, &analysis, opts).as_bytes())?;
        }
    }
    out.flush()?;
    Ok(status)
}
