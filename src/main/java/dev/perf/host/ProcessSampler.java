package dev.perf.host;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Samples one process once a second (/proc, else OSHI): its CPU use, resident set size and thread count. Stops by
 * itself when the process ends. Thread-safe.
 */
public final class ProcessSampler implements AutoCloseable {
    /**
     * One second of a process.
     *
     * @param second seconds since sampling started
     * @param cpuPercent CPU use in that second, % of one core (NaN when unknown)
     * @param rssBytes resident set size (−1 when unknown)
     * @param threads number of threads (−1 when unknown)
     */
    public record Sample(long second, double cpuPercent, long rssBytes, int threads) {}

    private final ProcessReader process;
    private final ScheduledExecutorService timer;
    private final List<Sample> samples = new ArrayList<>();
    private long second;

    private ProcessSampler(long pid) {
        this.process = ProcessReader.of(() -> EnvironmentProbe.systemInfo().getOperatingSystem(), (int) pid);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "perf-process-sampler");
            t.setDaemon(true);
            return t;
        });
        // the executor is shut down by stop(); the future would only tell of its cancellation
        var unusedSchedule = timer.scheduleAtFixedRate(this::sample, 1, 1, TimeUnit.SECONDS);
    }

    /** Starts sampling {@code pid}. */
    public static ProcessSampler start(long pid) {
        return new ProcessSampler(pid);
    }

    private synchronized void sample() {
        try {
            Sample s = process.read(second + 1);
            if (s == null) {
                timer.shutdown();
                process.close();
                return;
            }
            second++;
            samples.add(s);
        } catch (RuntimeException e) {
            // an unreadable sample is skipped
        }
    }

    /** Stops sampling; the samples taken, one per second. */
    public synchronized List<Sample> stop() {
        close();
        return List.copyOf(samples);
    }

    @Override
    public synchronized void close() {
        timer.shutdownNow();
        process.close();
    }
}
