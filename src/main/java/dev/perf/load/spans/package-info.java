/**
 * Client spans of traced loops: each sampled measured operation becomes a span with its request's trace and
 * span ids, exported over OTLP/HTTP by OpenTelemetry's exporter off the recording threads ({@code OtlpSpans}).
 * Imports {@code load.record} (the sink the recorder calls), {@code load.template} (the ids), {@code result}
 * and {@code suite}.
 */
package dev.perf.load.spans;
