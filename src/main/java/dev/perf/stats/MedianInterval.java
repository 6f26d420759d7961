package dev.perf.stats;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.math3.distribution.BinomialDistribution;

/**
 * The distribution-free confidence interval of a median from order statistics.
 *
 * <p>The number of sample values below the population median is Binomial(n, ½); starting from its mode,
 * the most probable intervals between order statistics are added (the left one first on equal
 * probability) until their mass reaches the requested confidence. The bounds are then the order statistics
 * x(lo) and x(hi) (1-based); a bound outside 1..n is infinite, which happens when n is too small for the
 * confidence (n < 6 at 95 %). The same construction as Go's benchstat. Pure and thread-safe.
 *
 * @param lowerOrder 1-based order statistic of the lower bound; below 1 means −∞
 * @param upperOrder 1-based order statistic of the upper bound; above n means +∞
 * @param confidence the confidence actually reached (at least the one requested)
 */
public record MedianInterval(int lowerOrder, int upperOrder, double confidence) {

    /** The order statistics bounding the median's interval for a sample of {@code n} at {@code level}. */
    public static MedianInterval of(int n, double level) {
        return CACHE.computeIfAbsent(List.of((double) n, level), k -> compute(n, level));
    }

    /** Depends only on (n, level): comparisons of many metrics reuse it. */
    private static final Map<List<Double>, MedianInterval> CACHE = new ConcurrentHashMap<>();

    private static MedianInterval compute(int n, double level) {
        if (n < 1) {
            return new MedianInterval(0, 1, 1);
        }
        BinomialDistribution below = new BinomialDistribution(null, n, 0.5);
        int mode = (int) Math.ceil((n + 1) * 0.5) - 1;
        double mass = below.probability(mode);
        int left = mode;
        int right = mode + 1;
        double leftP = below.probability(left - 1);
        double rightP = below.probability(right);
        while (mass < level && (leftP > 0 || rightP > 0)) {
            if (leftP >= rightP) {
                mass += leftP;
                left--;
                leftP = below.probability(left - 1);
            } else {
                mass += rightP;
                right++;
                rightP = below.probability(right);
            }
        }
        return new MedianInterval(Math.max(left, 0), Math.min(right, n + 1), mass);
    }

    /** The smallest sample size whose interval at {@code level} is finite on both sides. */
    public static int samplesNeeded(double level) {
        for (int n = 2; n <= 1000; n++) {
            MedianInterval ci = of(n, level);
            if (ci.lowerOrder() >= 1 && ci.upperOrder() <= n) {
                return n;
            }
        }
        return 1000;
    }

    /** The interval's bounds in {@code values} (any order); infinite where the order is out of range. */
    public double[] bounds(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double lo = lowerOrder < 1 ? Double.NEGATIVE_INFINITY : sorted[lowerOrder - 1];
        double hi = upperOrder > sorted.length ? Double.POSITIVE_INFINITY : sorted[upperOrder - 1];
        return new double[] {lo, hi};
    }
}
