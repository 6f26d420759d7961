package dev.perf.stats;

import java.util.Arrays;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * Descriptive statistics of one sample: count, mean, median, sample standard deviation, extremes and a
 * confidence interval of the mean.
 *
 * <p>The interval is the one JMH reports as "score error": mean ± t(1 − (1 − level)/2, n − 1) · s/√n, so a
 * summary computed here from JMH's raw iteration scores matches JMH's own {@code scoreError}. With fewer
 * than two values the interval is undefined and both bounds are {@code NaN}. Immutable and thread-safe.
 *
 * @param n number of values
 * @param mean arithmetic mean
 * @param median middle value (mean of the two middle values for even n)
 * @param stddev sample standard deviation (n − 1 denominator); {@code NaN} for n < 2
 * @param min smallest value
 * @param max largest value
 * @param ci confidence interval of the mean
 */
public record Summary(int n, double mean, double median, double stddev, double min, double max, Interval ci) {

    /** The confidence level JMH uses for its score error. */
    public static final double JMH_LEVEL = 0.999;

    public Summary {
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative: " + n);
        }
        if (ci == null) {
            throw new IllegalArgumentException("ci must not be null");
        }
    }

    /**
     * A two-sided confidence interval.
     *
     * @param level confidence level in (0, 1), e.g. 0.999
     * @param lower lower bound, {@code NaN} when undefined
     * @param upper upper bound, {@code NaN} when undefined
     */
    public record Interval(double level, double lower, double upper) {
        public Interval {
            if (!(level > 0 && level < 1)) {
                throw new IllegalArgumentException("confidence level must be in (0, 1): " + level);
            }
        }

        /** Half the width of the interval: JMH's "± error". */
        public double halfWidth() {
            return (upper - lower) / 2;
        }
    }

    /** Summarizes {@code values} with a confidence interval of the mean at {@code level}. */
    public static Summary of(double[] values, double level) {
        int n = values.length;
        if (n == 0) {
            return new Summary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, nan(level));
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double sum = 0;
        for (double v : sorted) {
            sum += v;
        }
        double mean = sum / n;
        double median = medianOfSorted(sorted);
        if (n < 2) {
            return new Summary(n, mean, median, Double.NaN, sorted[0], sorted[n - 1], nan(level));
        }
        double squares = 0;
        for (double v : sorted) {
            squares += (v - mean) * (v - mean);
        }
        double stddev = Math.sqrt(squares / (n - 1));
        double t = new TDistribution(null, n - 1).inverseCumulativeProbability(1 - (1 - level) / 2);
        double half = t * stddev / Math.sqrt(n);
        return new Summary(
                n, mean, median, stddev, sorted[0], sorted[n - 1], new Interval(level, mean - half, mean + half));
    }

    /** The median of {@code values} (any order; not modified): the mean of the two middle values for even n. */
    public static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return medianOfSorted(sorted);
    }

    private static double medianOfSorted(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static Interval nan(double level) {
        return new Interval(level, Double.NaN, Double.NaN);
    }
}
