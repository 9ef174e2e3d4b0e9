#!/bin/sh
# bench/tagger.sh - tagger + lemmatizer: speed and accuracy on UD English, gold tokens.
#   sh bench/tagger.sh [BIN]        (run from anywhere; needs ../shared)
# Speed: EWT test repeated $REPEAT times (default 10) is tagged (UPOS/XPOS/UFeats)
# and lemmatised by `tacitus eval-ud --no-parser`, which reports the words and
# the CPU seconds of tagging+lemmatising alone (model loading and reading excluded).
# Accuracy: `tacitus eval-ud --no-parser --json` on EWT test and PUD test
# (CoNLL 2018 F1 = accuracy with gold tokens).
BIN=${1:-bin/tacitus}
cd "$(dirname "$0")/.." || exit 1
case $BIN in /*) ;; *) BIN=$PWD/$BIN ;; esac
U=../shared/data/ud
EWT=$U/UD_English-EWT/en_ewt-ud-test.conllu
PUD=$U/UD_English-PUD/en_pud-ud-test.conllu
TAGGER=${TAGGER:-models/tagger.bin}
REPEAT=${REPEAT:-10}
if [ ! -f "$EWT" ]; then
    echo "bench/tagger: $EWT not present; skipping"
    exit 0
fi
if [ ! -f "$TAGGER" ]; then
    echo "bench/tagger: $TAGGER not present (run make models); skipping"
    exit 0
fi
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
i=0
while [ $i -lt "$REPEAT" ]; do cat "$EWT"; i=$((i + 1)); done > "$TMP/rep.conllu"

echo "== speed: tag + lemmatize EWT test x $REPEAT, gold tokens, one core (CPU time)"
echo "   $BIN eval-ud EWTx$REPEAT --no-parser --tagger $TAGGER"
"$BIN" eval-ud "$TMP/rep.conllu" --no-parser --tagger "$TAGGER" 2>&1 >/dev/null |
    awk '/words,/ { for (i = 1; i <= NF; i++) { if ($(i+1) == "words,") w = $i; if ($(i+1) == "tokens;") t = $i;
                     if ($i == "tag+lemma") s = $(i+1) }
                   printf "   words %d  tokens %d  CPU %.3f s  -> %.0f words/s, %.0f tokens/s\n", w, t, s, w / s, t / s }'
ls -l "$TAGGER" | awk '{ printf "   model %s: %.1f MB\n", $NF, $5 / 1048576 }'

echo "== accuracy: gold tokens (F1 = accuracy), predicted tags for lemmas"
for f in "$EWT" "$PUD"; do
    [ -f "$f" ] || continue
    printf "   %-24s " "$(basename "$f")"
    "$BIN" eval-ud "$f" --no-parser --json -q --tagger "$TAGGER" 2>/dev/null
done
