#!/usr/bin/env bash
# Into a large database: BASE statistic entries (default 1,000,000) are loaded once, untimed; then
# N new entries (default 100,000; the next rows of bench/gen_statistics.py) are loaded into a copy
# of it by the sqlite3 shell's .import (the floor: the same STRICT table and unique index as
# bench/import_baseline.sql) and by aitrack ingest (NDJSON), RUNS times each (default 3); the
# median wall time and peak RSS are printed with the ratio to .import.
#   bench/into-large.sh [BASE] [N] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
base=${1:-1000000}
n=${2:-100000}
runs=${3:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
swift build -c release > "$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
bin=$(swift build -c release --show-bin-path)/aitrack
. bench/measure.sh
split_rows "$base" "$n"
"$bin" init --no-seed --quiet --db "$work/aitrack-base.db"
"$bin" ingest "$work/base.ndjson" --quiet --db "$work/aitrack-base.db"

results=$work/results
{
  measure import "cp $work/import-base.db $work/i.db" \
    "sqlite3 $work/i.db -cmd '.mode csv' -cmd BEGIN -cmd '.import --skip 1 $work/new.csv statistics_import' -cmd COMMIT 'SELECT 1'"
  measure aitrack "rm -f $work/a.db*; cp $work/aitrack-base.db $work/a.db" "$bin ingest $work/new.ndjson --quiet --db $work/a.db"
} > "$results"
stored=$(sqlite3 "$work/a.db" "SELECT count(*) FROM statistics")
floor=$(awk '$1 == "import" {print $2}' "$results")
echo "base: $base, new: $n (stored after: $stored), median of $runs runs, $(nproc) cores, $(date -u +%Y-%m-%d)"
printf "%-10s %9s %9s %12s\n" tool seconds "peak MB" "× .import"
while read -r name t m; do
  printf "%-10s %9s %9s %12s\n" "$name" "$t" "$m" "$(python3 -c "print(round($t / max($floor, 0.01), 1))")"
done < "$results"
