# Sourced by the benchmark scripts. measure NAME SETUP COMMAND runs SETUP then times COMMAND,
# $runs times, with /usr/bin/time (scratch files in $work), and prints "NAME median_s peak_mb".
measure() {
  local name=$1 setup=$2 cmd=$3 times=() peak=0
  for _ in $(seq "$runs"); do
    bash -c "$setup" >/dev/null 2>&1
    /usr/bin/time -f "%e %M" -o "$work/t" bash -c "$cmd" >/dev/null 2>&1
    read -r t m < "$work/t"
    times+=("$t")
    [ "$m" -gt "$peak" ] && peak=$m
  done
  median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR + 1) / 2)]}')
  echo "$name $median $((peak / 1024))"
}

# split_rows BASE N: BASE + N generated statistics (bench/gen_statistics.py) in $work, split into
# base.ndjson/base.csv (the first BASE) and new.ndjson/new.csv (the next N, CSV with its header),
# and import-base.db: the sqlite3 shell's table (bench/import_baseline.sql) holding the base rows.
split_rows() {
  local base=$1 n=$2
  python3 bench/gen_statistics.py $((base + n)) "$work" >/dev/null
  head -n "$base" "$work/stats.ndjson" > "$work/base.ndjson"
  tail -n +$((base + 1)) "$work/stats.ndjson" > "$work/new.ndjson"
  head -n $((base + 1)) "$work/stats.csv" > "$work/base.csv"
  { head -n 1 "$work/stats.csv"; tail -n +$((base + 2)) "$work/stats.csv"; } > "$work/new.csv"
  sqlite3 "$work/import-base.db" < bench/import_baseline.sql
  sqlite3 "$work/import-base.db" -cmd '.mode csv' -cmd BEGIN -cmd ".import --skip 1 $work/base.csv statistics_import" -cmd COMMIT 'SELECT 1' >/dev/null
}
