package dev.perf.suite;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code metrics:} block of perf.yaml: live metrics while the run lasts. Command-line flags win over it.
 * Immutable.
 *
 * @param push a Prometheus remote-write URL (http or https), null for none
 * @param headers headers of every push, e.g. {@code Authorization: "Bearer ${env.PROM_TOKEN}"}; {@code
 *     ${env.NAME}} is read at start and never written to results or reports
 * @param listen {@code HOST:PORT} to serve {@code /metrics} on while the run lasts, null for none
 * @param linger how long {@code /metrics} stays up after the run (default 5s)
 */
public record MetricsConfig(String push, Map<String, String> headers, String listen, String linger) {
    public MetricsConfig {
        headers = headers == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /** {@code text} with every {@code ${env.NAME}} replaced from {@code env}; bad input naming {@code key} otherwise. */
    public static String resolveEnv(String text, String key, Map<String, String> env) {
        StringBuilder out = new StringBuilder();
        for (Placeholders.Part part : Placeholders.parse(text, key)) {
            if (part instanceof Placeholders.Literal l) {
                out.append(l.text());
            } else if (part instanceof Placeholders.Env e) {
                String value = env.get(e.name());
                if (value == null) {
                    throw new IllegalArgumentException(key + ": ${env." + e.name() + "} is not set in the environment;"
                            + " export it before the run");
                }
                out.append(value);
            } else {
                throw new IllegalArgumentException(key + ": only ${env.NAME} placeholders are allowed here");
            }
        }
        return out.toString();
    }
}
