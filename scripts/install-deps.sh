#!/usr/bin/env bash
# Installs the Debian packages oomguard needs to build, test, benchmark and run its demo.
# Idempotent and quiet when nothing is missing; uses sudo when not root.
set -euo pipefail

PKGS=(
  # toolchain
  cmake ninja-build g++ clang libclang-rt-14-dev clang-format clang-tidy pkg-config git make
  # libraries
  libcli11-dev libfmt-dev nlohmann-json3-dev libprotozero-dev libdeflate-dev zlib1g-dev
  libcurl4-openssl-dev libyaml-cpp-dev libre2-dev libcpp-httplib-dev libgtest-dev libgmock-dev
  libbenchmark-dev
  # test-time peers and oracles (never needed by the oomguard binary at run time)
  golang-go hyperfine panicparse time
  # end-to-end tests of oomguard watch: a real Prometheus (and promtool), the scripts' tools
  prometheus curl python3
)

missing=()
for p in "${PKGS[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "install-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
# The prometheus package enables a system service on :9090; the tests start their own instances
# on loopback, so make sure the packaged one is not left running.
if [[ " ${missing[*]} " == *" prometheus "* ]] && command -v systemctl >/dev/null &&
  systemctl is-active --quiet prometheus 2>/dev/null; then
  $SUDO systemctl disable --now prometheus >/dev/null 2>&1 || true
fi
