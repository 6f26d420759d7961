package dev.perf.observe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perf.result.BenchmarkResult;
import dev.perf.result.LoadDetails;
import dev.perf.result.Observed;
import dev.perf.result.ResultFiles;
import dev.perf.testing.CliRun;
import dev.perf.testing.TracedService;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A service whose metrics endpoint is not there: the run goes on, the progress says so at once, the result keeps
 * the reason, and a target on the unread series is inconclusive — never passed, never a crash.
 */
@Tag("slow") // a load loop against the wall clock
class ObserveUnreachableTest {
    @TempDir
    Path dir;

    @Test
    void anUnreadableEndpointWarnsAtOnce_andItsTargetIsInconclusive() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        try (TracedService service = new TracedService(0)) {
            Path suite = dir.resolve("perf.yaml");
            Files.writeString(
                    suite,
                    """
                    name: unread
                    benchmarks:
                      - load:
                          name: items
                          target: { http: { url: "%s" } }
                          load: { rate: 50/s, duration: 2s, warmup: 1s }
                          observe:
                            scrape: http://127.0.0.1:%d/metrics
                            series: { hitRate: { metric: cache_hit_ratio, unit: ratio, better: higher } }
                          targets: { hitRate: { min: 0.8 } }
                    """
                            .formatted(service.url("/item"), closed));
            Path result = dir.resolve("r.json");
            CliRun run = CliRun.perf("run", "-s", suite.toString(), "-o", result.toString()); // progress as lines
            assertThat(run.err())
                    .as("the progress says so at once, the summary names the inconclusive target and why")
                    .contains("perf: items: observe: cannot read http://127.0.0.1:" + closed + "/metrics")
                    .contains("inconclusive: items: hitRate (") // why: the endpoint, or a late generator if it was
                    .doesNotContain("\tat ");
            BenchmarkResult loop = ResultFiles.read(result).benchmarks().get(0);
            assertThat(loop.load().counters().ok()).isPositive();
            Observed hitRate = loop.load().observed().get(0);
            assertThat(hitRate.readSeconds()).isEmpty();
            assertThat(hitRate.warning()).contains("cannot read");
            assertThat(loop.load().targets())
                    .filteredOn(t -> t.metric().equals("hitRate"))
                    .singleElement()
                    .extracting(LoadDetails.TargetVerdict::status)
                    .isEqualTo("inconclusive");
            assertThat(run.exitCode()).as(run.err()).isZero();
        }
    }
}
