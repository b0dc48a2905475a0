#!/usr/bin/env bash
# Compares risalah with Hugo and with the naive floor program on a generated
# bilingual corpus of N documents per language, building each RUNS times,
# alternately and cold (outputs and caches deleted), and prints the medians
# of wall time and peak memory (/usr/bin/time) and the ratios. Then it
# measures risalah's warm rebuilds: after a build whose output and cache
# are kept, one document is edited (its body, then its title) and the site
# built again.
#
#   bench/compare.sh N [RUNS]
#
# Hugo: $HUGO, else `hugo` on the PATH (Debian's package, or
# `go install github.com/gohugoio/hugo@v0.165.0`).
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

# measure NAME CMD...: appends "seconds kilobytes" to $work/NAME.txt
measure() {
  local name=$1; shift
  rm -rf "$work/out" "$work/.out.risalah" "$work/hugocache"
  sync
  /usr/bin/time -f "%e %M" -o "$work/t" "$@" >"$work/log" 2>&1 || { cat "$work/log"; exit 1; }
  cat "$work/t" >>"$work/$name.txt"
}
for _ in $(seq "$RUNS"); do
  measure risalah "$work/risalah" build -s "$work/site" -o "$work/out"
  [ -n "$HUGO" ] && measure hugo "$HUGO" --quiet -s "$work/hugo" -d "$work/out" --cacheDir "$work/hugocache"
  measure floor "$work/floor" -s "$work/site" -o "$work/out"
done
files=$(find "$work/site/content" -name '*.md' | wc -l)

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
col() { awk -v c="$2" '{print $c}' "$work/$1.txt" | median; }
echo "corpus: $N documents per language ($files files); $RUNS cold runs each; $(nproc) cores; $(uname -m)"
[ -n "$HUGO" ] && echo "hugo: $("$HUGO" version | head -1)"
printf '%-8s %10s %12s\n' tool "wall s" "peak MiB"
for t in risalah hugo floor; do
  [ -f "$work/$t.txt" ] || continue
  printf '%-8s %10.2f %12.0f\n' "$t" "$(col "$t" 1)" "$(echo "$(col "$t" 2)/1024" | bc -l)"
done
rt=$(col risalah 1); rm_=$(col risalah 2); ft=$(col floor 1)

# Warm rebuilds: the cache holds the output before last, so two builds
# come first; then each run edits one document and builds again.
rm -rf "$work/out" "$work/.out.risalah"
"$work/risalah" build -s "$work/site" -o "$work/out" >/dev/null
"$work/risalah" build -s "$work/site" -o "$work/out" >/dev/null
doc=$(find "$work/site/content" -name '*.md' | sort | sed -n "$((files / 2))p")
warm() {
  local name=$1
  /usr/bin/time -f "%e %M" -o "$work/t" "$work/risalah" build -s "$work/site" -o "$work/out" >"$work/log" 2>&1 || { cat "$work/log"; exit 1; }
  cat "$work/t" >>"$work/$name.txt"
  tail -1 "$work/log" >"$work/$name.last"
}
for i in $(seq "$RUNS"); do
  printf '\nEdited in run %d.\n' "$i" >>"$doc"
  warm warm-body
  sed -i "0,/^title: \"/s//title: \"Edited $i /" "$doc"
  warm warm-title
done
for t in warm-body warm-title; do
  printf '%-10s %8.2f s %8.0f MiB  (%s)\n' "$t" "$(col "$t" 1)" "$(echo "$(col "$t" 2)/1024" | bc -l)" "$(sed 's/.*pages [^;]*; //; s/; output in.*//' "$work/$t.last")"
done
if [ -f "$work/hugo.txt" ]; then
  ht=$(col hugo 1); hm=$(col hugo 2)
  printf 'hugo/risalah time: %.2fx (target >= 4)\n' "$(echo "$ht/$rt" | bc -l)"
  printf 'risalah/hugo memory: %.3f (target <= 0.125)\n' "$(echo "$rm_/$hm" | bc -l)"
fi
printf 'risalah/floor time: %.2fx (target <= 1.5)\n' "$(echo "$rt/$ft" | bc -l)"
printf 'warm/cold time, body edit: %.3f; title edit: %.3f (target <= 0.1)\n' "$(echo "$(col warm-body 1)/$rt" | bc -l)" "$(echo "$(col warm-title 1)/$rt" | bc -l)"
