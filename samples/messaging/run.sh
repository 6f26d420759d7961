#!/usr/bin/env bash
# Runs samples/messaging/perf.yaml: Kafka (KRaft, one node, from Kafka's Maven jars) and RabbitMQ (Debian's
# rabbitmq-server) started by scripts/lib/brokers.sh on 127.0.0.1 in a temporary directory, the suite run
# (results in perf-results/messaging-sample.json, a Markdown report beside it), then both brokers stopped by
# their PIDs and the directory removed. Needs Java 17+, Maven, and apt-get install rabbitmq-server.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
. "$root/scripts/lib/brokers.sh"
"$root/scripts/perf" --version > /dev/null            # builds target/perf.jar when it is missing or stale
work="$(mktemp -d)"
trap 'stop_brokers; rm -rf "$work"' EXIT
start_kafka "$work"
start_rabbitmq "$work"
export KAFKA_BOOTSTRAP="$kafka_bootstrap" RABBITMQ_URI="$rabbitmq_uri"
mkdir -p "$root/perf-results"
"$root/scripts/perf" run quick -s "$here/perf.yaml" -o "$root/perf-results/messaging-sample.json" "$@"
"$root/scripts/perf" report "$root/perf-results/messaging-sample.json" --format md \
  -o "$root/perf-results/messaging-sample.md"
