package dev.perf.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perf.result.BenchmarkResult;
import dev.perf.result.LoadDetails;
import dev.perf.result.Metric;
import dev.perf.result.ResultFiles;
import dev.perf.result.RunResult;
import dev.perf.testing.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("slow") // runs JMH forks, load loops, a profiler or a browser against the wall clock
class RepeatAndHlogTest {
    @TempDir
    Path dir;

    @Test
    void repeat_mergesLoadRunsWithEachRunAsAReplicate_andHlogHasEverySecond() throws IOException {
        Path suite = Files.writeString(
                dir.resolve("perf.yaml"),
                """
                name: repeat
                benchmarks:
                  - load:
                      name: noop
                      target: { java: { class: dev.perf.load.NoopWorkload } }
                      load: { rate: 200/s, duration: 1s, warmup: 0s, maxInFlight: 2 }
                      targets: { errorRate: { acceptable: 1% } }
                """);
        Path out = dir.resolve("r.json");
        CliRun r = CliRun.perf(
                "run", "-s", suite.toString(), "--repeat", "3", "--hlog", "-o", out.toString(), "--no-progress");
        assertThat(r.exitCode()).as(r.err()).isZero();
        RunResult result = ResultFiles.read(out);
        BenchmarkResult b = result.benchmarks().get(0);
        LoadDetails d = b.load();
        assertThat(d.counters().scheduled()).isEqualTo(600);
        assertThat(d.samplesAre()).isEqualTo("repeated runs");
        assertThat(d.durationNanos()).isEqualTo(3_000_000_000L);
        Metric throughput = b.metric("throughput").orElseThrow();
        assertThat(throughput.samples()).hasSize(3).allSatisfy(g -> assertThat(g)
                .hasSize(1));
        assertThat(d.targets()).extracting(LoadDetails.TargetVerdict::metric).containsExactly("errorRate");

        Path hlog = dir.resolve("r-noop.hlog");
        assertThat(hlog).exists();
        HistogramLogReader reader = new HistogramLogReader(hlog.toFile());
        long count = 0;
        int intervals = 0;
        for (EncodableHistogram h = reader.nextIntervalHistogram(); h != null; h = reader.nextIntervalHistogram()) {
            count += ((org.HdrHistogram.Histogram) h).getTotalCount();
            intervals++;
        }
        assertThat(count).isEqualTo(d.counters().ok());
        assertThat(intervals).isGreaterThanOrEqualTo(3);
    }

    @Test
    void repeat_ofJmh_keepsTheForksOfEveryRepeat() {
        Path out = dir.resolve("j.json");
        CliRun r = CliRun.perf(
                "run",
                "--only",
                "TenantCacheBench.hit",
                "-f",
                "1",
                "-wi",
                "0",
                "-i",
                "2",
                "-r",
                "100ms",
                "--repeat",
                "2",
                "-o",
                out.toString(),
                "--no-progress");
        assertThat(r.exitCode()).as(r.err()).isZero();
        BenchmarkResult b = ResultFiles.read(out).benchmarks().get(0);
        assertThat(b.metric("score").orElseThrow().samples()).hasSize(2);
        assertThat(b.metric("score").orElseThrow().summary().n()).isEqualTo(4);
    }

    @Test
    void repeat_belowOne_isAUsageError() {
        assertThat(CliRun.perf("run", "--repeat", "0").exitCode()).isEqualTo(ExitCodes.USAGE);
    }
}
