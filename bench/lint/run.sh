#!/usr/bin/env bash
# bench/lint: all oomguard lint rules over GOROOT/src, side by side in one hyperfine run with
# ast-grep (npm @ast-grep/cli, installed into a temporary folder) running an equivalent
# defer-in-loop rule over the same files, and `go vet` on the same packages (warm cache).
# Peak memory of each with GNU time. Usage: bench/lint/run.sh [path/to/oomguard]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
BIN=$(realpath "${1:-$ROOT/build/release/src/cli/oomguard}")
export GOTOOLCHAIN=local GOFLAGS=-mod=mod CGO_ENABLED=0
GOROOT_SRC=$(go env GOROOT)/src
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

echo "installing @ast-grep/cli into $WORK (npm)" >&2
(cd "$WORK" && npm install --silent --no-audit --no-fund @ast-grep/cli >/dev/null 2>&1)
SG=$WORK/node_modules/.bin/ast-grep
"$SG" --version >&2

# The same file set for every tool: the files the go tool (and oomguard's loader, which matches
# it) builds for linux/amd64 without cgo, tests included.
(cd "$GOROOT_SRC" && go list -e -f '{{$d := .Dir}}{{range .GoFiles}}{{$d}}/{{.}}
{{end}}{{range .TestGoFiles}}{{$d}}/{{.}}
{{end}}{{range .XTestGoFiles}}{{$d}}/{{.}}
{{end}}' std cmd) | sort -u >"$WORK/files"
echo "$(wc -l <"$WORK/files") files, $(cat "$WORK/files" | xargs cat | wc -c) bytes" >&2

# ./... leaves vendor directories out (as the go tool does); name them so oomguard lints the
# same packages `go list std cmd` gives ast-grep and go vet (3,276 files vs go list's 3,266).
OG="cd $GOROOT_SRC && $BIN lint --exit-zero ./... ./vendor/... ./cmd/vendor/... >/dev/null 2>&1"
AG="$SG scan -r $HERE/defer-in-loop.yml \$(cat $WORK/files) >/dev/null 2>&1 || true"
VET="cd $GOROOT_SRC && go vet std cmd >/dev/null 2>&1 || true"
bash -c "$VET"  # warm the build cache

hyperfine --style basic --warmup 1 --min-runs 3 --export-markdown "$WORK/table.md" \
  -n oomguard "$OG" -n ast-grep "$AG" -n "go vet" "$VET"
cat "$WORK/table.md"
for cmd in "$OG" "$AG" "$VET"; do
  /usr/bin/time -f "peak RSS %M KB  wall %e s  :: ${cmd:0:60}" bash -c "$cmd" 2>&1 | tail -1
done
