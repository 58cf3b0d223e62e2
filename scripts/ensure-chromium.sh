#!/usr/bin/env bash
# Make sure a Chromium for Playwright exists: CHROMIUM_PATH, else /usr/bin/chromium,
# else (as root) Debian's `chromium` package. Playwright's own browser download is
# not used: its download servers are not reachable from our machines (only npm and Debian are).
set -euo pipefail

path=${CHROMIUM_PATH:-/usr/bin/chromium}
if [[ -x $path ]]; then exit 0; fi
if [[ -n ${CHROMIUM_PATH:-} ]]; then
  echo "[chromium] ERROR: CHROMIUM_PATH=$CHROMIUM_PATH is not an executable file" >&2
  exit 1
fi

if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
  echo "[chromium] installing Debian's chromium (apt-get)" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends chromium fonts-liberation >&2
  [[ -x /usr/bin/chromium ]] || { echo "[chromium] ERROR: apt-get installed chromium but /usr/bin/chromium is missing" >&2; exit 1; }
  exit 0
fi

cat >&2 <<'MSG'
[chromium] ERROR: no Chromium found for the browser tests.
  Install it (Debian/Ubuntu: sudo apt-get install -y chromium), or set CHROMIUM_PATH
  to an existing Chromium/Chrome executable.
MSG
exit 1
