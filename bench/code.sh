#!/bin/sh
# End-to-end speed of `tacitus code` (raw text -> events: read, clean, split, tag,
# parse, code) on the Reuters-21578 and BBC News corpora, with 1 and 2 threads.
# Baseline in the same run: `tacitus split` (read + split + tokenise) on the same input.
BIN=${1:-bin/tacitus}
R=../shared/data/corpora/news/reuters21578/reuters21578.jsonl.gz
B=../shared/data/corpora/news/bbc
N=${CODE_BENCH_DOCS:-3000}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# a fixed slice of Reuters (first N documents with a body) as plain JSONL
zcat "$R" | grep '"body": *"[^"]' | head -n "$N" > "$tmp/reuters.jsonl"
# wall seconds and CPU seconds (user + system) of a command
secs() { /usr/bin/env time -f "%e %U %S" "$@" 2>&1 >/dev/null | tail -1 | awk '{print $1}'; }
cpus() { /usr/bin/env time -f "%e %U %S" "$@" 2>&1 >/dev/null | tail -1 | awk '{print $2 + $3}'; }
for corpus in reuters bbc; do
    if [ $corpus = reuters ]; then in="$tmp/reuters.jsonl"; else in="$B"; fi
    "$BIN" split "$in" 2>/dev/null > "$tmp/sents"
    nsent=$(wc -l < "$tmp/sents")
    tsplit=$(secs "$BIN" split "$in")
    for t in 1 2; do
        "$BIN" code -q -j $t --date 1987-03-01 "$in" > "$tmp/ev.$t" 2>/dev/null
        tcode=$(secs "$BIN" code -q -j $t --date 1987-03-01 "$in")
        ccode=$(cpus "$BIN" code -q -j $t --date 1987-03-01 "$in")
        nev=$(wc -l < "$tmp/ev.$t")
        awk -v c=$corpus -v t=$t -v n=$nsent -v s=$tcode -v cpu=$ccode -v b=$tsplit -v e=$nev 'BEGIN {
            printf "code %-7s threads=%d: %d sentences, %d events in %.2f s wall = %.0f sentences/s (%.0f per CPU second; split alone: %.0f sentences/s wall; code/split time ratio %.1f)\n",
                   c, t, n, e, s, n / (s > 0 ? s : 0.001), n / (cpu > 0 ? cpu : 0.001), n / (b > 0 ? b : 0.001), s / (b > 0 ? b : 0.001) }'
    done
    if ! cmp -s "$tmp/ev.1" "$tmp/ev.2"; then echo "code $corpus: WARNING: output differs between 1 and 2 threads"; fi
done
