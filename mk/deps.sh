#!/bin/sh
# deps.sh - make sure the Debian packages tacitus builds and runs with are present.
# As root it installs what is missing with apt-get; otherwise it prints the exact
# command and fails.  Writes the stamp file given as $1 on success.
set -e
PKGS="build-essential pkg-config libsqlite3-dev libxml2-dev libjansson-dev libutf8proc-dev
zlib1g-dev libzstd-dev libdeflate-dev libmicrohttpd-dev libcriterion-dev iso-codes wordnet-base"
if [ -n "$WITH_FUZZ" ]; then PKGS="$PKGS clang libclang-rt-14-dev"; fi
missing=""
for p in $PKGS; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
        missing="$missing $p"
    fi
done
if [ -n "$missing" ]; then
    cmd="apt-get install -y --no-install-recommends$missing"
    if [ "$(id -u)" = 0 ]; then
        echo "deps: installing$missing" >&2
        export DEBIAN_FRONTEND=noninteractive
        if ! $cmd >/dev/null 2>&1; then
            apt-get update -qq >/dev/null 2>&1 || true
            $cmd >/dev/null || { echo "deps: '$cmd' failed" >&2; exit 1; }
        fi
    else
        echo "deps: missing packages; run as root:  $cmd" >&2
        exit 1
    fi
fi
if [ -n "$1" ]; then mkdir -p "$(dirname "$1")" && touch "$1"; fi
