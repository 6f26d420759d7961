package dev.perf.metrics;

import dev.perf.load.LoadListener;
import dev.perf.load.LoadWindow;
import dev.perf.result.BenchmarkResult;
import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Live metrics of one run: takes the load windows (on the ticker thread) and finished benchmarks, keeps the
 * series, pushes them once a second when a remote-write URL is given and serves them when an address is. No
 * work happens on a load event loop; nothing is allocated per request. Closing pushes the final state, waits
 * a bounded time for it, and keeps {@code /metrics} up for the linger.
 */
public final class LiveMetrics implements LoadListener, AutoCloseable {
    private final MetricsState state;
    private final Pusher pusher;
    private final Endpoint endpoint;
    private final MetricsOptions options;
    private final PrintStream err;

    private LiveMetrics(MetricsOptions options, Map<String, String> labels, PrintStream err) {
        this.options = options;
        this.err = err;
        this.state = new MetricsState(labels);
        this.endpoint = options.listen() == null ? null : Endpoint.start(options.listen(), state::families);
        this.pusher = options.push() == null ? null : new Pusher(options.push(), options.headers(), err);
        if (endpoint != null) {
            err.println("perf: live metrics at http://" + hostOf(options) + ":" + endpoint.port() + "/metrics");
        }
    }

    /**
     * Starts what {@code options} ask for, every series labelled {@code suite}, {@code run_id} and {@code
     * shard} ({@code I/N}); bad input when the scrape address cannot be bound, before anything runs.
     */
    public static LiveMetrics start(MetricsOptions options, String suite, String runId, String shard, PrintStream err) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("suite", suite);
        labels.put("run_id", runId);
        labels.put("shard", shard);
        return new LiveMetrics(options, labels, err);
    }

    private static String hostOf(MetricsOptions options) {
        String host = options.listen().getHostString();
        return host.contains(":") ? "[" + host + "]" : host.equals("0.0.0.0") ? "127.0.0.1" : host;
    }

    @Override
    public boolean wantsWindows() {
        return options.any();
    }

    @Override
    public void loadWindow(LoadWindow window) {
        state.update(window);
        if (window.operation() == null) {
            push();
        }
    }

    /** Benchmarks that finished: a load loop's final counters, a JMH score. */
    public void finished(List<BenchmarkResult> results) {
        if (!options.any()) {
            return;
        }
        results.forEach(state::finished);
        push();
    }

    private void push() {
        if (pusher != null) {
            state.pushDropped(pusher.dropped());
            pusher.offer(RemoteWrite.snappy(RemoteWrite.encode(state.families(), System.currentTimeMillis())));
        }
    }

    @Override
    public void close() {
        if (pusher != null) {
            push();
            pusher.close();
            if (pusher.sent() == 0 && pusher.dropped() > 0) {
                err.println("perf: no metrics reached " + options.push());
            }
        }
        if (endpoint != null) {
            Duration linger = options.linger();
            if (!linger.isZero()) {
                err.println("perf: /metrics stays up " + linger.toSeconds() + " s for a last scrape");
                try {
                    Thread.sleep(linger.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            endpoint.close();
        }
    }
}
