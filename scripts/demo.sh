#!/usr/bin/env bash
# make demo: runs oomguard on the bundled example service (examples/leakysvc): lints its source,
# then watches it leak live for a bounded time (DEMO_WATCH_SECONDS, 40 by default) and prints
# the verdict. The profiles watch captures are kept in DEMO_OUT (build/demo-watch).
set -euo pipefail
BIN=${1:?path to oomguard}
cd "$(dirname "$0")/.."
echo "== oomguard lint ./examples/leakysvc/...   (the example's leaks, next to their correct versions)"
set +e
"$BIN" lint ./examples/leakysvc/...
rc=$?
set -e
case $rc in
  0) echo "== no findings (unexpected: the example is meant to leak)";;
  1) echo "== findings above: exit code 1, as go vet";;
  *) echo "== oomguard lint failed with exit code $rc"; exit "$rc";;
esac

# Then watch it live: leakysvc with the blocked-send leak on loopback, driven by its load
# generator, and `oomguard watch` for a short bounded run. Everything started here is stopped on
# exit.
WATCH_SECONDS=${DEMO_WATCH_SECONDS:-40}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/oomguard-demo.XXXXXX")
pids=()
cleanup() {
  local p
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo
echo "== go build ./examples/leakysvc and its load generator"
(cd examples/leakysvc && GOTOOLCHAIN=local GOFLAGS=-mod=mod go build -o "$tmp/" . ./cmd/loadgen)
out=${DEMO_OUT:-build/demo-watch}
rm -rf "$out"
mkdir -p "$tmp/data" "$out"
"$tmp/leakysvc" -mode blocked-send -addr 127.0.0.1:0 -debug-addr 127.0.0.1:0 \
  -addr-file "$tmp/addr" -data "$tmp/data" 2>"$tmp/leakysvc.log" &
pids+=($!)
for _ in $(seq 100); do [ -s "$tmp/addr" ] && break; sleep 0.1; done
[ -s "$tmp/addr" ] || { echo "== leakysvc did not start:"; cat "$tmp/leakysvc.log"; exit 1; }
svc=$(awk '$1 == "service" {print $2}' "$tmp/addr")
debug=$(awk '$1 == "debug" {print $2}' "$tmp/addr")
"$tmp/loadgen" -target "http://$svc" -duration "$((WATCH_SECONDS + 10))s" -rps 100 2>"$tmp/loadgen.log" &
pids+=($!)
echo "== leakysvc -mode blocked-send on $svc (pprof and expvar on $debug), loadgen at 100 requests/s"
echo "== oomguard watch http://$debug --interval 1s --duration ${WATCH_SECONDS}s   (a goroutine leak: half the requests strand a sender)"
set +e
"$BIN" watch "http://$debug" --interval 1s --duration "${WATCH_SECONDS}s" --out "$out"
rc=$?
set -e
case $rc in
  0) echo "== verdict: healthy (exit 0; unexpected: blocked-send leaks ~50 goroutines/s)";;
  1) echo "== verdict: leak (exit 1, as expected); the profiles watch captured are in $out";;
  *) echo "== oomguard watch failed with exit code $rc"; exit "$rc";;
esac
