package dev.perf.compare;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
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
 * @param geomean geometric mean of the ratios of every judged row
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

    /** The metric name of the row that stands for a whole benchmark's status (failed, crashed). */
    public static final String STATUS = "status";

    /** How many benchmarks failed in the run under test (rows of their status that fail). */
    public long failedBenchmarks() {
        return rows.stream()
                .filter(r -> r.metric().equals(STATUS) && r.verdict() == Verdict.FAIL)
                .count();
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
     * One benchmark × metric. In JSON its parts are flat: benchmark, params, the measure's fields, base,
     * current, the delta's, the test's and the decision's.
     *
     * @param benchmark benchmark name
     * @param params benchmark parameters
     * @param measure what is measured, its unit (the base's; the current is converted when time units
     *     differ) and thresholds
     * @param base base side, null when new
     * @param current current side, null when missing
     * @param delta the change
     * @param testing the test behind the verdict
     * @param decision the verdict, why, and caveats
     */
    public record Row(
            String benchmark,
            Map<String, String> params,
            @JsonUnwrapped Measure measure,
            Side base,
            Side current,
            @JsonUnwrapped Delta delta,
            @JsonUnwrapped Testing testing,
            @JsonUnwrapped Decision decision) {

        public Row {
            params = Map.copyOf(params);
        }

        /** This row with the adjusted p {@code q} and a (possibly new) verdict and reason. */
        public Row decided(double q, Verdict verdict, String reason) {
            return new Row(
                    benchmark,
                    params,
                    measure,
                    base,
                    current,
                    delta,
                    new Testing(testing.test(), testing.p(), q),
                    new Decision(verdict, reason, decision.notes()));
        }

        /**
         * Whether its medians differ by less than the noise floor (a count per operation below one, or the values'
         * resolution): its change, however many percent, is noise, and charts leave it out.
         */
        public boolean belowNoiseFloor() {
            return Testing.FLOOR.equals(testing.test());
        }

        /** This row with one more note. */
        public Row withNote(String note) {
            List<String> notes = new java.util.ArrayList<>(decision.notes());
            notes.add(note);
            return new Row(
                    benchmark,
                    params,
                    measure,
                    base,
                    current,
                    delta,
                    testing,
                    new Decision(decision.verdict(), decision.reason(), notes));
        }

        /** Benchmark name with parameters, e.g. {@code Bench.hit(size=100)}. */
        public String displayName() {
            return BenchmarkResult.displayName(benchmark, params);
        }

        public String metric() {
            return measure.metric();
        }

        public String unit() {
            return measure.unit();
        }

        public Better better() {
            return measure.better();
        }

        public MetricClass metricClass() {
            return measure.metricClass();
        }

        public double warn() {
            return measure.warn();
        }

        public double fail() {
            return measure.fail();
        }

        public double change() {
            return delta.change();
        }

        public double changeLower() {
            return delta.changeLower();
        }

        public double changeUpper() {
            return delta.changeUpper();
        }

        public String test() {
            return testing.test();
        }

        public double p() {
            return testing.p();
        }

        public double q() {
            return testing.q();
        }

        public Verdict verdict() {
            return decision.verdict();
        }

        public String reason() {
            return decision.reason();
        }

        public List<String> notes() {
            return decision.notes();
        }
    }

    /**
     * What a row measures and the thresholds it is judged by.
     *
     * @param metric metric name
     * @param unit its unit
     * @param better direction of improvement
     * @param metricClass threshold class
     * @param warn warn threshold as a fraction
     * @param fail fail threshold as a fraction
     */
    public record Measure(
            String metric, String unit, Better better, MetricClass metricClass, double warn, double fail) {}

    /**
     * How much a row changed.
     *
     * @param change relative change of medians, current/base − 1
     * @param meanChange relative change of means
     * @param changeLower lower bound of the change (Hodges–Lehmann)
     * @param changeUpper upper bound of the change
     */
    public record Delta(double change, double meanChange, double changeLower, double changeUpper) {
        /** No change could be computed. */
        public static final Delta NONE = new Delta(Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }

    /**
     * The test behind a row.
     *
     * @param test the test used, e.g. {@code mann-whitney (exact)}, {@code none (n=1)}
     * @param p two-sided p-value, NaN when not tested
     * @param q p of the verdict's test (adjusted across rows with {@code --adjust}), NaN when not tested
     */
    public record Testing(String test, double p, double q) {
        /** No test was run. */
        public static final Testing NONE = new Testing("none", Double.NaN, Double.NaN);

        /** No test was run: the medians differ by less than the metric's floor or resolution. */
        public static final String FLOOR = "none (floor)";
    }

    /**
     * The decision of a row.
     *
     * @param verdict the decision
     * @param reason why, in words
     * @param notes caveats about the samples (too few for an interval, an "exact" unit that varies, ...)
     */
    public record Decision(Verdict verdict, String reason, List<String> notes) {
        public Decision {
            notes = notes == null ? List.of() : List.copyOf(notes);
        }
    }

    /**
     * The geometric mean of the ratios of every judged row (higher-is-better ones inverted, so above 0 is worse), with
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
