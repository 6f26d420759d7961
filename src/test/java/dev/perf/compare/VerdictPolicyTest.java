package dev.perf.compare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perf.result.Better;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The calibration goals of the verdict policy, by seeded simulation: suites of 20 benchmarks whose fork means
 * follow a noise shape with a given total CV. {@link VerdictCalibration} prints the same table with more
 * suites ({@code scripts/bench/verdict-calibration.sh}); docs/ci.md publishes it.
 */
class VerdictPolicyTest {
    static final int QUICK_FORKS = dev.perf.suite.Profile.QUICK.jmh().forks();
    static final int FULL_FORKS = dev.perf.suite.Profile.FULL.jmh().forks();
    private static final double WARN = 0.10;
    private static final double FAIL = 0.20;
    private static final double ALPHA = 0.05;

    /** How the fork means of one run scatter; every shape has the stated total CV. */
    enum Noise {
        /** Log-normal. */
        LOGNORMAL("log-normal"),
        /** A fifth of the forks in a second mode 1.5 CV above (JIT outcomes), log-normal around each mode. */
        BIMODAL("bimodal: 20% of forks 1.5 CV slower"),
        /** In one run of two, one fork 3 CV slower (a fork that met a noisy neighbour). */
        OUTLIER("one outlier fork: 3 CV slower, in half the runs"),
        /** Forks drift linearly by ±1 CV over the run (a machine warming up). */
        DRIFT("drift: ±1 CV across the forks");

        final String label;

        Noise(String label) {
            this.label = label;
        }

        double[] draw(Random random, int n, double cv, double scale) {
            double sigma = this == BIMODAL ? 0.8 * cv : cv;
            double s = Math.sqrt(Math.log(1 + sigma * sigma));
            int outlier = this == OUTLIER && random.nextBoolean() ? random.nextInt(n) : -1;
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                double m = 1;
                if (this == BIMODAL && random.nextDouble() < 0.2) {
                    m = 1 + 1.5 * cv;
                }
                if (i == outlier) {
                    m = 1 + 3 * cv;
                }
                if (this == DRIFT) {
                    m = 1 + cv * (2.0 * i / (n - 1) - 1);
                }
                x[i] = 100 * scale * m * Math.exp(s * random.nextGaussian() - s * s / 2);
            }
            return x;
        }
    }

    /**
     * Shares of simulated 20-benchmark suites with at least one fail, at least one flag (fail, warn or
     * improved) and at least one warn or fail; the first benchmark changed by {@code shiftOfOne}.
     */
    static double[] suiteRates(long seed, int suites, int forks, double cv, double shiftOfOne, Noise noise) {
        Random random = new Random(seed);
        int fails = 0;
        int flags = 0;
        int warnOrFail = 0;
        for (int s = 0; s < suites; s++) {
            boolean fail = false;
            boolean flag = false;
            boolean warn = false;
            for (int k = 0; k < 20; k++) {
                double shift = k == 0 ? shiftOfOne : 1.0;
                Verdict v = VerdictPolicy.decide(
                                noise.draw(random, forks, cv, 1),
                                noise.draw(random, forks, cv, shift),
                                Better.LOWER,
                                WARN,
                                FAIL,
                                ALPHA,
                                0.10,
                                0.5)
                        .verdict();
                fail |= v == Verdict.FAIL;
                warn |= v == Verdict.FAIL || v == Verdict.WARN;
                flag |= v == Verdict.FAIL || v == Verdict.WARN || v == Verdict.IMPROVED;
            }
            fails += fail ? 1 : 0;
            flags += flag ? 1 : 0;
            warnOrFail += warn ? 1 : 0;
        }
        return new double[] {(double) fails / suites, (double) flags / suites, (double) warnOrFail / suites};
    }

    @Test
    void aa_anyFailAtMostFivePercent_anyFlagAtMostTenPercent_everyNoiseShape_nFrom4_cvTo15() {
        long seed = 1;
        for (Noise noise : Noise.values()) {
            for (int forks : new int[] {4, 5, 10}) {
                for (double cv : new double[] {0.05, 0.10, 0.15}) {
                    double[] r = suiteRates(seed++, 400, forks, cv, 1.0, noise);
                    assertThat(r[0])
                            .as("A/A any fail, %s, %d forks, CV %.0f%%", noise, forks, cv * 100)
                            .isLessThanOrEqualTo(0.05);
                    assertThat(r[1])
                            .as("A/A any flag, %s, %d forks, CV %.0f%%", noise, forks, cv * 100)
                            .isLessThanOrEqualTo(0.10);
                }
            }
        }
    }

    @Test
    void power_loneThirtyPercentRegression_failsInNinetyPercent_atFiveForksAndCv5() {
        assertThat(suiteRates(3, 1000, 5, 0.05, 1.30, Noise.LOGNORMAL)[0]).isGreaterThanOrEqualTo(0.90);
    }

    @Test
    void power_loneTwentyPercentRegression_warnsOrFailsInNinetyPercent_atTenForksAndCv5() {
        assertThat(suiteRates(4, 1000, 10, 0.05, 1.20, Noise.LOGNORMAL)[2]).isGreaterThanOrEqualTo(0.90);
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
    void decide_tooFewReplicates_isInconclusive_sayingHowManyAreNeeded_evenForAHugeChange() {
        for (int n = 1; n <= 2; n++) {
            double[] base = new double[n];
            double[] current = new double[n];
            java.util.Arrays.fill(base, 100);
            java.util.Arrays.fill(current, 200);
            base[0] = 101;
            VerdictPolicy.Decision d = VerdictPolicy.decide(base, current, Better.LOWER, WARN, FAIL, ALPHA, 0.10, 0.3);
            assertThat(d.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
            assertThat(d.reason()).contains("need 3 samples per side to decide at α=0.05, have n=" + n + " per side");
        }
        assertThat(VerdictPolicy.samplesNeeded(0.05)).isEqualTo(3);
        assertThat(VerdictPolicy.samplesNeeded(0.01)).isEqualTo(5);
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
    void decide_aCountRisingFromZero_failsByTheAbsoluteRule_andFallingToZeroImproves() {
        double[] zero = {0, 0, 0, 0, 0};
        double[] twentyFour = {24, 24, 24, 24, 24};
        VerdictPolicy.Decision up = VerdictPolicy.decide(zero, twentyFour, Better.LOWER, 0.2, 0.5, ALPHA, 0.10, 0.008);
        assertThat(up.verdict()).as(up.reason()).isEqualTo(Verdict.FAIL);
        assertThat(up.reason()).contains("from 0 to 24");
        VerdictPolicy.Decision down =
                VerdictPolicy.decide(twentyFour, zero, Better.LOWER, 0.2, 0.5, ALPHA, 0.10, 0.008);
        assertThat(down.verdict()).as(down.reason()).isEqualTo(Verdict.IMPROVED);
    }

    @Test
    void floor_isOneForCountsPerOperation_andNoneForTime() {
        assertThat(VerdictPolicy.floor("B/op")).isEqualTo(1.0);
        assertThat(VerdictPolicy.floor("allocs/op")).isEqualTo(1.0);
        assertThat(VerdictPolicy.floor("ns/op")).isZero();
        assertThat(VerdictPolicy.floor("us/op")).isZero();
        assertThat(VerdictPolicy.floor("ops/s")).isZero();
        assertThat(VerdictPolicy.floor("ms")).isZero();
    }

    @Test
    void resolution_isTheStepTheValuesWereWrittenWith() {
        assertThat(VerdictPolicy.resolution(new double[] {4.05, 4.10}, new double[] {4.00}))
                .isEqualTo(0.01);
        assertThat(VerdictPolicy.resolution(new double[] {1234, 1250})).isEqualTo(1.0);
        assertThat(VerdictPolicy.resolution(new double[] {4.0123456789})).isEqualTo(0.0);
    }
}
