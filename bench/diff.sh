#!/usr/bin/env bash
# `aitrack diff` of two databases of N statistics each (default 50,000): the second has 1 % of its
# values revised and 500 statistics more. Median of RUNS runs (default 5) with /usr/bin/time.
# Usage: bench/diff.sh [N] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-50000}; runs=${2:-5}
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
. bench/measure.sh
swift build -c release >/dev/null
bin=$(swift build -c release --show-bin-path)/aitrack
python3 bench/gen_statistics.py $((n + 500)) "$work" >/dev/null
head -n "$n" "$work/stats.ndjson" > "$work/old.ndjson"
"$bin" ingest "$work/old.ndjson" --db "$work/old.db" --no-seed --quiet
cp "$work/old.db" "$work/new.db"
sqlite3 "$work/new.db" "UPDATE statistics SET value = value + 1, high = high + 1 WHERE id % 100 = 0"
"$bin" ingest "$work/stats.ndjson" --db "$work/new.db" --quiet --ignore
echo "machine: $(nproc) cores, $(uname -m); $(date -u +%F); runs: $runs"
measure "diff of $n against $n + 500 statistics (1 % revised)" "" "$bin diff $work/old.db $work/new.db --format json"
measure "diff of a database with itself ($n statistics)" "" "$bin diff $work/old.db $work/old.db"
# the first lines of the diff (written to a file first: `| head` would cut a large diff's pipe)
"$bin" diff "$work/old.db" "$work/new.db" > "$work/diff.txt"
head -2 "$work/diff.txt"
