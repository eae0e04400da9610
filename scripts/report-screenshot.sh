#!/usr/bin/env bash
# Renders a report's index.html in headless Chromium (with Noto CJK fonts for Chinese) to a PNG
# and checks that the picture has the expected size and real content.
# Usage: scripts/report-screenshot.sh [REPORT_DIR] [OUT.png]
set -euo pipefail
report=${1:-reports}
out=${2:-.build/report-screenshot.png}
missing=""
for p in chromium fonts-noto-cjk; do dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"; done
if [ -n "$missing" ]; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get -o DPkg::Lock::Timeout=600 update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -qq $missing >/dev/null
fi
mkdir -p "$(dirname "$out")"
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=900,2600 \
  --screenshot="$out" "file://$(realpath "$report/index.html")" 2>/dev/null
python3 "$(dirname "$0")/check_png.py" "$out" --min-width 900 --min-height 2600
