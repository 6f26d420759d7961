package dev.perf.observe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.perf.result.BenchmarkResult;
import dev.perf.result.LoadDetails;
import dev.perf.result.Observed;
import dev.perf.result.ResultFiles;
import dev.perf.testing.CliRun;
import dev.perf.testing.Prometheus;
import dev.perf.testing.TracedService;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code perf run} as a user runs it, against a service that reports its own Prometheus metrics and a real
 * Prometheus (Debian's, started here on 127.0.0.1 and stopped by PID) scraping it every second: the scraped
 * and the queried series fill a value per second, the whole-run cache hit rate is the service's, a failing
 * {@code min:} target exits 1, and the terminal summary lists the slowest requests as trace links.
 */
@Tag("slow")
class ObserveEndToEndTest {
    @TempDir
    Path dir;

    private static void awaitScrapes(int port) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        URI uri = URI.create("http://127.0.0.1:" + port + "/api/v1/query?query="
                + URLEncoder.encode("count_over_time(up{job=\"service\"}[10s])", StandardCharsets.UTF_8));
        for (int i = 0; i < 150; i++) {
            String body = client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString())
                    .body();
            var m = java.util.regex.Pattern.compile("\"(\\d+)\"\\]").matcher(body);
            if (m.find() && Integer.parseInt(m.group(1)) >= 6) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("Prometheus did not scrape the service");
    }

    @Test
    void scrapedAndQueriedSeriesArePerSecond_aFailingMinExits1_andTheSlowestRequestsAreLinks() throws Exception {
        Assumptions.assumeTrue(
                Files.isExecutable(Prometheus.BINARY), "Prometheus is not installed (.ci/run installs it)");
        try (TracedService service = new TracedService(50);
                Prometheus prometheus = Prometheus.start(
                        dir,
                        "service",
                        URI.create(service.url("/")).getAuthority(),
                        "--web.enable-remote-write-receiver")) {
            int prom = prometheus.port();
            awaitScrapes(prom); // a rate over 5 s needs scrapes from before the loop
            Path suite = dir.resolve("perf.yaml");
            Files.writeString(
                    suite,
                    """
                    name: observed
                    observe: { prometheus: "http://127.0.0.1:%d" }   # the suite's, for every loop
                    benchmarks:
                      - load:
                          name: items
                          target: { http: { url: "%s" } }
                          load: { rate: 100/s, duration: 4s, warmup: 1s }
                          trace: { propagate: w3c, url: "http://jaeger.test/trace/{traceId}", exemplars: 3 }
                          observe:
                            scrape: %s
                            series:
                              hits: { metric: 'cache_requests_total{result="hit"}', unit: /s, better: higher }
                              cacheHitRate: { metric: cache_hit_ratio, unit: ratio, better: higher }
                              dbP95: { metric: db_query_seconds, quantile: 0.95, unit: s, better: lower }
                              promHits: { query: 'sum(rate(cache_requests_total{result="hit"}[3s]))', unit: /s, better: higher }
                          targets:
                            cacheHitRate: { min: 0.9 }
                            dbP95: { target: 50ms, acceptable: 1s }
                    """
                            .formatted(prom, service.url("/item"), service.url("/metrics")));
            Path result = dir.resolve("result.json");
            CliRun run = CliRun.perf(
                    "run",
                    "-s",
                    suite.toString(),
                    "-o",
                    result.toString(),
                    "--no-progress",
                    "--metrics-push",
                    prometheus.url("/api/v1/write"));
            assertThat(run.exitCode())
                    .as("the hit rate is 0.75, below min 0.9: %s", run.err())
                    .isEqualTo(1);
            BenchmarkResult loop = ResultFiles.read(result).benchmarks().get(0);
            Map<String, Observed> observed =
                    loop.load().observed().stream().collect(Collectors.toMap(Observed::name, Function.identity()));
            assertThat(observed.get("hits").perSecond()).hasSize(4);
            assertThat(observed.get("hits").value())
                    .as("%s", observed.get("hits"))
                    .isBetween(60.0, 90.0);
            assertThat(observed.get("cacheHitRate").value()).isBetween(0.70, 0.80);
            assertThat(observed.get("dbP95").warning()).isNull();
            assertThat(observed.get("dbP95").value()).isBetween(0.0, 0.5);
            assertThat(observed.get("promHits").warning())
                    .as("%s", observed.get("promHits"))
                    .isNull();
            assertThat(observed.get("promHits").readSeconds())
                    .as("%s", observed.get("promHits"))
                    .hasSizeGreaterThanOrEqualTo(3);
            assertThat(observed.get("promHits").value()).isBetween(40.0, 110.0);
            Map<String, LoadDetails.TargetVerdict> verdicts = loop.load().targets().stream()
                    .collect(Collectors.toMap(LoadDetails.TargetVerdict::metric, Function.identity()));
            assertThat(verdicts.get("cacheHitRate").status()).isEqualTo("fail");
            assertThat(verdicts.get("dbP95").status()).isIn("pass", "warn");
            assertThat(loop.metric("observed.hits")).isPresent();
            // exported live: the scraped hit rate each second, the queried series once the loop ended
            String hitRate = "perf_observed{loop=\"items\",series=\"cacheHitRate\"}";
            assertThat(instant(prometheus, "last_over_time(" + hitRate + "[5m])"))
                    .isBetween(0.70, 0.80);
            assertThat(instant(prometheus, "count_over_time(" + hitRate + "[5m])"))
                    .as("pushed once a second while the loop ran")
                    .isGreaterThanOrEqualTo(3);
            assertThat(instant(prometheus, "last_over_time(perf_observed{loop=\"items\",series=\"promHits\"}[5m])"))
                    .isBetween(20.0, 150.0);
            String slowest = loop.load().traces().slowest().get(0).traceId();
            assertThat(run.out()).contains("http://jaeger.test/trace/" + slowest);

            // a query Prometheus refuses is bad input before anything runs, in Prometheus's words
            Path bad = dir.resolve("bad.yaml");
            Files.writeString(
                    bad,
                    Files.readString(suite)
                            .replace(
                                    "promHits: { query: 'sum(rate(cache_requests_total{result=\"hit\"}[3s]))'",
                                    "promHits: { query: 'sum(rate(cache_requests_total[3s])'"));
            Path none = dir.resolve("none.json");
            CliRun refused = CliRun.perf("run", "-s", bad.toString(), "-o", none.toString(), "--no-progress");
            assertThat(refused.exitCode()).as(refused.err()).isEqualTo(3);
            assertThat(refused.err())
                    .contains("load items: observe.series.promHits.query: Prometheus refuses it: ")
                    .contains("parse error")
                    .doesNotContain("\tat ");
            assertThat(none).doesNotExist();
        }
    }

    /** The one value PromQL {@code expr} has now. */
    private static double instant(Prometheus prometheus, String expr) throws Exception {
        JsonNode result = prometheus.query(expr);
        assertThat(result).as(expr).hasSize(1);
        return result.get(0).path("value").get(1).asDouble();
    }
}
