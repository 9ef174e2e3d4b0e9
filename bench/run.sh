#!/bin/sh
# make bench: run every benchmark in bench/ that has its data (../shared) and print
# what it measures.  Each benchmark prints its own figures with the command behind them.
# $1 = the tacitus binary.
BIN=${1:-bin/tacitus}
cd "$(dirname "$0")/.." || exit 1
export TACITUS=$BIN
if [ ! -d ../shared ]; then
    echo "bench: ../shared not present: benchmarks need its corpora; skipping"
    exit 0
fi
for b in read split tagger parse coder code agreement web store; do
    if [ -x bench/$b.sh ] || [ -f bench/$b.sh ]; then
        echo "================================================================ bench/$b.sh"
        sh bench/$b.sh "$BIN" || echo "bench/$b.sh failed (exit $?)"
    fi
done
