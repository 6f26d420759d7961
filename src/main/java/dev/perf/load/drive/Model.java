package dev.perf.load.drive;

import dev.perf.load.schedule.Schedule;
import dev.perf.load.schedule.Slice;

/** What one measurement asks of a {@link Driver}: the open model's schedule or the closed model's users. */
public sealed interface Model {
    /** Operations start at {@code schedule}'s fire times from {@code baseNanos}, however slow the target. */
    record Open(Schedule schedule, long baseNanos) implements Model {}

    /**
     * {@code users} users each call, wait for the answer, think {@code thinkNanos} and call again (no sooner
     * than {@code pacingNanos} after their previous start) until {@code endNanos}; the process is {@code
     * shard} of the run, so that its operations' indexes are its own.
     */
    record Closed(int users, long thinkNanos, long pacingNanos, long endNanos, Slice shard) implements Model {}
}
