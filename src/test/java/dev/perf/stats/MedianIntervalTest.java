package dev.perf.stats;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MedianIntervalTest {
    @Test
    void of_tenValuesAt95PercentUsesSecondAndNinthOrderStatistics() {
        MedianInterval ci = MedianInterval.of(10, 0.95);
        assertThat(ci.lowerOrder()).isEqualTo(2);
        assertThat(ci.upperOrder()).isEqualTo(9);
        assertThat(ci.confidence()).isBetween(0.978, 0.979);
    }

    @Test
    void of_fiveValuesIsUnboundedAndSixIsTheMinimum() {
        assertThat(MedianInterval.of(5, 0.95).lowerOrder()).isZero();
        assertThat(MedianInterval.of(5, 0.95).bounds(new double[] {1, 2, 3, 4, 5})[0])
                .isInfinite();
        MedianInterval six = MedianInterval.of(6, 0.95);
        assertThat(six.lowerOrder()).isEqualTo(1);
        assertThat(six.upperOrder()).isEqualTo(6);
        assertThat(MedianInterval.samplesNeeded(0.95)).isEqualTo(6);
    }

    @Test
    void of_reachesAtLeastTheRequestedConfidence() {
        for (int n = 6; n < 200; n++) {
            assertThat(MedianInterval.of(n, 0.95).confidence()).isGreaterThanOrEqualTo(0.95);
        }
    }

    @Test
    void bounds_pickOrderStatisticsOfTheSortedSample() {
        double[] gob = {3069, 3075, 3069, 3067, 3207, 3064, 3064, 3058, 3059, 3062};
        assertThat(MedianInterval.of(10, 0.95).bounds(gob)).containsExactly(3059, 3075);
    }
}
