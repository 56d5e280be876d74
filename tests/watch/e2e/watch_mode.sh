#!/usr/bin/env bash
# watch_mode.sh OOMGUARD BIN MODE SECONDS healthy
# watch_mode.sh OOMGUARD BIN MODE SECONDS leak KIND FUNCTION FILE
# watch_mode.sh OOMGUARD BIN MODE SECONDS leak KIND -        (no profiles to name a function:
#                                                            LEAKYSVC_DEBUG_ENDPOINTS=expvar|metrics)
#
# Starts leakysvc -mode MODE on loopback with loadgen at 100 requests/s, runs
#   oomguard watch DEBUG_URL --interval 1s --duration SECONDS --format json --out DIR
# and checks its verdict (check_verdict.py): exit code, verdict, and for a leak the kind, the
# originating function and file of leaks[0], and the captured snapshots. For the healthy mode it
# also checks, from the service's own /debug/vars, that the run really churned (allocations and
# GCs going on: a sawtooth) while the goroutine count stayed flat, so "healthy" is not vacuous.
set -euo pipefail
OOMGUARD=${1:?oomguard} BIN=${2:?bin dir} MODE=${3:?mode} DURATION=${4:?seconds} EXPECT=${5:?healthy|leak}
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tests/watch/e2e/lib.sh disable=SC2034  # BIN and E2E_FAILED are read by lib.sh
. "$HERE/lib.sh"

e2e_start_service "$MODE"
e2e_start_load $((DURATION + 20)) 100
mkdir -p "$E2E_TMP/snapshots"
if [ "$EXPECT" = healthy ]; then
  curl -fsS --max-time 5 "$DEBUG_URL/debug/vars" >"$E2E_TMP/vars-before.json"
fi
e2e_log "oomguard watch $DEBUG_URL --interval 1s --duration ${DURATION}s --format json"
set +e
timeout -k 5 $((DURATION + 45)) "$OOMGUARD" watch "$DEBUG_URL" --interval 1s --duration "${DURATION}s" \
  --format json --out "$E2E_TMP/snapshots" >"$E2E_TMP/verdict.json" 2>"$E2E_TMP/watch.err"
rc=$?
set -e
e2e_log "watch exited with $rc"
[ "$rc" = 124 ] && { e2e_log "watch overran --duration ${DURATION}s by 45 s"; exit 1; }
kill -0 "$SVC_PID" 2>/dev/null || { e2e_log "leakysvc died during the run"; exit 1; }
if [ "$EXPECT" = healthy ]; then
  curl -fsS --max-time 5 "$DEBUG_URL/debug/vars" >"$E2E_TMP/vars-after.json"
  curl -fsS --max-time 5 "$DEBUG_URL/metrics" >"$E2E_TMP/metrics-after.txt"
fi

args=("$E2E_TMP/verdict.json" --exit-code "$rc" --target "$DEBUG_URL" --out "$E2E_TMP/snapshots"
  --expect "$EXPECT" --min-samples $((DURATION / 2)))
if [ "$EXPECT" = leak ]; then
  args+=(--kind "${6:?kind}")
  if [ "${7:?function or -}" != - ]; then args+=(--function "$7" --file "${8:?file}"); fi
fi
python3 "$HERE/check_verdict.py" "${args[@]}" || { E2E_FAILED=1; exit 1; }
if [ "$EXPECT" = healthy ]; then
  python3 - "$E2E_TMP/vars-before.json" "$E2E_TMP/vars-after.json" "$E2E_TMP/metrics-after.txt" \
    "$DURATION" <<'PY' || { E2E_FAILED=1; exit 1; }
import json, sys
a = json.load(open(sys.argv[1]))["memstats"]
b = json.load(open(sys.argv[2]))["memstats"]
goroutines = [float(l.split()[1]) for l in open(sys.argv[3]) if l.startswith("go_goroutines ")][0]
secs = float(sys.argv[4])
gcs = b["NumGC"] - a["NumGC"]
alloc = (b["TotalAlloc"] - a["TotalAlloc"]) / secs
print(f"service during the run: {gcs} GCs ({gcs / secs:.1f}/s), {alloc / 1e6:.1f} MB/s allocated, "
      f"heap {b['HeapAlloc'] / 1e6:.1f} MB of next GC {b['NextGC'] / 1e6:.1f} MB, {goroutines:.0f} goroutines")
bad = []
if gcs < secs / 2:
    bad.append(f"only {gcs} GCs in {secs:.0f} s: no sawtooth to stay calm about")
if alloc < 2e6:
    bad.append(f"only {alloc / 1e6:.1f} MB/s allocated: not the churn the healthy mode should show")
if goroutines > 200:
    bad.append(f"{goroutines:.0f} goroutines at the end: the healthy mode is leaking")
for m in bad:
    print("FAIL:", m)
sys.exit(1 if bad else 0)
PY
fi
