#!/usr/bin/env bash
# The Monte Carlo intervals' cost (issue 23): 10,000 draws for a market of 100 firms, and the
# seeded report with its intervals, each beside the same command with --draws 0 (no intervals).
# Median of RUNS runs (default 11) with /usr/bin/time. Usage: bench/intervals.sh [RUNS] [FIRMS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-11}; firms=${2:-100}
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
. bench/measure.sh
swift build -c release >/dev/null
bin=$(swift build -c release --show-bin-path)/aitrack

# a stock of FIRMS firms with Epoch-like bounds (5th percentile 0.7×, 95th 1.5× the median), two
# segments each, and an aggregate for the rest
python3 - "$firms" > "$work/market.ndjson" <<'PY'
import sys
n = int(sys.argv[1])
print('{"type":"metric","name":"bench_chips","unit":"H100e","kind":"stock","market":"AI chips owned (benchmark)","top_list":true}')
print('{"type":"company","name":"Rest","kind":"aggregate"}')
for k in range(n):
    for seg, part in (("Nvidia", 0.7), ("TPU", 0.3)):
        v = round((1_000_000 / (k + 1)) * part)
        print('{"type":"statistic","metric":"bench_chips","date":"2025-12-31","company":"Firm %03d","segment":"%s",'
              '"value":%d,"low":%d,"high":%d,"unit":"H100e","qualifier":"estimate","source":"Bench"}' % (k, seg, v, v * 0.7, v * 1.5))
print('{"type":"statistic","metric":"bench_chips","date":"2025-12-31","company":"Rest","value":500000,"low":300000,"high":900000,'
      '"unit":"H100e","qualifier":"estimate","source":"Bench"}')
PY
"$bin" ingest "$work/market.ndjson" --db "$work/market.db" --no-seed --quiet
"$bin" init --db "$work/seed.db" --quiet

echo "machine: $(nproc) cores, $(uname -m); $(date -u +%F); runs: $runs"
measure "concentration, $firms firms, 10,000 draws" "" "$bin concentration --db $work/market.db --metric bench_chips --year 2025 --format json"
measure "concentration, $firms firms, --draws 0" "" "$bin concentration --db $work/market.db --metric bench_chips --year 2025 --format json --draws 0"
measure "seeded report --year 2025 (intervals)" "" "$bin report --db $work/seed.db --year 2025"
measure "seeded report --year 2025 --draws 0" "" "$bin report --db $work/seed.db --year 2025 --draws 0"
measure "seeded report --year 2025 --format html (history bands)" "" "$bin report --db $work/seed.db --year 2025 --format html"
