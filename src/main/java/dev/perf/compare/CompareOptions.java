package dev.perf.compare;

import dev.perf.result.PerfException;
import dev.perf.result.Thresholds;
import dev.perf.stats.MultipleTesting;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * How {@code perf compare} decides. Immutable.
 *
 * @param alpha one-sided significance level of the threshold-shifted tests behind fail, warn and improved
 * @param adjustment optional adjustment of those tests' p-values across rows (stricter than the calibrated
 *     default, none)
 * @param confidence level of the confidence intervals shown (median, change)
 * @param maxCv above this robust coefficient of variation (MAD) a non-significant result is inconclusive, not
 *     unchanged
 * @param overrides thresholds from the command line, by class name ({@code time}, {@code tail}, {@code
 *     memory}) or by metric name; they win over the current result's suite thresholds
 * @param filter a regular expression: only rows whose benchmark (with its parameters), metric or a parameter
 *     ({@code NAME=VALUE}) contains a match are compared and judged; null for every row
 * @param allowMissing whether a benchmark or metric missing from the current input is accepted; by default it
 *     fails the gate like a regression (a benchmark that crashed or was left out measures nothing)
 */
public record CompareOptions(
        double alpha,
        MultipleTesting.Method adjustment,
        double confidence,
        double maxCv,
        Map<String, Thresholds.Limit> overrides,
        String filter,
        boolean allowMissing) {

    /**
     * α 0.05 (one-sided, for the threshold-shifted tests), no adjustment across rows (the calibrated policy,
     * see {@link VerdictPolicy}), 95 % intervals, robust CV limit 10 %, no overrides, missing benchmarks fail.
     */
    public static final CompareOptions DEFAULTS =
            new CompareOptions(0.05, MultipleTesting.Method.NONE, 0.95, 0.10, Map.of(), null, false);

    public CompareOptions {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be between 0 and 1, was " + alpha);
        }
        overrides = Collections.unmodifiableMap(new TreeMap<>(overrides));
        if (filter != null) {
            try {
                Pattern.compile(filter);
            } catch (PatternSyntaxException e) {
                throw PerfException.usage("--filter " + filter + ": not a regular expression: " + e.getDescription());
            }
        }
    }

    /** These options at significance {@code level} with {@code method} across rows; the rest unchanged. */
    public CompareOptions withDecision(double level, MultipleTesting.Method method) {
        return new CompareOptions(level, method, confidence, maxCv, overrides, filter, allowMissing);
    }

    /** These options with {@code limits} by metric or class name; the rest unchanged. */
    public CompareOptions withOverrides(Map<String, Thresholds.Limit> limits) {
        return new CompareOptions(alpha, adjustment, confidence, maxCv, limits, filter, allowMissing);
    }

    /** These options judging only rows matching {@code regex} (null: every row); the rest unchanged. */
    public CompareOptions withFilter(String regex) {
        return new CompareOptions(alpha, adjustment, confidence, maxCv, overrides, regex, allowMissing);
    }

    /** These options accepting (or not) a benchmark missing from the current input; the rest unchanged. */
    public CompareOptions withAllowMissing(boolean allow) {
        return new CompareOptions(alpha, adjustment, confidence, maxCv, overrides, filter, allow);
    }

    /** Whether rows with {@code verdict} fail the gate at {@code --fail-on fail}: fail, and missing unless allowed. */
    public boolean failsGate(Verdict verdict) {
        return verdict.failsGate(allowMissing);
    }

    /** The filter as a predicate on rows, compiled once: a row passes when its benchmark, metric or a parameter matches. */
    Predicate<Comparison.Row> rowFilter() {
        if (filter == null) {
            return row -> true;
        }
        Pattern p = Pattern.compile(filter);
        // an invalid run's validity row stands for each of its whole-run metrics: --filter p99 still shows it
        boolean wholeRun = WholeRun.METRICS.stream().anyMatch(m -> p.matcher(m).find());
        return row -> p.matcher(row.displayName()).find()
                || p.matcher(row.metric()).find()
                || (wholeRun && row.metric().equals(WholeRun.VALIDITY))
                || row.params().entrySet().stream().anyMatch(e -> p.matcher(e.getKey() + "=" + e.getValue())
                        .find());
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
