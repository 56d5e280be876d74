#!/usr/bin/env bash
# Differential test of oomguard's Go parser against go/parser.
#   scripts/ast-compare.sh DIR [DIR...]
# Dumps every .go file under the directories (recursively, no build-constraint filtering,
# testdata included) with tests/oracle/goast (go/parser) and with `oomguard ast`, compares the
# canonical dumps file by file and prints
#   N files, M identical, K differ, E rejected by both
# plus a diff excerpt for the first differing files and the files only one side rejected
# (counted in K). Exit 0 only when K == 0.
# Files are batched (CHUNK per process) and the two tools run side by side (xargs -P2).
# Env: OOMGUARD (binary; default build/release, then build/*), CHUNK (files per process, 500),
# MAX_DIFFS (diff excerpts shown, 5), KEEP=1 keeps the work directory.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
[ $# -ge 1 ] || { echo "usage: $0 DIR [DIR...]" >&2; exit 2; }
export GOTOOLCHAIN=local GOFLAGS=-mod=mod

BIN=${OOMGUARD:-}
if [ -z "$BIN" ]; then
  for b in "$ROOT"/build/release/src/cli/oomguard "$ROOT"/build/*/src/cli/oomguard; do
    if [ -x "$b" ]; then BIN=$b; break; fi
  done
fi
[ -n "$BIN" ] && [ -x "$BIN" ] || { echo "$0: oomguard binary not found (set OOMGUARD)" >&2; exit 2; }
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")

WORK=$(mktemp -d "${TMPDIR:-/tmp}/ast-compare.XXXXXX")
if [ "${KEEP:-0}" = 1 ]; then echo "work dir: $WORK" >&2; else trap 'rm -rf "$WORK"' EXIT; fi

(cd "$ROOT/tests/oracle/goast" && go build -o "$WORK/goast" .)

find -H "$@" -type f -name '*.go' | LC_ALL=C sort > "$WORK/list"
[ -s "$WORK/list" ] || { echo "0 files, 0 identical, 0 differ, 0 rejected by both"; exit 0; }
split -l "${CHUNK:-500}" -d -a 5 "$WORK/list" "$WORK/chunk."

# One job per (tool, chunk); a crash loses that chunk's output and shows up as differences.
for c in "$WORK"/chunk.*; do
  printf 'go %s\ncc %s\n' "$c" "$c"
done | WORK="$WORK" BIN="$BIN" xargs -P2 -L1 sh -c '
  if [ "$1" = go ]; then "$WORK/goast" -files-from "$2" > "$2.go.out" 2>/dev/null || true
  else "$BIN" ast -j1 --files-from "$2" > "$2.cc.out" 2>/dev/null || true; fi' sh

cat "$WORK"/chunk.*.go.out > "$WORK/go.dump"
cat "$WORK"/chunk.*.cc.out > "$WORK/cc.dump"
"$WORK/goast" -compare -max-diffs "${MAX_DIFFS:-5}" "$WORK/list" "$WORK/go.dump" "$WORK/cc.dump"
