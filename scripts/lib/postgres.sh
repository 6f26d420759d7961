# A throw-away PostgreSQL for samples and benchmarks, sourced by them: start_postgres DIR makes a cluster with
# initdb in DIR (as the postgres user when run as root, which initdb refuses), starts the server on 127.0.0.1 at
# a free port with trust authentication for user perf, and sets pg_bin, pg_port and pg_pid; stop_postgres
# stops that server by its PID (a fast shutdown). Needs Debian's postgresql package.
pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
start_postgres() {
  local dir="$1" as=()
  if [ ! -x "$pg_bin/initdb" ]; then
    echo "PostgreSQL is not installed; apt-get install postgresql" >&2
    return 2
  fi
  if [ "$(id -u)" = 0 ]; then
    chown postgres:postgres "$dir"
    as=(setpriv --reuid=postgres --regid=postgres --init-groups --)
  fi
  pg_port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  "${as[@]}" "$pg_bin/initdb" -D "$dir/data" -U perf -A trust -E UTF8 --no-locale --no-sync > /dev/null
  "${as[@]}" "$pg_bin/postgres" -D "$dir/data" -p "$pg_port" -k "$dir" -c listen_addresses=127.0.0.1 \
    -c fsync=off -c synchronous_commit=off -c max_connections=60 > "$dir/server.log" 2>&1 &
  pg_pid=$!
  for _ in $(seq 1 100); do
    "$pg_bin/pg_isready" -q -h 127.0.0.1 -p "$pg_port" && return 0
    sleep 0.1
  done
  echo "PostgreSQL did not start; see $dir/server.log" >&2
  return 1
}
stop_postgres() {
  if [ -n "${pg_pid:-}" ]; then
    kill -INT "$pg_pid" 2>/dev/null || true
    wait "$pg_pid" 2>/dev/null || true
    pg_pid=
  fi
}
