package dev.perf.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perf.result.Thresholds;
import dev.perf.testing.CliRun;
import dev.perf.testing.SampleResults;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gate through the command line on inputs whose truth is known: a broken current run never exits 0 (a
 * command whose every run exited 1, a benchmark gone, a new benchmark that failed), {@code --allow-missing}
 * opts out of the missing one, thresholds never come from the run under test, counts from zero fail, and
 * tools that cannot be compared are bad input.
 */
class CompareGateTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    private static String hyperfine(String command, double seconds, int exitCode) {
        StringBuilder times = new StringBuilder();
        StringBuilder codes = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            times.append(i == 0 ? "" : ",").append(seconds * (1 + 0.01 * i));
            codes.append(i == 0 ? "" : ",").append(exitCode);
        }
        return "{\"command\":\"" + command + "\",\"mean\":" + seconds + ",\"times\":[" + times + "],\"exit_codes\":["
                + codes + "]}";
    }

    private Path hyperfineFile(String name, String... results) throws IOException {
        return write(name, "{\"results\":[" + String.join(",", results) + "]}");
    }

    @Test
    void aCommandWhoseEveryRunExitedOne_failsTheGate_evenThoughItWasQuick() throws IOException {
        Path base = hyperfineFile("b.json", hyperfine("./tool", 0.5, 0));
        Path current = hyperfineFile("c.json", hyperfine("./tool", 0.005, 1));
        CliRun r = CliRun.perf("compare", base.toString(), current.toString());
        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(ExitCodes.FINDING);
        assertThat(r.out())
                .contains("the command exited with status 1 in 6 of 6 runs")
                .doesNotContain("improved");
    }

    @Test
    void aBenchmarkMissingFromCurrent_failsTheGate_unlessAllowed() throws IOException {
        Path base = hyperfineFile("b.json", hyperfine("./a", 0.5, 0), hyperfine("./gone", 0.5, 0));
        Path current = hyperfineFile("c.json", hyperfine("./a", 0.5, 0));
        CliRun r = CliRun.perf("compare", base.toString(), current.toString());
        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(ExitCodes.FINDING);
        assertThat(r.out()).contains("benchmark missing from current");
        CliRun allowed = CliRun.perf("compare", base.toString(), current.toString(), "--allow-missing");
        assertThat(allowed.exitCode()).as(allowed.out() + allowed.err()).isZero();
        CliRun junit = CliRun.perf(
                "compare",
                base.toString(),
                current.toString(),
                "--junit",
                dir.resolve("j.xml").toString());
        assertThat(junit.exitCode()).isEqualTo(ExitCodes.FINDING);
    }

    @Test
    void aNewBenchmarkThatFailed_failsTheGate() throws IOException {
        Path base = hyperfineFile("b.json", hyperfine("./a", 0.5, 0));
        Path current = hyperfineFile("c.json", hyperfine("./a", 0.5, 0), hyperfine("./new", 0.5, 2));
        CliRun r = CliRun.perf("compare", base.toString(), current.toString(), "--fail-on", "fail");
        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(ExitCodes.FINDING);
        assertThat(r.out()).contains("benchmark new in current, and it failed");
    }

    @Test
    void thresholdsLoosenedByThePullRequest_areNotUsed() throws IOException {
        Thresholds defaults = Thresholds.DEFAULTS;
        Thresholds loose = new Thresholds(new Thresholds.Limit("60%", "80%"), null, null);
        Path base = write("b.json", SampleResults.oneBenchmark(defaults, 4.0, 4.01, 3.99, 4.0, 4.02, 3.98));
        Path current = write("c.json", SampleResults.oneBenchmark(loose, 5.9, 5.92, 5.88, 5.9, 5.91, 5.89));
        CliRun r = CliRun.perf("compare", base.toString(), current.toString());
        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(ExitCodes.FINDING);
        assertThat(r.out()).contains("fail").contains("thresholds (the base's are used)");
    }

    @Test
    void aNanobenchmarkFourToFourPointSevenNanoseconds_isAChange() throws IOException {
        Thresholds defaults = Thresholds.DEFAULTS;
        Path base = write(
                "b.json", SampleResults.oneBenchmark(defaults, 4.0, 4.01, 3.99, 4.0, 4.02, 3.98, 4.0, 4.01, 3.99, 4.0));
        Path current = write(
                "c.json", SampleResults.oneBenchmark(defaults, 4.7, 4.71, 4.69, 4.7, 4.72, 4.68, 4.7, 4.71, 4.69, 4.7));
        CliRun r = CliRun.perf("compare", base.toString(), current.toString(), "--fail-on", "warn");
        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(ExitCodes.FINDING);
        assertThat(r.out()).contains("warn").doesNotContain("floor");
    }

    @Test
    void allocationsRisingFromZero_inGoText_fail() throws IOException {
        StringBuilder old = new StringBuilder("pkg: example.com/x\n");
        StringBuilder neu = new StringBuilder("pkg: example.com/x\n");
        for (int i = 0; i < 6; i++) {
            old.append("BenchmarkParse-8 \t 1000000\t 100.0 ns/op\t 0 B/op\t 0 allocs/op\n");
            neu.append("BenchmarkParse-8 \t 1000000\t 100.0 ns/op\t 24 B/op\t 1 allocs/op\n");
        }
        CliRun r = CliRun.perf(
                "compare",
                write("old.txt", old.toString()).toString(),
                write("new.txt", neu.toString()).toString());
        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(ExitCodes.FINDING);
        assertThat(r.out()).contains("from 0 to 24").contains("from 0 to 1");
    }

    @Test
    void goBenchmarksOfOneNameInTwoPackages_areTwoRows() throws IOException {
        String text = "pkg: example.com/a\nBenchmarkX-8 \t 1000\t 100.0 ns/op\n".repeat(4)
                + "pkg: example.com/b\nBenchmarkX-8 \t 1000\t 900.0 ns/op\n".repeat(4);
        Path f = write("go.txt", text);
        CliRun r = CliRun.perf("compare", f.toString(), f.toString(), "--format", "json");
        assertThat(r.out()).contains("example.com/a").contains("example.com/b");
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void filesOfDifferentTools_areBadInput_sayingSo() throws IOException {
        Path go = write("go.txt", "BenchmarkX-8 \t 1000\t 100.0 ns/op\n".repeat(4));
        Path hf = hyperfineFile("h.json", hyperfine("./a", 0.5, 0));
        CliRun r = CliRun.perf("compare", go.toString(), hf.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err())
                .contains("results of different tools cannot be compared")
                .doesNotContain("Exception");
    }

    private static String jmhEntry(double score, double cycles, double events) {
        StringBuilder raw = new StringBuilder();
        StringBuilder cyc = new StringBuilder();
        StringBuilder ev = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            String sep = i == 0 ? "" : ",";
            raw.append(sep).append("[").append(score * (1 + 0.002 * i)).append("]");
            cyc.append(sep).append("[").append(cycles * (1 + 0.002 * i)).append("]");
            ev.append(sep).append("[").append(events * (1 + 0.002 * i)).append("]");
        }
        return "{\"benchmark\":\"a.B.c\",\"mode\":\"thrpt\",\"forks\":5,\"primaryMetric\":{\"score\":1,"
                + "\"scoreUnit\":\"ops/us\",\"rawData\":[" + raw + "]},\"secondaryMetrics\":{\"·cycles/op\":{"
                + "\"score\":1,\"scoreUnit\":\"#/op\",\"rawData\":[" + cyc + "]},\"events\":{\"score\":1,"
                + "\"scoreUnit\":\"#\",\"rawData\":[" + ev + "]}}}";
    }

    @Test
    void jmhSecondariesPerOperation_areLowerBetterInThroughputMode_andAnUnknownDirectionIsNotJudged()
            throws IOException {
        Path base = write("b.json", "[" + jmhEntry(10, 100, 50) + "]");
        Path current = write("c.json", "[" + jmhEntry(10, 200, 500) + "]");
        CliRun r = CliRun.perf("compare", base.toString(), current.toString(), "--format", "md");
        assertThat(r.exitCode()).as(r.out()).isEqualTo(ExitCodes.FINDING);
        assertThat(r.out()).containsPattern("cycles/op.*fail").contains("is better is unknown");
    }

    @Test
    void aJmhFileHoldingOneBenchmarkTwice_poolsItsForks_andSaysSo() throws IOException {
        Path base = write("b.json", "[" + jmhEntry(10, 100, 50) + "," + jmhEntry(10, 100, 50) + "]");
        Path current = write("c.json", "[" + jmhEntry(10, 100, 50) + "]");
        CliRun r = CliRun.perf("compare", base.toString(), current.toString(), "--format", "json");
        assertThat(r.out()).contains("held this benchmark more than once").contains("\"n\" : 10");
    }

    @Test
    void namesWithControlCharacters_reachNoTerminalRaw_listOrCompare() throws IOException {
        Path suite = write(
                "perf.yaml",
                """
                name: hostile
                benchmarks:
                  - load:
                      name: "x\\n::warning::INJECTED\\u001b7"
                      target: { http: { url: "http://127.0.0.1:9/" } }
                      load: { rate: 10/s, duration: 1s }
                """);
        CliRun list = CliRun.perf("run", "-s", suite.toString(), "--list");
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out().lines()).containsExactly("x?::warning::INJECTED?7 (load)");
        // a name perf refuses is quoted in its one-line message with the control characters made visible
        Path refused = write("refused.yaml", Files.readString(suite).replace("\\u001b7", "\\u001b[31m"));
        CliRun bad = CliRun.perf("run", "-s", refused.toString(), "--list");
        assertThat(bad.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(bad.err().lines())
                .containsExactly("perf: " + refused + ":7:1: benchmarks[0].load: load.name"
                        + " 'x?::warning::INJECTED?[31m' contains [: it marks a matrix combination"
                        + " (publish[clients=8]); give the entry a matrix: or drop the brackets");
        Path base = hyperfineFile("b.json", hyperfine("./a\\n::error::FORGED\\u001b[2J", 0.5, 0));
        Path current = hyperfineFile("c.json", hyperfine("./a\\n::error::FORGED\\u001b[2J", 0.9, 0));
        CliRun compare = CliRun.perf("compare", base.toString(), current.toString(), "--github");
        assertThat(compare.exitCode()).isEqualTo(ExitCodes.FINDING);
        for (String line : (compare.out() + compare.err()).split("\n", -1)) {
            assertThat(line).doesNotStartWith("::error::FORGED").doesNotContain("\u001b");
        }
    }
}
