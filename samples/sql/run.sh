#!/usr/bin/env bash
# Runs samples/sql/perf.yaml against a throw-away PostgreSQL (scripts/lib/postgres.sh: initdb in a temporary
# directory, the server on 127.0.0.1 at a free port): schema.sql loaded, the suite run (results in
# perf-results/sql-sample.json), then the server stopped by its PID and the directory removed. Needs Java 17+
# and Debian's postgresql package (apt-get install postgresql).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
. "$root/scripts/lib/postgres.sh"
"$root/scripts/perf" --version > /dev/null            # builds target/perf.jar when it is missing or stale
work="$(mktemp -d)"
trap 'stop_postgres; rm -rf "$work"' EXIT
start_postgres "$work"
"$pg_bin/psql" -q -h 127.0.0.1 -p "$pg_port" -U perf -d postgres -c "CREATE DATABASE shop" > /dev/null
"$pg_bin/psql" -q -h 127.0.0.1 -p "$pg_port" -U perf -d shop -v ON_ERROR_STOP=1 -f "$here/schema.sql" > /dev/null
export PGURL="jdbc:postgresql://127.0.0.1:$pg_port/shop" PGUSER=perf PGPASSWORD=unused-with-trust
mkdir -p "$root/perf-results"
"$root/scripts/perf" run quick -s "$here/perf.yaml" -o "$root/perf-results/sql-sample.json" "$@"
