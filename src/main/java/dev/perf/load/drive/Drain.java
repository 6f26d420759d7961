package dev.perf.load.drive;

import java.util.function.BooleanSupplier;

/**
 * The one rule for the end of a measured loop, whatever drives it: after the last scheduled operation (or
 * the end of the users' time) perf waits for what is in flight at most the loop's {@code timeout} and {@link
 * #SLACK_NANOS}; after a stop (an interrupt) at most the same from the stop. What is still running then is
 * counted as {@code inFlightAtEnd} (http requests have been failed as timeouts by then), and the run goes on:
 * a call that never returns cannot hold perf.
 */
public final class Drain {
    /** Slack past the timeout: the timeout sweep's period and the threads' own wake-up. */
    public static final long SLACK_NANOS = 1_000_000_000L;

    /**
     * How often the waiting thread looks for a stop: a stop is acted on within this. Each look wakes a thread that
     * otherwise only waits: at 20 a second it cost 1 ms of CPU a second, 1 µs of every request at 1 000/s.
     */
    private static final long POLL_MILLIS = 200;

    private Drain() {}

    /**
     * Waits until {@code done}, or the bound after {@code lastNanos}; once {@code stop} says so, calls {@code
     * onStop} (once) and waits at most the bound from then.
     */
    static void await(WaitStep done, BooleanSupplier stop, Runnable onStop, long lastNanos, long timeoutNanos) {
        long deadline = lastNanos + timeoutNanos + SLACK_NANOS;
        boolean stopped = false;
        try {
            while (!done.waitFor(POLL_MILLIS)) {
                long now = System.nanoTime();
                if (!stopped && stop.getAsBoolean()) {
                    stopped = true;
                    deadline = Math.min(deadline, now + timeoutNanos + SLACK_NANOS);
                    onStop.run();
                }
                if (now - deadline > 0) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits up to {@code millis} for the end; whether it came. */
    @FunctionalInterface
    interface WaitStep {
        boolean waitFor(long millis) throws InterruptedException;
    }

    /** The end of {@code threads}: every one of them has finished. */
    static WaitStep joined(Thread[] threads) {
        return millis -> {
            long until = System.nanoTime() + millis * 1_000_000;
            for (Thread t : threads) {
                long left = (until - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    return !anyAlive(threads);
                }
                t.join(left);
            }
            return !anyAlive(threads);
        };
    }

    private static boolean anyAlive(Thread[] threads) {
        for (Thread t : threads) {
            if (t.isAlive()) {
                return true;
            }
        }
        return false;
    }
}
