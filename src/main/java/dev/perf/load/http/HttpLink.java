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
 * One keep-alive HTTP/1.1 connection to one origin on one event loop, lent to one journey at a time: it sends
 * a step's request, composed with the journey's variables and cookies, and hands its whole answer back. It
 * shares {@link HttpConnection} — reconnects, {@code Connection: close}, retries of idempotent requests on a
 * reused connection, timeouts — with the single-request lanes. Loop thread only, once opened.
 */
public final class HttpLink implements HttpConnection.Owner {
    /**
     * What a step's exchange gave back.
     *
     * @param status the status code (0 when there was no answer)
     * @param headers the kept header values, in the order of the headers the step keeps (null: absent; empty when
     *     the exchange failed before an answer)
     * @param body the kept body as UTF-8 text, or null when none was kept
     * @param failure why the exchange failed (a check, the connection, the timeout), null on success
     * @param startNanos when the request went to the connection
     * @param endNanos when the answer ended
     */
    public record Answer(
            int status, List<String> headers, String body, Throwable failure, long startNanos, long endNanos) {}

    private final HttpConnection connection;
    private Consumer<Answer> done;

    private HttpLink(HttpWorkload origin, EventLoop loop) {
        this.connection = new HttpConnection(this, origin, origin.bootstrap(loop));
    }

    /** {@code count} links to {@code origin}'s host on {@code loop}, connected at once (a failed one retries). */
    public static HttpLink[] open(HttpWorkload origin, EventLoop loop, int count) {
        HttpLink[] links = new HttpLink[count];
        HttpConnection[] connections = new HttpConnection[count];
        for (int i = 0; i < count; i++) {
            links[i] = new HttpLink(origin, loop);
            connections[i] = links[i].connection;
        }
        PooledConnection.openAll(connections);
        return links;
    }

    /**
     * Sends {@code step}'s request for iteration {@code seq}, its variables from {@code vars} and with {@code
     * cookies}; {@code done} hears the answer on the loop thread, possibly before this returns. A request that
     * cannot be composed (a variable not set, or not fit for a header) fails as the check {@code request}
     * without being sent.
     */
    public void send(
            HttpStep step, long seq, String[] vars, String cookies, long intendedNanos, Consumer<Answer> done) {
        long start = System.nanoTime();
        ByteBuf request = PooledByteBufAllocator.DEFAULT.buffer(256);
        try {
            step.setup().template().writeHttp1(seq, vars, cookies, request);
        } catch (IllegalArgumentException e) {
            request.release();
            done.accept(new Answer(0, List.of(), null, new CheckFailure("request", e.getMessage(), 0), start, start));
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

    /** Fails the exchange when it has waited past {@code timeoutNanos}. */
    public void sweep(long nowNanos, long timeoutNanos) {
        connection.sweep(nowNanos, timeoutNanos);
    }

    public void close() {
        connection.close();
    }
}
