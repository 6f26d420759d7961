package dev.perf.host;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;

/**
 * Samples one process once a second through OSHI: its CPU use, resident set size and thread count. Stops by
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

    private final OperatingSystem os;
    private final int pid;
    private final ScheduledExecutorService timer;
    private final List<Sample> samples = new ArrayList<>();
    private OSProcess previous;
    private long second;

    private ProcessSampler(long pid) {
        this.os = EnvironmentProbe.systemInfo().getOperatingSystem();
        this.pid = (int) pid;
        this.previous = os.getProcess(this.pid);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "perf-process-sampler");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(this::sample, 1, 1, TimeUnit.SECONDS);
    }

    /** Starts sampling {@code pid}. */
    public static ProcessSampler start(long pid) {
        return new ProcessSampler(pid);
    }

    private synchronized void sample() {
        try {
            OSProcess now = os.getProcess(pid);
            if (now == null) {
                timer.shutdown();
                return;
            }
            double cpu = previous == null ? Double.NaN : now.getProcessCpuLoadBetweenTicks(previous) * 100;
            samples.add(new Sample(++second, cpu, now.getResidentMemory(), now.getThreadCount()));
            previous = now;
        } catch (RuntimeException e) {
            // an unreadable sample is skipped
        }
    }

    /** Stops sampling; the samples taken, one per second. */
    public synchronized List<Sample> stop() {
        timer.shutdownNow();
        return List.copyOf(samples);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
