package dev.perf.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perf.result.ResultFiles;
import dev.perf.testing.CliRun;
import dev.perf.testing.Golden;
import dev.perf.testing.SampleResults;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareCommandTest {
    private static final Path BENCHSTAT = Path.of("src/test/resources/benchstat");
    private static final String HYPERFINE = "src/test/resources/compare/hyperfine.json";
    private static final String HYPERFINE_SLOWER = "src/test/resources/compare/hyperfine-slower.json";

    @TempDir
    Path dir;

    @Test
    void regression_exitsOneAndExplains() {
        CliRun r = CliRun.perf("compare", HYPERFINE, HYPERFINE_SLOWER);
        assertThat(r.exitCode()).isEqualTo(ExitCodes.FINDING);
        assertThat(r.out()).contains("sleep 0.1(delay=0.1)").contains("+48.5").contains("fail");
        assertThat(r.err()).startsWith("perf: gate failed: 1 fail");
    }

    @Test
    void failOnNever_exitsZeroEvenOnARegression() {
        assertThat(CliRun.perf("compare", HYPERFINE, HYPERFINE_SLOWER, "--fail-on", "never")
                        .exitCode())
                .isZero();
    }

    @Test
    void failOnWarn_turnsWarningsIntoFailures() throws IOException {
        Path base = Files.writeString(
                dir.resolve("b.txt"),
                "BenchmarkA 1 100 ns/op\n".repeat(1)
                        + "BenchmarkA 1 101 ns/op\nBenchmarkA 1 99 ns/op\nBenchmarkA 1 100 ns/op\nBenchmarkA 1 100 ns/op\nBenchmarkA 1 101 ns/op\n");
        Path current = Files.writeString(
                dir.resolve("c.txt"),
                "BenchmarkA 1 112 ns/op\nBenchmarkA 1 113 ns/op\nBenchmarkA 1 111 ns/op\nBenchmarkA 1 112 ns/op\nBenchmarkA 1 112 ns/op\nBenchmarkA 1 113 ns/op\n");
        CliRun warn = CliRun.perf("compare", base.toString(), current.toString());
        assertThat(warn.out()).contains("warn");
        assertThat(warn.exitCode()).isZero();
        assertThat(CliRun.perf("compare", base.toString(), current.toString(), "--fail-on", "warn")
                        .exitCode())
                .isEqualTo(ExitCodes.FINDING);
    }

    @Test
    void thresholdOverride_isApplied() {
        CliRun r = CliRun.perf("compare", HYPERFINE, HYPERFINE_SLOWER, "--threshold", "time=60%/80%");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("unchanged");
    }

    @Test
    void badThresholdAlphaAndFormat_areUsageErrors() {
        assertThat(CliRun.perf("compare", HYPERFINE, HYPERFINE, "--threshold", "time=10")
                        .exitCode())
                .isEqualTo(ExitCodes.USAGE);
        assertThat(CliRun.perf("compare", HYPERFINE, HYPERFINE, "--threshold", "time=30%/20%")
                        .err())
                .contains("above fail");
        assertThat(CliRun.perf("compare", HYPERFINE, HYPERFINE, "--alpha", "2").exitCode())
                .isEqualTo(ExitCodes.USAGE);
        assertThat(CliRun.perf("compare", HYPERFINE, HYPERFINE, "--format", "xml")
                        .exitCode())
                .isEqualTo(ExitCodes.USAGE);
        assertThat(CliRun.perf("compare", HYPERFINE).exitCode()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void unreadableInput_isBadInputInOneLine() throws IOException {
        Path garbage = Files.write(dir.resolve("garbage.bin"), new byte[] {0, 1, 2});
        CliRun r = CliRun.perf("compare", garbage.toString(), HYPERFINE);
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err().strip())
                .isEqualTo("perf: cannot read " + garbage
                        + ": it is a binary file (expected perf JSON, JMH JSON, hyperfine JSON or Go benchmark text)");
    }

    @Test
    void noBenchmarkInCommon_isBadInput() throws IOException {
        Path other = Files.writeString(dir.resolve("o.txt"), "BenchmarkOther 1 5 ns/op\n");
        CliRun r = CliRun.perf("compare", HYPERFINE, other.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err())
                .contains("no benchmark in common")
                .contains("sleep 0.1(delay=0.1)")
                .contains("Other");
    }

    @Test
    void markdownAndJson_matchGoldenAndAreByteIdenticalAcrossRuns() throws IOException {
        String old = BENCHSTAT.resolve("old.txt").toString();
        String neu = BENCHSTAT.resolve("new.txt").toString();
        Path md1 = dir.resolve("a.md");
        Path md2 = dir.resolve("b.md");
        CliRun.perf("compare", old, neu, "--format", "md", "-o", md1.toString());
        CliRun.perf("compare", old, neu, "--format", "md", "-o", md2.toString());
        assertThat(Files.readAllBytes(md1)).isEqualTo(Files.readAllBytes(md2));
        String md = Files.readString(md1).replace(BENCHSTAT.toString(), "testdata");
        assertThat(md).isEqualTo(Golden.of("compare.md", md));
        CliRun json = CliRun.perf("compare", old, neu, "--format", "json");
        String normalized = json.out().replace(BENCHSTAT.toString(), "testdata");
        assertThat(normalized).isEqualTo(Golden.of("compare.json", normalized));
        assertThat(json.out())
                .contains("\"verdict\" : \"improved\"")
                .contains("\"p\" : ")
                .contains("\"q\" : ");
    }

    @Test
    void junitAndGithub_areWritten() throws IOException {
        Path junit = dir.resolve("junit.xml");
        Path summary = dir.resolve("summary.md");
        Files.writeString(summary, "# earlier step\n");
        CliRun r = CliRun.perf("compare", HYPERFINE, HYPERFINE_SLOWER, "--junit", junit.toString(), "--github");
        assertThat(junit)
                .content()
                .contains("<testsuite name=\"perf compare\" tests=\"1\" failures=\"1\"")
                .contains("<failure type=\"fail\"");
        assertThat(r.out()).contains("::error title=perf%3A sleep 0.1(delay=0.1) time::");
        // GITHUB_STEP_SUMMARY is not set in tests: the command says so instead of failing
        if (System.getenv("GITHUB_STEP_SUMMARY") == null) {
            assertThat(r.err()).contains("GITHUB_STEP_SUMMARY is not set");
        }
    }

    @Test
    void perfResults_compareAgainstJmhJsonOfTheSameBenchmarks() throws IOException {
        Path perf = dir.resolve("perf.json");
        ResultFiles.write(perf, SampleResults.withScores(15, 16, 17, 18, 19));
        Path jmh = dir.resolve("jmh.json");
        Files.writeString(
                jmh,
                Files.readString(Path.of("src/test/resources/jmh-json/good.json"), StandardCharsets.UTF_8)
                        .replace("fixture.GoodBench.sum", "a.B.c")
                        .replace("\"size\" : \"8\"", ""));
        CliRun r = CliRun.perf("compare", jmh.toString(), perf.toString());
        assertThat(r.err()).doesNotContain("cannot read");
    }

    @Test
    void threeInputs_nWayView_exitsOnAWarnOnlyWithFailOnWarn() {
        String old = BENCHSTAT.resolve("old.txt").toString();
        String neu = BENCHSTAT.resolve("new.txt").toString();
        String newer = "src/test/resources/compare/newer.txt";
        CliRun r = CliRun.perf("compare", old, neu, newer);
        assertThat(r.exitCode()).isZero();
        assertThat(r.out())
                .startsWith("perf compare: 3 columns (input), each against " + old)
                .contains("improved")
                .contains("+12.02%");

        CliRun strict = CliRun.perf("compare", old, neu, newer, "--fail-on", "warn", "--format", "md");
        assertThat(strict.exitCode()).isEqualTo(ExitCodes.FINDING);
        assertThat(strict.err())
                .contains("perf: gate failed: " + neu + ": 1 improved")
                .contains(newer + ": 1 warn");
        assertThat(strict.out()).contains("| Benchmark | Metric | `" + old + "` |");
    }

    @Test
    void twoInputs_keepTheTwoInputTable_unlessAProjectionIsAsked() {
        String old = BENCHSTAT.resolve("old.txt").toString();
        String neu = BENCHSTAT.resolve("new.txt").toString();
        assertThat(CliRun.perf("compare", old, neu).out()).startsWith("perf compare: " + old + " -> " + neu);
        assertThat(CliRun.perf("compare", old, neu, "--row", "metric").out())
                .startsWith("perf compare: 2 columns (input), each against " + old + "; lines by metric");
        CliRun filtered = CliRun.perf("compare", old, neu, "--filter", "gob");
        assertThat(filtered.out()).contains("format=gob").doesNotContain("format=json");
    }

    @Test
    void oneInput_byParameter_describesAndNeverGates() {
        CliRun r = CliRun.perf("compare", "src/test/resources/compare/params.json", "--col", "param:size");
        assertThat(r.exitCode()).isZero(); // size=1000 is slower than size=10: a description, not a regression
        assertThat(r.out()).contains("size=10").contains("size=1000").contains("fixture.Codec.decode");

        CliRun alone = CliRun.perf("compare", "src/test/resources/compare/params.json");
        assertThat(alone.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(alone.err()).startsWith("perf: one result has nothing to compare against");
    }

    @Test
    void reportOfThreeInputs_isTheNWayViewThenEachRun() {
        String old = BENCHSTAT.resolve("old.txt").toString();
        CliRun r = CliRun.perf(
                "report", old, BENCHSTAT.resolve("new.txt").toString(), "src/test/resources/compare/newer.txt");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("## perf compare\n\n3 columns (input), each against " + old);
        assertThat(r.out().split("## perf run", -1)).hasSize(4); // then the three runs
    }

    /** Two JMH files whose forks ran with other flags and another JDK: compare names both, as benchstat names config. */
    @Test
    void forksWithOtherFlagsOrJdk_areNamedAsEnvironmentDifferences() throws IOException {
        String good = Files.readString(Path.of("src/test/resources/jmh-json/good.json"));
        Path base = Files.writeString(dir.resolve("base.json"), good);
        Path current = Files.writeString(
                dir.resolve("current.json"),
                good.replace("\"jdkVersion\" : \"17.0.15\"", "\"jdkVersion\" : \"21.0.5\"")
                        .replace("\"jvmArgs\" : [", "\"jvmArgs\" : [ \"-XX:+UseParallelGC\""));
        CliRun r = CliRun.perf("compare", base.toString(), current.toString());
        assertThat(r.out())
                .contains("forks.jdkVersion: 17.0.15 -> 21.0.5")
                .contains("forks.jvmArgs: ")
                .contains("-XX:+UseParallelGC");
        CliRun same = CliRun.perf("compare", base.toString(), base.toString());
        assertThat(same.out()).doesNotContain("forks.");
        // the report, as a warning line and a table row per key
        CliRun md = CliRun.perf("report", base.toString(), current.toString(), "--format", "md");
        assertThat(md.out())
                .contains("⚠️ **Environments differ** in 2 keys")
                .contains("| Configuration | Base | Current |")
                .contains("| forks.jdkVersion | 17.0.15 | 21.0.5 |");
        CliRun html = CliRun.perf("report", base.toString(), current.toString(), "--format", "html");
        assertThat(html.out()).contains("<td>forks.jdkVersion</td><td>17.0.15</td><td>21.0.5</td>");
        // an N-way view names the column beside each key
        CliRun nway = CliRun.perf("report", base.toString(), base.toString(), current.toString(), "--format", "md");
        assertThat(nway.out())
                .contains("| Column | Configuration | Base | Current |")
                .contains("` | forks.jdkVersion | 17.0.15 | 21.0.5 |");
        CliRun nwayHtml =
                CliRun.perf("report", base.toString(), base.toString(), current.toString(), "--format", "html");
        assertThat(nwayHtml.out()).contains("<th>Column</th>").contains("<td>forks.jdkVersion</td><td>17.0.15</td>");
        CliRun github = CliRun.perf("report", base.toString(), current.toString(), "--format", "github");
        assertThat(github.out())
                .contains("::warning title=perf%3A environment differs::forks.jdkVersion: 17.0.15 -> 21.0.5");
    }
}
