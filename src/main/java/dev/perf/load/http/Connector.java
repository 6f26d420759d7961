package dev.perf.load.http;

import dev.perf.load.record.ConnectStats;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.handler.ssl.SslHandler;
import java.io.IOException;
import java.net.ConnectException;
import javax.net.ssl.SSLException;

/**
 * Opens the channels of one connection (HTTP/1.1 or HTTP/2) and times their set-up — the TCP connect, then
 * the TLS handshake — into the loop's {@link ConnectStats}; turns what goes wrong with a channel into the
 * message a user reads, with the TLS reason and the option that fixes it. Loop thread.
 */
final class Connector {
    private final HttpWorkload http;
    private final Bootstrap bootstrap;
    private final ChannelHandler handler;
    /** Why the last handshake failed (the reason of a close that follows it), or null. */
    private Throwable handshakeFailure;

    Connector(HttpWorkload http, Bootstrap bootstrap, ChannelHandler handler) {
        this.http = http;
        this.bootstrap = bootstrap;
        this.handler = handler;
    }

    /** Opens a channel; its set-up is timed as it completes. */
    ChannelFuture open() {
        long start = System.nanoTime();
        handshakeFailure = null;
        ChannelFuture f = bootstrap.clone().handler(http.initializer(handler)).connect(http.host(), http.port());
        f.addListener(done -> {
            long connected = System.nanoTime();
            if (!done.isSuccess()) {
                http.connects.failed();
                return;
            }
            http.connects.connected(connected - start);
            SslHandler tls = f.channel().pipeline().get(SslHandler.class);
            if (tls != null) {
                tls.handshakeFuture().addListener(hs -> {
                    if (hs.isSuccess()) {
                        http.connects.handshaken(System.nanoTime() - connected);
                    } else {
                        handshakeFailure = hs.cause();
                        http.connects.failed();
                    }
                });
            }
        });
        return f;
    }

    /** The handshake of the current channel failed with {@code cause}. */
    void handshakeFailed(Throwable cause) {
        handshakeFailure = cause;
    }

    /** What went wrong, as a user reads it: refused, reset, a TLS reason, or the I/O error. */
    IOException failure(Throwable cause) {
        String where = http.host() + ":" + http.port();
        if (tls(cause)) {
            return new IOException(TlsSetup.explain(cause, http.setup().serverName()), cause);
        }
        if (cause instanceof ConnectException) {
            return new ConnectException("connection refused to " + where);
        }
        String message = String.valueOf(cause.getMessage());
        if (message.contains("Connection reset")) {
            return new IOException("connection reset by " + where, cause);
        }
        if (cause instanceof io.netty.channel.ConnectTimeoutException) {
            return new IOException("cannot connect to " + where + ": " + message, cause);
        }
        return new IOException("I/O error with " + where + ": " + message, cause);
    }

    /** The connection closed before its response ended: after a failed handshake, that is the reason. */
    IOException closedEarly() {
        if (handshakeFailure != null) {
            return failure(handshakeFailure);
        }
        return new IOException(
                "connection closed by " + http.host() + ":" + http.port() + " before the response ended");
    }

    private static boolean tls(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SSLException) {
                return true;
            }
        }
        return false;
    }

    /** Closes a channel; a failure to close is of no interest (the channel is dropped either way). */
    @SuppressWarnings("FutureReturnValueIgnored")
    static void closeQuietly(Channel channel) {
        channel.close();
    }
}
