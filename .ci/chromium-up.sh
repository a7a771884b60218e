#!/usr/bin/env bash
# Debian's Chromium for the dashboard's end-to-end tests (Playwright for .NET drives /usr/bin/chromium; its own browser
# download is never used). Installed when missing; prints the browser's version.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
if ! command -v chromium >/dev/null 2>&1; then
  apt-get update -q >/dev/null
  apt-get install -y -q chromium >/dev/null
fi
chromium --version
