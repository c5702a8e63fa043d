#!/usr/bin/env bash
# Serves a freshly seeded database with the metadata `aitrack publish datasette` writes, on
# loopback, and renders the page of one canned query (the top-five share of AI compute by year)
# with headless Chromium into docs/datasette-top-five-share.png (the README's picture).
# Needs Debian's chromium and PyPI's datasette.
#   scripts/datasette-screenshot.sh [OUT.png]
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-docs/datasette-top-five-share.png}
work=$(mktemp -d)
swift build >/dev/null
bin=$(swift build --show-bin-path)/aitrack
"$bin" init --db "$work/aitrack.db" --quiet >/dev/null
"$bin" publish datasette "$work/site" --db "$work/aitrack.db" --quiet
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -m datasette serve "$work/aitrack.db" -m "$work/site/metadata.json" --host 127.0.0.1 --port "$port" >/dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$work"' EXIT
url="http://127.0.0.1:$port/aitrack/top_five_share?metric=ai_compute_h100e"
for _ in $(seq 1 300); do   # at most a minute for the server to listen
  curl -sf -o /dev/null "$url" && break
  sleep 0.2
done
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1400,900 \
  --screenshot="$work/page.png" "$url" >/dev/null 2>&1
cp "$work/page.png" "$out"
echo "wrote $out"
