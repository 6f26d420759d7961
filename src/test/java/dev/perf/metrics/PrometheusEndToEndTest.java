package dev.perf.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.perf.result.Json;
import dev.perf.result.LoadDetails;
import dev.perf.result.ResultFiles;
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

    private static JsonNode query(HttpClient client, int port, String promql) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + port + "/api/v1/query?query="
                + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Json.mapper().readTree(r.body()).path("data").path("result");
    }

    @Test
    void pushedAndScrapedSeries_areQueryableInPrometheus_andTheCounterIsTheResultFiles() throws Exception {
        Assumptions.assumeTrue(
                Files.isExecutable(Prometheus.BINARY), "Prometheus is not installed (.ci/run installs it)");
        int perfPort = freePort();
        prometheus = Prometheus.start(dir, "perf", "127.0.0.1:" + perfPort, "--web.enable-remote-write-receiver");
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
        LoadDetails.Counters counters =
                ResultFiles.read(result).benchmarks().get(0).load().counters();

        JsonNode pushed = query(client, promPort, "perf_load_requests_total{outcome=\"ok\",loop=\"hello\",job=\"\"}");
        assertThat(pushed).hasSize(1);
        assertThat(pushed.get(0).path("metric").path("suite").asText()).isEqualTo("prom-e2e");
        assertThat(pushed.get(0).path("value").get(1).asDouble()).isEqualTo((double) counters.ok());

        JsonNode up = query(client, promPort, "up{job=\"perf\"}");
        assertThat(up).isNotEmpty();
        JsonNode scraped =
                query(client, promPort, "max_over_time(perf_load_achieved_rate{job=\"perf\",loop=\"hello\"}[5m])");
        assertThat(scraped).as("a scrape Prometheus parsed").hasSize(1);
        assertThat(scraped.get(0).path("value").get(1).asDouble()).isBetween(150.0, 250.0); // the loop asked 200/s
        JsonNode buckets = query(
                client,
                promPort,
                "histogram_quantile(0.5, perf_load_response_time_seconds_bucket{job=\"perf\",loop=\"hello\"})");
        assertThat(buckets.get(0).path("value").get(1).asDouble()).isBetween(0.0, 1.0);

        // every query of the Grafana dashboard is PromQL this Prometheus runs, and those about load loops see data
        for (String expr : GrafanaDashboardTest.expressions()) {
            JsonNode answer = query(client, promPort, expr);
            if (!expr.contains("perf_jmh_score") && !expr.contains("operation!=\"\"")) {
                assertThat(answer).as(expr).isNotEmpty();
            }
        }
    }
}
