package dev.perf.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perf.result.BenchmarkResult;
import dev.perf.result.ResultFiles;
import dev.perf.result.RunResult;
import dev.perf.testing.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A load matrix as a user runs it: --list, --only on expanded names, params as identity in the result and in compare. */
class MatrixRunTest {
    @TempDir
    Path dir;

    private Path suite() throws IOException {
        Path suite = dir.resolve("perf.yaml");
        Files.writeString(
                suite,
                """
                name: bus
                benchmarks:
                  - load:
                      name: publish
                      matrix: { clients: [1, 4], size: [64, 1024] }
                      target: { java: { class: dev.perf.load.NoopWorkload, params: { size: "${param.size}" } } }
                      load: { rate: "${param.clients}00/s", duration: 1s, warmup: 0s, maxInFlight: "${param.clients}" }
                """);
        return suite;
    }

    @Test
    void listOnlyAndIdentity() throws IOException {
        CliRun list = CliRun.perf("run", "-s", suite().toString(), "--list");
        assertThat(list.out().lines())
                .containsExactly(
                        "publish[clients=1,size=64] (load)",
                        "publish[clients=1,size=1024] (load)",
                        "publish[clients=4,size=64] (load)",
                        "publish[clients=4,size=1024] (load)");

        Path out = dir.resolve("m.json");
        CliRun run = CliRun.perf(
                "run", "-s", suite().toString(), "--only", "clients=4", "-o", out.toString(), "--no-progress");
        assertThat(run.exitCode()).as(run.err()).isZero();
        RunResult result = ResultFiles.read(out);
        assertThat(result.benchmarks()).extracting(BenchmarkResult::name).containsOnly("publish");
        assertThat(result.benchmarks())
                .extracting(BenchmarkResult::params)
                .containsExactly(Map.of("clients", "4", "size", "64"), Map.of("clients", "4", "size", "1024"));
        assertThat(result.benchmarks().get(0).load().overall().get("throughput"))
                .isBetween(300.0, 500.0);
        assertThat(run.out()).contains("publish(clients=4, size=64)");

        CliRun bySize = CliRun.perf("compare", out.toString(), "--col", "param:size", "--filter", "throughput");
        assertThat(bySize.out()).contains("size=64").contains("size=1024").contains("publish(clients=4)");
        if (bySize.exitCode() != 0) {
            // on a machine whose CPUs other work keeps busy a no-op target's microsecond responses are rightly
            // generator-bound (perf waited for a CPU longer than they took): the gate says so, it never passes
            assertThat(bySize.exitCode()).as(bySize.err()).isEqualTo(1);
            assertThat(bySize.out()).contains("invalid: generator-bound");
        }
    }
}
