#!/usr/bin/env bash
# Syntax-error oracle: the diagnostics (file:line:col: message, go/parser's default error mode:
# one per line, at most 10) that `oomguard ast` prints for the files in testdata/errors must be
# exactly go/parser's. Usage: errors_oracle.sh OOMGUARD
set -euo pipefail
BIN=$1
HERE=$(cd "$(dirname "$0")" && pwd)
export GOTOOLCHAIN=local GOFLAGS=-mod=mod
WORK=$(mktemp -d "${TMPDIR:-/tmp}/goast-errors.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
(cd "$HERE" && go build -o "$WORK/goast" .)
cd "$HERE/testdata/errors"
files=(*.go)
"$WORK/goast" "${files[@]}" > "$WORK/go.out" 2> "$WORK/go.err" || true
rc=0
"$BIN" ast "${files[@]}" > "$WORK/cc.out" 2> "$WORK/cc.err" || rc=$?
if [ "$rc" != 2 ]; then echo "oomguard ast exited $rc, want 2" >&2; exit 1; fi
if ! diff -u "$WORK/go.err" "$WORK/cc.err"; then echo "error messages differ from go/parser" >&2; exit 1; fi
if ! diff -u "$WORK/go.out" "$WORK/cc.out"; then echo "dumps differ from go/parser" >&2; exit 1; fi
"$WORK/goast" -all-errors "${files[@]}" > /dev/null 2> "$WORK/go-all.err" || true
"$BIN" ast --all-errors "${files[@]}" > /dev/null 2> "$WORK/cc-all.err" || true
if ! diff -u "$WORK/go-all.err" "$WORK/cc-all.err"; then echo "AllErrors messages differ from go/parser" >&2; exit 1; fi
echo "${#files[@]} files: $(wc -l < "$WORK/go.err") diagnostics identical to go/parser"
