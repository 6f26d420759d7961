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
     */
    record Sample(String name, Map<String, String> labels, double value) {
        Sample {
            labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        }
    }
}
