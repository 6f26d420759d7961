package dev.perf.demo;

import com.sun.net.httpserver.HttpServer;
import dev.perf.host.JdkHttpServers;
import dev.perf.load.LoadPlan;
import dev.perf.result.PerfException;
import dev.perf.suite.Suite;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The small HTTP server perf starts on 127.0.0.1 for the demo suite's HTTP load loop (and for URLs that
 * name {@link LoadPlan#DEMO_SERVER}): {@code GET /hello} answers 200 with a short body. Stopped when the run ends.
 */
public final class DemoHttpServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor;

    private DemoHttpServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * The demo server when a load loop of {@code suite} targets it ({@code demo:} URLs), else null; bad input
     * when it cannot start.
     */
    public static DemoHttpServer startIfNeeded(Suite suite) {
        boolean needed =
                suite.benchmarks().stream().flatMap(e -> e.loads().stream()).anyMatch(LoadPlan::needsDemoServer);
        if (!needed) {
            return null;
        }
        try {
            return start();
        } catch (IOException e) {
            throw PerfException.badInput("cannot start the demo HTTP server on 127.0.0.1: " + e.getMessage());
        }
    }

    /** Starts the server on a free port of 127.0.0.1. */
    public static DemoHttpServer start() throws IOException {
        HttpServer server = JdkHttpServers.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
        byte[] body = "{\"message\":\"hello from perf's demo server\"}".getBytes(StandardCharsets.UTF_8);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "perf-demo-server");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.start();
        return new DemoHttpServer(server, executor);
    }

    /** {@code 127.0.0.1:PORT}. */
    public String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
