"""What the load benchmarks share: timing a child's CPU, wrk's Lua pacing, one perf run and perf's CPU per
request in steady state, medians and the ratio table. Imported by the *_vs_*.py benchmarks.

Steady state is a window inside one run: perf's CPU (utime + stime of /proc/PID/stat, read every 0.1 s) from
SHORT seconds after the measurement's clock started to one second before its end, divided by the operations its
per-second series completed in those seconds. The JVM's start-up, the warm-up, the JIT of start-up code and the
report writing fall outside the window; JIT still at work inside it is counted. (Until 2026-12 it was a LONG
run minus a SHORT one: two runs' start-up costs, each varying by ~0.3 CPU-s, left +-15 us a request of noise at
1 000/s.)"""
import datetime
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

JAVA = os.environ.get("JAVA", "java")
PAIRS = int(os.environ.get("PAIRS", "3"))
LONG = int(os.environ.get("DURATION", "10"))
SHORT = int(os.environ.get("SHORT", "2"))
WARMUP = 2
work = tempfile.mkdtemp(prefix="perf-bench.")


def timed(cmd, **kw):
    """Runs cmd; returns (stdout, user+sys CPU seconds of the child and its descendants)."""
    before = os.times()
    out = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw)
    after = os.times()
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    if out.returncode not in (0, 1):
        sys.exit(f"{' '.join(cmd)} exited {out.returncode}: {out.stderr.strip()[:500]}")
    return out.stdout, cpu


TICK = os.sysconf("SC_CLK_TCK")


def sampled(cmd):
    """Runs cmd, reading its CPU every 0.1 s; (stdout, [(wall-clock s, CPU s so far)])."""
    out_path, err_path = os.path.join(work, "stdout"), os.path.join(work, "stderr")
    samples = []
    with open(out_path, "w") as out, open(err_path, "w") as err:
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, text=True)
        while proc.poll() is None:
            try:
                with open(f"/proc/{proc.pid}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
                samples.append((time.time(), (int(fields[11]) + int(fields[12])) / TICK))
            except (OSError, IndexError):
                pass  # exited between poll() and the read
            time.sleep(0.1)
    if proc.returncode not in (0, 1):
        sys.exit(f"{' '.join(cmd)} exited {proc.returncode}: {open(err_path).read().strip()[:500]}")
    return open(out_path).read(), samples


def cpu_between(samples, start, end):
    """CPU seconds the sampled process used between wall-clock instants start and end (linear between samples)."""
    def at(t):
        for (t0, c0), (t1, c1) in zip(samples, samples[1:]):
            if t0 <= t <= t1:
                return c0 + (c1 - c0) * (t - t0) / max(1e-9, t1 - t0)
        sys.exit(f"no CPU sample around {t:.1f} (samples {samples[0][0]:.1f}..{samples[-1][0]:.1f}): run longer")
    return at(end) - at(start)


def peer_steady(cmd, secs, achieved_pattern, lead=0):
    """Runs a peer measuring for secs after lead s of its own warm-up; (CPU-us per request in the same
    steady-state window as perf's, the achieved rate /s that achieved_pattern finds in its output)."""
    launched = time.time()
    out, samples = sampled(cmd)
    achieved = float(re.search(achieved_pattern, out).group(1))
    cpu = cpu_between(samples, launched + lead + SHORT, launched + lead + secs - 1)
    return cpu * 1e6 / (achieved * (secs - 1 - SHORT)), achieved


def wrk(url, conns, rate, secs):
    """wrk -t1 -cconns for secs; rate None: as fast as it can. (CPU-us per request in steady state, achieved/s)."""
    cmd = ["wrk", "-t1", f"-c{conns}", f"-d{secs}s", url]
    if rate:
        cmd[4:4] = ["-s", pace_script(rate, conns)]
    return peer_steady(cmd, secs, r"Requests/sec:\s+([\d.]+)")


def pace_script(rate, conns):
    """A wrk Lua script pacing each connection to its share of rate (delay() dithered between ms floor and ceiling)."""
    lua = os.path.join(work, "pace.lua")
    with open(lua, "w") as f:
        f.write(
            "local d = %r\n"
            "function delay()\n"
            "  local f = math.floor(d)\n"
            "  if math.random() < d - f then return f + 1 end\n"
            "  return f\n"
            "end\n" % (conns * 1000.0 / rate)
        )
    return lua


def suite(target, load, secs, name="perf.yaml", scenario=False):
    """A one-loop suite file: target is the http target's YAML flow map, load the load pattern's keys; with
    scenario, the request is the one step of a scenario instead."""
    path = os.path.join(work, name)
    loop_target = (f"{{ scenario: {{ steps: [ {{ name: get, http: {target} }} ] }} }}" if scenario
                   else f"{{ http: {target} }}")
    with open(path, "w") as f:
        f.write(
            "name: bench\nbenchmarks:\n  - load:\n      name: nginx\n"
            f"      target: {loop_target}\n"
            f"      load: {{ {load}, duration: {secs}s, warmup: {WARMUP}s, timeout: 2s }}\n"
        )
    return path


def perf(jar, target, load, secs, scenario=False):
    """One perf run; (completed requests, cpu s, load section of the result)."""
    out = os.path.join(work, "r.json")
    _, cpu = timed([JAVA, "-jar", jar, "run", "-s", suite(target, load, secs, scenario=scenario), "-o", out, "-q",
                    "--no-progress"])
    d = json.load(open(out))["benchmarks"][0]["load"]
    return completed(d), cpu, d


def completed(d):
    """The operations a loop's result (its load section) completed, failed ones included."""
    c = d["counters"]
    return sum(c.get(k, 0) for k in ("ok", "errors", "httpErrors", "ioErrors", "timeouts"))


def steady(jar, suite_path):
    """Runs perf on a one-loop suite of LONG seconds; (CPU-us per operation in the steady-state window, the
    operations the whole run completed, the load section of its result)."""
    if LONG < SHORT + 3:
        sys.exit(f"DURATION ({LONG}) must be at least SHORT ({SHORT}) + 3 seconds: the window lies between them")
    out = os.path.join(work, "r.json")
    _, samples = sampled([JAVA, "-jar", jar, "run", "-s", suite_path, "-o", out, "-q", "--no-progress"])
    d = json.load(open(out))["benchmarks"][0]["load"]
    # an Instant: seconds, then up to nine digits of fraction (none at all on a whole second)
    stamp, _, fraction = d["startedAt"].rstrip("Z").partition(".")
    started = datetime.datetime.fromisoformat(stamp).replace(tzinfo=datetime.timezone.utc).timestamp()
    started += float("0." + (fraction or "0"))
    seconds = [s for s in d["timeSeries"] if SHORT <= s["second"] < LONG - 1]
    done = sum(s["ratePerSec"] for s in seconds)
    cpu = cpu_between(samples, started + SHORT, started + LONG - 1)
    return cpu * 1e6 / max(1, done), completed(d), d


def perf_marginal(jar, target, load, scenario=False):
    """CPU-us per request of perf in steady state, the requests the run completed and its result."""
    return steady(jar, suite(target, load, LONG, scenario=scenario))


def perf_suite_marginal(jar, suite_text):
    """perf's throughput and CPU-us per operation in steady state on the suite suite_text(secs) makes (one
    loop)."""
    path = os.path.join(work, "suite.yaml")
    with open(path, "w") as f:
        f.write(suite_text(LONG))
    us, _, d = steady(jar, path)
    return d["overall"]["throughput"], us


def median(xs):
    return statistics.median(xs) if xs else float("nan")


class Table:
    """Rows of peer and perf figures over A/B pairs, printed as medians with the perf/peer ratio."""

    def __init__(self):
        self.rows = {}

    def add(self, key, **values):
        for k, v in values.items():
            self.rows.setdefault(key, {}).setdefault(k, []).append(v)

    def print(self, peer, title):
        print()
        print(title)
        print(f"{'load':>12} | {peer + ' CPU-us/req':>16} | {'perf CPU-us/req':>15} | {'perf/' + peer:>12} | "
              f"{peer + ' /s':>10} | {'perf /s':>8} | {'perf B/req':>10}")
        for key, r in self.rows.items():
            name = f"{key}/s" if key != "saturation" else key
            mw, mp = median(r["peer"]), median(r["perf"])
            print(f"{name:>12} | {mw:16.2f} | {mp:15.2f} | {mp / mw:12.2f} | {median(r['peer_rate']):10.0f} | "
                  f"{median(r['perf_rate']):8.0f} | {median(r['alloc']):10.0f}")
