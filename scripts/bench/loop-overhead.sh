#!/usr/bin/env bash
# perf's per-operation harness cost: a no-op in-process workload in the closed model (users calling back to
# back, no think time), so every nanosecond per operation is perf's own (timing, counters, three HdrHistogram
# recordings). Prints ns/op and ops/s per thread for 1 and 2 users, median of RUNS (default 3) each.
# Goal: <= 50 ns/op.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
runs="${RUNS:-3}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
[ -f "$root/target/perf.jar" ] || (cd "$root" && mvn -q -B -DskipTests -Dspotless.check.skip=true package)
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
for users in 1 2; do
  cat > "$work/perf.yaml" <<YAML
name: loop-overhead
benchmarks:
  - load:
      name: noop
      target: { java: { class: dev.perf.load.NoopWorkload } }
      load: { users: $users, duration: 5s, warmup: 2s }
YAML
  rates=()
  for i in $(seq 1 "$runs"); do
    java -jar "$root/target/perf.jar" run -s "$work/perf.yaml" -o "$work/r.json" -q --no-progress
    rates+=("$(python3 -c "import json; d=json.load(open('$work/r.json'))['benchmarks'][0]['load']; print(d['overall']['throughput'] / $users)")")
  done
  m=$(median "${rates[@]}")
  printf '%d user(s): %.0f ops/s per thread, %.1f ns/op harness cost (runs: %s)\n' "$users" "$m" \
    "$(awk -v r="$m" 'BEGIN {print 1e9 / r}')" "$(printf '%.0f ' "${rates[@]}")"
done
