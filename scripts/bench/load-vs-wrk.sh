#!/usr/bin/env bash
# perf's http load generator beside wrk on the same nginx (Debian's nginx-light, one worker, 127.0.0.1),
# A/B/A/B over PAIRS pairs (default 3), CONNECTIONS keep-alive connections (default 32), DURATION s per run
# (default 10). Prints, as medians with the perf/wrk ratio (goals of issue #12 beside):
#   - CPU-us per completed request at RATES (default 1000 5000 20000/s; wrk paced by a Lua delay()) and at
#     saturation (perf's closed model with CONNECTIONS users against plain wrk): CPU of all threads in the
#     steady-state window of each run, from SHORT s (default 2) after the clock started to 1 s before the end;
#   - capacity: perf closed-model throughput / wrk throughput;
#   - perf's allocated bytes per request;
#   - syscalls per request of both at 1000/s (strace -c -f attached in steady state; STRACE=0 skips);
#   - rate accuracy and dispatch-lateness p99 at 10 000/s.
# PRECISION=1ms runs perf with that load precision (operations due within it leave together, early).
# Installs wrk, nginx-light and strace when missing (apt-get). nginx is stopped by PID at the end.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
. "$root/scripts/bench/nginx.sh"
work="$(mktemp -d)"
if ! command -v wrk >/dev/null || ! command -v nginx >/dev/null || ! command -v strace >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk nginx-light strace >/dev/null
fi
[ -f "$root/target/perf.jar" ] || (cd "$root" && mvn -q -B -DskipTests -Dspotless.check.skip=true package)
cleanup() { stop_nginx "$work"; rm -rf "$work"; }
trap cleanup EXIT
start_nginx "$work"
python3 "$root/scripts/bench/load_vs_wrk.py" "$port" "$root/target/perf.jar"
