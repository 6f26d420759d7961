package dev.perf.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.perf.result.BenchmarkResult;
import dev.perf.result.Better;
import dev.perf.result.Metric;
import dev.perf.result.PerfException;
import dev.perf.result.ResultFiles;
import dev.perf.result.RunInfo;
import dev.perf.result.RunResult;
import dev.perf.result.Thresholds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryTest {
    @TempDir
    Path dir;

    /** Run {@code i} of a nightly series: benchmark a.B.fast at {@code level} with 2 % noise. */
    static RunResult nightly(int i, double level, Random random) {
        RunInfo info = new RunInfo(
                String.format("run-%02d", i),
                Instant.parse("2026-11-01T02:00:00Z").plusSeconds(86_400L * i),
                Instant.parse("2026-11-01T02:05:00Z").plusSeconds(86_400L * i),
                "quick",
                "nightly",
                "perf.yaml",
                false,
                new RunInfo.Git(String.format("%040x", 0xabc000 + i), "main", false));
        List<Double> samples = new ArrayList<>();
        for (int k = 0; k < 5; k++) {
            samples.add(level * (1 + 0.02 * random.nextGaussian()));
        }
        List<Double> steady = new ArrayList<>();
        for (int k = 0; k < 5; k++) {
            steady.add(50 * (1 + 0.02 * random.nextGaussian()));
        }
        return new RunResult(
                RunResult.SCHEMA,
                "0.1.0",
                info,
                null,
                Thresholds.DEFAULTS,
                List.of(
                        new BenchmarkResult(
                                "a.B.fast",
                                "jmh",
                                "avgt",
                                Map.of(),
                                BenchmarkResult.Status.ok,
                                null,
                                List.of(Metric.of("score", "ns/op", Better.LOWER, List.of(samples)))),
                        new BenchmarkResult(
                                "a.B.steady",
                                "jmh",
                                "avgt",
                                Map.of(),
                                BenchmarkResult.Status.ok,
                                null,
                                List.of(Metric.of("score", "ns/op", Better.LOWER, List.of(steady))))));
    }

    /** 20 nightly runs; a.B.fast gets 25 % slower from run 12 on, a.B.steady stays flat. */
    static List<RunResult> history() {
        Random random = new Random(11);
        List<RunResult> runs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            runs.add(nightly(i, i < 12 ? 100 : 125, random));
        }
        return runs;
    }

    @Test
    void read_ordersByStartTime_andFindsTheChangeWhereItStarted() throws IOException {
        List<RunResult> runs = history();
        for (int i = 0; i < runs.size(); i++) {
            // file names in reverse order: the history must sort by run time, not by name
            ResultFiles.write(dir.resolve("z" + (100 - i) + ".json"), runs.get(i));
        }
        Files.writeString(dir.resolve("z80.log"), "JMH log, not a result");
        History h = History.read(dir);
        assertThat(h.runs())
                .extracting(History.Run::label)
                .startsWith("run-00", "run-01")
                .endsWith("run-19");
        History.Series fast = h.series().get(0);
        assertThat(fast.benchmark()).isEqualTo("a.B.fast");
        assertThat(fast.changePoints()).hasSize(1);
        History.Change c = fast.changePoints().get(0);
        assertThat(c.run()).isEqualTo("run-12");
        assertThat(c.commit()).isEqualTo(String.format("%040x", 0xabc000 + 12).substring(0, 12));
        assertThat(c.relativeChange()).isCloseTo(0.25, within(0.03));
        assertThat(h.series().get(1).benchmark()).isEqualTo("a.B.steady");
        assertThat(h.series().get(1).changePoints()).isEmpty();
    }

    @Test
    void read_projectSamples_findsTheAllocationStep_andIgnoresSubByteWobbles() {
        History h = History.read(Path.of("samples/history"));
        History.Series publish = h.series().stream()
                .filter(x -> x.benchmark().endsWith("EventBusBench.publish")
                        && x.metric().equals("gc.alloc.rate.norm"))
                .findFirst()
                .orElseThrow();
        assertThat(publish.changePoints()).hasSize(1);
        assertThat(publish.changePoints().get(0).runIndex()).as("run 9 of 12").isEqualTo(8);
        History.Series transition = h.series().stream()
                .filter(x -> x.benchmark().endsWith("StateMachineBench.transition")
                        && x.metric().equals("gc.alloc.rate.norm"))
                .findFirst()
                .orElseThrow();
        assertThat(transition.changePoints())
                .as("0.0002 -> 0.0008 B/op is below the 1 B floor")
                .isEmpty();
    }

    @Test
    void find_ignoresAOnePercentWobble_belowTheRelativeFloor() {
        Random random = new Random(5);
        List<RunResult> runs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            runs.add(nightly(i, i < 10 ? 100 : 100.6, new Random(random.nextLong()) {
                @Override
                public double nextGaussian() {
                    return 0; // noise-free: only the 0.6 % step remains
                }
            }));
        }
        List<String> labels = runs.stream().map(r -> r.run().id()).toList();
        History h = History.of("d", runs, labels);
        assertThat(h.series().get(0).changePoints()).isEmpty();
    }

    @Test
    void markdown_showsTrendsAndChangePoints() {
        History h = History.of(
                "dir",
                history(),
                history().stream().map(r -> r.run().id() + ".json").toList());
        String md = MarkdownWriter.history(h);
        assertThat(md).contains("20 runs").contains("1 change points").contains(History.METHOD);
        assertThat(md).contains("| a.B.fast | score | ns/op | 20 |").contains("at `run-12`");
        assertThat(md).contains("| a.B.steady | score | ns/op | 20 |").contains("| none |");
        assertThat(md).contains("```mermaid");
    }

    @Test
    void html_marksTheChangePoint() {
        History h = History.of(
                "dir", history(), history().stream().map(r -> r.run().id()).toList());
        String html = HtmlHistory.history(h, "0.1.0");
        assertThat(html).contains("class=\"marker\"").contains("change at run-12");
        assertThat(ReportsTest.chartTitles(html)).containsExactly("a.B.fast score by run", "a.B.steady score by run");
    }

    @Test
    void read_emptyDirectory_isBadInputSayingSo() {
        assertThatThrownBy(() -> History.read(dir))
                .isInstanceOf(PerfException.class)
                .hasMessageContaining("no result files (*.json, *.txt) in it");
    }

    @Test
    void read_foreignFile_isBadInputNamingIt() throws IOException {
        Files.writeString(dir.resolve("x.json"), "[{\"benchmark\":\"a\"}]");
        assertThatThrownBy(() -> History.read(dir))
                .isInstanceOf(PerfException.class)
                .hasMessageContaining("x.json")
                .hasMessageContaining("expected perf JSON, JMH JSON, hyperfine JSON or Go benchmark text");
    }

    @Test
    void read_goBenchmarkFiles_orderedByModificationTime_findTheStep() throws IOException {
        for (int i = 0; i < 10; i++) {
            StringBuilder text = new StringBuilder("goos: linux\n");
            for (int k = 0; k < 5; k++) {
                double ns = (i < 6 ? 100 : 150) + (k % 3);
                text.append("BenchmarkEncode-8   1000000   ").append(ns).append(" ns/op\n");
            }
            Path f = Files.writeString(dir.resolve("bench-" + (char) ('j' - i) + ".txt"), text);
            Files.setLastModifiedTime(
                    f,
                    java.nio.file.attribute.FileTime.from(
                            Instant.parse("2026-11-01T00:00:00Z").plusSeconds(60L * i)));
        }
        History h = History.read(dir);
        History.Series encode = h.series().get(0);
        assertThat(encode.changePoints()).hasSize(1);
        assertThat(encode.changePoints().get(0).runIndex()).isEqualTo(6);
    }

    @Test
    void read_otherSchemaVersion_isBadInputNamingTheVersions() throws IOException {
        Files.writeString(dir.resolve("old.json"), "{\"schema\":\"perf-result/0\",\"run\":{}}");
        assertThatThrownBy(() -> History.read(dir))
                .isInstanceOf(PerfException.class)
                .hasMessageContaining("perf-result/0")
                .hasMessageContaining("perf-result/1");
    }
}
