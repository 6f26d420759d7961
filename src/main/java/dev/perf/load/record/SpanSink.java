package dev.perf.load.record;

/**
 * Where a sampled operation goes when it completes, for a client span of its own: called on the recording
 * thread, so an implementation only hands the four numbers on (a bounded queue), never blocks or exports.
 */
@FunctionalInterface
public interface SpanSink {
    /**
     * Operation {@code seq} ran from {@code startNanos} to {@code endNanos} (System.nanoTime), failed or not.
     */
    void completed(long seq, long startNanos, long endNanos, boolean failed);
}
