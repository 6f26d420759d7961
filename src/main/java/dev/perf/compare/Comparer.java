package dev.perf.compare;

import dev.perf.compare.Comparison.EnvironmentDifference;
import dev.perf.compare.Comparison.Row;
import dev.perf.compare.Comparison.Side;
import dev.perf.result.BenchmarkResult;
import dev.perf.result.Better;
import dev.perf.result.Environment;
import dev.perf.result.Loaded;
import dev.perf.result.Metric;
import dev.perf.result.PerfException;
import dev.perf.result.Thresholds;
import dev.perf.stats.Diagnostics;
import dev.perf.stats.HodgesLehmann;
import dev.perf.stats.MannWhitney;
import dev.perf.stats.MedianInterval;
import dev.perf.stats.MultipleTesting;
import dev.perf.stats.Summary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * The {@code compare} capability: pairs the benchmarks and metrics of two inputs and decides each.
 *
 * <p>A regression needs three things at once: a significant difference after multiple-testing adjustment
 * (exact Mann-Whitney U, q ≤ α), a change of the medians in the worse direction beyond the threshold, and
 * a Hodges–Lehmann interval of the change that excludes zero. Direction comes from the metric, so lower
 * throughput and higher time are both regressions. One sample per side (or an exact unit) is judged by
 * threshold alone. Pure and thread-safe.
 */
public final class Comparer {
    private Comparer() {}

    /** Per-row state before the multiple-testing adjustment. */
    private record Pending(Row row, boolean tested, boolean allEqual) {}

    /** Compares {@code current} against {@code base}; bad input when they share no benchmark. */
    public static Comparison compare(Loaded base, Loaded current, CompareOptions options) {
        Map<String, BenchmarkResult> baseByKey = index(base);
        Map<String, BenchmarkResult> currentByKey = index(current);
        if (baseByKey.keySet().stream().noneMatch(currentByKey::containsKey)) {
            throw PerfException.badInput("no benchmark in common between " + base.label() + " and " + current.label()
                    + "; base has: " + names(baseByKey) + "; current has: " + names(currentByKey));
        }
        Thresholds thresholds = current.thresholds();
        // Rows are independent until the multiple-testing adjustment: compute them on every core, in order.
        List<Supplier<Pending>> jobs = new ArrayList<>();
        for (Map.Entry<String, BenchmarkResult> e : baseByKey.entrySet()) {
            BenchmarkResult b = e.getValue();
            BenchmarkResult c = currentByKey.get(e.getKey());
            for (Metric m : b.metrics()) {
                if (MetricClass.of(m.name(), m.unit()) == MetricClass.INFO) {
                    continue; // derived or noisy (gc.count, gc.alloc.rate): shown by run and report, not judged
                }
                Metric other = c == null ? null : c.metric(m.name()).orElse(null);
                jobs.add(
                        () -> row(b, m, other, c == null ? "benchmark" : "metric", base, current, thresholds, options));
            }
            if (b.status() == BenchmarkResult.Status.failed) {
                jobs.add(() -> failedRow(b, "the base run of this benchmark failed", Verdict.INCONCLUSIVE));
            } else if (c != null && c.status() == BenchmarkResult.Status.failed) {
                jobs.add(() -> failedRow(
                        b, "the current run of this benchmark failed: " + firstLine(c.error()), Verdict.FAIL));
            }
            if (c != null) {
                for (Metric m : c.metrics()) {
                    if (b.metric(m.name()).isEmpty() && MetricClass.of(m.name(), m.unit()) != MetricClass.INFO) {
                        jobs.add(() -> newRow(c, m, "metric new in current", thresholds, options));
                    }
                }
            }
        }
        for (Map.Entry<String, BenchmarkResult> e : currentByKey.entrySet()) {
            if (!baseByKey.containsKey(e.getKey())) {
                BenchmarkResult c = e.getValue();
                if (c.status() == BenchmarkResult.Status.failed) {
                    jobs.add(() -> failedRow(
                            c, "benchmark new in current, and it failed: " + firstLine(c.error()), Verdict.NEW));
                }
                for (Metric m : c.metrics()) {
                    if (MetricClass.of(m.name(), m.unit()) != MetricClass.INFO) {
                        jobs.add(() -> newRow(c, m, "benchmark new in current", thresholds, options));
                    }
                }
            }
        }
        List<Pending> pending = jobs.parallelStream().map(Supplier::get).toList();
        List<Row> rows = decide(pending, options);
        return new Comparison(
                base.label(),
                current.label(),
                options.alpha(),
                options.adjustment().name().toLowerCase(Locale.ROOT),
                options.confidence(),
                rows,
                geomean(
                        rows.stream()
                                .filter(r -> r.metricClass() == MetricClass.TIME)
                                .toList(),
                        options.confidence()),
                environmentDifferences(base, current));
    }

    private static Map<String, BenchmarkResult> index(Loaded input) {
        Map<String, BenchmarkResult> byKey = new LinkedHashMap<>();
        for (BenchmarkResult b : input.benchmarks()) {
            byKey.putIfAbsent(b.displayName(), b);
        }
        return byKey;
    }

    private static String names(Map<String, BenchmarkResult> byKey) {
        List<String> names = new ArrayList<>(byKey.keySet());
        return names.isEmpty()
                ? "(none)"
                : String.join(", ", names.size() > 20 ? names.subList(0, 20) : names)
                        + (names.size() > 20 ? ", ... (" + names.size() + " in all)" : "");
    }

    private static Pending row(
            BenchmarkResult benchmark,
            Metric base,
            Metric current,
            String what,
            Loaded baseInput,
            Loaded currentInput,
            Thresholds thresholds,
            CompareOptions options) {
        MetricClass cls = MetricClass.of(base.name(), base.unit());
        Thresholds.Limit limit = options.limitFor(base.name(), cls, thresholds);
        Side baseSide = side(values(base, 1), options.confidence());
        if (current == null) {
            return untested(benchmark, base, cls, limit, baseSide, null, Verdict.MISSING, what + " missing in current");
        }
        double factor = TimeUnits.factor(current.unit(), base.unit());
        if (Double.isNaN(factor)) {
            return untested(
                    benchmark,
                    base,
                    cls,
                    limit,
                    baseSide,
                    side(values(current, 1), options.confidence()),
                    Verdict.INCONCLUSIVE,
                    "units differ: " + base.unit() + " in base, " + current.unit() + " in current");
        }
        double[] a = values(base, 1);
        double[] b = values(current, factor);
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
        MannWhitney.Result u = MannWhitney.test(a, b);
        testNotes(notes, a.length, b.length, u, options.alpha());
        if (a.length == 1 && b.length == 1) {
            return rb.byThreshold(change, meanChange, "none (n=1)", u.p(), "no test (n=1): judged by threshold only");
        }
        HodgesLehmann.Change hl = HodgesLehmann.relativeChange(a, b, options.confidence());
        String test = "mann-whitney (" + (u.exact() ? "exact" : "normal approximation") + ")";
        double minP = 2
                / org.apache.commons.math3.util.CombinatoricsUtils.binomialCoefficientDouble(
                        a.length + b.length, a.length);
        if (minP > options.alpha()) {
            int needed = MannWhitney.samplesNeeded(options.alpha());
            String sizes = a.length == b.length ? "n=" + a.length + " per side" : "n=" + a.length + "+" + b.length;
            return new Pending(
                    rb.build(
                            change,
                            meanChange,
                            hl.lower(),
                            hl.upper(),
                            test,
                            u.p(),
                            Verdict.INCONCLUSIVE,
                            sizes + ": at least " + needed + " are needed to detect any change at α="
                                    + fmt(options.alpha())),
                    false,
                    false);
        }
        return new Pending(
                rb.build(change, meanChange, hl.lower(), hl.upper(), test, u.p(), null, null), true, u.allEqual());
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
                    metric.name(),
                    metric.unit(),
                    metric.better(),
                    cls,
                    limit.warnFraction(),
                    limit.failFraction(),
                    base,
                    current,
                    change,
                    meanChange,
                    lo,
                    hi,
                    test,
                    p,
                    Double.NaN,
                    verdict,
                    reason,
                    notes);
        }

        /** A row judged by its change against the thresholds alone, without a significance test. */
        Pending byThreshold(double change, double meanChange, String test, double p, String reason) {
            return new Pending(build(change, meanChange, Double.NaN, Double.NaN, test, p, null, reason), false, false);
        }

        Pending undecided(String reason) {
            return new Pending(
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
                    false);
        }
    }

    private static Pending failedRow(BenchmarkResult b, String reason, Verdict verdict) {
        return untested(b, null, MetricClass.TIME, null, null, null, verdict, reason);
    }

    /** A row decided without a test: missing, new, failed, incomparable. */
    private static Pending untested(
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
                m == null ? "status" : m.name(),
                m == null ? "" : m.unit(),
                m == null ? Better.LOWER : m.better(),
                cls,
                limit == null ? Double.NaN : limit.warnFraction(),
                limit == null ? Double.NaN : limit.failFraction(),
                base,
                current,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                "none",
                Double.NaN,
                Double.NaN,
                verdict,
                reason,
                List.of());
        return new Pending(r, false, false);
    }

    private static Pending newRow(
            BenchmarkResult c, Metric m, String reason, Thresholds thresholds, CompareOptions options) {
        MetricClass cls = MetricClass.of(m.name(), m.unit());
        Thresholds.Limit limit = options.limitFor(m.name(), cls, thresholds);
        return untested(c, m, cls, limit, null, side(values(m, 1), options.confidence()), Verdict.NEW, reason);
    }

    /** Applies the multiple-testing adjustment over every tested row, then decides each. */
    private static List<Row> decide(List<Pending> pending, CompareOptions options) {
        double[] p = new double[pending.size()];
        for (int i = 0; i < p.length; i++) {
            p[i] = pending.get(i).tested() ? pending.get(i).row().p() : Double.NaN;
        }
        double[] q = MultipleTesting.adjust(p, options.adjustment());
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < p.length; i++) {
            Pending pe = pending.get(i);
            Row r = pe.row();
            if (r.verdict() != null && !pe.tested()) {
                rows.add(r);
                continue;
            }
            Verdict verdict;
            String reason;
            if (!pe.tested()) {
                // judged by threshold only (n=1 or exact unit)
                double worse = worseBy(r.better(), r.change());
                if (r.metricClass() == MetricClass.INFO) {
                    verdict = Verdict.UNCHANGED;
                    reason = r.reason() + "; informational metric, not judged";
                } else if (worse >= r.fail()) {
                    verdict = Verdict.FAIL;
                    reason = r.reason() + "; " + pct(worse) + " worse is beyond the fail threshold " + pct(r.fail());
                } else if (worse >= r.warn()) {
                    verdict = Verdict.WARN;
                    reason = r.reason() + "; " + pct(worse) + " worse is beyond the warn threshold " + pct(r.warn());
                } else if (-worse >= r.warn()) {
                    verdict = Verdict.IMPROVED;
                    reason = r.reason() + "; " + pct(-worse) + " better";
                } else {
                    verdict = Verdict.UNCHANGED;
                    reason = r.reason();
                }
                rows.add(with(r, Double.NaN, verdict, reason));
                continue;
            }
            double qi = q[i];
            boolean significant = qi <= options.alpha();
            double worse = worseBy(r.better(), r.change());
            boolean ciWorse = r.better() == Better.LOWER ? r.changeLower() > 0 : r.changeUpper() < 0;
            boolean ciBetter = r.better() == Better.LOWER ? r.changeUpper() < 0 : r.changeLower() > 0;
            double cv = Math.max(nanToZero(r.base().cv()), nanToZero(r.current().cv()));
            String stats = "p=" + fmt3(r.p()) + ", q=" + fmt3(qi);
            if (pe.allEqual()) {
                verdict = Verdict.UNCHANGED;
                reason = "all samples are equal";
            } else if (significant && worse > 0 && ciWorse && r.metricClass() != MetricClass.INFO) {
                // The far end of the change's interval, in the worse direction.
                double worstCase = r.better() == Better.LOWER ? r.changeUpper() : -r.changeLower();
                if (worse >= r.fail()) {
                    verdict = Verdict.FAIL;
                    reason = pct(worse) + " worse, beyond the fail threshold " + pct(r.fail()) + " (" + stats + ")";
                } else if (worse >= r.warn() && worstCase >= r.fail()) {
                    // Beyond warn, and the interval cannot rule out a change beyond fail: a CI gate errs on the
                    // side of stopping a regression (this is what gives n=10 its power at 25 % with CV 5 %).
                    verdict = Verdict.FAIL;
                    reason = pct(worse) + " worse, beyond the warn threshold " + pct(r.warn())
                            + ", and its interval reaches " + pct(worstCase) + ", beyond the fail threshold "
                            + pct(r.fail()) + " (" + stats + ")";
                } else if (worse >= r.warn()) {
                    verdict = Verdict.WARN;
                    reason = pct(worse) + " worse, beyond the warn threshold " + pct(r.warn()) + " (" + stats + ")";
                } else {
                    verdict = Verdict.UNCHANGED;
                    reason = "significant, but " + pct(worse) + " worse is within the warn threshold " + pct(r.warn())
                            + " (" + stats + ")";
                }
            } else if (significant && worse < 0 && ciBetter) {
                verdict = Verdict.IMPROVED;
                reason = pct(-worse) + " better (" + stats + ")";
            } else if (!significant && cv > options.maxCv()) {
                verdict = Verdict.INCONCLUSIVE;
                reason = "CV " + pct(cv) + " is above " + pct(options.maxCv()) + ": too noisy to call it unchanged ("
                        + stats + "; more forks or iterations help)";
            } else {
                verdict = Verdict.UNCHANGED;
                reason = (significant ? "significant, but the change interval includes zero" : "no significant change")
                        + " (" + stats + ")";
            }
            rows.add(with(r, qi, verdict, reason));
        }
        return rows;
    }

    /** The relative change in the worse direction: positive is worse. */
    static double worseBy(Better better, double change) {
        return better == Better.LOWER ? change : -change;
    }

    private static Row with(Row r, double q, Verdict verdict, String reason) {
        return new Row(
                r.benchmark(),
                r.params(),
                r.metric(),
                r.unit(),
                r.better(),
                r.metricClass(),
                r.warn(),
                r.fail(),
                r.base(),
                r.current(),
                r.change(),
                r.meanChange(),
                r.changeLower(),
                r.changeUpper(),
                r.test(),
                r.p(),
                q,
                verdict,
                reason,
                r.notes());
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
            notes.add("need >= " + needed + " samples per side to detect a difference at α=" + fmt(alpha));
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
            notes.add(
                    "exact distribution expected, but " + which + " values range from " + fmt(min) + " to " + fmt(max));
        }
    }

    private static void intervalNote(List<String> notes, Side side, double confidence) {
        if (side.n() > 0 && (Double.isInfinite(side.medianLower()) || Double.isInfinite(side.medianUpper()))) {
            String note = "need >= " + MedianInterval.samplesNeeded(confidence)
                    + " samples for a confidence interval of the median at " + fmt(confidence * 100) + "%";
            if (!notes.contains(note)) {
                notes.add(note);
            }
        }
    }

    private static double[] values(Metric m, double factor) {
        return m.samples().stream()
                .flatMap(List::stream)
                .mapToDouble(v -> v * factor)
                .toArray();
    }

    private static int nonFinite(double[] x) {
        return (int) Arrays.stream(x).filter(v -> !Double.isFinite(v)).count();
    }

    /**
     * Geometric mean of the ratios current/base of {@code rows} (throughput inverted, so above 0 is slower),
     * with a t-interval over the log ratios. 0/0 counts as a ratio of 1; x/0 makes it undefined.
     */
    public static Comparison.Geomean geomean(List<Row> rows, double confidence) {
        List<Double> logs = new ArrayList<>();
        boolean undefined = false;
        boolean nonPositive = false;
        int count = 0;
        for (Row r : rows) {
            if (r.base() == null
                    || r.current() == null
                    || r.base().n() == 0
                    || r.current().n() == 0) {
                continue;
            }
            double a = r.base().median();
            double b = r.current().median();
            count++;
            if (!(a > 0) || !(b > 0)) {
                nonPositive = true;
                if (a == 0 && b == 0) {
                    logs.add(0.0);
                } else {
                    undefined = true;
                }
                continue;
            }
            double log = Math.log(b / a);
            logs.add(r.better() == Better.HIGHER ? -log : log);
        }
        String note = nonPositive ? "medians must be > 0 to compute a geomean" : null;
        if (count == 0 || undefined) {
            return new Comparison.Geomean(count, Double.NaN, Double.NaN, Double.NaN, note);
        }
        int n = logs.size();
        double mean = logs.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        if (n < 2 || nonPositive) {
            return new Comparison.Geomean(n, Math.expm1(mean), Double.NaN, Double.NaN, note);
        }
        double var = logs.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum() / (n - 1);
        double half = new TDistribution(null, n - 1).inverseCumulativeProbability(1 - (1 - confidence) / 2)
                * Math.sqrt(var / n);
        return new Comparison.Geomean(n, Math.expm1(mean), Math.expm1(mean - half), Math.expm1(mean + half), null);
    }

    private static List<EnvironmentDifference> environmentDifferences(Loaded base, Loaded current) {
        List<EnvironmentDifference> out = new ArrayList<>();
        diff(out, "perfVersion", base.perfVersion(), current.perfVersion());
        Environment a = base.environment();
        Environment b = current.environment();
        if (a == null || b == null) {
            return out;
        }
        diff(out, "cpuModel", a.cpuModel(), b.cpuModel());
        diff(out, "logicalCores", a.logicalCores(), b.logicalCores());
        diff(out, "memoryBytes", a.memoryBytes(), b.memoryBytes());
        diff(out, "os", a.os(), b.os());
        diff(out, "governor", a.governor(), b.governor());
        diff(out, "container", a.container(), b.container());
        if (a.jvm() != null && b.jvm() != null) {
            diff(out, "jvm.vendor", a.jvm().vendor(), b.jvm().vendor());
            diff(out, "jvm.version", a.jvm().version(), b.jvm().version());
        }
        return out;
    }

    private static void diff(List<EnvironmentDifference> out, String field, Object a, Object b) {
        if (a != null && b != null && !Objects.equals(a, b)) {
            out.add(new EnvironmentDifference(field, String.valueOf(a), String.valueOf(b)));
        }
    }

    private static double nanToZero(double v) {
        return Double.isNaN(v) ? 0 : v;
    }

    static String pct(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", fraction * 100);
    }

    private static String fmt(double v) {
        return new java.math.BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
    }

    private static String fmt3(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }
}
