package dev.perf.load.http;

import dev.perf.load.record.CheckFailure;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.EventLoop;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * One keep-alive HTTP/1.1 connection to one origin, lent to one journey at a time. It shares {@link
 * HttpConnection} — reconnects, {@code Connection: close}, retries of idempotent requests on a reused
 * connection, timeouts — with the single-request lanes. Loop thread only, once opened.
 */
final class Http1Link implements HttpLink, HttpConnection.Owner {
    private final HttpConnection connection;
    private Consumer<Answer> done;

    Http1Link(HttpWorkload origin, EventLoop loop) {
        this.connection = new HttpConnection(this, origin, origin.bootstrap(loop));
    }

    HttpConnection connection() {
        return connection;
    }

    @Override
    public void send(
            HttpStep step, long seq, String[] vars, String cookies, long intendedNanos, Consumer<Answer> done) {
        long start = System.nanoTime();
        ByteBuf request = PooledByteBufAllocator.DEFAULT.buffer(256);
        try {
            step.setup().template().writeHttp1(seq, vars, cookies, request);
        } catch (IllegalArgumentException e) {
            request.release();
            done.accept(Answer.unsent(e, start));
            return;
        }
        this.done = done;
        connection.send(step, request, intendedNanos, start);
    }

    @Override
    public void finished(
            HttpConnection c,
            long intendedNanos,
            long startNanos,
            long endNanos,
            Throwable failure,
            int user,
            int epoch) {
        Consumer<Answer> d = done;
        done = null;
        if (d == null) {
            return;
        }
        ByteBuf body = c.body();
        d.accept(new Answer(
                failure == null || failure instanceof CheckFailure ? c.status() : 0,
                c.headers() == null ? List.of() : Arrays.asList(c.headers().clone()),
                body == null ? null : body.toString(StandardCharsets.UTF_8),
                failure,
                startNanos,
                endNanos));
    }

    @Override
    public void sweep(long nowNanos, long timeoutNanos) {
        connection.sweep(nowNanos, timeoutNanos);
    }

    @Override
    public void close() {
        connection.close();
    }
}
