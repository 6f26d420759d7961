#!/usr/bin/env python3
"""A one-step scenario beside a plain http loop on the same nginx (scenario-vs-http.sh passes its port).

A/B/A/B: in each of PAIRS pairs, the plain loop then the scenario at every rate and at saturation; medians
at the end, as CPU-us per completed request in perf's steady-state window (benchlib.perf_marginal). The
'peer' column is the plain http loop, the 'perf' column the scenario.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchlib import LONG, PAIRS, SHORT, Table, perf_marginal  # noqa: E402

PORT = int(sys.argv[1])
JAR = sys.argv[2]
CONNS = int(os.environ.get("CONNECTIONS", "32"))
RATES = [int(r) for r in os.environ.get("RATES", "1000 5000").split()]
TARGET = f'{{ url: "http://127.0.0.1:{PORT}/" }}'

table = Table()
for pair in range(1, PAIRS + 1):
    for rate in RATES + [None]:
        load = f"rate: {rate}/s, connections: {CONNS}" if rate else f"users: {CONNS}"
        plain, _, dp = perf_marginal(JAR, TARGET, load)
        step, _, ds = perf_marginal(JAR, TARGET, load, scenario=True)
        table.add(rate or "saturation", peer=plain, perf=step, peer_rate=dp["overall"]["throughput"],
                  perf_rate=ds["overall"]["throughput"], alloc=ds["overall"].get("allocBytesPerOp", float("nan")))
    print(f"pair {pair} done", flush=True)

table.print("http", f"a one-step scenario ('perf') against the same request as an http target ('http'), "
            f"{CONNS} connections, nginx 1 worker on 127.0.0.1; medians of {PAIRS} A/B pairs; steady state: "
            f"seconds {SHORT} to {LONG - 1} of {LONG} s runs; saturation: users: {CONNS}")
