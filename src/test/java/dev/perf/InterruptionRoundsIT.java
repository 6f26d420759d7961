package dev.perf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perf.result.BenchmarkResult;
import dev.perf.result.LoadDetails;
import dev.perf.result.ResultFiles;
import dev.perf.result.RunResult;
import dev.perf.testing.PerfJar;
import dev.perf.testing.SampleResults;
import java.io.IOException;
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
            Process p = start(
                    "round-" + round + ".log",
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
                    "--no-progress");
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

    /** perf run through the jar in {@code dir} with {@code args}, its output in {@code log}. */
    private Process start(String log, String... args) throws IOException {
        List<String> command = PerfJar.command("run");
        command.addAll(List.of(args));
        return new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve(log).toFile())
                .start();
    }

    /**
     * Interrupted while its forks run in rounds, a JMH job's finished forks are pooled under their benchmark:
     * one entry per benchmark, never one per fork, at whatever moment the signal comes.
     */
    @Test
    void anInterruptedJmhJob_poolsItsFinishedForksUnderTheirBenchmark() throws Exception {
        Files.writeString(
                dir.resolve("perf.yaml"),
                "name: forks\nbenchmarks:\n  - jmh: { include: \"TenantCacheBench\" }\n",
                StandardCharsets.UTF_8);
        Random random = new Random(7);
        List<String> seen = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            Path result = dir.resolve("forks-" + round + ".json");
            Process p = start(
                    "forks-" + round + ".log",
                    "-s",
                    "perf.yaml",
                    "-f",
                    "4",
                    "-wi",
                    "0",
                    "-i",
                    "2",
                    "-r",
                    "200ms",
                    "-o",
                    result.toString(),
                    "--no-progress");
            long delay = 2_500L + random.nextInt(4_000); // the job takes about 9 s: cut it in its rounds
            boolean ended = p.waitFor(delay, TimeUnit.MILLISECONDS);
            if (!ended) {
                new ProcessBuilder("kill", "-INT", Long.toString(p.pid()))
                        .start()
                        .waitFor();
            }
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String log = Files.readString(dir.resolve("forks-" + round + ".log"));
            if (!Files.exists(result)) {
                seen.add(delay + "ms:nothing");
                continue;
            }
            RunResult read = ResultFiles.read(result);
            List<String> keys =
                    read.benchmarks().stream().map(BenchmarkResult::key).toList();
            assertThat(keys)
                    .as("round %d at %d ms: one entry per benchmark%n%s", round, delay, log)
                    .doesNotHaveDuplicates()
                    .hasSizeLessThanOrEqualTo(2);
            List<Integer> forks = new ArrayList<>();
            for (BenchmarkResult b : read.benchmarks()) {
                int n = b.metric("score").orElseThrow().samples().size();
                assertThat(n).as("forks of %s", b.name()).isBetween(1, 4);
                forks.add(n);
            }
            seen.add(delay + "ms:" + (read.run().interrupted() ? "partial" : "complete") + forks);
        }
        System.out.println("interrupted fork rounds: " + seen);
    }

    /** A load loop cut by Ctrl-C keeps what it measured, marked interrupted, instead of being dropped. */
    @Test
    void anInterruptedLoadLoop_keepsWhatItMeasured_markedInterrupted() throws Exception {
        Files.writeString(
                dir.resolve("loop.yaml"),
                """
                name: cut
                benchmarks:
                  - load:
                      name: long
                      target: { java: { class: dev.perf.load.NoopWorkload } }
                      load: { rate: 200/s, duration: 30s, warmup: 200ms }
                """,
                StandardCharsets.UTF_8);
        Path result = dir.resolve("cut.json");
        Process p = start("cut.log", "-s", "loop.yaml", "-o", result.toString(), "--no-progress");
        assertThat(p.waitFor(6, TimeUnit.SECONDS))
                .as("the 30 s loop is still running")
                .isFalse();
        new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String log = Files.readString(dir.resolve("cut.log"));
        assertThat(p.exitValue()).as(log).isEqualTo(130);
        assertThat(log).contains("perf: interrupted; 1 finished benchmark(s) written to");
        RunResult read = ResultFiles.read(result);
        assertThat(read.run().interrupted()).isTrue();
        LoadDetails load = read.benchmarks().get(0).load();
        assertThat(load.aborted()).startsWith("interrupted after ");
        assertThat(load.timeSeries().size())
                .as("seconds measured until the signal")
                .isBetween(2, 8);
        assertThat(load.counters().sent()).isBetween(300L, 1700L);
        assertThat(load.counters().ok()).isEqualTo(load.counters().sent());
    }
}
