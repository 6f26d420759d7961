package dev.perf.load;

/**
 * A workload that does nothing: a load loop against it measures perf's own per-operation cost (scheduling,
 * timing, recording). Used by {@code scripts/bench/loop-overhead.sh}; handy for checking a machine too.
 */
public final class NoopWorkload implements Workload {
    @Override
    public void call() {
        // nothing: the point is the harness around it
    }
}
