package dev.perf.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perf.result.BenchmarkResult;
import dev.perf.result.LoadDetails;
import dev.perf.result.Metric;
import dev.perf.suite.LoadSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The findMaxRate search on synthetic steps: where it goes, and where it must stop. */
class KneeSearchTest {
    private static final LoadSpec.FindMaxRate SEARCH =
            new LoadSpec.FindMaxRate("100/s", "12800/s", Duration.ofSeconds(1), Map.of("p99", "10ms"), 12);

    /** A step at {@code rate}: p99 1 ms below {@code kneePerSec}, 50 ms above; generator-bound from {@code bound}. */
    private static BenchmarkResult step(double rate, double kneePerSec, double generatorLimit) {
        boolean bound = rate >= generatorLimit;
        LoadDetails d = new LoadDetails(
                "open",
                "http://127.0.0.1/",
                rate,
                1_000_000_000L,
                0,
                new LoadDetails.Counters((long) rate, (long) rate, 0, (long) rate, 0, 0, 0, 0, 0, Map.of(), null),
                Map.of("throughput", rate, "p99", rate < kneePerSec ? 1.0 : 50.0, "errorRate", 0.0),
                "per-second windows",
                List.of(),
                new LoadDetails.Histograms("", "", ""),
                List.of(),
                List.of(),
                bound,
                bound ? "the generator's event loops were busy 97% of the time" : null,
                Instant.EPOCH,
                List.of());
        return new BenchmarkResult("loop", "load", null, Map.of(), BenchmarkResult.Status.ok, null, List.of(), d);
    }

    @Test
    void theTargetsKnee_isFoundAndReportedAsMaxRate() {
        BenchmarkResult r = KneeSearch.search(SEARCH, rate -> step(rate, 3000, Double.MAX_VALUE), () -> false);
        double max = r.metrics().stream()
                .filter(m -> m.name().equals("maxRate"))
                .mapToDouble(m -> m.samples().get(0).get(0))
                .findFirst()
                .orElseThrow();
        assertThat(max).isBetween(3000 / 1.05, 3000.0);
        assertThat(r.load().generatorBound()).isFalse();
        assertThat(r.load().curve()).hasSizeGreaterThan(6); // 100..6400 doubling, then bisection
    }

    @Test
    void aGeneratorBoundStep_endsTheSearch_withoutAMaxRate() {
        BenchmarkResult r = KneeSearch.search(SEARCH, rate -> step(rate, 100_000, 1600), () -> false);
        assertThat(r.metrics()).extracting(Metric::name).doesNotContain("maxRate");
        assertThat(r.load().generatorBound()).isTrue();
        assertThat(r.load().generatorBoundReason())
                .contains("findMaxRate stopped at 1600/s because the generator, not the target, was the limit")
                .contains("busy 97%")
                .contains("met the SLO up to 800/s at least");
        assertThat(r.load().curve())
                .extracting(LoadDetails.RateStep::ratePerSec)
                .containsExactly(100.0, 200.0, 400.0, 800.0, 1600.0);
    }
}
