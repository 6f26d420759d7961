package dev.perf.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.perf.result.BenchmarkResult;
import dev.perf.result.Json;
import dev.perf.result.RunResult;
import dev.perf.testing.Golden;
import dev.perf.testing.SampleResults;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/** The run report as JSON and HTML (every format's golden is in {@link FormatGoldenTest}). */
class ReportsTest {

    @Test
    void json_matchesGolden() throws IOException {
        String json = Json.write(RunReport.of(SampleResults.demo()));
        assertThat(json).isEqualTo(Golden.of("run.json", json));
    }

    @Test
    @ResourceLock("java.util.Locale")
    void jsonAndHtml_doNotDependOnTheDefaultLocale() throws IOException {
        Locale before = Locale.getDefault();
        String html = HtmlRun.run(SampleResults.demo(), "demo.json");
        try {
            Locale.setDefault(Locale.GERMANY);
            assertThat(Json.write(RunReport.of(SampleResults.demo()))).isEqualTo(Golden.of("run.json", null));
            assertThat(HtmlRun.run(SampleResults.demo(), "demo.json")).isEqualTo(html);
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void json_summaryCountsWhatTheRunHolds() throws IOException {
        JsonNode summary = Json.mapper()
                .readTree(Json.write(RunReport.of(SampleResults.demo())))
                .get("summary");
        assertThat(summary.get("benchmarks").asInt()).isEqualTo(5);
        assertThat(summary.get("jmhBenchmarks").asInt()).isEqualTo(4);
        assertThat(summary.get("loadLoops").asInt()).isEqualTo(1);
        assertThat(summary.get("failed").asInt()).isEqualTo(1);
        assertThat(summary.get("sloPass").asInt()).isEqualTo(1);
        assertThat(summary.get("sloWarn").asInt()).isEqualTo(1);
        assertThat(summary.get("sloFail").asInt()).isEqualTo(1);
    }

    @Test
    void html_isOneSelfContainedFile() {
        String html = HtmlRun.run(SampleResults.demo(), "demo.json");
        assertThat(html).startsWith("<!DOCTYPE html>").endsWith("</html>\n");
        assertThat(html).doesNotContainPattern("(?i)(src|href)\\s*=").doesNotContain("http://", "https://", "<script");
        assertThat(html).contains("<style>");
    }

    @Test
    void html_drawsEveryChartOfARun() {
        String html = HtmlRun.run(SampleResults.demo(), "demo.json");
        List<String> titles = chartTitles(html);
        assertThat(titles)
                .contains(
                        "JMH scores (ns/op) with 99.9 % error",
                        "JMH scores (ops/us) with 99.9 % error",
                        "event-bus-publish: latency by percentile",
                        "event-bus-publish: achieved rate per second",
                        "event-bus-publish: response time per second",
                        "event-bus-publish: CPU",
                        "event-bus-publish: memory");
        for (String figure : html.split("<figure")) {
            if (figure.contains("class=\"chart\"")) {
                assertThat(figure).as("every chart draws data").contains("class=\"mark\"");
            }
        }
    }

    @Test
    void html_percentileChart_showsResponseAboveServiceTime() {
        String html = HtmlRun.run(SampleResults.demo(), "demo.json");
        String chart = html.substring(html.indexOf("latency by percentile"));
        chart = chart.substring(0, chart.indexOf("</figure>"));
        assertThat(chart).contains("response time (from intended start)", "service time (from actual start)");
        assertThat(chart).contains(">99%<", ">99.9%<");
    }

    @Test
    void html_escapesHostileNames() {
        RunResult hostile = SampleResults.demo();
        List<BenchmarkResult> benchmarks = new ArrayList<>(hostile.benchmarks());
        BenchmarkResult b = benchmarks.get(0);
        benchmarks.set(
                0,
                new BenchmarkResult(
                        "<script>alert('x')</script>\"onload=\"x",
                        b.kind(),
                        b.mode(),
                        b.params(),
                        b.status(),
                        null,
                        b.metrics()));
        RunResult r = new RunResult(
                hostile.schema(),
                hostile.perfVersion(),
                hostile.run(),
                hostile.environment(),
                hostile.thresholds(),
                benchmarks);
        String html = HtmlRun.run(r, "<img src=x>");
        assertThat(html).doesNotContain("<script", "<img", "\"onload=\"");
        assertThat(html).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&quot;onload=&quot;x");
        String md = MarkdownRun.run(r);
        assertThat(md).doesNotContain("<script>").contains("&lt;script&gt;");
    }

    @Test
    void markdown_hasMermaidChartsWithSafeTitles() {
        String md = MarkdownRun.run(SampleResults.demo());
        assertThat(md).contains("```mermaid\nxychart-beta\n    title \"event-bus-publish: p99 per second\"");
        assertThat(MarkdownRun.mermaidText("a\"b`c<d>|e")).isEqualTo("a b c d  e");
    }

    @Test
    void mermaid_bucketsLongSeriesByTheirMaximum() {
        double[] values = new double[130];
        values[70] = 9;
        String chart = MarkdownRun.mermaid("t", "second", "ms", values);
        assertThat(chart).contains("(max of 3 s)");
        Matcher m = Pattern.compile("line \\[(.*)]").matcher(chart);
        assertThat(m.find()).isTrue();
        assertThat(m.group(1).split(", ")).hasSize(44).contains("9");
    }

    static List<String> chartTitles(String html) {
        List<String> titles = new ArrayList<>();
        Matcher m =
                Pattern.compile("<svg role=\"img\"[^>]*><title>([^<]*)</title>").matcher(html);
        while (m.find()) {
            titles.add(m.group(1));
        }
        return titles;
    }
}
