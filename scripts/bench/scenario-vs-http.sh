#!/usr/bin/env bash
# What a scenario costs beside a plain http loop: the same GET against the same nginx (one worker, 127.0.0.1),
# once as an http target and once as the one step of a scenario (a session, a journey's state machine and a
# per-step recorder per iteration). A/B/A/B over PAIRS pairs (default 3), DURATION s per run (default 10),
# perf's steady-state window as in load-vs-wrk.sh; medians and the scenario/http ratio of CPU-us per request.
# The goal (issue #29): a one-step scenario within 10 % of the plain loop. Installs nginx-light when missing.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
. "$root/scripts/bench/nginx.sh"
work="$(mktemp -d)"
bench_ready "$root"
cleanup() { stop_nginx "$work"; rm -rf "$work"; }
trap cleanup EXIT
start_nginx "$work"
python3 "$root/scripts/bench/scenario_vs_http.py" "$port" "$root/target/perf.jar"
