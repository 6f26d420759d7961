package dev.perf.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.perf.bench.JmhExtras;
import dev.perf.result.BenchmarkResult;
import dev.perf.result.PerfException;
import dev.perf.result.ResultFiles;
import dev.perf.result.RunResult;
import dev.perf.suite.JmhSpec;
import dev.perf.testing.CliRun;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JMH user's everyday options on {@code perf run}: -p, -prof, -bm, -tu, -jvmArgsPrepend and --list. */
class JmhPassThroughTest {
    @TempDir
    Path dir;

    @Test
    void extras_becomeJmhArguments_andParamsOverTheSuites() {
        JmhExtras x = new JmhExtras(
                JmhExtras.parseParams(List.of("size=16,1024", "mode=fast")),
                List.of("gc", "stack:lines=3"),
                List.of("avgt", "thrpt"),
                "us",
                "-Xmx1g");
        assertThat(x.arguments(true))
                .containsExactly(
                        "-prof", "stack:lines=3", "-bm", "avgt,thrpt", "-tu", "us", "-jvmArgsPrepend", "-Xmx1g");
        assertThat(x.arguments(false)).startsWith("-prof", "gc", "-prof", "stack:lines=3");
        assertThat(x.asTyped()).containsSubsequence("-p", "size=16,1024", "-prof", "gc", "-tu", "us");
        JmhSpec spec = new JmhSpec("X", null, null, null, Map.of("size", List.of("1"), "other", List.of("2")));
        assertThat(x.applyTo(spec).params())
                .containsEntry("size", List.of("16", "1024"))
                .containsEntry("other", List.of("2"))
                .containsEntry("mode", List.of("fast"));
        assertThat(JmhExtras.NONE.arguments(true)).isEmpty();
    }

    @Test
    void badValues_areUsageErrorsNamingTheFlag() {
        assertThatThrownBy(() -> JmhExtras.parseParams(List.of("size")))
                .isInstanceOf(PerfException.class)
                .hasMessageStartingWith("-p size: give NAME=VALUE");
        assertThatThrownBy(() -> new JmhExtras(null, null, List.of("fast"), null, null))
                .hasMessageStartingWith("-bm fast is not a JMH mode");
        assertThatThrownBy(() -> new JmhExtras(null, null, null, "days", null))
                .hasMessageStartingWith("-tu days is not a JMH time unit");
        CliRun r = CliRun.perf("run", "--list", "-bm", "fast");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).startsWith("perf: -bm fast is not a JMH mode");
    }

    @Test
    void list_printsEveryBenchmarkWithItsParams_thenTheLoops_andRunsNothing() {
        CliRun r = CliRun.perf("run", "--list", "-p", "tenants=10,100");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out().lines().toList())
                .contains(
                        "dev.perf.demo.TenantCacheBench.hit tenants=10,100",
                        "dev.perf.demo.EventBusBench.publish",
                        "event-bus-publish (load)");
        CliRun only = CliRun.perf("run", "--list", "--only", "TenantCache");
        assertThat(only.out().lines().toList())
                .containsExactly(
                        "dev.perf.demo.TenantCacheBench.hit tenants=1000",
                        "dev.perf.demo.TenantCacheBench.miss tenants=1000");
    }

    @Test
    @Tag("slow") // one JMH fork
    void passThrough_reachesJmh_andIsRecordedInTheResult() throws Exception {
        Path out = dir.resolve("r.json");
        CliRun r = CliRun.perf(
                "run",
                "--only",
                "TenantCacheBench.hit",
                "-f",
                "1",
                "-wi",
                "0",
                "-i",
                "1",
                "-r",
                "100ms",
                "--no-progress",
                "-o",
                out.toString(),
                "-p",
                "tenants=10",
                "-bm",
                "avgt",
                "-tu",
                "us",
                "-prof",
                "stack",
                "-jvmArgsPrepend",
                "-Dperf.test=1");
        assertThat(r.exitCode()).as(r.err()).isZero();
        RunResult result = ResultFiles.read(out);
        // the forks' own JVM, as JMH reported it: the prepended flag is among their arguments
        assertThat(result.environment().forks().jmhVersion()).isEqualTo("1.37");
        assertThat(result.environment().forks().jdkVersion()).isEqualTo(System.getProperty("java.version"));
        assertThat(result.environment().forks().jvmArgs()).contains("-Dperf.test=1");
        assertThat(result.run().jmhArguments())
                .containsExactly(
                        "-p",
                        "tenants=10",
                        "-prof",
                        "stack",
                        "-bm",
                        "avgt",
                        "-tu",
                        "us",
                        "-jvmArgsPrepend",
                        "-Dperf.test=1");
        BenchmarkResult b = result.benchmarks().get(0);
        assertThat(b.params()).containsEntry("tenants", "10");
        assertThat(b.mode()).isEqualTo("avgt");
        assertThat(b.metric("score").orElseThrow().unit()).isEqualTo("us/op");
    }

    @Test
    void aJarWithoutJmhMain_isBadInputSayingWhatToDo() throws Exception {
        Path thin = dir.resolve("benchmarks-1.0.jar");
        try (var out = new java.util.jar.JarOutputStream(java.nio.file.Files.newOutputStream(thin));
                var list = JmhPassThroughTest.class.getResourceAsStream("/META-INF/BenchmarkList")) {
            out.putNextEntry(new java.util.zip.ZipEntry("META-INF/BenchmarkList"));
            list.transferTo(out);
            out.closeEntry();
        }
        CliRun r = CliRun.perf("run", "--jmh-jar", thin.toString(), "--list");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err())
                .startsWith("perf: jmh jar ")
                .contains("has no JMH main class (no Main-Class in its manifest): list it under classpath: with"
                        + " jmh-core, or build an uber-jar");
    }
}
