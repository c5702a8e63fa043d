#!/usr/bin/env bash
# Renders the 2025 report of a freshly seeded database with headless Chromium into
# docs/report-2025.png (the README's picture). Needs Debian's chromium.
#   scripts/screenshot.sh [OUT.png]
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-docs/report-2025.png}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
swift build -c release >/dev/null
bin=$(swift build -c release --show-bin-path)/aitrack
"$bin" init --db "$work/aitrack.db" --quiet
"$bin" report --year 2025 --format html --db "$work/aitrack.db" > "$work/report.html"
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1000,2900 \
  --screenshot="$work/report.png" "file://$work/report.html" >/dev/null 2>&1
cp "$work/report.png" "$out"
echo "wrote $out"
