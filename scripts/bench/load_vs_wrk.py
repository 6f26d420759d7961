#!/usr/bin/env python3
"""perf's http load generator beside wrk on the same nginx: the table of issue #12.

Run through scripts/bench/load-vs-wrk.sh, which starts nginx (one worker, 127.0.0.1) and passes its port.
A/B/A/B: in each of PAIRS pairs, wrk then perf at every rate, then both at saturation; medians at the end.

CPU-us per completed request is whole-process user+sys CPU (getrusage of the child). For perf the JVM's
start-up, warm-up, JIT of start-up code and report writing are subtracted by running the same suite twice,
with a LONG and a SHORT measured duration, and dividing the difference in CPU by the difference in completed
requests: the marginal cost of a request in steady state. wrk's start costs nothing worth subtracting.
wrk paces itself with a Lua delay() per connection (milliseconds, dithered between floor and ceiling so that
the mean is right); its achieved rate is printed beside.
"""
import json
import os
import random
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time

PORT = int(sys.argv[1])
JAR = sys.argv[2]
PAIRS = int(os.environ.get("PAIRS", "3"))
CONNS = int(os.environ.get("CONNECTIONS", "32"))
LONG = int(os.environ.get("DURATION", "10"))
SHORT = int(os.environ.get("SHORT", "2"))
RATES = [int(r) for r in os.environ.get("RATES", "1000 5000 20000").split()]
WARMUP = 2
URL = f"http://127.0.0.1:{PORT}/"
JAVA = os.environ.get("JAVA", "java")
work = tempfile.mkdtemp(prefix="load-vs-wrk.")


def timed(cmd, **kw):
    """Runs cmd; returns (stdout, user+sys CPU seconds of the child and its descendants)."""
    before = os.times()
    out = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw)
    after = os.times()
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    if out.returncode not in (0, 1):
        sys.exit(f"{' '.join(cmd)} exited {out.returncode}: {out.stderr.strip()[:500]}")
    return out.stdout, cpu


def pace_script(rate):
    """A wrk Lua script pacing each connection to its share of rate (delay() dithered between ms floor and ceiling)."""
    lua = os.path.join(work, "pace.lua")
    with open(lua, "w") as f:
        f.write(
            "local d = %r\n"
            "function delay()\n"
            "  local f = math.floor(d)\n"
            "  if math.random() < d - f then return f + 1 end\n"
            "  return f\n"
            "end\n" % (CONNS * 1000.0 / rate)
        )
    return lua


def wrk(rate, secs):
    """wrk -t1 -cCONNS for secs; rate None: as fast as it can. (requests, cpu s, achieved/s)."""
    cmd = ["wrk", "-t1", f"-c{CONNS}", f"-d{secs}s", URL]
    if rate:
        cmd[4:4] = ["-s", pace_script(rate)]
    out, cpu = timed(cmd)
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    achieved = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    return requests, cpu, achieved


def suite(load, secs, name="perf.yaml"):
    if load.startswith("rate"):
        load += f", maxInFlight: {CONNS}"
    path = os.path.join(work, name)
    with open(path, "w") as f:
        f.write(
            "name: load-vs-wrk\nbenchmarks:\n  - load:\n      name: nginx\n"
            f"      target: {{ http: {{ url: \"{URL}\" }} }}\n"
            f"      load: {{ {load}, duration: {secs}s, warmup: {WARMUP}s, timeout: 2s }}\n"
        )
    return path


def perf(load, secs):
    """One perf run; (completed requests, cpu s, load section of the result)."""
    out = os.path.join(work, "r.json")
    _, cpu = timed([JAVA, "-jar", JAR, "run", "-s", suite(load, secs), "-o", out, "-q", "--no-progress"])
    d = json.load(open(out))["benchmarks"][0]["load"]
    c = d["counters"]
    done = sum(c.get(k, 0) for k in ("ok", "errors", "httpErrors", "ioErrors", "timeouts"))
    return done, cpu, d


def perf_marginal(load):
    """CPU-us per request of perf in steady state (LONG minus SHORT run) and the LONG run's result."""
    n_short, cpu_short, _ = perf(load, SHORT)
    n_long, cpu_long, d = perf(load, LONG)
    return (cpu_long - cpu_short) * 1e6 / max(1, n_long - n_short), n_long, d


def median(xs):
    return statistics.median(xs) if xs else float("nan")


rows = {}  # name -> {"wrk": [...], "perf": [...], ...}


def add(key, **values):
    for k, v in values.items():
        rows.setdefault(key, {}).setdefault(k, []).append(v)


for pair in range(1, PAIRS + 1):
    for rate in RATES:
        wn, wcpu, wrate = wrk(rate, LONG)
        w = wcpu * 1e6 / wn
        p, pn, d = perf_marginal(f"rate: {rate}/s")
        alloc = d["overall"].get("allocBytesPerOp", float("nan"))
        add(rate, wrk=w, perf=p, wrk_rate=wrate, perf_rate=d["overall"]["throughput"], alloc=alloc)
        print(f"pair {pair} {rate}/s: wrk {w:.2f} CPU-us/req at {wrate:.0f}/s | perf {p:.2f} CPU-us/req at "
              f"{d['overall']['throughput']:.0f}/s, {alloc:.0f} B/req allocated", flush=True)
    wn, wcpu, wrate = wrk(None, LONG)
    w = wcpu * 1e6 / wn
    p, pn, d = perf_marginal(f"users: {CONNS}")
    prate = d["overall"]["throughput"]
    add("saturation", wrk=w, perf=p, wrk_rate=wrate, perf_rate=prate, alloc=d["overall"].get("allocBytesPerOp", 0))
    print(f"pair {pair} saturation: wrk {w:.2f} CPU-us/req at {wrate:.0f}/s | perf (closed, {CONNS} users) "
          f"{p:.2f} CPU-us/req at {prate:.0f}/s", flush=True)

print()
print(f"medians of {PAIRS} A/B pairs, {CONNS} connections, nginx 1 worker on 127.0.0.1; perf's JVM start-up "
      f"subtracted ({LONG} s run minus {SHORT} s run)")
print(f"{'load':>12} | {'wrk CPU-us/req':>14} | {'perf CPU-us/req':>15} | {'perf/wrk':>8} | {'wrk /s':>8} | "
      f"{'perf /s':>8} | {'perf B/req':>10}")
for key, r in rows.items():
    name = f"{key}/s" if key != "saturation" else key
    mw, mp = median(r["wrk"]), median(r["perf"])
    print(f"{name:>12} | {mw:14.2f} | {mp:15.2f} | {mp / mw:8.2f} | {median(r['wrk_rate']):8.0f} | "
          f"{median(r['perf_rate']):8.0f} | {median(r['alloc']):10.0f}")
sat = rows["saturation"]
print(f"capacity: perf closed-model throughput / wrk throughput = "
      f"{median(sat['perf_rate']) / median(sat['wrk_rate']):.3f} (goal >= 0.95)")
print("goals: CPU-us per request perf/wrk <= 1.0 at every rate (stretch 0.8); <= 256 B allocated per request")


def strace_count(cmd, settle, window, send_call):
    """Starts cmd, waits settle s, counts its syscalls for window s with strace -c -f.

    Returns (syscalls per request, top 5 per request); requests are counted by send_call (one per request).
    """
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(settle)
        log = os.path.join(work, "strace.txt")
        st = subprocess.Popen(["strace", "-c", "-f", "-q", "-o", log, "-p", str(proc.pid)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(window)
        st.send_signal(signal.SIGINT)
        st.wait(timeout=30)
    finally:
        proc.wait(timeout=120)
    calls = {}
    for line in open(log):
        parts = line.split()
        if len(parts) >= 5 and parts[-1] not in ("syscall", "total") and parts[0][0].isdigit():
            calls[parts[-1]] = int(parts[3])
    n = max(1, calls.get(send_call, 0))
    top = sorted(calls.items(), key=lambda kv: -kv[1])[:5]
    return sum(calls.values()) / n, [(k, v / n) for k, v in top], n


if os.environ.get("STRACE", "1") == "1" and subprocess.run(["which", "strace"], capture_output=True).returncode == 0:
    rate, window = 1000, 5
    print()
    print(f"syscalls per request at {rate}/s (strace -c -f attached for {window} s in steady state; a request is "
          f"a write (wrk) or a sendto (perf); strace slows both)")
    lua = pace_script(rate)
    wrk_per, wrk_top, wrk_n = strace_count(["wrk", "-t1", f"-c{CONNS}", "-d12s", "-s", lua, URL], 3, window, "write")
    perf_per, perf_top, perf_n = strace_count(
        [JAVA, "-jar", JAR, "run", "-s", suite(f"rate: {rate}/s", 14, "strace.yaml"), "-o",
         os.path.join(work, "s.json"), "-q", "--no-progress"], 6, window, "sendto")
    for who, per, top, n in (("wrk ", wrk_per, wrk_top, wrk_n), ("perf", perf_per, perf_top, perf_n)):
        print(f"  {who}: {per:6.2f} per request over {n} requests ({', '.join(f'{k} {v:.2f}' for k, v in top)})")

print()
_, _, d = perf("rate: 10000/s", LONG)
o = d["overall"]
late = o.get("dispatchLateness.p99", float("nan"))
print(f"rate accuracy at 10000/s: achieved {o['throughput']:.1f}/s ({(o['throughput'] / 10000 - 1) * 100:+.3f} %), "
      f"dispatch lateness p99 {late * 1000:.0f} us (goals: within +-0.5 %, < 200 us, stretch 100 us)")
root = os.path.dirname(os.path.abspath(__file__))
jitter = subprocess.run([JAVA, os.path.join(root, "TimerJitter.java"), "100", "10000"], capture_output=True,
                        text=True).stdout.strip()
print(f"this machine's wake-up lateness (a thread parking to fire times 100 us apart, the floor of any generator "
      f"that sleeps between sends): {jitter}")

