package dev.perf.load.record;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Notices when the whole JVM stalls (a long GC pause, a starved machine): a thread sleeps 20 ms at a time and
 * records how much longer than that each sleep took, as jHiccup does. 20 ms, not jHiccup's 1 ms: a stall
 * matters from the engine's pause limit (100 ms), and waking a thousand times a second cost
 * 45 ms of CPU a second — more than the whole generator at 1 000 requests/s. Thread-safe.
 */
public final class PauseDetector {
    private static final long SLEEP_NANOS = 20_000_000;
    private final AtomicLong maxPause = new AtomicLong();
    private volatile boolean running;
    private Thread thread;

    public void start() {
        running = true;
        thread = new Thread(
                () -> {
                    while (running && sleepOnce()) {
                        // each turn is a call, not a loop body: a method called 50 times a second is compiled
                        // within seconds; a loop entered once stays interpreted until its on-stack replacement
                        // (at 50 turns a second, twenty minutes on)
                    }
                },
                "perf-pause-detector");
        thread.setDaemon(true);
        thread.start();
    }

    /** Sleeps once and notes how much longer than asked it took; false when interrupted (stopped). */
    private boolean sleepOnce() {
        long before = System.nanoTime();
        try {
            Thread.sleep(SLEEP_NANOS / 1_000_000);
        } catch (InterruptedException e) {
            return false;
        }
        long extra = System.nanoTime() - before - SLEEP_NANOS;
        long seen = maxPause.get();
        if (extra > seen) {
            maxPause.accumulateAndGet(extra, Math::max);
        }
        return true;
    }

    public void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    /** Forgets the stalls seen so far: the longest is then the longest from now. */
    public void reset() {
        maxPause.set(0);
    }

    /** The longest stall seen, ns. */
    public long maxPauseNanos() {
        return maxPause.get();
    }
}
