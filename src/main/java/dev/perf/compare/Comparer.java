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

    /**
     * Per-row state before the optional adjustment across rows.
     *
     * @param row the row; its verdict is null when it is judged by threshold alone
     * @param tested whether the row was decided by the policy's tests
     * @param decisiveP p of the threshold-shifted test behind a fail, warn or improved verdict, else NaN
     */
    private record Pending(Row row, boolean tested, double decisiveP) {}

    /** Compares {@code current} against {@code base}; bad input when they share no benchmark. */
    public static Comparison compare(Loaded base, Loaded current, CompareOptions options) {
        java.util.Set<String> multiMode = multiMode(base, current);
        Map<String, BenchmarkResult> baseByKey = index(base, multiMode);
        Map<String, BenchmarkResult> currentByKey = index(current, multiMode);
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
            boolean wholeRun = c != null && windows(b) && windows(c);
            if (wholeRun) {
                jobs.addAll(wholeRunJobs(b, c, thresholds, options));
            }
            for (Metric m : b.metrics()) {
                if (MetricClass.of(m.name(), m.unit()) == MetricClass.INFO) {
                    continue; // derived or noisy (gc.count, gc.alloc.rate): shown by run and report, not judged
                }
                if (wholeRun && WHOLE_RUN_METRICS.contains(m.name())) {
                    continue; // judged on the whole-run histograms above, never on per-second windows
                }
                Metric other = c == null ? null : c.metric(m.name()).orElse(null);
                jobs.add(() -> row(
                        b,
                        m,
                        other,
                        c == null ? "benchmark" + unpaired(b, currentByKey, "current") : "metric",
                        base,
                        current,
                        thresholds,
                        options));
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
                        jobs.add(() -> newRow(
                                c,
                                m,
                                "benchmark new in current" + unpaired(c, baseByKey, "base"),
                                thresholds,
                                options));
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
                geomean(timeRowsOfOneUnit(rows), options.confidence()),
                environmentDifferences(base, current));
    }

    /** Metrics of a single load run that are judged on its whole-run histograms and counters. */
    private static final java.util.Set<String> WHOLE_RUN_METRICS =
            java.util.Set.of("throughput", "p50", "mean", "p99", "p99.9", "max", "errorRate");

    /** Whether a load loop's metric samples are per-second windows of one run (not repeated runs). */
    static boolean windows(BenchmarkResult r) {
        return r.load() != null && "per-second windows".equals(r.load().samplesAre());
    }

    private static List<Supplier<Pending>> wholeRunJobs(
            BenchmarkResult b, BenchmarkResult c, Thresholds thresholds, CompareOptions options) {
        Thresholds.Limit tail = options.limitFor("p99", MetricClass.TAIL, thresholds);
        Thresholds.Limit time = options.limitFor("p50", MetricClass.TIME, thresholds);
        Thresholds.Limit errors = options.limitFor("errorRate", MetricClass.TIME, thresholds);
        return List.of(
                () -> wholeRunRow(
                        b,
                        "throughput",
                        "ops/s",
                        MetricClass.TIME,
                        time,
                        WholeRun.centre("throughput", true, b.load(), c.load(), time)),
                () -> wholeRunRow(
                        b,
                        "p50",
                        "ms",
                        MetricClass.TIME,
                        time,
                        WholeRun.centre("p50", false, b.load(), c.load(), time)),
                () -> wholeRunRow(
                        b,
                        "p99",
                        "ms",
                        MetricClass.TAIL,
                        tail,
                        WholeRun.quantile("p99", 0.99, b.load(), c.load(), tail)),
                () -> wholeRunRow(
                        b,
                        "p99.9",
                        "ms",
                        MetricClass.TAIL,
                        tail,
                        WholeRun.quantile("p99.9", 0.999, b.load(), c.load(), tail)),
                () -> wholeRunRow(b, "max", "ms", MetricClass.TAIL, tail, WholeRun.max(b.load(), c.load(), tail)),
                () -> wholeRunRow(
                        b,
                        "errorRate",
                        "%",
                        MetricClass.TIME,
                        errors,
                        WholeRun.errorRate(b.load(), c.load(), errors, options.alpha())));
    }

    private static Pending wholeRunRow(
            BenchmarkResult b,
            String metric,
            String unit,
            MetricClass cls,
            Thresholds.Limit limit,
            WholeRun.Decided d) {
        Row r = new Row(
                b.name(),
                b.params(),
                metric,
                unit,
                metric.equals("throughput") ? Better.HIGHER : Better.LOWER,
                cls,
                limit.warnFraction(),
                limit.failFraction(),
                d.base(),
                d.current(),
                d.change(),
                d.change(),
                Double.NaN,
                Double.NaN,
                "whole-run histogram",
                d.p(),
                Double.NaN,
                d.verdict(),
                d.reason(),
                List.of("one run per side: judged on the whole-run histogram; --repeat N gives replicates"));
        return new Pending(r, false, Double.NaN);
    }

    /**
     * Benchmarks by {@link BenchmarkResult#key()} (name, parameters and JMH mode: modes are never paired with
     * each other). A name that appears in several modes shows its mode as a parameter, e.g. {@code
     * Bench.x(mode=thrpt)}, so that its rows can be told apart.
     */
    private static Map<String, BenchmarkResult> index(Loaded input, java.util.Set<String> multiMode) {
        Map<String, BenchmarkResult> byKey = new LinkedHashMap<>();
        for (BenchmarkResult b : input.benchmarks()) {
            byKey.putIfAbsent(b.key(), multiMode.contains(b.kind() + "\u0000" + b.displayName()) ? withMode(b) : b);
        }
        return byKey;
    }

    /** Kind and display name of every benchmark that appears in more than one mode across the inputs. */
    private static java.util.Set<String> multiMode(Loaded... inputs) {
        Map<String, java.util.Set<String>> modes = new LinkedHashMap<>();
        for (Loaded input : inputs) {
            for (BenchmarkResult b : input.benchmarks()) {
                modes.computeIfAbsent(b.kind() + "\u0000" + b.displayName(), k -> new java.util.TreeSet<>())
                        .add(String.valueOf(b.mode()));
            }
        }
        java.util.Set<String> out = new java.util.HashSet<>();
        modes.forEach((name, m) -> {
            if (m.size() > 1) {
                out.add(name);
            }
        });
        return out;
    }

    /** The name a report shows for {@code b}: with its mode when {@code all} has it in several modes. */
    public static String shownName(BenchmarkResult b, List<BenchmarkResult> all) {
        boolean several = all.stream()
                .anyMatch(o -> o.kind().equals(b.kind())
                        && o.displayName().equals(b.displayName())
                        && !java.util.Objects.equals(o.mode(), b.mode()));
        return several ? withMode(b).displayName() : b.displayName();
    }

    private static BenchmarkResult withMode(BenchmarkResult b) {
        Map<String, String> params = new LinkedHashMap<>(b.params());
        params.put("mode", String.valueOf(b.mode()));
        return new BenchmarkResult(b.name(), b.kind(), b.mode(), params, b.status(), b.error(), b.metrics(), b.load());
    }

    /** Why a benchmark has no partner: the other input has it in another mode, or not at all. */
    private static String unpaired(BenchmarkResult b, Map<String, BenchmarkResult> other, String side) {
        List<String> modes = other.values().stream()
                .filter(o -> o.kind().equals(b.kind()) && plainName(o).equals(plainName(b)))
                .map(o -> String.valueOf(o.mode()))
                .toList();
        return modes.isEmpty()
                ? ""
                : " (" + side + " has it in mode " + String.join(", ", modes) + " only: results of different modes "
                        + "are not paired)";
    }

    /** Name and parameters without the mode that {@link #withMode} shows. */
    private static String plainName(BenchmarkResult b) {
        Map<String, String> params = new java.util.TreeMap<>(b.params());
        params.remove("mode");
        return BenchmarkResult.displayName(b.name(), params);
    }

    private static String names(Map<String, BenchmarkResult> byKey) {
        List<String> names =
                byKey.values().stream().map(BenchmarkResult::displayName).toList();
        return names.isEmpty()
                ? "(none)"
                : String.join(", ", names.size() > 20 ? names.subList(0, 20) : names)
                        + (names.size() > 20 ? ", ... (" + names.size() + " in all)" : "");
    }

    private static Pending row(
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
            return new Pending(
                    rb.build(
                            ma == mb ? 0 : ma == 0 ? Double.NaN : mb / ma - 1,
                            Double.NaN,
                            Double.NaN,
                            Double.NaN,
                            "none (noise floor)",
                            Double.NaN,
                            Verdict.UNCHANGED,
                            "the medians differ by " + fmt(Math.abs(mb - ma)) + " " + base.unit()
                                    + ", below the noise floor of " + fmt(floor) + " " + base.unit()),
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
            return new Pending(
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
        if (ma <= 0
                || mb <= 0
                || Arrays.stream(a).anyMatch(v -> v <= 0)
                || Arrays.stream(b).anyMatch(v -> v <= 0)) {
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
        return new Pending(
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
            return new Pending(
                    build(change, meanChange, Double.NaN, Double.NaN, test, p, null, reason), false, Double.NaN);
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
                    Double.NaN);
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
        return new Pending(r, false, Double.NaN);
    }

    private static Pending newRow(
            BenchmarkResult c, Metric m, String reason, Thresholds thresholds, CompareOptions options) {
        MetricClass cls = MetricClass.of(m.name(), m.unit());
        Thresholds.Limit limit = options.limitFor(m.name(), cls, thresholds);
        return untested(c, m, cls, limit, null, side(replicates(c, m, 1), options.confidence()), Verdict.NEW, reason);
    }

    /**
     * Judges the rows without a test by threshold, and applies the optional adjustment across rows to the
     * tested ones: with {@code --adjust bh|holm} a fail, warn or improved verdict whose adjusted p exceeds α
     * becomes inconclusive. The calibrated default is no adjustment (the threshold margins give the
     * family-wise control, see {@link VerdictPolicy}).
     */
    private static List<Row> decide(List<Pending> pending, CompareOptions options) {
        double[] p = new double[pending.size()];
        for (int i = 0; i < p.length; i++) {
            p[i] = pending.get(i).decisiveP();
        }
        double[] q = MultipleTesting.adjust(p, options.adjustment());
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < p.length; i++) {
            Pending pe = pending.get(i);
            Row r = pe.row();
            if (pe.tested()) {
                if (!Double.isNaN(q[i]) && q[i] > options.alpha()) {
                    rows.add(with(
                            r,
                            q[i],
                            Verdict.INCONCLUSIVE,
                            r.reason() + "; but not after "
                                    + options.adjustment().name().toLowerCase(Locale.ROOT)
                                    + " adjustment across rows (adjusted p=" + fmt3(q[i]) + ")"));
                } else {
                    rows.add(with(r, q[i], r.verdict(), r.reason()));
                }
                continue;
            }
            if (r.verdict() != null) {
                rows.add(r);
                continue;
            }
            // judged by threshold only (n=1 or exact unit)
            double worse = VerdictPolicy.worseBy(r.better(), r.change());
            Verdict verdict;
            String reason;
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
        }
        return rows;
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

    /**
     * The rows the geomean covers: time-class rows in the unit most of them have (ties: the first seen), so a
     * geomean never mixes ns/op with ops/s or a load loop's milliseconds; a unit converted from another time
     * unit (us/op against ns/op) counts as the base's.
     */
    static List<Row> timeRowsOfOneUnit(List<Row> rows) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Row r : rows) {
            if (r.metricClass() == MetricClass.TIME && r.base() != null && r.current() != null) {
                counts.merge(r.unit(), 1, Integer::sum);
            }
        }
        String unit = counts.entrySet().stream()
                .max(java.util.Comparator.comparingInt(Map.Entry::getValue))
                .map(Map.Entry::getKey)
                .orElse(null);
        return rows.stream()
                .filter(r -> r.metricClass() == MetricClass.TIME && r.unit().equals(unit))
                .toList();
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
