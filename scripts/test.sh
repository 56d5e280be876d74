#!/usr/bin/env bash
# The whole suite: a gcc build with warnings as errors and every test (the differential oracles
# and the end-to-end tests of oomguard watch on examples/leakysvc included), then a clang build
# instrumented with ASan+UBSan that runs the tests again (without the oracles and end-to-end
# tests) and every fuzz target under libFuzzer for a bounded time.
set -euo pipefail
cd "$(dirname "$0")/.."
JOBS=${JOBS:-$(nproc)}
FUZZ_SECONDS=${FUZZ_SECONDS:-45}
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
(cd build/release && ctest --output-on-failure -j "$JOBS" -LE e2e --timeout 1200)
# The end-to-end tests mostly wait (a service under a light load, a watcher polling once a
# second), so four run side by side even on two cores: about 3 minutes instead of 5.
step "end-to-end tests of oomguard watch (release build)"
(cd build/release && ctest --output-on-failure -j "${E2E_JOBS:-4}" -L e2e --timeout 1200)

step "ASan+UBSan build (clang, with the libFuzzer targets)"
CC=clang CXX=clang++ configure build/asan-fuzz -DOOMGUARD_FUZZ=ON -DOOMGUARD_BENCH=OFF
cmake --build build/asan-fuzz -j "$JOBS"
step "tests (ASan+UBSan)"
(cd build/asan-fuzz && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --output-on-failure -j "$JOBS" -LE 'oracle|e2e' --timeout 1200)

step "fuzz targets (libFuzzer, ${FUZZ_SECONDS}s each)"
scripts/run-fuzzers.sh build/asan-fuzz "$FUZZ_SECONDS"
step "all passed"
