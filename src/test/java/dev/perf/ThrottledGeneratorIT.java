package dev.perf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.perf.result.BenchmarkResult;
import dev.perf.result.ResultFiles;
import dev.perf.testing.StallServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generator starved by a CPU quota is generator-bound, and says it was throttled: perf runs through the
 * shaded jar inside a cgroup this test makes (cgroup v1 {@code cpu.cfs_quota_us} or v2 {@code cpu.max}) with a
 * fifth of one CPU, against a server on 127.0.0.1 in this JVM; the same run with spare CPU is not throttled.
 * Skipped, saying why, where no cgroup can be made (not root, a read-only or absent CPU controller).
 */
class ThrottledGeneratorIT {
    private static final Path JAR =
            Path.of(System.getProperty("perf.jar", "target/perf.jar")).toAbsolutePath();
    private static final Path V1 = Path.of("/sys/fs/cgroup/cpu");
    private static final Path V2 = Path.of("/sys/fs/cgroup");

    @TempDir
    Path dir;

    /** A new cgroup allowing a fifth of one CPU, or null (with the reason in {@code why}) where none can be made. */
    private static Path limitedCgroup(StringBuilder why) {
        String name = "perf-it-" + ProcessHandle.current().pid();
        try {
            if (Files.isWritable(V1.resolve("cgroup.procs"))) {
                Path g = Files.createDirectory(V1.resolve(name));
                Files.writeString(g.resolve("cpu.cfs_period_us"), "100000");
                Files.writeString(g.resolve("cpu.cfs_quota_us"), "20000");
                return g;
            }
            if (Files.exists(V2.resolve("cgroup.controllers")) && Files.isWritable(V2.resolve("cgroup.procs"))) {
                Path g = Files.createDirectory(V2.resolve(name));
                Files.writeString(g.resolve("cpu.max"), "20000 100000");
                return g;
            }
            why.append("no writable cgroup CPU controller under /sys/fs/cgroup");
        } catch (IOException | RuntimeException e) {
            why.append("cannot make a cgroup: ").append(e.getMessage());
        }
        return null;
    }

    private Path suite(int port) throws IOException {
        return Files.writeString(
                dir.resolve("perf.yaml"),
                """
                name: throttled
                benchmarks:
                  - load:
                      name: api
                      target: { http: { url: "http://127.0.0.1:%d/" } }
                      load: { rate: 3000/s, duration: 4s, warmup: 1s, maxInFlight: 64, timeout: 3s }
                """
                        .formatted(port));
    }

    /** One {@code perf run} of {@code suite}, inside {@code cgroup} when it is not null; its load loop's result. */
    private BenchmarkResult run(Path suite, Path cgroup, String name) throws IOException, InterruptedException {
        Path out = dir.resolve(name + ".json");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>();
        if (cgroup != null) {
            // the shell joins the cgroup, then becomes the JVM: perf is limited from its first instruction
            command.addAll(List.of("sh", "-c", "echo $$ > \"$0\"/cgroup.procs && exec \"$@\"", cgroup.toString()));
        }
        command.addAll(List.of(
                java, "-jar", JAR.toString(), "run", "-s", suite.toString(), "-o", out.toString(), "--no-progress"));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(240, TimeUnit.SECONDS)).as(output).isTrue();
        assertThat(out).as(output).exists();
        return ResultFiles.read(out).benchmarks().get(0);
    }

    @Test
    void aGeneratorStarvedByItsCpuQuota_isGeneratorBound_andSaysItWasThrottled() throws Exception {
        StringBuilder why = new StringBuilder();
        Path cgroup = limitedCgroup(why);
        assumeTrue(cgroup != null, why::toString);
        try (StallServer server = StallServer.start(Integer.MAX_VALUE)) {
            Path suite = suite(server.port());
            BenchmarkResult starved = run(suite, cgroup, "starved");
            assertThat(starved.load().generatorBound())
                    .as("%s", starved.load().overall())
                    .isTrue();
            assertThat(starved.load().generatorBoundReason()).contains("cgroup CPU quota throttled it");
            assertThat(starved.load().overall().get("generator.throttledMs")).isGreaterThan(100.0);

            System.out.printf(
                    "starved: %.0f/s carried of 3000/s, p50 %.1f ms; %s%n",
                    starved.load().overall().get("throughput"),
                    starved.load().overall().get("p50"),
                    starved.load().generatorBoundReason());
            BenchmarkResult free = run(suite, null, "free");
            System.out.printf(
                    "free: %.0f/s, p50 %.2f ms, throttled %.0f ms; bound: %s%n",
                    free.load().overall().get("throughput"),
                    free.load().overall().get("p50"),
                    free.load().overall().get("generator.throttledMs"),
                    free.load().generatorBoundReason());
            String reason = free.load().generatorBoundReason();
            assertThat(reason == null ? "" : reason).doesNotContain("throttled");
        } finally {
            Files.deleteIfExists(cgroup);
        }
    }
}
