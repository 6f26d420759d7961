#!/usr/bin/env bash
# perf's grpc target beside a plain grpc-java client (scripts/bench/GrpcPlainLoop.java: one channel, a
# prebuilt message, no harness) on the same demo catalog's unary GetItem (dev.perf.demo.DemoGrpc, started here on
# 127.0.0.1 and stopped by its PID): at 2 000/s and at saturation (32 calls in flight). ghz, the usual peer, is
# not packaged for this machine. A/B/A/B over PAIRS pairs (default 3), DURATION s per run (default 10), perf's
# steady state: perf's CPU in the window of benchlib.steady, the plain client's a DURATION s run minus a SHORT
# one (its CPU and calls); medians and the perf/plain ratios.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
[ -f "$root/target/perf.jar" ] || (cd "$root" && mvn -q -B -DskipTests -Dspotless.check.skip=true package)
work="$(mktemp -d)"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
java -cp "$root/target/perf.jar" dev.perf.demo.DemoGrpc "$port" "$work/catalog.protoset" > /dev/null 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do
  (exec 3<>/dev/tcp/127.0.0.1/"$port") 2>/dev/null && break
  sleep 0.1
done
python3 "$root/scripts/bench/grpc_vs_plain.py" "$port" "$root/target/perf.jar" "$work/catalog.protoset"
