package dev.perf.stats;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * The relative change between two samples (b over a) as a Hodges–Lehmann estimate with its exact
 * distribution-free confidence interval.
 *
 * <p>When every value is positive the shift is estimated on the log scale: the median of all pairwise
 * log(bⱼ) − log(aᵢ), so the result is a ratio and "2× slower" and "2× faster" are symmetric. The interval
 * takes the k-th smallest and k-th largest pairwise difference, k from the exact null distribution of the
 * Mann-Whitney U (normal approximation above 50 per side); it needs no seed and is deterministic, unlike a
 * bootstrap, and is exact at the small n benchmarks have. With zero or negative values it falls back to
 * plain differences bⱼ − aᵢ relative to |median(a)|. Pure and thread-safe.
 */
public final class HodgesLehmann {
    private HodgesLehmann() {}

    /**
     * A relative change with its interval. With too few values for the level, the bounds are infinite.
     *
     * @param change estimated relative change: b/a − 1 (0.1 = 10 % larger)
     * @param lower lower bound of the change
     * @param upper upper bound of the change
     * @param level confidence level actually reached (≥ the requested one), NaN when unbounded
     */
    public record Change(double change, double lower, double upper, double level) {
        /** Whether the interval lies entirely above or entirely below zero. */
        public boolean excludesZero() {
            return lower > 0 || upper < 0;
        }
    }

    /** The relative change of {@code b} against {@code a} at confidence {@code level} (e.g. 0.95). */
    public static Change relativeChange(double[] a, double[] b, double level) {
        int n1 = a.length;
        int n2 = b.length;
        boolean positive =
                Arrays.stream(a).allMatch(v -> v > 0) && Arrays.stream(b).allMatch(v -> v > 0);
        // Logarithms once per value, not once per pair.
        double[] x = positive ? Arrays.stream(a).map(Math::log).toArray() : a;
        double[] y = positive ? Arrays.stream(b).map(Math::log).toArray() : b;
        double[] diffs = new double[n1 * n2];
        int k = 0;
        for (double xi : x) {
            for (double yj : y) {
                diffs[k++] = yj - xi;
            }
        }
        int m = diffs.length;
        double estimate = m % 2 == 1 ? select(diffs, m / 2) : (select(diffs, m / 2 - 1) + select(diffs, m / 2)) / 2;
        int order = lowerOrder(n1, n2, level);
        double lo = order < 1 ? Double.NEGATIVE_INFINITY : select(diffs, order - 1);
        double hi = order < 1 ? Double.POSITIVE_INFINITY : select(diffs, m - order);
        double reached = order < 1
                ? Double.NaN
                : REACHED.computeIfAbsent(
                        List.of((double) n1, (double) n2, level), key -> 1 - 2 * uCdf(order - 1, n1, n2));
        if (positive) {
            return new Change(Math.expm1(estimate), Math.expm1(lo), Math.expm1(hi), reached);
        }
        double scale = Math.abs(Summary.median(a));
        if (scale == 0) {
            return new Change(Double.NaN, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, Double.NaN);
        }
        return new Change(estimate / scale, lo / scale, hi / scale, reached);
    }

    /**
     * The largest k with P(U ≤ k − 1) ≤ (1 − level)/2: the interval is the k-th smallest to k-th largest
     * pairwise difference. Zero when no such k exists (samples too small).
     */
    static int lowerOrder(int n1, int n2, double level) {
        return ORDERS.computeIfAbsent(List.of((double) n1, (double) n2, level), k -> computeLowerOrder(n1, n2, level));
    }

    /** Critical orders depend only on (n1, n2, level): a comparison of many benchmarks reuses them. */
    private static final Map<List<Double>, Integer> ORDERS = new ConcurrentHashMap<>();

    private static final Map<List<Double>, Double> REACHED = new ConcurrentHashMap<>();

    private static int computeLowerOrder(int n1, int n2, double level) {
        double tail = (1 - level) / 2;
        if (n1 > MannWhitney.EXACT_LIMIT || n2 > MannWhitney.EXACT_LIMIT) {
            double z = new NormalDistribution(null, 0, 1).inverseCumulativeProbability(1 - tail);
            double k = n1 * (double) n2 / 2 - z * Math.sqrt(n1 * (double) n2 * (n1 + n2 + 1) / 12.0);
            return (int) Math.max(0, Math.floor(k));
        }
        int half = n1 * n2 / 2;
        double[] cumulative = MannWhitney.cumulative(n1, n2);
        int k = 0;
        while (k <= half && cumulative[k] <= tail) {
            k++;
        }
        return k; // P(U <= k-1) <= tail, P(U <= k) > tail
    }

    private static double uCdf(int u, int n1, int n2) {
        return u < 0 ? 0 : MannWhitney.cdfWithoutTies(u, n1, n2);
    }

    /**
     * The k-th smallest (0-based) of {@code x} by quickselect, reordering {@code x} in place: O(n) instead of
     * the sort's O(n log n), which matters at 50 × 50 pairs per metric and thousands of metrics.
     */
    static double select(double[] x, int k) {
        int lo = 0;
        int hi = x.length - 1;
        while (lo < hi) {
            double pivot = x[(lo + hi) >>> 1];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (x[i] < pivot) {
                    i++;
                }
                while (x[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    double t = x[i];
                    x[i] = x[j];
                    x[j] = t;
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return x[k];
            }
        }
        return x[k];
    }
}
