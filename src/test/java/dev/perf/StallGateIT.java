package dev.perf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perf.result.BenchmarkResult;
import dev.perf.result.ResultFiles;
import dev.perf.testing.PerfJar;
import dev.perf.testing.StallServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gates on a stalled server: an HTTP loop whose server holds every response for 1 s while all 32
 * connections are busy fails its p99 SLO (the wait is queue wait, not generator lateness) and fails a compare
 * against a clean run, while two clean runs compare clean — through the shaded jar, as a CI job runs it. On a
 * machine whose CPUs other work keeps busy (the suite beside two CPU hogs) the runs are rightly generator-bound by
 * perf's waits for a CPU, and the gates must still fail the stall.
 * Traffic goes to 127.0.0.1 only (the server runs in this test's JVM), about 25 s.
 */
class StallGateIT {

    /** What one {@code java -jar perf.jar ARGS} printed (stdout and stderr together) and its exit code. */
    private record Ran(int exitCode, String output) {}

    private Ran perf(String... args) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(PerfJar.command(args))
                .redirectErrorStream(true)
                .start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Ran(p.exitValue(), output);
    }

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
    private Ran run(int stallAt, Path out) throws IOException, InterruptedException {
        try (StallServer server = StallServer.start(stallAt)) {
            return perf("run", "-s", suite(server.port()).toString(), "-o", out.toString(), "--no-progress");
        }
    }

    @Test
    void stalledServer_failsTheRunAndTheCompare_cleanRunsCompareClean() throws Exception {
        Path clean1 = dir.resolve("clean1.json");
        Path clean2 = dir.resolve("clean2.json");
        Path stalled = dir.resolve("stalled.json");
        // the two clean runs back to back: after the stalled run, a clean run's p50 read 0.13 -> 0.23 ms and
        // 0.29 -> 0.40 ms above the first in two CI runs (all 4 windows of each), the stall's aftermath in this JVM,
        // which holds the servers, not the servers' doing
        Ran first = run(Integer.MAX_VALUE, clean1);
        Ran second = run(Integer.MAX_VALUE, clean2);
        // warm-up 500 requests, then 1 s into the measurement every response is held for 1 s
        Ran stall = run(1000, stalled);

        BenchmarkResult s = ResultFiles.read(stalled).benchmarks().get(0);
        if (s.load().generatorBound()) {
            // a stalled target is not the generator's fault; on a machine whose CPUs other work keeps busy perf is
            // rightly bound by its waits for a CPU — and the stall still fails the SLO beyond what they can add
            // (a JVM pause is the machine's too there: perf's threads held off the CPU — 138 ms in one run beside
            // two hogs — but never the server's 1 s stall read as perf's own)
            String reason = s.load().generatorBoundReason();
            assertThat(reason)
                    .as("bound only by the machine, never by the stall")
                    .containsAnyOf("waited", "throttled")
                    .doesNotContain("late", "busy");
            Matcher pause = Pattern.compile("the JVM stalled for (\\d+) ms").matcher(reason);
            if (pause.find()) {
                assertThat(Long.parseLong(pause.group(1))).as(reason).isLessThan(500);
            }
            assertThat(s.load().targets()).singleElement().satisfies(t -> assertThat(t.reason())
                    .startsWith("misses 100ms even with the"));
        }
        assertThat(s.load().overall().get("p99")).isGreaterThan(500.0);
        // the wait was queue wait behind the stalled server, not the generator's lateness
        assertThat(s.load().overall().get("queueWait.p99")).isGreaterThan(100.0);
        assertThat(s.load().overall().get("dispatchLateness.p99")).isLessThan(100.0);
        assertThat(stall.exitCode()).as(stall.output()).isEqualTo(1);
        assertThat(stall.output()).contains("SLO target(s) failed: api: p99");
        assertThat(first.exitCode()).as(first.output()).isZero();
        assertThat(second.exitCode()).as(second.output()).isZero();

        // a 1 s stall in a 4 s run is a quarter of the run: the gate never passes it. It fails (p50/p99 windows,
        // throughput against the schedule), or the stalled run is invalid (operations dropped behind the stall),
        // or — on a loaded machine — the clean base was generator-bound and every row is inconclusive
        Ran regressed = perf("compare", clean1.toString(), stalled.toString(), "--fail-on", "inconclusive");
        assertThat(regressed.exitCode()).as(regressed.output()).isEqualTo(1);
        assertThat(regressed.output()).containsPattern("api +\\S+ .*(fail|invalid|inconclusive)");
        Ran same = perf("compare", clean1.toString(), clean2.toString());
        if (same.exitCode() != 0) {
            // the only way two clean runs fail the gate: the current one could not be trusted
            assertThat(same.output()).as(same.output()).contains("the current run is invalid: generator-bound");
        }
    }
}
