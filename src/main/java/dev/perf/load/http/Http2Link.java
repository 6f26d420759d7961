package dev.perf.load.http;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.EventLoop;
import java.util.function.Consumer;

/**
 * HTTP/2 connections to one origin that every journey of one event loop shares, a step's request on its own
 * stream of the least loaded connection — as a browser's tabs share a connection per origin. Loop thread only,
 * once opened.
 */
final class Http2Link implements HttpLink, Http2Connection.Owner {
    private final Http2Connection[] all;

    /** {@code connections} HTTP/2 connections to {@code origin} on {@code loop}, connected now. */
    Http2Link(HttpWorkload origin, EventLoop loop, int connections) {
        Bootstrap bootstrap = origin.bootstrap(loop);
        int streams = origin.setup().target().maxConcurrentStreams();
        this.all = new Http2Connection[connections];
        for (int i = 0; i < all.length; i++) {
            all[i] = new Http2Connection(this, origin, bootstrap, streams);
        }
        PooledConnection.openAll(all);
    }

    @Override
    public void send(
            HttpStep step, long seq, String[] vars, String cookies, long intendedNanos, Consumer<Answer> done) {
        Http2Connection.leastLoaded(all).send(step, seq, vars, cookies, intendedNanos, System.nanoTime(), done);
    }

    /** A journey's exchanges answer their steps; none is a lane's. */
    @Override
    public void finished(
            long seq, long intendedNanos, long startNanos, long endNanos, Throwable failure, int user, int epoch) {
        throw new IllegalStateException("a journey's HTTP/2 exchange answers its step");
    }

    @Override
    public void sweep(long nowNanos, long timeoutNanos) {
        PooledConnection.sweepAll(all, nowNanos, timeoutNanos);
    }

    @Override
    public void close() {
        PooledConnection.closeAll(all);
    }
}
