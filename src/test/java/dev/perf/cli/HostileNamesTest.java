package dev.perf.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perf.result.BenchmarkResult;
import dev.perf.result.Metric;
import dev.perf.result.ResultFiles;
import dev.perf.result.RunResult;
import dev.perf.testing.CliRun;
import dev.perf.testing.SampleResults;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every C0 and C1 control character (and DEL), in benchmark names, parameter values and error texts, through
 * every output {@code perf compare} and {@code perf report} can print to a terminal or a CI log: no line holds
 * a control character but the line break itself, so no name can start a line of its own (a GitHub workflow
 * command), recolour the terminal or rewrite a line; the JUnit XML stays well-formed.
 */
class HostileNamesTest {
    /** Every control character: C0, DEL and C1. */
    static final List<Character> CONTROLS = IntStream.concat(
                    IntStream.rangeClosed(0, 0x1f), IntStream.rangeClosed(0x7f, 0x9f))
            .mapToObj(c -> (char) c)
            .toList();

    @TempDir
    Path dir;

    Path base;
    Path current;

    /** {@code text} with one control character between its parts and a forged workflow command after it. */
    private static String hostile(String text, char c) {
        return text + c + "::warning::INJECTED" + c + "\u001b[31m" + "\u009b2J";
    }

    /** {@code run} with each benchmark renamed after one control character (cycling), its scores times {@code k}. */
    private static RunResult hostile(RunResult run, double k) {
        List<BenchmarkResult> out = new ArrayList<>();
        for (int copy = 0; copy < CONTROLS.size(); copy += run.benchmarks().size()) {
            for (int i = 0; i < run.benchmarks().size() && copy + i < CONTROLS.size(); i++) {
                char c = CONTROLS.get(copy + i);
                BenchmarkResult b = run.benchmarks().get(i);
                List<Metric> metrics = b.metrics().stream()
                        .map(m -> Metric.of(
                                m.name(),
                                m.unit(),
                                m.better(),
                                m.samples().stream()
                                        .map(f -> f.stream().map(v -> v * k).toList())
                                        .toList()))
                        .toList();
                Map<String, String> params = Map.of("p" + (int) c, hostile("v", c));
                out.add(new BenchmarkResult(
                                hostile("b" + Integer.toHexString(c), c),
                                b.kind(),
                                b.mode(),
                                params,
                                b.status(),
                                b.error() == null ? null : hostile(b.error(), c),
                                metrics,
                                b.load())
                        .withIdentity(hostile("b" + Integer.toHexString(c), c), params));
            }
        }
        return new RunResult(run.schema(), run.perfVersion(), run.run(), run.environment(), run.thresholds(), out);
    }

    @BeforeEach
    void files() {
        base = dir.resolve("base.json");
        current = dir.resolve("current.json");
        ResultFiles.write(base, hostile(SampleResults.demo(), 1.0));
        ResultFiles.write(current, hostile(SampleResults.demo(), 1.5));
    }

    /** No control character in {@code text} but the line break and tab: every line is perf's own. */
    private static void printable(String what, String text) {
        for (String line : text.split("\n", -1)) {
            assertThat(line.chars()
                            .filter(c -> Character.isISOControl(c) && c != '\t')
                            .mapToObj(c -> String.format("U+%04X", c)))
                    .as("%s: control characters in the line %s", what, line.replaceAll("\\p{Cntrl}", "?"))
                    .isEmpty();
            assertThat(line).as(what).doesNotStartWith("::warning::INJECTED");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"text", "md", "json", "html", "github"})
    void compare_printsNoControlCharacter_inAnyFormat(String format) {
        CliRun r = CliRun.perf("compare", base.toString(), current.toString(), "--format", format);
        assertThat(r.exitCode()).as(r.err()).isIn(0, 1);
        assertThat(r.out()).as("compare --format " + format).isNotBlank();
        printable("compare --format " + format + " (stdout)", r.out());
        printable("compare --format " + format + " (stderr)", r.err());
    }

    @Test
    void compare_githubAnnotations_andJunit_stayInert() throws Exception {
        Path junit = dir.resolve("junit.xml");
        CliRun r = CliRun.perf("compare", base.toString(), current.toString(), "--github", "--junit", junit.toString());
        assertThat(r.out()).contains("::");
        printable("compare --github", r.out() + r.err());
        byte[] xml = java.nio.file.Files.readAllBytes(junit);
        DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(xml));
        printable("junit", new String(xml, StandardCharsets.UTF_8).replace("\r", ""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"text", "md", "json", "html"})
    void report_printsNoControlCharacter_inAnyFormat(String format) {
        for (String[] args : List.of(
                new String[] {"report", current.toString(), "--format", format},
                new String[] {"report", base.toString(), current.toString(), "--format", format})) {
            CliRun r = CliRun.perf(args);
            assertThat(r.exitCode()).as(r.err()).isIn(0, 1);
            assertThat(r.out()).as(String.join(" ", args)).isNotBlank();
            printable(String.join(" ", args), r.out() + r.err());
        }
    }
}
