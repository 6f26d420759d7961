package dev.perf.compare;

import dev.perf.result.Thresholds;
import dev.perf.stats.MultipleTesting;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * How {@code perf compare} decides. Immutable.
 *
 * @param alpha one-sided significance level of the threshold-shifted tests behind fail, warn and improved
 * @param adjustment optional adjustment of those tests' p-values across rows (stricter than the calibrated
 *     default, none)
 * @param confidence level of the confidence intervals shown (median, change)
 * @param maxCv above this coefficient of variation a non-significant result is inconclusive, not unchanged
 * @param overrides thresholds from the command line, by class name ({@code time}, {@code tail}, {@code
 *     memory}) or by metric name; they win over the current result's suite thresholds
 */
public record CompareOptions(
        double alpha,
        MultipleTesting.Method adjustment,
        double confidence,
        double maxCv,
        Map<String, Thresholds.Limit> overrides) {

    /**
     * α 0.05 (one-sided, for the threshold-shifted tests), no adjustment across rows (the calibrated policy,
     * see {@link VerdictPolicy}), 95 % intervals, CV limit 10 %, no overrides.
     */
    public static final CompareOptions DEFAULTS =
            new CompareOptions(0.05, MultipleTesting.Method.NONE, 0.95, 0.10, Map.of());

    public CompareOptions {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be between 0 and 1, was " + alpha);
        }
        overrides = Collections.unmodifiableMap(new TreeMap<>(overrides));
    }

    /** The limit for a metric: metric-name override, class override, the result's thresholds, defaults. */
    public Thresholds.Limit limitFor(String metric, MetricClass metricClass, Thresholds fromResult) {
        Thresholds.Limit byName = overrides.get(metric);
        if (byName != null) {
            return byName;
        }
        String className = metricClass == MetricClass.INFO ? "time" : metricClass.json();
        Thresholds.Limit byClass = overrides.get(className);
        if (byClass != null) {
            return byClass;
        }
        Thresholds t = fromResult == null ? Thresholds.DEFAULTS : fromResult;
        return switch (metricClass) {
            case TAIL -> t.tail();
            case MEMORY -> t.memory();
            default -> t.time();
        };
    }
}
