package dev.perf.load.http;

import dev.perf.load.record.CheckFailure;
import dev.perf.result.Printable;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http2.AbstractHttp2ConnectionHandlerBuilder;
import io.netty.handler.codec.http2.DefaultHttp2Connection;
import io.netty.handler.codec.http2.DefaultHttp2ConnectionDecoder;
import io.netty.handler.codec.http2.DefaultHttp2ConnectionEncoder;
import io.netty.handler.codec.http2.DefaultHttp2FrameReader;
import io.netty.handler.codec.http2.DefaultHttp2FrameWriter;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2RemoteFlowController;
import io.netty.handler.codec.http2.Http2ConnectionAdapter;
import io.netty.handler.codec.http2.Http2ConnectionDecoder;
import io.netty.handler.codec.http2.Http2ConnectionEncoder;
import io.netty.handler.codec.http2.Http2ConnectionHandler;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2FrameAdapter;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2Stream;
import io.netty.handler.codec.http2.UniformStreamByteDistributor;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.collection.IntObjectHashMap;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * One HTTP/2 connection of an {@link Http2Lane}: up to {@link #limit()} exchanges at once, each on its own
 * stream, over TLS (ALPN {@code h2}) or plain TCP with prior knowledge (h2c). Netty's HTTP/2 codec frames and
 * compresses; this class keeps the exchanges, applies the checks and fails what waits past the timeout (the
 * stream is reset) or what the server resets or abandons (GOAWAY). A closed connection is re-opened by the
 * next request; requests sent meanwhile wait for it. Loop thread only, once started.
 */
final class Http2Connection extends ChannelInboundHandlerAdapter implements PooledConnection {
    /** Who hears of the exchanges of {@link #send(long, long, long, int, int)}: a lane's single requests. */
    interface Owner {
        void finished(
                long seq, long intendedNanos, long startNanos, long endNanos, Throwable failure, int user, int epoch);
    }

    private final Owner lane;
    private final HttpWorkload http;
    private final HttpChecks checks;
    private final int configuredLimit;
    /** Whether the target's method may be sent again when its connection ends before any answer to it. */
    private final boolean idempotent;

    private final Connector connector;
    private final Http2Headers fixedHeaders;
    private final IntObjectHashMap<Exchange> active = new IntObjectHashMap<>();
    private final ArrayDeque<Exchange> spare = new ArrayDeque<>();
    private final ArrayDeque<Exchange> waiting = new ArrayDeque<>();

    private Channel channel;
    private Http2ConnectionHandler codec;
    private ChannelHandlerContext codecCtx;
    private boolean connecting;
    private boolean goingAway;
    /** Whether the run has closed this connection: nothing re-opens it then. */
    private boolean closed;
    /** Whether a flush is queued on the loop for what was written since. */
    private boolean flushing;

    private final Runnable flush = this::flush;

    /** Whether the codec is delivering frames: it flushes at the end of the read, so sends need not. */
    private boolean reading;

    private int serverLimit = Integer.MAX_VALUE;
    /**
     * How many times one request is sent again after GOAWAYs left it unprocessed: enough for a server that ends
     * each connection after a few streams (it is first on the next one), not a loop with one that processes none.
     */
    private static final int RESENDS = 3;
    /**
     * Why the channel is closing, when a side said so: the server's GOAWAY with its error, or a connection error
     * the codec found (it closes the channel itself and passes nothing on); null until then.
     */
    private String closing;

    /** One request on one stream. */
    private static final class Exchange {
        int stream;
        long intended;
        long start;
        long sentAt;
        long seq;
        int user;
        int epoch;
        int status;
        /** The final response's {@code content-length}, or -1. */
        long contentLength;
        /**
         * How many times it was sent again (at most {@link #RESENDS}): a GOAWAY left it unprocessed, the server
         * refused its stream, or its connection broke before any answer.
         */
        int resent;

        String[] headers;
        ByteBuf body;
        long bodyBytes;

        /** A journey's step (null for a lane's request): its request, composed when sent, and who hears it. */
        HttpStep step;

        Http2Headers request;
        byte[] requestBody;
        Consumer<HttpLink.Answer> done;

        /** The headers the answer keeps: the step's, else the checks'. */
        String[] kept(HttpChecks checks) {
            return step != null ? step.capture() : checks.headerNames();
        }
    }

    Http2Connection(Owner lane, HttpWorkload http, io.netty.bootstrap.Bootstrap bootstrap, int limit) {
        this.lane = lane;
        this.http = http;
        this.checks = http.setup().checks();
        this.configuredLimit = limit;
        this.idempotent = HttpConnection.idempotent(http.setup());
        this.connector = new Connector(http, bootstrap, new io.netty.channel.ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                attach(ch);
            }
        });
        RequestTemplate t = http.setup().template();
        this.fixedHeaders = t.fixed() ? headers(t, 0, null, null) : null;
    }

    /** The most exchanges at once: the configured limit, lowered to the server's. */
    int limit() {
        return Math.min(configuredLimit, serverLimit);
    }

    /**
     * Whether another exchange can start on this connection now: below its limit, and not draining after a
     * GOAWAY (stream ids of a new connection would start over while the old one's are still answered).
     */
    boolean free() {
        return active.size() + waiting.size() < limit() && !(goingAway && !active.isEmpty());
    }

    int load() {
        return active.size() + waiting.size();
    }

    /** Starts opening the connection before the loop drives the lane. */
    @Override
    public ChannelFuture connect() {
        connecting = true;
        return connector.open();
    }

    /** Waits for {@code connect} and keeps its channel when it succeeded. */
    @Override
    public void connected(ChannelFuture connect) {
        connecting = false;
        if (connect.awaitUninterruptibly().isSuccess()) {
            channel = connect.channel();
        }
    }

    /** The pipeline of a new channel: the HTTP/2 codec, then this connection for what the channel does. */
    private void attach(Channel ch) {
        Http2ConnectionHandler handler = new CodecBuilder().build(new Frames(), new ResponseHeadersDecoder(this::kept));
        handler.connection().addListener(new Http2ConnectionAdapter() {
            @Override
            public void onStreamClosed(Http2Stream stream) {
                Exchange e = active.get(stream.id());
                if (e != null) {
                    fail(
                            e,
                            new IOException("stream " + stream.id() + " to " + http.host() + ":" + http.port()
                                    + " closed" + (closing == null ? "" : " on " + closing)
                                    + " before its response ended"));
                }
                writeWaiting();
            }

            /**
             * Before the codec closes the streams above {@code lastStreamId}: the server did not process them
             * (RFC 9113 §6.8), so each is sent again, first, on a new connection once this one has drained — as
             * browsers and Go's client do — instead of failing.
             */
            @Override
            public void onGoAwayReceived(int lastStreamId, long errorCode, ByteBuf debugData) {
                goingAway = true; // streams up to lastStreamId still complete; then a new connection
                Http2Error error = Http2Error.valueOf(errorCode);
                String debug = debugData.toString(StandardCharsets.UTF_8).strip();
                closing = "the server's GOAWAY (" + (error == null ? "error " + errorCode : error.name())
                        + (debug.isEmpty() ? "" : ": " + Printable.of(debug)) + ")";
                for (Exchange e : new ArrayList<>(active.values())) {
                    if (e.stream > lastStreamId && e.resent < RESENDS) {
                        resend(e);
                    }
                }
            }
        });
        ch.pipeline().addLast(handler, this);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        Http2ConnectionHandler handler = ctx.pipeline().get(Http2ConnectionHandler.class);
        codec = handler;
        codecCtx = ctx.pipeline().context(handler);
        serverLimit = Integer.MAX_VALUE;
        goingAway = false;
        closing = null;
    }

    /** Sends the request of operation {@code seq} on a new stream; opens the connection first when needed. */
    void send(long intended, long start, long seq, int user, int epoch) {
        start(exchange(intended, start, seq, user, epoch));
    }

    /**
     * Sends {@code step}'s request for iteration {@code seq}, composed now with a journey's {@code vars} and
     * {@code cookies}, on a new stream; {@code done} hears the whole answer on the loop thread (at once, as the
     * check {@code request}, when a variable is not set or not fit for a header).
     */
    void send(
            HttpStep step,
            long seq,
            String[] vars,
            String cookies,
            long intended,
            long start,
            Consumer<HttpLink.Answer> done) {
        RequestTemplate t = step.setup().template();
        Http2Headers request;
        byte[] body;
        try {
            request = headers(t, seq, vars, cookies);
            body = t.body(seq, vars);
        } catch (IllegalArgumentException unset) {
            done.accept(HttpLink.Answer.unsent(unset, start));
            return;
        }
        Exchange e = exchange(intended, start, seq, -1, 0);
        e.step = step;
        e.request = request;
        e.requestBody = body;
        e.done = done;
        e.headers = null;
        e.body = null;
        start(e);
    }

    private Exchange exchange(long intended, long start, long seq, int user, int epoch) {
        Exchange e = spare.isEmpty() ? new Exchange() : spare.poll();
        e.intended = intended;
        e.start = start;
        e.seq = seq;
        e.user = user;
        e.epoch = epoch;
        e.status = 0;
        e.contentLength = -1;
        e.bodyBytes = 0;
        e.resent = 0;
        return e;
    }

    /** Writes {@code e} on the open connection, else queues it and opens one. */
    private void start(Exchange e) {
        if (!connecting && channel != null && channel.isActive() && !goingAway && codecCtx != null) {
            write(e);
            return;
        }
        waiting.add(e);
        if (!connecting) {
            reconnect();
        }
    }

    /** Opens a new connection for the exchanges waiting; they are written once it is up, or fail with it. */
    private void reconnect() {
        connecting = true;
        goingAway = false;
        ChannelFuture connect = connector.open();
        connect.addListener(f -> {
            connecting = false;
            List<Exchange> queued = new ArrayList<>(waiting);
            waiting.clear();
            if (f.isSuccess()) {
                channel = connect.channel();
                queued.forEach(this::write);
            } else {
                IOException failure = connector.failure(f.cause());
                for (Exchange q : queued) {
                    finish(q, failure);
                }
            }
        });
    }

    /** Writes what waits for a stream on the open connection, as far as the server's limit allows. */
    private void writeWaiting() {
        if (connecting || goingAway || channel == null || !channel.isActive() || codecCtx == null) {
            return;
        }
        while (!waiting.isEmpty() && codec.connection().local().canOpenStream()) {
            write(waiting.poll());
        }
    }

    /** Sends what a GOAWAY left unprocessed once the old connection has nothing in flight. */
    private void resendWhenDrained() {
        if (!waiting.isEmpty() && active.isEmpty() && !connecting && !closed && (goingAway || channel == null)) {
            reconnect();
        }
    }

    private void write(Exchange e) {
        if (!codec.connection().local().canOpenStream()) {
            // the codec still counts a stream whose last frame it is delivering (it closes the stream after its
            // listener returns): a stream opened now would exceed the server's limit, and the codec would reset
            // a stream the server never saw, which the server answers with a connection error; it waits for the
            // stream to close
            waiting.add(e);
            return;
        }
        ChannelHandlerContext ctx = codecCtx;
        int id = codec.connection().local().incrementAndGetNextStreamId();
        e.stream = id;
        e.sentAt = System.nanoTime();
        active.put(id, e);
        RequestTemplate t = http.setup().template();
        long bodyLength = e.step != null ? e.requestBody.length : t.bodyLength(e.seq);
        Http2Headers h =
                e.step != null ? e.request : fixedHeaders != null ? fixedHeaders : headers(t, e.seq, null, null);
        // a write that fails closes the channel: exceptionCaught fails every exchange on it, so no promise
        // (and no listener) per request
        var unusedHeaders = codec.encoder().writeHeaders(ctx, id, h, 0, bodyLength == 0, ctx.voidPromise());
        if (bodyLength > 0) {
            ByteBuf body;
            if (e.step != null) {
                body = Unpooled.wrappedBuffer(e.requestBody); // its own view: a resend writes it again
            } else {
                body = ctx.alloc().buffer((int) Math.min(bodyLength, 1 << 20));
                t.writeBody(e.seq, body);
            }
            var unusedData = codec.encoder().writeData(ctx, id, body, 0, true, ctx.voidPromise());
        }
        if (!reading && !flushing) {
            // through the codec's own flush: it writes what its flow controller holds (DATA frames); while
            // the codec reads, its read-complete flushes every request sent meanwhile in one write. Else once
            // the loop's current task has sent all that is due now (a precision's group): one TLS record and
            // one write for them all, as h2load writes, instead of one a request
            flushing = true;
            ctx.channel().eventLoop().execute(flush);
        }
    }

    /** Flushes what was written since the task was queued. */
    private void flush() {
        flushing = false;
        if (codecCtx != null) {
            codecCtx.channel().flush();
        }
    }

    /**
     * The request headers of {@code t}'s operation {@code seq}, its variables from {@code vars} (null: none) and
     * with a Cookie header of {@code cookies} when that is not empty.
     */
    private Http2Headers headers(RequestTemplate t, long seq, String[] vars, String cookies) {
        Http2Headers h = new DefaultHttp2Headers()
                .method(t.method())
                .scheme(http.setup().ssl() != null ? "https" : "http")
                .authority(t.authority())
                .path(t.path(seq, vars));
        for (int i = 0; i < t.headers(); i++) {
            h.add(t.headerName(i).toLowerCase(Locale.ROOT), t.headerValue(i, seq, vars));
        }
        if (cookies != null && !cookies.isEmpty()) {
            h.add("cookie", cookies);
        }
        String traceparent = t.traceparent(seq);
        if (traceparent != null) {
            h.add("traceparent", traceparent);
            if (t.tracestate() != null) {
                h.add("tracestate", t.tracestate());
            }
        }
        return h;
    }

    /** The headers the exchange on {@code stream} keeps: none when no exchange waits for it. */
    private String[] kept(int stream) {
        Exchange e = active.get(stream);
        return e == null ? NOTHING_KEPT : e.kept(checks);
    }

    private static final String[] NOTHING_KEPT = {};

    /** Fails (and resets) every exchange that has waited past the timeout. */
    @Override
    public void sweep(long now, long timeoutNanos) {
        if (active.isEmpty()) {
            return;
        }
        List<Exchange> late = null;
        for (Exchange e : active.values()) {
            if (now - e.sentAt > timeoutNanos) {
                late = late == null ? new ArrayList<>() : late;
                late.add(e);
            }
        }
        if (late == null) {
            return;
        }
        for (Exchange e : late) {
            fail(
                    e,
                    new TimeoutException(
                            "no response from " + http.host() + ":" + http.port() + " within the timeout"));
            if (codecCtx != null && channel != null && channel.isActive()) {
                var unusedReset = codec.encoder()
                        .writeRstStream(codecCtx, e.stream, Http2Error.CANCEL.code(), codecCtx.newPromise());
            }
        }
        if (codecCtx != null) {
            codecCtx.channel().flush();
        }
    }

    @Override
    public void close() {
        closed = true;
        if (channel != null) {
            Connector.closeQuietly(channel);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof SslHandshakeCompletionEvent done) {
            if (!done.isSuccess()) {
                connector.handshakeFailed(done.cause());
                failAll(ctx.channel(), connector.failure(done.cause()));
            } else {
                String protocol = ctx.pipeline().get(SslHandler.class).applicationProtocol();
                if (!ApplicationProtocolNames.HTTP_2.equals(protocol)) {
                    failAll(
                            ctx.channel(),
                            new IOException(http.host() + ":" + http.port()
                                    + " did not agree to HTTP/2 (ALPN chose "
                                    + (protocol == null ? "nothing" : protocol)
                                    + "): enable http2 on the server, or drop version: \"2\""));
                    Connector.closeQuietly(ctx.channel());
                }
            }
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        reading = false; // the codec has flushed before passing this on
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        reading = false;
        failOrResend(
                ctx.channel(),
                closing == null
                        ? connector.closedEarly()
                        : new IOException("connection to " + http.host() + ":" + http.port() + " closed on " + closing
                                + " before the response ended"));
        if (channel == ctx.channel()) {
            channel = null;
        }
        resendWhenDrained();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        failOrResend(ctx.channel(), connector.failure(cause));
        Connector.closeQuietly(ctx.channel());
    }

    private void failAll(Channel ch, IOException failure) {
        if (ch != channel && channel != null) {
            return;
        }
        for (Exchange e : new ArrayList<>(active.values())) {
            fail(e, failure);
        }
    }

    /**
     * The channel ended (closed, or a write failed: the server closed first): each exchange fails with {@code
     * failure}, but an idempotent one not yet answered is sent again on a new connection (at most {@link
     * #RESENDS} times) — the server's close raced its sending, as {@link HttpConnection} retries on HTTP/1.1.
     */
    private void failOrResend(Channel ch, IOException failure) {
        if (ch != channel && channel != null) {
            return;
        }
        for (Exchange e : new ArrayList<>(active.values())) {
            if ((e.step != null ? e.step.idempotent() : idempotent) && !closed && e.status == 0 && e.resent < RESENDS) {
                resend(e);
            } else {
                fail(e, failure);
            }
        }
    }

    /** {@code e} waits to be sent again on the next connection, counted as {@code connections.retried}. */
    private void resend(Exchange e) {
        active.remove(e.stream);
        e.resent++;
        waiting.add(e);
        http.connects.retried();
    }

    private void fail(Exchange e, Throwable failure) {
        if (active.remove(e.stream) == null) {
            return;
        }
        finish(e, failure);
    }

    private void complete(Exchange e) {
        active.remove(e.stream);
        HttpSetup setup = e.step != null ? e.step.setup() : http.setup();
        if (e.contentLength >= 0
                && e.bodyBytes != e.contentLength
                && e.status != 204
                && e.status != 304
                && !"HEAD".equals(setup.template().method())) {
            // RFC 9113 §8.1.1: the DATA frames must add up to the content-length
            finish(
                    e,
                    new IOException("response on stream " + e.stream + " from " + http.host() + ":" + http.port()
                            + " said content-length " + e.contentLength + " but carried " + e.bodyBytes
                            + " bytes"));
            return;
        }
        finish(e, setup.checks().check(e.status, e.headers, e.bodyBytes, e.body));
    }

    private void finish(Exchange e, Throwable failure) {
        long end = System.nanoTime();
        if (e.done != null) {
            answer(e, failure, end);
            return;
        }
        long intended = e.intended;
        long start = e.start;
        int user = e.user;
        int epoch = e.epoch;
        long seq = e.seq;
        spare.push(e);
        lane.finished(seq, intended, start, end, failure, user, epoch);
        resendWhenDrained();
    }

    /** A journey's exchange ended: its answer goes to its step, the exchange back to the spares. */
    private void answer(Exchange e, Throwable failure, long end) {
        Consumer<HttpLink.Answer> done = e.done;
        HttpLink.Answer a = new HttpLink.Answer(
                failure == null || failure instanceof CheckFailure ? e.status : 0,
                e.headers == null ? List.of() : Arrays.asList(e.headers),
                e.body == null ? null : e.body.toString(StandardCharsets.UTF_8),
                failure,
                e.start,
                end);
        e.step = null;
        e.request = null;
        e.requestBody = null;
        e.done = null;
        e.headers = null;
        e.body = null;
        spare.push(e);
        done.accept(a);
        resendWhenDrained();
    }

    /** The free connection with the fewest exchanges, else the first (its request waits there). */
    static Http2Connection leastLoaded(Http2Connection[] all) {
        Http2Connection best = null;
        for (Http2Connection c : all) {
            if (c.free() && (best == null || c.load() < best.load())) {
                best = c;
            }
        }
        return best == null ? all[0] : best;
    }

    @Override
    public boolean isSharable() {
        return true;
    }

    /** What the server sends, frame by frame, on the loop thread. */
    private final class Frames extends Http2FrameAdapter {
        @Override
        public void onSettingsRead(ChannelHandlerContext ctx, Http2Settings settings) {
            Long max = settings.maxConcurrentStreams();
            if (max != null) {
                serverLimit = (int) Math.max(1, Math.min(Integer.MAX_VALUE, max));
            }
        }

        @Override
        public void onHeadersRead(
                ChannelHandlerContext ctx, int streamId, Http2Headers headers, int padding, boolean endOfStream) {
            reading = true;
            Exchange e = active.get(streamId);
            if (e == null) {
                return;
            }
            if (e.status == 0 && headers.status() != null) {
                e.status = status(headers.status());
                e.contentLength = headers instanceof ResponseHeadersDecoder.Head h ? h.contentLength : -1;
                keep(e, headers);
                if (e.step != null ? e.step.keepsBody() : checks.keepsBody()) {
                    e.body = e.body == null ? Unpooled.buffer(1024, HttpChecks.MAX_KEPT_BODY_BYTES) : e.body.clear();
                }
                if (e.status / 100 == 1) {
                    e.status = 0; // an interim response: the final one follows
                }
            } else if (e.status != 0 && headers.status() != null) {
                // trailers carry no pseudo-header (RFC 9113 §8.1); the headers decoder holds :status apart
                // from the entries Netty's codec looks through, so the check is made here
                fail(
                        e,
                        new IOException("stream " + streamId + " from " + http.host() + ":" + http.port()
                                + ": malformed trailers: :status " + headers.status()));
                return;
            }
            if (endOfStream) {
                complete(e);
            }
        }

        /** Keeps the values of the headers {@code e} keeps, a repeated one as HTTP/1.1's parser does. */
        private void keep(Exchange e, Http2Headers headers) {
            String[] names = e.kept(checks);
            if (names.length == 0) {
                return;
            }
            e.headers = e.headers == null || e.headers.length != names.length ? new String[names.length] : e.headers;
            for (int i = 0; i < names.length; i++) {
                String kept = null;
                // its values one by one, without the list getAll would make for every answer
                Iterator<CharSequence> values = headers.valueIterator(names[i]);
                while (values.hasNext()) {
                    kept = HttpResponseParser.repeated(
                            names[i], kept, values.next().toString());
                }
                e.headers[i] = kept;
            }
        }

        @Override
        public void onHeadersRead(
                ChannelHandlerContext ctx,
                int streamId,
                Http2Headers headers,
                int streamDependency,
                short weight,
                boolean exclusive,
                int padding,
                boolean endOfStream) {
            onHeadersRead(ctx, streamId, headers, padding, endOfStream);
        }

        @Override
        public int onDataRead(ChannelHandlerContext ctx, int streamId, ByteBuf data, int padding, boolean end) {
            reading = true;
            int processed = data.readableBytes() + padding;
            Exchange e = active.get(streamId);
            if (e == null) {
                return processed;
            }
            e.bodyBytes += data.readableBytes();
            if (e.body != null && e.body.writerIndex() < HttpChecks.MAX_KEPT_BODY_BYTES) {
                e.body.writeBytes(
                        data,
                        data.readerIndex(),
                        Math.min(data.readableBytes(), HttpChecks.MAX_KEPT_BODY_BYTES - e.body.writerIndex()));
            }
            if (end) {
                complete(e);
            }
            return processed;
        }

        @Override
        public void onRstStreamRead(ChannelHandlerContext ctx, int streamId, long errorCode) {
            Exchange e = active.get(streamId);
            if (e != null) {
                Http2Error error = Http2Error.valueOf(errorCode);
                if (error == Http2Error.REFUSED_STREAM && e.status == 0 && !closed && e.resent < RESENDS) {
                    // refused before any processing (RFC 9113 §8.7): safe to send again, whatever the method;
                    // written when the codec has closed this stream
                    resend(e);
                    return;
                }
                fail(
                        e,
                        new IOException("stream reset by " + http.host() + ":" + http.port() + " ("
                                + (error == null ? "error " + errorCode : error.name()) + ")"));
            }
        }
    }

    /** Netty's HTTP/2 codec, which says the connection errors it handles (and closes on) before closing. */
    private final class Codec extends Http2ConnectionHandler {
        Codec(Http2ConnectionDecoder decoder, Http2ConnectionEncoder encoder, Http2Settings settings) {
            super(decoder, encoder, settings);
        }

        @Override
        protected void onConnectionError(
                ChannelHandlerContext ctx, boolean outbound, Throwable cause, Http2Exception http2Ex) {
            if (closing == null) {
                closing = "an HTTP/2 connection error perf found ("
                        + (http2Ex == null ? String.valueOf(cause) : http2Ex.error() + ": " + http2Ex.getMessage())
                        + ")";
            }
            super.onConnectionError(ctx, outbound, cause, http2Ex);
        }

        /** A stream error perf found (a malformed response): its exchange fails with why, then the codec resets it. */
        @Override
        protected void onStreamError(
                ChannelHandlerContext ctx, boolean outbound, Throwable cause, Http2Exception.StreamException http2Ex) {
            Exchange e = active.get(http2Ex.streamId());
            if (e != null && !outbound) {
                fail(
                        e,
                        new IOException("stream " + e.stream + " from " + http.host() + ":" + http.port() + ": "
                                + http2Ex.getMessage()));
            }
            super.onStreamError(ctx, outbound, cause, http2Ex);
        }
    }

    /** Builds a client {@link Codec} that delivers frames to {@code frames}. */
    private final class CodecBuilder extends AbstractHttp2ConnectionHandlerBuilder<Codec, CodecBuilder> {
        Codec build(Frames frames, ResponseHeadersDecoder heads) {
            // A client's streams all have the default weight: the uniform distributor shares the send window
            // as the weighted fair queue would, without its per-stream queue state (200 B a request).
            DefaultHttp2Connection connection = new DefaultHttp2Connection(false);
            connection
                    .remote()
                    .flowController(new DefaultHttp2RemoteFlowController(
                            connection, new UniformStreamByteDistributor(connection)));
            // the codec as the builder makes it for a client, with perf's headers decoder; the builder would add
            // a limit of 10 000 queued control frames (its defence against a peer that floods PINGs and SETTINGS
            // but does not read their answers): perf's peer is the server under test, and its loop always reads
            Http2ConnectionEncoder encoder =
                    new DefaultHttp2ConnectionEncoder(connection, new DefaultHttp2FrameWriter());
            codec(new DefaultHttp2ConnectionDecoder(connection, encoder, new DefaultHttp2FrameReader(heads)), encoder);
            frameListener(frames);
            initialSettings(Http2Settings.defaultSettings().pushEnabled(false));
            return build();
        }

        @Override
        protected Codec build(Http2ConnectionDecoder decoder, Http2ConnectionEncoder encoder, Http2Settings settings) {
            return new Codec(decoder, encoder, settings);
        }
    }

    private static int status(CharSequence s) {
        int code = 0;
        for (int i = 0; i < s.length() && i < 3; i++) {
            code = code * 10 + (s.charAt(i) - '0');
        }
        return code;
    }
}
