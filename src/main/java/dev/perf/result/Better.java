package dev.perf.result;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Which direction of a metric is an improvement. */
public enum Better {
    /** Smaller values are better: time per operation, latency, bytes. */
    LOWER,
    /** Larger values are better: throughput. */
    HIGHER;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Better fromJson(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }
}
