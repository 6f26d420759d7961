package dev.perf.stats;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * Welch's unequal-variances t-test, two-sided, with the Welch–Satterthwaite degrees of freedom; the t
 * distribution is commons-math3's. Pure and thread-safe.
 */
public final class Welch {
    private Welch() {}

    /**
     * The outcome of one test.
     *
     * @param t the t statistic (mean of b minus mean of a, over the standard error)
     * @param df Welch–Satterthwaite degrees of freedom
     * @param p two-sided p-value
     */
    public record Result(double t, double df, double p) {}

    /** Tests whether the means of {@code a} and {@code b} differ; each needs at least two values. */
    public static Result test(double[] a, double[] b) {
        if (a.length < 2 || b.length < 2) {
            throw new IllegalArgumentException("Welch's t-test needs at least two values per sample");
        }
        double ma = mean(a);
        double mb = mean(b);
        double va = variance(a, ma) / a.length;
        double vb = variance(b, mb) / b.length;
        double se2 = va + vb;
        if (se2 == 0) {
            return new Result(
                    ma == mb ? 0 : Math.copySign(Double.POSITIVE_INFINITY, mb - ma), Double.NaN, ma == mb ? 1 : 0);
        }
        double t = (mb - ma) / Math.sqrt(se2);
        double df = se2 * se2 / (va * va / (a.length - 1) + vb * vb / (b.length - 1));
        double p = 2 * new TDistribution(null, df).cumulativeProbability(-Math.abs(t));
        return new Result(t, df, Math.min(1, p));
    }

    /**
     * The one-sided p that the mean of {@code b} is larger than the mean of {@code a}: 1 − F(t) with the Welch–
     * Satterthwaite degrees of freedom. Each sample needs at least two values; with no spread at all p is 0
     * when b's mean is larger, else 1.
     */
    public static double greater(double[] a, double[] b) {
        if (a.length < 2 || b.length < 2) {
            throw new IllegalArgumentException("Welch's t-test needs at least two values per sample");
        }
        double ma = mean(a);
        double mb = mean(b);
        double va = variance(a, ma) / a.length;
        double vb = variance(b, mb) / b.length;
        double se2 = va + vb;
        if (se2 == 0) {
            return mb > ma ? 0 : 1;
        }
        double t = (mb - ma) / Math.sqrt(se2);
        double df = se2 * se2 / (va * va / (a.length - 1) + vb * vb / (b.length - 1));
        return 1 - new TDistribution(null, df).cumulativeProbability(t);
    }

    static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    static double variance(double[] x, double mean) {
        double s = 0;
        for (double v : x) {
            s += (v - mean) * (v - mean);
        }
        return s / (x.length - 1);
    }
}
