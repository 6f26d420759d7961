package dev.perf.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.Random;
import org.junit.jupiter.api.Test;

class MannWhitneyTest {

    /** p by enumerating every split of the pooled values: the definition of the exact test. */
    private static double bruteForceP(double[] a, double[] b) {
        double centre = (double) a.length * b.length / 2;
        double observed = Math.abs(u(a, b) - centre);
        return shareOfSplits(a, b, (x, y) -> Math.abs(u(x, y) - centre) >= observed - 1e-9);
    }

    /** The share of all splits of the pooled values into sizes of {@code a} and {@code b} that {@code test} accepts. */
    private static double shareOfSplits(
            double[] a, double[] b, java.util.function.BiPredicate<double[], double[]> test) {
        int n1 = a.length;
        int n = n1 + b.length;
        double[] pooled = new double[n];
        System.arraycopy(a, 0, pooled, 0, n1);
        System.arraycopy(b, 0, pooled, n1, b.length);
        long accepted = 0;
        long total = 0;
        for (int mask = 0; mask < (1 << n); mask++) {
            if (Integer.bitCount(mask) != n1) {
                continue;
            }
            double[] x = new double[n1];
            double[] y = new double[n - n1];
            int xi = 0;
            int yi = 0;
            for (int i = 0; i < n; i++) {
                if ((mask & (1 << i)) != 0) {
                    x[xi++] = pooled[i];
                } else {
                    y[yi++] = pooled[i];
                }
            }
            total++;
            if (test.test(x, y)) {
                accepted++;
            }
        }
        return Math.min(1, (double) accepted / total);
    }

    /** Pairs (x > y) plus half the ties. */
    private static double u(double[] x, double[] y) {
        double u = 0;
        for (double xi : x) {
            for (double yj : y) {
                u += xi > yj ? 1 : xi == yj ? 0.5 : 0;
            }
        }
        return u;
    }

    @Test
    void test_matchesEnumerationOnSeededSamplesWithAndWithoutTies() {
        Random random = new Random(20261122);
        for (int trial = 0; trial < 300; trial++) {
            int n1 = 1 + random.nextInt(7);
            int n2 = 1 + random.nextInt(7);
            boolean ties = trial % 2 == 0;
            double[] a = new double[n1];
            double[] b = new double[n2];
            double shift = random.nextInt(3);
            for (int i = 0; i < n1; i++) {
                a[i] = ties ? random.nextInt(4) : random.nextGaussian();
            }
            for (int i = 0; i < n2; i++) {
                b[i] = (ties ? random.nextInt(4) : random.nextGaussian()) + shift;
            }
            MannWhitney.Result r = MannWhitney.test(a, b);
            if (r.allEqual()) {
                assertThat(r.p()).isEqualTo(1.0);
                continue;
            }
            double expected = bruteForceP(a, b);
            assertThat(r.exact()).isTrue();
            assertThat(r.p())
                    .as("trial %d: %s vs %s", trial, java.util.Arrays.toString(a), java.util.Arrays.toString(b))
                    .isCloseTo(expected, offset(1e-12));
        }
    }

    @Test
    void test_isSymmetricInItsArguments_withTiesAndUnequalSizes() {
        Random random = new Random(20261130);
        for (int trial = 0; trial < 400; trial++) {
            double[] a =
                    random.ints(1 + random.nextInt(9), 0, 4).asDoubleStream().toArray();
            double[] b =
                    random.ints(1 + random.nextInt(12), 0, 5).asDoubleStream().toArray();
            assertThat(MannWhitney.test(a, b).p())
                    .as("%s vs %s", java.util.Arrays.toString(a), java.util.Arrays.toString(b))
                    .isCloseTo(MannWhitney.test(b, a).p(), offset(1e-12));
        }
    }

    @Test
    void test_tiesWithUnequalSizes_takeBothTailsOfOneDistribution() {
        // 4 against 7 with a large tie group: the null distribution of U is skewed, so doubling the smaller
        // tail gives the wrong p one way round. Enumeration is the definition.
        double[] a = {1, 1, 1, 2};
        double[] b = {1, 2, 2, 2, 2, 2, 2};
        double expected = bruteForceP(a, b);
        assertThat(MannWhitney.test(a, b).p()).isCloseTo(expected, offset(1e-12));
        assertThat(MannWhitney.test(b, a).p()).isCloseTo(expected, offset(1e-12));
    }

    /** One-sided p by enumeration: the share of splits whose second part wins at least as many pairs. */
    private static double bruteForceGreater(double[] a, double[] b) {
        double observed = u(b, a);
        return shareOfSplits(a, b, (x, y) -> u(y, x) >= observed - 1e-9);
    }

    @Test
    void greater_matchesEnumeration_withAndWithoutTies() {
        Random random = new Random(11);
        for (int trial = 0; trial < 300; trial++) {
            int n1 = 1 + random.nextInt(7);
            int n2 = 1 + random.nextInt(7);
            boolean ties = trial % 2 == 0;
            double shift = random.nextInt(3) - 1;
            double[] a = new double[n1];
            double[] b = new double[n2];
            for (int i = 0; i < n1; i++) {
                a[i] = ties ? random.nextInt(4) : random.nextGaussian();
            }
            for (int i = 0; i < n2; i++) {
                b[i] = (ties ? random.nextInt(4) : random.nextGaussian()) + shift;
            }
            double expected = a.length + b.length > 0 && allSame(a, b) ? 1.0 : bruteForceGreater(a, b);
            assertThat(MannWhitney.greater(a, b))
                    .as("trial %d: %s vs %s", trial, java.util.Arrays.toString(a), java.util.Arrays.toString(b))
                    .isCloseTo(expected, offset(1e-12));
        }
        // complete separation at 4 per side: 1 / C(8, 4)
        assertThat(MannWhitney.greater(new double[] {1, 2, 3, 4}, new double[] {5, 6, 7, 8}))
                .isCloseTo(1.0 / 70, offset(1e-15));
    }

    private static boolean allSame(double[] a, double[] b) {
        return java.util.stream.DoubleStream.concat(java.util.Arrays.stream(a), java.util.Arrays.stream(b))
                        .distinct()
                        .count()
                == 1;
    }

    @Test
    void test_knownValues() {
        // complete separation, n = 5 per side: 2 / C(10, 5)
        assertThat(MannWhitney.test(new double[] {1, 2, 3, 4, 5}, new double[] {6, 7, 8, 9, 10})
                        .p())
                .isCloseTo(2.0 / 252, offset(1e-15));
        // benchstat issue19634: a constant sample against one with a tie, p = 0.008
        assertThat(MannWhitney.test(new double[] {115, 114, 115, 115, 115}, new double[] {78.8, 78.8, 78.8, 78.8, 78.8})
                        .p())
                .isCloseTo(0.0079365, offset(1e-6));
    }

    @Test
    void test_singleValues_giveOne() {
        MannWhitney.Result r = MannWhitney.test(new double[] {100}, new double[] {101});
        assertThat(r.p()).isEqualTo(1.0);
        assertThat(r.n1()).isEqualTo(1);
    }

    @Test
    void test_allEqual_isFlaggedWithPOne() {
        MannWhitney.Result r = MannWhitney.test(new double[] {3, 3, 3}, new double[] {3, 3});
        assertThat(r.allEqual()).isTrue();
        assertThat(r.p()).isEqualTo(1.0);
    }

    @Test
    void test_largeSamplesUseTheNormalApproximation() {
        double[] a = new double[60];
        double[] b = new double[60];
        for (int i = 0; i < 60; i++) {
            a[i] = i;
            b[i] = i + 0.5;
        }
        MannWhitney.Result r = MannWhitney.test(a, b);
        assertThat(r.exact()).isFalse();
        assertThat(r.p()).isBetween(0.8, 1.0);
    }

    @Test
    void test_exactAtFiftyWithoutTiesAgreesWithTheNormalApproximationRoughly() {
        Random random = new Random(7);
        double[] a = random.doubles(50).toArray();
        double[] b = random.doubles(50).map(v -> v + 0.2).toArray();
        MannWhitney.Result r = MannWhitney.test(a, b);
        assertThat(r.exact()).isTrue();
        assertThat(r.p()).isBetween(0.0, 0.05);
    }

    @Test
    void minimumP_andSamplesNeeded() {
        assertThat(MannWhitney.minimumP(3)).isCloseTo(0.1, offset(1e-12));
        assertThat(MannWhitney.minimumP(4)).isCloseTo(0.02857142857142857, offset(1e-15));
        assertThat(MannWhitney.samplesNeeded(0.05)).isEqualTo(4);
        assertThat(MannWhitney.samplesNeeded(0.01)).isEqualTo(5);
    }

    @Test
    void commonsMathNormalApproximationIsAntiConservativeAtSmallN() {
        // Why we do not use commons-math3's MannWhitneyUTest: at n = 5 its p for complete separation is
        // ~0.012, while the exact p is 0.0079; at n = 3 it reports ~0.081 where no split can go below 0.1.
        double commons = new org.apache.commons.math3.stat.inference.MannWhitneyUTest()
                .mannWhitneyUTest(new double[] {1, 2, 3}, new double[] {4, 5, 6});
        assertThat(commons).isLessThan(0.1);
        assertThat(MannWhitney.test(new double[] {1, 2, 3}, new double[] {4, 5, 6})
                        .p())
                .isCloseTo(0.1, offset(1e-12));
    }
}
