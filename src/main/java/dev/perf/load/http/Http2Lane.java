package dev.perf.load.http;

import dev.perf.load.drive.Lane;
import dev.perf.load.drive.Stripe;
import io.netty.bootstrap.Bootstrap;

/**
 * One HTTP/2 entry's connections on one {@link Stripe}: each carries up to {@code maxConcurrentStreams}
 * exchanges (lowered to the server's limit); a request goes on the least loaded connection, so that streams
 * spread over every connection. Opened before the measurement, like {@link HttpLane}'s. Loop thread only, once
 * started.
 */
final class Http2Lane implements Lane, Http2Connection.Owner {
    private final Stripe stripe;
    private final int op;
    private final long timeoutNanos;
    private final Http2Connection[] all;

    /** A lane of {@code connections} HTTP/2 connections to {@code http} at {@code place}; connects them now. */
    Http2Lane(Place place, HttpWorkload http, int connections) {
        this.stripe = place.stripe();
        this.op = place.op();
        this.timeoutNanos = place.timeoutNanos();
        Bootstrap bootstrap = http.bootstrap(place.loop());
        int streams = http.setup().target().maxConcurrentStreams();
        this.all = new Http2Connection[Math.max(1, connections)];
        for (int i = 0; i < all.length; i++) {
            all[i] = new Http2Connection(this, http, bootstrap, streams);
        }
        PooledConnection.openAll(all);
    }

    @Override
    public boolean free() {
        for (Http2Connection c : all) {
            if (c.free()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void send(long intendedNanos, long startNanos, long seq, int user, int epoch) {
        Http2Connection.leastLoaded(all).send(intendedNanos, startNanos, seq, user, epoch);
    }

    @Override
    public void finished(
            long seq, long intendedNanos, long startNanos, long endNanos, Throwable failure, int user, int epoch) {
        stripe.completed(op, seq, intendedNanos, startNanos, endNanos, failure, user, epoch);
    }

    @Override
    public void sweep(long nowNanos) {
        PooledConnection.sweepAll(all, nowNanos, timeoutNanos);
    }

    @Override
    public void close() {
        PooledConnection.closeAll(all);
    }
}
