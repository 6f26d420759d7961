package dev.perf.run;

import dev.perf.result.BenchmarkResult;
import dev.perf.result.LoadDetails;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The load loops a run has finished and the one it is running, for an interrupt to keep: the interrupt stops
 * the engine, waits a bounded time for the running loop to hand over what it measured (marked interrupted),
 * and no load step starts after it. Thread-safe.
 */
final class LoadsDone {
    private final List<BenchmarkResult> done = new ArrayList<>();
    private boolean running;
    private boolean stopping;

    /**
     * Runs load step {@code step} unless the run is stopping; what it returns counts as done (marked interrupted
     * when the run was stopped while it ran).
     */
    List<BenchmarkResult> run(Supplier<List<BenchmarkResult>> step) {
        synchronized (this) {
            if (stopping) {
                return List.of();
            }
            running = true;
        }
        List<BenchmarkResult> out = List.of();
        try {
            out = step.get();
            return out;
        } finally {
            synchronized (this) {
                done.addAll(stopping ? interrupted(out) : out);
                running = false;
                notifyAll();
            }
        }
    }

    /** Whether an interrupt has begun: no step may start. */
    synchronized boolean stopping() {
        return stopping;
    }

    /**
     * Stops steps from starting, waits at most {@code max} for the running one, and returns every loop done
     * (the running one's results too when it ended in time).
     */
    synchronized List<BenchmarkResult> stopAndWait(Duration max) {
        stopping = true;
        long deadline = System.nanoTime() + max.toNanos();
        long left;
        while (running && (left = deadline - System.nanoTime()) > 0) {
            try {
                wait(Math.max(1, left / 1_000_000L));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return List.copyOf(done);
    }

    /** A cut loop's results marked interrupted (what it measured kept); loops that measured nothing left out. */
    static List<BenchmarkResult> interrupted(List<BenchmarkResult> results) {
        List<BenchmarkResult> out = new ArrayList<>();
        for (BenchmarkResult b : results) {
            LoadDetails d = b.load();
            if (d == null || d.aborted() != null) {
                out.add(b);
            } else if (d.counters().sent() > 0) {
                out.add(b.withLoad(
                        d.abortedFor("interrupted after " + d.timeSeries().size()
                                + " s: the run was stopped (Ctrl-C or"
                                + " SIGTERM); counters, histograms and verdicts cover what it measured")));
            }
        }
        return out;
    }
}
