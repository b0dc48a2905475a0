#!/usr/bin/env bash
# Compares risalah with Hugo and with the naive floor program (bench/floor)
# on one generated bilingual corpus, and checks the targets of issue 10.
#
#   bench/compare.sh N [RUNS]                      N documents per language
#   HUGO=~/go/bin/hugo bench/compare.sh 1000 3     (defaults: N=1000, RUNS=3)
#
# Hugo is $HUGO, else `hugo` on the PATH (`CGO_ENABLED=0 go install
# github.com/gohugoio/hugo@v0.165.0`); without it the script still runs and
# leaves out what compares with Hugo. Hugo builds bench/hugosite, the same
# documents set up as Hugo's documentation recommends (see its comment).
#
# What it measures, as wall time and peak resident memory (/usr/bin/time),
# printing the median of RUNS runs of each:
#   cold  risalah, Hugo and the floor program each build the site from
#         scratch (output and caches deleted), alternately, RUNS times;
#   warm  risalah's rebuilds, with its output and build cache kept. Each of
#         RUNS runs makes one cold build (not measured), then measures:
#           first   the first rebuild, one document's body edited;
#           body    a later rebuild, the same document's body edited again;
#           title   a rebuild with the document's title edited;
#           none    a rebuild with nothing changed.
# Then the targets of issue 10, each with "met" or "NOT met":
#   cold build at least 3 times as fast as Hugo's; peak memory at most 1/8 of
#   Hugo's; a warm build with one document edited (first, body, title) at
#   most 1/20 of the cold build; with nothing changed at most 1/40; warm peak
#   memory no more than cold peak memory. risalah's time over the floor's is
#   printed as information.
set -euo pipefail
N=${1:-1000}
RUNS=${2:-3}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
HUGO=${HUGO:-$(command -v hugo || true)}
if [ -n "$HUGO" ] && ! command -v "$HUGO" >/dev/null; then
  echo "no Hugo at $HUGO: comparing with the floor program only" >&2
  HUGO=
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/risalah-bench-XXXXXX")
trap 'rm -rf "$work"' EXIT

go build -o "$work/risalah" ./cmd/risalah
go build -o "$work/floor" ./bench/floor
go run ./bench/corpus -n "$N" -o "$work/site"
if [ -n "$HUGO" ]; then go run ./bench/hugosite -n "$N" -o "$work/hugo"; fi
risalah=("$work/risalah" build -s "$work/site" -o "$work/out")

# run NAME CMD...: runs CMD under /usr/bin/time, appending "seconds
# kilobytes" to $work/NAME.txt; its output goes to $work/NAME.log.
run() {
  local name=$1; shift
  /usr/bin/time -f "%e %M" -o "$work/t" "$@" >"$work/$name.log" 2>&1 || { cat "$work/$name.log"; exit 1; }
  cat "$work/t" >>"$work/$name.txt"
}
# cold NAME CMD...: runs CMD from scratch and counts the files it wrote.
cold() {
  rm -rf "$work/out" "$work/.out.risalah" "$work/hugocache"
  sync
  run "$@"
  find "$work/out" -type f | wc -l >"$work/$1.files"
}

# --- cold builds
for _ in $(seq "$RUNS"); do
  cold risalah "${risalah[@]}"
  if [ -n "$HUGO" ]; then
    # Not --quiet, which hides Hugo's warnings and errors too.
    cold hugo "$HUGO" -s "$work/hugo" -d "$work/out" --cacheDir "$work/hugocache"
  fi
  cold floor "$work/floor" -s "$work/site" -o "$work/out"
done

# --- warm rebuilds of risalah
files=$(find "$work/site/content" -name '*.md' | wc -l)
doc=$(find "$work/site/content" -name '*.md' | sort | sed -n "$((files / 2))p")
for i in $(seq "$RUNS"); do
  rm -rf "$work/out" "$work/.out.risalah"
  "${risalah[@]}" >"$work/log" 2>&1 || { cat "$work/log"; exit 1; }
  printf '\nFirst edit of run %d.\n' "$i" >>"$doc"
  run first "${risalah[@]}"
  printf '\nSecond edit of run %d.\n' "$i" >>"$doc"
  run body "${risalah[@]}"
  sed -i "0,/^title: \"/s//title: \"Edited $i /" "$doc"
  run title "${risalah[@]}"
  run none "${risalah[@]}"
done

# --- report
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
col() { awk -v c="$2" '{print $c}' "$work/$1.txt" | median; } # col NAME 1: seconds; 2: KiB
calc() { awk "BEGIN {print $1}"; }
mib() { calc "$(col "$1" 2) / 1024"; }

echo "corpus: $N documents per language ($files files); $RUNS runs each; $(nproc) cores; $(uname -m)"
if [ -n "$HUGO" ]; then echo "hugo: $("$HUGO" version | head -1)"; fi
printf '%-8s %10s %10s %14s\n' cold "wall s" "peak MiB" "files written"
for t in risalah hugo floor; do
  [ -f "$work/$t.txt" ] || continue
  printf '%-8s %10.2f %10.0f %14d\n' "$t" "$(col "$t" 1)" "$(mib "$t")" "$(cat "$work/$t.files")"
done
if [ -f "$work/hugo.log" ]; then
  if grep -q -E '^(WARN|ERROR)' "$work/hugo.log"; then
    echo "hugo warned (last cold build):"; grep -E '^(WARN|ERROR)' "$work/hugo.log" | sed 's/^/  /'
  else
    echo "hugo: no warnings or errors"
  fi
fi
printf '%-8s %10s %10s   %s\n' warm "wall s" "peak MiB" "(risalah's summary of the last run)"
for t in first body title none; do
  printf '%-8s %10.2f %10.0f   %s\n' "$t" "$(col "$t" 1)" "$(mib "$t")" \
    "$(tail -1 "$work/$t.log" | sed 's/.*pages [^;]*; //; s/; output in.*//')"
done

# target LABEL VALUE OP LIMIT: one line with whether VALUE OP LIMIT holds.
target() {
  local ok
  ok=$(awk -v v="$2" -v l="$4" -v op="$3" 'BEGIN {print (op == ">=") ? (v >= l) : (v <= l)}')
  printf '  %-44s %8.3f  %-18s %s\n' "$1" "$2" "(target $3 $4)" "$([ "$ok" = 1 ] && echo met || echo 'NOT met')"
}
rt=$(col risalah 1); rm_=$(col risalah 2)
echo "targets of issue 10:"
if [ -f "$work/hugo.txt" ]; then
  target "cold: Hugo time / risalah time" "$(calc "$(col hugo 1) / $rt")" ">=" 3
  target "cold: risalah peak memory / Hugo's" "$(calc "$rm_ / $(col hugo 2)")" "<=" 0.125
else
  echo "  (no Hugo: its two targets are left out)"
fi
target "warm, first rebuild (body) / cold time" "$(calc "$(col first 1) / $rt")" "<=" 0.05
target "warm, body edited / cold time" "$(calc "$(col body 1) / $rt")" "<=" 0.05
target "warm, title edited / cold time" "$(calc "$(col title 1) / $rt")" "<=" 0.05
target "warm, nothing changed / cold time" "$(calc "$(col none 1) / $rt")" "<=" 0.025
wm=$(for t in first body title none; do col "$t" 2; done | sort -n | tail -1)
target "warm peak memory (highest) / cold peak" "$(calc "$wm / $rm_")" "<=" 1
echo "information:"
printf '  %-44s %8.3f\n' "risalah time / floor time" "$(calc "$rt / $(col floor 1)")"
