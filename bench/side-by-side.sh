#!/usr/bin/env bash
# Side by side, in one run: N statistic entries (default 200,000; bench/gen_statistics.py, fixed
# content) loaded by the sqlite3 shell's .import (the floor: a STRICT table with the identity as a
# unique index, bench/import_baseline.sql), by sqlite-utils insert (installed into a local virtual
# environment when missing), and by aitrack ingest from NDJSON and from CSV, each into an empty
# database; then aitrack re-ingesting the same NDJSON (all unchanged). Each is run RUNS times
# (default 3); the median wall time and the peak RSS are printed, with the ratios to .import.
#   bench/side-by-side.sh [N] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-200000}
runs=${2:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
swift build -c release > "$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
bin=$(swift build -c release --show-bin-path)/aitrack
python3 bench/gen_statistics.py "$n" "$work" >/dev/null
# aitrack's CSV: the entry fields as columns, a type given by --type
{ echo "metric,date,company,segment,value,low,high,unit,source"; tail -n +2 "$work/stats.csv"; } > "$work/entries.csv"

venv=bench/out/venv
if ! [ -x "$venv/bin/sqlite-utils" ]; then
  mkdir -p bench/out
  python3 -m venv "$venv" && "$venv/bin/pip" install --quiet --disable-pip-version-check sqlite-utils
fi

. bench/measure.sh

results=$work/results
{
  measure import "rm -f $work/i.db*; sqlite3 $work/i.db < bench/import_baseline.sql" \
    "sqlite3 $work/i.db -cmd '.mode csv' -cmd BEGIN -cmd '.import --skip 1 $work/stats.csv statistics_import' -cmd COMMIT 'SELECT 1'"
  measure sqlite-utils "rm -f $work/u.db*" "$venv/bin/sqlite-utils insert $work/u.db statistics $work/stats.csv --csv"
  measure aitrack-ndjson "rm -f $work/a.db*; $bin init --no-seed --quiet --db $work/a.db" "$bin ingest $work/stats.ndjson --quiet --db $work/a.db"
  measure aitrack-csv "rm -f $work/c.db*; $bin init --no-seed --quiet --db $work/c.db" "$bin ingest $work/entries.csv --type statistic --quiet --db $work/c.db"
  measure aitrack-unchanged "true" "$bin ingest $work/stats.ndjson --quiet --db $work/a.db"
} > "$results"

floor=$(awk '$1 == "import" {print $2}' "$results")
utils=$(awk '$1 == "sqlite-utils" {print $2}' "$results")
echo "entries: $n, median of $runs runs, $(nproc) cores, $(date -u +%Y-%m-%d)"
printf "%-18s %9s %9s %12s %16s\n" tool seconds "peak MB" "× .import" "sqlite-utils ÷"
while read -r name t m; do
  printf "%-18s %9s %9s %12s %16s\n" "$name" "$t" "$m" "$(python3 -c "print(round($t / max($floor, 0.01), 1))")" "$(python3 -c "print(round($utils / max($t, 0.01), 2))")"
done < "$results"
