package dev.perf.compare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perf.result.FailOn;
import org.junit.jupiter.api.Test;

/** The gate's exit decision, on every level of {@code --fail-on}: the truth table. */
class GateTest {

    @Test
    void aFailedBenchmarkTripsEveryLevel_evenNever() {
        Gate failed = new Gate(0, 0, 0, 1);
        for (FailOn level : FailOn.values()) {
            assertThat(failed.trips(level)).as(level.name()).isTrue();
            assertThat(failed.why(level)).isEqualTo("gate failed");
        }
    }

    @Test
    void eachCountTripsTheLevelsThatCountIt() {
        Gate fail = new Gate(1, 0, 0, 0);
        Gate warn = new Gate(0, 1, 0, 0);
        Gate inconclusive = new Gate(0, 0, 1, 0);
        for (FailOn level : FailOn.values()) {
            assertThat(fail.trips(level)).as("fail at " + level).isEqualTo(level.trips(1, 0, 0));
            assertThat(warn.trips(level)).as("warn at " + level).isEqualTo(level.trips(0, 1, 0));
            assertThat(inconclusive.trips(level)).as("inconclusive at " + level).isEqualTo(level.trips(0, 0, 1));
            assertThat(Gate.OPEN.trips(level)).isFalse();
        }
        assertThat(warn.trips(FailOn.fail)).isFalse();
        assertThat(warn.trips(FailOn.warn)).isTrue();
        assertThat(inconclusive.trips(FailOn.warn)).isFalse();
        assertThat(inconclusive.why(FailOn.inconclusive)).isEqualTo("inconclusive (--fail-on inconclusive)");
        assertThat(new Gate(1, 0, 3, 0).why(FailOn.inconclusive)).isEqualTo("gate failed");
        assertThat(warn.why(FailOn.warn)).isEqualTo("gate failed");
    }
}
