#!/usr/bin/env bash
# pprof-top: `oomguard pprof top FILE` vs `go tool pprof -top -symbolize=none FILE` on a large
# generated profile (~52 MB decompressed, 300k samples, stacks 10-99 deep over 4000 functions).
# Whole processes, side by side in one hyperfine run, then peak RSS of each with GNU time.
# usage: bench/pprof-top/run.sh [OOMGUARD_BINARY] [RUNS]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
og=${1:-$here/../../build/release/src/cli/oomguard}
runs=${2:-3}
work=${WORK:-/tmp/oomguard-bench-pprof-top}
export GOTOOLCHAIN=local GOFLAGS=-mod=mod PPROF_TMPDIR=$work/pproftmp
mkdir -p "$work/pproftmp"
prof=$work/big.pb.gz
if [[ ! -f $prof ]]; then
  (cd "$here/gen" && go build -o "$work/gen" .)
  "$work/gen" "$prof" 300000
fi
# Same output first: the comparison is only meaningful if the reports are identical.
"$og" pprof top "$prof" >"$work/og.txt"
go tool pprof -top -symbolize=none "$prof" >"$work/go.txt" 2>/dev/null
if cmp -s "$work/og.txt" "$work/go.txt"; then echo "outputs identical"; else echo "OUTPUTS DIFFER"; exit 1; fi

hyperfine --runs "$runs" --export-markdown "$work/hyperfine.md" \
  -n oomguard "$og pprof top $prof" \
  -n "go tool pprof" "go tool pprof -top -symbolize=none $prof"
cat "$work/hyperfine.md"
for cmd in "$og pprof top $prof" "go tool pprof -top -symbolize=none $prof"; do
  /usr/bin/time -v $cmd 2>&1 >/dev/null | awk -v c="$cmd" '/Maximum resident/{print "peak RSS " $6 " KB: " c}'
done
