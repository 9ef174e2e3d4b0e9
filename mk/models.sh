#!/bin/sh
# make models: train the models under models/ from ../shared UD English EWT train.
# $1 = the tacitus binary.  Each trainer appends its own block below (append only).
BIN=${1:-bin/tacitus}
cd "$(dirname "$0")/.." || exit 1
EWT=../shared/data/ud/UD_English-EWT
if [ ! -f "$EWT/en_ewt-ud-train.conllu" ]; then
    echo "models: $EWT not present; nothing trained (the tools work without models)"
    exit 0
fi
mkdir -p models
set -e

# sentence-boundary classifier (src/nlp/split.c); a second or so
echo "models: splitter -> models/splitter.bin"
"$BIN" train splitter --train "$EWT/en_ewt-ud-train.conllu" -o models/splitter.bin 2>&1 | tail -1

# tagger (UPOS/XPOS/UFeats) + lemma table (src/nlp/tagger.c); the mean of 3 runs, each
# at its best dev epoch; about 2.5 minutes on one core
echo "models: tagger -> models/tagger.bin"
"$BIN" train tagger --train "$EWT/en_ewt-ud-train.conllu" --dev "$EWT/en_ewt-ud-dev.conllu" \
    -o models/tagger.bin --epochs 10 --seed 1 --mix 3 2>&1 | tail -1

# dependency parser (src/nlp/parser.c), trained on predicted tags: train twice, once with
# 5-fold jackknifed tags (5 taggers trained on 4/5 of train) and once with the tags
# models/tagger.bin predicts; int8 weights (2^21 transition, 2^16 label rows), 8 averaged
# runs; non-projective trees are lifted and the 12 most frequent lifts encoded in labels
# (pseudo-projective); about 8 minutes of CPU (half of it the fold taggers)
echo "models: parser -> models/parser.bin"
"$BIN" train parser --train "$EWT/en_ewt-ud-train.conllu" --dev "$EWT/en_ewt-ud-dev.conllu" \
    -o models/parser.bin --tagger models/tagger.bin --jackknife 5 --both-tags --mix 8 --seed 1 \
    --weight-bits 8 --trans-bits 21 --label-bits 16 2>&1 | tail -1
