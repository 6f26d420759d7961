package dev.perf.load.http;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * One HTTP/1.1 connection of an {@link HttpLane} and the exchange on it, one request at a time. Responses
 * go through {@link HttpResponseParser}, which copies nothing unless a check reads the body or a header; a
 * request that never varies is a view of the encoded request, reset for every send, one that does is encoded
 * into a pooled buffer. A closed connection is re-opened by its next request (every request, with {@code
 * keepAlive: false}, after {@code Connection: close} and after an HTTP/1.0 answer without keep-alive).
 *
 * <p>A server may close an idle kept-alive connection just as a request goes out on it; the request then
 * meets the close before any byte of an answer. As browsers, wrk and Go's client do, an idempotent request
 * (GET, HEAD, PUT, DELETE, OPTIONS, TRACE) sent on a reused connection is then sent once more on a new one,
 * counted as {@code connections.retried}, its latency still from its intended start; anything else is an
 * error. After {@link #connected} everything runs on the lane's loop thread.
 */
final class HttpConnection extends ChannelInboundHandlerAdapter implements PooledConnection {
    /** Who lends the connection out, and hears when an exchange on it ended. */
    interface Owner {
        /** The exchange on {@code c} ended ({@code failure} null on success); on the loop thread. */
        void finished(
                HttpConnection c,
                long intendedNanos,
                long startNanos,
                long endNanos,
                Throwable failure,
                int user,
                int epoch);
    }

    private final Owner owner;
    private final HttpWorkload http;
    private final ByteBuf fixed;
    private final int fixedBytes;
    private HttpChecks checks;
    private boolean keepAlive;
    /** The step whose answer the parser is set to keep (null: the target's own). */
    private HttpStep capturingFor;

    /** A step's request, composed by the caller and sent as it is (again on a retry); null for the target's own. */
    private ByteBuf stepRequest;

    private final HttpResponseParser parser = new HttpResponseParser();
    private final Connector connector;
    private ByteBuf cumulation;

    private Channel channel;
    /** The channel the pending request went out on: events of an older, closing channel are ignored. */
    private Channel sentOn;

    private boolean pending;
    /** Whether the pending request was written (it awaits its response: the timeout runs). */
    private boolean written;
    /** Whether the method may be sent again when a reused connection closes before answering. */
    private boolean idempotent;
    /** The channel that last carried a whole exchange and stayed open: a write on it is a reuse. */
    private Channel served;
    /** Whether the pending request went out on a connection that had served an exchange before. */
    private boolean reused;
    /** Whether any byte of the pending request's answer arrived. */
    private boolean answered;
    /** Whether the pending request was already sent again once. */
    private boolean retried;

    private long intendedNanos;
    private long startNanos;
    private long sentAtNanos;
    private long seq;
    private int user;
    private int epoch;

    private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "PUT", "DELETE", "OPTIONS", "TRACE");

    HttpConnection(Owner owner, HttpWorkload http, Bootstrap bootstrap) {
        this.owner = owner;
        this.http = http;
        this.fixed = http.fixedRequestView();
        this.fixedBytes = http.fixedRequestBytes();
        this.checks = http.setup().checks();
        this.keepAlive = http.setup().target().keepAlive();
        this.idempotent = idempotent(http.setup());
        this.connector = new Connector(http, bootstrap, this);
        if (checks.keepsBody() || checks.headerNames().length > 0) {
            parser.capture(
                    checks.headerNames(),
                    checks.keepsBody() ? Unpooled.buffer(1024, HttpChecks.MAX_KEPT_BODY_BYTES) : null,
                    HttpChecks.MAX_KEPT_BODY_BYTES);
        }
    }

    /** Starts opening the connection, before the loop drives the lane; {@link #connected} takes the outcome. */
    @Override
    public ChannelFuture connect() {
        return connector.open();
    }

    /** Waits for {@code connect} (of {@link #connect}) and keeps its channel when it succeeded. */
    @Override
    public void connected(ChannelFuture connect) {
        if (connect.awaitUninterruptibly().isSuccess()) {
            channel = connect.channel();
        }
    }

    /** Whether {@code setup}'s method may be sent twice (its target upper-cases the method). */
    static boolean idempotent(HttpSetup setup) {
        return IDEMPOTENT.contains(setup.target().method());
    }

    /**
     * Sends {@code request} (composed by the caller, which hands it over) as {@code step}'s exchange: its answer
     * is checked by the step's checks and keeps what the step reads (its status, {@link #headers}, {@link
     * #body}) until the next send.
     */
    void send(HttpStep step, ByteBuf request, long intended, long start) {
        HttpSetup setup = step.setup();
        checks = setup.checks();
        keepAlive = setup.target().keepAlive();
        idempotent = step.idempotent();
        if (step != capturingFor) {
            // what the answer keeps changes with the step; the same step again reuses the arrays and the buffer
            capturingFor = step;
            parser.capture(
                    step.capture(),
                    step.keepsBody() ? Unpooled.buffer(1024, HttpChecks.MAX_KEPT_BODY_BYTES) : null,
                    HttpChecks.MAX_KEPT_BODY_BYTES);
        }
        stepRequest = request;
        send(intended, start, 0, -1, 0);
    }

    /** The last answer's status. */
    int status() {
        return parser.status();
    }

    /** The last answer's kept header values, in the order its step named them (null: absent). */
    String[] headers() {
        return parser.headers();
    }

    /** The last answer's kept body, or null when none was kept. */
    ByteBuf body() {
        return parser.body();
    }

    /** Sends the request of operation {@code seq}; reconnects first when the connection was closed. */
    void send(long intended, long start, long seq, int user, int epoch) {
        this.intendedNanos = intended;
        this.startNanos = start;
        this.seq = seq;
        this.user = user;
        this.epoch = epoch;
        pending = true;
        retried = false;
        Channel ch = channel;
        if (ch != null && ch.isActive()) {
            write(ch);
            return;
        }
        reconnectAndWrite();
    }

    /** Opens a new connection and writes the pending request on it. */
    private void reconnectAndWrite() {
        // Until the new channel carries the request, the old one's last events (its close after "Connection:
        // close") must not be taken for this exchange's.
        sentOn = null;
        ChannelFuture connect = connector.open();
        connect.addListener(f -> {
            if (f.isSuccess()) {
                channel = connect.channel();
                write(channel);
            } else {
                finish(connector.failure(f.cause()));
            }
        });
    }

    @SuppressWarnings("FutureReturnValueIgnored") // a void promise: a failed write reaches exceptionCaught
    private void write(Channel ch) {
        parser.reset(); // a response cut short on an earlier connection must not eat into this one
        releaseCumulation();
        sentOn = ch;
        reused = ch == served;
        answered = false;
        sentAtNanos = System.nanoTime();
        written = true;
        if (stepRequest != null) {
            ch.writeAndFlush(stepRequest.retainedDuplicate(), ch.voidPromise());
        } else if (fixed != null) {
            fixed.setIndex(0, fixedBytes);
            ch.writeAndFlush(fixed, ch.voidPromise());
        } else {
            ByteBuf out = ch.alloc().buffer(256);
            http.setup().template().writeHttp1(seq, out);
            ch.writeAndFlush(out, ch.voidPromise());
        }
    }

    /** Fails the pending request when it has waited past the timeout: the late response must not complete a later one. */
    @Override
    public void sweep(long now, long timeoutNanos) {
        if (pending && written && now - sentAtNanos > timeoutNanos) {
            Channel dead = channel;
            channel = null;
            finish(new TimeoutException("no response from " + http.host() + ":" + http.port() + " within the timeout"));
            if (dead != null) {
                Connector.closeQuietly(dead);
            }
        }
    }

    /** Closes the channel, whatever it is doing. */
    @Override
    public void close() {
        if (channel != null) {
            Connector.closeQuietly(channel);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        try {
            if (!pending || ctx.channel() != sentOn) {
                return; // bytes of a timed-out exchange or of an older connection
            }
            answered |= in.isReadable();
            ByteBuf buf = in;
            if (cumulation != null) {
                cumulation.writeBytes(in);
                buf = cumulation;
            }
            boolean complete;
            try {
                complete = parser.feed(buf);
            } catch (IllegalStateException e) {
                channel = null;
                Connector.closeQuietly(ctx.channel());
                finish(new IOException(
                        "malformed response from " + http.host() + ":" + http.port() + ": " + e.getMessage()));
                return;
            }
            if (complete) {
                releaseCumulation();
                if (parser.connectionClose() || !keepAlive) {
                    channel = null;
                    Connector.closeQuietly(ctx.channel());
                } else {
                    served = ctx.channel();
                }
                succeed(parser.status());
            } else if (buf.isReadable() && cumulation == null) {
                cumulation = ctx.alloc().buffer(buf.readableBytes() * 2).writeBytes(buf);
            }
        } finally {
            in.release();
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof SslHandshakeCompletionEvent done && !done.isSuccess()) {
            connector.handshakeFailed(done.cause());
            if (ctx.channel() == sentOn || sentOn == null) {
                channel = null;
                finish(connector.failure(done.cause()));
            }
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (ctx.channel() != sentOn) {
            return; // an older connection closing after its last response
        }
        if (channel == ctx.channel()) {
            channel = null;
        }
        releaseCumulation();
        if (pending) {
            if (parser.closed()) {
                succeed(parser.status());
            } else if (!retryOnNewConnection()) {
                finish(connector.closedEarly());
            }
        }
    }

    /**
     * Sends the pending request once more on a new connection when a reused one closed before any byte of its
     * answer and the method is idempotent; whether it did.
     */
    private boolean retryOnNewConnection() {
        if (!written || !reused || answered || retried || !idempotent) {
            return false;
        }
        retried = true;
        channel = null;
        served = null;
        http.connects.retried();
        reconnectAndWrite();
        return true;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Connector.closeQuietly(ctx.channel());
        if (ctx.channel() != sentOn) {
            return;
        }
        channel = null;
        if (pending && !retryOnNewConnection()) {
            finish(connector.failure(cause));
        }
    }

    private void succeed(int status) {
        finish(checks.check(status, parser.headers(), parser.bodyBytes(), parser.body()));
    }

    /** Ends the exchange: the connection goes back to its lane, which reports the completion. */
    private void finish(Throwable failure) {
        if (!pending) {
            return;
        }
        long end = System.nanoTime();
        pending = false;
        written = false;
        if (stepRequest != null) {
            stepRequest.release();
            stepRequest = null;
        }
        owner.finished(this, intendedNanos, startNanos, end, failure, user, epoch);
    }

    /** The operation of the exchange in flight, or of the last one (read by the owner when it finished). */
    long seq() {
        return seq;
    }

    private void releaseCumulation() {
        if (cumulation != null) {
            cumulation.release();
            cumulation = null;
        }
    }

    @Override
    public boolean isSharable() {
        return true;
    }
}
