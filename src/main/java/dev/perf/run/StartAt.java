package dev.perf.run;

import dev.perf.load.schedule.WallClock;
import dev.perf.result.PerfException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code --start-at}: waits until a wall-clock instant before the first benchmark, so that shards started
 * seconds apart (pods of a Job) begin together; a run that starts with a load loop sets it up first and its
 * load engine waits ({@link dev.perf.load.LoadEngine#startNextLoopAt}). A time already past starts at once and
 * says so; one more than a day ahead is a usage error (a typo in the date, not a plan).
 */
final class StartAt {
    static final Duration MAX_AHEAD = Duration.ofHours(24);

    private StartAt() {}

    /**
     * Before the first benchmark: waits until {@code --start-at}'s instant, or, when the run starts with a load
     * loop, only checks and announces it and returns the instant its engine is to start that loop at (once the
     * loop is set up); null when there is nothing ahead for the engine to wait for.
     */
    static Instant beforeFirst(RunRequest request, boolean startsWithLoad, PrintStream err) {
        Instant at = request.what().startAt();
        boolean quiet = request.display().quiet();
        if (startsWithLoad) {
            return announce(at, err, quiet) ? at : null;
        }
        await(at, err, quiet);
        return null;
    }

    /** Waits until {@code at} (null: not at all), saying so on {@code err} unless {@code quiet}. */
    static void await(Instant at, PrintStream err, boolean quiet) {
        if (announce(at, err, quiet) && !WallClock.parkUntil(at, () -> false)) {
            throw PerfException.interrupted("interrupted while waiting for --start-at " + at);
        }
    }

    /**
     * Checks {@code at} and says on {@code err} (unless {@code quiet}) that the run waits for it, or that it has
     * passed; whether there is an instant ahead to wait for.
     */
    static boolean announce(Instant at, PrintStream err, boolean quiet) {
        if (at == null) {
            return false;
        }
        Duration ahead = Duration.between(Instant.now(), at);
        if (ahead.compareTo(MAX_AHEAD) > 0) {
            throw PerfException.usage("--start-at " + at + " is more than 24 h away: check the date");
        }
        if (ahead.isNegative()) {
            err.println("perf: --start-at " + at + " has passed ("
                    + ahead.negated().toMillis() + " ms ago); starting now, out of step with shards that waited");
            return false;
        }
        if (!quiet) {
            err.println("perf: waiting until " + at + " (--start-at), " + ahead.toSeconds() + " s");
        }
        return true;
    }
}
