//! Training of the tagger, lemma table and parser from CoNLL-U (used by the `train-syntax` binary).

use std::collections::{BTreeMap, HashMap};

use crate::conllu::ConlluSentence;
use crate::hash::Rng;
use crate::parser::{self, TrainSent};
use crate::tagger::{self, intern_xpos};
use crate::{DepRel, Model, Upos};

#[derive(Debug, Clone, Copy)]
pub struct TrainConfig {
    pub seed: u64,
    pub tagger_epochs: usize,
    pub parser_epochs: usize,
    /// Probability of following a wrong predicted transition (dynamic-oracle exploration).
    pub explore: f64,
    /// Folds for jackknifed training tags for the parser (0 = tag the training set with the final tagger).
    pub jackknife: usize,
    /// Rows whose largest averaged weight is below this are dropped from the written model.
    pub prune: f32,
    /// Tag dictionary: words seen at least this often (0 = no dictionary) ...
    pub dict_min: usize,
    /// ... whose most frequent tag has at least this share are tagged without scoring.
    pub dict_purity: f64,
    /// Beam width of the parser (1 = greedy with the dynamic oracle; > 1 = globally trained
    /// beam search, the width stored in the model).
    pub beam: usize,
    /// The transition classifier's weights: a keyless hashed table of `2^trans_bits` slots
    /// (8 bytes each), or a keyed table when 0.
    pub trans_bits: u32,
    /// Which models use the second cluster source's templates (when one is given).
    pub clusters2_tagger: bool,
    /// The tagger's templates for the second source: the word's own path only (4
    /// templates) or also its neighbours' (6).
    pub clusters2_tagger_neighbours: bool,
    pub clusters2_parser: bool,
}

impl Default for TrainConfig {
    fn default() -> TrainConfig {
        TrainConfig {
            seed: 1,
            tagger_epochs: 8,
            parser_epochs: 12,
            explore: 0.9,
            jackknife: 0,
            prune: 0.0,
            dict_min: 0,
            dict_purity: 0.995,
            beam: 1,
            trans_bits: 0,
            clusters2_tagger: true,
            clusters2_tagger_neighbours: true,
            clusters2_parser: true,
        }
    }
}

pub struct Trained {
    pub tagger: Vec<u8>,
    pub parser: Vec<u8>,
    pub model: Model,
    unpruned: (
        tagger::Tagger,
        parser::Parser,
        Vec<(String, String, String)>,
    ),
}

impl Trained {
    /// Model files with a different prune threshold (to trade size against accuracy).
    pub fn with_prune(&self, prune: f32) -> Result<(Vec<u8>, Vec<u8>, Model), String> {
        let (t, p, lemmas) = &self.unpruned;
        let tb = t.write(lemmas, prune);
        let pb = p.write(prune);
        let m = Model::from_bytes(&tb, &pb).map_err(|e| e.to_string())?;
        Ok((tb, pb, m))
    }
}

/// Reads a `word TAB cluster-id` file (`data/syntax/clusters/clusters.tsv`).
pub fn read_clusters(text: &str) -> Result<Vec<(String, u32)>, String> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.is_empty())
        .map(|(i, l)| {
            let (w, c) = l
                .split_once('\t')
                .ok_or_else(|| format!("clusters line {}: no tab", i + 1))?;
            let c = c
                .trim()
                .parse::<u32>()
                .map_err(|e| format!("clusters line {}: {e}", i + 1))?;
            Ok((w.to_string(), c))
        })
        .collect()
}

/// Trains all components; `log` receives progress lines. `clusters` are (word, Brown cluster
/// id) pairs from [`read_clusters`] (may be empty).
pub fn train(
    sents: &[ConlluSentence],
    clusters: &[(String, u32)],
    cfg: TrainConfig,
    log: impl FnMut(String),
) -> Result<Trained, String> {
    train_with_extra(sents, &[], clusters, &[], cfg, log)
}

/// [`train`] with `extra` parsed sentences added to the parser's training data only
/// (uptraining, Petrov et al. 2010: automatic parses of unlabelled text by a more accurate
/// parser). They are tagged by the final tagger; their heads and relations are taken as given.
/// An extra word whose HEAD is `_` has an unknown arc (partial annotation, Li et al. 2016): the
/// greedy parser's dynamic oracle lets it take any head and its relation is not trained;
/// beam training (`beam > 1`) rejects such data. Extra sentences without a known arc are
/// skipped; `sents` (the treebank) must have complete trees (any other is skipped, as before).
pub fn train_with_extra(
    sents: &[ConlluSentence],
    extra: &[ConlluSentence],
    clusters: &[(String, u32)],
    clusters2: &[(String, u32)],
    cfg: TrainConfig,
    mut log: impl FnMut(String),
) -> Result<Trained, String> {
    if cfg.trans_bits > crate::perceptron::MAX_HASH_BITS {
        return Err(format!(
            "--trans-bits {} is too large (at most {})",
            cfg.trans_bits,
            crate::perceptron::MAX_HASH_BITS
        ));
    }
    let mut rng = Rng::new(cfg.seed);
    // Joint (xpos, upos) classes; rare pairs fold into the most frequent pair with the same xpos.
    let mut pairs: BTreeMap<(String, String), usize> = BTreeMap::new();
    for s in sents {
        for w in &s.words {
            *pairs.entry((w.xpos.clone(), w.upos.clone())).or_default() += 1;
        }
    }
    let mut kept: Vec<(&(String, String), &usize)> =
        pairs.iter().filter(|(_, &c)| c >= 3).collect();
    kept.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    let mut classes: Vec<(&'static str, Upos)> = Vec::new();
    let mut class_of: HashMap<(String, String), usize> = HashMap::new();
    for ((x, u), _) in &kept {
        let upos = Upos::parse(u).ok_or_else(|| format!("unknown upos {u:?} in training data"))?;
        class_of.insert((x.clone(), u.clone()), classes.len());
        classes.push((intern_xpos(x), upos));
    }
    let fallback = |x: &str, u: &str| -> usize {
        class_of
            .get(&(x.to_string(), u.to_string()))
            .copied()
            .or_else(|| classes.iter().position(|c| c.0 == x))
            .or_else(|| classes.iter().position(|c| c.1.as_str() == u))
            .unwrap_or(0)
    };
    let tag_data: Vec<(Vec<&str>, Vec<usize>)> = sents
        .iter()
        .map(|s| {
            (
                s.forms(),
                s.words.iter().map(|w| fallback(&w.xpos, &w.upos)).collect(),
            )
        })
        .collect();
    log(format!(
        "{} tag classes, {} sentences",
        classes.len(),
        sents.len()
    ));

    let lexicon = tagger::build_lexicon(&tag_data, 5);
    let clusters = tagger::build_clusters(clusters);
    let tagger_clu2 = cfg.clusters2_tagger && !clusters2.is_empty();
    let parser_clu2 = cfg.clusters2_parser && !clusters2.is_empty();
    // The tagger computes every word's keys, so it keeps the table if either model uses it.
    let clusters2 = if tagger_clu2 || parser_clu2 {
        tagger::build_clusters(clusters2)
    } else {
        tagger::Clusters::default()
    };
    let dict = if cfg.dict_min > 0 {
        tagger::build_tag_dict(&tag_data, cfg.dict_min, cfg.dict_purity)
    } else {
        tagger::TagDict::default()
    };
    log(format!(
        "{} cluster words, {} second-source cluster words, {} tag-dictionary words",
        clusters.len(),
        clusters2.len(),
        dict.len()
    ));
    let res = tagger::Resources {
        lexicon: &lexicon,
        clusters: &clusters,
        clusters2: &clusters2,
        clu2_features: match (tagger_clu2, cfg.clusters2_tagger_neighbours) {
            (false, _) => tagger::Clu2Templates::None,
            (true, false) => tagger::Clu2Templates::Word,
            (true, true) => tagger::Clu2Templates::WordAndNeighbours,
        },
        dict: &dict,
    };
    // Training tags for the parser: jackknifed so the parser sees realistic tagging errors.
    let mut parser_tags: Vec<Vec<u64>> = vec![Vec::new(); sents.len()];
    if cfg.jackknife > 1 {
        for fold in 0..cfg.jackknife {
            let train_part: Vec<(Vec<&str>, Vec<usize>)> = tag_data
                .iter()
                .enumerate()
                .filter(|(i, _)| i % cfg.jackknife != fold)
                .map(|(_, d)| d.clone())
                .collect();
            let t = tagger::train(
                classes.clone(),
                &train_part,
                &res,
                cfg.tagger_epochs,
                &mut rng,
                |_, _| {},
            );
            for (i, (words, _)) in tag_data.iter().enumerate() {
                if i % cfg.jackknife == fold {
                    parser_tags[i] = t.tag(words).into_iter().map(|c| t.key(c)).collect();
                }
            }
            log(format!("jackknife fold {fold} done"));
        }
    }
    let tagger = tagger::train(
        classes.clone(),
        &tag_data,
        &res,
        cfg.tagger_epochs,
        &mut rng,
        |e, acc| log(format!("tagger epoch {e}: train acc {:.2}", acc * 100.0)),
    );
    if cfg.jackknife <= 1 {
        for (i, (words, _)) in tag_data.iter().enumerate() {
            parser_tags[i] = tagger
                .tag(words)
                .into_iter()
                .map(|c| tagger.key(c))
                .collect();
        }
    }

    // Lemma table: most frequent lemma per (form, xpos), ties broken by string order.
    let mut lemma_counts: BTreeMap<(String, String), BTreeMap<String, usize>> = BTreeMap::new();
    for s in sents {
        for w in &s.words {
            *lemma_counts
                .entry((w.form.clone(), w.xpos.clone()))
                .or_default()
                .entry(w.lemma.clone())
                .or_default() += 1;
        }
    }
    let lemmas: Vec<(String, String, String)> = lemma_counts
        .into_iter()
        .filter_map(|((f, x), ls)| {
            let best = ls
                .iter()
                .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))?
                .0
                .clone();
            Some((f, x, best))
        })
        .collect();

    // Parser labels by frequency.
    let mut label_counts: BTreeMap<&str, usize> = BTreeMap::new();
    for s in sents {
        for w in &s.words {
            *label_counts.entry(w.deprel.as_str()).or_default() += 1;
        }
    }
    let mut label_list: Vec<(&str, usize)> = label_counts.into_iter().collect();
    label_list.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let labels: Vec<DepRel> = label_list.iter().map(|(l, _)| DepRel::parse(l)).collect();
    let label_id: HashMap<&str, u8> = label_list
        .iter()
        .enumerate()
        .map(|(i, (l, _))| (*l, i as u8))
        .collect();
    let label_ids = |s: &ConlluSentence| -> Vec<u8> {
        s.words
            .iter()
            .map(|w| label_id.get(w.deprel.as_str()).copied().unwrap_or(0))
            .collect()
    };
    let mut psents = Vec::with_capacity(sents.len());
    for (s, tags) in sents.iter().zip(&parser_tags) {
        let heads: Option<Vec<usize>> = s.words.iter().map(|w| w.head).collect();
        let Some(heads) = heads else { continue };
        let mut lex = Vec::new();
        tagger.lexify(&s.forms(), &mut lex);
        psents.push(TrainSent {
            lex,
            tags: tags.clone(),
            heads,
            labels: label_ids(s),
        });
    }
    let n_gold = psents.len();
    let (mut unknown_arcs, mut extra_arcs) = (0usize, 0usize);
    for s in extra {
        let heads: Vec<usize> = s
            .words
            .iter()
            .map(|w| w.head.unwrap_or(parser::UNKNOWN_HEAD))
            .collect();
        let unknown = heads.iter().filter(|&&h| h == parser::UNKNOWN_HEAD).count();
        if unknown == heads.len() {
            continue;
        }
        if unknown > 0 && cfg.beam > 1 {
            return Err(format!(
                "extra sentence at line {}: unknown heads (partial annotation) need the greedy parser (--beam 1)",
                s.line
            ));
        }
        unknown_arcs += unknown;
        extra_arcs += heads.len();
        let forms = s.forms();
        let mut lex = Vec::new();
        tagger.lexify(&forms, &mut lex);
        psents.push(TrainSent {
            lex,
            tags: tagger
                .tag(&forms)
                .into_iter()
                .map(|c| tagger.key(c))
                .collect(),
            heads,
            labels: label_ids(s),
        });
    }
    if psents.len() > n_gold {
        log(format!(
            "parser: {n_gold} treebank + {} extra sentences ({extra_arcs} words, {unknown_arcs} with an unknown head)",
            psents.len() - n_gold
        ));
    }
    let plog = |e: usize, uas: f64, las: f64| {
        log(format!(
            "parser epoch {e}: train uas {:.2} las {:.2}",
            uas * 100.0,
            las * 100.0
        ))
    };
    let parser = if cfg.beam > 1 {
        parser::train_beam(
            labels,
            &psents,
            cfg.parser_epochs,
            cfg.beam,
            parser::Shape {
                trans_bits: cfg.trans_bits,
                clu2: parser_clu2,
            },
            &mut rng,
            plog,
        )
    } else {
        parser::train(
            labels,
            &psents,
            cfg.parser_epochs,
            cfg.explore,
            parser::Shape {
                trans_bits: cfg.trans_bits,
                clu2: parser_clu2,
            },
            &mut rng,
            plog,
        )
    };
    let tagger_bytes = tagger.write(&lemmas, cfg.prune);
    let parser_bytes = parser.write(cfg.prune);
    // Evaluate exactly what is shipped: the pruned, quantised model read back from bytes.
    let model = Model::from_bytes(&tagger_bytes, &parser_bytes).map_err(|e| e.to_string())?;
    Ok(Trained {
        tagger: tagger_bytes,
        parser: parser_bytes,
        model,
        unpruned: (tagger, parser, lemmas),
    })
}

/// Rewrites model files with a higher prune threshold (no retraining needed).
pub fn reprune(
    tagger_bytes: &[u8],
    parser_bytes: &[u8],
    prune: f32,
) -> Result<(Vec<u8>, Vec<u8>), String> {
    let (t, lemmas) = tagger::Tagger::read(tagger_bytes).map_err(|e| e.to_string())?;
    let p = parser::Parser::read(parser_bytes).map_err(|e| e.to_string())?;
    Ok((t.write(&lemmas, prune), p.write(prune)))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TINY: &str = "\
1\tPolice\tpolice\tNOUN\tNNS\t_\t2\tnsubj\t_\t_
2\tarrested\tarrest\tVERB\tVBD\t_\t0\troot\t_\t_
3\tHamas\tHamas\tPROPN\tNNP\t_\t4\tcompound\t_\t_
4\tmembers\tmember\tNOUN\tNNS\t_\t2\tobj\t_\t_
5\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_

1\tTroops\ttroop\tNOUN\tNNS\t_\t2\tnsubj\t_\t_
2\tleft\tleave\tVERB\tVBD\t_\t0\troot\t_\t_
3\tFallujah\tFallujah\tPROPN\tNNP\t_\t2\tobj\t_\t_
4\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_

";

    fn tiny_model(clusters2: &[(String, u32)], cfg: TrainConfig) -> Trained {
        let sents = crate::conllu::read(TINY).expect("valid conll-u");
        let brown = vec![
            ("police".to_string(), 0b110),
            ("arrested".to_string(), 0b101),
        ];
        train_with_extra(&sents, &[], &brown, clusters2, cfg, |_| {}).expect("trains")
    }

    #[test]
    fn extra_sentences_may_have_unknown_heads() {
        let sents = crate::conllu::read(TINY).expect("valid conll-u");
        // Partial silver trees: "_" heads are unknown; a sentence with none known is skipped.
        let extra = crate::conllu::read(
            "1\tPolice\t_\t_\t_\t_\t2\tnsubj\t_\t_\n2\tleft\t_\t_\t_\t_\t0\troot\t_\t_\n\
             3\tHamas\t_\t_\t_\t_\t_\t_\t_\t_\n4\t.\t_\t_\t_\t_\t2\tpunct\t_\t_\n\n\
             1\tTroops\t_\t_\t_\t_\t_\t_\t_\t_\n2\tarrested\t_\t_\t_\t_\t_\t_\t_\t_\n\n",
        )
        .expect("valid conll-u");
        assert_eq!(extra[0].words[2].head, None);
        let cfg = TrainConfig {
            tagger_epochs: 2,
            parser_epochs: 3,
            trans_bits: 12,
            ..TrainConfig::default()
        };
        let mut lines = Vec::new();
        let t = train_with_extra(&sents, &extra, &[], &[], cfg, |l| lines.push(l)).expect("trains");
        assert!(
            lines
                .iter()
                .any(|l| l
                    == "parser: 2 treebank + 1 extra sentences (4 words, 1 with an unknown head)"),
            "{lines:?}"
        );
        assert_eq!(t.model.analyze(&["Police", "left", "Hamas", "."]).len(), 4);
        let beam = TrainConfig { beam: 2, ..cfg };
        let e = train_with_extra(&sents, &extra, &[], &[], beam, |_| {})
            .err()
            .expect("beam training rejects partial trees");
        assert!(e.contains("line 1") && e.contains("--beam 1"), "{e}");
    }

    #[test]
    fn second_cluster_source_changes_the_format_only_when_given() {
        let cfg = TrainConfig {
            tagger_epochs: 2,
            parser_epochs: 2,
            trans_bits: 12,
            ..TrainConfig::default()
        };
        let plain = tiny_model(&[], cfg);
        assert_eq!(&plain.tagger[..4], b"CST2");
        assert_eq!(&plain.parser[..4], b"CSPP");
        let glove = vec![
            ("hamas".to_string(), 0b1_0110),
            ("fallujah".to_string(), 0b1_0110),
        ];
        let both = tiny_model(&glove, cfg);
        assert_eq!(&both.tagger[..4], b"CST3");
        assert_eq!(&both.parser[..4], b"CSPX");
        let tagger_only = tiny_model(
            &glove,
            TrainConfig {
                clusters2_parser: false,
                ..cfg
            },
        );
        assert_eq!(&tagger_only.tagger[..4], b"CST3");
        assert_eq!(&tagger_only.parser[..4], b"CSPP");
        // Each pair of files reads back (the readers check every section's length).
        for t in [&plain, &both, &tagger_only] {
            let m = Model::from_bytes(&t.tagger, &t.parser).expect("reads back");
            assert_eq!(m.analyze(&["Police", "left", "Hamas", "."]).len(), 4);
        }
    }
}
