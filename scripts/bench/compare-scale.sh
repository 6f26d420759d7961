#!/usr/bin/env bash
# Wall time of `perf compare` (JVM start included) on generated inputs: 500 benchmarks x 50 samples per
# side, and 10x that (5000 benchmarks), to show the cost grows linearly. Median of RUNS (default 3) each.
# Goal: < 2 s at 500 x 50. Inputs are perf result files written by a seeded generator.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
runs="${RUNS:-3}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
[ -f "$root/target/perf.jar" ] || (cd "$root" && mvn -q -B -DskipTests -Dspotless.check.skip=true package)
jar="$root/target/perf.jar"

generate() { # benchmarks samples seed shift file
  python3 - "$@" <<'PY'
import json, random, sys
benchmarks, samples, seed, shift, path = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), sys.argv[5]
rnd = random.Random(seed)
def metric(center):
    values = [center * (1 + 0.03 * rnd.gauss(0, 1)) for _ in range(samples)]
    s = sorted(values)
    n = len(s)
    mean = sum(s) / n
    sd = (sum((v - mean) ** 2 for v in s) / (n - 1)) ** 0.5
    median = (s[n // 2] + s[(n - 1) // 2]) / 2
    return {"name": "score", "unit": "ns/op", "better": "lower", "samples": [[v] for v in values],
            "summary": {"n": n, "mean": mean, "median": median, "stddev": sd, "min": s[0], "max": s[-1],
                        "ci": {"level": 0.999, "lower": mean - sd, "upper": mean + sd}}}
result = {"schema": "perf-result/1", "perfVersion": "bench", "run": {"id": "bench", "start": "2026-01-01T00:00:00Z",
          "end": "2026-01-01T00:00:01Z", "profile": "quick", "suite": "scale", "suiteFile": "generated",
          "interrupted": False, "git": {"commit": None, "branch": None, "dirty": None}},
          "environment": None,
          "thresholds": {"time": {"warn": "10%", "fail": "20%"}, "tail": {"warn": "15%", "fail": "25%"},
                         "memory": {"warn": "20%", "fail": "50%"}},
          "benchmarks": [{"name": "scale.Bench.b%05d" % i, "kind": "jmh", "mode": "avgt", "params": {},
                          "status": "ok", "error": None,
                          "metrics": [metric(100 + i % 97 * (1 + (shift if i % 10 == 0 else 0)))]} for i in range(benchmarks)]}
json.dump(result, open(path, "w"))
PY
}

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

for benchmarks in 500 5000; do
  generate "$benchmarks" 50 1 0 "$work/base-$benchmarks.json"
  generate "$benchmarks" 50 2 0.25 "$work/current-$benchmarks.json"
  times=()
  for i in $(seq 1 "$runs"); do
    t0=$(date +%s.%N)
    java -jar "$jar" compare "$work/base-$benchmarks.json" "$work/current-$benchmarks.json" --format json -o "$work/out.json" --fail-on never
    t1=$(date +%s.%N)
    times+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN {print b - a}')")
  done
  m=$(median "${times[@]}")
  printf '%5d benchmarks x 50 samples per side: median %.2f s (%s)\n' "$benchmarks" "$m" "$(printf '%.2f ' "${times[@]}")"
  eval "median_$benchmarks=$m"
done
printf 'ratio 5000/500: %.1f (10x the input; linear growth gives <= 10)\n' "$(awk -v a="$median_500" -v b="$median_5000" 'BEGIN {print b / a}')"
