package dev.perf.load;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.DefaultHttp2ResetFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2FrameStream;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.ReferenceCountUtil;
import java.io.File;
import java.net.InetSocketAddress;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A test server on 127.0.0.1: HTTPS with the test CA's certificate for localhost, speaking HTTP/1.1 or h2 as
 * ALPN decides, or h2c (prior knowledge) in plain. It records every request (path, {@code x-token} header,
 * body) and answers by path: {@code /status/NNN} with that status, {@code /big} with 10 000 bytes, anything
 * else 200 {@code hello PATH} with {@code x-served-by: perf-test}.
 */
final class TlsTestServer implements AutoCloseable {
    /** One request as the server saw it. */
    record Seen(String protocol, String path, String token, String body) {}

    enum Mode {
        TLS,
        TLS_CLIENT_AUTH,
        H2C
    }

    /** h2: after this many streams on a connection the server says GOAWAY and closes once drained; 0 never. */
    private final int goAwayEvery;
    /** h2: every this-many-th stream on a connection is refused (RST_STREAM REFUSED_STREAM, unprocessed); 0 never. */
    private final int refuseEvery;
    /** How many connections this server accepted. */
    final java.util.concurrent.atomic.AtomicInteger accepted = new java.util.concurrent.atomic.AtomicInteger();
    /** How many streams this server refused. */
    final java.util.concurrent.atomic.AtomicInteger refused = new java.util.concurrent.atomic.AtomicInteger();

    final ConcurrentLinkedQueue<Seen> seen = new ConcurrentLinkedQueue<>();
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel server;

    TlsTestServer(Mode mode) throws Exception {
        this(mode, 0);
    }

    /** A server that ends each h2 connection after {@code goAwayEvery} streams, as nginx after keepalive_requests. */
    TlsTestServer(Mode mode, int goAwayEvery) throws Exception {
        this(mode, goAwayEvery, 0);
    }

    /**
     * A server that also refuses every {@code refuseEvery}-th stream of a connection before processing it, as a
     * server over its own concurrency does.
     */
    TlsTestServer(Mode mode, int goAwayEvery, int refuseEvery) throws Exception {
        this.goAwayEvery = goAwayEvery;
        this.refuseEvery = refuseEvery;
        SslContext ssl = mode == Mode.H2C ? null : context(mode == Mode.TLS_CLIENT_AUTH);
        server = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        accepted.incrementAndGet();
                        if (ssl == null) {
                            h2(ch);
                            return;
                        }
                        ch.pipeline().addLast(ssl.newHandler(ch.alloc()));
                        ch.pipeline()
                                .addLast(new ApplicationProtocolNegotiationHandler(ApplicationProtocolNames.HTTP_1_1) {
                                    @Override
                                    protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
                                        if (ApplicationProtocolNames.HTTP_2.equals(protocol)) {
                                            h2(ctx.channel());
                                        } else {
                                            h1(ctx.channel());
                                        }
                                    }
                                });
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0))
                .sync()
                .channel();
    }

    int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    static File file(String name) {
        try {
            return new File(TlsTestServer.class.getResource("/tls/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static SslContext context(boolean clientAuth) throws Exception {
        SslContextBuilder b = SslContextBuilder.forServer(file("server.pem"), file("server-key.pem"))
                .sslProvider(SslProvider.JDK)
                .applicationProtocolConfig(new ApplicationProtocolConfig(
                        ApplicationProtocolConfig.Protocol.ALPN,
                        ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                        ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                        ApplicationProtocolNames.HTTP_2,
                        ApplicationProtocolNames.HTTP_1_1));
        if (clientAuth) {
            b.trustManager(file("ca.pem")).clientAuth(ClientAuth.REQUIRE);
        }
        return b.build();
    }

    private record Reply(int status, String body) {}

    private Reply answer(String protocol, String path, String token, String body) {
        seen.add(new Seen(protocol, path, token, body));
        if (path.startsWith("/status/")) {
            return new Reply(Integer.parseInt(path.substring(8)), "status");
        }
        if (path.equals("/big")) {
            return new Reply(200, "x".repeat(10_000));
        }
        return new Reply(200, "hello " + path);
    }

    private void h1(Channel ch) {
        ch.pipeline()
                .addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 20), new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        FullHttpRequest req = (FullHttpRequest) msg;
                        try {
                            Reply r = answer(
                                    "http/1.1",
                                    req.uri(),
                                    req.headers().get("x-token"),
                                    req.content().toString(StandardCharsets.UTF_8));
                            DefaultFullHttpResponse res = new DefaultFullHttpResponse(
                                    HttpVersion.HTTP_1_1,
                                    HttpResponseStatus.valueOf(r.status()),
                                    Unpooled.copiedBuffer(r.body(), StandardCharsets.UTF_8));
                            res.headers().set("x-served-by", "perf-test");
                            HttpUtil.setContentLength(res, res.content().readableBytes());
                            boolean keep = HttpUtil.isKeepAlive(req);
                            if (!keep) {
                                res.headers().set(HttpHeaderNames.CONNECTION, "close");
                            }
                            var f = ctx.writeAndFlush(res);
                            if (!keep) {
                                f.addListener(io.netty.channel.ChannelFutureListener.CLOSE);
                            }
                        } finally {
                            req.release();
                        }
                    }
                });
    }

    private void h2(Channel ch) {
        int[] answered = {0};
        int[] streams = {0};
        Map<Integer, StringBuilder> bodies = new HashMap<>();
        Map<Integer, Http2Headers> requests = new HashMap<>();
        Gate gate = new Gate();
        ch.pipeline()
                .addLast(
                        gate,
                        Http2FrameCodecBuilder.forServer()
                                .initialSettings(Http2Settings.defaultSettings().maxConcurrentStreams(50))
                                .build(),
                        new ChannelInboundHandlerAdapter() {
                            @Override
                            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                try {
                                    if (msg instanceof Http2HeadersFrame h) {
                                        int id = h.stream().id();
                                        requests.put(id, h.headers());
                                        bodies.put(id, new StringBuilder());
                                        if (h.isEndStream()) {
                                            respond(ctx, h.stream());
                                        }
                                    } else if (msg instanceof Http2DataFrame d) {
                                        int id = d.stream().id();
                                        bodies.computeIfAbsent(id, k -> new StringBuilder())
                                                .append(d.content().toString(StandardCharsets.UTF_8));
                                        if (d.isEndStream()) {
                                            respond(ctx, d.stream());
                                        }
                                    }
                                } finally {
                                    ReferenceCountUtil.release(msg);
                                }
                            }

                            private void respond(ChannelHandlerContext ctx, Http2FrameStream stream) {
                                Http2Headers req = requests.remove(stream.id());
                                if (refuseEvery > 0 && ++streams[0] % refuseEvery == 0) {
                                    bodies.remove(stream.id());
                                    refused.incrementAndGet();
                                    ctx.writeAndFlush(
                                            new DefaultHttp2ResetFrame(Http2Error.REFUSED_STREAM).stream(stream));
                                    return;
                                }
                                CharSequence token = req.get("x-token");
                                Reply r = answer(
                                        "h2",
                                        req.path().toString(),
                                        token == null ? null : token.toString(),
                                        bodies.remove(stream.id()).toString());
                                ByteBuf content = Unpooled.copiedBuffer(r.body(), StandardCharsets.UTF_8);
                                // /lying-length: a content-length 5 bytes more than the DATA frames carry
                                int lie = req.path().toString().equals("/lying-length") ? 5 : 0;
                                Http2Headers res = new DefaultHttp2Headers(false)
                                        .status(Integer.toString(r.status()))
                                        .add("x-served-by", "perf-test")
                                        .addInt("content-length", content.readableBytes() + lie);
                                if (req.path().toString().equals("/upper-case-header")) {
                                    res.add("X-Upper", "1"); // malformed in HTTP/2 (RFC 9113 §8.2.1)
                                }
                                ctx.write(new DefaultHttp2HeadersFrame(res).stream(stream));
                                if (req.path().toString().equals("/status-in-trailers")) {
                                    // malformed: trailers with a pseudo-header (RFC 9113 §8.1)
                                    ctx.write(new DefaultHttp2DataFrame(content, false).stream(stream));
                                    ctx.writeAndFlush(new DefaultHttp2HeadersFrame(
                                                    new DefaultHttp2Headers(false).status("200"), true)
                                            .stream(stream));
                                    return;
                                }
                                ctx.writeAndFlush(new DefaultHttp2DataFrame(content, true).stream(stream));
                                if (++answered[0] == goAwayEvery) {
                                    // what the client sends next is held back from the codec for 10 ms; then the
                                    // codec's graceful close: GOAWAY with the last
                                    // stream it read, closed once those are answered; the held streams, read
                                    // after the GOAWAY, are ignored: unprocessed
                                    gate.hold();
                                    var unusedClose = ctx.executor()
                                            .schedule(
                                                    () -> {
                                                        ctx.close();
                                                        gate.release();
                                                    },
                                                    10,
                                                    java.util.concurrent.TimeUnit.MILLISECONDS);
                                }
                            }
                        });
    }

    /** Holds back what the connection reads while closed, and passes it on when released. */
    private static final class Gate extends ChannelInboundHandlerAdapter {
        private final java.util.ArrayDeque<Object> held = new java.util.ArrayDeque<>();
        private ChannelHandlerContext ctx;
        private boolean holding;

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (holding) {
                held.add(msg);
            } else {
                ctx.fireChannelRead(msg);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            held.forEach(io.netty.util.ReferenceCountUtil::release);
            held.clear();
            ctx.fireChannelInactive();
        }

        void hold() {
            holding = true;
        }

        void release() {
            holding = false;
            boolean any = !held.isEmpty();
            for (Object m = held.poll(); m != null; m = held.poll()) {
                if (ctx.channel().isActive()) {
                    ctx.fireChannelRead(m);
                } else {
                    io.netty.util.ReferenceCountUtil.release(m);
                }
            }
            if (any && ctx.channel().isActive()) {
                ctx.fireChannelReadComplete();
            }
        }
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }
}
