"""What the load benchmarks share: timing a child's CPU, wrk's Lua pacing, one perf run and perf's marginal
CPU per request (a LONG run minus a SHORT one, so that the JVM's start-up, warm-up and report writing drop
out), medians and the ratio table. Imported by load_vs_wrk.py and tls_h2_vs_peers.py."""
import json
import os
import statistics
import subprocess
import sys
import tempfile

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
    c = d["counters"]
    done = sum(c.get(k, 0) for k in ("ok", "errors", "httpErrors", "ioErrors", "timeouts"))
    return done, cpu, d


def perf_marginal(jar, target, load, scenario=False):
    """CPU-us per request of perf in steady state (LONG minus SHORT run) and the LONG run's result."""
    n_short, cpu_short, _ = perf(jar, target, load, SHORT, scenario)
    n_long, cpu_long, d = perf(jar, target, load, LONG, scenario)
    return (cpu_long - cpu_short) * 1e6 / max(1, n_long - n_short), n_long, d


def perf_suite_marginal(jar, suite_text):
    """perf's throughput and CPU-us per operation on the suite suite_text(secs) makes (one loop), in steady
    state: a LONG run minus a SHORT one."""
    def run(secs):
        path = os.path.join(work, "suite.yaml")
        with open(path, "w") as f:
            f.write(suite_text(secs))
        out = os.path.join(work, "r.json")
        _, cpu = timed([JAVA, "-jar", jar, "run", "-s", path, "-o", out, "-q", "--no-progress"])
        d = json.load(open(out))["benchmarks"][0]["load"]
        return d["counters"]["ok"], cpu, d

    n_short, cpu_short, _ = run(SHORT)
    n_long, cpu_long, d = run(LONG)
    return d["overall"]["throughput"], (cpu_long - cpu_short) * 1e6 / max(1, n_long - n_short)


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
