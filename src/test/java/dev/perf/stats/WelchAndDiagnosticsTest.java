package dev.perf.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

class WelchAndDiagnosticsTest {
    @Test
    void welch_matchesCommonsMath() {
        double[] a = {19.8, 20.4, 19.6, 17.8, 18.5, 18.9, 18.3, 18.9, 19.5, 22.0};
        double[] b = {28.2, 26.6, 20.1, 23.3, 25.2, 22.1, 17.7, 27.6, 20.6, 13.7, 23.2, 17.5, 20.6, 18.0, 23.9};
        Welch.Result r = Welch.test(a, b);
        double expected = new org.apache.commons.math3.stat.inference.TTest().tTest(a, b);
        assertThat(r.p()).isCloseTo(expected, offset(1e-12));
        assertThat(r.t()).isPositive();
    }

    @Test
    void welch_zeroVarianceIsDecidedByTheMeans() {
        assertThat(Welch.test(new double[] {1, 1}, new double[] {1, 1}).p()).isEqualTo(1);
        assertThat(Welch.test(new double[] {1, 1}, new double[] {2, 2}).p()).isEqualTo(0);
    }

    @Test
    void cv_isStddevOverMean() {
        assertThat(Diagnostics.cv(new double[] {9, 10, 11})).isCloseTo(0.1, offset(1e-12));
        assertThat(Diagnostics.cv(new double[] {5})).isNaN();
    }

    @Test
    void outliers_modifiedZScoreFindsTheStraggler() {
        assertThat(Diagnostics.outliers(new double[] {10, 10.1, 9.9, 10.2, 9.8, 30}))
                .containsExactly(5);
        assertThat(Diagnostics.outliers(new double[] {5, 5, 5, 5, 9})).containsExactly(4);
        assertThat(Diagnostics.outliers(new double[] {1, 2, 3, 4})).isEmpty();
    }

    @Test
    void minimumDetectableEffect_shrinksWithN() {
        double at10 = Diagnostics.minimumDetectableEffect(10, 0.05, 0.05);
        double at40 = Diagnostics.minimumDetectableEffect(40, 0.05, 0.05);
        assertThat(at10).isCloseTo(0.0641, offset(0.001));
        assertThat(at40).isCloseTo(at10 / 2, offset(1e-9));
    }
}
