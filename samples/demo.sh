#!/bin/sh
# make demo: code the team's sample news (and ../shared/seeds when present) and show
# the events as a table.  $1 = the tacitus binary.
BIN=${1:-bin/tacitus}
cd "$(dirname "$0")/.." || exit 1
echo "== tacitus code: sample news written by the tacitus team (samples/news)"
echo
"$BIN" code --format table --date 2022-03-05 samples/news/geneva-talks.txt samples/news/border-clash.txt || exit 1
echo
"$BIN" code --format table samples/news/wire.jsonl || exit 1
if [ -d ../shared/seeds ]; then
    echo
    echo "== tacitus code: five real scraped articles (../shared/seeds), dates from samples/seeds.meta.tsv"
    echo
    "$BIN" code --format table --meta samples/seeds.meta.tsv ../shared/seeds || exit 1
else
    echo "(../shared/seeds not present: skipping the real-article part of the demo)"
fi
