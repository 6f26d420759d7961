#!/usr/bin/env bash
# Runs samples/https/perf.yaml against a local nginx: makes a test CA and a certificate for localhost
# (openssl), starts nginx with TLS + HTTP/2 on 127.0.0.1:8443 and h2c on 127.0.0.1:8081, runs the suite
# (results in perf-results/https-sample.json), then stops nginx by its PID. Needs nginx and openssl
# (Debian: apt-get install nginx-light openssl).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
work="$(mktemp -d)"
trap '[ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null; rm -rf "$work"' EXIT
cp "$here/perf.yaml" "$here/users.csv" "$here/terms.jsonl" "$work/"
mkdir -p "$work/tls" "$work/logs"
cat > "$work/tls/ext.cnf" <<CNF
[ext]
subjectAltName=DNS:localhost,IP:127.0.0.1
CNF
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj "/CN=perf sample CA" \
  -keyout "$work/tls/ca-key.pem" -out "$work/tls/ca.pem" 2>/dev/null
openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=localhost" \
  -keyout "$work/tls/key.pem" -out "$work/tls/csr.pem" 2>/dev/null
openssl x509 -req -in "$work/tls/csr.pem" -CA "$work/tls/ca.pem" -CAkey "$work/tls/ca-key.pem" -CAcreateserial \
  -days 2 -extfile "$work/tls/ext.cnf" -extensions ext -out "$work/tls/cert.pem" 2>/dev/null
cat > "$work/nginx.conf" <<CONF
worker_processes 1;
pid $work/nginx.pid;
error_log $work/logs/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  keepalive_requests 100000000;
  server {
    listen 127.0.0.1:8443 ssl http2;
    ssl_certificate $work/tls/cert.pem;
    ssl_certificate_key $work/tls/key.pem;
    default_type application/json;
    location /users/ { return 200 '{"user":"\$uri","ok":true}'; }
    location = /search { return 200 '{"q":"\$arg_q","page":"\$arg_page","hits":3}'; }
  }
  server {
    listen 127.0.0.1:8081 http2;
    location /orders { return 201 '{"created":true}'; }
  }
}
CONF
nginx -c "$work/nginx.conf" -p "$work"
sleep 0.5
export API_TOKEN="${API_TOKEN:-sample-token}"
mkdir -p "$root/perf-results"
"$root/scripts/perf" run quick -s "$work/perf.yaml" -o "$root/perf-results/https-sample.json" "$@"
