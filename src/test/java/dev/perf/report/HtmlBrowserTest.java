package dev.perf.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perf.compare.Columns;
import dev.perf.compare.CompareOptions;
import dev.perf.compare.Comparer;
import dev.perf.compare.Comparison;
import dev.perf.compare.ComparisonTable;
import dev.perf.compare.Projection;
import dev.perf.result.ResultFiles;
import dev.perf.result.ResultReader;
import dev.perf.result.RunResult;
import dev.perf.testing.SampleResults;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML reports in a real browser: headless Chromium (Debian's {@code chromium}, installed by .ci/run)
 * opens each page, a probe script added for the test counts the charts whose SVG has a size and drawn data,
 * no console message may appear, and a screenshot goes to {@code target/report-*.png}. Skipped when Chromium
 * is not installed.
 */
@Tag("slow") // runs JMH forks, load loops, a profiler or a browser against the wall clock
class HtmlBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    /** Added before {@code </body>}: writes what it found into attributes that --dump-dom shows. */
    private static final String PROBE =
            """
            <script>
            window.addEventListener('load', function () {
              var figures = Array.prototype.slice.call(document.querySelectorAll('figure.chart'));
              var bad = figures.filter(function (f) {
                var svg = f.querySelector('svg');
                var box = svg.getBoundingClientRect();
                var mark = svg.querySelector('.mark');
                if (!(box.width > 100 && box.height > 50) || !mark) { return true; }
                var b = mark.getBBox();
                return !(b.width > 0 || b.height > 0);
              });
              document.body.setAttribute('data-charts', String(figures.length));
              document.body.setAttribute('data-bad', bad.map(function (f) {
                return f.querySelector('title').textContent; }).join(' | '));
            });
            </script>
            """;

    @TempDir
    Path dir;

    @Test
    void runReport_rendersEveryChart_withoutConsoleErrors() throws Exception {
        String html = HtmlRun.run(SampleResults.demo(), "demo.json");
        check("run", html, 7);
    }

    @Test
    void comparisonReport_rendersEveryChart_withoutConsoleErrors() throws Exception {
        RunResult base = SampleResults.demo();
        RunResult current = SampleResults.demo();
        Path a = dir.resolve("base.json");
        Path b = dir.resolve("current.json");
        ResultFiles.write(a, base);
        ResultFiles.write(b, current);
        Comparison c = Comparer.compare(ResultReader.read(a), ResultReader.read(b), CompareOptions.DEFAULTS);
        check("compare", HtmlComparison.comparison(c, current, "0.1.0"), 8);
    }

    @Test
    void nWayReport_rendersItsForestPlot_withoutConsoleErrors() throws Exception {
        ComparisonTable t = Columns.compare(
                List.of(
                        ResultReader.read(Path.of("src/test/resources/benchstat/old.txt")),
                        ResultReader.read(Path.of("src/test/resources/benchstat/new.txt")),
                        ResultReader.read(Path.of("src/test/resources/compare/newer.txt"))),
                Projection.INPUT,
                List.of(),
                CompareOptions.DEFAULTS);
        check("compare3", HtmlComparison.table(t, null, "0.1.0"), 1);
    }

    @Test
    void historyReport_rendersEveryChart_withoutConsoleErrors() throws Exception {
        List<RunResult> runs = HistoryTest.history();
        History h =
                History.of("history", runs, runs.stream().map(r -> r.run().id()).toList());
        check("history", HtmlHistory.history(h, "0.1.0"), 2);
    }

    private void check(String name, String html, int expectedCharts) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "Chromium is not installed (.ci/run installs it)");
        Path page = dir.resolve(name + ".html");
        Files.writeString(page, html.replace("</body>", PROBE + "</body>"), StandardCharsets.UTF_8);
        Path screenshot = Path.of("target", "report-" + name + ".png").toAbsolutePath();
        Files.createDirectories(screenshot.getParent());
        Result dom = chromium(page, "--dump-dom");
        Matcher charts = Pattern.compile("data-charts=\"(\\d+)\"").matcher(dom.out);
        assertThat(charts.find()).as("the probe ran: %s", dom.err).isTrue();
        assertThat(Integer.parseInt(charts.group(1))).isEqualTo(expectedCharts);
        assertThat(dom.out).contains("data-bad=\"\"");
        List<String> console =
                dom.err.lines().filter(l -> l.contains("CONSOLE")).toList();
        assertThat(console).as("console messages").isEmpty();
        chromium(page, "--screenshot=" + screenshot, "--window-size=1280,4000");
        assertThat(screenshot).isNotEmptyFile();
    }

    private record Result(String out, String err) {}

    private Result chromium(Path page, String... extra) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(
                CHROMIUM.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--enable-logging=stderr",
                "--v=0",
                "--virtual-time-budget=3000",
                "--user-data-dir=" + dir.resolve("profile")));
        command.addAll(List.of(extra));
        command.add(page.toUri().toString());
        Path out = dir.resolve("chromium.out");
        Path err = dir.resolve("chromium.err");
        Process p = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish within 90 s");
        }
        return new Result(Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }
}
