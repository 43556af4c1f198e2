#!/usr/bin/env bash
# bench/run.sh - cograph's throughput on a large corpus made by replicating
# the BBC folder of ../shared, and a side-by-side comparison with compromise.
#
#   bench/run.sh [COPIES]        (default 10: 21,830 articles, about 8.3 M words)
#
# Reports words/s, articles/s, MB/s and peak RSS for
#   cold       a build without a cache (extracts everything)
#   fill       the same build with an empty --cache (extracts everything, fills the cache)
#   cached     a rebuild with --window sentence that reads every extraction from the cache
#   increment  one more copy of the folder added: only the new articles are extracted
# and how many times faster the cached rebuild is than the cold build.
# then times cograph and compromise (npm) on the same 200 BBC articles (the
# medians of ten and three runs, each tool's after a warm-up run).
# Needs GNU time (/usr/bin/time); node and npm for the comparison (skipped without).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
copies=${1:-10}
bbc=${COGRAPH_BBC:-$here/../shared/data/news/bbc}
work=${COGRAPH_BENCH_DIR:-$(mktemp -d)}
[ -d "$bbc" ] || { echo "no BBC folder at $bbc (set COGRAPH_BBC)"; exit 2; }
[ -x /usr/bin/time ] || { echo "needs GNU time: apt-get install time"; exit 2; }

echo "building cograph..." >&2
# A static binary, as released: without cgo the program does not go
# through the dynamic loader, a few milliseconds of every run.
(cd "$here" && CGO_ENABLED=0 go build -o "$work/cograph" ./cmd/cograph)
bin=$work/cograph

corpus=$work/corpus
rm -rf "$corpus" && mkdir -p "$corpus"
# Each copy's articles get a last line of their own, so that no two texts
# are equal: the cache would otherwise recognise the copies and the cold
# build would not be cold.
for i in $(seq 1 "$copies"); do
  cp -r "$bbc" "$corpus/copy$i"
  find "$corpus/copy$i" -name '*.txt' -exec sed -i "\$a\\
Copy $i." {} +
done
# Only the articles: the folder's README.TXT and SOURCE.md are not news.
find "$corpus" -name 'README.TXT' -delete -o -name 'SOURCE.md' -delete
articles=$(find "$corpus" -name '*.txt' | wc -l)
mb=$(du -sbm "$corpus" | cut -f1)

# run LABEL ARGS...: one timed build; prints a table row from cograph's
# summary line (words, articles, MB) and GNU time (wall, peak RSS).
run() {
  local label=$1; shift
  /usr/bin/time -f '%e %M' -o "$work/time" "$bin" build "$@" 2>"$work/err" >/dev/null || { cat "$work/err"; exit 1; }
  read -r wall rss <"$work/time"
  local words arts bytes
  words=$(grep -o '[0-9,]* words,' "$work/err" | head -1 | tr -dc 0-9)
  arts=$(grep -o 'read [0-9,]* articles' "$work/err" | head -1 | tr -dc 0-9)
  bytes=$(grep -o '[0-9.]* MB in' "$work/err" | head -1 | cut -d' ' -f1)
  awk -v l="$label" -v w="$wall" -v r="$rss" -v wd="$words" -v a="$arts" -v b="$bytes" 'BEGIN {
    printf "| %-9s | %8.2f | %12.0f | %10.0f | %6.2f | %8.0f |\n", l, w, wd / w, a / w, b / w, r / 1024 }'
  grep -o '(cache: [^)]*)' "$work/err" >&2 || true
}

echo
echo "corpus: $copies copies of $bbc: $articles articles, $mb MB"
echo
echo "| run       | wall (s) |      words/s | articles/s |   MB/s | RSS (MB) |"
echo "| --------- | -------- | ------------ | ---------- | ------ | -------- |"
rm -f "$work/cache.db"*
run cold -o "$work/cold.graphml" "$corpus"
cold=$wall
run fill -o "$work/fill.graphml" --cache "$work/cache.db" "$corpus"
run cached -o "$work/cached.graphml" --window sentence --cache "$work/cache.db" "$corpus"
cached=$wall
cp -r "$bbc" "$corpus/copy-new"
find "$corpus/copy-new" -name 'README.TXT' -delete -o -name 'SOURCE.md' -delete
# A new copy has the same texts as the others, which the cache would
# recognise; change every article of it so that it is really new.
find "$corpus/copy-new" -name '*.txt' -exec sed -i '$a\
Updated.' {} +
run increment -o "$work/inc.graphml" --cache "$work/cache.db" "$corpus"
awk -v a="$cold" -v b="$cached" 'BEGIN { printf "\ncached rebuild (--window sentence): %.1fx faster than the cold build\n", a / b }'

# compromise, side by side on the same 200 articles.
if command -v node >/dev/null && command -v npm >/dev/null; then
  nm=${COGRAPH_NODE_MODULES:-$work/node}
  if [ ! -d "$nm/node_modules/compromise" ]; then
    mkdir -p "$nm" && (cd "$nm" && npm init -y >/dev/null && npm install --silent compromise@14 >/dev/null)
  fi
  small=$work/bbc200
  rm -rf "$small" && mkdir -p "$small"
  # awk, not head: head would close the pipe early and fail it under pipefail.
  find "$bbc" -name '[0-9]*.txt' | sort | awk 'NR <= 200' | while read -r f; do
    d=$small/$(basename "$(dirname "$f")"); mkdir -p "$d"; cp "$f" "$d/"; done
  # Runs this short vary by tens of milliseconds from one to the next,
  # and on a VM a short run pays for the work that preceded it (cograph
  # right after a compromise run took 20-40% longer here than right after
  # a run of its own). So, as hyperfine --warmup does, each tool is timed
  # in a series of its own after an untimed warm-up run: cograph five
  # times, compromise three times, then cograph five times again, so that
  # a drift of the machine's speed weighs on both. Times to the
  # microsecond (GNU time rounds to 10 ms); the medians are compared.
  elapsed() {
    local s=$EPOCHREALTIME
    "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; return 1; }
    awk -v s="$s" -v e="$EPOCHREALTIME" 'BEGIN { printf "%.3f\n", e - s }'
  }
  # series FILE N COMMAND...: one untimed run, then N timed ones.
  series() {
    local out=$1 n=$2
    shift 2
    "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; return 1; }
    for _ in $(seq "$n"); do elapsed "$@" >>"$out"; done
  }
  median() { sort -n "$1" | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
  : >"$work/t1"
  : >"$work/t2"
  export NODE_PATH=$nm/node_modules
  series "$work/t1" 5 "$bin" build -q -o "$work/small.json" "$small"
  series "$work/t2" 3 node "$here/bench/compromise.js" "$small" "$work/small-compromise.json"
  series "$work/t1" 5 "$bin" build -q -o "$work/small.json" "$small"
  echo
  echo "200 BBC articles, cograph: $(tr '\n' ' ' <"$work/t1")s; compromise: $(tr '\n' ' ' <"$work/t2")s"
  awk -v a="$(median "$work/t1")" -v b="$(median "$work/t2")" 'BEGIN {
    printf "200 BBC articles (medians): cograph %.3f s, compromise %.2f s: %.0fx faster\n", a, b, b / a }'
else
  echo "node/npm missing: compromise comparison skipped"
fi
echo "work files in $work" >&2
