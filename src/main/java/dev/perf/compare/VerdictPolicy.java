package dev.perf.compare;

import dev.perf.compare.Comparison.Row;
import dev.perf.result.Better;
import dev.perf.result.Numbers;
import dev.perf.stats.MannWhitney;
import dev.perf.stats.MultipleTesting;
import dev.perf.stats.Summary;
import dev.perf.stats.Welch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.commons.math3.util.CombinatoricsUtils;

/**
 * The decision rule of {@code perf compare} for one metric with replicates on both sides, calibrated by
 * simulation ({@code VerdictPolicyTest}, {@code VerdictCalibration}, {@code scripts/bench/verdict-calibration.sh}).
 *
 * <p>Thresholds are symmetric on the log ratio: with r = current/base of the (log-scale) medians, the change
 * "worse" is ln r where lower is better and −ln r where higher is better, and a threshold t means |ln r| ≥
 * ln(1 + t). So 4.0 → 4.8 ns/op (+20 %) and 0.25 → 0.2083 ops/ns (−16.7 %) are the same change, and swapping
 * the two inputs turns a fail into an improvement of the same size. With w and f the warn and fail
 * thresholds and α the one-sided level, a verdict needs the size <i>and</i> two threshold-shifted one-sided
 * tests: the exact Mann–Whitney U test (rank-based, robust to an outlier fork) and Welch's t on the log values
 * (efficient with four or five forks, where the U test alone cannot tell noise from a shift):
 *
 * <ul>
 *   <li><b>fail</b>: worse ≥ ln(1 + f), and current is significantly worse than base × (1 + w): U p ≤ α and
 *       t p ≤ {@value #FAIL_T_SHARE} α;
 *   <li><b>warn</b>: worse ≥ ln(1 + w), and significantly worse than base × (1 + w/2): U p ≤ α and t p ≤
 *       {@value #FLAG_T_SHARE} α;
 *   <li><b>improved</b>: the mirror of a fail or of a warn, so that swapping the inputs swaps the verdict;
 *   <li><b>inconclusive</b>: fewer replicates per side than α needs (the reason says how many), or beyond the
 *       warn threshold either way but not significantly, or a robust CV (MAD) above the limit when nothing
 *       was shown — the reason says which and what would settle it;
 *   <li><b>unchanged</b>: otherwise.
 * </ul>
 *
 * <p>Values of 0 (a count that rises from zero: 0 → 24 B/op) have no ratio: then the change is judged by the
 * same U tests on the values themselves (a rise from 0 is beyond every threshold), without the t test. The
 * caller removes differences below a count's floor or the data's resolution first ({@link #floor}). Pure and
 * thread-safe.
 */
public final class VerdictPolicy {
    /** Share of α the t test of a fail must reach (calibrated: A/A fails, power at n = 5). */
    static final double FAIL_T_SHARE = 0.4;
    /** Share of α the t test of a warn or an improvement must reach (calibrated: A/A flags at n = 4, CV 15 %). */
    static final double FLAG_T_SHARE = 0.1;

    private VerdictPolicy() {}

    /**
     * A decision.
     *
     * @param verdict the verdict
     * @param reason why, in words, with the statistics behind it
     * @param decisiveP p of the one-sided U test behind the verdict, or for an unchanged row the smallest of
     *     its warn and improved tests (what an adjustment across rows counts); NaN when nothing was tested
     */
    public record Decision(Verdict verdict, String reason, double decisiveP) {}

    /** The smallest number of replicates per side with which the exact U test can reach {@code alpha}. */
    public static int samplesNeeded(double alpha) {
        int needed = 1;
        while (1 / CombinatoricsUtils.binomialCoefficientDouble(2 * needed, needed) > alpha) {
            needed++;
        }
        return needed;
    }

    /**
     * Decides one metric from its replicate values (already in one unit).
     *
     * @param base base replicates, finite and not negative
     * @param current current replicates, finite and not negative
     * @param better direction of improvement
     * @param warn warn threshold as a fraction
     * @param fail fail threshold as a fraction
     * @param alpha one-sided significance level
     * @param maxCv above this robust CV an undecided comparison is inconclusive
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
        return decide(base, current, better, warn, fail, alpha, maxCv, twoSidedP, true);
    }

    /**
     * {@link #decide(double[], double[], Better, double, double, double, double, double)}, with the t test on
     * log values or, when {@code withT} is false, the rank test alone: for windows of one load run, where a
     * stall is one extreme window that must not sway the decision.
     */
    public static Decision decide(
            double[] base,
            double[] current,
            Better better,
            double warn,
            double fail,
            double alpha,
            double maxCv,
            double twoSidedP,
            boolean withT) {
        boolean positive = withT
                && Arrays.stream(base).allMatch(v -> v > 0)
                && Arrays.stream(current).allMatch(v -> v > 0);
        double mb = logMedian(base);
        double mc = logMedian(current);
        double worse = worseLog(better, mb, mc);
        String direction = worse >= 0 ? " worse" : " better";
        String size = describe(Summary.median(base), Summary.median(current));
        String stats = "two-sided p=" + Numbers.fixed(twoSidedP, 3);
        if (Math.min(base.length, current.length) < samplesNeeded(alpha)) {
            return new Decision(
                    Verdict.INCONCLUSIVE,
                    tooFew(
                            base.length,
                            current.length,
                            alpha,
                            Summary.median(current) / Summary.median(base) - 1,
                            better),
                    Double.NaN);
        }
        Shifted failTest = shifted(base, current, better, warn, positive);
        Shifted warnTest = shifted(base, current, better, warn / 2, positive);
        Shifted betterTest = shifted(current, base, better, warn / 2, positive);
        Shifted muchBetterTest = shifted(current, base, better, warn, positive);
        if (worse >= Math.log1p(fail) && failTest.passes(alpha, FAIL_T_SHARE)) {
            return new Decision(
                    Verdict.FAIL,
                    size + " worse, beyond the fail threshold " + Numbers.percent(fail) + "; significantly beyond the"
                            + " warn threshold " + Numbers.percent(warn) + " (" + failTest + "; " + stats + ")",
                    failTest.u());
        }
        if (worse >= Math.log1p(warn) && warnTest.passes(alpha, FLAG_T_SHARE)) {
            return new Decision(
                    Verdict.WARN,
                    size + " worse, beyond the warn threshold " + Numbers.percent(warn) + "; significantly beyond "
                            + Numbers.percent(warn / 2) + " (" + warnTest + "; " + stats + ")",
                    warnTest.u());
        }
        // an improvement is the mirror of a fail or of a warn, so that swapping the inputs swaps the verdict
        if (-worse >= Math.log1p(fail) && muchBetterTest.passes(alpha, FAIL_T_SHARE)) {
            return new Decision(
                    Verdict.IMPROVED,
                    size + " better, beyond the fail threshold " + Numbers.percent(fail) + "; significantly beyond "
                            + Numbers.percent(warn) + " (" + muchBetterTest + "; " + stats + ")",
                    muchBetterTest.u());
        }
        if (-worse >= Math.log1p(warn) && betterTest.passes(alpha, FLAG_T_SHARE)) {
            return new Decision(
                    Verdict.IMPROVED,
                    size + " better; significantly beyond " + Numbers.percent(warn / 2) + " (" + betterTest + "; "
                            + stats + ")",
                    betterTest.u());
        }
        double smallestP = Math.min(warnTest.u(), betterTest.u());
        double cv = Math.max(robustCv(base), robustCv(current));
        if (Math.abs(worse) >= Math.log1p(warn)) {
            Shifted shown = worse > 0 ? (worse >= Math.log1p(fail) ? failTest : warnTest) : betterTest;
            return new Decision(
                    Verdict.INCONCLUSIVE,
                    size + direction + ", but not significantly beyond "
                            + Numbers.percent(worse > 0 && worse >= Math.log1p(fail) ? warn : warn / 2) + " ("
                            + shown + ", robust CV " + Numbers.percent(cv) + "): more forks or repeats settle it",
                    smallestP);
        }
        if (twoSidedP > alpha && cv > maxCv) {
            return new Decision(
                    Verdict.INCONCLUSIVE,
                    "robust CV " + Numbers.percent(cv) + " is above " + Numbers.percent(maxCv)
                            + ": too noisy to call it unchanged (" + stats + "; more forks or repeats help)",
                    smallestP);
        }
        return new Decision(
                Verdict.UNCHANGED,
                (twoSidedP <= alpha
                                ? "significant, but " + size + " is within the warn threshold"
                                : "no significant change")
                        + " (" + stats + ")",
                smallestP);
    }

    /** Why a row with {@code n1} and {@code n2} replicates is not judged at {@code alpha}. */
    static String tooFew(int n1, int n2, double alpha, double change, Better better) {
        String sizes = n1 == n2 ? "n=" + n1 + " per side" : "n=" + n1 + "+" + n2;
        String seen = Double.isNaN(change) || change == 0
                ? ""
                : " (" + Numbers.percent(Math.abs(change))
                        + ((better == Better.LOWER) == (change > 0) ? " worse" : " better") + "; not judged)";
        return "need " + samplesNeeded(alpha) + " samples per side to decide at α=" + Numbers.threeDigits(alpha)
                + ", have " + sizes + seen;
    }

    /** The worse direction on the log scale: positive is worse; ±∞ when one median is 0 and the other is not. */
    static double worseLog(Better better, double baseMedian, double currentMedian) {
        if (baseMedian == currentMedian) {
            return 0;
        }
        double log = Math.log(currentMedian) - Math.log(baseMedian);
        return better == Better.LOWER ? log : -log;
    }

    /** The size of a change for a reason: "20.0%", or the absolute rise or fall when a median is 0. */
    private static String describe(double baseMedian, double currentMedian) {
        if (baseMedian == 0 || currentMedian == 0) {
            return "from " + Numbers.significant(baseMedian) + " to " + Numbers.significant(currentMedian)
                    + " (a change from or to 0 has no ratio: judged on the values)";
        }
        return Numbers.percent(Math.abs(currentMedian / baseMedian - 1));
    }

    /**
     * The two threshold-shifted one-sided tests that {@code after} is worse than {@code before} made worse by
     * {@code margin}.
     *
     * @param u p of the exact U test (ranks of the values, so it needs no logarithm)
     * @param t p of Welch's t on the log values; NaN when a value is 0 (then the U test decides alone)
     */
    record Shifted(double u, double t) {
        boolean passes(double alpha, double tShare) {
            return u <= alpha && (Double.isNaN(t) || t <= tShare * alpha);
        }

        @Override
        public String toString() {
            return "one-sided U p=" + Numbers.fixed(u, 3) + (Double.isNaN(t) ? "" : ", t p=" + Numbers.fixed(t, 4));
        }
    }

    static Shifted shifted(double[] before, double[] after, Better better, double margin, boolean positive) {
        double factor = 1 + margin;
        // oriented so that larger is worse: lower-is-better values as they are, higher-is-better ones inverted
        double[] x;
        double[] y;
        if (better == Better.LOWER) {
            x = Arrays.stream(before).map(v -> v * factor).toArray();
            y = after;
        } else {
            x = after.clone();
            for (int i = 0; i < x.length; i++) {
                x[i] = x[i] * factor;
            }
            y = before;
        }
        double u = MannWhitney.greater(x, y);
        if (!positive) {
            return new Shifted(u, Double.NaN);
        }
        double[] lx = Arrays.stream(x).map(Math::log).toArray();
        double[] ly = Arrays.stream(y).map(Math::log).toArray();
        return new Shifted(u, Welch.greater(lx, ly));
    }

    /**
     * The smallest difference of medians that can be a change, in {@code unit}: one byte or one allocation
     * for counts per operation (JMH's B/op is an average that wobbles by fractions of a byte around 0), and 0
     * for every other unit — a time has no absolute floor, only the resolution it was reported with (see
     * {@link #resolution}).
     */
    public static double floor(String unit) {
        String u = unit.toLowerCase(Locale.ROOT);
        if (u.equals("b/op") || u.equals("b") || u.equals("bytes") || u.equals("allocs/op")) {
            return 1;
        }
        return 0;
    }

    /**
     * The resolution the values were reported with: the largest power of ten that every value is a whole
     * multiple of (0.01 for Go's "4.05 ns/op", 1 for integers), or 0 when the values carry full precision
     * (JMH and hyperfine write doubles; steps below 0.0001 count as full precision). Two medians closer than
     * this cannot be told apart.
     */
    public static double resolution(double[]... samples) {
        double step = 0;
        for (int k = 6; k >= -4; k--) {
            double s = Math.pow(10, k);
            boolean all = true;
            for (double[] x : samples) {
                for (double v : x) {
                    double q = v / s;
                    if (Math.abs(q - Math.rint(q)) > 1e-9 * Math.max(1, Math.abs(q))) {
                        all = false;
                        break;
                    }
                }
                if (!all) {
                    break;
                }
            }
            if (all) {
                step = s;
                break;
            }
        }
        return step;
    }

    /**
     * The median on the log scale (for an even count, the geometric mean of the middle two), so that the
     * median of 1/x is 1/median(x) and a time and its throughput get the same verdict; 0 stays 0.
     */
    static double logMedian(double[] x) {
        double[] s = x.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : Math.sqrt(s[n / 2 - 1] * s[n / 2]);
    }

    /**
     * The robust CV on the log scale (1.4826 × the MAD of ln x, which is the CV for small spreads), so that a
     * time and its throughput have the same; 0 when a value is not positive or there are fewer than two.
     */
    private static double robustCv(double[] x) {
        if (x.length < 2 || Arrays.stream(x).anyMatch(v -> !(v > 0))) {
            return 0;
        }
        double[] logs = Arrays.stream(x).map(Math::log).toArray();
        double median = Summary.median(logs);
        return 1.4826
                * Summary.median(
                        Arrays.stream(logs).map(v -> Math.abs(v - median)).toArray());
    }

    /**
     * Judges the rows without a test by threshold, and applies the optional adjustment across rows to the
     * tested ones: with {@code --adjust bh|holm} every tested row counts (an unchanged row with the smallest p
     * of its tests), and a fail, warn or improved verdict whose adjusted p exceeds α becomes inconclusive. The calibrated default is no adjustment (the threshold margins give the
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
                boolean flagged =
                        r.verdict() == Verdict.FAIL || r.verdict() == Verdict.WARN || r.verdict() == Verdict.IMPROVED;
                if (flagged && !Double.isNaN(q[i]) && q[i] > options.alpha()) {
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
            // judged by threshold only: an exact unit (no noise), on the log ratio like every other row
            double worse = r.base().median() == 0
                    ? worseLog(r.better(), r.base().median(), r.current().median())
                    : worseLog(r.better(), 1, 1 + r.change());
            Verdict verdict;
            String reason;
            if (r.metricClass() == MetricClass.INFO) {
                verdict = Verdict.UNCHANGED;
                reason = r.reason() + "; informational metric, not judged";
            } else if (worse >= Math.log1p(r.fail())) {
                verdict = Verdict.FAIL;
                reason = r.reason() + "; "
                        + describe(r.base().median(), r.current().median())
                        + " worse is beyond the fail threshold " + Numbers.percent(r.fail());
            } else if (worse >= Math.log1p(r.warn())) {
                verdict = Verdict.WARN;
                reason = r.reason() + "; "
                        + describe(r.base().median(), r.current().median())
                        + " worse is beyond the warn threshold " + Numbers.percent(r.warn());
            } else if (-worse >= Math.log1p(r.warn())) {
                verdict = Verdict.IMPROVED;
                reason = r.reason() + "; "
                        + describe(r.base().median(), r.current().median()) + " better";
            } else {
                verdict = Verdict.UNCHANGED;
                reason = r.reason();
            }
            rows.add(r.decided(Double.NaN, verdict, reason));
        }
        return rows;
    }
}
