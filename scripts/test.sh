#!/usr/bin/env bash
# The whole suite: warnings-as-errors build + tests, the same tests under ASan+UBSan, the
# differential oracles, and every fuzz target for a bounded time under libFuzzer.
set -euo pipefail
cd "$(dirname "$0")/.."
JOBS=${JOBS:-$(nproc)}
FUZZ_SECONDS=${FUZZ_SECONDS:-60}
export GOTOOLCHAIN=local GOFLAGS=-mod=mod

step() { printf '\n== %s\n' "$*"; }
configure() { # dir, extra flags...
  local dir=$1; shift
  cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DOOMGUARD_WERROR=ON "$@" >/dev/null
}

step "release build (warnings are errors)"
configure build/release
cmake --build build/release -j "$JOBS"
step "tests (release)"
(cd build/release && ctest --output-on-failure -j "$JOBS" --timeout 1200)

step "ASan+UBSan build"
configure build/asan -DOOMGUARD_SANITIZE=ON
cmake --build build/asan -j "$JOBS"
step "tests (ASan+UBSan)"
(cd build/asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --output-on-failure -j "$JOBS" -LE oracle --timeout 1200)

step "fuzz targets (libFuzzer, ${FUZZ_SECONDS}s each)"
CC=clang CXX=clang++ configure build/fuzz -DOOMGUARD_FUZZ=ON
cmake --build build/fuzz -j "$JOBS"
scripts/run-fuzzers.sh build/fuzz "$FUZZ_SECONDS"
step "all passed"
