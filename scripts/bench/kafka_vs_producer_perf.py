"""The tables of kafka-vs-producer-perf.sh: perf's produce-only kafka target and Kafka's ProducerPerformance A/B
over PAIRS pairs (CPU per message, medians, ratio), then perf's one-at-a-time end-to-end latency beside Kafka's
EndToEndLatency."""
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(__file__))
import benchlib  # noqa: E402

bootstrap, jar, kafka_cp = sys.argv[1], sys.argv[2], sys.argv[3]
RATE = int(os.environ.get("RATE", "2000"))
SIZE = 1024
E2E_COUNT = int(os.environ.get("E2E_COUNT", "2000"))
topics = iter(range(1_000_000))


def producer_perf(secs):
    out, cpu = benchlib.timed([benchlib.JAVA, "-cp", kafka_cp, "org.apache.kafka.tools.ProducerPerformance",
                               "--topic", f"peer-{next(topics)}", "--num-records", str(RATE * secs),
                               "--record-size", str(SIZE), "--throughput", str(RATE),
                               "--producer-props", f"bootstrap.servers={bootstrap}", "acks=all"])
    last = [line for line in out.splitlines() if "records sent" in line][-1]
    rate = float(re.search(r"([\d.]+) records/sec", last).group(1))
    return RATE * secs, cpu, rate


def peer_marginal():
    n_short, cpu_short, _ = producer_perf(benchlib.SHORT)
    n_long, cpu_long, rate = producer_perf(benchlib.LONG)
    return rate, (cpu_long - cpu_short) * 1e6 / max(1, n_long - n_short)


def kafka_suite(load, extra):
    topic = f"perf-{next(topics)}"
    return lambda secs: (
        "name: bench\nbenchmarks:\n  - load:\n      name: mq\n      target:\n        kafka:\n"
        f"          bootstrap: {bootstrap}\n          topic: {topic}\n          size: {SIZE}B\n"
        f"          acks: all\n{extra}"
        f"      load: {{ {load.format(secs=secs)}, warmup: {benchlib.WARMUP}s }}\n")


table = benchlib.Table()
for _ in range(benchlib.PAIRS):
    peer_rate, peer_cpu = peer_marginal()
    perf_rate, perf_cpu = benchlib.perf_suite_marginal(
        jar, kafka_suite(f"rate: {RATE}/s, duration: {{secs}}s", "          consume: false\n"))
    table.add(RATE, peer=peer_cpu, perf=perf_cpu, peer_rate=peer_rate, perf_rate=perf_rate, alloc=float("nan"))
table.print("pperf", f"perf kafka produce-only vs kafka-producer-perf-test, {SIZE} B, acks=all, "
            f"medians of {benchlib.PAIRS} pairs (CPU-us per message)")

# end to end, one message at a time
out, _ = benchlib.timed([benchlib.JAVA, "-cp", kafka_cp, "org.apache.kafka.tools.EndToEndLatency",
                         "--bootstrap-server", bootstrap, "--topic", f"e2e-{next(topics)}",
                         "--num-records", str(E2E_COUNT), "--producer-acks", "all", "--record-size", str(SIZE)])
peer_p50 = float(re.search(r"50th = ([\d.]+)", out).group(1))
peer_p99 = float(re.search(r"99th = ([\d.]+)", out).group(1))
path = os.path.join(benchlib.work, "e2e.yaml")
with open(path, "w") as f:
    # EndToEndLatency sends with linger.ms=0 (Kafka 4's default is 5 ms): perf is given the same
    f.write(kafka_suite(f"users: 1, duration: {benchlib.LONG}s", "          lingerMs: 0\n")(0))
result = os.path.join(benchlib.work, "e2e.json")
benchlib.timed([benchlib.JAVA, "-jar", jar, "run", "-s", path, "-o", result, "-q", "--no-progress"])
overall = json.load(open(result))["benchmarks"][0]["load"]["overall"]
print()
print(f"end to end, one {SIZE} B message at a time (EndToEndLatency: {E2E_COUNT} messages; perf: 1 user for"
      f" {benchlib.LONG} s), acks=all, linger.ms=0; EndToEndLatency prints whole milliseconds")
print(f"{'tool':>16} | {'p50 ms':>8} | {'p99 ms':>8}")
print(f"{'EndToEndLatency':>16} | {peer_p50:8.3f} | {peer_p99:8.3f}")
print(f"{'perf':>16} | {overall['p50']:8.3f} | {overall['p99']:8.3f}")
