package dev.perf.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

class MultipleTestingTest {
    private static final double[] P = {0.01, 0.04, 0.03, 0.005, Double.NaN};

    @Test
    void benjaminiHochberg_matchesHandComputedQValues() {
        double[] q = MultipleTesting.adjust(P, MultipleTesting.Method.BH);
        // sorted: 0.005 (x4/1 = 0.02), 0.01 (x4/2 = 0.02), 0.03 (x4/3 = 0.04), 0.04 (x4/4 = 0.04)
        assertThat(q[3]).isCloseTo(0.02, offset(1e-12));
        assertThat(q[0]).isCloseTo(0.02, offset(1e-12));
        assertThat(q[2]).isCloseTo(0.04, offset(1e-12));
        assertThat(q[1]).isCloseTo(0.04, offset(1e-12));
        assertThat(q[4]).isNaN();
    }

    @Test
    void holm_matchesHandComputedValues() {
        double[] q = MultipleTesting.adjust(P, MultipleTesting.Method.HOLM);
        // 0.005x4 = 0.02, 0.01x3 = 0.03, 0.03x2 = 0.06, 0.04x1 = 0.04 -> monotone 0.06
        assertThat(q[3]).isCloseTo(0.02, offset(1e-12));
        assertThat(q[0]).isCloseTo(0.03, offset(1e-12));
        assertThat(q[2]).isCloseTo(0.06, offset(1e-12));
        assertThat(q[1]).isCloseTo(0.06, offset(1e-12));
    }

    @Test
    void none_returnsTheInput() {
        assertThat(MultipleTesting.adjust(new double[] {0.2}, MultipleTesting.Method.NONE))
                .containsExactly(0.2);
    }
}
