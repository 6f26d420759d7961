package dev.perf.load.drive;

import dev.perf.load.schedule.Schedule;
import dev.perf.load.schedule.Slice;

/** What one measurement asks of a {@link Driver}: the open model's schedule or the closed model's users. */
public sealed interface Model {
    /**
     * Operations start at {@code schedule}'s fire times from {@code baseNanos}, however slow the target; one due
     * within {@code precisionNanos} of a send may leave with it, early, and is then timed from its own send.
     */
    record Open(Schedule schedule, long baseNanos, long precisionNanos) implements Model {
        /** Each operation at its own time. */
        public Open(Schedule schedule, long baseNanos) {
            this(schedule, baseNanos, 0);
        }

        /**
         * When an operation intended at {@code intendedNanos} and sent at {@code sentNanos} started, for its
         * response time: its intended time when it left late (queueing in perf counts against the target's
         * answer, as coordinated omission requires), its send when it left early (within the precision).
         */
        public static long startOf(long intendedNanos, long sentNanos) {
            return Math.min(intendedNanos, sentNanos);
        }
    }

    /**
     * {@code users} users each call, wait for the answer, think {@code thinkNanos} and call again (no sooner
     * than {@code pacingNanos} after their previous start) until {@code endNanos}; the process is {@code
     * shard} of the run, so that its operations' indexes are its own.
     */
    record Closed(int users, long thinkNanos, long pacingNanos, long endNanos, Slice shard) implements Model {}
}
