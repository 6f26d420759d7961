#!/usr/bin/env bash
# What trace context and OTLP client spans cost perf: the same GET against the same nginx (one worker, 127.0.0.1)
# as a plain http loop, with trace: { propagate: w3c } (a traceparent on every request, exemplars kept), and with
# export: otlp to a receiver started here (a Python OTLP/HTTP sink on 127.0.0.1 that answers 200 and keeps
# nothing; stopped by its PID). Every request sampled (sampleRate 1, the worst case). A/B/A/B over PAIRS pairs
# (default 3), DURATION s per run (default 10), perf's steady-state window as in load-vs-wrk.sh; medians of CPU-us
# per request and the ratios to the plain loop. Installs nginx-light when missing.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
. "$root/scripts/bench/nginx.sh"
work="$(mktemp -d)"
bench_ready "$root"
otlp_port=$(free_port)
python3 - "$otlp_port" <<'PY' &
import http.server, sys
class Sink(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(200)
        self.send_header("Content-Type", "application/x-protobuf")
        self.send_header("Content-Length", "0")
        self.end_headers()
    def log_message(self, *args):
        pass
http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Sink).serve_forever()
PY
sink=$!
cleanup() { kill "$sink" 2>/dev/null || true; stop_nginx "$work"; rm -rf "$work"; }
trap cleanup EXIT
start_nginx "$work"
python3 "$root/scripts/bench/otlp_cost.py" "$port" "$root/target/perf.jar" "http://127.0.0.1:$otlp_port/v1/traces"
