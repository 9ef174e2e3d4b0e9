#!/bin/sh
# bench/parse.sh - dependency parser: speed, memory and accuracy on UD English.
#   sh bench/parse.sh [BIN]        (run from anywhere; needs ../shared)
# Speed: EWT train+dev+test CoNLL-U (gold tokens) repeated $PASSES times is
# tagged and parsed by `tacitus parse --input-format conllu --timing`, which
# prints words and CPU seconds per stage (tag = the tagger alone, the baseline;
# parse = the parser alone; tag+parse = both).  Wall time and peak RSS of the
# whole command come from /usr/bin/time.
# Accuracy: EWT test and PUD test, gold tokens with predicted tags, and EWT
# test from raw text, scored by `tacitus eval-ud` (CoNLL 2018 semantics) when
# available, else by the small scorer below (gold tokens only; LAS compares the
# universal part of DEPREL as CoNLL 2018 does).
BIN=${1:-bin/tacitus}
cd "$(dirname "$0")/.." || exit 1
case $BIN in /*) ;; *) BIN=$PWD/$BIN ;; esac
U=../shared/data/ud
EWT=$U/UD_English-EWT
PUD=$U/UD_English-PUD
PASSES=${PASSES:-3}
if [ ! -f "$EWT/en_ewt-ud-test.conllu" ]; then
    echo "bench/parse: $EWT not present; skipping"
    exit 0
fi
MODELS="--parser ${PARSER:-models/parser.bin} --tagger ${TAGGER:-models/tagger.bin}"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

score() { # GOLD SYS -> "words N UAS x LAS y"
    awk -F'\t' 'FNR==NR { if ($1 ~ /^[0-9]+$/) { n++; gh[n]=$7; gl[n]=$8 } next }
        $1 ~ /^[0-9]+$/ { m++; if ($7==gh[m]) { u++; a=$8; b=gl[m]; sub(/:.*/,"",a); sub(/:.*/,"",b); if (a==b) l++ } }
        END { if (m != n) { printf "token mismatch (%d vs %d)\n", n, m; exit 1 }
              printf "words %d  UAS %.2f  LAS %.2f\n", n, 100*u/n, 100*l/n }' "$1" "$2"
}

have_eval=0
if "$BIN" eval-ud --help >/dev/null 2>&1; then have_eval=1; fi

echo "== speed: EWT train+dev+test x $PASSES, gold tokens (CPU time per stage)"
cat "$EWT/en_ewt-ud-train.conllu" "$EWT/en_ewt-ud-dev.conllu" "$EWT/en_ewt-ud-test.conllu" \
    >"$TMP/all.conllu"
set --
i=0
while [ $i -lt "$PASSES" ]; do
    set -- "$@" "$TMP/all.conllu"
    i=$((i + 1))
done
echo "\$ tacitus parse $MODELS --input-format conllu --timing ALL.conllu (x$PASSES) >/dev/null"
/usr/bin/time -v "$BIN" parse $MODELS --input-format conllu --timing "$@" \
    >/dev/null 2>"$TMP/time.txt"
grep -E "parse:|words/s" "$TMP/time.txt"
grep -E "Elapsed|Maximum resident" "$TMP/time.txt" | sed 's/^[[:space:]]*/  /'

echo "== load time (parse of an empty input, wall clock, models only)"
/usr/bin/time -f "  %e s wall, %M KB peak" "$BIN" parse $MODELS --input-format conllu /dev/null

for set in "EWT test:$EWT/en_ewt-ud-test.conllu" "PUD test:$PUD/en_pud-ud-test.conllu"; do
    name=${set%%:*}
    gold=${set#*:}
    [ -f "$gold" ] || continue
    "$BIN" parse $MODELS --input-format conllu "$gold" >"$TMP/sys.conllu"
    echo "== $name, gold tokens, predicted tags"
    echo "  $(score "$gold" "$TMP/sys.conllu")"
    if [ $have_eval = 1 ]; then
        "$BIN" eval-ud "$gold" "$TMP/sys.conllu" | grep -E "UPOS|UAS|LAS"
    fi
    "$BIN" parse $MODELS --keep-tags --input-format conllu "$gold" >"$TMP/sysg.conllu"
    echo "== $name, gold tokens, gold tags (parser alone)"
    echo "  $(score "$gold" "$TMP/sysg.conllu")"
done
for set in "EWT test:$EWT/en_ewt-ud-test" "PUD test:$PUD/en_pud-ud-test"; do
    name=${set%%:*}
    base=${set#*:}
    [ $have_eval = 1 ] && [ -f "$base.txt" ] || continue
    echo "== $name from raw text"
    "$BIN" parse $MODELS "$base.txt" >"$TMP/raw.conllu"
    "$BIN" eval-ud "$base.conllu" "$TMP/raw.conllu" | grep -E "Tokens|Sentences|UPOS|UAS|LAS"
done
