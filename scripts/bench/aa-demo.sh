#!/usr/bin/env bash
# A/A on real runs: RUNS (default 6) back-to-back `perf run quick` of the demo suite's JMH benchmarks, then
# `perf compare` of every consecutive pair; prints each pair's verdict counts and the share of pairs with
# any fail (goal: at most 5 %). About 45 s per run on 2 cores.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
runs="${RUNS:-6}"
work="${WORK:-$(mktemp -d)}"
mkdir -p "$work"
[ -n "${WORK:-}" ] || trap 'rm -rf "$work"' EXIT
jar="${PERF_JAR:-$root/target/perf.jar}"
[ -f "$jar" ] || (cd "$root" && mvn -q -B -DskipTests -Dspotless.check.skip=true package)
cd "$work"
# --only keeps the demo's JMH benchmarks (its load loops' names do not match)
for i in $(seq 1 "$runs"); do
  java -jar "$jar" run quick --only '^dev\.perf\.demo\.' -o "run-$i.json" --no-progress -q >/dev/null 2>&1 || true
done
pairs=0
failing=0
for i in $(seq 2 "$runs"); do
  j=$((i - 1))
  out="$(java -jar "$jar" compare "run-$j.json" "run-$i.json" 2>/dev/null)" && rc=0 || rc=$?
  line="$(printf '%s\n' "$out" | tail -1)"
  pairs=$((pairs + 1))
  [ "$rc" = 1 ] && failing=$((failing + 1))
  echo "pair $j-$i: exit $rc; $line"
  printf '%s\n' "$out" | grep -E '^fail: ' || true
done
echo "A/A on real runs: $failing of $pairs pairs with a fail ($(( 100 * failing / pairs )) %); goal <= 5 %"
