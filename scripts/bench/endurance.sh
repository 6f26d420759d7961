#!/usr/bin/env bash
# Endurance: does perf tell a leaking service from a healthy one over a long run? Starts the test fixture
# LeakyServer on 127.0.0.1 twice — once keeping LEAK_BYTES (default 1024) of native memory per request, once
# keeping nothing — and runs `perf run endurance` against each at RATE (default 50/s) with the server monitored
# by pid and by port. The endurance profile runs 30 minutes after a 1-minute warm-up; ENDURANCE_MINUTES (e.g.
# 5) shortens both. Prints, for each, the Theil–Sen RSS slope with its 95 % interval, the heap slope, the true
# rate (bytes kept × requests per hour, malloc's own overhead not counted) and perf's leak recommendation.
# Stops only the servers and perf it started, by PID.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
leak="${LEAK_BYTES:-1024}"
rate="${RATE:-50}"
minutes="${ENDURANCE_MINUTES:-}"
work="$(mktemp -d)"
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
[ -f "$root/target/perf.jar" ] || (cd "$root" && mvn -q -B -DskipTests -Dspotless.check.skip=true package)
[ -f "$root/target/test-classes/dev/perf/fixtures/LeakyServer.class" ] \
  || (cd "$root" && mvn -q -B -Dspotless.check.skip=true test-compile)
# copies, so that a rebuild during the hour this takes does not change the jar under a running JVM
cp "$root/target/perf.jar" "$work/perf.jar"
cp -r "$root/target/test-classes" "$work/test-classes"
lifetime=$(( ${minutes:-30} * 60 + 300 ))
for keep in "$leak" 0; do
  mkfifo "$work/in-$keep"
  # a fixed, pre-touched heap and C1 only: the JVM's own start-up growth is not what is measured
  java -Xms32m -Xmx32m -XX:+AlwaysPreTouch -XX:TieredStopAtLevel=1 -XX:MaxDirectMemorySize=4g -cp "$work/test-classes" dev.perf.fixtures.LeakyServer \
    "$keep" "$lifetime" < "$work/in-$keep" > "$work/port-$keep" &
  server_pid=$!
  exec 3> "$work/in-$keep" # holds the server's stdin open; closing it stops the server
  for _ in $(seq 50); do [ -s "$work/port-$keep" ] && break; sleep 0.1; done
  port=$(head -1 "$work/port-$keep")
  duration=""
  [ -n "$minutes" ] && duration=", duration: ${minutes}m, warmup: 1m"
  cat > "$work/perf.yaml" <<YAML
name: endurance
benchmarks:
  - load:
      name: service
      target: { http: { url: "http://127.0.0.1:$port/" } }
      load: { rate: $rate/s, maxInFlight: 8$duration }
      monitor: [ { pid: $server_pid, name: service }, { port: $port } ]
      targets: { rssGrowth: { acceptable: 50MB/h } }
YAML
  java -jar "$work/perf.jar" run endurance -s "$work/perf.yaml" -o "$work/r-$keep.json" --no-progress \
    --md "$work/r-$keep.md" > /dev/null 2> "$work/err-$keep" || true
  exec 3>&-
  wait "$server_pid" 2>/dev/null || true
  server_pid=""
  python3 - "$work/r-$keep.json" "$keep" "$work/r-$keep.md" <<'PY'
import json, sys
r = json.load(open(sys.argv[1])); keep = int(sys.argv[2])
b = r["benchmarks"][0]; d = b["load"]; o = d["overall"]
mb = lambda k, src=o: src.get(k, float("nan")) / 1e6
true = keep * o["throughput"] * 3600 / 1e6
print(f"keeping {keep} B/request at {o['throughput']:.1f}/s over {o['rssGrowth.windows']:.0f} windows:")
print(f"  rssGrowth  {mb('rssGrowth'):8.1f} MB/h  (95 % CI {mb('rssGrowth.lower'):.1f} .. {mb('rssGrowth.upper'):.1f})"
      f"   true {true:.1f} MB/h" + (f"  ratio {mb('rssGrowth') / true:.3f}" if keep else ""))
t = d["monitors"][0]["trends"]
print(f"  heapGrowth {mb('heapGrowth', t):8.1f} MB/h  (95 % CI {mb('heapGrowth.lower', t):.1f} .. {mb('heapGrowth.upper', t):.1f})")
for v in d["targets"]:
    print(f"  SLO {v['metric']} acceptable {v['acceptable']}: {v['status']}")
leaks = [l for l in open(sys.argv[3]) if "grew" in l and "MB/h" in l]
print("  recommendation: " + (leaks[0].strip()[:400] if leaks else "none (no leak flagged)"))
PY
done
