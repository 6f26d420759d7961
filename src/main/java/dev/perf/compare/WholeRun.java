package dev.perf.compare;

import dev.perf.compare.Comparison.Row;
import dev.perf.compare.Comparison.Side;
import dev.perf.result.BenchmarkResult;
import dev.perf.result.Better;
import dev.perf.result.HistogramCodec;
import dev.perf.result.LoadDetails;
import dev.perf.result.Numbers;
import dev.perf.result.Thresholds;
import dev.perf.stats.Diagnostics;
import dev.perf.stats.MannWhitney;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;
import org.apache.commons.math3.special.Erf;

/**
 * The decision rule for two single load runs (no {@code --repeat}): values come from the whole-run
 * histograms and counters; the decisions are made so that one short stall in either run decides nothing.
 *
 * <ul>
 *   <li><b>Validity first</b>: a run that was generator-bound, dropped operations, or kept completing them
 *       more than a second past its schedule measured perf or its backlog, not the service. Such a current run
 *       is {@code invalid} (it fails the gate); such a base makes every row inconclusive.
 *   <li><b>Latency</b> (p50, p99, p99.9): each run is cut into windows of consecutive seconds holding enough
 *       responses for the quantile (10 beyond it, at least 3 windows per side), and the windows' quantiles
 *       of both runs are decided by {@link VerdictPolicy} like replicates: a stall fills one or two windows
 *       of dozens and moves no rank test, while a slowdown of every response moves them all. The row shows the
 *       whole-run values; the reason shows the windows.
 *   <li><b>Throughput</b> against the base by the thresholds (a service that carries 30 % less fails), and
 *       against the rate the schedule asked for: falling short of it by more than the fail threshold fails.
 *   <li><b>Maximum</b>: one response: it warns at ten times the base's, never fails.
 *   <li><b>Error rate</b>: fails when it rose by at least 0.1 percentage point, by more than the fail
 *       threshold relative to the base, and a one-sided two-proportion z-test gives p ≤ α.
 * </ul>
 *
 * Pure and thread-safe.
 */
final class WholeRun {
    private WholeRun() {}

    /** Metrics of a single load run that are judged on its whole-run histograms and counters. */
    static final Set<String> METRICS = Set.of("throughput", "p50", "mean", "p99", "p99.9", "max", "errorRate");

    /** The metric of the one row that stands for all of {@link #METRICS} when a run is invalid. */
    static final String VALIDITY = "validity";

    /** A decided whole-run row: the two sides, the change and the decision. */
    record Decided(Side base, Side current, double change, Verdict verdict, String reason, double p) {}

    /** The rows of two single load runs, one job per whole-run metric. */
    static List<Supplier<PendingRow>> jobs(
            BenchmarkResult b, BenchmarkResult c, Thresholds thresholds, CompareOptions options) {
        Thresholds.Limit tail = options.limitFor("p99", MetricClass.TAIL, thresholds);
        Thresholds.Limit time = options.limitFor("p50", MetricClass.TIME, thresholds);
        Thresholds.Limit errors = options.limitFor("errorRate", MetricClass.TIME, thresholds);
        String currentInvalid = invalid(c.load());
        String baseInvalid = invalid(b.load());
        if (currentInvalid != null || baseInvalid != null) {
            Verdict verdict = currentInvalid != null ? Verdict.INVALID : Verdict.INCONCLUSIVE;
            String reason = currentInvalid != null
                    ? "the current run is invalid: " + currentInvalid + "; its figures are not the service's"
                    : "the base run is invalid: " + baseInvalid + "; re-run the base to compare against it";
            return List.of(() -> row(
                    b,
                    VALIDITY,
                    "",
                    MetricClass.TIME,
                    time,
                    new Decided(null, null, Double.NaN, verdict, reason, Double.NaN)));
        }
        return List.of(
                () -> row(b, "throughput", "ops/s", MetricClass.TIME, time, throughput(b.load(), c.load(), time)),
                () -> row(
                        b,
                        "p50",
                        "ms",
                        MetricClass.TIME,
                        time,
                        quantile("p50", 0.50, b.load(), c.load(), time, options.alpha())),
                () -> row(
                        b,
                        "p99",
                        "ms",
                        MetricClass.TAIL,
                        tail,
                        quantile("p99", 0.99, b.load(), c.load(), tail, options.alpha())),
                () -> row(
                        b,
                        "p99.9",
                        "ms",
                        MetricClass.TAIL,
                        tail,
                        quantile("p99.9", 0.999, b.load(), c.load(), tail, options.alpha())),
                () -> row(b, "max", "ms", MetricClass.TAIL, tail, max(b.load(), c.load(), tail)),
                () -> row(
                        b,
                        "errorRate",
                        "%",
                        MetricClass.TIME,
                        errors,
                        errorRate(b.load(), c.load(), errors, options.alpha())));
    }

    private static PendingRow row(
            BenchmarkResult b, String metric, String unit, MetricClass cls, Thresholds.Limit limit, Decided d) {
        Row r = new Row(
                b.name(),
                b.params(),
                new Comparison.Measure(
                        metric,
                        unit,
                        metric.equals("throughput") ? Better.HIGHER : Better.LOWER,
                        cls,
                        limit.warnFraction(),
                        limit.failFraction()),
                d.base(),
                d.current(),
                new Comparison.Delta(d.change(), d.change(), Double.NaN, Double.NaN),
                new Comparison.Testing("whole-run histogram", d.p(), Double.NaN),
                new Comparison.Decision(
                        d.verdict(),
                        d.reason(),
                        List.of("one run per side: judged on the whole-run histogram; --repeat N gives replicates")));
        return new PendingRow(r, false, Double.NaN);
    }

    /**
     * Why a run's figures are not the service's, or null when they are: generator-bound, dropped operations,
     * or operations completed more than a second past the schedule's end (a backlog sent late).
     */
    static String invalid(LoadDetails d) {
        List<String> why = new ArrayList<>();
        if (d.generatorBound()) {
            why.add("generator-bound"
                    + (d.generatorBoundReason() == null ? "" : " (" + d.generatorBoundReason() + ")"));
        }
        if (d.counters().dropped() > 0) {
            why.add(d.counters().dropped() + " of " + d.counters().scheduled()
                    + " scheduled operations were dropped, never sent");
        }
        long scheduledSeconds = (long) Math.ceil(d.durationNanos() / 1e9);
        long late = d.timeSeries().stream()
                .filter(s -> s.second() > scheduledSeconds && s.ratePerSec() > 0)
                .count();
        if (late > 0) {
            why.add("it kept completing operations " + late + " s past its " + scheduledSeconds
                    + " s schedule (a backlog sent late)");
        }
        return why.isEmpty() ? null : String.join("; ", why);
    }

    /** Above this robust CV of the windows a warn or an improvement is inconclusive. */
    static final double NOISY_WINDOWS = 0.25;

    /** Responses beyond the quantile each window needs for its quantile to mean something. */
    static final int BEYOND_PER_WINDOW = 10;

    /**
     * Decides quantile {@code q} of the response time on windows of consecutive seconds (values in ms; the
     * whole-run values shown).
     */
    static Decided quantile(
            String metric, double q, LoadDetails base, LoadDetails current, Thresholds.Limit limit, double alpha) {
        double b = base.overall().getOrDefault(metric, Double.NaN);
        double c = current.overall().getOrDefault(metric, Double.NaN);
        Side sb = side(histogram(base), b);
        Side sc = side(histogram(current), c);
        if (Double.isNaN(b) || Double.isNaN(c) || b <= 0) {
            return new Decided(sb, sc, Double.NaN, Verdict.INCONCLUSIVE, "no " + metric + " on both sides", Double.NaN);
        }
        double change = c / b - 1;
        long perWindow = (long) Math.ceil(BEYOND_PER_WINDOW / Math.min(q, 1 - q));
        double[] wb = windows(base, q, perWindow);
        double[] wc = windows(current, q, perWindow);
        int needed = VerdictPolicy.samplesNeeded(alpha);
        if (wb.length < needed || wc.length < needed) {
            return new Decided(
                    sb,
                    sc,
                    change,
                    Verdict.INCONCLUSIVE,
                    "too few responses for " + metric + ": " + wb.length + " and " + wc.length + " windows of "
                            + perWindow + " responses; at least " + needed + " per side are needed (a longer run"
                            + " or a higher rate)",
                    Double.NaN);
        }
        if (Arrays.stream(wb).anyMatch(v -> !(v > 0)) || Arrays.stream(wc).anyMatch(v -> !(v > 0))) {
            return new Decided(
                    sb, sc, change, Verdict.INCONCLUSIVE, "a window's " + metric + " is 0: no scale", Double.NaN);
        }
        VerdictPolicy.Decision d = VerdictPolicy.decide(
                wb,
                wc,
                Better.LOWER,
                limit.warnFraction(),
                limit.failFraction(),
                alpha,
                Double.POSITIVE_INFINITY,
                MannWhitney.test(wb, wc).p(),
                false);
        double noise = Math.max(Diagnostics.robustCv(wb), Diagnostics.robustCv(wc));
        if ((d.verdict() == Verdict.WARN || d.verdict() == Verdict.IMPROVED) && noise > NOISY_WINDOWS) {
            // the rank test alone flags a few percent of clean runs whose windows scatter by ±30 %; a warn or an
            // improvement needs windows calmer than that (a fail needs twice the shift and stands)
            d = new VerdictPolicy.Decision(
                    Verdict.INCONCLUSIVE,
                    d.reason() + "; but the windows scatter by a robust CV of " + Numbers.percent(noise)
                            + " (above " + Numbers.percent(NOISY_WINDOWS) + "): too noisy to flag on one run per side"
                            + " (--repeat N gives replicates)",
                    Double.NaN);
        }
        double mb = VerdictPolicy.logMedian(wb);
        double mc = VerdictPolicy.logMedian(wc);
        long slowWindows = Arrays.stream(wc)
                .filter(v -> v > mb * (1 + limit.failFraction()))
                .count();
        String windowsSaid = "judged on " + wb.length + " and " + wc.length + " windows of " + perWindow
                + " responses: the median window's " + metric + " " + Numbers.fixed(mb, 3) + " → "
                + Numbers.fixed(mc, 3) + " ms";
        String stall = "";
        if (d.verdict() != Verdict.FAIL && d.verdict() != Verdict.WARN && change > limit.failFraction()) {
            stall = "; the whole-run " + metric + " (" + Numbers.change(change) + ") is carried by " + slowWindows
                    + " of " + wc.length + " windows: a short stall, not a shift of the run";
        }
        return new Decided(sb, sc, change, d.verdict(), d.reason() + "; " + windowsSaid + stall, Double.NaN);
    }

    /**
     * The quantile {@code q} (ms) of each window of consecutive seconds holding at least {@code perWindow}
     * responses; what is left at the end joins the last window.
     */
    static double[] windows(LoadDetails d, double q, long perWindow) {
        List<Histogram> out = new ArrayList<>();
        Histogram open = null;
        for (LoadDetails.Second s : d.timeSeries()) {
            if (s.histogram() == null) {
                continue;
            }
            Histogram h = HistogramCodec.decode(s.histogram());
            if (open == null) {
                open = h;
            } else {
                open.add(h);
            }
            if (open.getTotalCount() >= perWindow) {
                out.add(open);
                open = null;
            }
        }
        if (open != null && !out.isEmpty()) {
            out.get(out.size() - 1).add(open);
        }
        return out.stream()
                .mapToDouble(h -> h.getValueAtPercentile(100 * q) / 1e6)
                .toArray();
    }

    /**
     * Decides throughput: against the base by the thresholds on the log ratio, and against the rate the
     * schedule asked for (open model): short of it by more than the fail threshold fails.
     */
    static Decided throughput(LoadDetails base, LoadDetails current, Thresholds.Limit limit) {
        double b = base.overall().getOrDefault("throughput", Double.NaN);
        double c = current.overall().getOrDefault("throughput", Double.NaN);
        Side sb = side(histogram(base), b);
        Side sc = side(histogram(current), c);
        if (Double.isNaN(b) || Double.isNaN(c) || b <= 0) {
            return new Decided(sb, sc, Double.NaN, Verdict.INCONCLUSIVE, "no throughput on both sides", Double.NaN);
        }
        double change = c / b - 1;
        double worse = c <= 0 ? Double.POSITIVE_INFINITY : Math.log(b / c);
        double asked = current.targetRatePerSec();
        String target = "";
        if (asked > 0 && Double.isFinite(asked)) {
            target = "; " + Numbers.fixed(c, 1) + "/s of the " + Numbers.fixed(asked, 1) + "/s asked";
            if (c <= 0 || Math.log(asked / c) >= Math.log1p(limit.failFraction())) {
                return new Decided(
                        sb,
                        sc,
                        change,
                        Verdict.FAIL,
                        "the service carried " + Numbers.fixed(c, 1) + "/s of the " + Numbers.fixed(asked, 1)
                                + "/s the schedule asked for: short by more than the fail threshold "
                                + Numbers.percent(limit.failFraction()) + " (whole run)",
                        Double.NaN);
            }
        }
        for (Verdict level : new Verdict[] {Verdict.FAIL, Verdict.WARN}) {
            double threshold = level == Verdict.FAIL ? limit.failFraction() : limit.warnFraction();
            if (worse >= Math.log1p(threshold)) {
                return new Decided(
                        sb,
                        sc,
                        change,
                        level,
                        Numbers.percent(-change) + " less throughput than the base, beyond the " + level.json()
                                + " threshold " + Numbers.percent(threshold) + " on the log ratio (whole run" + target
                                + ")",
                        Double.NaN);
            }
        }
        if (-worse >= Math.log1p(limit.warnFraction())) {
            return new Decided(
                    sb,
                    sc,
                    change,
                    Verdict.IMPROVED,
                    Numbers.percent(change) + " more throughput than the base (whole run" + target + ")",
                    Double.NaN);
        }
        return new Decided(
                sb, sc, change, Verdict.UNCHANGED, "within the warn threshold (whole run" + target + ")", Double.NaN);
    }

    /** A maximum is one response: only an order of magnitude more is worth a warning. */
    static final double MAX_WARN_FACTOR = 10;

    /** Decides the maximum: one response, so it warns at most, and only at {@link #MAX_WARN_FACTOR} times. */
    static Decided max(LoadDetails base, LoadDetails current, Thresholds.Limit limit) {
        double b = base.overall().getOrDefault("max", Double.NaN);
        double c = current.overall().getOrDefault("max", Double.NaN);
        Side sb = side(histogram(base), b);
        Side sc = side(histogram(current), c);
        if (Double.isNaN(b) || Double.isNaN(c) || b <= 0) {
            return new Decided(sb, sc, Double.NaN, Verdict.INCONCLUSIVE, "no maximum on both sides", Double.NaN);
        }
        double change = c / b - 1;
        if (c >= b * MAX_WARN_FACTOR) {
            return new Decided(
                    sb,
                    sc,
                    change,
                    Verdict.WARN,
                    String.format(Locale.ROOT, "%.1f times the base maximum", c / b)
                            + "; a maximum is one response, so it warns at most (whole run)",
                    Double.NaN);
        }
        return new Decided(
                sb,
                sc,
                change,
                Verdict.UNCHANGED,
                "one response: below " + Math.round(MAX_WARN_FACTOR)
                        + " times the base maximum it is jitter (whole run)",
                Double.NaN);
    }

    /** Decides the error rate from the counters of both runs. */
    static Decided errorRate(LoadDetails base, LoadDetails current, Thresholds.Limit limit, double alpha) {
        long nb = base.counters().sent();
        long nc = current.counters().sent();
        long eb = base.counters().failures();
        long ec = current.counters().failures();
        double rb = nb == 0 ? Double.NaN : (double) eb / nb;
        double rc = nc == 0 ? Double.NaN : (double) ec / nc;
        Side sb =
                new Side((int) Math.min(Integer.MAX_VALUE, nb), 100 * rb, 100 * rb, Double.NaN, Double.NaN, Double.NaN);
        Side sc =
                new Side((int) Math.min(Integer.MAX_VALUE, nc), 100 * rc, 100 * rc, Double.NaN, Double.NaN, Double.NaN);
        if (nb == 0 || nc == 0) {
            return new Decided(sb, sc, Double.NaN, Verdict.INCONCLUSIVE, "no operations sent on one side", Double.NaN);
        }
        double change = rb == 0 ? (rc == 0 ? 0 : Double.POSITIVE_INFINITY) : rc / rb - 1;
        double pooled = (double) (eb + ec) / (nb + nc);
        double se = Math.sqrt(pooled * (1 - pooled) * (1.0 / nb + 1.0 / nc));
        double p = se == 0 ? 1 : 1 - normalCdf((rc - rb) / se);
        String counts = ec + " of " + nc + " against " + eb + " of " + nb + " (one-sided p=" + Numbers.fixed(p, 3)
                + "; whole run)";
        if (rc - rb >= 0.001 && change >= limit.failFraction() && p <= alpha) {
            return new Decided(
                    sb,
                    sc,
                    change,
                    Verdict.FAIL,
                    "error rate " + Numbers.percent(rc) + " against " + Numbers.percent(rb) + ": " + counts,
                    p);
        }
        return new Decided(
                sb,
                sc,
                change,
                Verdict.UNCHANGED,
                "error rate " + Numbers.percent(rc) + " against " + Numbers.percent(rb) + ": " + counts,
                Double.NaN);
    }

    private static Histogram histogram(LoadDetails d) {
        return d.histograms() == null || d.histograms().response() == null
                ? null
                : HistogramCodec.decode(d.histograms().response());
    }

    /** n = responses, centre = the whole-run value; no spread (one run). */
    private static Side side(Histogram h, double value) {
        int n = h == null ? 0 : (int) Math.min(Integer.MAX_VALUE, h.getTotalCount());
        return new Side(n, value, value, Double.NaN, Double.NaN, Double.NaN);
    }

    private static double normalCdf(double z) {
        return 0.5 * Erf.erfc(-z / Math.sqrt(2));
    }
}
