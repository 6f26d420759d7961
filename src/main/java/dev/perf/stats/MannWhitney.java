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
 * test is meaningless: p = 1 and {@link Result#allEqual()} is set.
 *
 * <p>Two-sided means both tails of the one null distribution: p = P(|U₁ − n₁n₂/2| ≥ |u₁ − n₁n₂/2|). With
 * ties that distribution is not symmetric in general, so doubling one tail is wrong; computed this way p
 * does not depend on the order of the arguments. Pure and thread-safe.
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
        Ranks r = ranks(a, b);
        double u1 = r.u1();
        List<Integer> groups = r.groups();
        boolean ties = r.ties();
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
            p = twoSidedWithTies(u1, n1, n2, groups);
        } else {
            p = Math.min(1.0, 2 * cdfWithoutTies((int) Math.round(u), n1, n2));
        }
        return new Result(u, p, n1, n2, exact, false);
    }

    /**
     * The one-sided exact p that {@code b} tends to be larger than {@code a}: P(U_b ≥ u_b) under the null,
     * where U_b counts the pairs that {@code b} wins (ties ½). Exact up to the same sizes as {@link #test};
     * beyond them the normal approximation with tie and continuity correction.
     */
    public static double greater(double[] a, double[] b) {
        int n1 = a.length;
        int n2 = b.length;
        if (n1 == 0 || n2 == 0) {
            throw new IllegalArgumentException("both samples need at least one value");
        }
        Ranks r = ranks(a, b);
        double uB = (double) n1 * n2 - r.u1();
        if (r.groups().size() == 1) {
            return 1.0;
        }
        if (r.ties() ? n1 > EXACT_TIES_LIMIT || n2 > EXACT_TIES_LIMIT : n1 > EXACT_LIMIT || n2 > EXACT_LIMIT) {
            double n = n1 + n2;
            double tieSum = 0;
            for (int t : r.groups()) {
                tieSum += (double) t * t * t - t;
            }
            double sigma = Math.sqrt(n1 * (double) n2 * ((n + 1) - tieSum / (n * (n - 1))) / 12);
            double z = (uB - n1 * (double) n2 / 2 - 0.5) / sigma;
            return 1 - STANDARD_NORMAL.cumulativeProbability(z);
        }
        if (!r.ties()) {
            // symmetric: P(U_b ≥ u) = P(U ≤ n1·n2 − u)
            int below = (int) Math.round((double) n1 * n2 - uB);
            return below * 2 <= n1 * n2
                    ? cdfWithoutTies(below, n1, n2)
                    : 1 - cdfWithoutTies(n1 * n2 - below - 1, n1, n2);
        }
        // U_b ≥ u_b is U_1 ≤ u_1: sum the lower part of U_1's distribution (doubled values)
        double[] dist = distributionWithTies(n1, n2, r.groups());
        long limit = Math.round(2 * r.u1());
        double mass = 0;
        for (int twoU = 0; twoU <= limit && twoU < dist.length; twoU++) {
            mass += dist[twoU];
        }
        return Math.min(1.0, mass);
    }

    /** Mid-rank bookkeeping of a merged sample: U of the first sample, the tie groups, whether any tie. */
    private record Ranks(double u1, List<Integer> groups, boolean ties) {}

    private static Ranks ranks(double[] a, double[] b) {
        int n1 = a.length;
        int n2 = b.length;
        double[] x = a.clone();
        double[] y = b.clone();
        Arrays.sort(x);
        Arrays.sort(y);
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
            rankSum1 += (position + (run + 1) / 2.0) * in1;
            position += run;
            groups.add(run);
            ties |= run > 1;
        }
        return new Ranks(rankSum1 - n1 * (n1 + 1) / 2.0, groups, ties);
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
     * The two-sided exact p given the tie groups: every choice of which pooled positions belong to the first
     * sample is equally likely; within a group of t equal values only how many (a) are chosen matters (C(t, a)
     * ways). Dynamic programming over groups on (values of sample 1 placed, 2U₁ so far) gives the whole null
     * distribution of U₁; p sums both tails at least as far from the centre n₁n₂/2 as the observed u₁.
     */
    static double twoSidedWithTies(double u1, int n1, int n2, List<Integer> groups) {
        double[] dist = distributionWithTies(n1, n2, groups);
        long centre = (long) n1 * n2; // n1·n2/2, doubled
        double observed = Math.abs(Math.round(2 * u1) - centre);
        double extreme = 0;
        for (int twoU = 0; twoU < dist.length; twoU++) {
            if (Math.abs(twoU - centre) >= observed) {
                extreme += dist[twoU];
            }
        }
        return Math.min(1.0, extreme);
    }

    /** The null distribution of 2U₁ given the tie groups: probability by doubled value, 0..2·n1·n2. */
    private static double[] distributionWithTies(int n1, int n2, List<Integer> groups) {
        int max = 2 * n1 * n2;
        double[][] ways = new double[n1 + 1][max + 1];
        ways[0][0] = 1;
        int before = 0;
        for (int t : groups) {
            double[][] next = new double[n1 + 1][max + 1];
            for (int used = 0; used <= Math.min(n1, before); used++) {
                int secondBelow = before - used;
                if (secondBelow > n2) {
                    continue;
                }
                for (int twoU = 0; twoU <= max; twoU++) {
                    double w = ways[used][twoU];
                    if (w == 0) {
                        continue;
                    }
                    for (int take = 0; take <= t && used + take <= n1; take++) {
                        if (secondBelow + t - take > n2) {
                            continue;
                        }
                        // each taken value beats the second sample's values below it and ties half its group
                        int add = 2 * take * secondBelow + take * (t - take);
                        next[used + take][twoU + add] += w * CombinatoricsUtils.binomialCoefficientDouble(t, take);
                    }
                }
            }
            ways = next;
            before += t;
        }
        double total = CombinatoricsUtils.binomialCoefficientDouble(n1 + n2, n1);
        double[] dist = new double[max + 1];
        for (int twoU = 0; twoU <= max; twoU++) {
            dist[twoU] = ways[n1][twoU] / total;
        }
        return dist;
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
