package dev.perf.load.http;

import dev.perf.load.template.DataTable;
import dev.perf.load.template.Template;
import dev.perf.load.template.Templates;
import dev.perf.load.template.TraceContext;
import dev.perf.suite.HttpTarget;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * An http target's request with its placeholders compiled ({@link Templates}): the URL's path, the headers and
 * the body, each a {@link Template} drawn from the operation's global index and the suite's seed, so that every
 * run and every shard sends the same request for the same index. Writing a request allocates nothing but a
 * body that reads a session variable. Immutable, thread-safe.
 */
final class RequestTemplate {
    private final String method;
    private final String authority;
    private final Template path;
    private final String[] headerNames;
    private final Template[] headerValues;
    private final Template body;
    private final boolean close;
    private final boolean fixed;
    /** Whether the body reads a session variable: its length is then known only once it is written. */
    private final boolean bodyReadsVars;
    /** The trace context each request carries, or null. */
    private final TraceContext trace;
    /** Which span of its operation's trace a request is (a journey's step), 0 for a single request. */
    private final int span;

    /**
     * Compiles {@code http}'s request to {@code uri} (its {@code {demo-server}} resolved); {@code where} names
     * the loop in bad input, {@code env} gives {@code ${env.NAME}}'s value (null: not set), {@code vars} are a
     * scenario session's variables by slot (empty for a single request).
     */
    RequestTemplate(
            String where,
            HttpTarget http,
            URI uri,
            Map<String, DataTable> data,
            UnaryOperator<String> env,
            long seed,
            List<String> vars) {
        Templates c = new Templates(where, data, env, vars, seed);
        this.method = http.method();
        this.authority = uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
        String url = http.url();
        int slash = url.indexOf('/', url.indexOf("//") + 2);
        String rest = slash < 0 ? "/" : url.substring(slash);
        int hash = rest.indexOf('#');
        this.path = c.compile("http.url", hash < 0 ? rest : rest.substring(0, hash), Template.Place.URL);
        Map<String, String> headers = new LinkedHashMap<>(http.headers());
        this.headerNames = headers.keySet().toArray(new String[0]);
        this.headerValues = new Template[headerNames.length];
        for (int i = 0; i < headerNames.length; i++) {
            headerValues[i] =
                    c.compile("http.headers." + headerNames[i], headers.get(headerNames[i]), Template.Place.HEADER);
        }
        this.body = c.compile("http.body", http.body(), Template.Place.BODY);
        this.close = !http.keepAlive();
        this.fixed = c.draws() == 0;
        this.bodyReadsVars = body.readsVars();
        this.trace = null;
        this.span = 0;
    }

    private RequestTemplate(RequestTemplate t, TraceContext trace, int span) {
        this.method = t.method;
        this.authority = t.authority;
        this.path = t.path;
        this.headerNames = t.headerNames;
        this.headerValues = t.headerValues;
        this.body = t.body;
        this.close = t.close;
        this.fixed = false; // every request carries its own trace id
        this.bodyReadsVars = t.bodyReadsVars;
        this.trace = trace;
        this.span = span;
    }

    /** These requests, each carrying {@code trace}'s context as span {@code span} of its operation's trace. */
    RequestTemplate traced(TraceContext trace, int span) {
        return new RequestTemplate(this, trace, span);
    }

    /** The {@code traceparent} of operation {@code seq}, or null without a trace context (HTTP/2). */
    String traceparent(long seq) {
        return trace == null ? null : trace.traceparent(seq, span);
    }

    /** The {@code tracestate} every request carries, or null. */
    String tracestate() {
        return trace == null ? null : trace.tracestate();
    }

    /** Whether every request is the same (no placeholder but {@code ${env}}): it can be encoded once. */
    boolean fixed() {
        return fixed;
    }

    String method() {
        return method;
    }

    /** {@code host[:port]} as the URL gives it: the Host header and HTTP/2's {@code :authority}. */
    String authority() {
        return authority;
    }

    /** Writes the HTTP/1.1 request of operation {@code seq} into {@code out}. */
    void writeHttp1(long seq, ByteBuf out) {
        writeHttp1(seq, null, null, out);
    }

    /**
     * Writes the HTTP/1.1 request of operation {@code seq} into {@code out}, its variables read from {@code vars}
     * (by slot; null when it has none) and with a {@code Cookie} header of {@code cookies} when that is not
     * empty. A variable that is not set, or whose value cannot stand in a header, is an {@link
     * IllegalArgumentException} naming it.
     */
    void writeHttp1(long seq, String[] vars, String cookies, ByteBuf out) {
        ascii(out, method);
        out.writeByte(' ');
        path.write(seq, vars, out);
        ascii(out, " HTTP/1.1\r\nHost: ");
        ascii(out, authority);
        ascii(out, "\r\n");
        for (int i = 0; i < headerNames.length; i++) {
            ascii(out, headerNames[i]);
            ascii(out, ": ");
            headerValues[i].write(seq, vars, out);
            ascii(out, "\r\n");
        }
        if (trace != null) {
            trace.writeHeaders(seq, span, out);
        }
        if (cookies != null && !cookies.isEmpty()) {
            ascii(out, "Cookie: ");
            ascii(out, cookies);
            ascii(out, "\r\n");
        }
        if (close) {
            ascii(out, "Connection: close\r\n");
        }
        ByteBuf scratch = null;
        long length;
        if (vars == null || !bodyReadsVars) {
            length = body.length(seq);
        } else {
            // a variable's length is known once it is encoded: the body is written first, then its length
            scratch = Unpooled.buffer(256);
            body.write(seq, vars, scratch);
            length = scratch.readableBytes();
        }
        if (length > 0 || !(method.equals("GET") || method.equals("HEAD"))) {
            ascii(out, "Content-Length: ");
            Template.digits(out, length);
            ascii(out, "\r\n");
        }
        ascii(out, "\r\n");
        if (scratch == null) {
            body.write(seq, vars, out);
        } else {
            out.writeBytes(scratch);
        }
    }

    /**
     * The path and query of operation {@code seq} (HTTP/2's {@code :path}), its variables read from {@code vars}
     * (null: it has none); a variable not set is an {@link IllegalArgumentException} naming it.
     */
    String path(long seq, String[] vars) {
        return path.render(seq, vars);
    }

    int headers() {
        return headerNames.length;
    }

    String headerName(int i) {
        return headerNames[i];
    }

    /** Header {@code i}'s value for operation {@code seq}, as {@link #path(long, String[])}. */
    String headerValue(int i, long seq, String[] vars) {
        return headerValues[i].render(seq, vars);
    }

    /** The body of operation {@code seq} with a session's variables ({@code vars}), as {@link #path}. */
    byte[] body(long seq, String[] vars) {
        ByteBuf out = Unpooled.buffer(bodyReadsVars ? 256 : (int) Math.min(1 << 20, body.length(seq)));
        body.write(seq, vars, out);
        byte[] bytes = new byte[out.readableBytes()];
        out.readBytes(bytes);
        return bytes;
    }

    /** The body's length for operation {@code seq}, bytes. */
    long bodyLength(long seq) {
        return body.length(seq);
    }

    /** Writes the body of operation {@code seq}. */
    void writeBody(long seq, ByteBuf out) {
        body.write(seq, null, out);
    }

    private static void ascii(ByteBuf out, String s) {
        out.writeCharSequence(s, StandardCharsets.US_ASCII);
    }
}
