package dev.perf.stats;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * The geometric mean of paired ratios current/base with a t-interval over the log ratios: how much slower a
 * whole suite got. A ratio where higher is better is inverted, so above 0 always means worse. 0/0 counts as
 * a ratio of 1; x/0 makes the mean undefined. Pure.
 *
 * @param count how many pairs it covers
 * @param change geometric-mean ratio − 1
 * @param lower lower bound, NaN with fewer than two pairs
 * @param upper upper bound
 * @param note why the mean is partial or undefined, null when it is not
 */
public record GeometricMean(int count, double change, double lower, double upper, String note) {

    /** The mean of the ratios {@code current[i] / base[i]}, inverted where {@code higherIsBetter[i]}. */
    public static GeometricMean of(double[] base, double[] current, boolean[] higherIsBetter, double confidence) {
        List<Double> logs = new ArrayList<>();
        boolean undefined = false;
        boolean nonPositive = false;
        for (int i = 0; i < base.length; i++) {
            double a = base[i];
            double b = current[i];
            if (!(a > 0) || !(b > 0)) {
                nonPositive = true;
                if (a == 0 && b == 0) {
                    logs.add(0.0);
                } else {
                    undefined = true;
                }
                continue;
            }
            double log = Math.log(b / a);
            logs.add(higherIsBetter[i] ? -log : log);
        }
        String note = nonPositive ? "medians must be > 0 to compute a geomean" : null;
        if (base.length == 0 || undefined) {
            return new GeometricMean(base.length, Double.NaN, Double.NaN, Double.NaN, note);
        }
        int n = logs.size();
        double mean = logs.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        if (n < 2 || nonPositive) {
            return new GeometricMean(n, Math.expm1(mean), Double.NaN, Double.NaN, note);
        }
        double var = logs.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum() / (n - 1);
        double half = new TDistribution(null, n - 1).inverseCumulativeProbability(1 - (1 - confidence) / 2)
                * Math.sqrt(var / n);
        return new GeometricMean(n, Math.expm1(mean), Math.expm1(mean - half), Math.expm1(mean + half), null);
    }
}
