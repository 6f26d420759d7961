/**
 * The service's own figures while a load loop is measured ({@code observe:}): its Prometheus/OpenMetrics
 * endpoint scraped every second (counters turned into rates, histograms into quantiles) or PromQL evaluated
 * by a Prometheus at every second of the loop's window; stored per second and whole-run, judged by targets.
 * May import {@code result}, {@code suite} and {@code stats}.
 */
package dev.perf.observe;
