#!/bin/sh
# Rebuilds data/syntax/{tagger,parser}.bin with uptraining (Petrov et al. 2010; measured but NOT
# the committed model, see RESULTS.md "Uptraining"): a beam-4 parser parses 800 Wikinews articles and the greedy parser is trained on EWT train
# plus those parses. Each step reproduces its output byte for byte. Run from the workspace root;
# ~15 minutes on one core. See crates/syntax/RESULTS.md.
set -eu
T=../shared/treebanks
W=${UPTRAIN_DIR:-${TMPDIR:-/tmp}/caspian-uptrain}
BIN=${CARGO_TARGET_DIR:-target}/release
mkdir -p "$W"
cargo build --release -p syntax --bin train-syntax
cargo build --release -p caspian
COMMON="--treebank $T/ud_english_ewt --seed 1 --tagger-epochs 10 --jackknife 4 --prune 1
    --clusters data/syntax/clusters/clusters.tsv --dict-min 20 --dict-purity 0.995"
# 1. The globally trained beam-4 parser.
# shellcheck disable=SC2086
"$BIN/train-syntax" $COMMON --parser-epochs 12 --beam 4 --out "$W"
# 2. The first 800 Wikinews articles, split into sentences and tokenised by the pipeline
#    (the parse columns of this step are ignored), re-parsed by the beam parser; sentences
#    that occur in EWT dev/test or PUD are left out.
head -n 800 ../shared/corpus/news_wikinews_toscadata/articles.jsonl > "$W/wikinews800.jsonl"
"$BIN/caspian" parse "$W/wikinews800.jsonl" > "$W/wikinews800.conllu"
"$BIN/train-syntax" --reparse "$W/wikinews800.conllu" --model "$W" \
    --exclude $T/ud_english_ewt/en_ewt-ud-dev.conllu \
    --exclude $T/ud_english_ewt/en_ewt-ud-test.conllu \
    --exclude $T/ud_english_pud/en_pud-ud-test.conllu > "$W/uptrain.conllu"
# 3. The greedy parser (dynamic oracle) on EWT train + the beam parses.
# shellcheck disable=SC2086
"$BIN/train-syntax" $COMMON --parser-epochs 18 --extra "$W/uptrain.conllu" --out data/syntax \
    --pud $T/ud_english_pud/en_pud-ud-test.conllu
