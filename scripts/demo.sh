#!/usr/bin/env bash
# make demo: runs oomguard on the bundled example service.
set -euo pipefail
BIN=${1:?path to oomguard}
cd "$(dirname "$0")/.."
echo "== oomguard ast --stats examples/leakysvc/..."
"$BIN" ast --stats ./examples/leakysvc/...
