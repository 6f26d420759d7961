package dev.perf.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perf.result.ResultFiles;
import dev.perf.result.RunResult;
import dev.perf.testing.CliRun;
import dev.perf.testing.SampleResults;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {
    @TempDir
    Path dir;

    private Path sample(String name) {
        Path file = dir.resolve(name);
        ResultFiles.write(file, SampleResults.demo());
        return file;
    }

    @Test
    void oneResult_markdownToStdout() {
        CliRun r = CliRun.perf("report", sample("a.json").toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("## perf run: perf-demo (quick)").contains("### SLO targets");
    }

    @Test
    void oneResult_htmlAndJsonToFiles() throws IOException {
        Path a = sample("a.json");
        Path html = dir.resolve("out/report.html");
        Path json = dir.resolve("report.json");
        assertThat(CliRun.perf("report", a.toString(), "--format", "html", "-o", html.toString())
                        .exitCode())
                .isZero();
        assertThat(CliRun.perf("report", a.toString(), "--format", "json", "-o", json.toString())
                        .exitCode())
                .isZero();
        assertThat(Files.readString(html, StandardCharsets.UTF_8)).startsWith("<!DOCTYPE html>");
        assertThat(Files.readString(json, StandardCharsets.UTF_8)).contains("\"schema\" : \"perf-report/1\"");
    }

    @Test
    void twoResults_compare() {
        CliRun r = CliRun.perf(
                "report", sample("a.json").toString(), sample("b.json").toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("unchanged").contains("## perf run: perf-demo");
    }

    @Test
    void foreignFormat_isReported() {
        CliRun r = CliRun.perf("report", "src/test/resources/compare/hyperfine.json");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("sleep 0.1");
    }

    @Test
    void history_andMerge_workOnTheSamples() throws IOException {
        CliRun h = CliRun.perf("report", "--history", "samples/history");
        assertThat(h.exitCode()).as(h.err()).isZero();
        assertThat(h.out()).contains("## perf history").contains("change points");
        Path merged = dir.resolve("merged.json");
        CliRun m = CliRun.perf(
                "report",
                "merge",
                "samples/shards/shard-1.json",
                "samples/shards/shard-2.json",
                "-o",
                merged.toString());
        assertThat(m.exitCode()).as(m.err()).isZero();
        RunResult result = ResultFiles.read(merged);
        assertThat(result.run().shard()).isEqualTo("merged 2");
    }

    @Test
    void badInput_exitsThreeWithOneLine() throws IOException {
        Path empty = Files.createDirectory(dir.resolve("empty"));
        Path junk = Files.writeString(dir.resolve("junk.txt"), "hello");
        for (String[] args : new String[][] {
            {"report", "--history", empty.toString()},
            {"report", dir.resolve("missing.json").toString()},
            {"report", junk.toString()},
            {"report", "merge", junk.toString(), "-o", dir.resolve("m.json").toString()}
        }) {
            CliRun r = CliRun.perf(args);
            assertThat(r.exitCode()).as(String.join(" ", args)).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(r.err().lines().count()).as(r.err()).isEqualTo(1);
            assertThat(r.err()).startsWith("perf: ");
        }
        assertThat(CliRun.perf("report", "--history", empty.toString()).err())
                .contains("no result files (*.json, *.txt) in it");
    }

    @Test
    void usage_exitsTwo() {
        assertThat(CliRun.perf("report").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(CliRun.perf("report", "--format", "pdf", "x.json").exitCode())
                .isEqualTo(ExitCodes.USAGE);
        assertThat(CliRun.perf("report", "merge", "a.json").exitCode()).isEqualTo(ExitCodes.USAGE);
    }
}
