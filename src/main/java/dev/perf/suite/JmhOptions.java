package dev.perf.suite;

import java.time.Duration;
import java.util.List;

/**
 * JMH run options of a profile. Every field is optional (null = not set here); {@link #overlay} lets a
 * suite or the command line override a built-in profile field by field. Immutable.
 *
 * @param forks measurement forks (JMH {@code -f}); 0 runs in the host JVM, which JMH discourages
 * @param warmupIterations warm-up iterations per fork ({@code -wi})
 * @param warmupTime duration of one warm-up iteration ({@code -w})
 * @param iterations measurement iterations per fork ({@code -i})
 * @param time duration of one measurement iteration ({@code -r})
 * @param threads benchmark threads ({@code -t})
 * @param jvmArgs extra arguments appended to each fork's JVM ({@code -jvmArgsAppend})
 * @param gcProfiler whether JMH's GC profiler runs, giving {@code gc.alloc.rate.norm} (B/op); default true
 */
public record JmhOptions(
        Integer forks,
        Integer warmupIterations,
        Duration warmupTime,
        Integer iterations,
        Duration time,
        Integer threads,
        List<String> jvmArgs,
        Boolean gcProfiler) {

    /** No field set. */
    public static final JmhOptions NONE = new JmhOptions(null, null, null, null, null, null, null, null);

    public JmhOptions {
        requireAtLeast("forks", forks, 0);
        requireAtLeast("warmupIterations", warmupIterations, 0);
        requireAtLeast("iterations", iterations, 1);
        requireAtLeast("threads", threads, 1);
        requirePositive("warmupTime", warmupTime);
        requirePositive("time", time);
        jvmArgs = jvmArgs == null ? null : List.copyOf(jvmArgs);
    }

    /** This options with every field that {@code over} sets replaced by its value. */
    public JmhOptions overlay(JmhOptions over) {
        if (over == null) {
            return this;
        }
        return new JmhOptions(
                pick(over.forks, forks),
                pick(over.warmupIterations, warmupIterations),
                pick(over.warmupTime, warmupTime),
                pick(over.iterations, iterations),
                pick(over.time, time),
                pick(over.threads, threads),
                pick(over.jvmArgs, jvmArgs),
                pick(over.gcProfiler, gcProfiler));
    }

    /**
     * Iterations JMH runs for one benchmark and parameter combination: forks × (warm-up + measurement); an
     * unset field counts as JMH's minimum (1 fork, 0 warm-up, 1 measurement).
     */
    public int iterationsPerBenchmark() {
        int f = forks == null ? 1 : Math.max(1, forks);
        int w = warmupIterations == null ? 0 : warmupIterations;
        int i = iterations == null ? 1 : iterations;
        return f * (w + i);
    }

    /** Whether the GC profiler is on (default true). */
    public boolean gcProfilerEnabled() {
        return gcProfiler == null || gcProfiler;
    }

    private static <T> T pick(T preferred, T fallback) {
        return preferred != null ? preferred : fallback;
    }

    private static void requireAtLeast(String name, Integer value, int min) {
        if (value != null && value < min) {
            throw new IllegalArgumentException(name + " must be at least " + min + ", was " + value);
        }
    }

    private static void requirePositive(String name, Duration value) {
        if (value != null && (value.isNegative() || value.isZero())) {
            throw new IllegalArgumentException(name + " must be positive, was " + Quantity.format(value));
        }
    }
}
