package dev.perf.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perf.result.GeneratorBound;
import dev.perf.result.LoadDetails;
import dev.perf.suite.LoadSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Verdicts of load SLOs on whole-run values. */
class SloJudgeTest {
    private static final Map<String, LoadSpec.Slo> TARGETS =
            Map.of("p99", new LoadSpec.Slo("50ms", null), "throughput", new LoadSpec.Slo("10/s", null));

    @Test
    void latencyTargets_ofARunWhoseEveryOperationFailed_fail_evenWhenTheFailuresWereFast() {
        List<LoadDetails.TargetVerdict> v =
                SloJudge.judge(TARGETS, Map.of("p99", 0.2, "throughput", 100.0, "errorRate", 100.0), null);
        assertThat(v).filteredOn(t -> t.metric().equals("p99")).singleElement().satisfies(t -> {
            assertThat(t.status()).isEqualTo("fail");
            assertThat(t.reason()).startsWith("every operation failed");
        });
        // one success in the run: the latency is judged as usual
        assertThat(SloJudge.judge(TARGETS, Map.of("p99", 0.2, "throughput", 100.0, "errorRate", 99.9), null))
                .filteredOn(t -> t.metric().equals("p99"))
                .singleElement()
                .satisfies(t -> assertThat(t.status()).isEqualTo("pass"));
    }

    private static final String REASON = "perf's load threads waited 300 ms for a CPU";

    /** A bound whose schedule was not sent in full, with what perf can have added from {@code overall}. */
    private static LoadDetails.TargetVerdict judged(String metric, LoadSpec.Slo slo, Map<String, Double> overall) {
        return judged(metric, slo, overall, false);
    }

    private static LoadDetails.TargetVerdict judged(
            String metric, LoadSpec.Slo slo, Map<String, Double> overall, boolean delivered) {
        GeneratorBound bound =
                new GeneratorBound(REASON, delivered, overall.getOrDefault(GeneratorBound.ADDED_AT_MOST, Double.NaN));
        return SloJudge.judge(Map.of(metric, slo), overall, bound).get(0);
    }

    @Test
    void aGeneratorBoundRun_stillFailsALatencyTargetMissedByMoreThanPerfCanHaveAdded() {
        Map<String, Double> stalled = Map.of("p99", 1_000.0, "throughput", 400.0, GeneratorBound.ADDED_AT_MOST, 300.0);
        LoadDetails.TargetVerdict v = judged("p99", new LoadSpec.Slo("50ms", "100ms"), stalled);
        assertThat(v.status()).isEqualTo("fail");
        assertThat(v.reason())
                .isEqualTo("misses 100ms even with the 300.0 ms perf can have added to a response taken off"
                        + " (1000.0 − 300.0 = 700.0 ms) (generator-bound: " + REASON + ")");
        // within reach of perf's waits: nothing can be said
        assertThat(judged(
                                "p99",
                                new LoadSpec.Slo("50ms", "100ms"),
                                Map.of("p99", 350.0, GeneratorBound.ADDED_AT_MOST, 300.0))
                        .status())
                .isEqualTo("inconclusive");
        // no bound on what perf added (a busy or late loop, a stall): inconclusive, however far the miss
        assertThat(judged("p99", new LoadSpec.Slo("50ms", null), Map.of("p99", 1_000.0))
                        .status())
                .isEqualTo("inconclusive");
        // a starved perf sent less than asked: a throughput target is never judged on its run
        assertThat(judged("throughput", new LoadSpec.Slo("1000/s", null), stalled)
                        .status())
                .isEqualTo("inconclusive");
    }

    /**
     * For many generated runs with a known bound on perf's share, a generator-bound verdict is never a pass or
     * a warn, and it fails exactly when the value less that share still misses the loosest limit.
     */
    @Test
    void aGeneratorBoundRun_thatDidNotSendItsSchedule_neverPassesLatency_andFailsExactlyBeyondPerfsShare() {
        java.util.Random random = new java.util.Random(20261206);
        for (int i = 0; i < 5_000; i++) {
            double current = random.nextDouble() * 2_000;
            double added = random.nextDouble() * 1_000;
            int target = 1 + random.nextInt(500);
            Integer acceptable = random.nextBoolean() ? null : target + random.nextInt(500);
            String metric = List.of("p50", "p95", "p99", "max", "mean").get(random.nextInt(5));
            LoadDetails.TargetVerdict v = judged(
                    metric,
                    new LoadSpec.Slo(target + "ms", acceptable == null ? null : acceptable + "ms"),
                    Map.of(metric, current, GeneratorBound.ADDED_AT_MOST, added));
            double loosest = acceptable == null ? target : acceptable;
            assertThat(v.status())
                    .as("%s %.3f − %.3f against %.0f", metric, current, added, loosest)
                    .isEqualTo(current - added > loosest ? "fail" : "inconclusive");
        }
    }
}
