package dev.perf.load;

import static org.assertj.core.api.Assertions.assertThat;

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
}
