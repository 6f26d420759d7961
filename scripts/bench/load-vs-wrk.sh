#!/usr/bin/env bash
# perf's http load generator against wrk, side by side, on nginx (Debian's nginx-light) with one worker on
# 127.0.0.1. A/B/A/B, PAIRS pairs (default 3), CONNECTIONS keep-alive connections (default 32), DURATION s
# each (default 10). Prints per run and as medians:
#   - generator CPU-µs per completed request (user+sys of the generator / requests), perf/wrk ratio (goal <= 1.0)
#       wrk: its process CPU (getrusage via /usr/bin/time); perf: its own CPU during the measured loop
#       (host samples), so the JVM's start-up is not charged
#   - perf's allocated bytes per request (goal <= 256 B)
# and then perf's rate accuracy at a fixed 10 000/s (achieved within +-0.5 %, lag p99 < 100 µs).
# Installs wrk and nginx-light when missing (apt-get). nginx is stopped by PID at the end.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
pairs="${PAIRS:-3}"
conns="${CONNECTIONS:-32}"
secs="${DURATION:-10}"
work="$(mktemp -d)"
if ! command -v wrk >/dev/null || ! command -v nginx >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk nginx-light >/dev/null
fi
[ -f "$root/target/perf.jar" ] || (cd "$root" && mvn -q -B -DskipTests -Dspotless.check.skip=true package)
jar="$root/target/perf.jar"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
mkdir -p "$work/logs"
cat > "$work/nginx.conf" <<CONF
worker_processes 1;
pid $work/nginx.pid;
error_log $work/logs/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  keepalive_requests 1000000;
  server { listen 127.0.0.1:$port; location / { return 200 "ok"; } }
}
CONF
nginx -c "$work/nginx.conf" -p "$work"
cleanup() { [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
sleep 0.5

suite() { # rate
  cat > "$work/perf.yaml" <<YAML
name: load-vs-wrk
benchmarks:
  - load:
      name: nginx
      target: { http: { url: "http://127.0.0.1:$port/" } }
      load: { rate: $1, duration: ${secs}s, warmup: 2s, maxInFlight: $conns, timeout: 2s }
YAML
}
field() { python3 -c "import json,sys; d=json.load(open('$1'))['benchmarks'][0]['load']; print(eval(sys.argv[1]))" "$2"; }

wrk_us=(); perf_us=(); perf_alloc=()
for i in $(seq 1 "$pairs"); do
  /usr/bin/time -f "%U %S" -o "$work/wrk.time" wrk -t1 -c"$conns" -d"${secs}s" "http://127.0.0.1:$port/" > "$work/wrk.out"
  requests=$(awk '/requests in/ {print $1}' "$work/wrk.out")
  cpu=$(awk '{print $1 + $2}' "$work/wrk.time")
  wrk_rate=$(awk '/Requests\/sec/ {print $2}' "$work/wrk.out")
  w=$(awk -v c="$cpu" -v r="$requests" 'BEGIN {print c * 1e6 / r}')
  # perf at ~the rate wrk reached (open model), same connections
  suite "$(printf '%.0f' "$wrk_rate")/s"
  java -jar "$jar" run -s "$work/perf.yaml" -o "$work/perf.json" -q --no-progress || true
  done_ops=$(field "$work/perf.json" "d['counters']['ok'] + d['counters']['errors']")
  cpu_s=$(field "$work/perf.json" "sum(h['perfCpuPercent'] for h in d['host'] if h['perfCpuPercent'] == h['perfCpuPercent']) / 100")
  p=$(awk -v c="$cpu_s" -v r="$done_ops" 'BEGIN {print c * 1e6 / r}')
  alloc=$(field "$work/perf.json" "round(d['overall']['allocBytesPerOp'])")
  achieved=$(field "$work/perf.json" "round(d['overall']['throughput'])")
  printf 'pair %d: wrk %s req (%.0f/s) %.2f CPU-us/req | perf %s req (%s/s) %.2f CPU-us/req, %s B/req allocated\n' \
    "$i" "$requests" "$wrk_rate" "$w" "$done_ops" "$achieved" "$p" "$alloc"
  wrk_us+=("$w"); perf_us+=("$p"); perf_alloc+=("$alloc")
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
mw=$(median "${wrk_us[@]}"); mp=$(median "${perf_us[@]}"); ma=$(median "${perf_alloc[@]}")
printf 'median CPU-us/request: wrk %.2f, perf %.2f, ratio perf/wrk %.2f (goal <= 1.0)\n' "$mw" "$mp" "$(awk -v a="$mp" -v b="$mw" 'BEGIN {print a / b}')"
printf 'median perf allocation: %s B/request (goal <= 256)\n' "$ma"

suite "10000/s"
java -jar "$jar" run -s "$work/perf.yaml" -o "$work/rate.json" -q --no-progress || true
printf 'rate accuracy at 10000/s: achieved %s/s (%s%%), lag p99 %s us (goal: within +-0.5 %%, < 100 us)\n' \
  "$(field "$work/rate.json" "round(d['overall']['throughput'], 1)")" \
  "$(field "$work/rate.json" "round((d['overall']['throughput'] / 10000 - 1) * 100, 3)")" \
  "$(field "$work/rate.json" "round(d['overall']['lag.p99'] * 1000, 1)")"
