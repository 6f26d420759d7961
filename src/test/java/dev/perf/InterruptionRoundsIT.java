package dev.perf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perf.result.ResultFiles;
import dev.perf.result.RunResult;
import dev.perf.testing.SampleResults;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGINT and SIGTERM at seeded random moments of a run that has a JMH benchmark and two load loops, with a
 * previous result at the output path: whatever the moment, the file afterwards is either the previous result
 * byte for byte or a valid result holding what finished (marked interrupted), never truncated or empty; the
 * exit code is 130 or 143 (0 when the run ended first); no temporary file and no child process is left.
 */
class InterruptionRoundsIT {
    private static final Path JAR =
            Path.of(System.getProperty("perf.jar", "target/perf.jar")).toAbsolutePath();
    private static final int ROUNDS = 8;

    @TempDir
    Path dir;

    @Test
    void signalsAtRandomMoments_neverLoseOrTruncateAResult() throws Exception {
        Path suite = dir.resolve("perf.yaml");
        Files.writeString(
                suite,
                """
                name: rounds
                benchmarks:
                  - jmh: { include: "TenantCacheBench\\\\.hit" }
                  - load:
                      name: first
                      target: { java: { class: dev.perf.load.NoopWorkload } }
                      load: { rate: 500/s, duration: 1s, warmup: 200ms }
                  - load:
                      name: second
                      target: { java: { class: dev.perf.load.NoopWorkload } }
                      load: { rate: 500/s, duration: 1s, warmup: 200ms }
                """,
                StandardCharsets.UTF_8);
        Path result = dir.resolve("r.json");
        ResultFiles.write(result, SampleResults.demo());
        Random random = new Random(42);
        List<String> outcomes = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            byte[] before = Files.readAllBytes(result);
            String signal = round % 2 == 0 ? "-INT" : "-TERM";
            long delayMillis = 300L + random.nextInt(6000);
            Process p = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-jar",
                            JAR.toString(),
                            "run",
                            "-s",
                            suite.toString(),
                            "-f",
                            "1",
                            "-wi",
                            "0",
                            "-i",
                            "3",
                            "-r",
                            "300ms",
                            "-o",
                            result.toString(),
                            "--no-progress")
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("round-" + round + ".log").toFile())
                    .start();
            boolean ended = p.waitFor(delayMillis, TimeUnit.MILLISECONDS);
            if (!ended) {
                new ProcessBuilder("kill", signal, Long.toString(p.pid()))
                        .start()
                        .waitFor();
            }
            assertThat(p.waitFor(60, TimeUnit.SECONDS))
                    .as("round %d ends", round)
                    .isTrue();
            int code = p.exitValue();
            String log = Files.readString(dir.resolve("round-" + round + ".log"));
            byte[] after = Files.readAllBytes(result);
            RunResult read = ResultFiles.read(result); // never truncated: it always reads back
            String outcome;
            if (Arrays.equals(before, after)) {
                outcome = "kept";
            } else {
                assertThat(read.benchmarks())
                        .as("round %d: a replaced result holds what finished%n%s", round, log)
                        .isNotEmpty();
                outcome = read.run().interrupted()
                        ? "partial(" + read.benchmarks().size() + ")"
                        : "complete";
            }
            if (ended) {
                assertThat(code)
                        .as("round %d finished before the signal%n%s", round, log)
                        .isIn(0, 1);
            } else {
                assertThat(code)
                        .as("round %d: %s at %d ms%n%s", round, signal, delayMillis, log)
                        .isIn(130, 143, 0, 1);
            }
            outcomes.add(signal + "@" + delayMillis + "ms:" + code + ":" + outcome);
            try (Stream<Path> files = Files.list(dir)) {
                assertThat(files.map(f -> f.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
            }
            Thread.sleep(300);
            assertThat(p.descendants().filter(ProcessHandle::isAlive))
                    .as("round %d: no child left", round)
                    .isEmpty();
        }
        System.out.println("interruption rounds: " + outcomes);
        Files.writeString(Path.of("target/interruption-rounds.txt"), String.join("\n", outcomes) + "\n");
    }
}
