package dev.perf.stats;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.apache.commons.math3.distribution.NormalDistribution;

/** Sample diagnostics that explain an inconclusive comparison. Pure and thread-safe. */
public final class Diagnostics {
    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1);

    private Diagnostics() {}

    /** Coefficient of variation: sample standard deviation over |mean|; NaN for n < 2 or mean 0. */
    public static double cv(double[] x) {
        if (x.length < 2) {
            return Double.NaN;
        }
        double mean = Welch.mean(x);
        return mean == 0 ? Double.NaN : Math.sqrt(Welch.variance(x, mean)) / Math.abs(mean);
    }

    /**
     * Robust coefficient of variation: 1.4826 × the median absolute deviation over |median| (the CV a normal
     * sample would have), so that one slow fork among eight does not make the spread look large; NaN for n < 2
     * or median 0.
     */
    public static double robustCv(double[] x) {
        if (x.length < 2) {
            return Double.NaN;
        }
        double median = Summary.median(x);
        if (median == 0) {
            return Double.NaN;
        }
        double[] deviations = Arrays.stream(x).map(v -> Math.abs(v - median)).toArray();
        return 1.4826 * Summary.median(deviations) / Math.abs(median);
    }

    /**
     * Indices of outliers by the modified z-score (Iglewicz and Hoaglin): |0.6745 (xᵢ − median) / MAD| >
     * 3.5. When the MAD is 0 (more than half the values equal) the mean absolute deviation × 1.2533 stands in
     * for it.
     */
    public static int[] outliers(double[] x) {
        if (x.length < 3) {
            return new int[0];
        }
        double median = Summary.median(x);
        double[] deviations = Arrays.stream(x).map(v -> Math.abs(v - median)).toArray();
        double mad = Summary.median(deviations);
        double scale;
        if (mad > 0) {
            scale = mad / 0.6745;
        } else {
            double meanAbs = Arrays.stream(deviations).average().orElse(0);
            scale = meanAbs * 1.253314;
        }
        if (scale == 0) {
            return new int[0];
        }
        return IntStream.range(0, x.length)
                .filter(i -> Math.abs(x[i] - median) / scale > 3.5)
                .toArray();
    }

    /**
     * The smallest relative change that n values per side can detect with 80 % power at {@code alpha},
     * given the coefficient of variation: (z₁₋α/₂ + z₀.₈) · cv · √(2/n), divided by √0.955 for the rank
     * test's efficiency relative to the t-test. An approximation for planning, not a test.
     */
    public static double minimumDetectableEffect(int n, double cv, double alpha) {
        if (n < 2 || Double.isNaN(cv)) {
            return Double.NaN;
        }
        double z = STANDARD_NORMAL.inverseCumulativeProbability(1 - alpha / 2)
                + STANDARD_NORMAL.inverseCumulativeProbability(0.8);
        return z * cv * Math.sqrt(2.0 / n) / Math.sqrt(0.955);
    }
}
