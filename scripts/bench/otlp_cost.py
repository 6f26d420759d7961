#!/usr/bin/env python3
"""Trace context and OTLP client spans beside a plain http loop on the same nginx (otlp-cost.sh passes its port,
the jar and the receiver's URL).

A/B/C/A/B/C: in each of PAIRS pairs, the plain loop, the traced one and the traced-and-exported one at every rate;
medians at the end, as CPU-us per completed request in perf's steady-state window (benchlib.perf_suite_marginal).
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchlib import LONG, PAIRS, SHORT, WARMUP, median, perf_suite_marginal  # noqa: E402

PORT = int(sys.argv[1])
JAR = sys.argv[2]
ENDPOINT = sys.argv[3]
CONNS = int(os.environ.get("CONNECTIONS", "32"))
RATES = [int(r) for r in os.environ.get("RATES", "1000 5000").split()]
VARIANTS = {
    "plain": "",
    "traced": "\n      trace: { propagate: w3c }",
    "exported": f'\n      trace: {{ propagate: w3c, export: otlp, endpoint: "{ENDPOINT}" }}',
}


def suite(rate, extra):
    return lambda secs: (
        "name: bench\nbenchmarks:\n  - load:\n      name: nginx\n"
        f'      target: {{ http: {{ url: "http://127.0.0.1:{PORT}/" }} }}\n'
        f"      load: {{ rate: {rate}/s, connections: {CONNS}, duration: {secs}s, warmup: {WARMUP}s, timeout: 2s }}"
        f"{extra}\n")


rows = {}
for pair in range(1, PAIRS + 1):
    for rate in RATES:
        for name, extra in VARIANTS.items():
            _, us = perf_suite_marginal(JAR, suite(rate, extra))
            rows.setdefault(rate, {}).setdefault(name, []).append(us)
    print(f"pair {pair} done", flush=True)

print()
print(f"CPU-us per request of perf, {CONNS} connections, nginx 1 worker on 127.0.0.1, every request sampled; "
      f"medians of {PAIRS} A/B/C rounds; steady state: seconds {SHORT} to {LONG - 1} of {LONG} s runs")
print(f"{'rate':>8} | {'plain':>8} | {'traced':>8} | {'exported':>9} | {'traced/plain':>12} | {'exported/plain':>14}")
for rate, r in rows.items():
    p, t, e = median(r["plain"]), median(r["traced"]), median(r["exported"])
    print(f"{rate:>6}/s | {p:8.2f} | {t:8.2f} | {e:9.2f} | {t / p:12.2f} | {e / p:14.2f}")
