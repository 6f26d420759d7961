package dev.perf.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.perf.host.JdkHttpServers;
import dev.perf.result.PerfException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The scrape endpoint: {@code GET /metrics} answers the live series in OpenMetrics (with exemplars) when the
 * scraper's {@code Accept} asks for it, as Prometheus does, and in the 0.0.4 text format otherwise; anything
 * else 404. Bound before the run starts (a port in use is bad input naming it); served from its own thread.
 */
final class Endpoint implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor;

    private Endpoint(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Serves {@code families} on {@code address}; bad input when the address cannot be bound. */
    static Endpoint start(InetSocketAddress address, Supplier<List<Family>> families) {
        HttpServer server;
        try {
            server = JdkHttpServers.create(address, 16);
        } catch (IOException e) {
            throw PerfException.badInput("--metrics-listen " + address.getHostString() + ":" + address.getPort()
                    + ": cannot listen there ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                    + "); is the port in use? pick another port");
        }
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "perf-metrics-endpoint");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", exchange -> answer(exchange, families));
        server.start();
        return new Endpoint(server, executor);
    }

    /** The port it listens on (the one asked for, or the one the system chose for port 0). */
    int port() {
        return server.getAddress().getPort();
    }

    private static void answer(HttpExchange exchange, Supplier<List<Family>> families) throws IOException {
        try (exchange) {
            boolean metrics = exchange.getRequestURI().getPath().equals("/metrics");
            boolean get = exchange.getRequestMethod().equals("GET");
            boolean openMetrics =
                    PrometheusText.wantsOpenMetrics(exchange.getRequestHeaders().getFirst("Accept"));
            String text = !(metrics && get)
                    ? "perf serves GET /metrics\n"
                    : openMetrics ? PrometheusText.openMetrics(families.get()) : PrometheusText.write(families.get());
            byte[] body = text.getBytes(StandardCharsets.UTF_8);
            String type = !metrics
                    ? "text/plain; charset=utf-8"
                    : openMetrics ? PrometheusText.OPENMETRICS_CONTENT_TYPE : PrometheusText.CONTENT_TYPE;
            exchange.getResponseHeaders().set("Content-Type", type);
            exchange.sendResponseHeaders(metrics && get ? 200 : metrics ? 405 : 404, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
