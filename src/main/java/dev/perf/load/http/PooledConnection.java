package dev.perf.load.http;

import io.netty.channel.ChannelFuture;

/**
 * A connection of an http lane, whichever HTTP version it speaks: opened before the measurement, swept for
 * exchanges past the timeout, closed at the end. Loop thread, once started.
 */
interface PooledConnection {
    /** Starts opening the connection; {@link #connected} takes the outcome. */
    ChannelFuture connect();

    /** Waits for {@code connect} and keeps its channel when it succeeded (else the first request retries). */
    void connected(ChannelFuture connect);

    /** Fails what has waited past {@code timeoutNanos} at {@code nowNanos}. */
    void sweep(long nowNanos, long timeoutNanos);

    void close();

    /**
     * Opens every connection of {@code all} at once, not one after another: an unreachable host costs one
     * connect timeout, not one per connection.
     */
    static void openAll(PooledConnection[] all) {
        ChannelFuture[] connects = new ChannelFuture[all.length];
        for (int i = 0; i < all.length; i++) {
            connects[i] = all[i].connect();
        }
        for (int i = 0; i < all.length; i++) {
            all[i].connected(connects[i]);
        }
    }

    static void sweepAll(PooledConnection[] all, long nowNanos, long timeoutNanos) {
        for (PooledConnection c : all) {
            c.sweep(nowNanos, timeoutNanos);
        }
    }

    static void closeAll(PooledConnection[] all) {
        for (PooledConnection c : all) {
            c.close();
        }
    }
}
