package dev.perf.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.io.IOException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

/**
 * One keep-alive connection of an {@link HttpLane} and the exchange on it, one request at a time. Responses
 * go through {@link HttpResponseParser}, which copies nothing; the request's bytes are a view of the encoded
 * request, reset for every send. A closed connection is re-opened by its next request. After {@link
 * #connected} everything runs on the lane's loop thread.
 */
final class HttpConnection extends ChannelInboundHandlerAdapter {
    private final HttpLane lane;
    private final HttpWorkload http;
    private final Bootstrap bootstrap;
    private final ByteBuf out;
    private final HttpResponseParser parser = new HttpResponseParser();
    private ByteBuf cumulation;

    private Channel channel;
    /** The channel the pending request went out on: events of an older, closing channel are ignored. */
    private Channel sentOn;

    private boolean pending;
    /** Whether the pending request was written (it awaits its response: the timeout runs). */
    private boolean written;

    private long intendedNanos;
    private long startNanos;
    private long sentAtNanos;
    private int user;
    private int epoch;

    HttpConnection(HttpLane lane, HttpWorkload http, Bootstrap bootstrap) {
        this.lane = lane;
        this.http = http;
        this.bootstrap = bootstrap;
        this.out = http.requestView();
    }

    /** Starts opening the connection, before the loop drives the lane; {@link #connected} takes the outcome. */
    ChannelFuture connect() {
        return bootstrap.clone().handler(this).connect(http.host(), http.port());
    }

    /** Waits for {@code connect} (of {@link #connect}) and keeps its channel when it succeeded. */
    void connected(ChannelFuture connect) {
        if (connect.awaitUninterruptibly().isSuccess()) {
            channel = connect.channel();
        }
    }

    /** Sends the request; reconnects first when the connection was closed. */
    void send(long intended, long start, int user, int epoch) {
        this.intendedNanos = intended;
        this.startNanos = start;
        this.user = user;
        this.epoch = epoch;
        pending = true;
        Channel ch = channel;
        if (ch != null && ch.isActive()) {
            write(ch);
            return;
        }
        // Until the new channel carries the request, the old one's last events (its close after "Connection:
        // close") must not be taken for this exchange's.
        sentOn = null;
        ChannelFuture connect = bootstrap.clone().handler(this).connect(http.host(), http.port());
        connect.addListener(f -> {
            if (f.isSuccess()) {
                channel = connect.channel();
                write(channel);
            } else {
                Throwable cause = f.cause();
                finish(
                        cause instanceof ConnectException
                                ? new ConnectException("connection refused to " + http.host() + ":" + http.port())
                                : new IOException(
                                        "cannot connect to " + http.host() + ":" + http.port() + ": "
                                                + cause.getMessage(),
                                        cause));
            }
        });
    }

    @SuppressWarnings("FutureReturnValueIgnored") // a void promise: a failed write reaches exceptionCaught
    private void write(Channel ch) {
        parser.reset(); // a response cut short on an earlier connection must not eat into this one
        releaseCumulation();
        sentOn = ch;
        sentAtNanos = System.nanoTime();
        written = true;
        out.setIndex(0, http.requestBytes());
        ch.writeAndFlush(out, ch.voidPromise());
    }

    /** Fails the pending request when it has waited past the timeout: the late response must not complete a later one. */
    void sweep(long now, long timeoutNanos) {
        if (pending && written && now - sentAtNanos > timeoutNanos) {
            Channel dead = channel;
            channel = null;
            finish(new TimeoutException("no response from " + http.host() + ":" + http.port() + " within the timeout"));
            if (dead != null) {
                closeQuietly(dead);
            }
        }
    }

    /** Closes the channel, whatever it is doing. */
    void close() {
        if (channel != null) {
            closeQuietly(channel);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        try {
            if (!pending || ctx.channel() != sentOn) {
                return; // bytes of a timed-out exchange or of an older connection
            }
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
                closeQuietly(ctx.channel());
                finish(new IOException(
                        "malformed response from " + http.host() + ":" + http.port() + ": " + e.getMessage()));
                return;
            }
            if (complete) {
                releaseCumulation();
                if (parser.connectionClose()) {
                    channel = null;
                    closeQuietly(ctx.channel());
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
            } else {
                finish(new IOException(
                        "connection closed by " + http.host() + ":" + http.port() + " before the response ended"));
            }
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        closeQuietly(ctx.channel());
        if (ctx.channel() != sentOn) {
            return;
        }
        channel = null;
        String message = String.valueOf(cause.getMessage());
        finish(new IOException(
                message.contains("Connection reset")
                        ? "connection reset by " + http.host() + ":" + http.port()
                        : "I/O error with " + http.host() + ":" + http.port() + ": " + message,
                cause));
    }

    private void succeed(int status) {
        finish(http.expected(status) ? null : new HttpWorkload.HttpStatusException(status));
    }

    /** Ends the exchange: the connection goes back to its lane, which reports the completion. */
    private void finish(Throwable failure) {
        if (!pending) {
            return;
        }
        long end = System.nanoTime();
        pending = false;
        written = false;
        lane.finished(this, intendedNanos, startNanos, end, failure, user, epoch);
    }

    private void releaseCumulation() {
        if (cumulation != null) {
            cumulation.release();
            cumulation = null;
        }
    }

    /** Closes a connection; a failure to close is of no interest (the channel is dropped either way). */
    @SuppressWarnings("FutureReturnValueIgnored")
    private static void closeQuietly(Channel channel) {
        channel.close();
    }

    @Override
    public boolean isSharable() {
        return true;
    }
}
