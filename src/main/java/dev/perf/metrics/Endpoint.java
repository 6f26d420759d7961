package dev.perf.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.perf.host.JdkHttpServers;
import dev.perf.result.PerfException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The scrape endpoint: {@code GET /metrics} answers the Prometheus text format of the live series, anything
 * else 404. Bound before the run starts (a port in use is bad input naming it); served from its own thread.
 */
final class Endpoint implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor;

    private Endpoint(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Serves {@code text} on {@code address}; bad input when the address cannot be bound. */
    static Endpoint start(InetSocketAddress address, Supplier<String> text) {
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
        server.createContext("/", exchange -> answer(exchange, text));
        server.start();
        return new Endpoint(server, executor);
    }

    /** The port it listens on (the one asked for, or the one the system chose for port 0). */
    int port() {
        return server.getAddress().getPort();
    }

    private static void answer(HttpExchange exchange, Supplier<String> text) throws IOException {
        try (exchange) {
            boolean metrics = exchange.getRequestURI().getPath().equals("/metrics");
            boolean get = exchange.getRequestMethod().equals("GET");
            byte[] body = (metrics && get ? text.get() : "perf serves GET /metrics\n").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders()
                    .set("Content-Type", metrics ? PrometheusText.CONTENT_TYPE : "text/plain; charset=utf-8");
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
