#!/usr/bin/env bash
# Compares live previews on one generated corpus of N documents per
# language: how long after saving a document the preview serves the page
# with the edit (bench/servelatency), for an edit to its body and to its
# title, in risalah serve and in hugo server (its default fast-render mode,
# and with --disableFastRender).
#
#   bench/serve-compare.sh N [EDITS]
#
# Hugo: $HUGO, else `hugo` on the PATH.
set -euo pipefail
N=${1:-5000}
EDITS=${2:-10}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
HUGO=${HUGO:-$(command -v hugo || true)}
work=$(mktemp -d "${TMPDIR:-/tmp}/risalah-serve-bench-XXXXXX")
server=
stop() { if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; server=; fi; }
trap 'stop; rm -rf "$work"' EXIT

go build -o "$work/risalah" ./cmd/risalah
go build -o "$work/lat" ./bench/servelatency
go run ./bench/corpus -n "$N" -o "$work/site" >/dev/null
if [ -n "$HUGO" ]; then go run ./bench/hugosite -n "$N" -o "$work/hugo" >/dev/null; fi
key=$(printf 'news-%05d' $((N * 60 / 100 / 2)))
echo "corpus: $N documents per language; $EDITS edits of content/news/$key.id.md each; $(nproc) cores"

# ready URL LOG: waits until the page answers, and says how long that took.
ready() {
  local start=$SECONDS
  until curl -sf -o /dev/null "$1"; do
    kill -0 "$server" 2>/dev/null || { cat "$2"; exit 1; }
    sleep 0.2
  done
  echo "  first build and serving: $((SECONDS - start)) s"
}
measure() {
  for e in body title; do
    printf '  '; "$work/lat" -file "$1" -url "$2" -n "$EDITS" -edit "$e"
  done
}

echo "risalah serve"
"$work/risalah" serve -s "$work/site" --port 18313 >"$work/risalah.log" 2>&1 &
server=$!
ready "http://127.0.0.1:18313/berita/$key/" "$work/risalah.log"
measure "$work/site/content/news/$key.id.md" "http://127.0.0.1:18313/berita/$key/"
stop

if [ -n "$HUGO" ]; then
  for mode in "" --disableFastRender; do
    echo "hugo server $mode"
    "$HUGO" server -s "$work/hugo" --port 18314 --bind 127.0.0.1 --disableLiveReload $mode >"$work/hugo.log" 2>&1 &
    server=$!
    ready "http://127.0.0.1:18314/news/$key/" "$work/hugo.log"
    measure "$work/hugo/content/news/$key.id.md" "http://127.0.0.1:18314/news/$key/"
    stop
  done
fi
