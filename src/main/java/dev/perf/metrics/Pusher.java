package dev.perf.metrics;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends remote-write batches from its own thread, so that a slow or absent receiver never touches the
 * measurement: a bounded queue (drop-oldest, counted), one warning line on the first failure, and a final
 * flush bounded in time. Thread-safe.
 */
final class Pusher implements AutoCloseable {
    /** Batches kept while the receiver lags: a minute of once-a-second pushes. */
    static final int QUEUE = 60;

    private final URI url;
    private final Map<String, String> headers;
    private final PrintStream err;
    private final HttpClient client;
    private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicBoolean warned = new AtomicBoolean();
    private final Thread thread;
    private boolean closing;

    Pusher(URI url, Map<String, String> headers, PrintStream err) {
        this.url = url;
        this.headers = Map.copyOf(headers);
        this.err = err;
        this.client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        this.thread = new Thread(this::loop, "perf-metrics-push");
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues one compressed WriteRequest; the oldest queued one is dropped when the queue is full. */
    synchronized void offer(byte[] body) {
        if (queue.size() == QUEUE) {
            queue.pollFirst();
            dropped.incrementAndGet();
        }
        queue.addLast(body);
        notifyAll();
    }

    /** Batches dropped so far. */
    long dropped() {
        return dropped.get();
    }

    /** Batches the receiver accepted so far. */
    long sent() {
        return sent.get();
    }

    private synchronized byte[] next() throws InterruptedException {
        while (queue.isEmpty() && !closing) {
            wait();
        }
        return queue.pollFirst();
    }

    private void loop() {
        try {
            for (byte[] body = next(); body != null; body = next()) {
                send(body);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void send(byte[] body) throws InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(Duration.ofSeconds(5))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        RemoteWrite.HEADERS.forEach(request::header);
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 == 2) {
                sent.incrementAndGet();
                return;
            }
            warn("HTTP " + response.statusCode() + " " + firstLine(response.body()));
        } catch (java.io.IOException e) {
            warn(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
        dropped.incrementAndGet();
    }

    private void warn(String why) {
        if (warned.compareAndSet(false, true)) {
            err.println("perf: --metrics-push " + url + " failed (" + why + "); the run goes on, results are"
                    + " unaffected, and failed batches are counted in perf_metrics_push_dropped_total");
        }
    }

    private static String firstLine(String body) {
        String line = body == null ? "" : body.strip().lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }

    /** Sends what is queued, waiting at most {@code timeout}, then stops. */
    void flush(Duration timeout) {
        synchronized (this) {
            closing = true;
            notifyAll();
        }
        try {
            thread.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        flush(Duration.ofSeconds(5));
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
