#!/bin/sh
# Agreement between tacitus's default dictionaries and the Phoenix dictionaries
# (Phoenix actors/agents/discards + CAMEO.2.0 verbs), coding the same given UD parses
# of the GigaWord sample.  Prints events per dictionary set and the overlap of the
# (sentence, source, target, code) sets, also at the level of root codes and of
# source/target country (first three letters).
BIN=${1:-bin/tacitus}
S=../shared/data/eventcoders
G=$S/UniversalPetrarch/text/GigaWord.sample.PETR_parsed.xml
O=$S/openeventdata-Dictionaries
V=$S/UniversalPetrarch/dictionaries/CAMEO.2.0.txt
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$BIN" code -q --given-parse --format tsv "$G" > "$tmp/ours.tsv"
"$BIN" code -q --given-parse --format tsv "$G" \
    --actors $O/Phoenix.Countries.actors.txt --actors $O/Phoenix.International.actors.txt \
    --actors $O/Phoenix.MilNonState.actors.txt --agents $O/Phoenix.agents.txt \
    --discards $O/Phoenix.discards.txt --verbs $V > "$tmp/phx.tsv"
python3 - "$tmp/ours.tsv" "$tmp/phx.tsv" <<'PY'
import sys, csv
def load(p, level):
    rows = list(csv.DictReader(open(p), delimiter='\t'))
    out = set()
    for r in rows:
        s, t, c = r['source'], r['target'], r['code']
        if level == 'root': c = c[:2]
        if level == 'country': s, t, c = s[:3], t[:3], c[:2]
        out.add((r['doc'], r['sent'], s, t, c))
    return out
for level in ('full', 'root', 'country'):
    a, b = load(sys.argv[1], level), load(sys.argv[2], level)
    both = len(a & b)
    print(f"agreement {level:8s}: ours {len(a)}, phoenix {len(b)}, both {both}; "
          f"{100*both/max(1,len(a)):.1f}% of ours found by phoenix, {100*both/max(1,len(b)):.1f}% of phoenix found by ours, "
          f"Jaccard {100*both/max(1,len(a|b)):.1f}%")
PY
