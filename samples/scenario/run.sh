#!/usr/bin/env bash
# Runs samples/scenario/perf.yaml against perf's demo shop: starts the shop (from perf's own jar) on
# 127.0.0.1:18089, runs the suite (results in perf-results/scenario-sample.json), then stops the shop by its
# PID. Needs only Java 17+ (and Maven the first time, to build the jar).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
"$root/scripts/perf" --version > /dev/null            # builds target/perf.jar when it is missing or stale
java -cp "$root/target/perf.jar" dev.perf.demo.DemoShop 18089 > /dev/null &
shop=$!
trap 'kill "$shop" 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do
  (exec 3<>/dev/tcp/127.0.0.1/18089) 2>/dev/null && break
  sleep 0.1
done
mkdir -p "$root/perf-results"
"$root/scripts/perf" run quick -s "$here/perf.yaml" -o "$root/perf-results/scenario-sample.json" "$@"
