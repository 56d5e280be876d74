#!/usr/bin/env bash
# watch_mode.sh OOMGUARD BIN MODE SECONDS healthy
# watch_mode.sh OOMGUARD BIN MODE SECONDS leak KIND FUNCTION FILE
#
# Starts leakysvc -mode MODE on loopback with loadgen at 100 requests/s, runs
#   oomguard watch DEBUG_URL --interval 1s --duration SECONDS --format json --out DIR
# and checks its verdict (check_verdict.py): exit code, verdict, and for a leak the kind, the
# originating function and file of leaks[0], and the captured snapshots.
set -euo pipefail
OOMGUARD=${1:?oomguard} BIN=${2:?bin dir} MODE=${3:?mode} DURATION=${4:?seconds} EXPECT=${5:?healthy|leak}
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=lib.sh
. "$HERE/lib.sh"

e2e_start_service "$MODE"
e2e_start_load $((DURATION + 20)) 100
mkdir -p "$E2E_TMP/snapshots"
e2e_log "oomguard watch $DEBUG_URL --interval 1s --duration ${DURATION}s --format json"
set +e
timeout -k 5 $((DURATION + 45)) "$OOMGUARD" watch "$DEBUG_URL" --interval 1s --duration "${DURATION}s" \
  --format json --out "$E2E_TMP/snapshots" >"$E2E_TMP/verdict.json" 2>"$E2E_TMP/watch.err"
rc=$?
set -e
e2e_log "watch exited with $rc"
[ "$rc" = 124 ] && { e2e_log "watch overran --duration ${DURATION}s by 45 s"; exit 1; }
kill -0 "$SVC_PID" 2>/dev/null || { e2e_log "leakysvc died during the run"; exit 1; }

args=("$E2E_TMP/verdict.json" --exit-code "$rc" --target "$DEBUG_URL" --out "$E2E_TMP/snapshots"
  --expect "$EXPECT" --min-samples $((DURATION / 2)))
if [ "$EXPECT" = leak ]; then
  args+=(--kind "${6:?kind}" --function "${7:?function}" --file "${8:?file}")
fi
python3 "$HERE/check_verdict.py" "${args[@]}" || { E2E_FAILED=1; exit 1; }
