#!/usr/bin/env bash
# oomguard goroutines vs panicparse on one debug=2 dump of ~100k goroutines (a mix of stacks:
# unbuffered sends, receives, selects, sleeps, mutex/WaitGroup/Cond waits and 0-15-deep
# recursive stacks; arguments differ per goroutine), written by tests/oracle/goroutinegen -bench.
#
#   bench/goroutine-dump/run.sh [BUILD_DIR] [GOROUTINES]
#
# Peer mode: `panicparse -aggressive -parse=false -rebase=false DUMP` = parse + bucket (AnyValue,
# the level matching our default --similarity value) + print, without reading Go sources
# (which oomguard never does). PANICPARSE_DEFAULT=1 adds plain `panicparse DUMP` (AnyPointer,
# source parsing), which took more than 10 minutes on 100k goroutines here, so it is off.
set -euo pipefail
cd "$(dirname "$0")/../.."
BUILD=${1:-build/release}
N=${2:-100000}
OOMGUARD=$BUILD/src/cli/oomguard
WORK=${WORK:-/tmp/oomguard-bench-goroutines}
mkdir -p "$WORK"
DUMP=$WORK/dump-$N.txt
export GOTOOLCHAIN=local GOFLAGS=-mod=mod

[ -x "$OOMGUARD" ] || { echo "build $OOMGUARD first (cmake --build $BUILD --target oomguard)"; exit 1; }
if [ ! -s "$DUMP" ]; then
  (cd tests/oracle/goroutinegen && go run . -bench "$N" -dump "$DUMP")
fi
echo "dump: $DUMP ($(stat -c %s "$DUMP") bytes, $(grep -c '^goroutine ' "$DUMP") goroutines)"

# Same grouping, checked before timing: both must find the same number of groups.
ours=$("$OOMGUARD" goroutines "$DUMP" | head -1 || true)
theirs=$(panicparse -aggressive -parse=false -rebase=false "$DUMP" </dev/null 2>&1 | grep -c '^[0-9]*: ' || true)
echo "oomguard: $ours"
echo "panicparse -aggressive buckets: $theirs"

cmds=("$OOMGUARD goroutines --format json $DUMP"
      "panicparse -aggressive -parse=false -rebase=false $DUMP")
if [ "${PANICPARSE_DEFAULT:-0}" = 1 ]; then cmds+=("panicparse $DUMP"); fi
hyperfine --warmup 1 --min-runs 5 -i --output null \
  --export-markdown "$WORK/hyperfine.md" "${cmds[@]}"

for c in "${cmds[@]}"; do
  rss=$( (/usr/bin/time -v $c </dev/null >/dev/null) 2>&1 | awk -F': ' '/Maximum resident/ {print $2}' || true)
  echo "peak RSS (KiB) $rss  :: $c"
done
