package dev.perf.stats;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Adjusted p-values for many tests at once, so that comparing 200 benchmarks does not flag ten by chance.
 * Pure and thread-safe.
 */
public final class MultipleTesting {
    private MultipleTesting() {}

    /** The adjustments offered. */
    public enum Method {
        /** Benjamini–Hochberg: controls the false discovery rate (default). */
        BH,
        /** Holm step-down: controls the family-wise error rate; stricter. */
        HOLM,
        /** No adjustment. */
        NONE
    }

    /** Adjusted p-values (q-values for BH), in the order of {@code p}. NaN entries stay NaN and do not count. */
    public static double[] adjust(double[] p, Method method) {
        Integer[] order = IntStream.range(0, p.length)
                .filter(i -> !Double.isNaN(p[i]))
                .boxed()
                .sorted(Comparator.comparingDouble(i -> p[i]))
                .toArray(Integer[]::new);
        int m = order.length;
        double[] q = new double[p.length];
        Arrays.fill(q, Double.NaN);
        switch (method) {
            case NONE -> {
                for (int i : order) {
                    q[i] = p[i];
                }
            }
            case BH -> {
                double running = 1;
                for (int rank = m; rank >= 1; rank--) {
                    int i = order[rank - 1];
                    running = Math.min(running, p[i] * m / rank);
                    q[i] = Math.min(1, running);
                }
            }
            case HOLM -> {
                double running = 0;
                for (int rank = 1; rank <= m; rank++) {
                    int i = order[rank - 1];
                    running = Math.max(running, Math.min(1, (m - rank + 1) * p[i]));
                    q[i] = running;
                }
            }
        }
        return q;
    }
}
