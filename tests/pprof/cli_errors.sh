#!/usr/bin/env bash
# CLI contract for bad input: `oomguard pprof top` prints "FILE: offset N: message" (or the
# limit that was hit) and exits 2. usage: cli_errors.sh OOMGUARD_BINARY WORK_DIR
set -uo pipefail
og=$1 work=$2
mkdir -p "$work" && cd "$work"
fail=0
expect() { # name, expected rc, stderr regex, command...
  local name=$1 rc=$2 re=$3; shift 3
  "$@" >out.txt 2>err.txt; local got=$?
  local okre=1
  if [[ -z $re ]]; then [[ ! -s err.txt ]] || okre=0; else grep -Eq -- "$re" err.txt || okre=0; fi
  if [[ $got != "$rc" || $okre == 0 ]]; then
    echo "FAIL $name: rc=$got stderr=$(cat err.txt)"; fail=1
  else
    echo "ok   $name"
  fi
}
# sample_type {type:1 unit:2}, sample {location_id:1 value:5}, location {id:1},
# string_table "", "samples", "count".
printf '\x0a\x04\x08\x01\x10\x02\x12\x04\x08\x01\x10\x05\x22\x02\x08\x01\x32\x00\x32\x07samples\x32\x05count' >good.pb
head -c 13 good.pb >trunc.pb
printf '\x0a\x04\x08\x01\x10\x02\x12\x04\x08\x09\x10\x05\x22\x02\x08\x01\x32\x00\x32\x07samples\x32\x05count' >badloc.pb
gzip -c good.pb >good.pb.gz
expect valid 0 '' "$og" pprof top good.pb
grep -q '^         5   100%   100%          5   100%  <unknown>$' out.txt || { echo "FAIL valid output"; cat out.txt; fail=1; }
expect truncated 2 '^oomguard pprof: trunc\.pb: offset [0-9]+: ' "$og" pprof top trunc.pb
expect unknown-location 2 'badloc\.pb: offset 6: sample refers to unknown location 9' "$og" pprof top badloc.pb
expect decompress-limit 2 'good\.pb\.gz: decompressed size exceeds the limit of 10 bytes' \
  "$og" pprof top --max-decompressed 10 good.pb.gz
expect gzip-ok 0 '' "$og" pprof top good.pb.gz
expect missing 2 'nope\.pb: No such file' "$og" pprof top nope.pb
expect bad-regex 2 'parsing focus regexp' "$og" pprof top --focus '(' good.pb
expect bad-index 2 'sample_index 7 is outside' "$og" pprof top --sample-index 7 good.pb
expect bad-base 2 'trunc\.pb: offset' "$og" pprof top --base trunc.pb good.pb
expect growth-one 2 'at least two snapshots' "$og" pprof growth good.pb
expect flame-trunc 2 'trunc\.pb: offset' "$og" pprof flame trunc.pb -o x.html
exit $fail
