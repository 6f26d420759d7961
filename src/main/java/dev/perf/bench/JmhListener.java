package dev.perf.bench;

/**
 * Receives the progress of a JMH run as it happens. Called from the thread that reads JMH's output;
 * implementations must be cheap.
 */
public interface JmhListener {
    /** A benchmark (one parameter combination) started. */
    default void benchmarkStarted(String displayName) {}

    /** One warm-up or measurement iteration finished. */
    default void iterationFinished(String displayName, boolean warmup) {}

    /**
     * A benchmark finished; {@code ok} is false when it failed, and {@code skippedIterations} counts the
     * planned iterations it did not run (a failure ends a benchmark early).
     */
    default void benchmarkFinished(String displayName, boolean ok, int skippedIterations) {}

    /**
     * A benchmark was running when perf was interrupted and its fork was stopped: not a failure of the
     * benchmark; {@code skippedIterations} as for {@link #benchmarkFinished}.
     */
    default void benchmarkInterrupted(String displayName, int skippedIterations) {}

    /**
     * The benchmarks that follow run fork {@code round} of their {@code rounds} (perf runs a job's forks in rounds,
     * one fork of every benchmark per round); {@code 1, 1} when each runs all its forks at once.
     */
    default void round(int round, int rounds) {}

    /** Does nothing. */
    JmhListener NONE = new JmhListener() {};
}
