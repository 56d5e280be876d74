#!/usr/bin/env bash
# Runs every lint rule over real code and prints findings per rule per corpus: GOROOT/src and
# Go projects that Debian ships as golang-*-dev packages (installed here with apt when missing).
# The sampled reviews built on these counts are in docs/precision.md.
# Usage: bench/lint/real-code.sh [path/to/oomguard] [outdir]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BIN=$(realpath "${1:-$ROOT/build/release/src/cli/oomguard}")
OUT=$(realpath "${2:-$(mktemp -d)}")
PKGS=(golang-golang-x-net-dev golang-github-prometheus-client-golang-dev
      golang-github-gorilla-mux-dev golang-github-go-sql-driver-mysql-dev
      golang-github-gin-gonic-gin-dev golang-google-grpc-dev golang-github-nats-io-go-nats-dev
      golang-github-hashicorp-raft-dev golang-github-gomodule-redigo-dev)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
GS=/usr/share/gocode/src
declare -A CORPORA=(
  [goroot]="$(GOTOOLCHAIN=local go env GOROOT)/src"
  [x-net]="$GS/golang.org/x/net"
  [prometheus-client]="$GS/github.com/prometheus/client_golang"
  [gorilla-mux]="$GS/github.com/gorilla/mux"
  [mysql-driver]="$GS/github.com/go-sql-driver/mysql"
  [gin]="$GS/github.com/gin-gonic/gin"
  [grpc]="$GS/google.golang.org/grpc"
  [nats]="$GS/github.com/nats-io/nats.go"
  [raft]="$GS/github.com/hashicorp/raft"
  [redigo]="$GS/github.com/gomodule/redigo"
)
for name in $(printf '%s\n' "${!CORPORA[@]}" | sort); do
  dir=${CORPORA[$name]}
  [ -d "$dir" ] || continue
  (cd "$dir" && "$BIN" lint --exit-zero --format json ./... >"$OUT/$name.json" 2>"$OUT/$name.err") || true
  echo "== $name ($dir): $(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))))" "$OUT/$name.json") findings"
  python3 - "$OUT/$name.json" <<'PY'
import collections, json, sys
c = collections.Counter(f["rule"] for f in json.load(open(sys.argv[1])))
for rule, n in sorted(c.items()):
    print(f"   {n:6d}  {rule}")
PY
done
echo "(JSON per corpus in $OUT)"
