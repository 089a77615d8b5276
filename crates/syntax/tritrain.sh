#!/bin/sh
# Tri-training (Li et al. 2014, Weiss et al. 2015) with a reparsing ensemble as the teacher
# (Sagae & Lavie 2006); see crates/syntax/RESULTS.md "Session 5". Run from the workspace root;
# every step reproduces its output byte for byte.
#  1. Six greedy keyless parsers trained on EWT train: seeds 1-3 left-to-right, and seeds 1-3
#     right-to-left (trained on the reversed treebank, `train-syntax --reverse`).
#  2. All Wikinews articles (CC BY 4.0), split and tokenised by `caspian parse`, re-parsed by the
#     ensemble of the six (tags from the seed-1 left-to-right model, arcs by a maximum spanning
#     tree of the votes, right-to-left votes weighted 0.6), sentences of 5-50 words, none that
#     occurs in EWT dev/test or PUD. Sentence mode (ARC_MIN empty): sentences on which at
#     least MIN_AGREE members have the ensemble's exact tree (37.5k sentences, 745k words with
#     2). Arc mode (ARC_MIN set, partial annotation, RESULTS.md "Session 7"): every sentence,
#     each arc kept only if members with at least the share ARC_MIN of the total vote weight
#     have the ensemble's head (else HEAD `_`: unknown, any head is right in training), sentences
#     with fewer than the share MIN_KNOWN of known arcs dropped; with MIN_AGREE > 0 the
#     sentences on which MIN_AGREE members agree keep all their arcs.
#  3. The student: the same greedy keyless model trained on EWT train + dev (gold twice: the
#     treebank files are passed again with --extra) + the silver trees.
# Environment: TRITRAIN_DIR (scratch, default $TMPDIR/caspian-tritrain), TRITRAIN_OUT (the
# student's tagger.bin/parser.bin, default $TRITRAIN_DIR/student), MIN_AGREE (default 2),
# ARC_MIN (default empty: sentence mode; 0.75 = Session 7 setting A, with MIN_AGREE=0), MIN_KNOWN
# (default 0.5), MAX_WORDS (longest silver sentence, default 50),
# STUDENT_DEV (1 = train the student on train + dev, the final model; 0 = train only, to score
# it on dev), MEMBER_DEV (1 = the six members are trained on train + dev too: a stronger teacher
# for the final student; 0 = train only, needed to score the members or a student on dev). ~15 min after the build on the shared machine (members 68-123 s each, reparse
# ~3 min, student 255 s); a full run reproduced every step's output byte for byte.
# Members whose parser.bin is already in TRITRAIN_DIR are not retrained, and an existing
# TRITRAIN_DIR/wikinews.conllu is not regenerated, so steps 2-3 can be rerun alone: delete them
# to rebuild (e.g. after changing MEMBER_DEV).
set -eu
T=../shared/treebanks
W=${TRITRAIN_DIR:-${TMPDIR:-/tmp}/caspian-tritrain}
OUT=${TRITRAIN_OUT:-$W/student}
MIN_AGREE=${MIN_AGREE:-2}
ARC_MIN=${ARC_MIN-}
MIN_KNOWN=${MIN_KNOWN:-0.5}
MAX_WORDS=${MAX_WORDS:-50}
STUDENT_DEV=${STUDENT_DEV:-1}
MEMBER_DEV=${MEMBER_DEV:-0}
BIN=${CARGO_TARGET_DIR:-target}/release
mkdir -p "$W/tb_r2l" "$OUT"
cargo build --release -p syntax --bin train-syntax
cargo build --release -p caspian
COMMON="--tagger-epochs 10 --parser-epochs 18 --jackknife 4 --prune 1
    --clusters data/syntax/clusters/clusters.tsv --dict-min 20 --dict-purity 0.995 --trans-bits 22"
for p in train dev test; do
    "$BIN/train-syntax" --reverse $T/ud_english_ewt/en_ewt-ud-$p.conllu > "$W/tb_r2l/en_ewt-ud-$p.conllu"
done
# 1. The ensemble members.
MEMBERS=""
MDEV=""
if [ "$MEMBER_DEV" = 1 ]; then MDEV="--with-dev"; fi
for dir in l2r r2l; do
    for s in 1 2 3; do
        mkdir -p "$W/$dir$s"
        if [ $dir = l2r ]; then tb=$T/ud_english_ewt; flag=--member; else tb=$W/tb_r2l; flag=--member-rev; fi
        MEMBERS="$MEMBERS $flag $W/$dir$s"
        if [ -e "$W/$dir$s/parser.bin" ]; then
            echo "tritrain: reusing $W/$dir$s" >&2
            continue
        fi
        # shellcheck disable=SC2086
        "$BIN/train-syntax" --treebank "$tb" --seed $s $COMMON $MDEV --out "$W/$dir$s" > "$W/$dir$s/log.txt" 2>&1
    done
done
# 2. Silver trees.
if [ -e "$W/wikinews.conllu" ]; then
    echo "tritrain: reusing $W/wikinews.conllu" >&2
else
    "$BIN/caspian" parse ../shared/corpus/news_wikinews_toscadata/articles.jsonl > "$W/wikinews.conllu.tmp"
    mv "$W/wikinews.conllu.tmp" "$W/wikinews.conllu"
fi
SELECT="--min-agree $MIN_AGREE"
SILVER="$W/silver.conllu"
if [ -n "$ARC_MIN" ]; then
    SELECT="$SELECT --arc-min $ARC_MIN --min-known $MIN_KNOWN"
    # A file of its own, so the sentence-mode silver.conllu is not overwritten.
    SILVER="$W/silver-arc$ARC_MIN-known$MIN_KNOWN-agree$MIN_AGREE-max$MAX_WORDS.conllu"
fi
# shellcheck disable=SC2086
"$BIN/train-syntax" --reparse "$W/wikinews.conllu" $MEMBERS --weights 1,1,1,0.6,0.6,0.6 $SELECT \
    --min-words 5 --max-words "$MAX_WORDS" \
    --exclude $T/ud_english_ewt/en_ewt-ud-dev.conllu \
    --exclude $T/ud_english_ewt/en_ewt-ud-test.conllu \
    --exclude $T/ud_english_pud/en_pud-ud-test.conllu > "$SILVER"
# 3. The student.
GOLD="--extra $T/ud_english_ewt/en_ewt-ud-train.conllu"
DEV=""
if [ "$STUDENT_DEV" = 1 ]; then DEV="--with-dev"; GOLD="$GOLD --extra $T/ud_english_ewt/en_ewt-ud-dev.conllu"; fi
# shellcheck disable=SC2086
"$BIN/train-syntax" --treebank $T/ud_english_ewt --seed 1 $COMMON $DEV --extra "$SILVER" $GOLD \
    --out "$OUT" --pud $T/ud_english_pud/en_pud-ud-test.conllu
