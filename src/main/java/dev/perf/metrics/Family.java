package dev.perf.metrics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One metric family as Prometheus exposes it: a name with its unit, a type, a help line and its samples.
 * Immutable.
 *
 * @param name the family's name, e.g. {@code perf_load_requests_total}
 * @param type {@code counter}, {@code gauge} or {@code histogram}
 * @param help one line saying what it is and in which unit
 * @param samples its series; a histogram's carry the {@code _bucket}, {@code _sum} and {@code _count} names
 */
record Family(String name, String type, String help, List<Sample> samples) {
    Family {
        samples = List.copyOf(samples);
    }

    /**
     * One series' value.
     *
     * @param name the series name (the family's, or a histogram's suffixed one)
     * @param labels its labels, in the order they are written
     * @param value the value
     * @param exemplar the request it points to (OpenMetrics and remote write carry it), or null
     */
    record Sample(String name, Map<String, String> labels, double value, Exemplar exemplar) {
        Sample {
            labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        }

        /** A series' value without an exemplar. */
        Sample(String name, Map<String, String> labels, double value) {
            this(name, labels, value, null);
        }
    }

    /**
     * One observation a series points to, e.g. the slowest traced request of a latency bucket: a Grafana panel
     * jumps from it to the trace.
     *
     * @param traceId its W3C trace id, 32 lowercase hex digits (the label {@code trace_id})
     * @param value what was observed, in the series' unit
     * @param timestampMillis when, ms since the epoch
     */
    record Exemplar(String traceId, double value, long timestampMillis) {}
}
