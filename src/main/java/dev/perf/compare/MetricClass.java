package dev.perf.compare;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.regex.Pattern;

/** Which threshold applies to a metric, from its name and unit. */
public enum MetricClass {
    /** Scores, means, medians, wall times. */
    TIME,
    /** Tail latencies: p90 and above. */
    TAIL,
    /** Bytes: allocation per operation, RSS. */
    MEMORY,
    /** Derived or noisy secondary metrics (gc.count, gc.time, gc.alloc.rate): shown, never judged. */
    INFO;

    private static final Pattern TAIL_NAME = Pattern.compile("^p(9\\d(\\.\\d+)?|0\\.9\\d*|99\\d*|max)$");

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Classifies a metric. */
    public static MetricClass of(String metric, String unit) {
        String name = metric.toLowerCase(Locale.ROOT);
        String u = unit.toLowerCase(Locale.ROOT);
        if (TAIL_NAME.matcher(name).matches()) {
            return TAIL;
        }
        if (name.equals("gc.alloc.rate.norm")
                || u.equals("b/op")
                || u.equals("allocs/op")
                || u.equals("b")
                || u.endsWith("bytes")
                || name.contains("rss")
                || name.equals("memory")) {
            return MEMORY;
        }
        if (name.startsWith("gc.")) {
            return INFO;
        }
        return TIME;
    }
}
