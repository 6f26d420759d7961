#!/usr/bin/env bash
# Runs samples/sql/perf.yaml against a throw-away PostgreSQL: initdb in a temporary directory (as the postgres
# user when run as root, which initdb refuses), the server on 127.0.0.1 at a free port, schema.sql loaded, the
# suite run (results in perf-results/sql-sample.json), then the server stopped by its PID and the directory
# removed. Needs Java 17+ and Debian's postgresql package (apt-get install postgresql).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
[ -x "$bin/initdb" ] || { echo "run.sh: PostgreSQL is not installed; apt-get install postgresql" >&2; exit 2; }
"$root/scripts/perf" --version > /dev/null            # builds target/perf.jar when it is missing or stale
work="$(mktemp -d)"
as=()
if [ "$(id -u)" = 0 ]; then
  chown postgres:postgres "$work"
  as=(setpriv --reuid=postgres --regid=postgres --init-groups --)
fi
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
"${as[@]}" "$bin/initdb" -D "$work/data" -U perf -A trust -E UTF8 --no-locale --no-sync > /dev/null
"${as[@]}" "$bin/postgres" -D "$work/data" -p "$port" -k "$work" -c listen_addresses=127.0.0.1 \
  -c fsync=off -c synchronous_commit=off > "$work/server.log" 2>&1 &
server=$!
trap 'kill -INT "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do
  "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" && break
  sleep 0.1
done
"$bin/psql" -q -h 127.0.0.1 -p "$port" -U perf -d postgres -c "CREATE DATABASE shop" > /dev/null
"$bin/psql" -q -h 127.0.0.1 -p "$port" -U perf -d shop -v ON_ERROR_STOP=1 -f "$here/schema.sql" > /dev/null
export PGURL="jdbc:postgresql://127.0.0.1:$port/shop" PGUSER=perf PGPASSWORD=unused-with-trust
mkdir -p "$root/perf-results"
"$root/scripts/perf" run quick -s "$here/perf.yaml" -o "$root/perf-results/sql-sample.json" "$@"
