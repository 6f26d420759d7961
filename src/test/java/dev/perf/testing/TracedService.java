package dev.perf.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * A service on 127.0.0.1 that records the {@code traceparent} of every request it serves and reports its own
 * Prometheus metrics: {@code /item} answers at once except every {@code slowEvery}th request, which it holds
 * for a time that grows with each such request (so the slowest requests are known and never tie); every
 * request counts a cache hit (three of four) or a miss and observes its handling time in {@code
 * db_query_seconds}. {@code /metrics} serves the text exposition. Stopped by {@link #close}.
 */
public final class TracedService implements AutoCloseable {
    /** A valid W3C traceparent of version 00, its parts captured. */
    public static final Pattern TRACEPARENT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-(0[01])");

    /** One request the service served. */
    public record Seen(String traceparent, String traceId, boolean sampled, long heldMillis, String tracestate) {}

    private static final double[] BUCKETS = {0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1};

    private final HttpServer server;
    private final ExecutorService pool = Executors.newFixedThreadPool(16);
    private final int slowEvery;
    private final AtomicLong count = new AtomicLong();
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();
    private final long[] buckets = new long[BUCKETS.length + 1];
    private double sum;
    private final ConcurrentLinkedQueue<Seen> seen = new ConcurrentLinkedQueue<>();
    private final Map<String, Integer> badHeaders = new ConcurrentHashMap<>();

    /** Starts the service; every {@code slowEvery}th request is held (0: none is). */
    public TracedService(int slowEvery) throws IOException {
        this.slowEvery = slowEvery;
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        server.createContext("/item", this::item);
        server.createContext("/metrics", this::metrics);
        server.setExecutor(pool);
        server.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private void item(HttpExchange ex) throws IOException {
        ex.getRequestBody().readAllBytes();
        long n = count.incrementAndGet();
        String tp = ex.getRequestHeaders().getFirst("traceparent");
        long held = slowEvery > 0 && n % slowEvery == 0 ? 60 + 12 * (n / slowEvery) : 0;
        if (held > 0) {
            try {
                Thread.sleep(held);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        var m = tp == null ? null : TRACEPARENT.matcher(tp);
        if (m != null && m.matches()) {
            seen.add(new Seen(
                    tp,
                    m.group(1),
                    m.group(3).equals("01"),
                    held,
                    ex.getRequestHeaders().getFirst("tracestate")));
        } else {
            badHeaders.merge(String.valueOf(tp), 1, Integer::sum);
        }
        (n % 4 == 0 ? misses : hits).incrementAndGet();
        observe(held / 1000.0 + 0.0005);
        byte[] b = "ok".getBytes(StandardCharsets.US_ASCII);
        ex.sendResponseHeaders(200, b.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(b);
        }
    }

    private synchronized void observe(double seconds) {
        for (int i = 0; i < BUCKETS.length; i++) {
            if (seconds <= BUCKETS[i]) {
                buckets[i]++;
            }
        }
        buckets[BUCKETS.length]++;
        sum += seconds;
    }

    private void metrics(HttpExchange ex) throws IOException {
        StringBuilder b = new StringBuilder();
        b.append("# HELP cache_requests_total Cache lookups.\n# TYPE cache_requests_total counter\n");
        b.append("cache_requests_total{result=\"hit\"} ").append(hits.get()).append('\n');
        b.append("cache_requests_total{result=\"miss\"} ").append(misses.get()).append('\n');
        b.append("# TYPE cache_hit_ratio gauge\ncache_hit_ratio ")
                .append(hits.get() + misses.get() == 0 ? 0 : (double) hits.get() / (hits.get() + misses.get()))
                .append('\n');
        synchronized (this) {
            b.append("# TYPE db_query_seconds histogram\n");
            for (int i = 0; i < BUCKETS.length; i++) {
                b.append("db_query_seconds_bucket{le=\"")
                        .append(BUCKETS[i])
                        .append("\"} ")
                        .append(buckets[i])
                        .append('\n');
            }
            b.append("db_query_seconds_bucket{le=\"+Inf\"} ")
                    .append(buckets[BUCKETS.length])
                    .append('\n');
            b.append("db_query_seconds_sum ").append(sum).append('\n');
            b.append("db_query_seconds_count ").append(buckets[BUCKETS.length]).append('\n');
        }
        byte[] body = b.toString().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4");
        ex.sendResponseHeaders(200, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    /** Every request served with a valid traceparent, in arrival order. */
    public List<Seen> seen() {
        return new ArrayList<>(seen);
    }

    /** Requests whose traceparent was missing or invalid, by the header's value. */
    public Map<String, Integer> badHeaders() {
        return Map.copyOf(badHeaders);
    }

    /** Forgets every request seen (the counters go on). */
    public void clear() {
        seen.clear();
        badHeaders.clear();
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
