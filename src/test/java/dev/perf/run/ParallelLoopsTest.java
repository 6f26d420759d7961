package dev.perf.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perf.demo.DemoShop;
import dev.perf.result.BenchmarkResult;
import dev.perf.result.LoadDetails;
import dev.perf.result.ResultFiles;
import dev.perf.result.RunResult;
import dev.perf.testing.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code parallel:} loops, run as a user runs them: at the same time, each at its own rate and model. */
@Tag("slow") // load loops against the wall clock
class ParallelLoopsTest {
    @TempDir
    Path dir;

    @Test
    void twoLoopsInParallel_overlapInTime_andEachKeepsItsRate() throws IOException {
        try (DemoShop shop = DemoShop.start(0, 4)) {
            Path suite = dir.resolve("perf.yaml");
            Files.writeString(
                    suite,
                    """
                    name: parallel
                    benchmarks:
                      - parallel:
                          - load:
                              name: writers
                              target: { java: { class: dev.perf.load.NoopWorkload } }
                              load: { rate: 300/s, duration: 3s, warmup: 0s }
                          - load:
                              name: browsers
                              target:
                                scenario:
                                  steps:
                                    - name: login
                                      http: { url: "http://ADDR/login", method: POST, body: '{"user":"u${seq}"}' }
                                      extract: { token: { json: /token } }
                                    - think: 100ms
                                    - name: list
                                      http: { url: "http://ADDR/items", headers: { Authorization: "Bearer ${token}" } }
                              load: { users: 3, duration: 3s, warmup: 0s }
                    """
                            .replace("ADDR", shop.address()));
            Path out = dir.resolve("out.json");
            CliRun r = CliRun.perf("run", "quick", "-s", suite.toString(), "-o", out.toString(), "--no-progress");
            assertThat(r.exitCode()).as(r.err()).isZero();
            Map<String, BenchmarkResult> byName = ResultFiles.read(out).benchmarks().stream()
                    .collect(Collectors.toMap(BenchmarkResult::name, Function.identity()));
            assertThat(byName).containsKeys("writers", "browsers", "browsers/login", "browsers/list");
            LoadDetails writers = byName.get("writers").load();
            LoadDetails browsers = byName.get("browsers").load();
            // each keeps its own model and rate: 300/s × 3 s exactly for the open loop
            assertThat(writers.counters().sent()).isEqualTo(900);
            assertThat(writers.timeSeries()).hasSize(3);
            assertThat(browsers.model()).isEqualTo("closed");
            assertThat(browsers.counters().failures()).isZero();
            assertThat(browsers.timeSeries()).hasSize(3);
            // they ran at the same time: their measured seconds start together (set-up apart), not one after the other
            Duration apart =
                    Duration.between(writers.startedAt(), browsers.startedAt()).abs();
            assertThat(apart).isLessThan(Duration.ofMillis(2500)); // one after the other: ≥ 3 s
            assertThat(shop.logins()).isEqualTo(browsers.counters().sent());
            // each loop's allocation is measured, its own threads' (AllocationMeterTest holds the rule)
            assertThat(writers.overall().get("allocBytesPerOp")).isFinite().isPositive();
            assertThat(browsers.overall().get("allocBytesPerOp")).isFinite().isPositive();
            // the machine was sampled once for both: the seconds both measured are the same readings (two samplers
            // reading /proc apart would not agree on the memory in use to the byte); measurements that began more
            // than a second and a half apart (a starved machine) may share no whole second of a 3 s loop
            if (apart.compareTo(Duration.ofMillis(1500)) < 0) {
                assertThat(readings(browsers)).containsAnyElementsOf(readings(writers));
            }
            RunResult whole = ResultFiles.read(out);
            assertThat(whole.benchmarks().get(0).name()).isEqualTo("writers");
        }
    }

    /** A loop's samples of the machine: CPU, memory in use and perf's own CPU, in order. */
    private static List<List<Object>> readings(LoadDetails loop) {
        return loop.host().stream()
                .map(h -> List.<Object>of(h.cpuPercent(), h.memoryUsedBytes(), h.perfCpuPercent()))
                .toList();
    }
}
