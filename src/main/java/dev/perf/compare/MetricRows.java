package dev.perf.compare;

import dev.perf.compare.Comparison.Row;
import dev.perf.compare.Comparison.Side;
import dev.perf.result.BenchmarkResult;
import dev.perf.result.Better;
import dev.perf.result.Loaded;
import dev.perf.result.Metric;
import dev.perf.result.Numbers;
import dev.perf.result.Thresholds;
import dev.perf.stats.Diagnostics;
import dev.perf.stats.HodgesLehmann;
import dev.perf.stats.MannWhitney;
import dev.perf.stats.MedianInterval;
import dev.perf.stats.Summary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The statistics of one row: the replicates of a metric on each side (a JMH fork's mean, a hyperfine run, a
 * repeated load run), their medians, intervals and spread, the exact U test and the Hodges–Lehmann interval
 * of the change; then the {@link VerdictPolicy} decides. Also the rows that need no test: missing, new,
 * failed, incomparable. Pure and thread-safe.
 */
final class MetricRows {
    private MetricRows() {}

    static PendingRow paired(
            BenchmarkResult benchmark,
            Metric base,
            Metric current,
            String missingReason,
            Loaded baseInput,
            Loaded currentInput,
            Thresholds thresholds,
            CompareOptions options) {
        MetricClass cls = MetricClass.of(base.name(), base.unit());
        Thresholds.Limit limit = options.limitFor(base.name(), cls, thresholds);
        Side baseSide = side(replicates(benchmark, base, 1), options.confidence());
        if (current == null) {
            return untested(benchmark, base, cls, limit, baseSide, null, Verdict.MISSING, missingReason);
        }
        double factor = TimeUnits.factor(current.unit(), base.unit());
        if (Double.isNaN(factor)) {
            return untested(
                    benchmark,
                    base,
                    cls,
                    limit,
                    baseSide,
                    side(replicates(benchmark, current, 1), options.confidence()),
                    Verdict.INCONCLUSIVE,
                    "units differ: " + base.unit() + " in base, " + current.unit() + " in current");
        }
        double[] a = replicates(benchmark, base, 1);
        double[] b = replicates(benchmark, current, factor);
        boolean exactUnit = baseInput.exactUnits().contains(base.unit())
                || currentInput.exactUnits().contains(current.unit());
        baseSide = exactUnit ? exactSide(a) : baseSide;
        Side currentSide = exactUnit ? exactSide(b) : side(b, options.confidence());
        List<String> notes = new ArrayList<>();
        if (exactUnit) {
            rangeNote(notes, "base", a);
            rangeNote(notes, "current", b);
        } else {
            intervalNote(notes, baseSide, options.confidence());
            intervalNote(notes, currentSide, options.confidence());
        }
        RowBuilder rb = new RowBuilder(benchmark, base, cls, limit, baseSide, currentSide, notes);
        int badA = nonFinite(a);
        int badB = nonFinite(b);
        if (badA > 0 || badB > 0) {
            return rb.undecided("samples are not all finite numbers (base " + badA + " of " + a.length + ", current "
                    + badB + " of " + b.length + " are NaN or infinite)");
        }
        if (a.length == 0 || b.length == 0) {
            return rb.undecided("no samples (base n=" + a.length + ", current n=" + b.length + ")");
        }
        double ma = baseSide.median();
        double mb = currentSide.median();
        if (Arrays.stream(a).anyMatch(v -> v < 0) || Arrays.stream(b).anyMatch(v -> v < 0)) {
            return rb.undecided("negative values: a relative change is not meaningful");
        }
        double change = relative(ma, mb);
        double meanChange = relative(baseSide.mean(), currentSide.mean());
        if (exactUnit) {
            return rb.byThreshold(
                    change, meanChange, "none (exact unit)", Double.NaN, "exact unit: judged by threshold only");
        }
        if (isJmh(benchmark) && (forks(base) == 1 || forks(current) == 1)) {
            return rb.untested(
                    change,
                    meanChange,
                    "none (1 fork)",
                    Double.NaN,
                    Verdict.INCONCLUSIVE,
                    "1 fork (base " + forks(base) + ", current " + forks(current) + " forks): run-to-run "
                            + "variance unknown, and iterations of one fork are not independent samples; "
                            + "need " + VerdictPolicy.samplesNeeded(options.alpha()) + " forks per side at α="
                            + Numbers.threeDigits(options.alpha()) + " (the quick profile runs 4)");
        }
        int needed = VerdictPolicy.samplesNeeded(options.alpha());
        if (Math.min(a.length, b.length) < needed) {
            // below the n the chosen α needs nothing is decided, not even "unchanged" (one equal sample each);
            // the two-sided p is still shown, as benchstat shows it
            MannWhitney.Result few = MannWhitney.test(a, b);
            testNotes(notes, a.length, b.length, few, options.alpha());
            return rb.untested(
                    change,
                    meanChange,
                    "mann-whitney (" + (few.exact() ? "exact" : "normal approximation") + ")",
                    few.p(),
                    Verdict.INCONCLUSIVE,
                    VerdictPolicy.tooFew(a.length, b.length, options.alpha(), change, base.better()));
        }
        String below = belowFloor(base.unit(), a, b, ma, mb);
        if (below != null) {
            return rb.untested(change, meanChange, Comparison.Testing.FLOOR, Double.NaN, Verdict.UNCHANGED, below);
        }
        MannWhitney.Result u = MannWhitney.test(a, b);
        testNotes(notes, a.length, b.length, u, options.alpha());
        boolean positive =
                Arrays.stream(a).allMatch(v -> v > 0) && Arrays.stream(b).allMatch(v -> v > 0);
        HodgesLehmann.Change hl = positive
                ? HodgesLehmann.relativeChange(a, b, options.confidence())
                : new HodgesLehmann.Change(Double.NaN, Double.NaN, Double.NaN, options.confidence());
        String test = "mann-whitney (" + (u.exact() ? "exact" : "normal approximation") + ")";
        VerdictPolicy.Decision d = u.allEqual()
                ? new VerdictPolicy.Decision(Verdict.UNCHANGED, "all samples are equal", Double.NaN)
                : VerdictPolicy.decide(
                        a,
                        b,
                        base.better(),
                        limit.warnFraction(),
                        limit.failFraction(),
                        options.alpha(),
                        options.maxCv(),
                        u.p());
        return new PendingRow(
                rb.build(change, meanChange, hl.lower(), hl.upper(), test, u.p(), d.verdict(), d.reason()),
                true,
                d.decisiveP());
    }

    /** current/base − 1; 0 when equal; NaN for a rise from 0, which has no ratio (it is judged on the values). */
    static double relative(double base, double current) {
        if (base == current) {
            return 0;
        }
        return base == 0 ? Double.NaN : current / base - 1;
    }

    /**
     * Why two medians are too close to be a change, or null when they are not: below one byte or allocation
     * per operation for counts, or below the resolution the values were reported with. No floor for time.
     */
    static String belowFloor(String unit, double[] a, double[] b, double ma, double mb) {
        if (ma == mb) {
            return null;
        }
        double diff = Math.abs(mb - ma);
        double count = VerdictPolicy.floor(unit);
        if (diff < count) {
            return "the medians differ by " + Numbers.significant(diff) + " " + unit + ", below the floor of "
                    + Numbers.plain(count) + " " + unit + " (a count per operation that moves by less than one is"
                    + " averaging noise)";
        }
        double resolution = VerdictPolicy.resolution(a, b);
        if (diff < resolution) {
            return "the medians differ by " + Numbers.significant(diff) + " " + unit
                    + ", below the resolution the values" + " were reported with (" + Numbers.plain(resolution) + " "
                    + unit + ")";
        }
        return null;
    }

    /** Builds the rows of one paired metric. */
    private record RowBuilder(
            BenchmarkResult benchmark,
            Metric metric,
            MetricClass cls,
            Thresholds.Limit limit,
            Side base,
            Side current,
            List<String> notes) {
        Row build(
                double change,
                double meanChange,
                double lo,
                double hi,
                String test,
                double p,
                Verdict verdict,
                String reason) {
            return new Row(
                    benchmark.name(),
                    benchmark.params(),
                    new Comparison.Measure(
                            metric.name(),
                            metric.unit(),
                            metric.better(),
                            cls,
                            limit.warnFraction(),
                            limit.failFraction()),
                    base,
                    current,
                    new Comparison.Delta(change, meanChange, lo, hi),
                    new Comparison.Testing(test, p, Double.NaN),
                    new Comparison.Decision(verdict, reason, notes));
        }

        /** A row judged by its change against the thresholds alone, without a significance test. */
        PendingRow byThreshold(double change, double meanChange, String test, double p, String reason) {
            return untested(change, meanChange, test, p, null, reason);
        }

        /** A row decided without the policy's tests (no interval of the change). */
        PendingRow untested(double change, double meanChange, String test, double p, Verdict verdict, String reason) {
            return new PendingRow(
                    build(change, meanChange, Double.NaN, Double.NaN, test, p, verdict, reason), false, Double.NaN);
        }

        PendingRow undecided(String reason) {
            return untested(Double.NaN, Double.NaN, "none", Double.NaN, Verdict.INCONCLUSIVE, reason);
        }
    }

    static PendingRow failedRow(BenchmarkResult b, String reason, Verdict verdict) {
        return untested(b, null, MetricClass.TIME, null, null, null, verdict, reason);
    }

    /** A row decided without a test: missing, new, failed, incomparable. */
    static PendingRow untested(
            BenchmarkResult b,
            Metric m,
            MetricClass cls,
            Thresholds.Limit limit,
            Side base,
            Side current,
            Verdict verdict,
            String reason) {
        Row r = new Row(
                b.name(),
                b.params(),
                new Comparison.Measure(
                        m == null ? Comparison.STATUS : m.name(),
                        m == null ? "" : m.unit(),
                        m == null ? Better.LOWER : m.better(),
                        cls,
                        limit == null ? Double.NaN : limit.warnFraction(),
                        limit == null ? Double.NaN : limit.failFraction()),
                base,
                current,
                Comparison.Delta.NONE,
                Comparison.Testing.NONE,
                new Comparison.Decision(verdict, reason, List.of()));
        return new PendingRow(r, false, Double.NaN);
    }

    static PendingRow newRow(
            BenchmarkResult c, Metric m, String reason, Thresholds thresholds, CompareOptions options) {
        MetricClass cls = MetricClass.of(m.name(), m.unit());
        Thresholds.Limit limit = options.limitFor(m.name(), cls, thresholds);
        return untested(c, m, cls, limit, null, side(replicates(c, m, 1), options.confidence()), Verdict.NEW, reason);
    }

    static Side side(double[] x, double confidence) {
        double[] finite = Arrays.stream(x).filter(Double::isFinite).sorted().toArray();
        int n = finite.length;
        if (n == 0) {
            return new Side(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double median = Summary.median(finite);
        double mean = Arrays.stream(finite).average().orElse(Double.NaN);
        double[] bounds = MedianInterval.of(n, confidence).bounds(finite);
        return new Side(n, median, mean, Diagnostics.cv(finite), bounds[0], bounds[1]);
    }

    /** Caveats of the test itself: equal samples, or too few values to ever reach significance. */
    private static void testNotes(List<String> notes, int n1, int n2, MannWhitney.Result u, double alpha) {
        if (u.allEqual()) {
            notes.add("all samples are equal");
        }
        int needed = MannWhitney.samplesNeeded(alpha);
        if (u.p() > alpha && n1 < needed && n2 < needed) {
            notes.add("need >= " + needed + " samples per side to detect a difference at α=" + Numbers.plain(alpha));
        }
    }

    /** An exact unit has no noise: its centre is the most frequent value, its range the extremes. */
    private static Side exactSide(double[] x) {
        double[] sorted = Arrays.stream(x).filter(Double::isFinite).sorted().toArray();
        if (sorted.length == 0) {
            return new Side(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double mode = sorted[0];
        int best = 0;
        for (int i = 0; i < sorted.length; ) {
            int j = i;
            while (j < sorted.length && sorted[j] == sorted[i]) {
                j++;
            }
            if (j - i > best) {
                best = j - i;
                mode = sorted[i];
            }
            i = j;
        }
        double mean = Arrays.stream(sorted).average().orElse(Double.NaN);
        return new Side(sorted.length, mode, mean, Diagnostics.cv(sorted), sorted[0], sorted[sorted.length - 1]);
    }

    private static void rangeNote(List<String> notes, String which, double[] x) {
        double min = Arrays.stream(x).min().orElse(Double.NaN);
        double max = Arrays.stream(x).max().orElse(Double.NaN);
        if (min != max) {
            notes.add("exact distribution expected, but " + which + " values range from " + Numbers.plain(min) + " to "
                    + Numbers.plain(max));
        }
    }

    private static void intervalNote(List<String> notes, Side side, double confidence) {
        if (side.n() > 0 && (Double.isInfinite(side.medianLower()) || Double.isInfinite(side.medianUpper()))) {
            String note = "need >= " + MedianInterval.samplesNeeded(confidence)
                    + " samples for a confidence interval of the median at " + Numbers.plain(confidence * 100) + "%";
            if (!notes.contains(note)) {
                notes.add(note);
            }
        }
    }

    /**
     * The replicates of a metric, the unit the tests count: for JMH the mean of each fork (iterations of one
     * fork are not independent); for everything else each value (hyperfine runs, Go's -count runs, repeated
     * load runs, per-second windows of one load run, which rows label as such).
     */
    static double[] replicates(BenchmarkResult benchmark, Metric m, double factor) {
        if (isJmh(benchmark)) {
            return m.samples().stream()
                    .filter(g -> !g.isEmpty())
                    .mapToDouble(g ->
                            g.stream().mapToDouble(v -> v * factor).average().orElse(Double.NaN))
                    .toArray();
        }
        return m.samples().stream()
                .flatMap(List::stream)
                .mapToDouble(v -> v * factor)
                .toArray();
    }

    private static boolean isJmh(BenchmarkResult benchmark) {
        return "jmh".equals(benchmark.kind());
    }

    private static int forks(Metric m) {
        return (int) m.samples().stream().filter(g -> !g.isEmpty()).count();
    }

    private static int nonFinite(double[] x) {
        return (int) Arrays.stream(x).filter(v -> !Double.isFinite(v)).count();
    }
}
