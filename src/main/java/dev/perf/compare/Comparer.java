package dev.perf.compare;

import dev.perf.compare.Comparison.EnvironmentDifference;
import dev.perf.compare.Comparison.Row;
import dev.perf.result.BenchmarkResult;
import dev.perf.result.Better;
import dev.perf.result.Environment;
import dev.perf.result.JmhJson;
import dev.perf.result.Loaded;
import dev.perf.result.Metric;
import dev.perf.result.PerfException;
import dev.perf.result.Thresholds;
import dev.perf.stats.GeometricMean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.function.Supplier;

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
     * Compares {@code current} against {@code base}; bad input when they share no benchmark. Thresholds come
     * from the base (or the command line), never from the run under test.
     */
    public static Comparison compare(Loaded base, Loaded current, CompareOptions options) {
        Set<String> multiMode = Pairing.multiMode(base, current);
        Map<String, String> shared = Pairing.sharedContext(base, current);
        Set<String> pooledBase = new TreeSet<>();
        Set<String> pooledCurrent = new TreeSet<>();
        Map<String, BenchmarkResult> baseByKey = Pairing.index(base, multiMode, shared, pooledBase);
        Map<String, BenchmarkResult> currentByKey = Pairing.index(current, multiMode, shared, pooledCurrent);
        if (baseByKey.keySet().stream().noneMatch(currentByKey::containsKey)) {
            String tools = base.format().equals(current.format())
                    ? ""
                    : " (" + base.label() + " is " + base.format() + ", " + current.label() + " is " + current.format()
                            + ": results of different tools cannot be compared)";
            throw PerfException.badInput("no benchmark in common between " + base.label() + " and " + current.label()
                    + tools + "; base has: " + Pairing.names(baseByKey) + "; current has: "
                    + Pairing.names(currentByKey));
        }
        Thresholds thresholds = base.thresholds();
        // Rows are independent until the multiple-testing adjustment: compute them on every core, in order.
        List<Supplier<PendingRow>> jobs = new ArrayList<>();
        for (Map.Entry<String, BenchmarkResult> e : baseByKey.entrySet()) {
            BenchmarkResult b = e.getValue();
            BenchmarkResult c = currentByKey.get(e.getKey());
            boolean baseFailed = b.status() == BenchmarkResult.Status.failed;
            boolean currentFailed = c != null && c.status() == BenchmarkResult.Status.failed;
            if (currentFailed) {
                // a failed benchmark fails the gate, whatever its metrics (a command that exited 1 in every run
                // is not "improved" for having been quick)
                jobs.add(() -> MetricRows.failedRow(
                        b,
                        (baseFailed ? "failed in the base and again in the current run: " : "the current run failed: ")
                                + firstLine(c.error()),
                        Verdict.FAIL));
                continue;
            }
            if (baseFailed) {
                jobs.add(() -> MetricRows.failedRow(
                        b,
                        "the base run of this benchmark failed (" + firstLine(b.error())
                                + "): nothing to compare against",
                        Verdict.INCONCLUSIVE));
            }
            boolean wholeRun = c != null && windows(b) && windows(c);
            if (wholeRun) {
                jobs.addAll(WholeRun.jobs(b, c, thresholds, options));
            }
            for (Metric m : b.metrics()) {
                if (MetricClass.of(m.name(), m.unit()) == MetricClass.INFO) {
                    continue; // derived or noisy (gc.count, gc.alloc.rate): shown by run and report, not judged
                }
                if (wholeRun && WholeRun.METRICS.contains(m.name())) {
                    continue; // judged on the whole-run histograms above, never on per-second windows
                }
                Metric other = c == null ? null : c.metric(m.name()).orElse(null);
                if ("jmh".equals(b.kind())
                        && !m.name().equals("score")
                        && !JmhJson.directionKnown(m.name(), m.unit())) {
                    jobs.add(() -> MetricRows.untested(
                            b,
                            m,
                            MetricClass.of(m.name(), m.unit()),
                            null,
                            null,
                            null,
                            Verdict.INCONCLUSIVE,
                            "whether more or less " + m.unit() + " is better is unknown (a count of events?): not"
                                    + " judged"));
                    continue;
                }
                jobs.add(() -> MetricRows.paired(
                        b,
                        m,
                        other,
                        c == null
                                ? "benchmark missing from current" + Pairing.unpaired(b, currentByKey, "current")
                                : "metric missing from current",
                        base,
                        current,
                        thresholds,
                        options));
            }
            if (c != null) {
                for (Metric m : c.metrics()) {
                    if (b.metric(m.name()).isEmpty() && MetricClass.of(m.name(), m.unit()) != MetricClass.INFO) {
                        jobs.add(() -> MetricRows.newRow(c, m, "metric new in current", thresholds, options));
                    }
                }
            }
        }
        for (Map.Entry<String, BenchmarkResult> e : currentByKey.entrySet()) {
            if (!baseByKey.containsKey(e.getKey())) {
                BenchmarkResult c = e.getValue();
                if (c.status() == BenchmarkResult.Status.failed) {
                    jobs.add(() -> MetricRows.failedRow(
                            c, "benchmark new in current, and it failed: " + firstLine(c.error()), Verdict.FAIL));
                    continue;
                }
                for (Metric m : c.metrics()) {
                    if (MetricClass.of(m.name(), m.unit()) != MetricClass.INFO) {
                        jobs.add(() -> MetricRows.newRow(
                                c,
                                m,
                                "benchmark new in current" + Pairing.unpaired(c, baseByKey, "base"),
                                thresholds,
                                options));
                    }
                }
            }
        }
        Predicate<Row> kept = options.rowFilter();
        List<PendingRow> pending = jobs.parallelStream()
                .map(Supplier::get)
                .filter(r -> kept.test(r.row()))
                .toList();
        if (pending.isEmpty() && options.filter() != null) {
            throw PerfException.usage("--filter " + options.filter() + " matches no row of " + base.label() + " and "
                    + current.label() + "; it is found in benchmark names (with parameters), metrics and NAME=VALUE"
                    + " parameters; benchmarks are: " + Pairing.names(baseByKey));
        }
        List<Row> rows = VerdictPolicy.settle(pending, options).stream()
                .map(r -> pooledNote(r, pooledBase, pooledCurrent))
                .toList();
        return new Comparison(
                base.label(),
                current.label(),
                options.alpha(),
                options.adjustment().name().toLowerCase(Locale.ROOT),
                options.confidence(),
                rows,
                geomean(geomeanRows(rows), options.confidence()),
                environmentDifferences(base, current));
    }

    /** Whether a load loop's metric samples are per-second windows of one run (not repeated runs). */
    static boolean windows(BenchmarkResult r) {
        return r.load() != null && "per-second windows".equals(r.load().samplesAre());
    }

    /**
     * The rows the geomean covers: every judged row with both sides (a ratio has no unit, so ns/op, B/op and a
     * load loop's milliseconds all count; throughput and other higher-is-better rows inverted).
     */
    static List<Row> geomeanRows(List<Row> rows) {
        return rows.stream()
                .filter(r -> r.metricClass() != MetricClass.INFO && r.base() != null && r.current() != null)
                .toList();
    }

    /** {@code r} with a note when its benchmark had several entries in an input that were pooled. */
    private static Row pooledNote(Row r, Set<String> pooledBase, Set<String> pooledCurrent) {
        List<String> sides = new ArrayList<>();
        if (pooledBase.contains(r.displayName())) {
            sides.add("base");
        }
        if (pooledCurrent.contains(r.displayName())) {
            sides.add("current");
        }
        return sides.isEmpty()
                ? r
                : r.withNote("the " + String.join(" and ", sides) + " held this benchmark more than once: its entries"
                        + " were pooled (their forks or runs side by side)");
    }

    /**
     * Geometric mean of the ratios current/base of the medians of {@code rows} (throughput inverted, so above
     * 0 is slower), with a t-interval over the log ratios; see {@link GeometricMean}.
     */
    public static Comparison.Geomean geomean(List<Row> rows, double confidence) {
        List<Row> paired = rows.stream()
                .filter(r -> r.base() != null
                        && r.current() != null
                        && r.base().n() > 0
                        && r.current().n() > 0)
                .toList();
        boolean[] higherIsBetter = new boolean[paired.size()];
        for (int i = 0; i < higherIsBetter.length; i++) {
            higherIsBetter[i] = paired.get(i).better() == Better.HIGHER;
        }
        GeometricMean g = GeometricMean.of(
                paired.stream().mapToDouble(r -> r.base().median()).toArray(),
                paired.stream().mapToDouble(r -> r.current().median()).toArray(),
                higherIsBetter,
                confidence);
        return new Comparison.Geomean(g.count(), g.change(), g.lower(), g.upper(), g.note());
    }

    private static List<EnvironmentDifference> environmentDifferences(Loaded base, Loaded current) {
        List<EnvironmentDifference> out = new ArrayList<>();
        diff(out, "perfVersion", base.perfVersion(), current.perfVersion());
        if (base.thresholds() != null
                && current.thresholds() != null
                && !base.thresholds().equals(current.thresholds())) {
            out.add(new EnvironmentDifference(
                    "thresholds (the base's are used)", describe(base.thresholds()), describe(current.thresholds())));
        }
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
        diff(out, "limits", Environment.Limits.describe(a.limits()), Environment.Limits.describe(b.limits()));
        if (a.jvm() != null && b.jvm() != null) {
            diff(out, "jvm.vendor", a.jvm().vendor(), b.jvm().vendor());
            diff(out, "jvm.version", a.jvm().version(), b.jvm().version());
        }
        if (a.forks() != null && b.forks() != null) {
            diff(out, "forks.jmhVersion", a.forks().jmhVersion(), b.forks().jmhVersion());
            diff(out, "forks.jdkVersion", a.forks().jdkVersion(), b.forks().jdkVersion());
            diff(
                    out,
                    "forks.vm",
                    a.forks().vmName() + " " + a.forks().vmVersion(),
                    b.forks().vmName() + " " + b.forks().vmVersion());
            diff(
                    out,
                    "forks.jvmArgs",
                    flags(a.forks().jvmArgs()),
                    flags(b.forks().jvmArgs()));
        }
        return out;
    }

    /** JVM flags as typed, {@code none} for none (an empty side of a difference would read as a typo). */
    private static String flags(java.util.List<String> args) {
        return args.isEmpty() ? "none" : String.join(" ", args);
    }

    private static String describe(Thresholds t) {
        return "time " + t.time().warn() + "/" + t.time().fail() + ", tail "
                + t.tail().warn() + "/" + t.tail().fail() + ", memory "
                + t.memory().warn() + "/" + t.memory().fail();
    }

    private static void diff(List<EnvironmentDifference> out, String field, Object a, Object b) {
        if (a != null && b != null && !Objects.equals(a, b)) {
            out.add(new EnvironmentDifference(field, String.valueOf(a), String.valueOf(b)));
        }
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }
}
