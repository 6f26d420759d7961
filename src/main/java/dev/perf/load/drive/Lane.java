package dev.perf.load.drive;

import dev.perf.load.record.ConnectStats;
import dev.perf.load.record.LoadRecorder;
import io.netty.channel.EventLoop;
import java.util.List;
import java.util.Map;

/**
 * Where one entry's operations go on one {@link Stripe}: the entry's connections on that loop (http) or its
 * asynchronous calls. Everything but the completion of an asynchronous call runs on the stripe's loop thread.
 */
public interface Lane {
    /** Whether an operation can start now (a connection is free). */
    boolean free();

    /**
     * Starts operation {@code seq} (its global index: what its request's placeholders draw from); it ends with
     * exactly one {@link Stripe#completed} carrying {@code user} and {@code epoch}, possibly before this
     * returns.
     */
    void send(long intendedNanos, long startNanos, long seq, int user, int epoch);

    /** Fails the operations that have waited past the timeout at {@code nowNanos}. */
    void sweep(long nowNanos);

    /** Closes what the lane holds. */
    void close();

    /**
     * A measurement begins (on the loop thread): the recorders of the operation's parts (a scenario's steps, in
     * {@link Source#parts()}'s order) that this lane records into besides the stripe's.
     */
    default void measuring(LoadRecorder[] parts) {}

    /**
     * Whether an operation slower than the timeout counts as a timeout: true for one request; false for a
     * journey, whose steps each have the timeout and whose think times are no part of any wait.
     */
    default boolean timedAsAWhole() {
        return true;
    }

    /**
     * Where a lane is opened.
     *
     * @param stripe the stripe whose operations it carries, and whose {@link Stripe#completed} it calls
     * @param op the entry's position in the loop's operations
     * @param loop the stripe's event loop, which runs everything of the lane but an asynchronous completion
     * @param connections the stripe's share of the in-flight cap (or of the closed model's users)
     * @param users whether {@code connections} counts users, each with one exchange in flight
     * @param timeoutNanos how long an operation may take before it fails as a timeout
     */
    record Place(Stripe stripe, int op, EventLoop loop, int connections, boolean users, long timeoutNanos) {}

    /** A workload that brings its own lanes (its connections) instead of plain asynchronous calls. */
    interface Source {
        /** Opens this workload's lane at {@code place}. */
        Lane open(Place place);

        /** The most operations one of its connections carries at once (HTTP/2's stream limit), at least 1. */
        default int streamsPerConnection() {
            return 1;
        }

        /** How long its connections took to set up, apart from the operations' latency. */
        ConnectStats connects();

        /** The names of the parts each operation records on its own (a scenario's steps); none by default. */
        default List<String> parts() {
            return List.of();
        }

        /**
         * Figures of the measurement the workload keeps beside the loop's counters (a messaging target's
         * accounting of what its consumers received), by the name a result and an SLO use; none by default.
         */
        default Map<String, Double> figures() {
            return Map.of();
        }

        /** What the result's target line adds about how it connects (e.g. the TLS provider), or empty. */
        default String targetNote() {
            return "";
        }
    }
}
