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
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The {@code http} target: HTTP/1.1 keep-alive over a fixed pool of connections on Netty (native epoll on
 * Linux, NIO elsewhere). The request is encoded once and its bytes reused for every send; responses go
 * through {@link HttpResponseParser}, which copies nothing. One request per connection at a time; a closed
 * connection is re-opened on its next use. Success is a status in {@code expectStatus}.
 */
final class HttpWorkload implements Workload, DirectAsync {
    private final URI uri;
    private final String host;
    private final int port;
    private final List<Integer> expectStatus;
    private final int connections;
    private final long connectTimeoutMillis;
    private final long timeoutNanos;
    private final ByteBuf request;
    /** Free connections: the dispatcher takes, the event loop returns; bounded, so nothing allocates. */
    private final ArrayBlockingQueue<Connection> idle;

    private final List<Connection> all = new ArrayList<>();
    private EventLoopGroup group;
    private ScheduledFuture<?> sweeper;
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
        this.idle = new ArrayBlockingQueue<>(connections);
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
        if (content.length > 0 || (!method.equals("GET") && !method.equals("HEAD"))) {
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
            all.add(c);
            idle.add(c);
        }
        // One sweep for every connection's timeout instead of a timer task per request; a timeout is found
        // at most a period late, and the recorder counts anything slower than the timeout as a timeout.
        long period = Math.max(1_000_000L, Math.min(50_000_000L, timeoutNanos / 20));
        sweeper = group.next().scheduleAtFixedRate(this::sweep, period, period, TimeUnit.NANOSECONDS);
    }

    /** Closes a connection; a failure to close is of no interest (the channel is dropped either way). */
    @SuppressWarnings("FutureReturnValueIgnored")
    private static void closeQuietly(Channel channel) {
        channel.close();
    }

    /** Fails the requests that have waited longer than the timeout. On the event loop. */
    private void sweep() {
        long now = System.nanoTime();
        for (Connection c : all) {
            if (c.written && now - c.sentAtNanos > timeoutNanos) {
                c.timedOut();
            }
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
        CompletableFuture<Void> future = new CompletableFuture<>();
        start(0, 0, (intended, start, failure) -> {
            if (failure == null) {
                future.complete(null);
            } else {
                future.completeExceptionally(failure);
            }
        });
        return future;
    }

    @Override
    public void start(long intendedNanos, long startNanos, Completion done) {
        Connection c = idle.poll();
        if (c == null) {
            done.completed(
                    intendedNanos,
                    startNanos,
                    new IllegalStateException("no free connection (more in flight than connections)"));
            return;
        }
        c.send(intendedNanos, startNanos, done);
    }

    @Override
    public void tearDown() {
        for (Connection c : idle) {
            if (c.channel != null) {
                closeQuietly(c.channel);
            }
        }
        if (sweeper != null) {
            sweeper.cancel(false);
        }
        if (group != null) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    /**
     * One keep-alive connection and the request on it. The dispatcher sets up an exchange and hands the
     * connection to its event loop (as the {@link Runnable} that writes), which finishes it: the hand-off
     * orders the fields.
     */
    private final class Connection extends ChannelInboundHandlerAdapter implements Runnable {
        private volatile Channel channel;
        private Completion pending;
        private long intendedNanos;
        private long startNanos;
        private long sentAtNanos;
        /** Whether a written request awaits its response. Event loop only. */
        private boolean written;

        private Channel writeTo;
        /** The request's bytes for this connection: reset and written again for every exchange. */
        private final ByteBuf out = request.duplicate();

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

        void send(long intended, long start, Completion done) {
            pending = done;
            intendedNanos = intended;
            startNanos = start;
            Channel ch = channel;
            if (ch != null && ch.isActive()) {
                writeTo = ch;
                ch.eventLoop().execute(this);
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

        @Override
        public void run() {
            write(writeTo);
        }

        @SuppressWarnings("FutureReturnValueIgnored") // a void promise: a failed write reaches exceptionCaught
        private void write(Channel ch) {
            parser.reset(); // a response cut short on an earlier connection must not eat into this one
            if (cumulation != null) {
                cumulation.release();
                cumulation = null;
            }
            sentOn = ch;
            sentAtNanos = System.nanoTime();
            written = true;
            out.setIndex(0, request.writerIndex());
            ch.writeAndFlush(out, ch.voidPromise());
        }

        /** The timeout passed: the late response must not complete a later request, so drop the connection. */
        void timedOut() {
            Channel dead = channel;
            channel = null;
            fail(new TimeoutException("no response from " + host + ":" + port + " within the timeout"));
            if (dead != null) {
                closeQuietly(dead);
            }
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
                    closeQuietly(ctx.channel());
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
            closeQuietly(ctx.channel());
            if (ctx.channel() != sentOn) {
                return;
            }
            channel = null;
            String message = String.valueOf(cause.getMessage());
            fail(new IOException(
                    message.contains("Connection reset")
                            ? "connection reset by " + host + ":" + port
                            : "I/O error with " + host + ":" + port + ": " + message,
                    cause));
        }

        private void succeed(int status) {
            boolean expected = expectStatus.contains(status) || (expectStatus.isEmpty() && status / 100 == 2);
            finish(expected ? null : new HttpStatusException(status));
        }

        private void fail(Throwable cause) {
            finish(cause);
        }

        /** Clears the exchange, returns the connection to the pool, then reports the completion. */
        private void finish(Throwable failure) {
            Completion done = pending;
            if (done == null) {
                return;
            }
            long intended = intendedNanos;
            long start = startNanos;
            pending = null;
            written = false;
            idle.add(this);
            done.completed(intended, start, failure);
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
