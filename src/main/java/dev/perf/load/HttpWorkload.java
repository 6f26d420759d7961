package dev.perf.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * The {@code http} target: HTTP/1.1 keep-alive. It holds what every connection shares — the address, the
 * request encoded once (its bytes are reused for every send), the statuses that count as success — and opens
 * connections on a given event loop; the connections themselves ({@link HttpConnection}) belong to one
 * {@link Stripe} and are driven by it on that loop's thread. It is never called like a Java workload.
 */
final class HttpWorkload implements Workload {
    private final URI uri;
    private final String host;
    private final int port;
    private final List<Integer> expectStatus;
    private final long connectTimeoutMillis;
    private final ByteBuf request;

    HttpWorkload(
            URI uri,
            String method,
            Map<String, String> headers,
            String body,
            List<Integer> expectStatus,
            long connectTimeoutMillis) {
        this.uri = uri;
        this.host = uri.getHost();
        this.port = uri.getPort() > 0 ? uri.getPort() : 80;
        this.expectStatus = List.copyOf(expectStatus);
        this.connectTimeoutMillis = connectTimeoutMillis;
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

    /** A bootstrap for connections registered on {@code loop}. */
    Bootstrap bootstrap(EventLoop loop) {
        return new Bootstrap()
                .group(loop)
                .channel(EventLoops.channelClass())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeoutMillis);
    }

    String host() {
        return host;
    }

    int port() {
        return port;
    }

    /** A fresh view of the request's bytes for one connection: reset and written again for every exchange. */
    ByteBuf requestView() {
        return request.duplicate();
    }

    int requestBytes() {
        return request.writerIndex();
    }

    /** Whether {@code status} counts as success: one of {@code expectStatus}, or any 2xx when none is given. */
    boolean expected(int status) {
        return expectStatus.contains(status) || (expectStatus.isEmpty() && status / 100 == 2);
    }

    @Override
    public void call() {
        throw new UnsupportedOperationException("the http target runs on perf's event loops");
    }

    @Override
    public boolean async() {
        return true;
    }

    @Override
    public CompletionStage<?> callAsync() {
        throw new UnsupportedOperationException("the http target runs on perf's event loops");
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
