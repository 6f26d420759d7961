package dev.perf.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perf.load.record.PauseDetector;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** When the generator's own lateness makes a loop's verdicts inconclusive. */
class GeneratorBoundTest {
    private static Histogram lateBy(long millisForTwoPercent) {
        Histogram d = new Histogram(3);
        for (int i = 0; i < 980; i++) {
            d.recordValue(20_000); // 20 µs
        }
        for (int i = 0; i < 20; i++) {
            d.recordValue(millisForTwoPercent * 1_000_000);
        }
        return d;
    }

    @Test
    void latenessThatIsNoiseInTheMeasuredTail_isNotGeneratorBound() {
        // the StallGateIT case: a busy machine delayed 1 % of sends by 6 ms while the target stalled (p99 900 ms)
        assertThat(LoadResults.generatorBound(lateBy(6), Double.NaN, new PauseDetector(), false, 900e6))
                .isNull();
    }

    @Test
    void latenessThatIsALargePartOfTheTail_isGeneratorBound() {
        assertThat(LoadResults.generatorBound(lateBy(6), Double.NaN, new PauseDetector(), false, 2e6))
                .contains("lateness p99 6.0 ms is above 5 ms and above 10% of the response-time p99 (2.0 ms)");
    }

    @Test
    void latenessUnderTheLimit_isNeverGeneratorBound() {
        assertThat(LoadResults.generatorBound(lateBy(4), Double.NaN, new PauseDetector(), false, 1e6))
                .isNull();
    }

    @Test
    void theClosedModelHasNoSchedule_soNoLateness() {
        assertThat(LoadResults.generatorBound(lateBy(50), Double.NaN, new PauseDetector(), true, 1e6))
                .isNull();
    }

    @Test
    void busyEventLoops_areGeneratorBoundInTheOpenModelOnly() {
        assertThat(LoadResults.generatorBound(lateBy(0), 0.95, new PauseDetector(), false, 1e6))
                .contains("event loops were busy 95% of the time");
        assertThat(LoadResults.generatorBound(lateBy(0), 0.5, new PauseDetector(), false, 1e6))
                .isNull();
        assertThat(LoadResults.generatorBound(lateBy(0), 0.99, new PauseDetector(), true, 1e6))
                .isNull();
    }
}
