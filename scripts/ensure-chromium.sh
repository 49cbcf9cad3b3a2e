#!/usr/bin/env bash
# The browser the end-to-end tests drive: Debian's Chromium, installed when it is missing.
# CHROMIUM_PATH points elsewhere if a machine keeps its browser somewhere else.
set -euo pipefail
path="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$path" ]; then exit 0; fi
if [ "$(id -u)" -ne 0 ]; then
  echo "Chromium is missing at $path; install it (apt-get install chromium) or set CHROMIUM_PATH" >&2
  exit 1
fi
echo "installing Chromium for the browser tests (apt-get install chromium)…" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get install -y --no-install-recommends chromium >&2 || { apt-get update >&2 && apt-get install -y --no-install-recommends chromium >&2; }
