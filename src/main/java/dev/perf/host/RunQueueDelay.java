package dev.perf.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * How long perf's load threads waited runnable but not running: the kernel's per-thread run-queue wait
 * ({@code /proc/self/task/TID/schedstat}: time on the CPU, time waiting on a run queue, times run, all
 * since the thread started), summed over the threads whose names start with {@link #THREADS} — the event
 * loops, workers, users and the ticker. On a machine whose CPUs other processes keep busy, every wake-up of
 * perf waits for a CPU: sends go out late and responses are read late, and that wait must count against the
 * generator, never the target. Immutable.
 *
 * <pre>{@code
 * Map<Long, long[]> before = RunQueueDelay.threads(Path.of("/"));
 * ... measure ...
 * RunQueueDelay d = RunQueueDelay.since(before, Path.of("/"));
 * }</pre>
 *
 * @param waitNanos run-queue wait of the load threads over the window
 * @param runs how many times they were put on a CPU over the window (a wake-up, or a return after preemption)
 * @param readable whether the counters could be read (Linux with schedstats)
 */
public record RunQueueDelay(long waitNanos, long runs, boolean readable) {
    /** The thread-name prefix of perf's load threads: perf-loop-N, perf-load-worker-N, perf-load-user-N, … */
    public static final String THREADS = "perf-lo";

    /** A mean wait per run at or above this share of the response-time median distorts what is measured. */
    public static final double BOUND_SHARE = 0.10;

    /**
     * The least mean wait per run that makes a run generator-bound: 3.5 times the most measured on a quiet
     * machine (14 µs at 1 000/s, 7 at 5 000/s, 2 at 20 000/s against nginx), under what two CPU hogs cause (52 µs
     * at 5 000/s, 180 at 1 000/s).
     */
    public static final long BOUND_MIN_NANOS = 50_000;

    /** Nothing could be read. */
    public static final RunQueueDelay NONE = new RunQueueDelay(0, 0, false);

    /**
     * The schedstat counters {wait ns, runs} of each load thread of this process now, by thread id, under the
     * file-system root {@code root} ({@code /} outside tests); empty when none can be read.
     */
    public static Map<Long, long[]> threads(Path root) {
        Map<Long, long[]> out = new HashMap<>();
        Path tasks = root.resolve("proc/self/task");
        if (!Files.isDirectory(tasks)) {
            return out;
        }
        try (DirectoryStream<Path> all = Files.newDirectoryStream(tasks)) {
            for (Path task : all) {
                long[] counters = counters(task);
                if (counters != null) {
                    out.put(Long.parseLong(task.getFileName().toString()), counters);
                }
            }
        } catch (IOException | RuntimeException e) {
            // a thread that ended while listed, or no procfs: what was read stands
        }
        return out;
    }

    /** {wait ns, runs} of one load thread; null when it is not one or cannot be read. */
    private static long[] counters(Path task) {
        try {
            String name = Files.readString(task.resolve("comm"), StandardCharsets.UTF_8)
                    .strip();
            if (!name.startsWith(THREADS)) {
                return null;
            }
            String[] f = Files.readString(task.resolve("schedstat"), StandardCharsets.US_ASCII)
                    .strip()
                    .split(" +", -1);
            return f.length < 3 ? null : new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])};
        } catch (IOException | RuntimeException e) {
            return null; // ended since it was listed, or a kernel without schedstats
        }
    }

    /**
     * The load threads' wait since {@code before}: a thread seen then counts its increase, one started since
     * counts all it has; one that ended since is not counted (what it waited is not known).
     */
    public static RunQueueDelay since(Map<Long, long[]> before, Path root) {
        Map<Long, long[]> now = threads(root);
        if (now.isEmpty()) {
            return NONE;
        }
        long wait = 0;
        long runs = 0;
        for (Map.Entry<Long, long[]> e : now.entrySet()) {
            long[] then = before.getOrDefault(e.getKey(), new long[2]);
            wait += Math.max(0, e.getValue()[0] - then[0]);
            runs += Math.max(0, e.getValue()[1] - then[1]);
        }
        return new RunQueueDelay(wait, runs, true);
    }

    /** The mean wait per run, ns; 0 when the threads never ran. */
    public double meanWaitNanos() {
        return runs == 0 ? 0 : (double) waitNanos / runs;
    }

    /**
     * Why the run is generator-bound because perf's threads waited for a CPU, or null: their mean wait per
     * run is at least {@link #BOUND_MIN_NANOS} and {@link #BOUND_SHARE} of the response-time median {@code
     * p50Nanos} — each response perf read was read that much late, on average, by perf's own scheduling.
     */
    public String boundReason(double p50Nanos) {
        double mean = meanWaitNanos();
        if (!readable || mean < BOUND_MIN_NANOS || mean < BOUND_SHARE * p50Nanos) {
            return null;
        }
        return String.format(
                java.util.Locale.ROOT,
                "perf's load threads waited %.0f ms for a CPU (%.0f us per wake-up on average, against a response"
                        + " time p50 of %.0f us): the machine's CPUs are taken by other work, give perf a CPU of"
                        + " its own",
                waitNanos / 1e6,
                mean / 1e3,
                p50Nanos / 1e3);
    }
}
