#!/usr/bin/env bash
# Overhead of `perf run` over plain `java -jar benchmarks.jar` with the same JMH options.
#
# Builds samples/jmh-project (a user JMH uber-jar), then times both, alternating A/B/A/B, RUNS pairs
# (default 3). Both runs use the same JMH options as perf passes them (forks, warm-up, iterations, GC
# profiler, JSON result). Prints each wall time, the medians and the ratio perf/plain (goal <= 1.05).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
runs="${RUNS:-3}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

(cd "$root" && mvn -q -B -DskipTests -Dspotless.check.skip=true package)
(cd "$root/samples/jmh-project" && mvn -q -B package)
jar="$root/samples/jmh-project/target/benchmarks.jar"
perf_jar="$root/target/perf.jar"

opts=(-f 1 -wi 2 -w 1s -i 3 -r 1s)
cat > "$work/perf.yaml" <<YAML
name: overhead
benchmarks:
  - jmh: { include: "com.example.ChecksumBench", jar: "$jar" }
YAML

now() { date +%s.%N; }
plain_times=()
perf_times=()
for i in $(seq 1 "$runs"); do
  t0=$(now)
  java -jar "$jar" '^\Qcom.example.ChecksumBench\E' "${opts[@]}" -prof gc -foe false -rf json -rff "$work/plain.json" >/dev/null 2>&1
  t1=$(now)
  java -jar "$perf_jar" run quick -s "$work/perf.yaml" "${opts[@]}" -o "$work/perf.json" --no-progress -q
  t2=$(now)
  plain_times+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN {print b - a}')")
  perf_times+=("$(awk -v a="$t1" -v b="$t2" 'BEGIN {print b - a}')")
  printf 'pair %d: plain %.2f s, perf %.2f s\n' "$i" "${plain_times[-1]}" "${perf_times[-1]}"
done

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
mp=$(median "${plain_times[@]}")
mf=$(median "${perf_times[@]}")
printf 'median plain java -jar: %.2f s\nmedian perf run:        %.2f s\nratio perf/plain:       %.3f (goal <= 1.05)\n' \
  "$mp" "$mf" "$(awk -v f="$mf" -v p="$mp" 'BEGIN {print f / p}')"
