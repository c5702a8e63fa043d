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
