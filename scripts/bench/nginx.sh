# Sourced by the benchmark scripts: start_nginx DIR [tls] starts nginx (one worker, keep-alive without limit,
# access log off, "ok" for every path) on a free port of 127.0.0.1 with its files in DIR, and sets $port.
# With "tls" it also serves HTTPS with HTTP/2 (ALPN h2 and http/1.1) on $tls_port, with a self-signed
# certificate for localhost made by openssl in DIR, and h2c (HTTP/2 with prior knowledge) on $h2c_port.
# Its PID is in DIR/nginx.pid; stop_nginx DIR stops it by that PID.
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

start_nginx() {
  local dir="$1" tls="${2:-}" extra=""
  port=$(free_port)
  mkdir -p "$dir/logs"
  if [ "$tls" = tls ]; then
    tls_port=$(free_port)
    h2c_port=$(free_port)
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj "/CN=localhost" \
      -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" -keyout "$dir/key.pem" -out "$dir/cert.pem" 2>/dev/null
    extra="
  server { listen 127.0.0.1:$tls_port ssl http2; ssl_certificate $dir/cert.pem; ssl_certificate_key $dir/key.pem;
           http2_max_concurrent_streams 128; location / { return 200 \"ok\"; } }
  server { listen 127.0.0.1:$h2c_port http2; http2_max_concurrent_streams 128; location / { return 200 \"ok\"; } }"
  fi
  cat > "$dir/nginx.conf" <<CONF
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/logs/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  keepalive_requests 100000000;
  server { listen 127.0.0.1:$port; location / { return 200 "ok"; } }$extra
}
CONF
  nginx -c "$dir/nginx.conf" -p "$dir"
  sleep 0.5
}

stop_nginx() {
  [ -f "$1/nginx.pid" ] && kill "$(cat "$1/nginx.pid")" 2>/dev/null || true
}

# bench_ready ROOT: installs nginx-light when it is missing and builds ROOT/target/perf.jar when it is not there.
bench_ready() {
  if ! command -v nginx >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light >/dev/null
  fi
  [ -f "$1/target/perf.jar" ] || (cd "$1" && mvn -q -B -DskipTests -Dspotless.check.skip=true package)
}
