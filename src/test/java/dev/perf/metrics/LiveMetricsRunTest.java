package dev.perf.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.CodedInputStream;
import com.sun.net.httpserver.HttpServer;
import dev.perf.cli.ExitCodes;
import dev.perf.result.LoadDetails;
import dev.perf.result.ResultFiles;
import dev.perf.testing.CliRun;
import io.airlift.compress.snappy.SnappyDecompressor;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * perf run with live metrics, as a user runs it: a remote-write receiver of the test's own decodes every
 * push, the scrape endpoint is read while the run lasts, and the last pushed counters equal the result
 * file's. Traffic stays on 127.0.0.1; each run is a 3 s load loop.
 */
@Tag("slow")
class LiveMetricsRunTest {
    private static final String TOKEN = System.getenv().getOrDefault("PERF_TEST_TOKEN", "");

    @TempDir
    Path dir;

    private HttpServer receiver;
    private final List<byte[]> pushes = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();

    private URI startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/api/v1/write", exchange -> {
            try (exchange) {
                assertThat(exchange.getRequestHeaders().getFirst("Content-Encoding"))
                        .isEqualTo("snappy");
                authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
                pushes.add(exchange.getRequestBody().readAllBytes());
                exchange.sendResponseHeaders(204, -1);
            }
        });
        receiver.start();
        return URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/api/v1/write");
    }

    @AfterEach
    void stopReceiver() {
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    private Path suite() throws IOException {
        Path suite = dir.resolve("perf.yaml");
        Files.writeString(
                suite,
                """
                name: live
                benchmarks:
                  - load:
                      name: hello
                      target: { http: { url: "http://{demo-server}/hello" } }
                      load: { rate: 200/s, duration: 3s, warmup: 0s, maxInFlight: 4 }
                metrics:
                  headers: { Authorization: "Bearer ${env.PERF_TEST_TOKEN}" }
                """);
        return suite;
    }

    /** {@code perf run} of the test suite into {@code result}, without progress, with {@code flags}. */
    private CliRun run(Path result, String... flags) throws IOException {
        List<String> args =
                new ArrayList<>(List.of("run", "-s", suite().toString(), "-o", result.toString(), "--no-progress"));
        args.addAll(List.of(flags));
        return CliRun.perf(args.toArray(String[]::new));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** The series of one remote-write body: labels (with __name__) and value. */
    private static List<Map.Entry<Map<String, String>, Double>> decode(byte[] body) throws IOException {
        byte[] raw = new byte[SnappyDecompressor.getUncompressedLength(body, 0)];
        new SnappyDecompressor().decompress(body, 0, body.length, raw, 0, raw.length);
        List<Map.Entry<Map<String, String>, Double>> out = new ArrayList<>();
        CodedInputStream request = CodedInputStream.newInstance(raw);
        for (int tag = request.readTag(); tag != 0; tag = request.readTag()) {
            CodedInputStream ts = CodedInputStream.newInstance(request.readByteArray());
            Map<String, String> labels = new LinkedHashMap<>();
            double value = Double.NaN;
            for (int t = ts.readTag(); t != 0; t = ts.readTag()) {
                CodedInputStream part = CodedInputStream.newInstance(ts.readByteArray());
                part.readTag();
                if (t >>> 3 == 1) {
                    String name = part.readString();
                    part.readTag();
                    labels.put(name, part.readString());
                } else {
                    value = part.readDouble();
                }
            }
            out.add(Map.entry(labels, value));
        }
        return out;
    }

    @Test
    void pushAndScrape_whileTheRunLasts_endOnTheResultFilesCounters() throws Exception {
        URI push = startReceiver();
        int port = freePort();
        Path result = dir.resolve("live.json");
        String suite = suite().toString();
        CompletableFuture<CliRun> run = CompletableFuture.supplyAsync(() -> CliRun.perf(
                "run",
                "-s",
                suite,
                "-o",
                result.toString(),
                "--no-progress",
                "--metrics-push",
                push.toString(),
                "--metrics-listen",
                "127.0.0.1:" + port,
                "--metrics-linger",
                "1s"));
        String scraped = null;
        HttpClient client = HttpClient.newHttpClient();
        for (int i = 0; i < 150 && scraped == null && !run.isDone(); i++) {
            try {
                HttpResponse<String> r = client.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().contains("perf_load_requests_total")) {
                    assertThat(r.headers().firstValue("Content-Type")).hasValue(PrometheusText.CONTENT_TYPE);
                    scraped = r.body();
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        CliRun done = run.get(60, TimeUnit.SECONDS);
        assertThat(done.exitCode()).as(done.err()).isZero();
        assertThat(scraped).as("a scrape during the run").isNotNull();
        assertThat(PromText.parse(scraped)).anySatisfy(s -> assertThat(s.labels())
                .containsEntry("suite", "live")
                .containsEntry("loop", "hello")
                .containsEntry("shard", "1/1"));

        assertThat(pushes).hasSizeGreaterThanOrEqualTo(3); // once a second, then the final state
        assertThat(authorizations).containsOnly("Bearer " + TOKEN);
        LoadDetails.Counters counters =
                ResultFiles.read(result).benchmarks().get(0).load().counters();
        Map<String, Double> last = new LinkedHashMap<>();
        for (Map.Entry<Map<String, String>, Double> s : decode(pushes.get(pushes.size() - 1))) {
            if (s.getKey().get("__name__").equals("perf_load_requests_total")) {
                assertThat(s.getKey()).containsKeys("suite", "run_id", "shard", "loop");
                last.put(s.getKey().get("outcome"), s.getValue());
            }
        }
        assertThat(last).containsEntry("ok", (double) counters.ok()).containsEntry("dropped", (double)
                counters.dropped());
        assertThat(counters.ok()).isGreaterThan(500);
        assertThat(Files.readString(result, StandardCharsets.UTF_8)).doesNotContain(TOKEN);
    }

    @Test
    void anUnreachableReceiver_isOneWarning_andTheRunIsUnaffected() throws Exception {
        int closed = freePort();
        Path result = dir.resolve("quiet.json");
        CliRun r = run(result, "--metrics-push", "http://127.0.0.1:" + closed + "/api/v1/write");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err().lines().filter(l -> l.contains("--metrics-push")).count())
                .isEqualTo(1);
        assertThat(r.err()).contains("the run goes on, results are unaffected");
        assertThat(ResultFiles.read(result)
                        .benchmarks()
                        .get(0)
                        .load()
                        .counters()
                        .ok())
                .isGreaterThan(500);
    }

    @Test
    void aListenPortInUse_isBadInputBeforeTheRunStarts() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Path result = dir.resolve("never.json");
            CliRun r = run(result, "--metrics-listen", "127.0.0.1:" + taken.getLocalPort());
            assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(r.err())
                    .startsWith("perf: --metrics-listen 127.0.0.1:" + taken.getLocalPort() + ": cannot listen");
            assertThat(result).doesNotExist();
        }
    }
}
