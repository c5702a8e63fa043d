#!/usr/bin/env bash
# What migration 0004 (indexes on the foreign-key columns the listings filter on) costs and
# gains on N statistics (default 1,000,000), in plain SQL through the sqlite3 shell, so that only
# the schema differs: one INSERT … SELECT of N rows into the schema of migrations 0001-0003 and
# into 0001-0004, then the listings' source filter on each. Usage: bench/fk_indexes.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000000}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
schema() {  # $1: database, $2..: migration files
  local db=$1; shift
  { echo "PRAGMA journal_mode=WAL;"; cat "$@"; } | sqlite3 "$db" >/dev/null
  sqlite3 "$db" "INSERT INTO sources (name) VALUES ('Bench'), ('Relay'); INSERT INTO companies (name) SELECT 'Company ' || value FROM generate_series(1, 2000);" 2>/dev/null \
    || sqlite3 "$db" "INSERT INTO sources (name) VALUES ('Bench'), ('Relay'); WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 2000) INSERT INTO companies (name) SELECT 'Company ' || i FROM c;"
}
insert="WITH RECURSIVE r(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM r WHERE i < $n - 1)
INSERT INTO statistics (identity, metric, date, company_id, segment, value, low, high, unit, source_id, cited_by_id)
SELECT 'id' || i, 'bench_metric_' || (i % 10), date('2000-01-01', '+' || (i / 80000) || ' years'), 1 + i % 2000, 'S' || (i % 4),
       1000 + i % 1000, 500, 5000, 'H100e', 1, CASE WHEN i % 100 = 0 THEN 2 END FROM r;"
query="SELECT count(*) FROM statistics WHERE source_id IN (SELECT id FROM sources WHERE name = 'Relay' COLLATE NOCASE)
       OR cited_by_id IN (SELECT id FROM sources WHERE name = 'Relay' COLLATE NOCASE);"
for variant in before after; do
  files=(Migrations/0001_init.sql Migrations/0002_concentration_views.sql Migrations/0003_views_in_rank_order.sql)
  [ "$variant" = after ] && files+=(Migrations/0004_foreign_key_indexes.sql)
  schema "$out/$variant.db" "${files[@]}"
  s=$(date +%s.%N); sqlite3 "$out/$variant.db" "BEGIN; $insert COMMIT;"; e=$(date +%s.%N)
  q0=$(date +%s.%N); for _ in 1 2 3 4 5; do sqlite3 "$out/$variant.db" "$query" >/dev/null; done; q1=$(date +%s.%N)
  printf "%-7s insert %s rows: %6.2f s   source filter (mean of 5 runs): %6.3f s   file %s MB\n" "$variant" "$n" \
    "$(echo "$e - $s" | bc)" "$(echo "($q1 - $q0) / 5" | bc -l)" "$(( $(stat -c %s "$out/$variant.db") / 1048576 ))"
done
