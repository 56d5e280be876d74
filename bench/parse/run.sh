#!/usr/bin/env bash
# Whole-process comparison on GOROOT/src, one hyperfine run:
#   oomguard ast --stats --all-files GOROOT/src   every .go file, no build constraints (= gofmt's set)
#   oomguard ast --stats GOROOT/src/...           packages via load_packages (build constraints)
#   gofmt -l GOROOT/src                           the peer: parses (and formats) every .go file
# Prints hyperfine's table and the gofmt / oomguard ratio for the same file set.
# Usage: bench/parse/run.sh [OOMGUARD] [ROOT]   (defaults: build/release binary, GOROOT/src)
set -euo pipefail
ROOT_DIR=$(cd "$(dirname "$0")/../.." && pwd)
BIN=${1:-$ROOT_DIR/build/release/src/cli/oomguard}
export GOTOOLCHAIN=local
SRC=${2:-$(go env GOROOT)/src}
SRC=$(cd "$SRC" && pwd -P)
GOFMT=$(go env GOROOT)/bin/gofmt
[ -x "$GOFMT" ] || GOFMT=$(command -v gofmt)
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
echo "files: $(find "$SRC" -type f -name '*.go' ! -name '.*' | wc -l) .go files under $SRC; $(nproc) cores"
# gofmt -l lists files that need formatting (a few testdata files) and exits 2 on the
# unparsable ones; both are expected, hence -i (ignore exit codes) for every command.
hyperfine -N -i --warmup 1 --runs ${RUNS:-5} --export-json "$OUT/h.json" \
  -n "oomguard ast --stats --all-files" "$BIN ast --stats --all-files $SRC" \
  -n "oomguard ast --stats (packages)" "$BIN ast --stats $SRC/..." \
  -n "gofmt -l" "$GOFMT -l $SRC"
python3 - "$OUT/h.json" <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
ours = r["oomguard ast --stats --all-files"]["mean"]
peer = r["gofmt -l"]["mean"]
print(f"gofmt -l / oomguard ast --stats --all-files (same files): {peer / ours:.1f}x "
      f"({peer:.3f} s vs {ours:.3f} s)")
PY
