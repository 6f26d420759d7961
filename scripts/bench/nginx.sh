# Sourced by the benchmark scripts: start_nginx DIR starts nginx (one worker, keep-alive without limit,
# access log off, "ok" for every path) on a free port of 127.0.0.1 with its files in DIR, and sets $port.
# Its PID is in DIR/nginx.pid; stop_nginx DIR stops it by that PID.
start_nginx() {
  local dir="$1"
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  mkdir -p "$dir/logs"
  cat > "$dir/nginx.conf" <<CONF
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/logs/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  keepalive_requests 100000000;
  server { listen 127.0.0.1:$port; location / { return 200 "ok"; } }
}
CONF
  nginx -c "$dir/nginx.conf" -p "$dir"
  sleep 0.5
}

stop_nginx() {
  [ -f "$1/nginx.pid" ] && kill "$(cat "$1/nginx.pid")" 2>/dev/null || true
}
