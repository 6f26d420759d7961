package dev.perf.load;

import dev.perf.suite.LoadSpec;
import java.time.Duration;

/** Load patterns for tests, without the positional nulls of every shape not used. */
final class Patterns {
    private Patterns() {}

    /** The open model at a constant {@code rate}. */
    static LoadSpec.Pattern open(
            String rate, Duration duration, Duration warmup, Integer maxInFlight, Duration timeout) {
        return new LoadSpec.Pattern(
                rate,
                duration,
                warmup,
                maxInFlight,
                timeout,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    /** The closed model: {@code users} users. */
    static LoadSpec.Pattern closed(int users, Duration duration, Duration warmup, Duration thinkTime, Duration pacing) {
        return new LoadSpec.Pattern(
                null, duration, warmup, null, null, null, null, null, null, null, users, thinkTime, pacing, null, null);
    }
}
