#!/usr/bin/env bash
# build_leakysvc.sh SRC OUT: builds examples/leakysvc and its loadgen once for the e2e tests.
set -euo pipefail
src=${1:?examples/leakysvc} out=${2:?output directory}
mkdir -p "$out"
cd "$src"
GOTOOLCHAIN=local GOFLAGS=-mod=mod go build -o "$out/" . ./cmd/loadgen
ls -l "$out/leakysvc" "$out/loadgen"
