package dev.perf.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.perf.load.record.Exemplars;
import dev.perf.result.HistogramCodec;
import dev.perf.result.Json;
import dev.perf.result.LoadDetails;
import dev.perf.result.ResultFiles;
import dev.perf.result.Traces;
import dev.perf.testing.CliRun;
import dev.perf.testing.Prometheus;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against Debian's real Prometheus (.ci/run installs it): perf pushes by remote write and Prometheus scrapes
 * perf's /metrics at the same time; both are queried back through Prometheus' HTTP API. The pushed ok
 * counter equals the result file's, and Prometheus' own parser accepted every scrape. The Prometheus process
 * is started on 127.0.0.1 by this test and stopped by it.
 */
@Tag("slow")
class PrometheusEndToEndTest {
    @TempDir
    Path dir;

    private Prometheus prometheus;

    @AfterEach
    void stop() throws InterruptedException {
        if (prometheus != null) {
            prometheus.close();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void pushedAndScrapedSeries_areQueryableInPrometheus_andTheCounterIsTheResultFiles() throws Exception {
        Assumptions.assumeTrue(
                Files.isExecutable(Prometheus.BINARY), "Prometheus is not installed (.ci/run installs it)");
        int perfPort = freePort();
        prometheus = Prometheus.start(
                dir,
                "perf",
                "127.0.0.1:" + perfPort,
                "--web.enable-remote-write-receiver",
                "--enable-feature=exemplar-storage");
        int promPort = prometheus.port();
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

        Path suite = dir.resolve("perf.yaml");
        Files.writeString(
                suite,
                """
                name: prom-e2e
                benchmarks:
                  - load:
                      name: hello
                      target: { http: { url: "http://{demo-server}/hello" } }
                      load: { rate: 200/s, duration: 4s, warmup: 0s, maxInFlight: 4 }
                      trace: { propagate: w3c }
                """);
        Path result = dir.resolve("result.json");
        CliRun run = CliRun.perf(
                "run",
                "-s",
                suite.toString(),
                "-o",
                result.toString(),
                "--no-progress",
                "--metrics-push",
                "http://127.0.0.1:" + promPort + "/api/v1/write",
                "--metrics-listen",
                "127.0.0.1:" + perfPort,
                "--metrics-linger",
                "2s");
        assertThat(run.exitCode()).as(run.err()).isZero();
        LoadDetails load = ResultFiles.read(result).benchmarks().get(0).load();
        LoadDetails.Counters counters = load.counters();

        JsonNode pushed = prometheus.query("perf_load_requests_total{outcome=\"ok\",loop=\"hello\",job=\"\"}");
        assertThat(pushed).hasSize(1);
        assertThat(pushed.get(0).path("metric").path("suite").asText()).isEqualTo("prom-e2e");
        assertThat(pushed.get(0).path("value").get(1).asDouble()).isEqualTo((double) counters.ok());

        JsonNode up = prometheus.query("up{job=\"perf\"}");
        assertThat(up).isNotEmpty();
        JsonNode scraped = prometheus.query("max_over_time(perf_load_achieved_rate{job=\"perf\",loop=\"hello\"}[5m])");
        assertThat(scraped).as("a scrape Prometheus parsed").hasSize(1);
        assertThat(scraped.get(0).path("value").get(1).asDouble()).isBetween(150.0, 250.0); // the loop asked 200/s
        JsonNode buckets = prometheus.query(
                "histogram_quantile(0.5, last_over_time(perf_load_response_time_seconds_bucket{job=\"perf\",loop=\"hello\"}[5m]))");
        // last_over_time: once perf has stopped, its scraped series are marked stale
        assertThat(buckets).hasSize(1);
        assertThat(buckets.get(0).path("value").get(1).asDouble()).isBetween(0.0, 1.0);

        // every query of the Grafana dashboard is PromQL this Prometheus runs, and those about load loops see data
        for (String expr : GrafanaDashboardTest.expressions()) {
            JsonNode answer = prometheus.query(expr);
            if (!expr.contains("perf_jmh_score") && !expr.contains("operation!=\"\"")) {
                assertThat(answer).as(expr).isNotEmpty();
            }
        }

        // the p99's latency bucket points at the run's slowest traced request in it, pushed and scraped alike
        long p99 = HistogramCodec.decode(load.histograms().response()).getValueAtPercentile(99);
        String le = Exemplars.le(new Exemplars.Exemplar(0, p99, 0, false).bucket());
        Traces.Exemplar slowestInBucket = load.traces().buckets().stream()
                .filter(e -> e.le().equals(le))
                .findFirst()
                .orElseThrow();
        for (String job : List.of("", "perf")) {
            JsonNode series = exemplars(
                    client, promPort, "perf_load_response_time_seconds_bucket{loop=\"hello\",job=\"" + job + "\"}");
            assertThat(series).as("exemplars of job '%s'", job).isNotEmpty();
            List<String> inP99Bucket = new ArrayList<>();
            for (JsonNode s : series) {
                double bound = s.path("seriesLabels").path("le").asText().equals("+Inf")
                        ? Double.POSITIVE_INFINITY
                        : s.path("seriesLabels").path("le").asDouble();
                for (JsonNode e : s.path("exemplars")) {
                    assertThat(e.path("labels").path("trace_id").asText()).matches("[0-9a-f]{32}");
                    assertThat(e.path("value").asDouble()).isLessThanOrEqualTo(bound);
                    if (s.path("seriesLabels").path("le").asText().equals(le)) {
                        inP99Bucket.add(e.path("labels").path("trace_id").asText());
                    }
                }
            }
            assertThat(inP99Bucket).as("job '%s', le %s", job, le).contains(slowestInBucket.traceId());
        }
    }

    /** What Prometheus' query_exemplars answers for {@code selector} over the last ten minutes. */
    private static JsonNode exemplars(HttpClient client, int port, String selector) throws Exception {
        long now = System.currentTimeMillis() / 1000;
        URI uri = URI.create("http://127.0.0.1:" + port + "/api/v1/query_exemplars?query="
                + URLEncoder.encode(selector, StandardCharsets.UTF_8) + "&start=" + (now - 600) + "&end=" + (now + 60));
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Json.mapper().readTree(r.body()).path("data");
    }
}
