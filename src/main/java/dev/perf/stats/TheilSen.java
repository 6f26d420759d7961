package dev.perf.stats;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * The Theil–Sen estimate of a trend: the slope is the median of the slopes of all pairs of points, robust to
 * outliers (up to 29 % of them); its distribution-free confidence interval is Sen's (1968, eq. 2.6), from the
 * variance of Kendall's S with ties; the intercept is median(y) − slope · median(x). The same estimate and
 * interval as SciPy's {@code theilslopes}. Pure.
 */
public final class TheilSen {
    private TheilSen() {}

    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1);

    /**
     * A trend.
     *
     * @param n points used
     * @param slope the median pairwise slope, y units per x unit
     * @param lower lower bound of its interval
     * @param upper upper bound
     * @param intercept median(y) − slope · median(x)
     */
    public record Fit(int n, double slope, double lower, double upper, double intercept) {}

    /** The trend of {@code y} over {@code x} with a {@code confidence} interval; at least 3 points. */
    public static Fit fit(double[] x, double[] y, double confidence) {
        if (x.length != y.length || x.length < 3) {
            throw new IllegalArgumentException("a trend needs at least 3 points of x and y, was " + x.length);
        }
        int n = x.length;
        double[] slopes = new double[n * (n - 1) / 2];
        int k = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double dx = x[j] - x[i];
                if (dx > 0) {
                    slopes[k++] = (y[j] - y[i]) / dx;
                } else if (dx < 0) {
                    slopes[k++] = (y[i] - y[j]) / -dx;
                }
            }
        }
        if (k == 0) {
            throw new IllegalArgumentException("a trend needs at least two distinct x values");
        }
        slopes = Arrays.copyOf(slopes, k);
        Arrays.sort(slopes);
        double slope = median(slopes);
        double z = -STANDARD_NORMAL.inverseCumulativeProbability((1 - confidence) / 2);
        double variance = (n * (n - 1.0) * (2 * n + 5) - ties(x) - ties(y)) / 18.0;
        double sigma = Math.sqrt(variance);
        int upper = (int) Math.min(Math.round((k + z * sigma) / 2), k - 1);
        int lower = (int) Math.max(Math.round((k - z * sigma) / 2) - 1, 0);
        double intercept = median(sorted(y)) - slope * median(sorted(x));
        return new Fit(n, slope, slopes[lower], slopes[upper], intercept);
    }

    /** Σ t(t−1)(2t+5) over the groups of equal values. */
    private static double ties(double[] v) {
        Map<Double, Integer> counts = new HashMap<>();
        for (double d : v) {
            counts.merge(d, 1, Integer::sum);
        }
        double sum = 0;
        for (int t : counts.values()) {
            sum += t * (t - 1.0) * (2 * t + 5);
        }
        return sum;
    }

    private static double[] sorted(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        return c;
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
