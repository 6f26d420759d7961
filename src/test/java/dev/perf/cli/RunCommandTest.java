package dev.perf.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perf.result.BenchmarkResult;
import dev.perf.result.ResultFiles;
import dev.perf.result.RunResult;
import dev.perf.testing.CliRun;
import dev.perf.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code perf run} through {@link Perf#run}: bad input, and short real runs of each JMH route. */
@Tag("slow") // runs JMH forks, load loops, a profiler or a browser against the wall clock
class RunCommandTest {
    @TempDir
    Path dir;

    @Test
    void missingSuiteFile_isBadInputNamingTheFile() {
        CliRun r = CliRun.perf("run", "-s", dir.resolve("missing.yaml").toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("missing.yaml").contains("no such file");
        assertThat(r.err().lines().count()).isEqualTo(1);
    }

    @Test
    void yamlSyntaxError_isBadInputWithLineAndColumn() throws IOException {
        Path suite = Files.writeString(dir.resolve("perf.yaml"), "name: x\n benchmarks: y\n");
        CliRun r = CliRun.perf("run", "-s", suite.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).containsPattern("perf\\.yaml:\\d+:\\d+: syntax error");
    }

    @Test
    void unknownKey_isBadInputListingAllowedKeys() throws IOException {
        Path suite = Files.writeString(
                dir.resolve("perf.yaml"),
                "name: x\nprofiles:\n  quick:\n    jmh: { forkz: 2 }\nbenchmarks:\n  - jmh: { include: Foo }\n");
        CliRun r = CliRun.perf("run", "-s", suite.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err())
                .contains("perf.yaml:4:")
                .contains("unknown key 'forkz'")
                .contains(
                        "allowed: forks, gcProfiler, iterations, jvmArgs, threads, time, warmupIterations, warmupTime");
    }

    @Test
    void onlyMatchingNothing_isBadInputListingAvailableBenchmarks() {
        CliRun r = CliRun.tinyJmh(
                "run", "--only", "NoSuchBench", "-o", dir.resolve("r.json").toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err())
                .contains("--only 'NoSuchBench' matches no benchmark")
                .contains("dev.perf.demo.TenantCacheBench.hit");
        assertThat(dir.resolve("r.json")).doesNotExist();
    }

    @Test
    void missingJar_isBadInput() throws IOException {
        Path suite = Files.writeString(
                dir.resolve("perf.yaml"), "name: x\nbenchmarks:\n  - jmh: { include: Foo, jar: target/nope.jar }\n");
        CliRun r = CliRun.perf("run", "-s", suite.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("jmh jar target/nope.jar").contains("no such file");
    }

    @Test
    void classpathWithoutBenchmarks_isBadInput() throws IOException {
        Files.createDirectories(dir.resolve("classes"));
        Path suite = Files.writeString(
                dir.resolve("perf.yaml"), "name: x\nbenchmarks:\n  - jmh: { include: Foo, classpath: [classes] }\n");
        CliRun r = CliRun.perf("run", "-s", suite.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("holds no JMH benchmarks").contains("META-INF/BenchmarkList");
    }

    @Test
    void jarWithoutBenchmarks_isBadInput() throws IOException {
        Path jar = dir.resolve("empty.jar");
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new java.util.jar.JarEntry("a.txt"));
            out.closeEntry();
        }
        Path suite = Files.writeString(
                dir.resolve("perf.yaml"), "name: x\nbenchmarks:\n  - jmh: { include: Foo, jar: empty.jar }\n");
        CliRun r = CliRun.perf("run", "-s", suite.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("empty.jar holds no JMH benchmarks");
    }

    @Test
    void unwritableOutput_isBadInputBeforeAnyBenchmarkRuns() throws IOException {
        Path notADirectory = Files.writeString(dir.resolve("file"), "x");
        CliRun r = CliRun.tinyJmh(
                "run",
                "--only",
                "TenantCacheBench.hit",
                "-o",
                notADirectory.resolve("r.json").toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("cannot write to").contains("-o");
        assertThat(r.err()).doesNotContain("done ");
    }

    @Test
    void unknownProfile_isUsageError() {
        CliRun r = CliRun.perf("run", "medium");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("unknown profile 'medium'").contains("full, quick");
    }

    @Test
    void demoBenchmark_runsInProcessAndWritesResultAndMarkdown() {
        Path out = dir.resolve("r.json");
        Path md = dir.resolve("summary.md");
        CliRun r = CliRun.tinyJmh(
                "run", "quick", "--only", "StateMachineBench", "-o", out.toString(), "--md", md.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        RunResult result = ResultFiles.read(out);
        assertThat(result.run().suite()).isEqualTo("perf-demo");
        assertThat(result.run().suiteFile()).isEqualTo("built-in");
        assertThat(result.benchmarks()).singleElement().satisfies(b -> {
            assertThat(b.name()).isEqualTo("dev.perf.demo.StateMachineBench.transition");
            assertThat(b.status()).isEqualTo(BenchmarkResult.Status.ok);
            assertThat(b.metric("score").orElseThrow().samples()).hasSize(1).allSatisfy(g -> assertThat(g)
                    .hasSize(2));
            assertThat(b.metric("gc.alloc.rate.norm").orElseThrow().unit()).isEqualTo("B/op");
        });
        assertThat(r.out()).contains("StateMachineBench.transition").contains("Result: " + out);
        assertThat(r.err()).contains("built-in demo suite");
        assertThat(md).content().contains("| dev.perf.demo.StateMachineBench.transition | avgt | 2 |");
        assertThat(dir.resolve("r.log")).content().contains("# Benchmark: dev.perf.demo.StateMachineBench.transition");
    }

    @Test
    void userClasspath_failingAndCrashingBenchmarksAreRecordedAndTheOthersStillRun() throws IOException {
        Path classes = Fixtures.classes();
        Path suite = Files.writeString(
                dir.resolve("perf.yaml"),
                "name: fixtures\nbenchmarks:\n  - jmh: { include: '^fixture\\.(Good|Failing|Crashing)', classpath: ['"
                        + classes + "'] }\n");
        Path out = dir.resolve("r.json");
        CliRun r = CliRun.tinyJmh("run", "-s", suite.toString(), "-o", out.toString());
        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.FINDING);
        assertThat(r.err()).contains("2 benchmark(s) failed");
        RunResult result = ResultFiles.read(out);
        assertThat(result.benchmarks())
                .extracting(BenchmarkResult::name, BenchmarkResult::status)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(
                                "fixture.CrashingBench.crash", BenchmarkResult.Status.failed),
                        org.assertj.core.groups.Tuple.tuple("fixture.FailingBench.boom", BenchmarkResult.Status.failed),
                        org.assertj.core.groups.Tuple.tuple("fixture.GoodBench.sum", BenchmarkResult.Status.ok));
        BenchmarkResult failing = result.benchmarks().stream()
                .filter(b -> b.name().endsWith("boom"))
                .findFirst()
                .orElseThrow();
        assertThat(failing.error()).contains("IllegalStateException").contains("boom from the fixture");
        BenchmarkResult crashing = result.benchmarks().stream()
                .filter(b -> b.name().endsWith("crash"))
                .findFirst()
                .orElseThrow();
        assertThat(crashing.error()).contains("exit code 42");
        assertThat(result.benchmarks().stream()
                        .filter(b -> b.name().endsWith("sum"))
                        .findFirst()
                        .orElseThrow()
                        .params())
                .containsEntry("size", "8");
        assertThat(r.out()).contains("FAILED fixture.FailingBench.boom: ");
    }

    @Test
    void modeAll_everyModeIsItsOwnBenchmark_inRunAndCompare() throws IOException {
        Path classes = Fixtures.classes();
        Path suite = Files.writeString(
                dir.resolve("perf.yaml"),
                "name: modes\nbenchmarks:\n  - jmh: { include: 'AllModesBench', classpath: ['" + classes + "'] }\n");
        Path out = dir.resolve("modes.json");
        CliRun r = CliRun.tinyJmh("run", "-s", suite.toString(), "-o", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        RunResult result = ResultFiles.read(out);
        assertThat(result.benchmarks())
                .extracting(BenchmarkResult::mode)
                .containsExactlyInAnyOrder("thrpt", "avgt", "sample", "ss");
        assertThat(result.benchmarks()).allSatisfy(b -> assertThat(b.status()).isEqualTo(BenchmarkResult.Status.ok));
        CliRun c = CliRun.perf("compare", out.toString(), out.toString(), "--format", "json");
        assertThat(c.exitCode()).as(c.err()).isZero();
        assertThat(c.out())
                .contains("\"mode\" : \"thrpt\"")
                .contains("\"mode\" : \"ss\"")
                .doesNotContain("\"verdict\" : \"missing\"");
    }

    @Test
    void userJar_runsWithItsOwnJmh() throws IOException {
        Path jar = Fixtures.uberJar();
        Path suite = Files.writeString(
                dir.resolve("perf.yaml"),
                "name: jar\nbenchmarks:\n  - jmh: { include: GoodBench, jar: '" + jar
                        + "', params: { size: [4, 16] } }\n");
        Path out = dir.resolve("r.json");
        CliRun r = CliRun.tinyJmh("run", "-s", suite.toString(), "-o", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        RunResult result = ResultFiles.read(out);
        assertThat(result.benchmarks()).extracting(b -> b.params().get("size")).containsExactly("4", "16");
        assertThat(result.benchmarks()).allSatisfy(b -> assertThat(
                        b.metric("score").orElseThrow().summary().n())
                .isEqualTo(2));
    }

    @Test
    void jmhJarFlag_runsTheJarsBenchmarksWithoutASuite() {
        Path out = dir.resolve("r.json");
        CliRun r = CliRun.tinyJmh(
                "run", "--jmh-jar", Fixtures.uberJar().toString(), "--only", "GoodBench", "-o", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        RunResult result = ResultFiles.read(out);
        assertThat(result.run().suite()).isEqualTo("benchmarks");
        assertThat(result.run().suiteFile()).startsWith("--jmh-jar ");
        assertThat(result.benchmarks()).extracting(BenchmarkResult::name).containsExactly("fixture.GoodBench.sum");
    }

    @Test
    void jmhJarAndSuiteTogether_isUsageError() {
        CliRun r = CliRun.perf("run", "--jmh-jar", "a.jar", "-s", "perf.yaml");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("either -s SUITE or --jmh-jar JAR");
    }

    @Test
    void loadLoop_breachedTargetExitsOneAndTheResultHoldsTheLoadDetails() throws IOException {
        Path suite = Files.writeString(
                dir.resolve("perf.yaml"),
                """
                name: load
                benchmarks:
                  - load:
                      name: bus
                      target: { java: { class: dev.perf.demo.EventBusWorkload } }
                      load: { rate: 200/s, duration: 1s, warmup: 200ms, maxInFlight: 2 }
                      targets: { throughput: { target: 10000/s } }
                """);
        Path out = dir.resolve("r.json");
        CliRun r = CliRun.perf("run", "-s", suite.toString(), "-o", out.toString(), "--no-progress");
        RunResult result = ResultFiles.read(out);
        if (!result.benchmarks().get(0).load().generatorBound()) { // a busy runner may make it inconclusive
            assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.FINDING);
            assertThat(r.err()).contains("1 SLO target(s) failed: bus: throughput");
            assertThat(r.out()).contains("bus").contains("fail");
        }
        BenchmarkResult bus = result.benchmarks().get(0);
        assertThat(bus.kind()).isEqualTo("load");
        assertThat(bus.load().counters().scheduled()).isEqualTo(200);
        assertThat(bus.metric("throughput").orElseThrow().better()).isEqualTo(dev.perf.result.Better.HIGHER);
    }

    @Test
    void loadLoop_unknownWorkloadClassIsBadInputBeforeAnythingRuns() throws IOException {
        Path suite = Files.writeString(
                dir.resolve("perf.yaml"),
                """
                name: load
                benchmarks:
                  - load: { name: x, target: { java: { class: com.acme.Nope } }, load: { rate: 1/s } }
                """);
        CliRun r = CliRun.perf(
                "run", "-s", suite.toString(), "-o", dir.resolve("r.json").toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("unknown Workload class com.acme.Nope");
    }
}
