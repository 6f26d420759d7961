package dev.perf.compare;

import dev.perf.compare.Comparison.Row;
import dev.perf.compare.Comparison.Side;
import dev.perf.result.BenchmarkResult;
import dev.perf.result.Better;
import dev.perf.result.HistogramCodec;
import dev.perf.result.LoadDetails;
import dev.perf.result.Numbers;
import dev.perf.result.Thresholds;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;
import org.apache.commons.math3.special.Erf;

/**
 * The decision rule for two single load runs (no {@code --repeat}): every metric comes from the whole-run
 * histograms and counters, never from per-second windows, which are not independent replicates (they share
 * the run's conditions) and hide a one-second stall in a median of seconds.
 *
 * <p>Without replicates no test can separate a change from run-to-run variance, so the centre (throughput,
 * p50) is judged by threshold alone and warns at most; {@code --repeat N} gives replicates.
 *
 * <p>A tail quantile q (p99: q = 0.99) regresses when the current whole-run value is beyond the base's
 * <i>envelope</i> — the larger of its whole-run value and its worst second's — by the threshold, <i>and</i> at
 * least twice the share the quantile names (2 × (1 − q), 2 % for p99) of the current responses are slower
 * than that envelope made worse by the threshold: the slowdown must exceed the jitter the base run itself
 * showed and be carried by many responses. A fail also needs the current value beyond the slowest response of
 * the base run (its maximum); within it, the row warns. Each side needs at least 10 responses beyond the quantile (1 000
 * for p99), else the row is inconclusive. A maximum is one response: it warns at 10 times the base's, never
 * fails. The error rate fails when it rose by at least 0.1 percentage point, by
 * more than the fail threshold relative to the base, and a one-sided two-proportion z-test gives p ≤ α.
 * Pure and thread-safe.
 */
final class WholeRun {
    private WholeRun() {}

    /** A decided whole-run row: the two sides, the change and the decision. */
    record Decided(Side base, Side current, double change, Verdict verdict, String reason, double p) {}

    /** The rows of two single load runs, one job per whole-run metric. */
    static List<Supplier<PendingRow>> jobs(
            BenchmarkResult b, BenchmarkResult c, Thresholds thresholds, CompareOptions options) {
        Thresholds.Limit tail = options.limitFor("p99", MetricClass.TAIL, thresholds);
        Thresholds.Limit time = options.limitFor("p50", MetricClass.TIME, thresholds);
        Thresholds.Limit errors = options.limitFor("errorRate", MetricClass.TIME, thresholds);
        return List.of(
                () -> row(
                        b,
                        "throughput",
                        "ops/s",
                        MetricClass.TIME,
                        time,
                        centre("throughput", true, b.load(), c.load(), time)),
                () -> row(b, "p50", "ms", MetricClass.TIME, time, centre("p50", false, b.load(), c.load(), time)),
                () -> row(b, "p99", "ms", MetricClass.TAIL, tail, quantile("p99", 0.99, b.load(), c.load(), tail)),
                () -> row(b, "p99.9", "ms", MetricClass.TAIL, tail, quantile("p99.9", 0.999, b.load(), c.load(), tail)),
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

    /** Decides quantile {@code q} of the response time (values in ms in {@code overall}). */
    static Decided quantile(String metric, double q, LoadDetails base, LoadDetails current, Thresholds.Limit limit) {
        double b = base.overall().getOrDefault(metric, Double.NaN);
        double c = current.overall().getOrDefault(metric, Double.NaN);
        Histogram hb = histogram(base);
        Histogram hc = histogram(current);
        Side sb = side(hb, b);
        Side sc = side(hc, c);
        if (hb == null || hc == null || Double.isNaN(b) || Double.isNaN(c) || b <= 0) {
            return new Decided(
                    sb, sc, Double.NaN, Verdict.INCONCLUSIVE, "no whole-run histogram on both sides", Double.NaN);
        }
        double change = c / b - 1;
        long needed = (long) Math.ceil(10 / (1 - q));
        if (hb.getTotalCount() < needed || hc.getTotalCount() < needed) {
            return new Decided(
                    sb,
                    sc,
                    change,
                    Verdict.INCONCLUSIVE,
                    "too few responses for " + metric + ": " + hb.getTotalCount() + " and " + hc.getTotalCount()
                            + ", at least " + needed + " per side are needed (10 beyond the quantile)",
                    Double.NaN);
        }
        double nominal = 1 - q;
        // The base's worst second bounds what one run can tell apart: clean runs of a sub-millisecond service
        // differ by 2x in p99 from jitter alone, and the worst second of the base shows that jitter.
        double envelope = Math.max(b, worstSecond(base, q));
        // A fail also needs the quantile beyond the slowest response the base ever saw: on a busy 2-core runner
        // a clean run's p99 moved from 2.2 ms to 6.5 ms (base max 9.4 ms), while a 1 s stall puts it at 900 ms.
        double baseMax = base.overall().getOrDefault("max", 0.0);
        // fail first, then warn: the same rule at the two thresholds
        for (Verdict level : new Verdict[] {Verdict.FAIL, Verdict.WARN}) {
            double threshold = level == Verdict.FAIL ? limit.failFraction() : limit.warnFraction();
            double share = shareAbove(hc, envelope * (1 + threshold));
            if (c >= envelope * (1 + threshold) && share >= 2 * nominal) {
                if (level == Verdict.FAIL && c <= baseMax) {
                    return new Decided(
                            sb,
                            sc,
                            change,
                            Verdict.WARN,
                            Numbers.percent(change) + " worse, beyond the fail threshold " + Numbers.percent(threshold)
                                    + " over the base's worst second (" + Numbers.fixed(envelope, 3)
                                    + " ms), but within the"
                                    + " slowest base response (" + Numbers.fixed(baseMax, 3)
                                    + " ms): one run per side cannot"
                                    + " tell it from jitter, so it warns (--repeat N gives replicates; whole run)",
                            Double.NaN);
                }
                return new Decided(
                        sb,
                        sc,
                        change,
                        level,
                        Numbers.percent(change) + " worse, beyond the " + level.json() + " threshold "
                                + Numbers.percent(threshold)
                                + " over the base's worst second (" + Numbers.fixed(envelope, 3) + " ms)"
                                + (level == Verdict.FAIL
                                        ? " and the slowest base response (" + Numbers.fixed(baseMax, 3) + " ms)"
                                        : "")
                                + ", carried by " + Numbers.percent(share)
                                + " of responses (at least " + Numbers.percent(2 * nominal) + " needed; whole run)",
                        Double.NaN);
            }
        }
        double improvedShare = shareAbove(hb, c * (1 + limit.warnFraction()));
        if (-change >= limit.warnFraction() && improvedShare >= 2 * nominal) {
            return new Decided(
                    sb,
                    sc,
                    change,
                    Verdict.IMPROVED,
                    Numbers.percent(-change) + " better, carried by " + Numbers.percent(improvedShare)
                            + " of base responses (whole run)",
                    Double.NaN);
        }
        return new Decided(
                sb,
                sc,
                change,
                Verdict.UNCHANGED,
                "within the rule (whole run; " + Numbers.percent(shareAbove(hc, envelope * (1 + limit.failFraction())))
                        + " of current responses beyond the base's worst second (" + Numbers.fixed(envelope, 3)
                        + " ms) + "
                        + Numbers.percent(limit.failFraction()) + ")",
                Double.NaN);
    }

    /** Decides a whole-run centre (throughput, p50) by threshold alone: it warns at most. */
    static Decided centre(
            String metric, boolean higherIsBetter, LoadDetails base, LoadDetails current, Thresholds.Limit limit) {
        double b = base.overall().getOrDefault(metric, Double.NaN);
        double c = current.overall().getOrDefault(metric, Double.NaN);
        Side sb = side(histogram(base), b);
        Side sc = side(histogram(current), c);
        if (Double.isNaN(b) || Double.isNaN(c) || b <= 0) {
            return new Decided(sb, sc, Double.NaN, Verdict.INCONCLUSIVE, "no " + metric + " on both sides", Double.NaN);
        }
        double change = c / b - 1;
        double worse = higherIsBetter ? -change : change;
        if (worse >= limit.warnFraction()) {
            return new Decided(
                    sb,
                    sc,
                    change,
                    Verdict.WARN,
                    Numbers.percent(worse) + " worse, beyond the warn threshold "
                            + Numbers.percent(limit.warnFraction())
                            + "; one run per side cannot tell a change from run-to-run variance, so it warns at most "
                            + "(--repeat N gives replicates)",
                    Double.NaN);
        }
        return new Decided(
                sb,
                sc,
                change,
                Verdict.UNCHANGED,
                "within the warn threshold (whole run, one run per side)",
                Double.NaN);
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

    /** The highest per-second value of quantile {@code q} in a run (0 when it has no per-second histograms). */
    private static double worstSecond(LoadDetails d, double q) {
        double worst = 0;
        for (LoadDetails.Second s : d.timeSeries()) {
            if (s.histogram() != null) {
                Histogram h = HistogramCodec.decode(s.histogram());
                if (h.getTotalCount() > 0) {
                    worst = Math.max(worst, h.getValueAtPercentile(100 * q) / 1e6);
                }
            }
        }
        return worst;
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

    /** Share of the histogram's values above {@code millis}. */
    private static double shareAbove(Histogram h, double millis) {
        long total = h.getTotalCount();
        if (total == 0) {
            return 0;
        }
        long limitNanos = (long) (millis * 1e6);
        long atOrBelow = h.getCountBetweenValues(0, limitNanos);
        return Math.max(0, (double) (total - atOrBelow) / total);
    }

    private static double normalCdf(double z) {
        return 0.5 * Erf.erfc(-z / Math.sqrt(2));
    }
}
