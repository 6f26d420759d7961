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
        double floor = VerdictPolicy.floor(base.unit());
        if (!exactUnit && ma != mb && Math.abs(mb - ma) < floor) {
            return new PendingRow(
                    rb.build(
                            ma == mb ? 0 : ma == 0 ? Double.NaN : mb / ma - 1,
                            Double.NaN,
                            Double.NaN,
                            Double.NaN,
                            "none (noise floor)",
                            Double.NaN,
                            Verdict.UNCHANGED,
                            "the medians differ by " + Numbers.plain(Math.abs(mb - ma)) + " " + base.unit()
                                    + ", below the noise floor of " + Numbers.plain(floor) + " " + base.unit()),
                    false,
                    Double.NaN);
        }
        if (ma == 0 && mb != 0) {
            return rb.undecided("base median is 0: a relative change is undefined");
        }
        if (ma < 0 || mb < 0) {
            return rb.undecided("negative values: a relative change is not meaningful");
        }
        double change = ma == mb ? 0 : mb / ma - 1;
        double meanChange = baseSide.mean() == 0 ? Double.NaN : currentSide.mean() / baseSide.mean() - 1;
        if (exactUnit) {
            return rb.byThreshold(
                    change, meanChange, "none (exact unit)", Double.NaN, "exact unit: judged by threshold only");
        }
        if (isJmh(benchmark) && (forks(base) == 1 || forks(current) == 1)) {
            return new PendingRow(
                    rb.build(
                            change,
                            meanChange,
                            Double.NaN,
                            Double.NaN,
                            "none (1 fork)",
                            Double.NaN,
                            Verdict.INCONCLUSIVE,
                            "1 fork (base " + forks(base) + ", current " + forks(current) + " forks): run-to-run "
                                    + "variance unknown, and iterations of one fork are not independent samples; "
                                    + "run at least 4 forks (the quick profile does)"),
                    false,
                    Double.NaN);
        }
        MannWhitney.Result u = MannWhitney.test(a, b);
        testNotes(notes, a.length, b.length, u, options.alpha());
        if (a.length == 1 && b.length == 1) {
            return rb.byThreshold(change, meanChange, "none (n=1)", u.p(), "no test (n=1): judged by threshold only");
        }
        HodgesLehmann.Change hl = HodgesLehmann.relativeChange(a, b, options.confidence());
        String test = "mann-whitney (" + (u.exact() ? "exact" : "normal approximation") + ")";
        if (!u.allEqual()
                && (ma <= 0
                        || mb <= 0
                        || Arrays.stream(a).anyMatch(v -> v <= 0)
                        || Arrays.stream(b).anyMatch(v -> v <= 0))) {
            // equal samples (an error rate of 0 in every run of both sides) need no scale: they are unchanged
            return rb.undecided(
                    "values of 0 or less: the change is judged on the log scale, which needs positive " + "values");
        }
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
            return new PendingRow(
                    build(change, meanChange, Double.NaN, Double.NaN, test, p, null, reason), false, Double.NaN);
        }

        PendingRow undecided(String reason) {
            return new PendingRow(
                    build(
                            Double.NaN,
                            Double.NaN,
                            Double.NaN,
                            Double.NaN,
                            "none",
                            Double.NaN,
                            Verdict.INCONCLUSIVE,
                            reason),
                    false,
                    Double.NaN);
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
                        m == null ? "status" : m.name(),
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
