#!/usr/bin/env bash
# Soak: perf's http load generator at a steady 20 000/s against nginx on 127.0.0.1 for 10 minutes, sampling
# perf's resident set (RSS, /proc) and its Java heap after the last collection (old generation, jstat) every
# 10 s. Prints the samples and the least-squares slope of each in MB per minute (goal: flat, |slope| < 1).
# SOAK_SECONDS (default 600) and RATE (default 20000) change the run. Installs nginx-light when missing;
# stops only the nginx and perf it started, by PID.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
. "$root/scripts/bench/nginx.sh"
seconds="${SOAK_SECONDS:-600}"
rate="${RATE:-20000}"
work="$(mktemp -d)"
perf_pid=""
cleanup() {
  [ -n "$perf_pid" ] && kill "$perf_pid" 2>/dev/null || true
  stop_nginx "$work"
  rm -rf "$work"
}
trap cleanup EXIT
bench_ready "$root"
start_nginx "$work"
cat > "$work/perf.yaml" <<YAML
name: soak
benchmarks:
  - load:
      name: soak
      target: { http: { url: "http://127.0.0.1:$port/" } }
      load: { rate: $rate/s, duration: ${seconds}s, warmup: 5s, maxInFlight: 64 }
YAML
# as users run it: through scripts/perf, whose JVM options are the point of measuring perf's memory
"$root/scripts/perf" run -s "$work/perf.yaml" -o "$work/r.json" -q --no-progress &
perf_pid=$!
sleep 5 # warm-up
: > "$work/samples"
t=0
while kill -0 "$perf_pid" 2>/dev/null && [ "$t" -lt "$seconds" ]; do
  rss_kb=$(awk '/VmRSS/ {print $2}' "/proc/$perf_pid/status" 2>/dev/null || echo "")
  old_kb=$(jstat -gc "$perf_pid" 2>/dev/null | awk 'NR==2 {print $8}' || echo "")
  [ -n "$rss_kb" ] && [ -n "$old_kb" ] && echo "$t $rss_kb $old_kb" >> "$work/samples"
  sleep 10
  t=$((t + 10))
done
wait "$perf_pid" || true
perf_pid=""
python3 - "$work/samples" "$work/r.json" "$rate" <<'PY'
import json, sys
rows = [tuple(float(x) for x in l.split()) for l in open(sys.argv[1]) if l.strip()]
def slope(xs, ys):
    n = len(xs); mx = sum(xs) / n; my = sum(ys) / n
    den = sum((x - mx) ** 2 for x in xs)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / den if den else float("nan")
print("second  RSS MB  old gen MB")
for t, rss, old in rows:
    print(f"{t:6.0f}  {rss / 1024:6.1f}  {old / 1024:10.1f}")
mins = [t / 60 for t, _, _ in rows]
# the first minute fills caches and pools: the slope is taken over the rest
steady = [i for i, m in enumerate(mins) if m >= 1] or list(range(len(rows)))
s_rss = slope([mins[i] for i in steady], [rows[i][1] / 1024 for i in steady])
s_old = slope([mins[i] for i in steady], [rows[i][2] / 1024 for i in steady])
d = json.load(open(sys.argv[2]))["benchmarks"][0]["load"]
c = d["counters"]
print(f"target {sys.argv[3]}/s, achieved {d['overall']['throughput']:.0f}/s, p99 {d['overall']['p99']:.2f} ms, "
      f"sent {c['sent']}, ok {c['ok']}, errors {c['sent'] - c['ok'] - c['inFlightAtEnd']}, "
      f"generator-bound: {d['generatorBound']}")
print(f"memory slope after the first minute: RSS {s_rss:+.2f} MB/min, old generation {s_old:+.2f} MB/min "
      f"(goal: flat, |slope| < 1 MB/min)")
PY
