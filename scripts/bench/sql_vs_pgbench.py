"""The table of sql-vs-pgbench.sh: pgbench and perf A/B over PAIRS pairs at each load, medians and ratios."""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(__file__))
import benchlib  # noqa: E402

port, jar = sys.argv[1], sys.argv[2]
PGBENCH = os.environ["PGBENCH"]
CLIENTS = 8
URL = f"jdbc:postgresql://127.0.0.1:{port}/postgres"


def pgbench(rate, secs):
    """(queries per second, CPU-us per query) of pgbench's select-only script."""
    cmd = [PGBENCH, "-n", "-S", "-M", "prepared", "-c", str(CLIENTS), "-j", "2", "-T", str(secs),
           "-h", "127.0.0.1", "-p", port, "-U", "perf", "postgres"]
    if rate:
        cmd[1:1] = ["-R", str(rate)]
    out, cpu = benchlib.timed(cmd)
    n = int(re.search(r"number of transactions actually processed: (\d+)", out).group(1))
    return n / secs, cpu * 1e6 / max(1, n)


def perf(load):
    return benchlib.perf_suite_marginal(jar, lambda secs: (
        "name: bench\nbenchmarks:\n  - load:\n      name: pg\n      target:\n        sql:\n"
        f"          url: {URL}\n          user: perf\n          pool: {CLIENTS}\n"
        "          statement: SELECT abalance FROM pgbench_accounts WHERE aid = ?\n"
        '          params: ["${random(1,100000)}"]\n'
        f"      load: {{ {load}, duration: {secs}s, warmup: {benchlib.WARMUP}s }}\n"))


table = benchlib.Table()
for _ in range(benchlib.PAIRS):
    for rate in (1000, 4000, None):
        key = rate if rate else "saturation"
        load = f"rate: {rate}/s, connections: {CLIENTS}" if rate else f"users: {CLIENTS}"
        peer_rate, peer_cpu = pgbench(rate, benchlib.LONG)
        perf_rate, perf_cpu = perf(load)
        table.add(key, peer=peer_cpu, perf=perf_cpu, peer_rate=peer_rate, perf_rate=perf_rate, alloc=float("nan"))
table.print("pgbench", f"perf sql vs pgbench -S, {CLIENTS} connections, medians of {benchlib.PAIRS} pairs")
