package dev.perf.load.http;

import dev.perf.load.drive.Lane;
import dev.perf.load.drive.Stripe;
import io.netty.bootstrap.Bootstrap;

/**
 * One http entry's keep-alive connections on one {@link Stripe}: opened before the measurement (as wrk does:
 * connection set-up is no part of any request), lent one exchange at a time from a ring of free ones, oldest
 * first, so that requests spread over every connection (and the server's workers behind them) rather than
 * reusing the one just freed. Loop thread only, once started, so nothing is shared, locked or allocated per
 * request.
 */
final class HttpLane implements Lane, HttpConnection.Owner {
    private final Stripe stripe;
    private final int op;
    private final long timeoutNanos;
    private final HttpConnection[] all;
    /** Free connections, a ring: taken at {@code head}, returned at {@code head + idleCount}. */
    private final HttpConnection[] idle;

    private int head;
    private int idleCount;

    /** A lane of the place's connections to {@code http} on its loop; connects them now. */
    HttpLane(Place place, HttpWorkload http) {
        this.stripe = place.stripe();
        this.op = place.op();
        this.timeoutNanos = place.timeoutNanos();
        int connections = place.connections();
        Bootstrap bootstrap = http.bootstrap(place.loop());
        this.all = new HttpConnection[connections];
        this.idle = new HttpConnection[connections];
        for (int i = 0; i < connections; i++) {
            all[i] = new HttpConnection(this, http, bootstrap);
        }
        PooledConnection.openAll(all);
        for (HttpConnection c : all) {
            idle[idleCount++] = c;
        }
    }

    @Override
    public boolean free() {
        return idleCount > 0;
    }

    @Override
    public void send(long intendedNanos, long startNanos, long seq, int user, int epoch) {
        HttpConnection c = idle[head];
        head = (head + 1) % idle.length;
        idleCount--;
        c.send(intendedNanos, startNanos, seq, user, epoch);
    }

    /** The exchange on {@code c} ended: the connection is free again, then the stripe hears of it. */
    @Override
    public void finished(
            HttpConnection c,
            long intendedNanos,
            long startNanos,
            long endNanos,
            Throwable failure,
            int user,
            int epoch) {
        idle[(head + idleCount++) % idle.length] = c;
        stripe.completed(op, c.seq(), intendedNanos, startNanos, endNanos, failure, user, epoch);
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
