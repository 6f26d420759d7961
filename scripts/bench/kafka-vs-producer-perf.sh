#!/usr/bin/env bash
# perf's kafka target beside Kafka's own tools on a single-node KRaft broker started here from Kafka's Maven jars
# (scripts/lib/brokers.sh, 127.0.0.1, stopped by its PID):
#   - cost: produce-only (consume: false) at RATE msgs/s (default 2000) of 1 KiB, acks=all, beside
#     org.apache.kafka.tools.ProducerPerformance (kafka-producer-perf-test) at the same rate and record size:
#     whole-process CPU per message, a LONG run (DURATION s, default 30: both JVMs still compile Kafka's client
#     for the first ten seconds or so) minus a SHORT one (start-up drops out), A/B/A/B over PAIRS pairs;
#   - latency: one message at a time, sent and consumed back, beside org.apache.kafka.tools.EndToEndLatency (it
#     does the same, synchronously): p50 and p99 of each, E2E_COUNT messages (default 2000).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
. "$root/scripts/lib/brokers.sh"
[ -f "$root/target/perf.jar" ] || (cd "$root" && mvn -q -B -DskipTests -Dspotless.check.skip=true package)
work="$(mktemp -d)"
trap 'stop_brokers; rm -rf "$work"' EXIT
start_kafka "$work"
export DURATION="${DURATION:-30}"
python3 "$root/scripts/bench/kafka_vs_producer_perf.py" "$kafka_bootstrap" "$root/target/perf.jar" "$kafka_cp"
