"""The table of grpc-vs-plain.sh: the plain grpc-java loop and perf A/B over PAIRS pairs, medians and ratios."""
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
import benchlib  # noqa: E402

port, jar, protoset = sys.argv[1], sys.argv[2], sys.argv[3]
USERS = 32
PLAIN = os.path.join(os.path.dirname(__file__), "GrpcPlainLoop.java")


def plain(rate, secs):
    out, cpu = benchlib.timed([benchlib.JAVA, "-cp", jar, PLAIN, f"127.0.0.1:{port}", "0" if rate else str(USERS),
                               str(rate or 0), str(secs)])
    return int(out.strip().splitlines()[-1]), cpu


def plain_marginal(rate):
    n_short, cpu_short = plain(rate, benchlib.SHORT)
    n_long, cpu_long = plain(rate, benchlib.LONG)
    return n_long / benchlib.LONG, (cpu_long - cpu_short) * 1e6 / max(1, n_long - n_short)


def perf(load):
    return benchlib.perf_suite_marginal(jar, lambda secs: (
        "name: bench\nbenchmarks:\n  - load:\n      name: rpc\n      target:\n        grpc:\n"
        f"          target: 127.0.0.1:{port}\n          method: shop.Catalog/GetItem\n"
        f"          protoset: {protoset}\n"
        "          request: '{\"id\": \"${random(1,1000)}\"}'\n"
        f"      load: {{ {load}, duration: {secs}s, warmup: {benchlib.WARMUP}s }}\n"))


table = benchlib.Table()
for _ in range(benchlib.PAIRS):
    for rate in (2000, None):
        key = rate if rate else "saturation"
        load = f"rate: {rate}/s, connections: {USERS}" if rate else f"users: {USERS}"
        peer_rate, peer_cpu = plain_marginal(rate)
        perf_rate, perf_cpu = perf(load)
        table.add(key, peer=peer_cpu, perf=perf_cpu, peer_rate=peer_rate, perf_rate=perf_rate, alloc=float("nan"))
table.print("plain", f"perf grpc vs a plain grpc-java loop, {USERS} in flight, medians of {benchlib.PAIRS} pairs")
