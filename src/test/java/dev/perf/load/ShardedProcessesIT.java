package dev.perf.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perf.result.HistogramCodec;
import dev.perf.result.LoadDetails;
import dev.perf.result.ResultFiles;
import dev.perf.testing.PerfJar;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three perf processes as the pods of a Kubernetes Indexed Job run them — shard from {@code
 * JOB_COMPLETION_INDEX} with {@code PERF_SHARDS}, one {@code --start-at} — against one loopback server, then
 * {@code perf report merge}: the shards start measuring within 10 ms of each other, every operation index is
 * sent exactly once across them, the merged counters equal one unsharded run's schedule, and the merged
 * histogram is the union of the shards'.
 */
class ShardedProcessesIT {

    @TempDir
    Path dir;

    private ProcessBuilder perf(Map<String, String> env, String... args) {
        ProcessBuilder pb = new ProcessBuilder(PerfJar.command(args))
                .directory(dir.toFile())
                .redirectErrorStream(true);
        pb.environment().remove("PERF_SHARD");
        pb.environment().putAll(env);
        return pb;
    }

    @Test
    void threeIndexedPods_sendEveryIndexOnce_andMergeExactly() throws Exception {
        try (TlsTestServer server = new TlsTestServer(TlsTestServer.Mode.H2C)) {
            Files.writeString(
                    dir.resolve("perf.yaml"),
                    """
                    name: sharded
                    benchmarks:
                      - load:
                          name: api
                          target: { http: { url: "http://127.0.0.1:%d/s/${seq}", version: "2" } }
                          load: { rate: 300/s, duration: 2s, warmup: 0s, connections: 2 }
                    """
                            .formatted(server.port()));
            // three JVMs start and set up before the instant: 8 s on a quiet machine, more on a busy one, measured
            // here by one JVM's start (perf --version) — a shard ready after the instant starts out of step
            long t0 = System.nanoTime();
            Process version = perf(Map.of(), "--version").start();
            version.getInputStream().readAllBytes();
            assertThat(version.waitFor(60, TimeUnit.SECONDS)).isTrue();
            Duration oneStart = Duration.ofNanos(System.nanoTime() - t0);
            Instant startAt =
                    Instant.now().plusSeconds(8).plus(oneStart.multipliedBy(6)).truncatedTo(ChronoUnit.SECONDS);
            List<Process> pods = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                pods.add(perf(
                                Map.of("JOB_COMPLETION_INDEX", Integer.toString(i), "PERF_SHARDS", "3"),
                                "run",
                                "--no-progress",
                                "-o",
                                "shard-" + i + ".json",
                                "--start-at",
                                startAt.toString())
                        .start());
            }
            StringBuilder outputs = new StringBuilder();
            for (Process p : pods) {
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
                assertThat(p.exitValue()).as(out).isZero();
                outputs.append(out);
            }
            Process merge = perf(
                            Map.of(),
                            "report",
                            "merge",
                            "shard-0.json",
                            "shard-1.json",
                            "shard-2.json",
                            "-o",
                            "merged.json")
                    .start();
            String mergeOut = new String(merge.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(merge.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(merge.exitValue()).as(mergeOut).isZero();

            // every index of the one schedule, once: 300/s for 2 s is 600 operations
            TreeMap<Long, Integer> sent = new TreeMap<>();
            server.seen.forEach(s -> sent.merge(Long.parseLong(s.path().substring(3)), 1, Integer::sum));
            for (int i = 0; i < 3; i++) {
                LoadDetails.Counters c = ResultFiles.read(dir.resolve("shard-" + i + ".json"))
                        .benchmarks()
                        .get(0)
                        .load()
                        .counters();
                outputs.append("shard ").append(i).append(": ").append(c).append('\n');
            }
            assertThat(sent.keySet())
                    .as("one JVM started in %s ms; the shards said:%n%s", oneStart.toMillis(), outputs)
                    .hasSize(600);
            assertThat(sent.firstKey()).isZero();
            assertThat(sent.lastKey()).isEqualTo(599);
            assertThat(sent.values()).allMatch(n -> n == 1);

            LoadDetails merged = ResultFiles.read(dir.resolve("merged.json"))
                    .benchmarks()
                    .get(0)
                    .load();
            assertThat(merged.counters().scheduled()).isEqualTo(600);
            assertThat(merged.counters().ok()).isEqualTo(600);
            Histogram union = new Histogram(3);
            List<Instant> starts = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                LoadDetails shard = ResultFiles.read(dir.resolve("shard-" + i + ".json"))
                        .benchmarks()
                        .get(0)
                        .load();
                assertThat(shard.counters().scheduled()).isEqualTo(200);
                union.add(HistogramCodec.decode(shard.histograms().response()));
                starts.add(shard.startedAt());
            }
            assertThat(HistogramCodec.decode(merged.histograms().response())).isEqualTo(union);
            Duration spread = Duration.between(
                    starts.stream().min(Instant::compareTo).orElseThrow(),
                    starts.stream().max(Instant::compareTo).orElseThrow());
            System.out.println(outputs);
            System.out.println("shards' measurement starts after --start-at " + startAt + ": " + starts + ", spread "
                    + spread.toMillis() + " ms");
            // the first load loop of every shard, set up before the instant, starts measuring at it (no warm-up)
            assertThat(starts)
                    .as("measurement starts against --start-at %s; the shards said:%n%s", startAt, outputs)
                    .allMatch(s -> !s.isBefore(startAt) && s.isBefore(startAt.plusMillis(10)));
            assertThat(outputs.toString()).doesNotContain("out of step");
            assertThat(spread).isLessThanOrEqualTo(Duration.ofMillis(10));
        }
    }
}
