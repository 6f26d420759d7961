package dev.perf.load.drive;

import dev.perf.load.record.LoadRecorder;

/**
 * A workload whose calls block (JDBC) and that, run alone, goes on {@link ThreadDriver}'s threads with nothing
 * handed between threads: each call draws its operation from its global index and records its own parts. In a
 * mix with asynchronous entries it runs through its {@link Lane.Source} instead.
 */
public interface BlockingSource extends Lane.Source {
    /**
     * Runs operation {@code seq} (its global index), intended at {@code intendedNanos} and started at {@code
     * startNanos}, on the calling thread; records each part into {@code parts} (the calling thread's writers,
     * null when nothing records them); returns the operation's failure as the recorder counts it, or null.
     */
    Throwable call(long seq, long intendedNanos, long startNanos, LoadRecorder.Writer[] parts);
}
