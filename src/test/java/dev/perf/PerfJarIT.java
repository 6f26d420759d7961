package dev.perf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perf.result.BenchmarkResult;
import dev.perf.result.ResultFiles;
import dev.perf.result.RunResult;
import dev.perf.testing.PerfJar;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the shaded jar as a user would: {@code java -jar target/perf.jar ...}. */
class PerfJarIT {

    @TempDir
    Path dir;

    /** {@code run quick} of the demo entries matching {@code only}, one short fork each, then {@code more}. */
    private static String[] quickDemo(String only, String... more) {
        List<String> args = new ArrayList<>(
                List.of("run", "quick", "--only", only, "-f", "1", "-wi", "0", "-i", "1", "-r", "200ms"));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    private ProcessBuilder perf(String... args) {
        return new ProcessBuilder(PerfJar.command(args)).directory(dir.toFile());
    }

    @Test
    void runQuick_onOneDemoBenchmark_writesAResultFileThatReadsBack() throws Exception {
        Process p = perf(quickDemo(
                        "TenantCacheBench.hit", "-o", "out/r.json", "--md", "out/r.md", "--html", "out/r.html"))
                .redirectErrorStream(true)
                .start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output)
                .contains("built-in demo suite")
                .contains("dev.perf.demo.TenantCacheBench.hit")
                .contains("Result: out/r.json");

        RunResult result = ResultFiles.read(dir.resolve("out/r.json"));
        assertThat(result.schema()).isEqualTo("perf-result/1");
        assertThat(result.perfVersion()).isNotBlank().isNotEqualTo("unknown");
        assertThat(result.run().interrupted()).isFalse();
        assertThat(result.environment().cpuModel()).isNotBlank();
        BenchmarkResult b = result.benchmarks().get(0);
        assertThat(b.status()).isEqualTo(BenchmarkResult.Status.ok);
        assertThat(b.params()).containsEntry("tenants", "1000");
        assertThat(b.metric("score").orElseThrow().summary().mean()).isPositive();
        assertThat(b.metric("gc.alloc.rate.norm")).isPresent();
        assertThat(dir.resolve("out/r.md")).content().contains("TenantCacheBench.hit");
        assertThat(dir.resolve("out/r.html"))
                .content()
                .startsWith("<!DOCTYPE html>")
                .contains("<svg");
        Process report = perf("report", "out/r.json", "out/r.json", "--format", "html", "-o", "out/c.html")
                .redirectErrorStream(true)
                .start();
        String reportOutput = new String(report.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(report.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(report.exitValue()).as(reportOutput).isZero();
        assertThat(dir.resolve("out/c.html")).content().contains("perf compare");
        assertThat(dir.resolve("out/r.log")).content().contains("# JMH version");
    }

    @Test
    void profile_ofAJavaCommand_writesTheFlameGraphAndSummary() throws Exception {
        Path classes = dev.perf.testing.Fixtures.profileTarget();
        Process p = perf(
                        "profile",
                        "-o",
                        "prof",
                        "--",
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Dapi.token=hunter2",
                        "-cp",
                        classes.toString(),
                        "ProfileTarget",
                        "cpu",
                        "2")
                .redirectErrorStream(true)
                .start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).contains("ProfileTarget.burn").contains("Profile: prof");
        // the converter packs frame names, so the page is checked for its canvas, the summary for the method
        assertThat(dir.resolve("prof/flame.html")).content().contains("<canvas id='canvas'>");
        assertThat(dir.resolve("prof/summary.md")).content().contains("ProfileTarget.burn");
        // no output, recordings included, carries a secret of the profiled JVM's command line
        try (var files = java.nio.file.Files.list(dir.resolve("prof"))) {
            for (Path f : files.toList()) {
                String bytes = new String(java.nio.file.Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                assertThat(bytes).as(f.toString()).doesNotContain("hunter2");
            }
        }
    }

    /**
     * Starts {@code perf}, sends {@code signal} at the first stderr line that {@code trigger} accepts, and
     * returns every stderr line once the process has ended (within 60 s).
     */
    private static List<String> signalWhen(Process p, java.util.function.Predicate<String> trigger, String signal)
            throws Exception {
        List<String> lines = new ArrayList<>();
        try (BufferedReader err =
                new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = err.readLine()) != null) {
                lines.add(line);
                if (trigger.test(line)) {
                    new ProcessBuilder("kill", signal, Long.toString(p.pid()))
                            .start()
                            .waitFor();
                    break;
                }
            }
            while ((line = err.readLine()) != null) {
                lines.add(line);
            }
        }
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return lines;
    }

    @Test
    void sigint_writesTheFinishedBenchmarksMarkedInterruptedAndExits130() throws Exception {
        Process p = perf(
                        "run",
                        "quick",
                        "--only",
                        "StateMachineBench|TenantCacheBench.hit",
                        "-f",
                        "1",
                        "-wi",
                        "0",
                        "-i",
                        "4",
                        "-r",
                        "500ms",
                        "-o",
                        "r.json")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        List<String> lines = signalWhen(p, line -> line.startsWith("perf: done "), "-INT");
        assertThat(p.exitValue()).as(String.join("\n", lines)).isEqualTo(130);
        assertThat(lines).anyMatch(l -> l.startsWith("perf: interrupted; 1 finished benchmark(s) written to r.json"));
        RunResult result = ResultFiles.read(dir.resolve("r.json"));
        assertThat(result.run().interrupted()).isTrue();
        assertThat(result.benchmarks()).hasSize(1);
        assertThat(result.benchmarks()
                        .get(0)
                        .metric("score")
                        .orElseThrow()
                        .summary()
                        .n())
                .isEqualTo(4);
        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
        // JMH's fork of the second benchmark must not outlive perf
        Thread.sleep(500);
        assertThat(p.descendants().filter(ProcessHandle::isAlive)).isEmpty();
    }

    @Test
    void sigint_beforeAnyBenchmarkFinished_keepsThePreviousResult() throws Exception {
        Path previous = dir.resolve("r.json");
        ResultFiles.write(previous, dev.perf.testing.SampleResults.demo());
        byte[] before = Files.readAllBytes(previous);
        for (String signal : new String[] {"-INT", "-TERM"}) {
            Process p = perf(
                            "run",
                            "quick",
                            "--only",
                            "StateMachineBench",
                            "-f",
                            "1",
                            "-wi",
                            "0",
                            "-i",
                            "20",
                            "-r",
                            "500ms",
                            "-o",
                            "r.json")
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            // the benchmark has started, none has finished
            List<String> lines = signalWhen(p, line -> line.contains("StateMachineBench"), signal);
            assertThat(p.exitValue()).as(String.join("\n", lines)).isIn(130, 143);
            assertThat(lines).anyMatch(l -> l.contains("interrupted before any benchmark finished; nothing written"));
            assertThat(Files.readAllBytes(previous)).isEqualTo(before);
        }
    }

    /** {@code perf run} of the fixture jar's WorkBench with 4 forks (the quick profile's), short iterations. */
    private int runWorkBench(String output, int work) throws Exception {
        Process p = perf(
                        "run",
                        "--jmh-jar",
                        dev.perf.testing.Fixtures.uberJar().toString(),
                        "--only",
                        "WorkBench",
                        "-f",
                        "4",
                        "-wi",
                        "1",
                        "-w",
                        "200ms",
                        "-i",
                        "2",
                        "-r",
                        "200ms",
                        "--jvm-args",
                        "-Dfixture.work=" + work,
                        "--no-gc-profiler",
                        "-o",
                        output,
                        "--no-progress",
                        "-q")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return p.exitValue();
    }

    @Test
    void compare_jmhAaPairPasses_andALoneRegressionFails_throughTheJar() throws Exception {
        assertThat(runWorkBench("a1.json", 2000)).isZero();
        assertThat(runWorkBench("a2.json", 2000)).isZero();
        assertThat(runWorkBench("b.json", 4000)).isZero();
        Process same =
                perf("compare", "a1.json", "a2.json").redirectErrorStream(true).start();
        String sameOut = new String(same.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(same.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(same.exitValue()).as(sameOut).isZero();
        assertThat(sameOut).contains("fixture.WorkBench.steps").doesNotContain(" fail");
        Process slower =
                perf("compare", "a1.json", "b.json").redirectErrorStream(true).start();
        String slowerOut = new String(slower.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(slower.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(slower.exitValue()).as(slowerOut).isEqualTo(1);
        assertThat(slowerOut).containsPattern("WorkBench\\.steps +score.* 4 +fail");
    }

    @Test
    void badInput_exitsWithTheDocumentedCodeAndOneLine() throws IOException, InterruptedException {
        Process p = perf("run", "-s", "missing.yaml").start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(3);
        assertThat(err.strip().lines()).singleElement().asString().contains("missing.yaml");
    }

    /** The newest JDK 24 or later under /usr/lib/jvm (where Debian and Temurin install), or null. */
    private static Path newestJdk() throws IOException {
        Path jvms = Path.of("/usr/lib/jvm");
        if (!java.nio.file.Files.isDirectory(jvms)) {
            return null;
        }
        Path best = null;
        int bestMajor = 23;
        try (var homes = java.nio.file.Files.list(jvms)) {
            for (Path home : homes.toList()) {
                Path release = home.resolve("release");
                if (!java.nio.file.Files.isRegularFile(release)
                        || !java.nio.file.Files.isExecutable(home.resolve("bin/java"))) {
                    continue;
                }
                var m = java.util.regex.Pattern.compile("JAVA_VERSION=\"(\\d+)")
                        .matcher(java.nio.file.Files.readString(release));
                if (m.find() && Integer.parseInt(m.group(1)) > bestMajor) {
                    bestMajor = Integer.parseInt(m.group(1));
                    best = home;
                }
            }
        }
        return best;
    }

    @Test
    void onTheNewestJdk_theLauncherRunsAJmhBenchmarkAndAnHttpLoop_withoutAJvmWarning() throws Exception {
        Path jdk = newestJdk();
        org.junit.jupiter.api.Assumptions.assumeTrue(jdk != null, "no JDK 24 or later under /usr/lib/jvm");
        List<String> command = new ArrayList<>(
                List.of("bash", Path.of("scripts/perf").toAbsolutePath().toString()));
        command.addAll(
                List.of(quickDemo("TenantCacheBench.hit|demo-server-hello", "-o", "r.json", "--no-progress", "-q")));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().put("JAVA_HOME", jdk.toString());
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        String stderr = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(stderr).isZero();
        // perf's own lines only (the demo notice; on a busy machine perhaps an inconclusive SLO): nothing from the JVM
        assertThat(stderr.lines().toList())
                .as("stderr on %s", jdk)
                .contains("perf: no perf.yaml, perf.yml, perf.json in this directory; running the built-in demo suite"
                        + " (see samples/perf.yaml to write your own)")
                .allSatisfy(line -> assertThat(line).startsWith("perf: "));
        assertThat(ResultFiles.read(dir.resolve("r.json")).benchmarks()).hasSize(2);
    }
}
