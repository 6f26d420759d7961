package dev.perf.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.perf.result.Json;
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
import java.util.concurrent.TimeUnit;

/**
 * Debian's Prometheus (.ci/run installs it), started by a test on 127.0.0.1 with its data in the test's
 * directory, scraping one job every second, and stopped by its PID.
 */
public final class Prometheus implements AutoCloseable {
    /** Where Debian installs it. */
    public static final Path BINARY = Path.of("/usr/bin/prometheus");

    private final Process process;
    private final int port;

    private Prometheus(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts Prometheus in {@code dir} scraping job {@code job} at {@code target} ({@code host:port}) every
     * second, with {@code flags} added; returns once it is ready.
     */
    public static Prometheus start(Path dir, String job, String target, String... flags) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(
                config,
                "global: { scrape_interval: 1s, scrape_timeout: 1s }\n"
                        + "scrape_configs:\n"
                        + "  - job_name: " + job + "\n"
                        + "    static_configs: [ { targets: [ \"" + target + "\" ] } ]\n");
        List<String> command = new ArrayList<>(List.of(
                BINARY.toString(),
                "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port));
        command.addAll(List.of(flags));
        Path log = dir.resolve("prometheus.log");
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        Prometheus prometheus = new Prometheus(p, port);
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        for (int i = 0; i < 100; i++) {
            try {
                if (client.send(
                                        HttpRequest.newBuilder(URI.create(prometheus.url("/-/ready")))
                                                .build(),
                                        HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200) {
                    return prometheus;
                }
            } catch (IOException e) {
                // starting
            }
            Thread.sleep(100);
        }
        prometheus.close();
        throw new AssertionError("Prometheus did not start: " + Files.readString(log));
    }

    public int port() {
        return port;
    }

    /** Its address with {@code path}. */
    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** The {@code data.result} of PromQL {@code expr} evaluated now (HTTP 200 asserted). */
    public JsonNode query(String expr) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(
                                        url("/api/v1/query?query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8))))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new AssertionError("Prometheus answered " + r.statusCode() + " to " + expr + ": " + r.body());
        }
        return Json.mapper().readTree(r.body()).path("data").path("result");
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
