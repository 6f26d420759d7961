#!/usr/bin/env bash
# Watch a perf run live in Prometheus (Debian's package: apt-get install prometheus), without Docker:
# starts Prometheus on 127.0.0.1:9090 with its remote-write receiver (data in a temporary directory), runs
# perf with --metrics-push to it, and stops that Prometheus (by its PID) when you press Enter, or at once
# when stdin is not a terminal. Arguments go to `perf run` (default: quick). Open
#   http://127.0.0.1:9090/graph?g0.expr=perf_load_achieved_rate&g0.range_input=15m
# or import samples/grafana/perf-dashboard.json into a Grafana whose Prometheus data source is that URL.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
perf="${PERF:-$root/scripts/perf}"
port="${PROMETHEUS_PORT:-9090}"
command -v prometheus >/dev/null || { echo "live.sh: prometheus is not installed: apt-get install prometheus" >&2; exit 3; }
data="$(mktemp -d)"
printf 'global: { scrape_interval: 5s }\n' > "$data/prometheus.yml"
prometheus --config.file="$data/prometheus.yml" --storage.tsdb.path="$data/tsdb" \
  --web.listen-address="127.0.0.1:$port" --web.enable-remote-write-receiver > "$data/prometheus.log" 2>&1 &
pid=$!
cleanup() { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$data"; }
trap cleanup EXIT
for _ in $(seq 1 50); do
  curl -fs "http://127.0.0.1:$port/-/ready" >/dev/null 2>&1 && break
  sleep 0.2
done
echo "live.sh: Prometheus (pid $pid) at http://127.0.0.1:$port; perf pushes to it every second" >&2
[ $# -eq 0 ] && set -- quick
"$perf" run "$@" --metrics-push "http://127.0.0.1:$port/api/v1/write" || status=$?
if [ -t 0 ]; then
  read -r -p "live.sh: the run is over; press Enter to stop Prometheus " _
fi
exit "${status:-0}"
