#!/usr/bin/env python3
"""perf's http load generator beside wrk on the same nginx: the table of issue #12.

Run through scripts/bench/load-vs-wrk.sh, which starts nginx (one worker, 127.0.0.1) and passes its port.
A/B/A/B: in each of PAIRS pairs, wrk then perf at every rate, then both at saturation; medians at the end.

CPU-us per completed request is user+sys CPU of the whole process (all threads) in a steady-state window of
one run, read from /proc/PID/stat every 0.1 s: for perf from SHORT s after its measurement's clock started to
1 s before its end, over the requests its per-second series completed in those seconds (benchlib.steady); for
wrk the same seconds after its launch, over its achieved rate times the window. The JVM's start-up, warm-up,
JIT of start-up code and report writing fall outside; JIT still at work inside is counted.
wrk paces itself with a Lua delay() per connection (milliseconds, dithered between floor and ceiling so that
the mean is right); its achieved rate is printed beside.
"""
import os
import signal
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchlib import (JAVA, LONG, PAIRS, SHORT, Table, median, pace_script, perf, perf_marginal, suite, work,  # noqa: E402
                      wrk)

PORT = int(sys.argv[1])
JAR = sys.argv[2]
CONNS = int(os.environ.get("CONNECTIONS", "32"))
RATES = [int(r) for r in os.environ.get("RATES", "1000 5000 20000").split()]
URL = f"http://127.0.0.1:{PORT}/"
TARGET = f'{{ url: "{URL}" }}'
# PRECISION=1ms runs perf's open model with that precision (operations due within it leave together)
PRECISION = os.environ.get("PRECISION", "")
EARLY = f", precision: {PRECISION}" if PRECISION else ""


table = Table()
rows = table.rows

for pair in range(1, PAIRS + 1):
    for rate in RATES:
        w, wrate = wrk(URL, CONNS, rate, LONG)
        p, pn, d = perf_marginal(JAR, TARGET, f"rate: {rate}/s, connections: {CONNS}{EARLY}")
        alloc = d["overall"].get("allocBytesPerOp", float("nan"))
        o = d["overall"]
        table.add(rate, peer=w, perf=p, peer_rate=wrate, perf_rate=d["overall"]["throughput"], alloc=alloc)
        print(f"pair {pair} {rate}/s: wrk {w:.2f} CPU-us/req at {wrate:.0f}/s | perf {p:.2f} CPU-us/req at "
              f"{o['throughput']:.0f}/s, {alloc:.0f} B/req allocated, p50 {o['p50'] * 1000:.0f} us, "
              f"dispatch lateness p99 {o.get('dispatchLateness.p99', float('nan')) * 1000:.0f} us", flush=True)
    w, wrate = wrk(URL, CONNS, None, LONG)
    p, pn, d = perf_marginal(JAR, TARGET, f"users: {CONNS}")
    prate = d["overall"]["throughput"]
    table.add("saturation", peer=w, perf=p, peer_rate=wrate, perf_rate=prate,
              alloc=d["overall"].get("allocBytesPerOp", 0))
    print(f"pair {pair} saturation: wrk {w:.2f} CPU-us/req at {wrate:.0f}/s | perf (closed, {CONNS} users) "
          f"{p:.2f} CPU-us/req at {prate:.0f}/s", flush=True)

table.print("wrk", f"medians of {PAIRS} A/B pairs, {CONNS} connections{', perf with precision ' + PRECISION if PRECISION else ''}, "
            f"nginx 1 worker on 127.0.0.1; steady state: seconds {SHORT} to {LONG - 1} of {LONG} s runs")
sat = rows["saturation"]
print(f"capacity: perf closed-model throughput / wrk throughput = "
      f"{median(sat['perf_rate']) / median(sat['peer_rate']):.3f} (goal >= 0.95)")
print("goals: CPU-us per request perf/wrk <= 1.0 at every rate (stretch 0.8); <= 256 B allocated per request")


def tree(pid):
    """Every thread of pid and of its descendants (from /proc's task and children lists)."""
    out = []
    for task in os.listdir(f"/proc/{pid}/task"):
        out.append(int(task))
        try:
            children = open(f"/proc/{pid}/task/{task}/children").read().split()
        except OSError:
            continue
        for child in children:
            out.extend(tree(int(child)))
    return out


def strace_count(cmd, settle, window, send_call):
    """Starts cmd, waits settle s, counts its syscalls for window s with strace -c -f.

    Returns (syscalls per request, top 5 per request); requests are counted by send_call (one per request).
    """
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(settle)
        log = os.path.join(work, "strace.txt")
        # every thread of the process (and of its children) as they are now: strace -f -p attached only to the
        # JVM's main thread, which waits (0 sendto counted); -f then follows threads made later
        pids = [str(p) for p in tree(proc.pid)]
        st = subprocess.Popen(["strace", "-c", "-f", "-q", "-o", log] + [a for p in pids for a in ("-p", p)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(window)
        st.send_signal(signal.SIGINT)
        st.wait(timeout=30)
    finally:
        proc.wait(timeout=120)
    if proc.returncode not in (0, 1):
        sys.exit(f"{' '.join(cmd)} exited {proc.returncode}: no syscalls to count")
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
    lua = pace_script(rate, CONNS)
    wrk_per, wrk_top, wrk_n = strace_count(["wrk", "-t1", f"-c{CONNS}", "-d12s", "-s", lua, URL], 3, window, "write")
    perf_per, perf_top, perf_n = strace_count(
        [JAVA, "-jar", JAR, "run", "-s", suite(TARGET, f"rate: {rate}/s, connections: {CONNS}{EARLY}", 14, "strace.yaml"), "-o",
         os.path.join(work, "s.json"), "-q", "--no-progress"], 6, window, "sendto")
    for who, per, top, n in (("wrk ", wrk_per, wrk_top, wrk_n), ("perf", perf_per, perf_top, perf_n)):
        print(f"  {who}: {per:6.2f} per request over {n} requests ({', '.join(f'{k} {v:.2f}' for k, v in top)})")

print()
_, _, d = perf(JAR, TARGET, f"rate: 10000/s, connections: {CONNS}{EARLY}", LONG)
o = d["overall"]
late = o.get("dispatchLateness.p99", float("nan"))
print(f"rate accuracy at 10000/s: achieved {o['throughput']:.1f}/s ({(o['throughput'] / 10000 - 1) * 100:+.3f} %), "
      f"dispatch lateness p99 {late * 1000:.0f} us (goals: within +-0.5 %, < 200 us, stretch 100 us)")
root = os.path.dirname(os.path.abspath(__file__))
jitter = subprocess.run([JAVA, os.path.join(root, "TimerJitter.java"), "100", "10000"], capture_output=True,
                        text=True).stdout.strip()
print(f"this machine's wake-up lateness (a thread parking to fire times 100 us apart, the floor of any generator "
      f"that sleeps between sends): {jitter}")

