package dev.perf.compare;

import dev.perf.compare.Comparison.Row;
import dev.perf.result.Better;
import dev.perf.result.Numbers;
import dev.perf.stats.Diagnostics;
import dev.perf.stats.MannWhitney;
import dev.perf.stats.MultipleTesting;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.commons.math3.util.CombinatoricsUtils;

/**
 * The decision rule of {@code perf compare} for one metric with replicates on both sides: threshold-shifted
 * one-sided exact Mann-Whitney tests on the log scale, calibrated by simulation ({@code VerdictPolicyTest},
 * {@code scripts/bench/verdict-calibration.sh}).
 *
 * <p>With d the change of medians in the worse direction, w and f the warn and fail thresholds and α the
 * one-sided level:
 *
 * <ul>
 *   <li><b>fail</b>: d ≥ f, and the current values are significantly worse than the base values made worse
 *       by w (one-sided exact U test of current against base × (1 + w), p ≤ α): the data rule out that the
 *       change is within the warn threshold;
 *   <li><b>warn</b>: d ≥ w, and significantly worse than base × (1 + w/2);
 *   <li><b>improved</b>: better by at least w, and significantly better than base improved by w/2;
 *   <li><b>inconclusive</b>: the change is beyond the warn threshold either way but not significantly, or
 *       the samples are too few to reach α at all, or the noise (CV) exceeds the limit — the reason says
 *       which and what would settle it;
 *   <li><b>unchanged</b>: otherwise (with "significant, but within the thresholds" when the plain two-sided
 *       test says the medians differ).
 * </ul>
 *
 * <p>The margins make a false alarm need a large swing of noise, so no adjustment across rows is needed for
 * family-wise control on 20-benchmark suites: the fail rule needs the point estimate beyond the fail
 * threshold <i>and</i> evidence beyond the warn threshold. A warn is never escalated to a fail by the width of
 * an interval. Differences below a unit's noise floor ({@link #floor}) are never a regression: the caller
 * checks it first. Pure and thread-safe.
 */
public final class VerdictPolicy {
    private VerdictPolicy() {}

    /**
     * A decision.
     *
     * @param verdict the verdict
     * @param reason why, in words, with the statistics behind it
     * @param decisiveP p of the one-sided threshold-shifted test behind the verdict (NaN when none decided)
     */
    public record Decision(Verdict verdict, String reason, double decisiveP) {}

    /**
     * Decides one metric from its replicate values (already in one unit).
     *
     * @param base base replicates, finite and positive
     * @param current current replicates, finite and positive
     * @param better direction of improvement
     * @param warn warn threshold as a fraction
     * @param fail fail threshold as a fraction
     * @param alpha one-sided significance level
     * @param maxCv above this CV an undecided comparison is inconclusive
     * @param twoSidedP the plain two-sided exact p (reported beside the verdict)
     */
    public static Decision decide(
            double[] base,
            double[] current,
            Better better,
            double warn,
            double fail,
            double alpha,
            double maxCv,
            double twoSidedP) {
        double mb = median(base);
        double mc = median(current);
        double worse = worseBy(better, mc / mb - 1);
        String stats = "two-sided p=" + Numbers.fixed(twoSidedP, 3);
        double minP = 1 / CombinatoricsUtils.binomialCoefficientDouble(base.length + current.length, base.length);
        if (minP > alpha) {
            int needed = 2;
            while (1 / CombinatoricsUtils.binomialCoefficientDouble(2 * needed, needed) > alpha) {
                needed++;
            }
            String sizes = base.length == current.length
                    ? "n=" + base.length + " per side"
                    : "n=" + base.length + "+" + current.length;
            return new Decision(
                    Verdict.INCONCLUSIVE,
                    sizes + ": at least " + needed + " per side are needed to reach α=" + Numbers.threeDigits(alpha)
                            + " (" + Numbers.percent(worse) + (worse >= 0 ? " worse" : " better") + ")",
                    Double.NaN);
        }
        double pFail = shiftedP(base, current, better, warn);
        double pWarn = shiftedP(base, current, better, warn / 2);
        double pImproved = shiftedP(current, base, better, warn / 2);
        if (worse >= fail && pFail <= alpha) {
            return new Decision(
                    Verdict.FAIL,
                    Numbers.percent(worse) + " worse, beyond the fail threshold " + Numbers.percent(fail)
                            + "; significantly beyond the warn " + "threshold " + Numbers.percent(warn)
                            + " (one-sided p=" + Numbers.fixed(pFail, 3) + "; " + stats + ")",
                    pFail);
        }
        if (worse >= warn && pWarn <= alpha) {
            return new Decision(
                    Verdict.WARN,
                    Numbers.percent(worse) + " worse, beyond the warn threshold " + Numbers.percent(warn)
                            + "; significantly beyond " + Numbers.percent(warn / 2) + " (one-sided p="
                            + Numbers.fixed(pWarn, 3) + "; " + stats + ")",
                    pWarn);
        }
        if (-worse >= warn && pImproved <= alpha) {
            return new Decision(
                    Verdict.IMPROVED,
                    Numbers.percent(-worse) + " better; significantly beyond " + Numbers.percent(warn / 2)
                            + " (one-sided p=" + Numbers.fixed(pImproved, 3) + "; " + stats + ")",
                    pImproved);
        }
        double cv = Math.max(cv(base), cv(current));
        if (Math.abs(worse) >= warn) {
            return new Decision(
                    Verdict.INCONCLUSIVE,
                    Numbers.percent(Math.abs(worse)) + (worse > 0 ? " worse" : " better")
                            + ", but not significantly beyond "
                            + Numbers.percent(worse > 0 && worse >= fail ? warn : warn / 2) + " (one-sided p="
                            + Numbers.fixed(worse > 0 ? (worse >= fail ? pFail : pWarn) : pImproved, 3) + ", CV "
                            + Numbers.percent(cv)
                            + "): more forks or repeats settle it",
                    Double.NaN);
        }
        if (twoSidedP > alpha && cv > maxCv) {
            return new Decision(
                    Verdict.INCONCLUSIVE,
                    "CV " + Numbers.percent(cv) + " is above " + Numbers.percent(maxCv)
                            + ": too noisy to call it unchanged (" + stats + "; more forks or repeats help)",
                    Double.NaN);
        }
        return new Decision(
                Verdict.UNCHANGED,
                (twoSidedP <= alpha
                                ? "significant, but " + Numbers.percent(Math.abs(worse))
                                        + " is within the warn threshold"
                                : "no significant change")
                        + " (" + stats + ")",
                Double.NaN);
    }

    /**
     * One-sided exact p that {@code after} is worse than {@code before} made worse by {@code margin}: the U
     * test on log values oriented so that larger is worse.
     */
    static double shiftedP(double[] before, double[] after, Better better, double margin) {
        double sign = better == Better.LOWER ? 1 : -1;
        double shift = Math.log1p(margin);
        double[] x = Arrays.stream(before).map(v -> sign * Math.log(v) + shift).toArray();
        double[] y = Arrays.stream(after).map(v -> sign * Math.log(v)).toArray();
        return MannWhitney.greater(x, y);
    }

    /**
     * The smallest difference of medians that can be a change, in {@code unit}: 1 byte for allocation and
     * memory (JMH's B/op is an average that wobbles by fractions of a byte), 1 ns for times per operation
     * (JIT and timer noise); 0 (no floor) for every other unit.
     */
    public static double floor(String unit) {
        String u = unit.toLowerCase(Locale.ROOT);
        if (u.equals("b/op") || u.equals("b") || u.equals("bytes")) {
            return 1;
        }
        double toNanos = TimeUnits.factor(u, "ns/op");
        return Double.isNaN(toNanos) ? 0 : 1 / toNanos;
    }

    /** The relative change in the worse direction: positive is worse. */
    static double worseBy(Better better, double change) {
        return better == Better.LOWER ? change : -change;
    }

    private static double median(double[] x) {
        double[] s = x.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    private static double cv(double[] x) {
        double cv = Diagnostics.cv(x);
        return Double.isNaN(cv) ? 0 : cv;
    }

    /**
     * Judges the rows without a test by threshold, and applies the optional adjustment across rows to the
     * tested ones: with {@code --adjust bh|holm} a fail, warn or improved verdict whose adjusted p exceeds α
     * becomes inconclusive. The calibrated default is no adjustment (the threshold margins give the
     * family-wise control, see the class comment).
     */
    static List<Row> settle(List<PendingRow> pending, CompareOptions options) {
        double[] p = new double[pending.size()];
        for (int i = 0; i < p.length; i++) {
            p[i] = pending.get(i).decisiveP();
        }
        double[] q = MultipleTesting.adjust(p, options.adjustment());
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < p.length; i++) {
            PendingRow pe = pending.get(i);
            Row r = pe.row();
            if (pe.tested()) {
                if (!Double.isNaN(q[i]) && q[i] > options.alpha()) {
                    rows.add(r.decided(
                            q[i],
                            Verdict.INCONCLUSIVE,
                            r.reason() + "; but not after "
                                    + options.adjustment().name().toLowerCase(Locale.ROOT)
                                    + " adjustment across rows (adjusted p=" + Numbers.fixed(q[i], 3) + ")"));
                } else {
                    rows.add(r.decided(q[i], r.verdict(), r.reason()));
                }
                continue;
            }
            if (r.verdict() != null) {
                rows.add(r);
                continue;
            }
            // judged by threshold only (n=1 or exact unit)
            double worse = worseBy(r.better(), r.change());
            Verdict verdict;
            String reason;
            if (r.metricClass() == MetricClass.INFO) {
                verdict = Verdict.UNCHANGED;
                reason = r.reason() + "; informational metric, not judged";
            } else if (worse >= r.fail()) {
                verdict = Verdict.FAIL;
                reason = r.reason() + "; " + Numbers.percent(worse) + " worse is beyond the fail threshold "
                        + Numbers.percent(r.fail());
            } else if (worse >= r.warn()) {
                verdict = Verdict.WARN;
                reason = r.reason() + "; " + Numbers.percent(worse) + " worse is beyond the warn threshold "
                        + Numbers.percent(r.warn());
            } else if (-worse >= r.warn()) {
                verdict = Verdict.IMPROVED;
                reason = r.reason() + "; " + Numbers.percent(-worse) + " better";
            } else {
                verdict = Verdict.UNCHANGED;
                reason = r.reason();
            }
            rows.add(r.decided(Double.NaN, verdict, reason));
        }
        return rows;
    }
}
