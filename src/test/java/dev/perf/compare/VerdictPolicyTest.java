package dev.perf.compare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perf.result.Better;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The calibration goals of the verdict policy, by seeded simulation: suites of 20 benchmarks whose fork
 * means are log-normal with a given CV, replicates as the quick (4 forks) and full (10 forks) profiles give.
 * {@code scripts/bench/verdict-calibration.sh} prints the same table with more suites.
 */
class VerdictPolicyTest {
    static final int QUICK_FORKS = dev.perf.suite.Profile.QUICK.jmh().forks();
    static final int FULL_FORKS = dev.perf.suite.Profile.FULL.jmh().forks();
    private static final double WARN = 0.10;
    private static final double FAIL = 0.20;
    private static final double ALPHA = 0.05;

    /** Share of simulated 20-benchmark suites with at least one verdict of {@code atLeast} or worse. */
    static double suiteRate(
            long seed, int suites, int forks, double cv, double shiftOfOne, Verdict atLeast, boolean bimodal) {
        Random random = new Random(seed);
        int hits = 0;
        for (int s = 0; s < suites; s++) {
            boolean hit = false;
            for (int k = 0; k < 20; k++) {
                double shift = k == 0 ? shiftOfOne : 1.0;
                Verdict v = VerdictPolicy.decide(
                                draw(random, forks, cv, 1, bimodal),
                                draw(random, forks, cv, shift, bimodal),
                                Better.LOWER,
                                WARN,
                                FAIL,
                                ALPHA,
                                0.10,
                                0.5)
                        .verdict();
                hit |= v == Verdict.FAIL || (atLeast == Verdict.WARN && v == Verdict.WARN);
            }
            hits += hit ? 1 : 0;
        }
        return (double) hits / suites;
    }

    /** Fork means: log-normal with the given CV; bimodal adds +15 % to a fifth of the forks (JIT outcomes). */
    static double[] draw(Random random, int n, double cv, double scale, boolean bimodal) {
        double sigma = Math.sqrt(Math.log(1 + cv * cv));
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            double jit = bimodal && random.nextDouble() < 0.2 ? 1.15 : 1;
            x[i] = 100 * scale * jit * Math.exp(sigma * random.nextGaussian() - sigma * sigma / 2);
        }
        return x;
    }

    @Test
    void aa_familyWiseFalseFails_atMostFivePercent_quickAndFull_cv3And10() {
        for (int forks : new int[] {QUICK_FORKS, FULL_FORKS}) {
            for (double cv : new double[] {0.03, 0.10}) {
                assertThat(suiteRate(1, 1000, forks, cv, 1.0, Verdict.FAIL, false))
                        .as("A/A, %d forks, CV %.0f%%", forks, cv * 100)
                        .isLessThanOrEqualTo(0.05);
                assertThat(suiteRate(2, 1000, forks, cv, 1.0, Verdict.FAIL, true))
                        .as("A/A bimodal, %d forks, CV %.0f%%", forks, cv * 100)
                        .isLessThanOrEqualTo(0.05);
            }
        }
    }

    @Test
    void power_loneThirtyPercentRegression_failsInNinetyPercent_withQuickSamples() {
        assertThat(suiteRate(3, 1000, QUICK_FORKS, 0.05, 1.30, Verdict.FAIL, false))
                .isGreaterThanOrEqualTo(0.90);
    }

    @Test
    void power_loneTwentyPercentRegression_warnsOrFailsInNinetyPercent_withFullSamples() {
        assertThat(suiteRate(4, 1000, FULL_FORKS, 0.05, 1.20, Verdict.WARN, false))
                .isGreaterThanOrEqualTo(0.90);
        assertThat(suiteRate(5, 1000, FULL_FORKS, 0.05, 1.20, Verdict.WARN, true))
                .isGreaterThanOrEqualTo(0.90);
    }

    @Test
    void decide_warnNeverBecomesFailByNoise_pointEstimateBelowFailThreshold() {
        // 15 % worse with a wide spread: at most warn, whatever the interval reaches
        double[] base = {100, 101, 99, 100, 100, 102, 98, 100, 101, 99};
        double[] current = {115, 116, 114, 115, 130, 100, 115, 114, 116, 115};
        VerdictPolicy.Decision d = VerdictPolicy.decide(base, current, Better.LOWER, WARN, FAIL, ALPHA, 0.10, 0.001);
        assertThat(d.verdict()).isEqualTo(Verdict.WARN);
    }

    @Test
    void decide_throughputDown_isARegression_andUpIsAnImprovement() {
        double[] base = {1000, 1010, 990, 1005};
        double[] down = {700, 705, 695, 702};
        double[] up = {1400, 1410, 1390, 1405};
        assertThat(VerdictPolicy.decide(base, down, Better.HIGHER, WARN, FAIL, ALPHA, 0.10, 0.03)
                        .verdict())
                .isEqualTo(Verdict.FAIL);
        assertThat(VerdictPolicy.decide(base, up, Better.HIGHER, WARN, FAIL, ALPHA, 0.10, 0.03)
                        .verdict())
                .isEqualTo(Verdict.IMPROVED);
    }

    @Test
    void decide_tooFewReplicates_isInconclusive_sayingHowManyAreNeeded() {
        VerdictPolicy.Decision d = VerdictPolicy.decide(
                new double[] {100, 101}, new double[] {150, 151}, Better.LOWER, WARN, FAIL, ALPHA, 0.10, 0.3);
        assertThat(d.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(d.reason()).contains("n=2 per side").contains("at least 3 per side");
    }

    @Test
    void decide_beyondWarnButNotSignificant_isInconclusive_notUnchanged() {
        double[] base = {100, 80, 120, 100};
        double[] current = {115, 95, 140, 110};
        VerdictPolicy.Decision d = VerdictPolicy.decide(base, current, Better.LOWER, WARN, FAIL, ALPHA, 0.10, 0.4);
        assertThat(d.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(d.reason()).contains("not significantly beyond");
    }

    @Test
    void floor_isOneByteAndOneNanosecondPerOperation() {
        assertThat(VerdictPolicy.floor("B/op")).isEqualTo(1.0);
        assertThat(VerdictPolicy.floor("ns/op")).isEqualTo(1.0);
        assertThat(VerdictPolicy.floor("us/op")).isEqualTo(0.001);
        assertThat(VerdictPolicy.floor("ops/s")).isZero();
        assertThat(VerdictPolicy.floor("ms")).isZero();
    }
}
