#!/usr/bin/env bash
# Playwright drives Debian's Chromium (nothing can download a browser here). Install it when missing.
set -euo pipefail
CHROMIUM=${CHROMIUM_PATH:-/usr/bin/chromium}
if [ -x "$CHROMIUM" ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Chromium is missing: installing Debian's chromium package…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  [ -x "$CHROMIUM" ] && exit 0
fi
cat >&2 <<MSG
Chromium was not found at $CHROMIUM and could not be installed automatically.
Install it, then run npm test again:
  sudo apt-get install -y chromium        (Debian/Ubuntu)
or point CHROMIUM_PATH at an existing Chromium/Chrome binary.
MSG
exit 1
