#!/usr/bin/env bash
# Runs every libFuzzer target in BUILD_DIR/fuzz for SECONDS each (two at a time), seeded from
# fuzz/corpus/<target>; fails on any crash, leak or sanitizer report.
set -euo pipefail
BUILD_DIR=${1:?build dir}
SECONDS_EACH=${2:-60}
cd "$(dirname "$0")/.."
targets=$(find "$BUILD_DIR/fuzz" -maxdepth 1 -type f -name 'fuzz_*' -perm -u+x | sort)
[ -n "$targets" ] || { echo "no fuzz targets built"; exit 1; }
fail=0
pids=()
names=()
for t in $targets; do
  name=$(basename "$t")
  work=$(mktemp -d)
  seeds=fuzz/corpus/$name
  mkdir -p "$seeds"
  ( "$t" -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
      -artifact_prefix="$work/" "$work" "$seeds" >"$work/log" 2>&1 \
    && echo "$name: ok ($(grep -o 'stat::number_of_executed_units: [0-9]*' "$work/log" | grep -o '[0-9]*$' || echo '?') runs)" \
    || { echo "$name: FAILED"; tail -n 60 "$work/log"; ls "$work"/crash-* "$work"/leak-* 2>/dev/null; exit 1; } ) &
  pids+=($!)
  names+=("$name")
  if [ ${#pids[@]} -ge 2 ]; then
    wait "${pids[0]}" || fail=1
    pids=("${pids[@]:1}")
  fi
done
for p in "${pids[@]}"; do wait "$p" || fail=1; done
exit $fail
