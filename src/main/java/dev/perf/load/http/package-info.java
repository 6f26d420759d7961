/**
 * The http target: an HTTP/1.1 and HTTP/2 client over Netty (connections opened before the measurement, TLS
 * through BoringSSL or the JDK, HTTP/2 responses' headers read by perf's own HPACK decoder), request templates (over {@code load.template}), response checks, and the lanes that put it
 * on perf's event loops. May import {@code result}, {@code suite}, {@code load.template}, {@code load.drive}, {@code load.record} and
 * the {@code Workload} API.
 */
package dev.perf.load.http;
