#!/bin/sh
# bench/read.sh - throughput of the document readers alone on the Reuters-21578
# JSONL.gz corpus (../shared), against `zcat | wc -c` (decompression only) as the
# baseline.  Prints MB of decompressed input per CPU second and documents/s.
# usage: sh bench/read.sh [BUILD_DIR | path/to/bin/tacitus]   (default: build; the
# library BUILD_DIR/libtacitus.a must be built; bench/run.sh passes the binary)
set -e
BUILD=${1:-build}
if [ -f "$BUILD" ]; then                 # the tacitus binary: bin/tacitus or DIR/bin/tacitus
    BUILD=$(dirname "$(dirname "$BUILD")")
    [ "$BUILD" = "." ] && BUILD=build
fi
CORPUS=../shared/data/corpora/news/reuters21578/reuters21578.jsonl.gz
if [ ! -f "$CORPUS" ]; then echo "skip: $CORPUS not present"; exit 0; fi
if [ ! -f "$BUILD/libtacitus.a" ]; then echo "bench/read.sh: build $BUILD/libtacitus.a first (make BUILD=$BUILD)"; exit 1; fi
BIN="$BUILD/bench/read_bench"
mkdir -p "$BUILD/bench"
${CC:-cc} -O2 -std=c17 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Isrc bench/read_bench.c \
    "$BUILD/libtacitus.a" $(pkg-config --libs sqlite3 libxml-2.0 jansson libutf8proc zlib libzstd libdeflate) \
    -lm -lpthread -o "$BIN"
TMP=${TMPDIR:-/tmp}/tacitus-read-bench.$$
trap 'rm -f "$TMP" "$TMP.jsonl" "$TMP.zst"' EXIT
# baseline: decompression alone (CPU seconds of zcat)
/usr/bin/time -f "%U %S" -o "$TMP" sh -c "zcat '$CORPUS' > '$TMP.jsonl'"
BASE=$(awk '{print $1 + $2}' "$TMP")
MB=$(wc -c < "$TMP.jsonl" | awk '{printf "%.1f", $1 / 1e6}')
echo "baseline: zcat | wc -c   $MB MB in ${BASE}s CPU = $(awk -v mb="$MB" -v s="$BASE" 'BEGIN{printf "%.0f", (s > 0 ? mb / s : 0)}') MB/s"
OUT=$("$BIN" -n 3 "$CORPUS")
echo "tacitus readers (jsonl.gz, 3 passes): $OUT"
R=$(echo "$OUT" | sed 's/.*mb_per_cpu_s=\([0-9.]*\).*/\1/')
echo "ratio: reader (read + gunzip + parse + documents) runs at $(awk -v r="$R" -v mb="$MB" -v s="$BASE" 'BEGIN{printf "%.2f", (s > 0 ? r / (mb / s) : 0)}')x the speed of zcat alone"
echo "plain (already decompressed) jsonl: $("$BIN" -n 3 "$TMP.jsonl")"
if command -v zstd > /dev/null; then
    zstd -q -3 -c "$TMP.jsonl" > "$TMP.zst"
    echo "jsonl.zst: $("$BIN" -n 3 "$TMP.zst")"
fi
