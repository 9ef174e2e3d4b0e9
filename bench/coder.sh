#!/bin/sh
# bench/coder.sh - the CAMEO coder on given UD parses, and the validation suites.
#   sh bench/coder.sh [BIN]     (run from the repo root; needs ../shared)
# Speed: the GigaWord sample's CoNLL-U parses (76 sentences) coded REPEAT times with
# CAMEO.2.0 + the Phoenix actor/agent dictionaries by `tacitus validate --bench`, which
# prints process CPU seconds (the machine is shared, so wall time is not a fair measure):
# "parse alone" = REPEAT passes reading each CoNLL-U block into a document, "parse+code"
# = the same plus tc_code_doc, "coding only" = the difference.  Dictionary loading is
# timed by the same command; peak RSS and wall time of the run come from /usr/bin/time.
# Accuracy: pass counts and per-category tables of the shared validation suites.
BIN=${1:-bin/tacitus}
REPEAT=${CODER_BENCH_REPEAT:-1000}
E=../shared/data/eventcoders
P=$E/petrarch2/dictionaries
G=$E/UniversalPetrarch/text/GigaWord.sample.PETR_parsed.xml
if [ ! -f "$G" ]; then echo "coder: $G not present; skipping"; exit 0; fi
echo "coder speed: $BIN validate $G --verbs CAMEO.2.0.txt --actors Phoenix.{Countries,International,MilNonState}.actors.txt --agents Phoenix.agents.txt --bench $REPEAT"
/usr/bin/env time -f "coder: wall %e s, peak RSS %M KB" "$BIN" validate "$G" --verbs $P/CAMEO.2.0.txt \
    --actors $P/Phoenix.Countries.actors.txt,$P/Phoenix.International.actors.txt,$P/Phoenix.MilNonState.actors.txt \
    --agents $P/Phoenix.agents.txt --bench "$REPEAT" 2>&1 | grep -v "warning:"
for suite in "$E/suites/ud-unit-2.0/PETR.UnitTest.records.parsing_parsed_udpipe_2.0.xml" \
             "$E/UniversalPetrarch/branch-dev-validate/validate/PETR_Validate_records_2_02.xml"; do
    [ -f "$suite" ] || continue
    echo "coder accuracy: $BIN validate $suite"
    "$BIN" validate "$suite" 2>/dev/null | sed -n '/^category/,$p'
    echo "coder accuracy (all categories, ignoring <Include>): $BIN validate --all-categories $suite"
    "$BIN" validate --all-categories "$suite" 2>/dev/null | tail -1
done
