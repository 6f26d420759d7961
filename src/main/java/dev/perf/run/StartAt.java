package dev.perf.run;

import dev.perf.load.schedule.WallClock;
import dev.perf.result.PerfException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code --start-at}: waits until a wall-clock instant before the first benchmark, so that shards started
 * seconds apart (pods of a Job) begin together. A time already past starts at once and says so; one more than
 * a day ahead is a usage error (a typo in the date, not a plan).
 */
final class StartAt {
    static final Duration MAX_AHEAD = Duration.ofHours(24);

    /**
     * When the run starts with a load loop, its measurement starts this long (plus its warm-up) after the
     * instant, on every shard alike: time for each to open its connections and start its samplers.
     */
    static final Duration SET_UP_ALLOWANCE = Duration.ofSeconds(2);

    private StartAt() {}

    /** Waits until {@code at} (null: not at all), saying so on {@code err} unless {@code quiet}. */
    static void await(Instant at, PrintStream err, boolean quiet) {
        if (at == null) {
            return;
        }
        Duration ahead = Duration.between(Instant.now(), at);
        if (ahead.compareTo(MAX_AHEAD) > 0) {
            throw PerfException.usage("--start-at " + at + " is more than 24 h away: check the date");
        }
        if (ahead.isNegative()) {
            err.println("perf: --start-at " + at + " has passed ("
                    + ahead.negated().toMillis() + " ms ago); starting now, out of step with shards that waited");
            return;
        }
        if (!quiet) {
            err.println("perf: waiting until " + at + " (--start-at), " + ahead.toSeconds() + " s");
        }
        if (!WallClock.parkUntil(at, () -> false)) {
            throw PerfException.interrupted("interrupted while waiting for --start-at " + at);
        }
    }
}
