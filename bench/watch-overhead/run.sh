#!/usr/bin/env bash
# bench/watch-overhead/run.sh OOMGUARD [PHASE_SECONDS] [ROUNDS]
#
# The cost of `oomguard watch` to the service it watches, measured in one run: leakysvc -mode
# healthy under loadgen at RPS requests/s (default 100), in alternating phases of PHASE_SECONDS
# (default 60) without and with `oomguard watch URL` at its default interval, ROUNDS times
# (default 3). Per phase: the service's CPU time (utime+stime from /proc/PID/stat), CPU per
# 1000 requests, and loadgen's latency percentiles; for watch phases also watch's own CPU.
# On a shared machine the loaded phases differ by several percent on their own, more than watch
# costs, so the run starts with two idle phases (no load, without and with watch): the service's
# CPU while idle is small and steady, and the difference is the CPU watch's polling costs it.
# Prints a Markdown table and the totals (docs/benchmarks.md, "watch overhead").
set -euo pipefail
OOMGUARD=$(realpath "${1:?path to oomguard}")
PHASE=${2:-60}
ROUNDS=${3:-3}
RPS=${RPS:-100}
cd "$(dirname "$0")/../.."
export GOTOOLCHAIN=local GOFLAGS=-mod=mod

tmp=$(mktemp -d "${TMPDIR:-/tmp}/oomguard-overhead.XXXXXX")
pids=()
cleanup() {
  local p
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

(cd examples/leakysvc && go build -o "$tmp/" . ./cmd/loadgen)
mkdir -p "$tmp/data" "$tmp/out"
"$tmp/leakysvc" -mode healthy -addr 127.0.0.1:0 -debug-addr 127.0.0.1:0 -addr-file "$tmp/addr" \
  -data "$tmp/data" 2>"$tmp/leakysvc.log" &
svc_pid=$!
pids+=("$svc_pid")
for _ in $(seq 100); do [ -s "$tmp/addr" ] && break; sleep 0.1; done
svc=http://$(awk '$1 == "service" {print $2}' "$tmp/addr")
debug=http://$(awk '$1 == "debug" {print $2}' "$tmp/addr")
hz=$(getconf CLK_TCK)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$svc_pid/stat"; }
# The same in nanoseconds, summed over the service's threads (/proc/PID/task/*/schedstat): the
# idle phases cost only a few 10 ms clock ticks, too coarse on their own.
cpu_ns() { cat /proc/"$svc_pid"/task/*/schedstat 2>/dev/null | awk '{s += $1} END {printf "%d", s}'; }

# Idle: what serving watch's polls costs the service, without the noise of the load.
sleep 2
idle_before=$(cpu_ticks) idle_ns=$(cpu_ns)
sleep "$PHASE"
idle_without=$(($(cpu_ticks) - idle_before)) idle_without_ns=$(($(cpu_ns) - idle_ns))
idle_before=$(cpu_ticks) idle_ns=$(cpu_ns)
"$OOMGUARD" watch "$debug" --duration "${PHASE}s" --out "$tmp/out" >"$tmp/watch.out" 2>&1 || true
idle_with=$(($(cpu_ticks) - idle_before)) idle_with_ns=$(($(cpu_ns) - idle_ns))
echo "idle: service CPU $idle_without ticks ($idle_without_ns ns) without watch, $idle_with ($idle_with_ns ns) with (CLK_TCK $hz)" >&2

# Warm up (first GCs, connection pools), then the phases.
"$tmp/loadgen" -target "$svc" -duration 10s -rps "$RPS" 2>/dev/null
rows=()
for round in $(seq "$ROUNDS"); do
  for phase in without with; do
    before=$(cpu_ticks)
    watch_pid=""
    if [ "$phase" = with ]; then
      /usr/bin/time -f "%U %S" -o "$tmp/watch.time" "$OOMGUARD" watch "$debug" \
        --duration "$((PHASE + 5))s" --out "$tmp/out" >"$tmp/watch.out" 2>&1 &
      watch_pid=$!
      pids+=("$watch_pid")
    fi
    "$tmp/loadgen" -target "$svc" -duration "${PHASE}s" -rps "$RPS" -json >"$tmp/load.json" 2>/dev/null
    after=$(cpu_ticks)
    watch_cpu="-"
    if [ -n "$watch_pid" ]; then
      wait "$watch_pid" || true   # exits by --duration (0, or 1 if it calls this a leak)
      watch_cpu=$(awk '{printf "%.2f", $1 + $2}' "$tmp/watch.time")
    fi
    rows+=("$(python3 - "$tmp/load.json" "$round" "$phase" "$((after - before))" "$hz" "$watch_cpu" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
rnd, phase, ticks, hz, wcpu = sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]), sys.argv[6]
cpu = ticks / hz
print(f"{rnd}|{phase}|{r['requests']}|{r['seconds']:.1f}|{cpu:.2f}|{100 * cpu / r['seconds']:.2f}|"
      f"{1000 * cpu / max(r['requests'], 1):.3f}|{r['p50_ms']:.2f}|{r['p99_ms']:.2f}|{wcpu}")
PY
)")
    echo "round $round, $phase watch: ${rows[-1]}" >&2
  done
done

echo
echo "leakysvc -mode healthy, loadgen -rps $RPS, phases of ${PHASE} s, oomguard watch $debug (default interval)"
echo
echo "| round | watch | requests | seconds | service CPU s | service CPU % of a core | CPU s per 1000 req | p50 ms | p99 ms | watch's own CPU s |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
printf '%s\n' "${rows[@]}" | sed 's/|/ | /g; s/^/| /; s/$/ |/'
printf '%s\n' "${rows[@]}" | python3 -c '
import sys
idle_without, idle_with, hz, phase = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
idle_without_ns, idle_with_ns = int(sys.argv[5]), int(sys.argv[6])
tot = {"without": [0.0, 0, 0.0, []], "with": [0.0, 0, 0.0, []]}
for line in sys.stdin:
    f = line.strip().split("|")
    t = tot[f[1]]
    t[0] += float(f[4]); t[1] += int(f[2]); t[2] += float(f[3])
    if f[9] != "-": t[3].append(float(f[9]))
w, o = tot["with"], tot["without"]
pw, po = 1000 * w[0] / w[1], 1000 * o[0] / o[1]
print()
print(f"service CPU per 1000 requests: {po:.3f} s without watch, {pw:.3f} s with: {100 * (pw - po) / po:+.2f}% "
      f"(CPU share of a core {100 * o[0] / o[2]:.2f}% -> {100 * w[0] / w[2]:.2f}%, {100 * (w[0] / w[2] - o[0] / o[2]):+.3f} points)")
if w[3]:
    print(f"watch itself: {sum(w[3]):.2f} s CPU over {w[2]:.0f} s = {100 * sum(w[3]) / w[2]:.2f}% of a core")
loaded = (o[0] + w[0]) / (o[2] + w[2])
for name, without, with_, scale in (("/proc/PID/stat", idle_without, idle_with, hz),
                                    ("schedstat", idle_without_ns, idle_with_ns, 1e9)):
    induced = (with_ - without) / scale / phase   # CPU seconds per second
    print(f"idle service ({name}): {1000 * without / scale:.0f} ms CPU in {phase:.0f} s without watch, "
          f"{1000 * with_ / scale:.0f} ms with: watch costs it {1000 * induced * 60:.1f} ms CPU a minute "
          f"= {100 * induced / loaded:.2f}% of its CPU under load ({100 * loaded:.2f}% of a core)")
' "$idle_without" "$idle_with" "$hz" "$PHASE" "$idle_without_ns" "$idle_with_ns"
