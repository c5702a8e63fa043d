#!/usr/bin/env bash
# Two builds side by side in one run, alternating so the machine's load falls on both alike:
# BEFORE and AFTER are two aitrack binaries (e.g. a release build of an older commit in a git
# worktree, and this checkout's). Measured, RUNS times each (default 5), median wall time and
# peak RSS:
#   - N new statistics (default 100,000) into a file of BASE (default 1,000,000), against the
#     sqlite3 shell's .import of the same rows (the floor, as bench/into-large.sh);
#   - the report on the densest year of that file (as bench/report.sh).
#   bench/before-after.sh BEFORE AFTER [BASE] [N] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
before=$(realpath "$1"); after=$(realpath "$2")
base=${3:-1000000}
n=${4:-100000}
runs=${5:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
. bench/measure.sh
split_rows "$base" "$n"
# one base file, made by the older build; the newer works on a copy it upgrades first (a no-op
# when both have the same schema version), so both sides read the same rows
"$before" init --no-seed --quiet --db "$work/base.db"
"$before" ingest "$work/base.ndjson" --quiet --db "$work/base.db"
cp "$work/base.db" "$work/base-after.db"
"$after" db upgrade --db "$work/base-after.db" > /dev/null
year=$(sqlite3 "$work/base.db" "SELECT substr(date, 1, 4) FROM statistics GROUP BY 1 ORDER BY count(*) DESC LIMIT 1")

results=$work/results
: > "$results"
for _ in $(seq "$runs"); do
  saved=$runs; runs=1
  measure import "cp $work/import-base.db $work/i.db" \
    "sqlite3 $work/i.db -cmd '.mode csv' -cmd BEGIN -cmd '.import --skip 1 $work/new.csv statistics_import' -cmd COMMIT 'SELECT 1'" >> "$results"
  for side in before after; do
    bin=${!side}
    file=$work/base.db; [ "$side" = after ] && file=$work/base-after.db
    measure "ingest-$side" "rm -f $work/a.db*; cp $file $work/a.db" "$bin ingest $work/new.ndjson --quiet --db $work/a.db" >> "$results"
    measure "report-$side" "true" "$bin report --db $file --year $year" >> "$results"
  done
  runs=$saved
done
echo "base: $base, new: $n, report on $year, median of $runs alternating runs, $(nproc) cores, $(date -u +%Y-%m-%d)"
printf "%-15s %9s %9s %12s\n" run seconds "peak MB" "× .import"
floor=$(awk '$1 == "import" {print $2}' "$results" | sort -n | awk '{a[NR]=$1} END {print a[int((NR + 1) / 2)]}')
for name in import ingest-before ingest-after report-before report-after; do
  t=$(awk -v n="$name" '$1 == n {print $2}' "$results" | sort -n | awk '{a[NR]=$1} END {print a[int((NR + 1) / 2)]}')
  m=$(awk -v n="$name" '$1 == n && $3 > p {p = $3} END {print p}' "$results")
  ratio=""
  case $name in import|ingest-*) ratio=$(python3 -c "print(round($t / max($floor, 0.01), 1))");; esac
  printf "%-15s %9s %9s %12s\n" "$name" "$t" "$m" "$ratio"
done
