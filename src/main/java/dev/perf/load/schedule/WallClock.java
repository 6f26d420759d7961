package dev.perf.load.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Waiting for a wall-clock instant: {@code --start-at} and the aligned start of a shard's first loop. */
public final class WallClock {
    private WallClock() {}

    /**
     * Parks until {@code at} (at once when it has passed), or until {@code stop} says so or the thread is
     * interrupted: long parks until 2 ms before, then short ones, to within a millisecond of the instant.
     * Returns whether {@code at} was reached.
     */
    public static boolean parkUntil(Instant at, BooleanSupplier stop) {
        while (true) {
            long remaining = Duration.between(Instant.now(), at).toNanos();
            if (remaining <= 0) {
                return true;
            }
            if (stop.getAsBoolean() || Thread.currentThread().isInterrupted()) {
                return false;
            }
            LockSupport.parkNanos(
                    remaining > 5_000_000
                            ? Math.min(remaining - 2_000_000, 100_000_000)
                            : Math.min(remaining, 200_000));
        }
    }
}
