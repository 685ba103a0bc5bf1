#!/usr/bin/env bash
# Installs Debian's Chromium for the browser tests (tests/browser). Playwright drives /usr/bin/chromium and
# never downloads a browser of its own. Does nothing when Chromium is already there.
set -euo pipefail
CHROMIUM="${BRYGGA_CHROMIUM:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ]; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "Webbläsartesterna behöver Chromium ($CHROMIUM) och apt-get finns inte här." >&2
  echo "Installera Chromium själv och ange sökvägen i BRYGGA_CHROMIUM." >&2
  exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi
echo "Installerar Debians chromium för webbläsartesterna ..."
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
"$CHROMIUM" --version
