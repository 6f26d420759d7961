package dev.perf.load.http;

import dev.perf.load.record.CheckFailure;
import io.netty.channel.EventLoop;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Where a journey sends its steps' requests to one origin on one event loop, composed with the journey's
 * variables and cookies, and hears each whole answer: an HTTP/1.1 keep-alive connection lent to one journey at
 * a time ({@link Http1Link}), or HTTP/2 connections whose streams every journey of the loop shares ({@link
 * Http2Link}). Loop thread only, once opened.
 */
public interface HttpLink {
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
    record Answer(int status, List<String> headers, String body, Throwable failure, long startNanos, long endNanos) {
        /** A request that could not be composed ({@code why}: a variable not set or not fit for a header). */
        static Answer unsent(IllegalArgumentException why, long atNanos) {
            return new Answer(0, List.of(), null, new CheckFailure("request", why.getMessage(), 0), atNanos, atNanos);
        }
    }

    /**
     * Sends {@code step}'s request for iteration {@code seq}, its variables from {@code vars} and with {@code
     * cookies}; {@code done} hears the answer on the loop thread, possibly before this returns. A request that
     * cannot be composed (a variable not set, or not fit for a header) fails as the check {@code request}
     * without being sent.
     */
    void send(HttpStep step, long seq, String[] vars, String cookies, long intendedNanos, Consumer<Answer> done);

    /** Fails what has waited past {@code timeoutNanos}. */
    void sweep(long nowNanos, long timeoutNanos);

    void close();

    /**
     * The links of {@code slots} journeys at once to {@code origin}'s host on {@code loop}, connected now (a
     * failed connection retries): over HTTP/1.1 one connection per slot; over HTTP/2 one link for every slot,
     * whose connections carry maxConcurrentStreams journeys each.
     */
    static HttpLink[] open(HttpWorkload origin, EventLoop loop, int slots) {
        HttpLink[] links = new HttpLink[slots];
        if (origin.setup().target().http2()) {
            Arrays.fill(links, new Http2Link(origin, loop, origin.http2Connections(slots)));
            return links;
        }
        HttpConnection[] connections = new HttpConnection[slots];
        for (int i = 0; i < slots; i++) {
            Http1Link link = new Http1Link(origin, loop);
            links[i] = link;
            connections[i] = link.connection();
        }
        PooledConnection.openAll(connections);
        return links;
    }
}
