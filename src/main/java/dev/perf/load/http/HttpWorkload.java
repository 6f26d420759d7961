package dev.perf.load.http;

import dev.perf.load.drive.EventLoops;
import dev.perf.load.drive.Lane;
import dev.perf.load.drive.LoopWorkload;
import dev.perf.load.drive.Stripe;
import dev.perf.load.record.ConnectStats;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.handler.ssl.SslHandler;
import java.util.concurrent.TimeUnit;

/**
 * The {@code http} target: what every connection of a loop shares — the address, the request (encoded once
 * when it never varies: its bytes are reused for every send), the checks, the TLS context — and how a
 * connection is opened on a given event loop. The connections themselves ({@link HttpConnection}, {@link
 * Http2Connection}) belong to one {@link Stripe} and are driven by it on that loop's thread. It is never
 * called like a Java workload.
 */
public final class HttpWorkload extends LoopWorkload {
    private final HttpSetup setup;
    private final ByteBuf fixedRequest;
    /** How long the loop's connections took to set up, apart from the requests' latency. */
    final ConnectStats connects;

    public HttpWorkload(HttpSetup setup) {
        this(setup, new ConnectStats());
    }

    /** A target whose connections count in {@code connects}, which other targets (a journey's origins) share. */
    public HttpWorkload(HttpSetup setup, ConnectStats connects) {
        this.setup = setup;
        this.connects = connects;
        if (setup.template().fixed() && !setup.target().http2()) {
            ByteBuf b = Unpooled.directBuffer();
            setup.template().writeHttp1(0, b);
            this.fixedRequest = Unpooled.unreleasableBuffer(b);
        } else {
            this.fixedRequest = null;
        }
    }

    HttpSetup setup() {
        return setup;
    }

    /** A bootstrap for connections registered on {@code loop}. */
    Bootstrap bootstrap(EventLoop loop) {
        return new Bootstrap()
                .group(loop)
                .channel(EventLoops.channelClass())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) setup.connectTimeoutMillis());
    }

    /**
     * What a new channel's pipeline holds: the TLS handler first for {@code https://} (its handshake bounded by
     * the connect timeout), then {@code handler}.
     */
    ChannelHandler initializer(ChannelHandler handler) {
        if (setup.ssl() == null) {
            return handler;
        }
        return new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                SslHandler tls = setup.ssl().newHandler(ch.alloc(), setup.serverName(), setup.port());
                tls.setHandshakeTimeout(setup.connectTimeoutMillis(), TimeUnit.MILLISECONDS);
                ch.pipeline().addLast(tls, handler);
            }
        };
    }

    String host() {
        return setup.host();
    }

    int port() {
        return setup.port();
    }

    /** The request of every operation when it never varies (a view to reset per send), else null. */
    ByteBuf fixedRequestView() {
        return fixedRequest == null ? null : fixedRequest.duplicate();
    }

    int fixedRequestBytes() {
        return fixedRequest == null ? 0 : fixedRequest.writerIndex();
    }

    @Override
    public Lane open(Lane.Place place) {
        if (!setup.target().http2()) {
            return new HttpLane(place, this);
        }
        // users have one exchange in flight each: a connection carries maxConcurrentStreams of them
        int connections = place.users() ? http2Connections(place.connections()) : place.connections();
        return new Http2Lane(place, this, connections);
    }

    /** How many HTTP/2 connections carry {@code exchanges} at once: maxConcurrentStreams each. */
    int http2Connections(int exchanges) {
        int streams = setup.target().maxConcurrentStreams();
        return Math.max(1, (exchanges + streams - 1) / streams);
    }

    @Override
    public int streamsPerConnection() {
        return setup.target().http2() ? setup.target().maxConcurrentStreams() : 1;
    }

    @Override
    public ConnectStats connects() {
        return connects;
    }

    @Override
    public String targetNote() {
        return setup.ssl() == null ? "" : " (TLS: " + TlsSetup.provider() + ")";
    }

    @Override
    public String toString() {
        return "http " + setup.target().url();
    }
}
