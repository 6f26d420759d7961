package dev.perf.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perf.result.BenchmarkResult;
import dev.perf.result.LoadDetails;
import dev.perf.result.Observed;
import dev.perf.result.RunResult;
import dev.perf.result.Traces;
import dev.perf.testing.SampleResults;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A traced, observed loop as every report shows it: the service's series (table and, in HTML, charts on the
 * client's seconds, a time unit's beside the client's p99) and the slowest requests as links, escaped.
 */
class ServiceRowsTest {
    private static final String SLOW = "4bf92f3577b34da6a3ce929d0e0e4736";

    private static RunResult run() {
        RunResult demo = SampleResults.demo();
        List<BenchmarkResult> benchmarks = new ArrayList<>();
        for (BenchmarkResult b : demo.benchmarks()) {
            if (b.load() == null) {
                benchmarks.add(b);
                continue;
            }
            int seconds = b.load().timeSeries().size();
            List<Double> ratio = new ArrayList<>();
            List<Double> db = new ArrayList<>();
            for (int i = 0; i < seconds; i++) {
                ratio.add(i == 1 ? Double.NaN : 0.75 + i / 100.0); // one second unread
                db.add(0.004 + i / 1000.0);
            }
            LoadDetails d = b.load().toBuilder()
                    .observed(List.of(
                            new Observed(
                                    "cacheHitRate",
                                    "http://svc/metrics cache_hit_ratio",
                                    "ratio",
                                    "higher",
                                    0.77,
                                    ratio,
                                    null),
                            new Observed(
                                    "dbP95",
                                    "http://svc/metrics db_seconds q0.95",
                                    "s",
                                    "lower",
                                    0.006,
                                    db,
                                    "1 of 5 scrapes failed: <timeout>")))
                    .traces(new Traces(
                            "w3c",
                            1,
                            "https://grafana.test/explore?left={\"queries\":[{\"query\":\"{traceId}\"}]}&x=<y>",
                            List.of(new Traces.Exemplar(SLOW, 912.5, 3, false, null)),
                            List.of(new Traces.Exemplar(SLOW, 912.5, 3, false, "1")),
                            List.of()))
                    .build();
            benchmarks.add(b.withLoad(d));
        }
        return new RunResult(
                demo.schema(), demo.perfVersion(), demo.run(), demo.environment(), demo.thresholds(), benchmarks);
    }

    @Test
    void everyReportShowsTheServicesSeriesAndTheSlowestRequestsAsEscapedLinks() {
        RunResult r = run();
        String html = HtmlRun.run(r, "result.json");
        assertThat(html)
                .contains("<section id=\"service\">")
                .contains("cacheHitRate")
                .contains("1 of 5 scrapes failed: &lt;timeout&gt;")
                .contains(": the service&#39;s figures per second (ratio)")
                .contains(": the service&#39;s figures per second (s)")
                .contains("client p99")
                .contains(SLOW)
                .doesNotContain("x=<y>")
                .contains("&amp;x=&lt;y&gt;");
        // the time-unit chart draws the client's p99 in seconds next to dbP95, the ratio chart does not
        int time = html.indexOf("figures per second (s)");
        int ratio = html.indexOf("figures per second (ratio)");
        assertThat(html.substring(time, html.indexOf("</figure>", time)))
                .contains("client p99")
                .contains("dbP95");
        assertThat(html.substring(ratio, html.indexOf("</figure>", ratio)))
                .doesNotContain("client p99")
                .contains("cacheHitRate");
        assertThat(TextWriter.run(r, RunReport.of(r))).contains("cacheHitRate").contains(SLOW);
        assertThat(MarkdownRun.run(r)).contains("cacheHitRate").contains(SLOW);
    }
}
