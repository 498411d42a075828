#!/usr/bin/env bash
# Scaling benchmark: time and peak memory against input size, for the input shapes that were
# quadratic or held whole files in memory (issue 16). Each shape is one paragraph (one line) at
# several sizes; the time per MB must stay flat (linear time) and peak memory must not grow with
# the file (files are read in pieces, `saywho::input::PIECE_BYTES`).
#
#   para   “Yes,” said Jane Roe, a spokeswoman for the ministry, and then “no” and then 'maybe'
#          repeated in one line: 6, 12, 25, 50 MB
#   bob    "a" said Bob.  repeated in one line: 1, 2, 4, 8, 14 MB (14 MB is 1M quotes)
#   big    the seed articles repeated, with their line ends: one 200 MB article
#
# usage: benches/scaling.sh [SAYWHO_BINARY] [--compare OTHER_BINARY]
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${1:-target/dist/saywho}
OTHER=""
if [ "${2:-}" = "--compare" ]; then OTHER=${3:?--compare needs a binary}; fi
[ -x "$BIN" ] || cargo build --profile dist -q
command -v /usr/bin/time >/dev/null || { echo "needs /usr/bin/time (Debian package: time)"; exit 1; }
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

python3 - "$OUT" <<'PY'
import os, sys
out = sys.argv[1]
para = "“Yes,” said Jane Roe, a spokeswoman for the ministry, and then “no” and then 'maybe' "
for mb in (6, 12, 25, 50):
    open(f"{out}/para-{mb}MB.txt", "w").write(para * (mb * 1_000_000 // len(para)))
bob = '"a" said Bob. '
for mb in (1, 2, 4, 8, 14):
    open(f"{out}/bob-{mb}MB.txt", "w").write(bob * (mb * 1_000_000 // len(bob)))
seeds = "".join(open("seeds/" + f).read() + "\n" for f in sorted(os.listdir("seeds")))
open(f"{out}/big-200MB.txt", "w").write(seeds * (200_000_000 // len(seeds)))
PY

echo "# machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores"
echo "# binary: $BIN${OTHER:+ (against $OTHER)}"
printf '%-16s %-8s %8s %8s %9s %8s %10s\n' file binary MB seconds "s per MB" rows "peak MB"
for f in "$OUT"/para-*.txt "$OUT"/bob-*.txt "$OUT"/big-200MB.txt; do
  for b in "$BIN" $OTHER; do
    name=$(basename "$f" .txt)
    label=new; [ "$b" = "$BIN" ] || label=other
    mb=$(stat -c %s "$f" | awk '{printf "%.1f", $1/1e6}')
    # A run that takes more than 10 minutes is reported as such (the quadratic shapes did).
    res=$( { /usr/bin/time -f "TIME %e MAXRSS %M" timeout 600 "$b" extract -q -j1 -o "$OUT/q.csv" "$f" ; } 2>&1 ) || true
    t=$(echo "$res" | awk '/^TIME/ {print $2}')
    m=$(echo "$res" | awk '/^TIME/ {printf "%.0f", $4/1024}')
    rows=$(($(wc -l < "$OUT/q.csv") - 1))
    if echo "$res" | grep -q "Command exited with non-zero status 124"; then t=">600"; rows="-"; fi
    per=$(awk -v t="$t" -v mb="$mb" 'BEGIN { if (t ~ />/) print "-"; else printf "%.3f", t / mb }')
    printf '%-16s %-8s %8s %8s %9s %8s %10s\n' "$name" "$label" "$mb" "$t" "$per" "$rows" "$m"
  done
done
