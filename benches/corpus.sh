#!/usr/bin/env bash
# Whole-corpus benchmark: saywho extract over ../shared/corpora/bbc-fulltext and
# ../shared/corpora/allsides-news (7,225 articles, about 33 MB), to CSV on disk.
#
# Reports, for 1 thread and for all threads: MB/s, articles/s, quotes/s, wall time, peak memory
# (from /usr/bin/time), and the row count (a faster run with different rows is a regression).
# Then: the corpus given 4 times (peak memory must not grow with the number of articles), and a
# 1 MB against a 30 MB single article built from the corpus text (time must grow linearly).
#
# usage: benches/corpus.sh [SAYWHO_BINARY] [--compare OTHER_BINARY [ROUNDS]]
#   With --compare, both binaries run in the same session, alternating, ROUNDS times each (7 by
#   default) at each thread count: one run each is within the noise of a shared machine (10 % here
#   from one run to the next), so the ratio printed is of the median times, with the best times
#   beside it.
set -euo pipefail
cd "$(dirname "$0")/.."
# The full-speed build (the `dist` profile: fat LTO, one codegen unit), as releases are built.
BIN=${1:-target/dist/saywho}
OTHER=""
ROUNDS=7
if [ "${2:-}" = "--compare" ]; then OTHER=${3:?--compare needs a binary}; ROUNDS=${4:-7}; fi
C=../shared/corpora
if [ ! -d "$C/bbc-fulltext" ] || [ ! -d "$C/allsides-news/articles" ]; then
  echo "skipped: $C not found"; exit 0
fi
[ -x "$BIN" ] || cargo build --profile dist -q
command -v /usr/bin/time >/dev/null || { echo "needs /usr/bin/time (Debian package: time)"; exit 1; }
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
CORPUS=("$C/bbc-fulltext" "$C/allsides-news/articles")
NPROC=$(nproc)

run() { # label binary threads inputs...
  local label=$1 bin=$2 j=$3; shift 3
  local stats mem
  stats=$( { /usr/bin/time -f "MAXRSS %M" "$bin" extract -j"$j" --stats --no-progress -o "$OUT/q.csv" "$@" ; } 2>&1 )
  mem=$(echo "$stats" | awk '/^MAXRSS/ {printf "%.0f", $2/1024}')
  echo "$stats" | grep -o 'stats: .*' | sed "s/^stats: /$label -j$j: /; s/\$/; peak ${mem} MB/"
}

echo "# machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $NPROC cores"
echo "# binary: $BIN ($("$BIN" --version))"
for j in 1 "$NPROC"; do
  run corpus "$BIN" "$j" "${CORPUS[@]}"
  [ -n "$OTHER" ] && run "corpus(previous)" "$OTHER" "$j" "${CORPUS[@]}"
done
if [ -n "$OTHER" ]; then
  for j in 1 "$NPROC"; do
    for _ in $(seq "$ROUNDS"); do
      for b in new previous; do
        bin=$BIN; [ $b = previous ] && bin=$OTHER
        run "$b" "$bin" "$j" "${CORPUS[@]}" | sed -E 's/.* in ([0-9.]+) s .*/\1/; s/^/'"$b "'/'
      done
    done | awk -v j="$j" -v n="$ROUNDS" '
      { t[$1, ++c[$1]] = $2 }
      function med(b,   i, k, x, v) { for (i = 1; i <= n; i++) v[i] = t[b, i]
        for (i = 2; i <= n; i++) { x = v[i]; for (k = i - 1; k >= 1 && v[k] > x; k--) v[k + 1] = v[k]; v[k + 1] = x }
        return (n % 2) ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2 }
      function best(b,   i, m) { m = t[b, 1]; for (i = 2; i <= n; i++) if (t[b, i] < m) m = t[b, i]; return m }
      END { printf "alternating x%d -j%s: median %.3f s against %.3f s (%.2fx); best %.3f s against %.3f s (%.2fx)\n",
        n, j, med("new"), med("previous"), med("previous") / med("new"), best("new"), best("previous"), best("previous") / best("new") }'
  done
fi
run "corpus x4" "$BIN" "$NPROC" "${CORPUS[@]}" "${CORPUS[@]}" "${CORPUS[@]}" "${CORPUS[@]}"

# One article of 1 MB and one of 30 MB, made of corpus text (paragraphs kept).
python3 - "$OUT" <<'PY'
import os, sys
out = sys.argv[1]
src = "../shared/corpora/allsides-news/articles"
text = []
size = 0
for name in sorted(os.listdir(src)):
    t = open(os.path.join(src, name), encoding="utf-8").read()
    text.append(t)
    size += len(t.encode())
    if size > 1_100_000:
        break
blob = "\n\n".join(text).encode()
open(os.path.join(out, "one-1MB.txt"), "wb").write(blob[:1_000_000].decode("utf-8", "ignore").encode())
open(os.path.join(out, "one-30MB.txt"), "wb").write((blob[:1_000_000].decode("utf-8", "ignore").encode() + b"\n\n") * 30)
PY
run "article 1 MB" "$BIN" 1 "$OUT/one-1MB.txt"
run "article 30 MB" "$BIN" 1 "$OUT/one-30MB.txt"
