package dev.perf.compare;

import java.util.Map;

/**
 * Conversion between JMH's time units, so that a benchmark whose output unit changed (ns/op to us/op,
 * ops/s to ops/ms) is still compared value for value. Pure.
 */
final class TimeUnits {
    private static final Map<String, Double> SECONDS =
            Map.of("ns", 1e-9, "us", 1e-6, "µs", 1e-6, "ms", 1e-3, "s", 1.0, "sec", 1.0, "min", 60.0, "m", 60.0);

    private TimeUnits() {}

    /** The factor that turns a value in {@code from} into {@code to}; NaN when they are not convertible. */
    static double factor(String from, String to) {
        if (from.equals(to)) {
            return 1;
        }
        String[] f = from.split("/", 2);
        String[] t = to.split("/", 2);
        if (f.length != 2 || t.length != 2) {
            return Double.NaN;
        }
        if (f[1].equals(t[1]) && SECONDS.containsKey(f[0]) && SECONDS.containsKey(t[0])) {
            return SECONDS.get(f[0]) / SECONDS.get(t[0]); // time per op: ns/op -> us/op
        }
        if (f[0].equals(t[0]) && SECONDS.containsKey(f[1]) && SECONDS.containsKey(t[1])) {
            return SECONDS.get(t[1]) / SECONDS.get(f[1]); // ops per time: ops/s -> ops/ms
        }
        return Double.NaN;
    }
}
