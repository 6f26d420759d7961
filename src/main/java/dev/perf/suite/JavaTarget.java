package dev.perf.suite;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An in-process workload.
 *
 * @param className fully qualified class implementing the Workload SPI, with a public no-argument constructor
 * @param jar optional jar holding the class (relative to the suite file); perf's classpath otherwise
 * @param params parameters passed to {@code setUp}
 */
public record JavaTarget(@JsonProperty("class") String className, String jar, Map<String, String> params) {
    public JavaTarget {
        if (className == null || className.isBlank()) {
            throw new IllegalArgumentException("java.class is required: a class implementing dev.perf.load.Workload");
        }
        params = params == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }
}
