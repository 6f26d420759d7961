package dev.perf.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perf.result.BenchmarkResult;
import dev.perf.result.ResultFiles;
import dev.perf.testing.CliRun;
import dev.perf.testing.StallServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gates on a stalled server: an HTTP loop whose server holds every response for 1 s while all 32
 * connections are busy fails its p99 SLO (the wait is queue wait, not generator lateness) and fails a compare
 * against a clean run, while two clean runs compare clean. Traffic goes to 127.0.0.1 only, about 20 s.
 */
@Tag("slow")
class StallGateTest {
    @TempDir
    Path dir;

    private Path suite(int port) throws IOException {
        return Files.writeString(
                dir.resolve("perf-" + port + ".yaml"),
                """
                name: stall-gate
                benchmarks:
                  - load:
                      name: api
                      target: { http: { url: "http://127.0.0.1:%d/" } }
                      load: { rate: 500/s, duration: 4s, warmup: 1s, maxInFlight: 32, timeout: 3s }
                      targets:
                        p99: { target: 50ms, acceptable: 100ms }
                """
                        .formatted(port));
    }

    /** One run against a fresh server that stalls at request {@code stallAt} (never when MAX_VALUE). */
    private CliRun run(int stallAt, Path out) throws IOException {
        try (StallServer server = StallServer.start(stallAt)) {
            return CliRun.perf("run", "-s", suite(server.port()).toString(), "-o", out.toString(), "--no-progress");
        }
    }

    @Test
    void stalledServer_failsTheRunAndTheCompare_cleanRunsCompareClean() throws IOException {
        Path clean1 = dir.resolve("clean1.json");
        Path clean2 = dir.resolve("clean2.json");
        Path stalled = dir.resolve("stalled.json");
        CliRun first = run(Integer.MAX_VALUE, clean1);
        // warm-up 500 requests, then 1 s into the measurement every response is held for 1 s
        CliRun stall = run(1000, stalled);
        CliRun second = run(Integer.MAX_VALUE, clean2);

        BenchmarkResult s = ResultFiles.read(stalled).benchmarks().get(0);
        assertThat(s.load().generatorBound())
                .as(
                        "a stalled target is not the generator's fault: %s",
                        s.load().generatorBoundReason())
                .isFalse();
        assertThat(s.load().overall().get("p99")).isGreaterThan(500.0);
        // the wait was queue wait behind the stalled server, not the generator's lateness
        assertThat(s.load().overall().get("queueWait.p99")).isGreaterThan(100.0);
        assertThat(s.load().overall().get("dispatchLateness.p99")).isLessThan(100.0);
        assertThat(stall.exitCode()).as(stall.err()).isEqualTo(ExitCodes.FINDING);
        assertThat(stall.err()).contains("SLO target(s) failed: api: p99");
        assertThat(first.exitCode()).as(first.err()).isIn(ExitCodes.OK);
        assertThat(second.exitCode()).as(second.err()).isIn(ExitCodes.OK);

        CliRun regressed = CliRun.perf("compare", clean1.toString(), stalled.toString());
        assertThat(regressed.exitCode()).as(regressed.out()).isEqualTo(ExitCodes.FINDING);
        assertThat(regressed.out()).containsPattern("api +p99 .*fail");
        CliRun same = CliRun.perf("compare", clean1.toString(), clean2.toString());
        assertThat(same.exitCode()).as(same.out()).isEqualTo(ExitCodes.OK);
    }
}
