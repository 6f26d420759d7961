/**
 * Live metrics while a run lasts: Prometheus remote write and an OpenMetrics/Prometheus text endpoint fed
 * once a second from the load loops' windows (never from their event loops), plus each finished JMH score.
 * Imports {@code result}, {@code load} (the windows), {@code host} (the JDK HTTP server), {@code suite} (the
 * {@code metrics:} block) and {@code stats}.
 */
package dev.perf.metrics;
