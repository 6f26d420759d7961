#!/usr/bin/env python3
"""perf over TLS and HTTP/2 beside wrk (HTTPS, HTTP/1.1) and h2load (h2 over TLS) on the same nginx.

Run through scripts/bench/tls-h2-vs-peers.sh, which starts nginx with TLS and http2 and passes its port.
A/B/A/B: in each of PAIRS pairs, the peer then perf at every rate, then both at saturation; medians at the
end. CPU-us per completed request as in load_vs_wrk.py (a steady-state window of each run, every tool).
Connections are set up before the measurement by every tool (wrk and h2load connect first; perf opens its
pool before its warm-up), so the figures are per request on warm TLS connections; perf's own handshake times
are printed apart.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchlib import LONG, PAIRS, SHORT, Table, median, peer_steady, perf_marginal, wrk  # noqa: E402

PORT = int(sys.argv[1])
JAR = sys.argv[2]
CONNS = int(os.environ.get("CONNECTIONS", "32"))
H2_CONNS = int(os.environ.get("H2_CONNECTIONS", "4"))
STREAMS = int(os.environ.get("STREAMS", "32"))
RATES = [int(r) for r in os.environ.get("RATES", "1000 5000").split()]
# PRECISION=1ms runs perf's paced loops with that precision (operations due within it leave together)
EARLY = f", precision: {os.environ['PRECISION']}" if os.environ.get("PRECISION") else ""
URL = f"https://localhost:{PORT}/"
H1 = f'{{ url: "{URL}", tls: {{ insecure: true }} }}'
H2 = f'{{ url: "{URL}", version: "2", maxConcurrentStreams: {STREAMS}, tls: {{ insecure: true }} }}'
TEMPLATED = (f'{{ url: "{URL}item/${{seq}}?q=${{random(1,100000)}}", tls: {{ insecure: true }}, '
             f'headers: {{ X-Request-Id: "${{uuid}}" }} }}')


def wrk_https(rate, secs):
    return wrk(URL, CONNS, rate, secs)


def h2load(rate, secs):
    """h2load -cH2_CONNS -mSTREAMS for secs after its 1 s of warm-up; rate: --rps per client."""
    cmd = ["h2load", "-t1", f"-c{H2_CONNS}", f"-m{STREAMS}", f"-D{secs}", "--warm-up-time=1", URL]
    if rate:
        cmd[1:1] = [f"--rps={rate / H2_CONNS:g}"]
    return peer_steady(cmd, secs, r"finished in [\d.]+m?s, ([\d.]+) req/s", lead=1)


def compare(table, peer_run, target, rate_load, users_load):
    for rate in RATES:
        peer, achieved = peer_run(rate, LONG)
        p, _, d = perf_marginal(JAR, target, rate_load(rate))
        table.add(rate, peer=peer, perf=p, peer_rate=achieved, perf_rate=d["overall"]["throughput"],
                  alloc=d["overall"].get("allocBytesPerOp", float("nan")))
    peer, achieved = peer_run(None, LONG)
    p, _, d = perf_marginal(JAR, target, users_load)
    table.add("saturation", peer=peer, perf=p, peer_rate=achieved, perf_rate=d["overall"]["throughput"],
              alloc=d["overall"].get("allocBytesPerOp", float("nan")))
    return d


https, h2, templ = Table(), Table(), Table()
handshake = []
for pair in range(1, PAIRS + 1):
    d = compare(https, wrk_https, H1, lambda r: f"rate: {r}/s, connections: {CONNS}{EARLY}", f"users: {CONNS}")
    handshake.append(d["overall"].get("tlsHandshake.p50", float("nan")))
    compare(h2, h2load, H2, lambda r: f"rate: {r}/s, connections: {H2_CONNS}{EARLY}",
            f"users: {H2_CONNS * STREAMS}")
    # placeholders: the same rate with and without per-request values (perf against perf)
    fixed, _, df = perf_marginal(JAR, H1, f"rate: {RATES[-1]}/s, connections: {CONNS}")
    varied, _, dv = perf_marginal(JAR, TEMPLATED, f"rate: {RATES[-1]}/s, connections: {CONNS}")
    templ.add(RATES[-1], peer=fixed, perf=varied, peer_rate=df["overall"]["throughput"],
              perf_rate=dv["overall"]["throughput"], alloc=dv["overall"].get("allocBytesPerOp", float("nan")))
    print(f"pair {pair} done", flush=True)

head = f"medians of {PAIRS} A/B pairs, nginx 1 worker on 127.0.0.1; steady state: seconds {SHORT} to {LONG - 1} of {LONG} s runs"
https.print("wrk", f"HTTPS HTTP/1.1, {CONNS} connections ({head}); saturation: perf users: {CONNS} vs wrk -c{CONNS}")
h2.print("h2load", f"HTTP/2 over TLS, {H2_CONNS} connections x {STREAMS} streams ({head}); saturation: perf "
         f"users: {H2_CONNS * STREAMS} (one stream each) vs h2load -c{H2_CONNS} -m{STREAMS}")
templ.print("fixed", f"per-request placeholders (${{seq}}, ${{random}}, ${{uuid}}) against a fixed request, perf "
            f"both, HTTPS HTTP/1.1 at {RATES[-1]}/s ('fixed' column = fixed request; B/req of the varied one)")
print(f"\nperf's TLS handshake p50 on a cold JVM (connections opened before the warm-up): "
      f"{median(handshake):.1f} ms")
