package dev.perf.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perf.result.LoadDetails;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When perf's own CPU says the generator was the limit: whole seconds only, every core busy. */
class HostSaturationTest {
    private static LoadDetails.HostSample perf(long second, double cpuPercent) {
        return new LoadDetails.HostSample(second, 50, 60, 1.0, 1L << 30, cpuPercent, 100L << 20, Double.NaN, -1);
    }

    @Test
    void theFinalPartialSecond_cannotMakeARunGeneratorBound() {
        int cores = Runtime.getRuntime().availableProcessors();
        // a 1 s knee step: one whole second at a quarter of the machine, then a few ms read as 500 % at tick
        // granularity (MixAndKneeTest once stopped its search on that)
        assertThat(HostSampler.saturation(List.of(perf(1, 25.0 * cores), perf(2, 500.0 * cores))))
                .isNull();
        assertThat(HostSampler.saturation(List.of(perf(1, 25.0 * cores), perf(2, 25.0 * cores), perf(3, 999))))
                .isNull();
        assertThat(HostSampler.saturation(List.of(perf(1, 99.0 * cores), perf(2, 98.0 * cores), perf(3, 5))))
                .startsWith("perf itself used " + Math.round(98.5 * cores) + "% CPU of " + cores + " cores");
        assertThat(HostSampler.saturation(List.of())).isNull();
    }
}
