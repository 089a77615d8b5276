//! Trains the syntax models from a UD treebank directory and reports dev/test accuracy.
//!
//! `cargo run --release -p syntax --bin train-syntax -- --treebank ../shared/treebanks/ud_english_ewt --seed 1 --out data/syntax`

use std::path::PathBuf;
use std::time::Instant;

use syntax::ensemble::{Ensemble, Member};
use syntax::train::{train_with_extra, TrainConfig};
use syntax::{conllu, eval, Model};

fn usage() -> ! {
    eprintln!(
        "usage: train-syntax --treebank DIR [--out DIR] [--seed N] [--tagger-epochs N] [--parser-epochs N] [--jackknife K] [--explore P] [--prune W] [--sweep W1,W2,..] [--reprune-from DIR] [--pud FILE] [--clusters FILE.tsv ..] [--clusters2 FILE.tsv] [--clusters2-in both|tagger|parser] [--clusters2-word-only] [--dict-min N] [--dict-purity P] [--beam N] [--trans-bits B] [--with-dev] [--eval-beams W1,W2,..] [--extra PARSED.conllu]\n       train-syntax --eval FILE.conllu [--eval FILE2.conllu] [--parse-beam N]  (scores the embedded model)\n       train-syntax --time TOKENS.txt  (one sentence per line, tokens separated by spaces: load time and words/s of the embedded model)\n       train-syntax --reparse TOKENIZED.conllu [--exclude GOLD.conllu ..] [--model DIR] [--parse-beam N] > PARSED.conllu  (re-tags and re-parses sentences of 3-60 words, each once, skipping any whose word forms occur in an --exclude file: uptraining data for --extra)
       --model DIR with --eval/--time/--reparse uses DIR/tagger.bin and DIR/parser.bin instead of the embedded model
       --member DIR / --member-rev DIR (repeated, with --eval or --reparse): an ensemble of left-to-right / right-to-left parsers (the first member tags), arcs combined by a maximum spanning tree of votes; --weights W1,W2,.. per member; with --reparse, --min-agree K keeps only sentences where K members have the ensemble's exact tree, --min-words N --max-words N (default 3-60); --arc-min W (partial annotation): every sentence, each arc kept only when members of at least the share W (0-1] of the total weight have the ensemble's head, else HEAD and DEPREL `_` (training reads them as unknown), sentences with fewer than the share --min-known F (default 0.5) of arcs kept dropped; with --arc-min, --min-agree K keeps all arcs of sentences on which K members agree
       train-syntax --reverse FILE.conllu > REVERSED.conllu  (words in reverse order: training data for a right-to-left parser)
       train-syntax --average OUTDIR DIR1 DIR2 .. [--average-tagger] [--prune W]  (writes OUTDIR/parser.bin with the mean of the parsers' weights: models of the same templates and --trans-bits, trained with different seeds; OUTDIR/tagger.bin is DIR1's, or with --average-tagger the mean of the taggers)"
    );
    std::process::exit(2)
}

fn load(path: &PathBuf) -> Result<Vec<conllu::ConlluSentence>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    conllu::read(&text).map_err(|e| format!("{}: {e}", path.display()))
}

fn find(dir: &PathBuf, part: &str) -> Result<PathBuf, String> {
    let rd = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for e in rd.flatten() {
        let name = e.file_name().to_string_lossy().to_string();
        if name.ends_with(&format!("-ud-{part}.conllu")) {
            return Ok(e.path());
        }
    }
    Err(format!("no *-ud-{part}.conllu in {}", dir.display()))
}

fn report(name: &str, model: &Model, sents: &[conllu::ConlluSentence]) {
    let t = Instant::now();
    let s = eval::score(model, sents);
    let secs = t.elapsed().as_secs_f64();
    println!(
        "{name}: tokens {} upos {:.2} xpos {:.2} lemma {:.2} uas {:.2} las {:.2} las(universal) {:.2} ({:.0} tokens/s incl. lemmas)",
        s.tokens,
        s.upos,
        s.xpos,
        s.lemma,
        s.uas,
        s.las,
        s.las_universal,
        s.tokens as f64 / secs
    );
}

/// Scores of an ensemble and of each member alone (with the first member's tags), and how
/// often members agree with the ensemble tree (all words, unlabelled).
fn ensemble_report(name: &str, ens: &Ensemble, gold: &[conllu::ConlluSentence]) {
    let k = ens.members().len();
    let gold: Vec<conllu::ConlluSentence> = gold
        .iter()
        .filter(|s| !s.words.is_empty())
        .cloned()
        .collect();
    let gold = &gold[..];
    let t = Instant::now();
    let analyses: Vec<syntax::ensemble::EnsembleAnalysis> =
        gold.iter().map(|s| ens.analyze(&s.forms())).collect();
    let secs = t.elapsed().as_secs_f64();
    let mut it = analyses.iter();
    let s = eval::score_with(gold, |_| {
        it.next().expect("one per sentence").analysis.clone()
    });
    println!(
        "{name}: ensemble of {k}: tokens {} upos {:.2} uas {:.2} las {:.2} las(universal) {:.2} ({:.0} tokens/s)",
        s.tokens, s.upos, s.uas, s.las, s.las_universal, s.tokens as f64 / secs
    );
    for m in 0..k {
        let mut it = analyses.iter();
        let s = eval::score_with(gold, |_| {
            let ea = it.next().expect("one per sentence");
            let mut a = ea.analysis.clone();
            for (i, w) in a.words.iter_mut().enumerate() {
                w.head = ea.member_heads[m][i];
                w.deprel = ea.member_labels[m][i];
            }
            a
        });
        println!("{name}: member {m}: uas {:.2} las {:.2}", s.uas, s.las);
    }
    // Agreement: sentences where at least j members have the ensemble's exact tree, and the
    // ensemble's UAS on them.
    for j in (1..=k).rev() {
        let (mut sents, mut words, mut right) = (0usize, 0usize, 0usize);
        for (g, ea) in gold.iter().zip(&analyses) {
            if ea.agreeing(false) >= j {
                sents += 1;
                words += g.words.len();
                right += g
                    .words
                    .iter()
                    .zip(&ea.analysis.words)
                    .filter(|(gw, pw)| gw.head == Some(pw.head))
                    .count();
            }
        }
        println!(
            "{name}: >= {j} members agree: {sents} sentences, {words} words, uas {:.2}",
            100.0 * right as f64 / words.max(1) as f64
        );
    }
}

/// The embedded model, or the model files in `dir` (`--model DIR`).
fn model(dir: &Option<PathBuf>, beam: Option<usize>) -> &'static Model {
    let Some(dir) = dir else {
        return match beam {
            None => Model::english(),
            Some(b) => {
                let (t, p) = syntax::embedded_model_bytes();
                let mut m = Model::from_bytes(t, p).expect("embedded model");
                m.set_beam_width(b);
                Box::leak(Box::new(m))
            }
        };
    };
    let read = |n: &str| {
        std::fs::read(dir.join(n)).unwrap_or_else(|e| {
            eprintln!("error: {}: {e}", dir.join(n).display());
            std::process::exit(1)
        })
    };
    match Model::from_bytes(&read("tagger.bin"), &read("parser.bin")) {
        Ok(mut m) => {
            if let Some(b) = beam {
                m.set_beam_width(b);
            }
            Box::leak(Box::new(m))
        }
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1)
        }
    }
}

/// Writes `path`'s sentences re-analysed by the model as CoNLL-U to stdout (uptraining data):
/// only sentences of 3-60 words, each distinct word sequence once, none that occurs in `exclude`.
fn reparse(
    path: &PathBuf,
    exclude: &[PathBuf],
    dir: &Option<PathBuf>,
    beam: Option<usize>,
    ens: Option<&Ensemble>,
    opts: ReparseOpts,
) {
    use std::io::Write;
    let run = || -> Result<(), String> {
        let mut seen: std::collections::HashSet<Vec<String>> = std::collections::HashSet::new();
        for f in exclude {
            for s in load(f)? {
                seen.insert(s.forms().iter().map(|w| w.to_string()).collect());
            }
        }
        let model = if ens.is_none() {
            Some(model(dir, beam))
        } else {
            None
        };
        let mut out = std::io::BufWriter::new(std::io::stdout().lock());
        let (mut read, mut kept, mut words, mut unknown) = (0usize, 0usize, 0usize, 0usize);
        for s in load(path)? {
            let forms = s.forms();
            let key: Vec<String> = forms.iter().map(|w| w.to_string()).collect();
            if !(opts.min_words..=opts.max_words).contains(&forms.len()) || !seen.insert(key) {
                continue;
            }
            read += 1;
            let mut known: Vec<bool> = Vec::new();
            let a = match (model, ens) {
                (Some(m), _) => m.analyze(&forms),
                (None, Some(e)) => {
                    let ea = e.analyze(&forms);
                    let agree = ea.agreeing(false);
                    match opts.arc_min {
                        // Sentence mode: whole trees on which enough members agree.
                        None if agree < opts.min_agree => continue,
                        None => {}
                        // Arc mode (partial annotation): the confident arcs of every sentence;
                        // with --min-agree K, sentences on which K members agree keep all arcs.
                        Some(w) if opts.min_agree == 0 || agree < opts.min_agree => {
                            // (The tolerance keeps sums such as 1 + 1 + 1 + 0.6 of 4.8 at 0.75.)
                            known = e.arc_support(&ea).iter().map(|&x| x + 1e-9 >= w).collect();
                            let k = known.iter().filter(|&&x| x).count();
                            if (k as f64) < opts.min_known * forms.len() as f64 {
                                continue;
                            }
                        }
                        Some(_) => {}
                    }
                    // How many members have exactly this tree (for selecting by agreement).
                    out.write_all(format!("# agree = {agree}\n").as_bytes())
                        .map_err(|e| e.to_string())?;
                    ea.analysis
                }
                (None, None) => unreachable!("a model or an ensemble"),
            };
            kept += 1;
            words += forms.len();
            unknown += known.iter().filter(|&&x| !x).count();
            let opts = conllu::WriteOptions {
                sent_id: s.comment("sent_id"),
                text: None,
            };
            out.write_all(conllu::write_partial(&forms, &a, opts, &known).as_bytes())
                .map_err(|e| e.to_string())?;
        }
        eprintln!(
            "reparse: {read} distinct sentences in range, {kept} written ({words} words, {unknown} with an unknown head)"
        );
        out.flush().map_err(|e| e.to_string())
    };
    if let Err(e) = run() {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}

/// Selection of sentences for `--reparse`.
#[derive(Clone, Copy)]
struct ReparseOpts {
    min_words: usize,
    max_words: usize,
    min_agree: usize,
    /// Arc mode: keep an arc when this share of the members' weight voted for its head
    /// (`--arc-min`); the others are written with HEAD and DEPREL `_`.
    arc_min: Option<f64>,
    /// Arc mode: keep a sentence when at least this share of its arcs is kept (`--min-known`).
    min_known: f64,
}

/// Loads `--member` / `--member-rev` model directories as an ensemble.
fn ensemble(members: &[(PathBuf, bool)], weights: &[f64]) -> Result<Ensemble, String> {
    if !weights.is_empty() && weights.len() != members.len() {
        return Err(format!(
            "{} weights for {} members",
            weights.len(),
            members.len()
        ));
    }
    let mut ms = Vec::new();
    for (i, (dir, reversed)) in members.iter().enumerate() {
        let read = |n: &str| {
            std::fs::read(dir.join(n)).map_err(|e| format!("{}: {e}", dir.join(n).display()))
        };
        let model = Model::from_bytes(&read("tagger.bin")?, &read("parser.bin")?)
            .map_err(|e| format!("{}: {e}", dir.display()))?;
        ms.push(Member {
            model,
            reversed: *reversed,
            weight: weights.get(i).copied().unwrap_or(1.0),
        });
    }
    Ensemble::new(ms)
}

/// Writes the sentences of a CoNLL-U file in reverse word order to stdout.
fn reverse(path: &PathBuf) {
    use std::io::Write;
    let run = || -> Result<(), String> {
        let mut out = std::io::BufWriter::new(std::io::stdout().lock());
        for s in load(path)? {
            let r = syntax::ensemble::reverse_sentence(&s);
            out.write_all(syntax::ensemble::write_sentence(&r).as_bytes())
                .map_err(|e| e.to_string())?;
        }
        out.flush().map_err(|e| e.to_string())
    };
    if let Err(e) = run() {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}

/// Times the model on pre-tokenised text (used by `bench/spacy_compare.py`).
fn time(path: &PathBuf, dir: &Option<PathBuf>, beam: Option<usize>) {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| {
        eprintln!("error: {}: {e}", path.display());
        std::process::exit(1)
    });
    let sents: Vec<Vec<&str>> = text
        .lines()
        .map(|l| l.split(' ').filter(|w| !w.is_empty()).collect::<Vec<_>>())
        .filter(|s| !s.is_empty())
        .collect();
    let tokens: usize = sents.iter().map(Vec::len).sum();
    let t = Instant::now();
    let model = model(dir, beam);
    let load = t.elapsed().as_secs_f64();
    // Best of three passes (the machine is shared), one thread.
    let mut best = f64::MAX;
    let mut roots = 0usize;
    for _ in 0..3 {
        let t = Instant::now();
        for s in &sents {
            roots += model
                .analyze(s)
                .words
                .iter()
                .filter(|w| w.head == 0)
                .count();
        }
        best = best.min(t.elapsed().as_secs_f64());
    }
    println!(
        "{{\"sentences\": {}, \"tokens\": {tokens}, \"load_ms\": {:.1}, \"seconds\": {best:.4}, \"tokens_per_s\": {:.0}, \"roots\": {roots}}}",
        sents.len(),
        load * 1e3,
        tokens as f64 / best
    );
}

/// `--average OUTDIR DIR1 DIR2 .. [--average-tagger] [--prune W]`.
fn average(args: &[String]) {
    let mut dirs: Vec<PathBuf> = Vec::new();
    let mut average_tagger = false;
    let mut prune = 0f32;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--average-tagger" => average_tagger = true,
            "--prune" => {
                prune = it
                    .next()
                    .and_then(|v| v.parse().ok())
                    .unwrap_or_else(|| usage())
            }
            s if s.starts_with("--") => usage(),
            _ => dirs.push(PathBuf::from(a)),
        }
    }
    if dirs.len() < 2 {
        usage();
    }
    let out = dirs.remove(0);
    let run = || -> Result<(), String> {
        let read = |d: &PathBuf, n: &str| {
            std::fs::read(d.join(n)).map_err(|e| format!("{}: {e}", d.join(n).display()))
        };
        let mut files = Vec::new();
        for d in &dirs {
            files.push((read(d, "tagger.bin")?, read(d, "parser.bin")?));
        }
        let refs: Vec<(&[u8], &[u8])> = files
            .iter()
            .map(|(t, p)| (t.as_slice(), p.as_slice()))
            .collect();
        let (tagger, parser) =
            syntax::average_models(&refs, average_tagger, prune).map_err(|e| e.to_string())?;
        std::fs::create_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
        for (name, bytes) in [("tagger.bin", &tagger), ("parser.bin", &parser)] {
            let path = out.join(name);
            std::fs::write(&path, bytes).map_err(|e| format!("{}: {e}", path.display()))?;
            println!("wrote {} ({} bytes)", path.display(), bytes.len());
        }
        let m = Model::from_bytes(&tagger, &parser).map_err(|e| e.to_string())?;
        let (t, tr, l) = m.feature_rows();
        println!(
            "averaged {} models: feature rows: tagger {t}, transitions {tr}, labels {l}; weight tables {:.1} MB in memory",
            dirs.len(),
            m.weight_bytes() as f64 / 1e6
        );
        Ok(())
    };
    if let Err(e) = run() {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}

fn main() {
    let all: Vec<String> = std::env::args().skip(1).collect();
    if all.first().map(String::as_str) == Some("--average") {
        return average(&all[1..]);
    }
    let mut args = std::env::args().skip(1);
    let mut treebank = None;
    let mut out = None;
    let mut pud = None;
    let mut sweep: Vec<f32> = Vec::new();
    let mut reprune_from: Option<PathBuf> = None;
    let mut eval_files: Vec<PathBuf> = Vec::new();
    let mut clusters_files: Vec<PathBuf> = Vec::new();
    let mut clusters2_file: Option<PathBuf> = None;
    let mut time_file: Option<PathBuf> = None;
    let mut model_dir: Option<PathBuf> = None;
    let mut parse_beam: Option<usize> = None;
    let mut eval_beams: Vec<usize> = Vec::new();
    let mut extra_files: Vec<PathBuf> = Vec::new();
    let mut reparse_file: Option<PathBuf> = None;
    let mut exclude: Vec<PathBuf> = Vec::new();
    let mut cfg = TrainConfig::default();
    let mut with_dev = false;
    let mut members: Vec<(PathBuf, bool)> = Vec::new();
    let mut weights: Vec<f64> = Vec::new();
    let mut reverse_file: Option<PathBuf> = None;
    let mut ropts = ReparseOpts {
        min_words: 3,
        max_words: 60,
        min_agree: 0,
        arc_min: None,
        min_known: 0.5,
    };
    while let Some(a) = args.next() {
        let mut val = || args.next().unwrap_or_else(|| usage());
        let num = |s: String| s.parse::<usize>().unwrap_or_else(|_| usage());
        match a.as_str() {
            "--treebank" => treebank = Some(PathBuf::from(val())),
            "--out" => out = Some(PathBuf::from(val())),
            "--pud" => pud = Some(PathBuf::from(val())),
            "--seed" => cfg.seed = num(val()) as u64,
            "--tagger-epochs" => cfg.tagger_epochs = num(val()),
            "--parser-epochs" => cfg.parser_epochs = num(val()),
            "--jackknife" => cfg.jackknife = num(val()),
            "--sweep" => {
                sweep = val()
                    .split(',')
                    .map(|v| v.parse::<f32>().unwrap_or_else(|_| usage()))
                    .collect()
            }
            "--eval" => eval_files.push(PathBuf::from(val())),
            "--time" => time_file = Some(PathBuf::from(val())),
            "--model" => model_dir = Some(PathBuf::from(val())),
            "--beam" => cfg.beam = num(val()),
            "--with-dev" => with_dev = true,
            "--trans-bits" => cfg.trans_bits = num(val()) as u32,
            "--extra" => extra_files.push(PathBuf::from(val())),
            "--reparse" => reparse_file = Some(PathBuf::from(val())),
            "--exclude" => exclude.push(PathBuf::from(val())),
            "--parse-beam" => parse_beam = Some(num(val())),
            "--eval-beams" => {
                eval_beams = val()
                    .split(',')
                    .map(|v| v.parse::<usize>().unwrap_or_else(|_| usage()))
                    .collect()
            }
            // Repeatable: a word's id comes from the first file that has it.
            "--clusters" => clusters_files.push(PathBuf::from(val())),
            "--clusters2" => clusters2_file = Some(PathBuf::from(val())),
            "--clusters2-word-only" => cfg.clusters2_tagger_neighbours = false,
            "--clusters2-in" => {
                (cfg.clusters2_tagger, cfg.clusters2_parser) = match val().as_str() {
                    "both" => (true, true),
                    "tagger" => (true, false),
                    "parser" => (false, true),
                    _ => usage(),
                }
            }
            "--dict-min" => cfg.dict_min = num(val()),
            "--dict-purity" => cfg.dict_purity = val().parse().unwrap_or_else(|_| usage()),
            "--reprune-from" => reprune_from = Some(PathBuf::from(val())),
            "--prune" => cfg.prune = val().parse().unwrap_or_else(|_| usage()),
            "--explore" => cfg.explore = val().parse().unwrap_or_else(|_| usage()),
            "--member" => members.push((PathBuf::from(val()), false)),
            "--member-rev" => members.push((PathBuf::from(val()), true)),
            "--weights" => {
                weights = val()
                    .split(',')
                    .map(|v| v.parse::<f64>().unwrap_or_else(|_| usage()))
                    .collect()
            }
            "--reverse" => reverse_file = Some(PathBuf::from(val())),
            "--min-agree" => ropts.min_agree = num(val()),
            "--min-words" => ropts.min_words = num(val()),
            "--max-words" => ropts.max_words = num(val()),
            "--arc-min" => ropts.arc_min = Some(val().parse::<f64>().unwrap_or_else(|_| usage())),
            "--min-known" => ropts.min_known = val().parse().unwrap_or_else(|_| usage()),
            _ => usage(),
        }
    }
    if let Some(f) = &reverse_file {
        reverse(f);
        return;
    }
    let ens = if members.is_empty() {
        None
    } else {
        match ensemble(&members, &weights) {
            Ok(e) => Some(e),
            Err(e) => {
                eprintln!("error: {e}");
                std::process::exit(1);
            }
        }
    };
    if let Some(f) = &reparse_file {
        reparse(f, &exclude, &model_dir, parse_beam, ens.as_ref(), ropts);
        return;
    }
    if let (Some(e), false) = (&ens, eval_files.is_empty()) {
        for f in &eval_files {
            let gold = match load(f) {
                Ok(s) => s,
                Err(e) => {
                    eprintln!("error: {e}");
                    std::process::exit(1);
                }
            };
            ensemble_report(&f.display().to_string(), e, &gold);
        }
        return;
    }
    if let Some(f) = &time_file {
        time(f, &model_dir, parse_beam);
        return;
    }
    if !eval_files.is_empty() {
        // Score the embedded model (what the product ships) and report its load time.
        let t = Instant::now();
        let model = model(&model_dir, parse_beam);
        println!("beam width {}", model.beam_width());
        println!(
            "embedded model loaded in {:.1} ms",
            t.elapsed().as_secs_f64() * 1e3
        );
        let (tr, pr, lr) = model.feature_rows();
        println!(
            "feature rows: tagger {tr}, transitions {pr}, labels {lr}; weight tables {:.1} MB in memory",
            model.weight_bytes() as f64 / 1e6
        );
        for f in &eval_files {
            match load(f) {
                Ok(s) => report(&f.display().to_string(), model, &s),
                Err(e) => {
                    eprintln!("error: {e}");
                    std::process::exit(1);
                }
            }
        }
        return;
    }
    if let (Some(from), Some(out)) = (&reprune_from, &out) {
        // Re-prune existing model files instead of training.
        let read = |n: &str| {
            std::fs::read(from.join(n)).unwrap_or_else(|e| {
                eprintln!("error: {}: {e}", from.join(n).display());
                std::process::exit(1)
            })
        };
        match syntax::train::reprune(&read("tagger.bin"), &read("parser.bin"), cfg.prune) {
            Ok((t, p)) => {
                for (name, bytes) in [("tagger.bin", t), ("parser.bin", p)] {
                    if let Err(e) = std::fs::write(out.join(name), &bytes) {
                        eprintln!("error: {e}");
                        std::process::exit(1);
                    }
                    eprintln!("wrote {} ({} bytes)", out.join(name).display(), bytes.len());
                }
            }
            Err(e) => {
                eprintln!("error: {e}");
                std::process::exit(1);
            }
        }
        if treebank.is_none() {
            return;
        }
    }
    let Some(treebank) = treebank else { usage() };
    let run = || -> Result<(), String> {
        let mut train_sents = load(&find(&treebank, "train")?)?;
        if with_dev {
            // Final models: dev is training data too (its scores below are then not held out).
            train_sents.extend(load(&find(&treebank, "dev")?)?);
        }
        let read_clusters = |files: &[PathBuf]| -> Result<Vec<(String, u32)>, String> {
            let mut pairs = Vec::new();
            for p in files {
                pairs.extend(syntax::train::read_clusters(
                    &std::fs::read_to_string(p).map_err(|e| format!("{}: {e}", p.display()))?,
                )?);
            }
            Ok(pairs)
        };
        let clusters = read_clusters(&clusters_files)?;
        let clusters2 = read_clusters(clusters2_file.as_slice())?;
        let t = Instant::now();
        let mut extra = Vec::new();
        for f in &extra_files {
            extra.extend(load(f)?);
        }
        let trained = train_with_extra(&train_sents, &extra, &clusters, &clusters2, cfg, |l| {
            eprintln!("{l}")
        })?;
        eprintln!("trained in {:.1}s", t.elapsed().as_secs_f64());
        if let Some(out) = &out {
            for (name, bytes) in [
                ("tagger.bin", &trained.tagger),
                ("parser.bin", &trained.parser),
            ] {
                let p = out.join(name);
                std::fs::write(&p, bytes).map_err(|e| format!("{}: {e}", p.display()))?;
                eprintln!("wrote {} ({} bytes)", p.display(), bytes.len());
            }
        }
        let (tr, pr, lr) = trained.model.feature_rows();
        println!(
            "feature rows: tagger {tr}, transitions {pr}, labels {lr}; weight tables {:.1} MB in memory",
            trained.model.weight_bytes() as f64 / 1e6
        );
        for part in ["dev", "test"] {
            if let Ok(p) = find(&treebank, part) {
                let name = if with_dev && part == "dev" {
                    "dev (trained on)"
                } else {
                    part
                };
                report(name, &trained.model, &load(&p)?);
            }
        }
        if !sweep.is_empty() {
            let dev = load(&find(&treebank, "dev")?)?;
            for &w in &sweep {
                let (tb, pb, m) = trained.with_prune(w)?;
                eprintln!(
                    "prune {w}: tagger {} bytes, parser {} bytes",
                    tb.len(),
                    pb.len()
                );
                report(&format!("dev prune {w}"), &m, &dev);
            }
        }
        if let Some(p) = &pud {
            report("pud", &trained.model, &load(p)?);
        }
        if !eval_beams.is_empty() {
            let dev = load(&find(&treebank, "dev")?)?;
            let mut m =
                Model::from_bytes(&trained.tagger, &trained.parser).map_err(|e| e.to_string())?;
            for &b in &eval_beams {
                m.set_beam_width(b);
                report(&format!("dev beam {b}"), &m, &dev);
            }
        }
        Ok(())
    };
    if let Err(e) = run() {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}
