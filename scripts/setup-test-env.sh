#!/usr/bin/env bash
# Installs what the test suite needs on a Debian 12 machine that starts with only Node 20 and npm:
# Debian packages (Chromium for webview and workbench tests, the compilers and headers code-server's
# native modules are built with, ripgrep for its search, and the Python tools that generate expected
# values for fixtures), then code-server for the in-VS Code integration tests.
# Idempotent and quick when everything is already there: apt is only touched for missing packages.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

APT_PACKAGES=(
  chromium              # headless browser for webview tests and the code-server workbench
  g++ make              # node-gyp builds of code-server's native modules
  libkrb5-dev           # headers for code-server's kerberos module
  ripgrep               # code-server's search; its npm package would download it
  python3-nibabel python3-numpy python3-pil python3-scipy plastimatch  # fixture generators
  time                  # /usr/bin/time for memory measurements in benchmarks
)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'ok installed'; then
    missing+=("$pkg")
  fi
done

if ((${#missing[@]} > 0)); then
  echo "setup-test-env: installing Debian packages: ${missing[*]}"
  SUDO=()
  if [[ "$(id -u)" -ne 0 ]]; then
    command -v sudo >/dev/null || { echo "setup-test-env: need root (or sudo) to apt-get install ${missing[*]}" >&2; exit 1; }
    SUDO=(sudo)
  fi
  LOG="$(mktemp -t setup-test-env.XXXXXX.log)"
  if ! { "${SUDO[@]}" apt-get update -q && DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -q "${missing[@]}"; } >"$LOG" 2>&1; then
    echo "setup-test-env: apt-get failed; last lines of $LOG:" >&2
    tail -n 30 "$LOG" >&2
    exit 1
  fi
  rm -f "$LOG"
fi

bash "$ROOT/scripts/setup-code-server.sh"
