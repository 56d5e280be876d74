# shellcheck shell=bash disable=SC2034  # sourced; sets variables for the scripts
# Shared by the watch end-to-end scripts (sourced): a scratch directory, leakysvc and loadgen on
# loopback with kernel-chosen ports, free ports for the others, and cleanup of every child on exit.
# Scripts set BIN (the directory holding leakysvc and loadgen, see build_leakysvc.sh) first.

E2E_TMP=$(mktemp -d "${TMPDIR:-/tmp}/oomguard-e2e.XXXXXX")
E2E_PIDS=()
E2E_FAILED=0

e2e_log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

# Stops every child started through e2e_spawn (TERM, then KILL after 3 s), prints the logs of a
# failed run, and removes the scratch directory (kept with E2E_KEEP=1).
e2e_cleanup() {
  local rc=$?
  local pid
  for pid in "${E2E_PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for _ in 1 2 3 4 5 6; do
    local alive=0
    for pid in "${E2E_PIDS[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ "$alive" = 0 ] && break
    sleep 0.5
  done
  for pid in "${E2E_PIDS[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [ "$rc" != 0 ] || [ "$E2E_FAILED" != 0 ]; then
    local f
    for f in "$E2E_TMP"/*.log "$E2E_TMP"/*.err; do
      [ -s "$f" ] || continue
      printf -- '--- %s (last 40 lines)\n' "$(basename "$f")" >&2
      tail -n 40 "$f" >&2
    done
  fi
  if [ "${E2E_KEEP:-0}" = 1 ]; then e2e_log "kept $E2E_TMP"; else rm -rf "$E2E_TMP"; fi
  exit "$rc"
}
trap e2e_cleanup EXIT
trap 'exit 130' INT TERM

# e2e_spawn LOG CMD...: starts CMD in the background with stdout+stderr to LOG; sets SPAWNED_PID.
e2e_spawn() {
  local log=$1; shift
  "$@" >>"$log" 2>&1 &
  SPAWNED_PID=$!
  E2E_PIDS+=("$SPAWNED_PID")
}

# A free TCP port on 127.0.0.1 (for programs that cannot listen on port 0 and report it).
e2e_free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# e2e_wait_http URL SECONDS: until URL answers 200 (fails after SECONDS).
e2e_wait_http() {
  local url=$1 deadline=$((SECONDS + $2))
  until curl -fsS -o /dev/null --max-time 2 "$url" 2>/dev/null; do
    [ "$SECONDS" -lt "$deadline" ] || { e2e_log "no answer from $url after $2 s"; return 1; }
    sleep 0.2
  done
}

# e2e_start_service MODE [SVC_ADDR DEBUG_ADDR]: leakysvc on ports chosen by the kernel (or on
# the given addresses, to restart it where it was); sets SVC_PID, SVC_URL (the
# service) and DEBUG_URL (pprof, expvar and /metrics: what watch is pointed at; only expvar or
# only /metrics with LEAKYSVC_DEBUG_ENDPOINTS=expvar|metrics).
e2e_start_service() {
  local mode=$1 addr="$E2E_TMP/addr"
  mkdir -p "$E2E_TMP/data"
  rm -f "$addr"
  e2e_spawn "$E2E_TMP/leakysvc.log" "$BIN/leakysvc" -mode "$mode" -addr "${2:-127.0.0.1:0}" \
    -debug-addr "${3:-127.0.0.1:0}" -addr-file "$addr" -data "$E2E_TMP/data" \
    -debug-endpoints "${LEAKYSVC_DEBUG_ENDPOINTS:-all}"
  SVC_PID=$SPAWNED_PID
  local deadline=$((SECONDS + 15))
  until [ -s "$addr" ]; do
    kill -0 "$SVC_PID" 2>/dev/null || { e2e_log "leakysvc exited"; return 1; }
    [ "$SECONDS" -lt "$deadline" ] || { e2e_log "leakysvc did not publish its addresses"; return 1; }
    sleep 0.1
  done
  SVC_URL="http://$(awk '$1 == "service" {print $2}' "$addr")"
  DEBUG_URL="http://$(awk '$1 == "debug" {print $2}' "$addr")"
  e2e_wait_http "$SVC_URL/healthz" 10
  if [ "${LEAKYSVC_DEBUG_ENDPOINTS:-all}" = metrics ]; then
    e2e_wait_http "$DEBUG_URL/metrics" 10
  else
    e2e_wait_http "$DEBUG_URL/debug/vars" 10
  fi
  e2e_log "leakysvc -mode $mode: service $SVC_URL, debug $DEBUG_URL" \
    "(${LEAKYSVC_DEBUG_ENDPOINTS:-all} endpoints, pid $SVC_PID)"
}

# e2e_start_load SECONDS [RPS]: loadgen against the service; sets LOAD_PID.
e2e_start_load() {
  e2e_spawn "$E2E_TMP/loadgen.log" "$BIN/loadgen" -target "$SVC_URL" -duration "$1s" \
    -rps "${2:-100}" -concurrency 32
  LOAD_PID=$SPAWNED_PID
}
