#!/usr/bin/env bash
# Throughput and peak memory of `caspian code` on a JSONL corpus.
# Usage: bench/code-throughput.sh [CORPUS.jsonl] [THREADS]
# Default corpus: ../shared/corpus/news_wikinews_toscadata/articles.jsonl.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-../shared/corpus/news_wikinews_toscadata/articles.jsonl}
threads=${2:-1}
[ -f "$corpus" ] || { echo "skipping: $corpus not found"; exit 0; }
cargo build --release --quiet --bin caspian
bin=target/release/caspian
docs=$(wc -l < "$corpus")
bytes=$(python3 -c "import json,sys; print(sum(len(json.loads(l)['text'].encode()) for l in open(sys.argv[1])))" "$corpus")
tokens=$($bin parse "$corpus" 2>/dev/null | grep -c '^[0-9]' || true)
out=$(mktemp)
/usr/bin/time -v $bin code --threads "$threads" "$corpus" > "$out" 2> "$out.time"
secs=$(grep 'Elapsed (wall clock)' "$out.time" | awk '{print $NF}' | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
rss=$(grep 'Maximum resident set size' "$out.time" | awk '{print $NF}')
events=$(wc -l < "$out")
python3 - "$docs" "$bytes" "$tokens" "$secs" "$rss" "$events" "$threads" <<'PY'
import sys
docs, nbytes, tokens, secs, rss, events, threads = sys.argv[1:]
docs, nbytes, tokens, secs, rss, events = int(docs), int(nbytes), int(tokens), float(secs), int(rss), int(events)
print(f"threads={threads} docs={docs} tokens={tokens} MB={nbytes/1e6:.1f} events={events} seconds={secs:.2f}")
print(f"docs/s={docs/secs:.0f} tokens/s={tokens/secs:.0f} MB/s={nbytes/1e6/secs:.2f} peak_rss_MB={rss/1024:.0f}")
PY
rm -f "$out" "$out.time"
