#!/usr/bin/env bash
# Report and concentration timings on the database bench/ingest.sh leaves behind (BENCH_OUT),
# or on a new one of N entries. Usage: BENCH_OUT=/tmp/b bench/report.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
out=${BENCH_OUT:-$(mktemp -d)}
[ -f "$out/aitrack.db" ] || BENCH_OUT="$out" bench/ingest.sh "${1:-1000000}" >/dev/null
bin=$(swift build -c release --show-bin-path)/aitrack
year=$(sqlite3 "$out/aitrack.db" "SELECT substr(date, 1, 4) FROM statistics GROUP BY 1 ORDER BY count(*) DESC LIMIT 1")
rows=$(sqlite3 "$out/aitrack.db" "SELECT count(*) FROM statistics WHERE date BETWEEN '$year-01-01' AND '$year-12-31'")
/usr/bin/time -f "%e %M" -o "$out/report.time" "$bin" report --db "$out/aitrack.db" --year "$year" > /dev/null
/usr/bin/time -f "%e %M" -o "$out/conc.time" "$bin" concentration --db "$out/aitrack.db" --metric bench_metric_3 --year "$year" --format json > /dev/null
read -r rt rm < "$out/report.time"; read -r ct cm < "$out/conc.time"
echo "statistics in $year: $rows of $(sqlite3 "$out/aitrack.db" "SELECT count(*) FROM statistics")"
echo "report --year $year:        ${rt} s, peak RSS $((rm / 1024)) MB"
echo "concentration (one metric): ${ct} s, peak RSS $((cm / 1024)) MB"
