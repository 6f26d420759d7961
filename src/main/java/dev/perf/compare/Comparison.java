package dev.perf.compare;

import dev.perf.result.BenchmarkResult;
import dev.perf.result.Better;
import java.util.List;
import java.util.Map;

/**
 * The outcome of comparing two inputs: one row per benchmark × metric, a geometric mean, and where the
 * environments differ. Deterministic: the same inputs give an equal comparison. Immutable.
 *
 * @param base label of the base input
 * @param current label of the current input
 * @param alpha significance level used
 * @param adjustment multiple-testing adjustment used
 * @param confidence level of the intervals
 * @param rows one per benchmark × metric, base order then new ones
 * @param geomean geometric mean of the time ratios
 * @param environment fields whose values differ between the two runs
 */
public record Comparison(
        String base,
        String current,
        double alpha,
        String adjustment,
        double confidence,
        List<Row> rows,
        Geomean geomean,
        List<EnvironmentDifference> environment) {

    public Comparison {
        rows = List.copyOf(rows);
        environment = List.copyOf(environment);
    }

    /** How many rows have {@code verdict}. */
    public long count(Verdict verdict) {
        return rows.stream().filter(r -> r.verdict() == verdict).count();
    }

    /**
     * One side of a comparison: the sample's size and centre.
     *
     * @param n number of finite samples
     * @param median median
     * @param mean mean
     * @param cv coefficient of variation (NaN for n < 2)
     * @param medianLower lower bound of the median's distribution-free interval (−∞ when n is too small)
     * @param medianUpper upper bound (+∞ when n is too small)
     */
    public record Side(int n, double median, double mean, double cv, double medianLower, double medianUpper) {}

    /**
     * One benchmark × metric.
     *
     * @param benchmark benchmark name
     * @param params benchmark parameters
     * @param metric metric name
     * @param unit unit (of the base; the current is converted when the time units differ)
     * @param better direction of improvement
     * @param metricClass threshold class
     * @param warn warn threshold as a fraction
     * @param fail fail threshold as a fraction
     * @param base base side, null when new
     * @param current current side, null when missing
     * @param change relative change of medians, current/base − 1
     * @param meanChange relative change of means
     * @param changeLower lower bound of the change (Hodges–Lehmann)
     * @param changeUpper upper bound of the change
     * @param test the test used, e.g. {@code mann-whitney (exact)}, {@code none (n=1)}
     * @param p two-sided p-value, NaN when not tested
     * @param q adjusted p-value, NaN when not tested
     * @param verdict the decision
     * @param reason why, in words
     * @param notes caveats about the samples (too few for an interval, an "exact" unit that varies, ...)
     */
    public record Row(
            String benchmark,
            Map<String, String> params,
            String metric,
            String unit,
            Better better,
            MetricClass metricClass,
            double warn,
            double fail,
            Side base,
            Side current,
            double change,
            double meanChange,
            double changeLower,
            double changeUpper,
            String test,
            double p,
            double q,
            Verdict verdict,
            String reason,
            List<String> notes) {

        public Row {
            params = Map.copyOf(params);
            notes = notes == null ? List.of() : List.copyOf(notes);
        }

        /** Benchmark name with parameters, e.g. {@code Bench.hit(size=100)}. */
        public String displayName() {
            return BenchmarkResult.displayName(benchmark, params);
        }
    }

    /**
     * The geometric mean of the per-benchmark time ratios (throughput inverted, so above 0 is slower), with
     * a t-interval over the log ratios.
     *
     * @param count how many rows it covers
     * @param change geometric-mean ratio − 1
     * @param lower lower bound, NaN with fewer than two rows
     * @param upper upper bound
     * @param note why the geomean is partial or undefined, null when it is not
     */
    public record Geomean(int count, double change, double lower, double upper, String note) {}

    /**
     * A field of the environment that differs.
     *
     * @param field e.g. {@code cpuModel}, {@code jvm.version}, {@code perfVersion}
     * @param base value in the base
     * @param current value in the current
     */
    public record EnvironmentDifference(String field, String base, String current) {}
}
