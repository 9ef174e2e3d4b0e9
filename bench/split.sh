#!/bin/sh
# bench/split.sh [TACITUS]: sentence splitting + tokenisation.
#  1. throughput of split+tokenise (CPU time inside tc_split_doc, rules only and
#     with the boundary model when models/splitter.bin exists), of
#     read+split+write and read+clean+split+write, on the Reuters-21578 JSONL;
#     baseline: `wc -w` over the same decompressed input (CPU time);
#  2. Pragmatic Segmenter golden rules and the pySBD sets (bench/sbd_golden.py);
#  3. UD English EWT test: Tokens / Words / Sentences F1 the CoNLL 2018 way
#     (bench/ud_seg.py; `tacitus eval-ud` computes the same).
BIN=${1:-bin/tacitus}
cd "$(dirname "$0")/.." || exit 1
S=../shared/data
R=$S/corpora/news/reuters21578/reuters21578.jsonl.gz
MODEL=models/splitter.bin
if [ ! -f "$R" ]; then
    echo "bench/split.sh: $R not present; skipping"
    exit 0
fi

echo "== throughput (Reuters-21578, one core; CPU seconds)"
# best of 3 runs (the machine is shared; CPU time still varies with load)
best3() {
    for k in 1 2 3; do
        "$BIN" split --time "$@" "$R" 2>&1 >/dev/null | grep 'split+tokenise'
    done | sort -t= -k2 -n -r | head -1
}
echo "\$ $BIN split --time --no-model $R > /dev/null      (best of 3)"
LINE=$(best3 --no-model)
echo "$LINE"
RULES_MBS=$(echo "$LINE" | sed -n 's/.*split+tokenise [0-9.]* s CPU = \([0-9.]*\) MB.*/\1/p')
if [ -f "$MODEL" ]; then
    echo "\$ $BIN split --time --model $MODEL $R > /dev/null      (best of 3)"
    best3 --model "$MODEL"
fi
echo "\$ $BIN split --time --clean --no-model $R > /dev/null      (clean time on the line before)"
"$BIN" split --time --clean --no-model "$R" 2>&1 >/dev/null | grep -v 'documents read'
TMP=$(mktemp)
gzip -dc "$R" > "$TMP"
python3 - "$TMP" "$RULES_MBS" <<'PY'
import os, resource, subprocess, sys
path = sys.argv[1]
ours = float(sys.argv[2] or 0)
size = os.path.getsize(path) / 1e6
r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
subprocess.run(["wc", "-w", path], stdout=subprocess.DEVNULL, check=True)
r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
print("baseline: wc -w on the decompressed input (%.2f MB): %.3f s CPU = %.1f MB/s"
      % (size, cpu, size / cpu if cpu > 0 else 0.0))
if cpu > 0 and ours:
    print("ratio: split+tokenise (rules) runs at %.2f x the speed of wc -w" % (ours / (size / cpu)))
PY
rm -f "$TMP"

echo "== sentence boundary test suites"
echo "\$ python3 bench/sbd_golden.py --bin $BIN $S/sbd/*.jsonl"
python3 bench/sbd_golden.py --bin "$BIN" -q $S/sbd/pragmatic_segmenter_golden_rules_en.jsonl \
    $S/sbd/pysbd_golden_rules_en.jsonl $S/sbd/pysbd_en_tests_noclean.jsonl \
    $S/sbd/pysbd_en_tests_clean.jsonl $S/sbd/pysbd_regression_issues.jsonl

echo "== UD English EWT test (CoNLL 2018 semantics)"
D=$S/ud/UD_English-EWT
if [ -f "$MODEL" ]; then
    echo "\$ python3 bench/ud_seg.py --bin $BIN $D/en_ewt-ud-test.conllu $D/en_ewt-ud-test.txt   (model $MODEL)"
    python3 bench/ud_seg.py --bin "$BIN" $D/en_ewt-ud-test.conllu $D/en_ewt-ud-test.txt
fi
echo "rules only: $BIN split --no-model --conllu en_ewt-ud-test.txt, scored by bench/ud_seg.py"
TMPD=$(mktemp -d)
"$BIN" split --no-model --conllu $D/en_ewt-ud-test.txt > "$TMPD/sys.conllu" 2>/dev/null
python3 bench/ud_seg.py $D/en_ewt-ud-test.conllu "$TMPD/sys.conllu"
rm -rf "$TMPD"
if "$BIN" eval-ud --help >/dev/null 2>&1; then
    echo "cross-check with tacitus eval-ud (same CoNLL 2018 semantics):"
    TMPD=$(mktemp -d)
    "$BIN" split --conllu $D/en_ewt-ud-test.txt > "$TMPD/sys.conllu" 2>/dev/null
    echo "\$ $BIN split --conllu en_ewt-ud-test.txt > sys.conllu; $BIN eval-ud en_ewt-ud-test.conllu sys.conllu"
    "$BIN" eval-ud $D/en_ewt-ud-test.conllu "$TMPD/sys.conllu" 2>&1 | sed -n '1,5p'
    rm -rf "$TMPD"
fi
