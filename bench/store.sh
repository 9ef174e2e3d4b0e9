#!/bin/sh
# bench/store.sh [BIN] - event store speed: ingest events/s and a dyad + date-range query over
# N (default 1,000,000) synthetic events, each next to a baseline on the same rows.
#   baseline ingest: Python's sqlite3 executemany of the same rows into one plain table
#                    (no dedup, no indexes, no FTS), JSON parsing not timed;
#   baseline query:  the same dyad/date SQL run by the sqlite3 shell on the tacitus database.
# Environment: N (events), KEEP=1 keeps the work directory.
set -eu
BIN=${1:-build/bin/tacitus}
N=${N:-1000000}
HERE=$(cd "$(dirname "$0")" && pwd)
W=$(mktemp -d /tmp/tc-store-bench.XXXXXX)
trap '[ "${KEEP:-0}" = 1 ] || rm -rf "$W"' EXIT
now() { date +%s.%N; }
echo "store bench: $N synthetic events (bench/gen_events.py), work dir $W"
nice python3 "$HERE/gen_events.py" "$N" --seed 7 > "$W/events.jsonl"
echo "  input: $(wc -c < "$W/events.jsonl") bytes"

# --- ingest ---
t0=$(now)
/usr/bin/time -f "%U %S" -o "$W/cpu" "$BIN" ingest -q --db "$W/ev.db" "$W/events.jsonl"
t1=$(now)
read -r u s < "$W/cpu"
python3 - "$N" "$t0" "$t1" "$u" "$s" <<'PY'
import sys
n, t0, t1, u, s = int(sys.argv[1]), *map(float, sys.argv[2:])
print("  tacitus ingest: %.2f s wall (%.2f s CPU) = %.0f events/s wall, %.0f events/s CPU"
      % (t1 - t0, u + s, n / (t1 - t0), n / (u + s)))
PY
python3 - "$W/events.jsonl" "$W/raw.db" <<'PY'
import json, sqlite3, sys, time
rows = []
for line in open(sys.argv[1]):
    e = json.loads(line)
    rows.append((e["doc"], e["sent"], e["date"], e["source"], e["target"], e["code"],
                 e.get("sentence"), e.get("url"), e.get("outlet")))
db = sqlite3.connect(sys.argv[2])
db.execute("PRAGMA journal_mode=WAL")
db.execute("PRAGMA synchronous=NORMAL")
db.execute("CREATE TABLE raw(doc, sent, date, source, target, code, sentence, url, outlet)")
t0 = time.time()
db.executemany("INSERT INTO raw VALUES(?,?,?,?,?,?,?,?,?)", rows)
db.commit()
t1 = time.time()
print("  baseline (python sqlite3 executemany, 1 table, no indexes/dedup/FTS): %.2f s = %.0f rows/s"
      % (t1 - t0, len(rows) / (t1 - t0)))
PY
sqlite3 "$W/ev.db" "SELECT '  stored: ' || (SELECT count(*) FROM events) || ' events, ' || (SELECT count(*) FROM mentions) || ' mentions, ' || (SELECT count(*) FROM documents) || ' documents'"
echo "  database size: $(du -k "$W/ev.db" | cut -f1) KiB"

# --- dyad + date range query ---
# Each run is a whole `tacitus query` process (open, query, CSV out); wall and CPU time
# (user+sys from rusage) are printed: on a shared, loaded machine wall time includes waiting
# for a CPU.
python3 - "$BIN" "$W/ev.db" <<'PY'
import resource, subprocess, sys, time
binp, db = sys.argv[1], sys.argv[2]
FROM, TO = "2024-06-01", "2024-08-31"
def run(cmd):
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    out = subprocess.run(cmd, stdout=subprocess.PIPE, check=True).stdout
    t1 = time.perf_counter()
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
    return t1 - t0, cpu, out
def best(cmd, k=7):
    res = [run(cmd) for _ in range(k)]
    return min(r[0] for r in res), min(r[1] for r in res), res[0][2]
w, c, out = best([binp, "query", "-q", "--db", db, "--dyad", "USA,RUS", "--from", FROM, "--to", TO,
                  "--format", "csv"])
n = out.count(b"\n") - 1
print("  tacitus query --dyad USA,RUS --from %s --to %s: %d events; best of 7: %.1f ms wall, %.1f ms CPU"
      % (FROM, TO, n, w * 1000, c * 1000))
sql = ("SELECT * FROM events WHERE ((source >= 'USA' AND source < 'USB' AND target >= 'RUS' AND "
       "target < 'RUT') OR (source >= 'RUS' AND source < 'RUT' AND target >= 'USA' AND target < 'USB'))"
       " AND date >= '%s' AND date <= '%s' ORDER BY date, id" % (FROM, TO))
w, c, out = best(["sqlite3", db, sql])
print("  baseline sqlite3 shell, same filter on the events table (no joins, prefix ranges only): "
      "%d rows; best of 7: %.1f ms wall, %.1f ms CPU" % (out.count(b"\n"), w * 1000, c * 1000))
PY
