package dev.perf.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The {@code http} target: HTTP/1.1 keep-alive over a fixed pool of connections on Netty (native epoll on
 * Linux, NIO elsewhere). The request is encoded once and its bytes reused for every send; responses go
 * through {@link HttpResponseParser}, which copies nothing. One request per connection at a time; a closed
 * connection is re-opened on its next use. Success is a status in {@code expectStatus}.
 */
final class HttpWorkload implements Workload {
    private final URI uri;
    private final String host;
    private final int port;
    private final List<Integer> expectStatus;
    private final int connections;
    private final long connectTimeoutMillis;
    private final long timeoutNanos;
    private final ByteBuf request;
    private final ConcurrentLinkedQueue<Connection> idle = new ConcurrentLinkedQueue<>();
    private EventLoopGroup group;
    private Bootstrap bootstrap;

    HttpWorkload(
            URI uri,
            String method,
            Map<String, String> headers,
            String body,
            List<Integer> expectStatus,
            int connections,
            long connectTimeoutMillis,
            long timeoutNanos) {
        this.uri = uri;
        this.host = uri.getHost();
        this.port = uri.getPort() > 0 ? uri.getPort() : 80;
        this.expectStatus = List.copyOf(expectStatus);
        this.connections = connections;
        this.connectTimeoutMillis = connectTimeoutMillis;
        this.timeoutNanos = timeoutNanos;
        this.request =
                Unpooled.unreleasableBuffer(Unpooled.directBuffer().writeBytes(encode(uri, method, headers, body)));
    }

    /** The request line, headers and body, once: {@code Host}, {@code Content-Length} added. */
    static byte[] encode(URI uri, String method, Map<String, String> headers, String body) {
        String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder();
        sb.append(method).append(' ').append(path).append(" HTTP/1.1\r\n");
        sb.append("Host: ")
                .append(uri.getHost())
                .append(uri.getPort() > 0 ? ":" + uri.getPort() : "")
                .append("\r\n");
        headers.forEach((k, v) -> sb.append(k).append(": ").append(v).append("\r\n"));
        if (content.length > 0 || !method.equals("GET") && !method.equals("HEAD")) {
            sb.append("Content-Length: ").append(content.length).append("\r\n");
        }
        sb.append("\r\n");
        byte[] head = sb.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[head.length + content.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(content, 0, all, head.length, content.length);
        return all;
    }

    @Override
    public void setUp(Map<String, String> params) {
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        group = new MultiThreadIoEventLoopGroup(1, io);
        bootstrap = new Bootstrap()
                .group(group)
                .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeoutMillis);
        // Connect before the measurement, as wrk does: connection set-up (and Netty's own start-up) is not
        // part of any request. A connection that cannot be opened now is retried by its first request.
        for (int i = 0; i < connections; i++) {
            Connection c = new Connection();
            c.connectNow();
            idle.add(c);
        }
    }

    @Override
    public void call() {
        throw new UnsupportedOperationException("the http target is asynchronous");
    }

    @Override
    public boolean async() {
        return true;
    }

    @Override
    public CompletionStage<?> callAsync() {
        CompletableFuture<Integer> done = new CompletableFuture<>();
        Connection c = idle.poll();
        if (c == null) {
            done.completeExceptionally(
                    new IllegalStateException("no free connection (more in flight than connections)"));
            return done;
        }
        c.send(done);
        return done;
    }

    @Override
    public void tearDown() {
        for (Connection c : idle) {
            if (c.channel != null) {
                c.channel.close();
            }
        }
        if (group != null) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    /** One keep-alive connection and the request on it. Touched on its event loop and by the dispatcher. */
    private final class Connection extends ChannelInboundHandlerAdapter {
        private volatile Channel channel;
        private CompletableFuture<Integer> pending;
        private ScheduledFuture<?> timeout;
        private final HttpResponseParser parser = new HttpResponseParser();
        private ByteBuf cumulation;
        /** The channel the pending request went out on: events of an older, closing channel are ignored. */
        private volatile Channel sentOn;

        void connectNow() {
            ChannelFuture connect =
                    bootstrap.clone().handler(this).connect(host, port).awaitUninterruptibly();
            if (connect.isSuccess()) {
                channel = connect.channel();
            }
        }

        void send(CompletableFuture<Integer> done) {
            pending = done;
            Channel ch = channel;
            if (ch != null && ch.isActive()) {
                ch.eventLoop().execute(() -> write(ch));
                return;
            }
            ChannelFuture connect = bootstrap.clone().handler(this).connect(host, port);
            connect.addListener(f -> {
                if (f.isSuccess()) {
                    channel = connect.channel();
                    write(channel);
                } else {
                    Throwable cause = f.cause();
                    fail(
                            cause instanceof ConnectException
                                    ? new ConnectException("connection refused to " + host + ":" + port)
                                    : new IOException(
                                            "cannot connect to " + host + ":" + port + ": " + cause.getMessage(),
                                            cause));
                }
            });
        }

        private void write(Channel ch) {
            sentOn = ch;
            timeout = ch.eventLoop()
                    .schedule(
                            () -> {
                                // The late response must not complete a later request: drop the connection.
                                Channel dead = channel;
                                channel = null;
                                fail(new TimeoutException(
                                        "no response from " + host + ":" + port + " within the timeout"));
                                if (dead != null) {
                                    dead.close();
                                }
                            },
                            timeoutNanos,
                            TimeUnit.NANOSECONDS);
            ch.writeAndFlush(request.duplicate(), ch.voidPromise());
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf in = (ByteBuf) msg;
            try {
                if (pending == null || ctx.channel() != sentOn) {
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
                    ctx.close();
                    fail(new IOException("malformed response from " + host + ":" + port + ": " + e.getMessage()));
                    return;
                }
                if (complete) {
                    if (cumulation != null) {
                        cumulation.release();
                        cumulation = null;
                    }
                    if (parser.connectionClose()) {
                        channel = null;
                        ctx.close();
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
            if (cumulation != null) {
                cumulation.release();
                cumulation = null;
            }
            if (pending != null) {
                if (parser.closed()) {
                    succeed(parser.status());
                } else {
                    fail(new IOException("connection closed by " + host + ":" + port + " before the response ended"));
                }
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
            if (ctx.channel() != sentOn) {
                return;
            }
            channel = null;
            fail(cause instanceof IOException ? cause : new IOException(cause.getMessage(), cause));
        }

        private void succeed(int status) {
            CompletableFuture<Integer> done = release();
            if (done == null) {
                return;
            }
            if (expectStatus.contains(status) || (expectStatus.isEmpty() && status / 100 == 2)) {
                done.complete(status);
            } else {
                done.completeExceptionally(new HttpStatusException(status));
            }
        }

        private void fail(Throwable cause) {
            CompletableFuture<Integer> done = release();
            if (done != null) {
                done.completeExceptionally(cause);
            }
        }

        /** Clears the exchange and returns the connection to the pool before the caller completes it. */
        private CompletableFuture<Integer> release() {
            CompletableFuture<Integer> done = pending;
            if (done == null) {
                return null;
            }
            pending = null;
            if (timeout != null) {
                timeout.cancel(false);
                timeout = null;
            }
            idle.add(this);
            return done;
        }

        @Override
        public boolean isSharable() {
            return true;
        }
    }

    /** A response whose status is not one of those expected. */
    static final class HttpStatusException extends IOException {
        private static final long serialVersionUID = 1L;
        final int status;

        HttpStatusException(int status) {
            super("HTTP " + status + " (" + status / 100 + "xx)");
            this.status = status;
        }
    }

    @Override
    public String toString() {
        return "http " + uri;
    }
}
