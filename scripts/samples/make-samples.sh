#!/usr/bin/env bash
# Regenerates samples/history (12 real runs of two demo benchmarks; runs 9-12 are run with -XX:-Inline, a
# real slowdown, so that the history shows a change point) and samples/shards (one quick run of the demo's
# in-process load loop and two JMH benchmarks, split into 2 shards). Takes about 2 minutes.
set -euo pipefail
cd "$(dirname "$0")/../.."
[ -f target/perf.jar ] || mvn -B -q -DskipTests package
perf() { java -jar target/perf.jar "$@"; }

rm -rf samples/shards
mkdir -p samples/history samples/shards
[ "${1:-}" = "--shards-only" ] || for i in $(seq -w 1 12); do
  extra=()
  if [ "$i" -ge 9 ]; then extra=(--jvm-args "-XX:-Inline"); fi
  perf run quick --only 'StateMachineBench|EventBusBench' -f 1 -wi 2 -i 5 -w 300ms -r 300ms \
    --no-progress -q -o "samples/history/run-$i.json" "${extra[@]}"
  rm -f "samples/history/run-$i.log"
done
# the two shards run side by side, as they would on two machines
for s in 1 2; do
  perf run quick --only 'event-bus-publish|StateMachineBench|JsonCodecBench' -f 1 -wi 1 -i 5 -w 300ms -r 300ms \
    --shard "$s/2" --no-progress -q -o "samples/shards/shard-$s.json" &
done
wait
rm -f samples/shards/*.log
perf report --history samples/history -o samples/history/README.md
perf report merge samples/shards/shard-1.json samples/shards/shard-2.json -o samples/shards/merged.json
echo "samples written"
