#!/usr/bin/env bash
# The start-up a run pays: launch -> perf's first request at a server on 127.0.0.1, through the installed
# launcher (class-data sharing archive, heap in huge pages where the kernel lends them) beside plain
# `java -jar perf.jar` and scripts/perf, alternating, RUNS times each (default 5). Installs perf into a
# temporary prefix (scripts/install.sh) and removes it afterwards.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
prefix="$(mktemp -d)"
trap 'rm -rf "$prefix"' EXIT
bash "$root/scripts/install.sh" --prefix "$prefix" >/dev/null
python3 "$root/scripts/bench/first_request.py" \
  "installed launcher=$prefix/bin/perf" \
  "scripts/perf=$root/scripts/perf" \
  "java -jar perf.jar=java -jar $root/target/perf.jar"
