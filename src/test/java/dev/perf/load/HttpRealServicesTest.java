package dev.perf.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perf.load.schedule.Slice;
import dev.perf.result.BenchmarkResult;
import dev.perf.result.Json;
import dev.perf.result.LoadDetails;
import dev.perf.suite.DataFile;
import dev.perf.suite.HttpCheck;
import dev.perf.suite.HttpTarget;
import dev.perf.suite.LoadSpec;
import dev.perf.suite.LoadTarget;
import dev.perf.suite.Profile;
import dev.perf.suite.SuiteSource;
import dev.perf.suite.TlsOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The http target against real-service features, on servers this test starts on 127.0.0.1: HTTPS (HTTP/1.1
 * and h2 by ALPN), h2c, placeholders and data files, response checks, TLS failures, client certificates and
 * connections that are not kept alive.
 */
@Tag("slow") // load loops against the wall clock
class HttpRealServicesTest {
    @TempDir
    Path dir;

    private static final TlsOptions CA =
            new TlsOptions(null, TlsTestServer.file("ca.pem").getPath(), null, null, null);

    private static HttpTarget target(String url, String version, TlsOptions tls, HttpCheck check) {
        return new HttpTarget(url, null, null, null, null, null, version, tls, check, null, null);
    }

    private BenchmarkResult run(HttpTarget http, int requests, int connections, Map<String, DataFile> data) {
        LoadSpec spec = new LoadSpec(
                "svc",
                new LoadTarget(null, null, http),
                null,
                Patterns.open(
                        requests + "/s", Duration.ofSeconds(1), Duration.ZERO, connections, Duration.ofSeconds(5)),
                null,
                Map.of(),
                null,
                data);
        SuiteSource source = new SuiteSource(LoadEngineTest.SOURCE.suite(), "test", dir);
        return new LoadEngine().run(LoadPlan.of(spec, new Profile.LoadDefaults(null, null), source), LoadListener.NONE);
    }

    private static Set<Long> seqs(TlsTestServer server, String prefix) {
        return server.seen.stream()
                .filter(s -> s.path().startsWith(prefix))
                .map(s -> Long.parseLong(s.path().substring(prefix.length()).replaceAll("[/?].*", "")))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<Long> range(long n) {
        Set<Long> out = new TreeSet<>();
        for (long i = 0; i < n; i++) {
            out.add(i);
        }
        return out;
    }

    @Test
    void https_http1_everySeqArrivesOnce_andTheHandshakeIsTimedApart() throws Exception {
        try (TlsTestServer server = new TlsTestServer(TlsTestServer.Mode.TLS)) {
            LoadDetails d = run(
                            target("https://localhost:" + server.port() + "/item/${seq}", null, CA, null),
                            100,
                            4,
                            Map.of())
                    .load();
            assertThat(d.counters().ok()).isEqualTo(100).isEqualTo(d.counters().sent());
            assertThat(server.seen).hasSize(100).allMatch(s -> s.protocol().equals("http/1.1"));
            assertThat(seqs(server, "/item/")).isEqualTo(range(100));
            assertThat(d.overall()).containsKeys("tlsHandshake.p50", "tlsHandshake.p99", "connect.p99");
            assertThat(d.overall().get("connections.opened")).isEqualTo(4.0);
            assertThat(d.target()).contains("(TLS: ");
        }
    }

    @Test
    void https_h2ByAlpn_multiplexesStreams() throws Exception {
        try (TlsTestServer server = new TlsTestServer(TlsTestServer.Mode.TLS)) {
            LoadDetails d = run(
                            target("https://localhost:" + server.port() + "/h2/${seq}", "2", CA, null),
                            200,
                            1,
                            Map.of())
                    .load();
            assertThat(d.counters().ok()).isEqualTo(200);
            assertThat(server.seen).hasSize(200).allMatch(s -> s.protocol().equals("h2"));
            assertThat(seqs(server, "/h2/")).isEqualTo(range(200));
            assertThat(d.overall().get("connections.opened")).isEqualTo(1.0);
        }
    }

    /**
     * A server that ends every h2 connection after 40 streams (it holds back what comes next for 10 ms, then
     * GOAWAY, then an abrupt close once those are answered): the streams above the GOAWAY's last id were not
     * processed, and perf sends them again on a new connection; a request whose connection broke under it before any answer (a write after the server's close)
     * is sent again too, being idempotent — which the server may have processed: every extra request it saw is
     * one perf counted as retried. No error, every request answered.
     */
    @Test
    void h2_aServerThatSaysGoAwayEvery40Streams_costsNoError_andEveryExtraRequestIsACountedRetry() throws Exception {
        try (TlsTestServer server = new TlsTestServer(TlsTestServer.Mode.H2C, 40)) {
            LoadDetails d = run(
                            target("http://127.0.0.1:" + server.port() + "/g/${seq}", "2", null, null),
                            800,
                            1,
                            Map.of())
                    .load();
            assertThat(d.counters().ok()).as(d.counters().toString()).isEqualTo(800);
            assertThat(d.counters().ioErrors()).isZero();
            assertThat(seqs(server, "/g/")).isEqualTo(range(800));
            // a connection answers its 40 streams and those read with the 40th (at most 50 more, the stream
            // limit): 20 connections on a quiet machine, 18 beside two CPU hogs, never fewer than 800 / 90
            int accepted = server.accepted.get();
            assertThat(d.overall().get("connections.opened")).isEqualTo((double) accepted);
            assertThat(accepted).isBetween(9, 20);
            // the server held back what came in the 10 ms before each GOAWAY but the last: ~8 each
            double retried = d.overall().getOrDefault("connections.retried", 0.0);
            assertThat(retried).as("the unprocessed streams sent again").isGreaterThanOrEqualTo(accepted - 1);
            assertThat(server.seen.size() - 800)
                    .as("requests the server saw twice")
                    .isLessThanOrEqualTo((int) retried);
        }
    }

    @Test
    void h2_aServerThatRefusesEveryTenthStream_costsNoError_evenForAPost() throws Exception {
        try (TlsTestServer server = new TlsTestServer(TlsTestServer.Mode.H2C, 0, 10)) {
            HttpTarget post = new HttpTarget(
                    "http://127.0.0.1:" + server.port() + "/r/${seq}",
                    "POST",
                    Map.of(),
                    "{\"n\":${seq}}",
                    null,
                    null,
                    "2",
                    null,
                    null,
                    null,
                    2);
            LoadDetails d = run(post, 600, 1, Map.of()).load();
            assertThat(d.counters().ok()).as(d.counters().toString()).isEqualTo(600);
            assertThat(d.counters().ioErrors()).isZero();
            assertThat(seqs(server, "/r/")).as("each request processed once").isEqualTo(range(600));
            assertThat(server.seen).hasSize(600);
            assertThat(server.refused.get()).isGreaterThanOrEqualTo(60);
            assertThat(d.overall().get("connections.retried"))
                    .as("each refused stream sent again")
                    .isEqualTo((double) server.refused.get());
        }
    }

    @Test
    void h2c_priorKnowledge_withBodiesAndChecks() throws Exception {
        try (TlsTestServer server = new TlsTestServer(TlsTestServer.Mode.H2C)) {
            HttpTarget http = new HttpTarget(
                    "http://127.0.0.1:" + server.port() + "/post/${seq}",
                    "POST",
                    Map.of("X-Token", "t-${seq}"),
                    "{\"n\":${seq}}",
                    null,
                    null,
                    "2",
                    null,
                    new HttpCheck(List.of(200), "hello", "hel+o /post/\\d+", Map.of("x-served-by", "perf-.*"), 100L),
                    null,
                    8);
            LoadDetails d = run(http, 50, 2, Map.of()).load();
            assertThat(d.counters().ok()).as(d.counters().toString()).isEqualTo(50);
            assertThat(d.counters().checks()).isEmpty();
            assertThat(server.seen)
                    .allMatch(s -> s.protocol().equals("h2")
                            && s.token().equals("t-" + s.path().substring(6))
                            && s.body().equals("{\"n\":" + s.path().substring(6) + "}"));
        }
    }

    @Test
    void h2_aMalformedResponse_failsEveryExchangeWithWhy() throws Exception {
        try (TlsTestServer server = new TlsTestServer(TlsTestServer.Mode.H2C)) {
            String base = "http://127.0.0.1:" + server.port();
            Map<String, String> malformed = Map.of(
                    "/lying-length", "said content-length 24 but carried 19 bytes",
                    "/upper-case-header", "malformed response headers: the upper-case header name X-Upper",
                    "/status-in-trailers", "malformed trailers: :status 200");
            for (Map.Entry<String, String> m : malformed.entrySet()) {
                LoadDetails d = run(target(base + m.getKey(), "2", null, null), 10, 1, Map.of())
                        .load();
                assertThat(d.counters().ioErrors())
                        .as(m.getKey() + " " + d.counters())
                        .isEqualTo(10);
                assertThat(d.counters().firstError()).contains(m.getValue());
            }
            LoadDetails honest = run(target(base + "/honest", "2", null, null), 10, 1, Map.of())
                    .load();
            assertThat(honest.counters().ok()).as(honest.counters().toString()).isEqualTo(10);
        }
    }

    @Test
    void csvRows_areUsedInOrderAndInFull() throws Exception {
        Files.writeString(dir.resolve("users.csv"), "id,name\n" + "u0,\"A, b\"\nu1,c\nu2,d\nu3,e\nu4,f\n");
        try (TlsTestServer server = new TlsTestServer(TlsTestServer.Mode.TLS)) {
            HttpTarget http =
                    target("https://localhost:" + server.port() + "/u/${seq}/${data.users.id}", null, CA, null);
            LoadDetails d = run(http, 20, 2, Map.of("users", new DataFile("users.csv", null, null)))
                    .load();
            assertThat(d.counters().ok()).isEqualTo(20);
            Map<String, Long> byRow = server.seen.stream()
                    .collect(Collectors.groupingBy(s -> s.path().replaceAll(".*/", ""), Collectors.counting()));
            assertThat(byRow).isEqualTo(Map.of("u0", 4L, "u1", 4L, "u2", 4L, "u3", 4L, "u4", 4L));
            assertThat(server.seen).allMatch(s -> {
                String[] p = s.path().split("/");
                return p[3].equals("u" + Long.parseLong(p[2]) % 5);
            });
        }
    }

    @Test
    void envValues_areSentButNeverWrittenToTheResult() throws Exception {
        String secret = System.getenv("PERF_TEST_TOKEN");
        assertThat(secret).as("surefire sets PERF_TEST_TOKEN").isNotBlank();
        try (TlsTestServer server = new TlsTestServer(TlsTestServer.Mode.TLS)) {
            HttpTarget http = new HttpTarget(
                    "https://localhost:" + server.port() + "/status/401",
                    null,
                    Map.of("X-Token", "${env.PERF_TEST_TOKEN}"),
                    null,
                    null,
                    null,
                    null,
                    CA,
                    null,
                    null,
                    null);
            BenchmarkResult r = run(http, 10, 1, Map.of());
            assertThat(server.seen).isNotEmpty().allMatch(s -> secret.equals(s.token()));
            assertThat(Json.write(r)).doesNotContain(secret).contains("status check failed: HTTP 401");
        }
    }

    @Test
    void failedChecks_areErrorsCountedByCheck_withTheFirstDetail() throws Exception {
        try (TlsTestServer server = new TlsTestServer(TlsTestServer.Mode.TLS)) {
            String base = "https://localhost:" + server.port();
            LoadDetails status = run(target(base + "/status/503", null, CA, null), 10, 1, Map.of())
                    .load();
            assertThat(status.counters().httpErrors()).isEqualTo(10);
            assertThat(status.counters().checks().get("status").failed()).isEqualTo(10);
            assertThat(status.counters().httpStatusClasses()).containsEntry("5xx", 10L);

            LoadDetails body = run(
                            target(base + "/x", "2", CA, new HttpCheck(null, "nope", null, null, null)),
                            10,
                            1,
                            Map.of())
                    .load();
            assertThat(body.counters().errors()).isEqualTo(10);
            LoadDetails.CheckCount c = body.counters().checks().get("bodyContains");
            assertThat(c.failed()).isEqualTo(10);
            assertThat(c.first()).contains("body does not contain 'nope'").contains("hello /x");

            LoadDetails header = run(
                            target(
                                    base + "/x",
                                    null,
                                    CA,
                                    new HttpCheck(null, null, null, Map.of("X-Served-By", "other"), null)),
                            10,
                            1,
                            Map.of())
                    .load();
            assertThat(header.counters().checks().get("header.x-served-by").first())
                    .contains("'perf-test' does not match other");

            LoadDetails big = run(
                            target(base + "/big", null, CA, new HttpCheck(null, null, null, null, 100L)),
                            10,
                            1,
                            Map.of())
                    .load();
            assertThat(big.counters().checks().get("maxBodyBytes").first()).contains("10000 bytes, above 100");
        }
    }

    @Test
    void untrustedCertificate_orWrongName_failsEveryRequestWithTheTlsReason() throws Exception {
        try (TlsTestServer server = new TlsTestServer(TlsTestServer.Mode.TLS)) {
            LoadDetails untrusted = run(
                            target("https://localhost:" + server.port() + "/", null, null, null), 10, 2, Map.of())
                    .load();
            assertThat(untrusted.counters().ioErrors()).isEqualTo(10);
            assertThat(untrusted.counters().firstError())
                    .isEqualTo("certificate not trusted for localhost: add tls.ca or tls.insecure");
            TlsOptions wrongName = new TlsOptions(null, CA.ca(), "example.com", null, null);
            LoadDetails named = run(
                            target("https://localhost:" + server.port() + "/", "2", wrongName, null), 10, 1, Map.of())
                    .load();
            assertThat(named.counters().ioErrors()).isEqualTo(10);
            assertThat(named.counters().firstError()).startsWith("certificate does not name example.com");
            LoadDetails insecure = run(
                            target(
                                    "https://127.0.0.1:" + server.port() + "/",
                                    null,
                                    new TlsOptions(true, null, null, null, null),
                                    null),
                            10,
                            1,
                            Map.of())
                    .load();
            assertThat(insecure.counters().ok()).isEqualTo(10);
        }
    }

    @Test
    void clientCertificate_isPresentedWhenGiven() throws Exception {
        try (TlsTestServer server = new TlsTestServer(TlsTestServer.Mode.TLS_CLIENT_AUTH)) {
            TlsOptions withCert = new TlsOptions(
                    null,
                    CA.ca(),
                    null,
                    TlsTestServer.file("client.pem").getPath(),
                    TlsTestServer.file("client-key.pem").getPath());
            String url = "https://localhost:" + server.port() + "/";
            assertThat(run(target(url, null, withCert, null), 10, 1, Map.of())
                            .load()
                            .counters()
                            .ok())
                    .isEqualTo(10);
            assertThat(run(target(url, null, CA, null), 10, 1, Map.of())
                            .load()
                            .counters()
                            .ok())
                    .isZero();
        }
    }

    @Test
    void keepAliveFalse_opensAConnectionPerRequest() throws Exception {
        try (TlsTestServer server = new TlsTestServer(TlsTestServer.Mode.TLS)) {
            HttpTarget http = new HttpTarget(
                    "https://localhost:" + server.port() + "/k/${seq}",
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    CA,
                    null,
                    false,
                    null);
            LoadDetails d = run(http, 20, 2, Map.of()).load();
            assertThat(d.counters().ok()).isEqualTo(20);
            // the two opened before the measurement, then one per request
            assertThat(d.overall().get("connections.opened")).isGreaterThanOrEqualTo(20.0);
            assertThat(d.overall()).containsKey("tlsHandshake.p99");
        }
    }

    @Test
    void abortOnFail_stopsTheLoopWithinTwoSecondsOfTheBreach_andKeepsTheResult() throws Exception {
        try (TlsTestServer server = new TlsTestServer(TlsTestServer.Mode.H2C)) {
            LoadSpec spec = new LoadSpec(
                    "abort",
                    new LoadTarget(
                            null, null, target("http://127.0.0.1:" + server.port() + "/status/500", "2", null, null)),
                    null,
                    // the warm-up takes the cold JVM's first slow sends out of the lateness the verdict judges
                    Patterns.open("50/s", Duration.ofSeconds(20), Duration.ofMillis(500), 2, Duration.ofSeconds(5)),
                    null,
                    Map.of("errorRate", new LoadSpec.Slo(null, "1%", true, Duration.ofSeconds(1))),
                    null,
                    null);
            long start = System.nanoTime();
            BenchmarkResult r = new LoadEngine()
                    .run(
                            LoadPlan.of(spec, new Profile.LoadDefaults(null, null), LoadEngineTest.SOURCE),
                            LoadListener.NONE);
            double seconds = (System.nanoTime() - start) / 1e9;
            // every response fails from the first: the breach is proven at the first whole second
            assertThat(seconds).isLessThan(3.5);
            LoadDetails d = r.load();
            // errors over the operations sent so far: those still in flight at that second count as sent
            assertThat(d.aborted())
                    .matches("aborted after 1 s: errorRate was (9\\d(\\.\\d+)?|100\\.0) % over the run so far,"
                            + " beyond 1% \\(abortOnFail\\)");
            assertThat(d.counters().sent()).isBetween(40L, 110L);
            // the final verdict judges the seconds that ran (fail, or inconclusive when one cold send was late);
            // the run's exit code counts the abort itself (SuiteRun.Outcome.exitCode)
            assertThat(d.targets().get(0).current()).isGreaterThan(90.0);
            assertThat(d.counters().httpErrors())
                    .isEqualTo(d.counters().sent() - d.counters().inFlightAtEnd());
            assertThat(Json.write(r)).contains("\"aborted\" : \"aborted after 1 s");
        }
    }

    @Test
    void closedModel_shardsDrawDisjointIndexes() throws Exception {
        try (TlsTestServer server = new TlsTestServer(TlsTestServer.Mode.H2C)) {
            LoadSpec spec = new LoadSpec(
                    "closed",
                    new LoadTarget(
                            null, null, target("http://127.0.0.1:" + server.port() + "/c/${seq}", "2", null, null)),
                    null,
                    Patterns.closed(4, Duration.ofMillis(500), Duration.ZERO, Duration.ofMillis(20), null),
                    null,
                    Map.of(),
                    null,
                    null);
            LoadPlan plan = LoadPlan.of(spec, new Profile.LoadDefaults(null, null), LoadEngineTest.SOURCE);
            long sent = 0;
            for (int shard = 0; shard < 2; shard++) {
                sent += new LoadEngine(new Slice(shard, 2))
                        .run(plan, LoadListener.NONE)
                        .load()
                        .counters()
                        .sent();
            }
            Set<Long> seqs = seqs(server, "/c/");
            assertThat(server.seen).hasSize((int) sent);
            assertThat(seqs).as("no index sent twice across the two shards").hasSize((int) sent);
            assertThat(seqs).anyMatch(q -> q % 2 == 0).anyMatch(q -> q % 2 == 1);
        }
    }
}
