//! `caspian eval`: scores the coder, the actor resolver and the parser on the
//! gold sets and prints a table (or JSON), optionally checked against floors.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::{Args, ValueEnum};
use eval::Report;
use pipeline::{Pipeline, PipelineConfig};

use crate::cmd::UsageError;
use crate::inputs;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Suite {
    PloverGsr,
    CameoManual,
    Conflibert,
    Ngec,
    Petrarch,
    Ewt,
    Pud,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EvalFormat {
    Table,
    Json,
}

#[derive(Debug, Args)]
pub struct EvalArgs {
    /// The gold folder (with cameo/, plover_gsr_cameo/, conflibert_penta_train/,
    /// ngec/, petrarch2_unittest/).
    #[arg(long, default_value = "../shared/gold")]
    pub gold: PathBuf,
    /// The treebank folder (with ud_english_ewt/, ud_english_pud/).
    #[arg(long, default_value = "../shared/treebanks")]
    pub treebanks: PathBuf,
    /// Which suites to run (default: all).
    #[arg(long = "suite", value_enum)]
    pub suites: Vec<Suite>,
    #[arg(long, value_enum, default_value = "table")]
    pub format: EvalFormat,
    /// Fail (exit 1) when a score is below its floor in this JSON file.
    #[arg(long)]
    pub floors: Option<PathBuf>,
}

fn read(path: &Path) -> anyhow::Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))
}

/// Runs the requested suites; the library does the scoring.
pub fn reports(args: &EvalArgs) -> anyhow::Result<Vec<Report>> {
    if !args.gold.is_dir() {
        return Err(UsageError(format!(
            "gold folder {} not found (give --gold)",
            args.gold.display()
        ))
        .into());
    }
    let all = [
        Suite::PloverGsr,
        Suite::CameoManual,
        Suite::Conflibert,
        Suite::Ngec,
        Suite::Petrarch,
        Suite::Ewt,
        Suite::Pud,
    ];
    let suites: Vec<Suite> = if args.suites.is_empty() {
        all.to_vec()
    } else {
        args.suites.clone()
    };
    let g = |p: &str| args.gold.join(p);
    let default = Pipeline::new(PipelineConfig::default())?;
    let mut out = Vec::new();
    for suite in suites {
        let report = match suite {
            Suite::PloverGsr => {
                eval::plover_gsr(&default, &read(&g("plover_gsr_cameo/normalized.jsonl"))?)?
            }
            Suite::CameoManual => {
                eval::cameo_manual(&default, &read(&g("cameo/manual_examples.jsonl"))?)?
            }
            Suite::Conflibert => eval::conflibert_penta(
                &default,
                &read(&g("conflibert_penta_train/normalized.jsonl"))?,
            )?,
            Suite::Ngec => {
                eval::ngec_actors(default.actors(), &read(&g("ngec/ngec_actor_dev.jsonl"))?)
            }
            Suite::Petrarch => {
                let dir = g("petrarch2_unittest");
                let petr = Pipeline::new(PipelineConfig {
                    no_default_dicts: true,
                    dicts: inputs::dictionaries(std::slice::from_ref(&dir))?,
                    ..Default::default()
                })?;
                // The validation file's `<Config>` elements set PETRARCH's
                // options (require_dyad, comma clauses) record by record.
                let configs =
                    eval::petrarch_record_configs(&read(&dir.join("PETR.UnitTest.records.xml"))?);
                let (report, misses) = eval::petrarch_unit_configured(
                    &petr,
                    &read(&dir.join("normalized.jsonl"))?,
                    &configs,
                )?;
                // Error analysis: `CASPIAN_EVAL_DUMP=1` lists every record coded wrongly.
                if std::env::var_os("CASPIAN_EVAL_DUMP").is_some() {
                    for m in &misses {
                        eprintln!(
                            "{}\t{}\t{}\n  expected {:?}\n  got      {:?}\n  actors   {:?}",
                            m.id, m.category, m.text, m.expected, m.got, m.mentions
                        );
                    }
                }
                report
            }
            Suite::Ewt | Suite::Pud => {
                let (name, file) = if suite == Suite::Ewt {
                    ("ud_ewt_test", "ud_english_ewt/en_ewt-ud-test.conllu")
                } else {
                    ("ud_pud_test", "ud_english_pud/en_pud-ud-test.conllu")
                };
                let path = args.treebanks.join(file);
                eval::treebank(name, &path.display().to_string(), &read(&path)?)?
            }
        };
        out.push(report);
    }
    Ok(out)
}

pub fn run(args: EvalArgs) -> anyhow::Result<ExitCode> {
    let reports = reports(&args)?;
    match args.format {
        EvalFormat::Json => {
            let value: serde_json::Value = reports
                .iter()
                .map(|r| {
                    (
                        r.suite.clone(),
                        serde_json::json!({"n": r.n, "metrics": r.metrics}),
                    )
                })
                .collect::<serde_json::Map<_, _>>()
                .into();
            println!("{}", serde_json::to_string_pretty(&value)?);
        }
        EvalFormat::Table => {
            println!(
                "{:<20} {:>6}  {:<28} {:>7}",
                "suite", "n", "metric", "score"
            );
            for r in &reports {
                for (m, v) in &r.metrics {
                    println!("{:<20} {:>6}  {:<28} {:>7.4}", r.suite, r.n, m, v);
                }
            }
        }
    }
    if let Some(path) = &args.floors {
        let floors: eval::Floors = serde_json::from_str(&read(path)?)
            .with_context(|| format!("parsing {}", path.display()))?;
        let failures = eval::below_floors(&reports, &floors);
        if !failures.is_empty() {
            for f in &failures {
                eprintln!("caspian: below floor: {f}");
            }
            return Ok(ExitCode::from(1));
        }
    }
    Ok(ExitCode::SUCCESS)
}
