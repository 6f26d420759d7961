package dev.perf.load;

/**
 * Where one entry's operations go on one {@link Stripe}: the entry's connections on that loop (http) or its
 * asynchronous calls. Everything but the completion of an asynchronous call runs on the stripe's loop thread.
 */
interface Lane {
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
}
