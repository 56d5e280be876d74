#!/usr/bin/env bash
# prometheus_alert.sh OOMGUARD BIN RULES
#
# leakysvc -mode blocked-send under loadgen; `oomguard watch --listen 127.0.0.1:0` exports its
# oomguard_* gauges; a real Prometheus (the Debian package), started here on loopback with a
# temporary config and data directory, scrapes the watcher every second and evaluates RULES
# (docs/prometheus/oomguard-alerts.yml) every second. Passes when Prometheus's HTTP API
# (/api/v1/alerts) shows OomguardLeakDetected firing for this target with kind goroutine-leak,
# within 90 s of the start of watch; also checks the exporter serves every documented metric.
set -euo pipefail
OOMGUARD=${1:?oomguard} BIN=${2:?bin dir} RULES=${3:?rules file}
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tests/watch/e2e/lib.sh disable=SC2034  # BIN and E2E_FAILED are read by lib.sh
. "$HERE/lib.sh"
TIMEOUT=${E2E_ALERT_TIMEOUT:-90}
command -v prometheus >/dev/null || { echo "prometheus not installed (scripts/install-deps.sh)"; exit 1; }

e2e_start_service blocked-send
e2e_start_load $((TIMEOUT + 30)) 100

mkdir -p "$E2E_TMP/snapshots"
# Port 0: watch binds a free port and prints it ("serving metrics on http://HOST:PORT/metrics").
e2e_spawn "$E2E_TMP/watch.err" "$OOMGUARD" watch "$DEBUG_URL" --interval 1s \
  --duration "$((TIMEOUT + 20))s" --listen 127.0.0.1:0 --out "$E2E_TMP/snapshots"
WATCH_PID=$SPAWNED_PID
start=$SECONDS
WATCH_PORT=""
until [ -n "$WATCH_PORT" ]; do
  WATCH_PORT=$(sed -n 's|.*serving metrics on http://127\.0\.0\.1:\([0-9]*\)/metrics.*|\1|p' "$E2E_TMP/watch.err" | head -n 1)
  [ -n "$WATCH_PORT" ] && break
  kill -0 "$WATCH_PID" 2>/dev/null || { e2e_log "oomguard watch exited"; E2E_FAILED=1; exit 1; }
  [ $((SECONDS - start)) -lt 15 ] || { e2e_log "watch did not print its metrics address"; E2E_FAILED=1; exit 1; }
  sleep 0.2
done
e2e_wait_http "http://127.0.0.1:$WATCH_PORT/metrics" 15

cat >"$E2E_TMP/prometheus.yml" <<CFG
global:
  scrape_interval: 1s
  scrape_timeout: 1s
  evaluation_interval: 1s
rule_files:
  - $RULES
scrape_configs:
  - job_name: oomguard
    static_configs:
      - targets: ['127.0.0.1:$WATCH_PORT']
CFG
# Prometheus cannot listen on port 0 and say which port it got: take a free port, and try
# another if something else took it in between.
for attempt in 1 2 3; do
  PROM_PORT=$(e2e_free_port)
  e2e_spawn "$E2E_TMP/prometheus.log" prometheus --config.file="$E2E_TMP/prometheus.yml" \
    --storage.tsdb.path="$E2E_TMP/tsdb-$attempt" --web.listen-address="127.0.0.1:$PROM_PORT" \
    --storage.tsdb.retention.time=1h --log.level=warn
  PROM_PID=$SPAWNED_PID
  PROM="http://127.0.0.1:$PROM_PORT"
  ready=0
  for _ in $(seq 150); do
    if curl -fsS -o /dev/null --max-time 2 "$PROM/-/ready" 2>/dev/null; then ready=1; break; fi
    kill -0 "$PROM_PID" 2>/dev/null || break
    sleep 0.2
  done
  [ "$ready" = 1 ] && break
  kill -0 "$PROM_PID" 2>/dev/null && { e2e_log "prometheus not ready after 30 s"; E2E_FAILED=1; exit 1; }
  [ "$attempt" -lt 3 ] || { e2e_log "prometheus did not start"; E2E_FAILED=1; exit 1; }
  e2e_log "prometheus exited (port $PROM_PORT taken?), retrying"
done
e2e_log "prometheus $PROM scrapes the watcher at 127.0.0.1:$WATCH_PORT"

# Polls the alerts API until OomguardLeakDetected fires for this target.
state=""
while :; do
  kill -0 "$WATCH_PID" 2>/dev/null || { e2e_log "oomguard watch exited early"; E2E_FAILED=1; exit 1; }
  curl -fsS --max-time 2 "$PROM/api/v1/alerts" >"$E2E_TMP/alerts.json" 2>/dev/null || true
  state=$(python3 - "$E2E_TMP/alerts.json" "$DEBUG_URL" <<'PY'
import json, sys
try:
    alerts = json.load(open(sys.argv[1]))["data"]["alerts"]
except Exception:
    alerts = []
best = ""
for a in alerts:
    l = a.get("labels", {})
    if l.get("alertname") == "OomguardLeakDetected" and l.get("target") == sys.argv[2]:
        s = a.get("state", "") + " kind=" + l.get("kind", "")
        if a.get("state") == "firing" or not best:
            best = s
print(best)
PY
)
  case $state in firing*) break;; esac
  if [ $((SECONDS - start)) -ge "$TIMEOUT" ]; then
    e2e_log "OomguardLeakDetected not firing after $TIMEOUT s (state: '${state:-absent}')"
    echo "--- /api/v1/alerts"; cat "$E2E_TMP/alerts.json" 2>/dev/null || true; echo
    echo "--- watcher /metrics"; curl -sS --max-time 2 "http://127.0.0.1:$WATCH_PORT/metrics" || true
    echo "--- oomguard_leak_detected in Prometheus"
    curl -sS --max-time 2 "$PROM/api/v1/query?query=oomguard_leak_detected" || true; echo
    E2E_FAILED=1
    exit 1
  fi
  sleep 2
done
e2e_log "OomguardLeakDetected $state after $((SECONDS - start)) s"

fail=0
case $state in
  "firing kind=goroutine-leak") ;;
  *) echo "FAIL: alert labels: $state, want kind=goroutine-leak"; fail=1;;
esac
# Every documented exporter metric, for this target.
curl -fsS --max-time 2 "http://127.0.0.1:$WATCH_PORT/metrics" >"$E2E_TMP/metrics.txt"
for m in oomguard_up oomguard_heap_after_gc_bytes oomguard_goroutines \
  oomguard_heap_growth_bytes_per_second oomguard_goroutine_growth_per_second oomguard_gc_per_minute \
  oomguard_seconds_to_oom oomguard_memory_limit_bytes oomguard_leak_detected \
  oomguard_restarts_total oomguard_snapshots_total; do
  grep -Eq "^$m\{([^}]*,)?target=\"$DEBUG_URL\"" "$E2E_TMP/metrics.txt" ||
    { echo "FAIL: the exporter has no $m{target=\"$DEBUG_URL\"}"; fail=1; }
done
grep -Eq "^oomguard_up\{[^}]*target=\"$DEBUG_URL\"[^}]*\} 1(\.0*)?$" "$E2E_TMP/metrics.txt" ||
  { echo "FAIL: oomguard_up for the target is not 1"; fail=1; }
if [ "$fail" != 0 ]; then
  echo "--- watcher /metrics"; cat "$E2E_TMP/metrics.txt"
  E2E_FAILED=1
  exit 1
fi
echo "ok: OomguardLeakDetected firing for $DEBUG_URL (kind goroutine-leak) after $((SECONDS - start)) s"
