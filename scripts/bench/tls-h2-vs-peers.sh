#!/usr/bin/env bash
# perf's http load generator over TLS and HTTP/2 beside its peers on the same nginx (one worker, 127.0.0.1,
# TLS with a self-signed certificate, http2): HTTPS HTTP/1.1 against wrk, HTTP/2 over TLS against h2load
# (nghttp2-client). A/B/A/B over PAIRS pairs (default 3), DURATION s per run (default 10); the same rules
# as load-vs-wrk.sh: CPU-us per completed request of every tool in the same steady-state window of its run
# (from SHORT s after the measurement started to 1 s before its end), medians, perf/peer ratios. Also the cost of per-request placeholders against
# a fixed request (HTTP/1.1 over TLS, same rate). Installs wrk, h2load and nginx-light when missing.
# PRECISION=1ms runs perf's paced loops with that load precision (operations due within it leave together).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
. "$root/scripts/bench/nginx.sh"
work="$(mktemp -d)"
if ! command -v wrk >/dev/null || ! command -v nginx >/dev/null || ! command -v h2load >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk nginx-light nghttp2-client >/dev/null
fi
[ -f "$root/target/perf.jar" ] || (cd "$root" && mvn -q -B -DskipTests -Dspotless.check.skip=true package)
cleanup() { stop_nginx "$work"; rm -rf "$work"; }
trap cleanup EXIT
start_nginx "$work" tls
python3 "$root/scripts/bench/tls_h2_vs_peers.py" "$tls_port" "$root/target/perf.jar"
