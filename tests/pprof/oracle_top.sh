#!/usr/bin/env bash
# Oracle: `go tool pprof -top` vs `oomguard pprof top` on real profiles written by
# tests/oracle/pprofgen, for every sample type, every granularity, -cum, -base, -diff_base and
# focus/ignore/hide/show. The whole output is compared byte for byte (header lines included:
# File/Type/Time/Duration/Showing/Dropped), so every row's names and numbers must be identical.
# usage: oracle_top.sh OOMGUARD_BINARY SOURCE_DIR WORK_DIR
set -euo pipefail
og=$1 src=$2 work=$3
export GOTOOLCHAIN=local GOFLAGS=-mod=mod PPROF_TMPDIR=$work/pproftmp TZ=UTC
mkdir -p "$work/pproftmp"
(cd "$src/tests/oracle/pprofgen" && go build -o "$work/pprofgen" .)
"$work/pprofgen" "$work"
cd "$work"

cases=0 rows=0 failed=0
compare() { # name, pprof flags..., --, oomguard flags...
  local name=$1; shift
  local gof=() ogf=()
  while [[ $1 != -- ]]; do gof+=("$1"); shift; done; shift
  ogf=("$@")
  go tool pprof -top -symbolize=none "${gof[@]}" >"$name.go.txt" 2>"$name.go.err" || {
    echo "pprof failed for $name: $(cat "$name.go.err")"; failed=$((failed+1)); return; }
  "$og" pprof top "${ogf[@]}" >"$name.og.txt" 2>"$name.og.err" || true
  cases=$((cases+1))
  local n; n=$(awk '/flat%/{f=1;next} f' "$name.go.txt" | wc -l); rows=$((rows+n))
  if ! diff -u "$name.go.txt" "$name.og.txt" >"$name.diff"; then
    echo "DIFF $name"; head -40 "$name.diff"; failed=$((failed+1))
  fi
}

types() { go tool pprof -raw -symbolize=none "$1" 2>/dev/null | sed -n "/^Samples:/{n;p;q}" | sed "s/\[dflt\]//g"; }

i=0
for f in heap allocs cpu goroutine mutex block heap2; do
  compare "$f" "$f.pb.gz" -- "$f.pb.gz"
  # every sample type, by index and by name
  for st in $(types "$f.pb.gz"); do
    t=${st%%/*}
    compare "$f-si-$t" -sample_index="$t" "$f.pb.gz" -- --sample-index "$t" "$f.pb.gz"
  done
  compare "$f-si-0" -sample_index=0 "$f.pb.gz" -- --sample-index 0 "$f.pb.gz"
  for g in functions filefunctions files lines; do
    compare "$f-$g" "-$g" "$f.pb.gz" -- --granularity "$g" "$f.pb.gz"
    compare "$f-$g-cum" "-$g" -cum "$f.pb.gz" -- --granularity "$g" --cum "$f.pb.gz"
  done
  compare "$f-noinlines" -noinlines "$f.pb.gz" -- --noinlines "$f.pb.gz"
  compare "$f-nodecount" -nodecount=3 "$f.pb.gz" -- --nodecount 3 "$f.pb.gz"
done
for st in alloc_objects alloc_space inuse_objects inuse_space; do
  compare "base-$st" -sample_index=$st -base heap.pb.gz heap2.pb.gz -- --sample-index $st --base heap.pb.gz heap2.pb.gz
  compare "diffbase-$st" -sample_index=$st -diff_base heap.pb.gz heap2.pb.gz -- --sample-index $st --diff-base heap.pb.gz heap2.pb.gz
  compare "base-lines-$st" -lines -sample_index=$st -base heap.pb.gz heap2.pb.gz -- --granularity lines --sample-index $st --base heap.pb.gz heap2.pb.gz
done
compare base-growth -base growth-0.pb.gz growth-5.pb.gz -- --base growth-0.pb.gz growth-5.pb.gz
compare diffbase-cum -cum -diff_base heap.pb.gz heap2.pb.gz -- --cum --diff-base heap.pb.gz heap2.pb.gz
compare focus -focus=allocMedium heap.pb.gz -- --focus allocMedium heap.pb.gz
compare focus-file -focus='main\.go' -lines cpu.pb.gz -- --focus 'main\.go' --granularity lines cpu.pb.gz
compare ignore -ignore='recursive|Small' heap.pb.gz -- --ignore 'recursive|Small' heap.pb.gz
compare hide -hide='runtime\.' cpu.pb.gz -- --hide 'runtime\.' cpu.pb.gz
compare hide-heap -hide=inlinedAlloc heap.pb.gz -- --hide inlinedAlloc heap.pb.gz
compare show -show='main\.' goroutine.pb.gz -- --show 'main\.' goroutine.pb.gz
compare focus-ignore-hide -focus=main -ignore=busyB -hide=runtime cpu.pb.gz -- --focus main --ignore busyB --hide runtime cpu.pb.gz
compare focus-cum -cum -focus=busy cpu.pb.gz -- --cum --focus busy cpu.pb.gz

# Legacy debug=1 heap text (raw sampled values, unsampled with the header's rate/2) against the
# proto heap written at the same moment: identical rows. The text form records inlined frames as
# separate PCs, so pprof's "(inline)" marks are not comparable and are stripped.
for st in alloc_objects alloc_space inuse_objects inuse_space; do
  go tool pprof -top -symbolize=none -sample_index=$st heap.pb.gz 2>/dev/null |
    sed -n '/^Showing nodes/,$p' | sed 's/ (inline)$//' >"legacy-$st.go.txt"
  "$og" pprof top --sample-index $st heap.txt | sed -n '/^Showing nodes/,$p' >"legacy-$st.og.txt"
  cases=$((cases+1)); rows=$((rows+$(wc -l <"legacy-$st.go.txt")-2))
  if ! diff -u "legacy-$st.go.txt" "legacy-$st.og.txt"; then failed=$((failed+1)); fi
done

# Growth on real heap snapshots: leakyAlloc grows, stableAlloc does not.
"$og" pprof growth growth-*.pb.gz >growth.txt && { echo "growth: expected exit 1"; failed=$((failed+1)); }
if ! sed -n '3,4p' growth.txt | grep -q '^   at main.leakyAlloc ' || grep -q stableAlloc growth.txt; then
  echo "growth: unexpected report:"; cat growth.txt; failed=$((failed+1))
fi
"$og" pprof growth --format json growth-*.pb.gz >growth.json || true
grep -q '"function": "main.leakyAlloc"' growth.json || { echo "growth json"; failed=$((failed+1)); }

# HTTP sources: a file served over HTTP reads exactly like the file; a live net/http/pprof
# endpoint with ?seconds=N (a delta profile) passes through.
rm -f "$work/port"
"$work/pprofgen" -serve "$work" "$work/port" &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 50); do [[ -s $work/port ]] && break; sleep 0.1; done
port=$(cat "$work/port")
"$og" pprof top heap.pb.gz >file.txt
"$og" pprof top --timeout 10 "http://127.0.0.1:$port/files/heap.pb.gz" >url.txt
cases=$((cases+1))
cmp -s file.txt url.txt || { echo "http: differs from the file"; diff file.txt url.txt | head; failed=$((failed+1)); }
"$og" pprof top --sample-index alloc_space "http://127.0.0.1:$port/debug/pprof/allocs?seconds=1" >delta.txt ||
  { echo "http: delta profile failed"; failed=$((failed+1)); }
grep -q '^Type: alloc_space$' delta.txt || { echo "http: no report"; cat delta.txt; failed=$((failed+1)); }
"$og" pprof top "http://127.0.0.1:$port/debug/pprof/nosuch" 2>err.txt && failed=$((failed+1))
grep -q 'HTTP status 404' err.txt || { echo "http: 404 not reported"; cat err.txt; failed=$((failed+1)); }
kill $server 2>/dev/null || true

echo "oracle: $cases cases, $rows rows compared, $failed differing"
[[ $failed == 0 ]]
