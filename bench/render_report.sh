#!/bin/sh
# bench/render_report.sh [BIN] [DB] [OUT.png] - render `tacitus report` in headless Chromium
# (Debian's chromium package) to a PNG so a person can look at it.  Without DB, a database of
# 20,000 synthetic events (bench/gen_events.py) is made first.  The HTML is kept next to the
# PNG (OUT.html).  Chromium runs with networking and background services off.
set -eu
BIN=${1:-build/bin/tacitus}
DB=${2:-}
OUT=${3:-report.png}
HERE=$(cd "$(dirname "$0")" && pwd)
CHROME=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$CHROME" ]; then
    echo "render_report: chromium not found (apt-get install chromium)" >&2
    exit 1
fi
W=$(mktemp -d /tmp/tc-report.XXXXXX)
trap 'rm -rf "$W"' EXIT
if [ -z "$DB" ]; then
    DB="$W/events.db"
    python3 "$HERE/gen_events.py" 20000 --seed 3 --days 180 --start 2025-09-01 > "$W/events.jsonl"
    "$BIN" ingest -q --db "$DB" "$W/events.jsonl"
fi
HTML="${OUT%.png}.html"
"$BIN" report -q --db "$DB" -o "$HTML" --max-events 300
ABS=$(cd "$(dirname "$HTML")" && pwd)/$(basename "$HTML")
"$CHROME" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$W/profile" --hide-scrollbars --screenshot="$OUT" --window-size=1400,3000 \
    "file://$ABS" 2>"$W/chromium.log" || { cat "$W/chromium.log" >&2; exit 1; }
echo "render_report: $HTML -> $OUT"
