package dev.perf.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ChangePointsTest {

    private static double[] series(long seed, double noise, double[] levels, int[] lengths) {
        Random random = new Random(seed);
        int n = 0;
        for (int l : lengths) {
            n += l;
        }
        double[] out = new double[n];
        int i = 0;
        for (int s = 0; s < levels.length; s++) {
            for (int k = 0; k < lengths[s]; k++) {
                out[i++] = levels[s] * (1 + noise * random.nextGaussian());
            }
        }
        return out;
    }

    @Test
    void find_locatesOneStep_withItsSize() {
        double[] z = series(1, 0.02, new double[] {100, 120}, new int[] {30, 20});
        List<ChangePoints.ChangePoint> found = ChangePoints.find(z);
        assertThat(found).hasSize(1);
        assertThat(found.get(0).index()).isEqualTo(30);
        assertThat(found.get(0).relativeChange()).isCloseTo(0.20, within(0.02));
        assertThat(found.get(0).pValue()).isLessThan(0.01);
    }

    @Test
    void find_locatesSeveralSteps_upAndDown() {
        double[] z = series(2, 0.02, new double[] {100, 130, 90}, new int[] {25, 25, 25});
        List<ChangePoints.ChangePoint> found = ChangePoints.find(z);
        assertThat(found).extracting(ChangePoints.ChangePoint::index).containsExactly(25, 50);
        assertThat(found.get(0).relativeChange()).isCloseTo(0.30, within(0.03));
        assertThat(found.get(1).relativeChange()).isCloseTo(90.0 / 130 - 1, within(0.03));
    }

    @Test
    void find_findsNothing_onFlatNoisySeries_overManySeeds() {
        int falseAlarms = 0;
        for (long seed = 0; seed < 400; seed++) {
            double[] z = series(seed, 0.05, new double[] {100}, new int[] {40});
            falseAlarms += ChangePoints.find(z).size();
        }
        // α = 0.01 per test: false alarms in at most 2 % of flat series (the rate the former 1-in-50 bar set,
        // measured over 400 series so that one draw more or less does not decide it)
        assertThat(falseAlarms).isLessThanOrEqualTo(8);
    }

    @Test
    void find_locatesANoiseFreeStep_ofFourRunsInTwelve() {
        double[] z = {32, 32, 32, 32, 32, 32, 32, 32, 56, 56, 56, 56};
        assertThat(ChangePoints.find(z))
                .extracting(ChangePoints.ChangePoint::index)
                .containsExactly(8);
        // the project's own samples/history: B/op of EventBusBench.publish
        double[] real = {
            32.0017, 32.0008, 32.0019, 32.0015, 32.0013, 32.0017, 32.0013, 32.0013, 56.003, 56.0017, 56.0037, 56.002
        };
        assertThat(ChangePoints.find(real))
                .extracting(ChangePoints.ChangePoint::index)
                .containsExactly(8);
    }

    @Test
    void find_isDeterministic() {
        double[] z = series(3, 0.05, new double[] {10, 11}, new int[] {15, 15});
        assertThat(ChangePoints.find(z)).isEqualTo(ChangePoints.find(z));
    }

    @Test
    void find_needsTwoMinimalSegments() {
        assertThat(ChangePoints.find(new double[] {1, 1, 1, 9, 9})).isEmpty();
        assertThat(ChangePoints.find(new double[] {})).isEmpty();
        assertThat(ChangePoints.find(new double[] {1, 1, 1, 9, 9, 9}, 0.2, 199, 1))
                .extracting(ChangePoints.ChangePoint::index)
                .containsExactly(3);
    }

    @Test
    void find_ignoresASingleOutlier() {
        double[] z = series(4, 0.02, new double[] {100}, new int[] {40});
        z[20] = 300;
        assertThat(ChangePoints.find(z)).isEmpty();
    }
}
