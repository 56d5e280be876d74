#!/usr/bin/env bash
# make demo: runs oomguard on the bundled example service (examples/leakysvc).
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
