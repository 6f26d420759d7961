#!/usr/bin/env bash
# Runs samples/grpc/perf.yaml against perf's demo gRPC catalog: starts it (from perf's own jar) on
# 127.0.0.1:18090, which writes its descriptor set to samples/grpc/catalog.protoset, runs the suite (results in
# perf-results/grpc-sample.json), then stops the server by its PID. Needs only Java 17+ (and Maven the first
# time, to build the jar).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
"$root/scripts/perf" --version > /dev/null            # builds target/perf.jar when it is missing or stale
java -cp "$root/target/perf.jar" dev.perf.demo.DemoGrpc 18090 "$here/catalog.protoset" > /dev/null &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  (exec 3<>/dev/tcp/127.0.0.1/18090) 2>/dev/null && break
  sleep 0.1
done
mkdir -p "$root/perf-results"
"$root/scripts/perf" run quick -s "$here/perf.yaml" -o "$root/perf-results/grpc-sample.json" "$@"
