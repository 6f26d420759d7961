package dev.perf.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

class HodgesLehmannTest {
    @Test
    void relativeChange_ofAScaledSampleIsTheScale() {
        double[] a = {10, 11, 12, 13, 14, 15, 16, 17};
        double[] b = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            b[i] = a[i] * 1.25;
        }
        HodgesLehmann.Change c = HodgesLehmann.relativeChange(a, b, 0.95);
        assertThat(c.change()).isCloseTo(0.25, offset(0.05));
        assertThat(c.lower()).isLessThanOrEqualTo(c.change());
        assertThat(c.upper()).isGreaterThanOrEqualTo(c.change());
        assertThat(c.level()).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void relativeChange_separatedSamplesExcludeZero() {
        HodgesLehmann.Change c = HodgesLehmann.relativeChange(
                new double[] {100, 101, 102, 100, 101}, new double[] {120, 121, 119, 122, 120}, 0.95);
        assertThat(c.excludesZero()).isTrue();
        assertThat(c.lower()).isPositive();
    }

    @Test
    void relativeChange_tooFewValuesIsUnbounded() {
        HodgesLehmann.Change c = HodgesLehmann.relativeChange(new double[] {1, 2}, new double[] {3, 4}, 0.95);
        assertThat(c.lower()).isEqualTo(-1.0); // a ratio of 0: the change is bounded below by -100 %
        assertThat(c.upper()).isInfinite();
        assertThat(c.excludesZero()).isFalse();
    }

    @Test
    void lowerOrder_matchesTabulatedCriticalValues() {
        // Wilcoxon rank-sum critical values (two-sided 0.05): n1 = n2 = 10 -> U = 23, so k = 24
        assertThat(HodgesLehmann.lowerOrder(10, 10, 0.95)).isEqualTo(24);
        // n1 = n2 = 5 -> U = 2, k = 3
        assertThat(HodgesLehmann.lowerOrder(5, 5, 0.95)).isEqualTo(3);
    }

    @Test
    void relativeChange_withZerosFallsBackToDifferences() {
        HodgesLehmann.Change c =
                HodgesLehmann.relativeChange(new double[] {0, 2, 4, 2, 2}, new double[] {4, 6, 8, 6, 6}, 0.95);
        assertThat(c.change()).isCloseTo(2.0, offset(1e-9)); // +4 over |median 2|
    }

    @Test
    void select_findsEveryOrderStatisticOfSeededArrays() {
        java.util.Random random = new java.util.Random(3);
        for (int trial = 0; trial < 200; trial++) {
            double[] x = new double[1 + random.nextInt(60)];
            for (int i = 0; i < x.length; i++) {
                x[i] = random.nextInt(10); // many ties
            }
            double[] sorted = x.clone();
            java.util.Arrays.sort(sorted);
            int k = random.nextInt(x.length);
            assertThat(HodgesLehmann.select(x.clone(), k)).isEqualTo(sorted[k]);
        }
    }
}
