#!/usr/bin/env bash
# perf's sql target beside pgbench (PostgreSQL's own load tool, C and libpq) on the same point read against the
# same throw-away PostgreSQL (scripts/lib/postgres.sh): pgbench's select-only script (-S -M prepared) and perf's
# `SELECT abalance FROM pgbench_accounts WHERE aid = ?` with ${random(1,100000)}, 8 connections, at 1 000/s,
# 4 000/s and at saturation (8 clients / users back to back). A/B/A/B over PAIRS pairs (default 3), DURATION s
# per run (default 10), steady state (perf: the window of benchlib.steady; pgbench: its whole run); medians and the perf/pgbench
# ratios of CPU-us per query and of queries per second.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
. "$root/scripts/lib/postgres.sh"
[ -f "$root/target/perf.jar" ] || (cd "$root" && mvn -q -B -DskipTests -Dspotless.check.skip=true package)
work="$(mktemp -d)"
trap 'stop_postgres; rm -rf "$work"' EXIT
start_postgres "$work"
"$pg_bin/pgbench" -q -i -s 1 -h 127.0.0.1 -p "$pg_port" -U perf postgres > /dev/null 2>&1
PGBENCH="$pg_bin/pgbench" python3 "$root/scripts/bench/sql_vs_pgbench.py" "$pg_port" "$root/target/perf.jar"
