package dev.perf.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Change points of a series by E-divisive means (Matteson &amp; James, 2014, with α = 1) and a permutation
 * test: the split that maximises the energy distance between the values before and after it is a change
 * point when fewer than {@code alpha} of {@code permutations} random reorderings of the segment reach as
 * large a distance; segments are split again until no split is significant. This is the method Hunter /
 * Otava started from; it assumes nothing about the distribution. Deterministic: the permutations come
 * from a fixed seed. Pure and thread-safe.
 */
public final class ChangePoints {
    /** Smallest number of values on either side of a change point. */
    public static final int MIN_SEGMENT = 3;

    private ChangePoints() {}

    /**
     * One change point.
     *
     * @param index index of the first value after the change
     * @param pValue permutation p-value of the split
     * @param meanBefore mean of the segment before it (up to the previous change point)
     * @param meanAfter mean of the segment after it (up to the next change point)
     */
    public record ChangePoint(int index, double pValue, double meanBefore, double meanAfter) {
        /** The change as a fraction of the mean before it: +0.2 is 20 % higher. */
        public double relativeChange() {
            return meanAfter / meanBefore - 1;
        }
    }

    /**
     * Change points with the defaults: α = 0.01, 999 permutations, seed 42. 999 rather than 199 because the
     * permutation p of a clean step is about 2 / C(n, k) (0.004 for 4 changed runs of 12): with 199
     * permutations its estimate lands at or above 0.01 about half the time, and the step is missed.
     */
    public static List<ChangePoint> find(double[] series) {
        return find(series, 0.01, PERMUTATIONS, 42);
    }

    /** Permutations of the default test. */
    public static final int PERMUTATIONS = 999;

    /** Change points of {@code series} in index order; an empty list when there are none. */
    public static List<ChangePoint> find(double[] series, double alpha, int permutations, long seed) {
        if (series.length < 2 * MIN_SEGMENT) {
            return List.of();
        }
        List<Split> found = new ArrayList<>();
        split(series, 0, series.length, alpha, permutations, seed, found);
        found.sort(Comparator.comparingInt(Split::at));
        List<ChangePoint> out = new ArrayList<>();
        for (int k = 0; k < found.size(); k++) {
            int from = k == 0 ? 0 : found.get(k - 1).at();
            int at = found.get(k).at();
            int to = k + 1 < found.size() ? found.get(k + 1).at() : series.length;
            out.add(new ChangePoint(at, found.get(k).pValue(), mean(series, from, at), mean(series, at, to)));
        }
        return List.copyOf(out);
    }

    private static void split(
            double[] series, int from, int to, double alpha, int permutations, long seed, List<Split> found) {
        double[] segment = Arrays.copyOfRange(series, from, to);
        Best best = best(segment);
        if (best == null || !(best.q > 0)) {
            return;
        }
        SplittableRandom random = new SplittableRandom(seed ^ (31L * from + to));
        double[] shuffled = segment.clone();
        int atLeast = 0;
        for (int p = 0; p < permutations; p++) {
            for (int i = shuffled.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                double t = shuffled[i];
                shuffled[i] = shuffled[j];
                shuffled[j] = t;
            }
            Best b = best(shuffled);
            if (b != null && b.q >= best.q) {
                atLeast++;
            }
        }
        double pValue = (atLeast + 1.0) / (permutations + 1.0);
        if (pValue >= alpha) {
            return;
        }
        int at = from + best.tau;
        found.add(new Split(at, pValue));
        split(series, from, at, alpha, permutations, seed, found);
        split(series, at, to, alpha, permutations, seed, found);
    }

    private record Split(int at, double pValue) {}

    private record Best(int tau, double q) {}

    /**
     * The split τ (first index of the right part) maximising Q(τ) = τ(n−τ)/n · (2·mean|x−y| − mean|x−x'| −
     * mean|y−y'|). O(n²): the within-part sums grow incrementally from either end.
     */
    private static Best best(double[] z) {
        int n = z.length;
        if (n < 2 * MIN_SEGMENT) {
            return null;
        }
        double[] left = new double[n + 1]; // left[t]: sum of |zi - zk| over pairs within z[0, t)
        for (int t = 1; t <= n; t++) {
            double add = 0;
            for (int i = 0; i < t - 1; i++) {
                add += Math.abs(z[t - 1] - z[i]);
            }
            left[t] = left[t - 1] + add;
        }
        double[] right = new double[n + 1]; // right[t]: sum over pairs within z[t, n)
        for (int t = n - 1; t >= 0; t--) {
            double add = 0;
            for (int j = t + 1; j < n; j++) {
                add += Math.abs(z[t] - z[j]);
            }
            right[t] = right[t + 1] + add;
        }
        double total = left[n];
        Best best = null;
        for (int tau = MIN_SEGMENT; tau <= n - MIN_SEGMENT; tau++) {
            int m = n - tau;
            double between = total - left[tau] - right[tau];
            double e = 2 * between / ((double) tau * m)
                    - 2 * left[tau] / ((double) tau * (tau - 1))
                    - 2 * right[tau] / ((double) m * (m - 1));
            double q = (double) tau * m / n * e;
            if (best == null || q > best.q) {
                best = new Best(tau, q);
            }
        }
        return best;
    }

    private static double mean(double[] z, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += z[i];
        }
        return sum / (to - from);
    }
}
