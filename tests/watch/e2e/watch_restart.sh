#!/usr/bin/env bash
# watch_restart.sh OOMGUARD BIN
#
# The target is killed (SIGKILL, as the OOM killer does) in the middle of a watch and started
# again on the same ports a few seconds later. watch must go on through the gap, count one
# restart, and still call the healthy service healthy: the reset of its counters (goroutines,
# heap, GC count) is a restart, not a trend. 40 s of watch.
set -euo pipefail
OOMGUARD=${1:?oomguard} BIN=${2:?bin dir}
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tests/watch/e2e/lib.sh disable=SC2034  # BIN and E2E_FAILED are read by lib.sh
. "$HERE/lib.sh"
DURATION=40

e2e_start_service healthy
svc_addr=${SVC_URL#http://} debug_addr=${DEBUG_URL#http://}
e2e_start_load $((DURATION + 20)) 100
mkdir -p "$E2E_TMP/snapshots"
e2e_log "oomguard watch $DEBUG_URL --interval 1s --duration ${DURATION}s --format json"
timeout -k 5 $((DURATION + 45)) "$OOMGUARD" watch "$DEBUG_URL" --interval 1s --duration "${DURATION}s" \
  --format json --out "$E2E_TMP/snapshots" >"$E2E_TMP/verdict.json" 2>"$E2E_TMP/watch.err" &
watch_pid=$!
E2E_PIDS+=("$watch_pid")

sleep 15
e2e_log "kill -KILL leakysvc (pid $SVC_PID)"
kill -KILL "$SVC_PID"
sleep 4
e2e_start_service healthy "$svc_addr" "$debug_addr"
[ "$DEBUG_URL" = "http://$debug_addr" ] || { e2e_log "restarted on $DEBUG_URL, not $debug_addr"; exit 1; }

set +e
wait "$watch_pid"
rc=$?
set -e
e2e_log "watch exited with $rc"
[ "$rc" = 124 ] && { e2e_log "watch overran --duration ${DURATION}s by 45 s"; exit 1; }
python3 "$HERE/check_verdict.py" "$E2E_TMP/verdict.json" --exit-code "$rc" --target "$DEBUG_URL" \
  --out "$E2E_TMP/snapshots" --expect healthy --restarts 1 --min-samples $((DURATION / 3)) ||
  { E2E_FAILED=1; exit 1; }
