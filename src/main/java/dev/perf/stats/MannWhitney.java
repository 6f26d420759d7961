package dev.perf.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.util.CombinatoricsUtils;

/**
 * The two-sided Mann-Whitney U (Wilcoxon rank-sum) test with an exact null distribution for small samples.
 *
 * <p>Ties get mid-ranks and count ½ in U. The p-value is exact — the permutation distribution of U given
 * the observed tie structure — when both samples have at most {@value #EXACT_LIMIT} values and there are no
 * ties, or at most {@value #EXACT_TIES_LIMIT} values with ties; beyond that it is the normal approximation
 * with tie and continuity correction. (commons-math3's {@code MannWhitneyUTest} always uses the normal
 * approximation, which is anti-conservative for small n.) When every value of both samples is equal the
 * test is meaningless: p = 1 and {@link Result#allEqual()} is set. Pure and thread-safe.
 */
public final class MannWhitney {
    /** Largest sample size (each side) for the exact distribution without ties. */
    public static final int EXACT_LIMIT = 50;
    /** Largest sample size (each side) for the exact distribution with ties. */
    public static final int EXACT_TIES_LIMIT = 25;

    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1);

    private MannWhitney() {}

    /**
     * The outcome of one test.
     *
     * @param u the smaller of U₁ and U₂ (pairs won by one side, ties counting ½)
     * @param p two-sided p-value
     * @param n1 size of the first sample
     * @param n2 size of the second sample
     * @param exact whether p comes from the exact distribution
     * @param allEqual whether every value of both samples is equal (p is then 1)
     */
    public record Result(double u, double p, int n1, int n2, boolean exact, boolean allEqual) {}

    /** Tests whether {@code a} and {@code b} differ in location. Both must be non-empty and free of NaN. */
    public static Result test(double[] a, double[] b) {
        int n1 = a.length;
        int n2 = b.length;
        if (n1 == 0 || n2 == 0) {
            throw new IllegalArgumentException("both samples need at least one value");
        }
        double[] x = a.clone();
        double[] y = b.clone();
        Arrays.sort(x);
        Arrays.sort(y);
        // Merge, assigning mid-ranks to runs of equal values; remember the run lengths (tie groups).
        List<Integer> groups = new ArrayList<>();
        double rankSum1 = 0;
        int i = 0;
        int j = 0;
        int position = 0;
        boolean ties = false;
        while (i < n1 || j < n2) {
            double v = i < n1 && (j >= n2 || x[i] <= y[j]) ? x[i] : y[j];
            int in1 = 0;
            int in2 = 0;
            while (i < n1 && x[i] == v) {
                i++;
                in1++;
            }
            while (j < n2 && y[j] == v) {
                j++;
                in2++;
            }
            int run = in1 + in2;
            double midRank = position + (run + 1) / 2.0;
            rankSum1 += midRank * in1;
            position += run;
            groups.add(run);
            ties |= run > 1;
        }
        double u1 = rankSum1 - n1 * (n1 + 1) / 2.0;
        double u2 = (double) n1 * n2 - u1;
        double u = Math.min(u1, u2);
        if (groups.size() == 1) {
            return new Result(u, 1.0, n1, n2, true, true);
        }
        boolean exact =
                ties ? n1 <= EXACT_TIES_LIMIT && n2 <= EXACT_TIES_LIMIT : n1 <= EXACT_LIMIT && n2 <= EXACT_LIMIT;
        double p;
        if (!exact) {
            p = normalApproximation(u, n1, n2, groups);
        } else if (u1 == u2) {
            // The distribution is symmetric about n1·n2/2: the whole mass is at or beyond u on one side.
            p = 1.0;
        } else if (ties) {
            p = Math.min(1.0, 2 * cdfWithTies(u, n1, n2, groups));
        } else {
            p = Math.min(1.0, 2 * cdfWithoutTies((int) Math.round(u), n1, n2));
        }
        return new Result(u, p, n1, n2, exact, false);
    }

    /** P(U ≤ u) without ties, from the cached table of (n1, n2). */
    static double cdfWithoutTies(int u, int n1, int n2) {
        double[] table = cumulative(n1, n2);
        return u < 0 ? 0 : u >= table.length ? 1 : table[u];
    }

    private static final Map<Long, double[]> CUMULATIVE = new ConcurrentHashMap<>();

    /**
     * P(U ≤ u) for u = 0..⌊n1·n2/2⌋ without ties, computed once per (n1, n2): a comparison of many benchmarks
     * with equal sample sizes shares one table. The counts of U are the coefficients of the Gaussian binomial
     * coefficient [n1+n2 choose n1]_q = Π (1 − q^(n2+k)) / (1 − q^k), k = 1..n1, truncated at the half.
     */
    static double[] cumulative(int n1, int n2) {
        return CUMULATIVE.computeIfAbsent(((long) n1 << 32) | n2, key -> {
            int max = n1 * n2 / 2;
            double[] c = new double[max + 1];
            c[0] = 1;
            for (int k = 1; k <= n1; k++) {
                int up = n2 + k;
                for (int d = max; d >= up; d--) {
                    c[d] -= c[d - up];
                }
                for (int d = k; d <= max; d++) {
                    c[d] += c[d - k];
                }
            }
            double total = CombinatoricsUtils.binomialCoefficientDouble(n1 + n2, n1);
            double running = 0;
            for (int i = 0; i <= max; i++) {
                running += c[i];
                c[i] = Math.min(1, running / total);
            }
            return c;
        });
    }

    /**
     * P(U ≤ u) given the tie groups: every choice of which pooled positions belong to the first sample is
     * equally likely; within a group only how many are chosen matters (C(t, a) ways). Dynamic programming
     * over groups on (values of sample 1 placed, 2U so far), truncated at 2u.
     */
    static double cdfWithTies(double u, int n1, int n2, List<Integer> groups) {
        int limit = (int) Math.round(2 * u);
        double[][] ways = new double[n1 + 1][limit + 1];
        ways[0][0] = 1;
        int before = 0;
        for (int t : groups) {
            double[][] next = new double[n1 + 1][limit + 1];
            for (int used = 0; used <= Math.min(n1, before); used++) {
                int secondBelow = before - used;
                if (secondBelow > n2) {
                    continue;
                }
                for (int twoU = 0; twoU <= limit; twoU++) {
                    double w = ways[used][twoU];
                    if (w == 0) {
                        continue;
                    }
                    for (int take = 0; take <= t && used + take <= n1; take++) {
                        if (secondBelow + t - take > n2) {
                            continue;
                        }
                        int add = 2 * take * secondBelow + take * (t - take);
                        if (twoU + add <= limit) {
                            next[used + take][twoU + add] += w * CombinatoricsUtils.binomialCoefficientDouble(t, take);
                        }
                    }
                }
            }
            ways = next;
            before += t;
        }
        double count = 0;
        for (double w : ways[n1]) {
            count += w;
        }
        return count / CombinatoricsUtils.binomialCoefficientDouble(n1 + n2, n1);
    }

    private static double normalApproximation(double u, int n1, int n2, List<Integer> groups) {
        double n = n1 + n2;
        double tieSum = 0;
        for (int t : groups) {
            tieSum += (double) t * t * t - t;
        }
        double mean = n1 * (double) n2 / 2;
        double sigma = Math.sqrt(n1 * (double) n2 * ((n + 1) - tieSum / (n * (n - 1))) / 12);
        double numerator = u - mean;
        numerator -= Math.signum(numerator) * 0.5;
        double z = numerator / sigma;
        double lower = STANDARD_NORMAL.cumulativeProbability(z);
        return Math.min(1.0, 2 * Math.min(lower, 1 - lower));
    }

    /** The smallest two-sided p-value the exact test can give with n values per side: 2 / C(2n, n). */
    public static double minimumP(int n) {
        return Math.min(1.0, 2 / CombinatoricsUtils.binomialCoefficientDouble(2 * n, n));
    }

    /** The fewest values per side with which the test can reach {@code alpha} (e.g. 4 for 0.05). */
    public static int samplesNeeded(double alpha) {
        int n = 1;
        while (minimumP(n) > alpha && n < 1000) {
            n++;
        }
        return n;
    }
}
