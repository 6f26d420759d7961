package dev.perf.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perf.result.BenchmarkResult;
import dev.perf.result.ResultFiles;
import dev.perf.result.RunResult;
import dev.perf.testing.CliRun;
import dev.perf.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Benchmark jars built with older JMH, as their projects build them (JMH 1.12's {@code ===,===} BenchmarkList,
 * 1.16's tagged one with raw {@code @Param} values), listed, planned and run through the {@code jar:} route
 * with their own JMH; the result says which JMH ran them, although their JSON does not.
 */
@Tag("slow") // runs JMH forks
class OldJmhJarTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"1.12", "1.16"})
    void aJarOfAnOlderJmh_isListedAndRun_withItsParams(String version) throws Exception {
        Path jar = Fixtures.oldJmhJar(version);
        CliRun list = CliRun.perf("run", "--list", "--jmh-jar", jar.toString());
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out()).contains("fixture.old.ParamBench.sum").contains("label=two words size=16,256");

        Path out = dir.resolve("r.json");
        CliRun run = CliRun.tinyJmh("run", "--jmh-jar", jar.toString(), "-o", out.toString());
        assertThat(run.exitCode())
                .as("%s%s", run.err(), Files.exists(dir.resolve("r.log")) ? Files.readString(dir.resolve("r.log")) : "")
                .isZero();
        RunResult result = ResultFiles.read(out);
        assertThat(result.benchmarks()).extracting(b -> b.params().get("size")).containsExactly("16", "256");
        assertThat(result.benchmarks()).allSatisfy(b -> {
            assertThat(b.status()).isEqualTo(BenchmarkResult.Status.ok);
            assertThat(b.params()).containsEntry("label", "two words");
            assertThat(b.metric("score").orElseThrow().summary().n()).isEqualTo(2);
        });
        assertThat(result.environment().forks().jmhVersion()).isEqualTo(version);
        assertThat(result.environment().forks().jdkVersion())
                .isEqualTo(Runtime.version().toString().replaceAll("\\+.*", ""));
    }
}
