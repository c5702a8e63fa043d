#!/usr/bin/env bash
# Ingest benchmark: N statistic entries (default 1,000,000) through `aitrack ingest`, against the
# sqlite3 shell's .import of the same rows as CSV into an equivalent table (bench/import_baseline.sql).
# Prints wall time and peak RSS of each. Usage: bench/ingest.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000000}
out=${BENCH_OUT:-$(mktemp -d)}
swift build -c release >/dev/null
bin=$(swift build -c release --show-bin-path)/aitrack
python3 bench/gen_statistics.py "$n" "$out" >/dev/null
rm -f "$out"/aitrack.db* "$out"/import.db*

/usr/bin/time -f "%e %M" -o "$out/aitrack.time" "$bin" ingest "$out/stats.ndjson" --db "$out/aitrack.db" --no-seed --quiet
sqlite3 "$out/import.db" < bench/import_baseline.sql
/usr/bin/time -f "%e %M" -o "$out/import.time" sqlite3 "$out/import.db" -cmd ".mode csv" -cmd "BEGIN" \
  -cmd ".import --skip 1 $out/stats.csv statistics_import" -cmd "COMMIT" "SELECT 1" >/dev/null

read -r at am < "$out/aitrack.time"
read -r it im < "$out/import.time"
rows=$(sqlite3 "$out/aitrack.db" "SELECT count(*) FROM statistics")
echo "entries:            $n (stored: $rows)"
echo "aitrack ingest:     ${at} s, peak RSS $((am / 1024)) MB, $(python3 -c "print(round($n / $at))") entries/s"
echo "sqlite3 .import:    ${it} s, peak RSS $((im / 1024)) MB"
echo "ratio:              $(python3 -c "print(round($at / $it, 1))")x (target: at most 2x)"
