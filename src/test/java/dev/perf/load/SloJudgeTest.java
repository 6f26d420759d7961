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
        // most failed: the latency is mostly of failures, and says nothing of the answers
        for (double errorRate : new double[] {50.0, 99.9}) {
            assertThat(SloJudge.judge(TARGETS, Map.of("p99", 0.2, "throughput", 100.0, "errorRate", errorRate), null))
                    .filteredOn(t -> t.metric().equals("p99"))
                    .singleElement()
                    .satisfies(t -> {
                        assertThat(t.status()).isEqualTo("inconclusive");
                        assertThat(t.reason()).startsWith("most operations failed (errorRate ");
                    });
        }
        // fewer than half failed: the latency is judged as usual
        assertThat(SloJudge.judge(TARGETS, Map.of("p99", 0.2, "throughput", 100.0, "errorRate", 49.9), null))
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
                        + " (1000.0 − 300.0 = 700.0 ms)");
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
        // a starved perf sent less than asked: a throughput target it missed may be its own doing
        assertThat(judged("throughput", new LoadSpec.Slo("1000/s", null), stalled)
                        .status())
                .isEqualTo("inconclusive");
        // but the operations that completed did: a throughput target met is met
        assertThat(judged("throughput", new LoadSpec.Slo("300/s", null), stalled)
                        .status())
                .isEqualTo("pass");
    }

    /**
     * What else still holds of a bound run: with the whole schedule sent, a latency or error-rate target met and
     * the service's memory growth either way; without, a growth missed only. Drift never.
     */
    @Test
    void aGeneratorBoundRun_keepsWhatItsBoundCannotHaveChanged() {
        Map<String, Double> run = Map.of("p99", 20.0, "errorRate", 0.0, "rssGrowth", 9e9, "p99Drift", 1.0);
        LoadSpec.Slo p99 = new LoadSpec.Slo("50ms", null);
        assertThat(judged("p99", p99, run, true).status()).isEqualTo("pass");
        assertThat(judged("p99", p99, run, true).reason())
                .startsWith("met though generator-bound: perf sent its whole");
        assertThat(judged("p99", p99, run, false).status()).isEqualTo("inconclusive");
        LoadSpec.Slo errors = new LoadSpec.Slo("1%", null);
        assertThat(judged("errorRate", errors, run, true).status()).isEqualTo("pass");
        assertThat(judged("errorRate", errors, run, false).status()).isEqualTo("inconclusive");
        LoadSpec.Slo growth = new LoadSpec.Slo("50MB/h", null);
        assertThat(judged("rssGrowth", growth, run, false).status()).isEqualTo("fail");
        assertThat(judged("rssGrowth", growth, run, false).reason()).startsWith("missed though generator-bound");
        LoadSpec.Slo roomy = new LoadSpec.Slo("50GB/h", null);
        assertThat(judged("rssGrowth", roomy, run, false).status()).isEqualTo("inconclusive");
        assertThat(judged("rssGrowth", roomy, run, true).status()).isEqualTo("pass");
        assertThat(judged("p99Drift", new LoadSpec.Slo("10%/h", null), run, true)
                        .status())
                .isEqualTo("inconclusive");
        // every operation failed: no latency to judge, bound or not
        assertThat(judged("p99", p99, Map.of("p99", 1.0, "errorRate", 100.0), true)
                        .status())
                .isEqualTo("fail");
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
